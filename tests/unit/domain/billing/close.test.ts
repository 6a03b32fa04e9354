import { describe, expect, it } from 'vitest';
import { AdjustmentCreate, MonthClose, Worksheet } from '../../../../functions/contracts/billing';
import {
  adjustmentIssues,
  closeIssues,
  effectiveLine,
  priorMonthsOf,
} from '../../../../functions/domain/billing/index';
import { activity, bill, episode, EPISODE, lineOf, minutesIn, PATIENT } from './fixtures';

const worksheet = bill({
  episodes: [
    { ...episode(), lastSeenByBillingPractitionerOn: undefined },
    episode({ patientId: '01JBPAT0000000000000000002', episodeId: '01JBEPS0000000000000000002' }),
  ],
  activities: [
    ...minutesIn(90),
    activity({ performedBy: 'psy-1', role: 'psychiatrist', kind: 'case_review', minutes: 20 }),
    activity({ minutes: 10, occurredAt: '2026-11-02T16:30:00.000Z' }),
    ...minutesIn(40, '2026-11', {
      patientId: '01JBPAT0000000000000000002',
      episodeId: '01JBEPS0000000000000000002',
    }),
  ],
  now: new Date('2026-11-23T15:00:00.000Z'),
});
const close = MonthClose.parse({
  clinicId: 'pine-ridge',
  month: '2026-11',
  closedAt: '2026-12-02T16:00:00.000Z',
  closedBy: 'admin-1',
  worksheet,
});
const LINE = `2026-11~${EPISODE}`;
const adjust = (body: unknown) => AdjustmentCreate.parse(body);

describe('the worksheet is a valid contract value (what a close snapshots)', () => {
  it('parses with gates, exclusions, a ladder and a hint', () => {
    expect(Worksheet.parse(worksheet)).toEqual(worksheet);
    const line = worksheet.groups[0]?.lines.find((entry) => entry.patientId === PATIENT);
    expect(line?.gates.length).toBe(1);
    expect(line?.excluded.map((entry) => entry.reason).sort()).toEqual([
      'overlap',
      'role_not_counted',
    ]);
    expect(line?.minutesToNext).not.toBeNull();
  });
});

describe('month close', () => {
  it('a month closes only after it has ended in the clinic zone', () => {
    // December 1 00:00 in Denver is 07:00 UTC.
    expect(closeIssues('2026-11', new Date('2026-12-01T06:59:00Z'), 'America/Denver')).toEqual([
      { field: 'path.month', message: "2026-11 has not ended yet in the clinic's time zone" },
    ]);
    expect(closeIssues('2026-11', new Date('2026-12-01T07:00:00Z'), 'America/Denver')).toEqual([]);
  });

  it('adjustments reference a closed line and apply in order', () => {
    const line = lineOf({ activities: minutesIn(40) });
    const first = adjust({
      lineId: line.lineId,
      reason: 'call logged late',
      delta: { countedMinutes: 50, codes: [{ code: '99494', units: 1 }] },
    });
    const second = adjust({
      lineId: line.lineId,
      reason: 'payer denied the add-on',
      delta: { codes: [{ code: '99494', units: -1 }] },
    });
    expect(effectiveLine(line, [first])).toEqual({
      countedMinutes: 90,
      codes: [
        { code: '99492', units: 1 },
        { code: '99494', units: 1 },
      ],
    });
    expect(effectiveLine(line, [first, second]).codes).toEqual([{ code: '99492', units: 1 }]);
    expect(effectiveLine(line, [{ ...first, lineId: 'other' }]).countedMinutes).toBe(40);
  });

  it('an adjustment must name a closed line and may not make minutes or units negative', () => {
    expect(
      adjustmentIssues(
        close,
        [],
        adjust({ lineId: '2026-10~X', reason: 'oops', delta: { countedMinutes: 5 } }),
      ),
    ).toEqual([{ field: 'body.lineId', message: 'no such line in 2026-11' }]);
    const other = `2026-11~01JBEPS0000000000000000002`;
    const withdraw = adjust({
      lineId: other,
      reason: 'duplicate call',
      delta: {
        countedMinutes: -41,
        codes: [
          { code: '99492', units: -1 },
          { code: 'G2214', units: -1 },
        ],
      },
    });
    expect(adjustmentIssues(close, [], withdraw)).toEqual([
      {
        field: 'body.delta.countedMinutes',
        message: 'the line has 40 minutes after earlier adjustments',
      },
      {
        field: 'body.delta.codes.1.units',
        message: 'the line has 0 unit(s) of G2214 after earlier adjustments',
      },
    ]);
    const once = adjust({
      lineId: other,
      reason: 'denied',
      delta: { codes: [{ code: '99492', units: -1 }] },
    });
    expect(adjustmentIssues(close, [], once)).toEqual([]);
    expect(adjustmentIssues(close, [once], once)).toHaveLength(1);
  });

  it('an adjustment body must change something', () => {
    expect(AdjustmentCreate.safeParse({ lineId: LINE, reason: 'x', delta: {} }).success).toBe(
      false,
    );
    expect(
      AdjustmentCreate.safeParse({
        lineId: LINE,
        reason: 'x',
        delta: { codes: [{ code: '99494', units: 0 }] },
      }).success,
    ).toBe(false);
  });

  it('a closed month becomes the episode history of later months', () => {
    const fix = adjust({ lineId: LINE, reason: 'duplicate entry', delta: { countedMinutes: -5 } });
    expect(adjustmentIssues(close, [], fix)).toEqual([]);
    const history = priorMonthsOf(close, [fix]);
    expect(history.find((entry) => entry.episodeId === EPISODE)).toEqual({
      patientId: PATIENT,
      episodeId: EPISODE,
      month: '2026-11',
      countedMinutes: 85,
      // Held by the initiating-visit gate: no codes billed, but the minutes make it the first month.
      codes: [],
    });
    const december = lineOf({
      month: '2026-12',
      activities: minutesIn(40, '2026-12'),
      history,
      now: new Date('2026-12-20T00:00:00Z'),
    });
    expect(december.monthOfEpisode).toBe('later');
    expect(december.codes).toEqual([{ code: '99493', units: 1 }]);
  });
});
