import { describe, expect, it } from 'vitest';
import type { Recommendation, RegistryFlag } from '../../../../functions/contracts/registry';
import { Diagnosis } from '../../../../functions/contracts/registry';
import { DomainError } from '../../../../functions/domain/errors';
import {
  BUILT_IN_DIAGNOSES,
  acknowledge,
  diagnosisCatalog,
  dischargeIssues,
  isAcknowledgementOverdue,
  orderForReview,
  overlappingActivity,
  panelEntries,
  resolve,
  reviewPriority,
} from '../../../../functions/domain/registry';
import { DAY, ZONE, activity, at, episode, ulid } from './fixtures';

const plan = {
  whatHelps: ['walks'],
  warningSigns: ['sleeping badly'],
  whomToCall: ['sister'],
  updatedAt: '2026-05-05T16:00:00.000Z',
  updatedBy: 'bcm-1',
};

describe('discharge', () => {
  const lapse = { lapseMonths: 6 };
  it('goals met needs the relapse-prevention plan', () => {
    expect(
      dischargeIssues(episode(), { reason: 'goals_met' }, lapse, at('2026-06-01T16:00:00.000Z')),
    ).toEqual([{ field: 'body.reason', message: 'record the relapse-prevention plan first' }]);
    expect(
      dischargeIssues(
        episode({ relapsePlan: plan }),
        { reason: 'goals_met' },
        lapse,
        at('2026-06-01T16:00:00.000Z'),
      ),
    ).toEqual([]);
  });

  it('lapsed needs the clinic months without service; referred out needs nothing', () => {
    const row = episode({ lastServiceAt: '2026-04-01T16:00:00.000Z' });
    const early = dischargeIssues(
      row,
      { reason: 'lapsed' },
      lapse,
      at('2026-10-01T15:59:00.000Z'),
      ZONE,
    );
    expect(early).toEqual([
      {
        field: 'body.reason',
        message: 'not lapsed: the last service was on 2026-04-01, less than 6 months ago',
      },
    ]);
    expect(
      dischargeIssues(row, { reason: 'lapsed' }, lapse, at('2026-10-01T16:00:00.000Z'), ZONE),
    ).toEqual([]);
    expect(
      dischargeIssues(
        row,
        { reason: 'lapsed' },
        { lapseMonths: 3 },
        at('2026-07-02T16:00:00.000Z'),
        ZONE,
      ),
    ).toEqual([]);
    expect(
      dischargeIssues(row, { reason: 'referred_out' }, lapse, at('2026-04-02T16:00:00.000Z')),
    ).toEqual([]);
  });

  it('discharging twice is a conflict', () => {
    const done = episode({
      status: 'discharged',
      discharge: { reason: 'referred_out', at: '2026-04-02T16:00:00.000Z', by: 'bcm-1' },
    });
    expect(() =>
      dischargeIssues(done, { reason: 'referred_out' }, lapse, at('2026-04-03T16:00:00.000Z')),
    ).toThrow(expect.objectContaining({ kind: 'conflict' }));
  });
});

describe('review priority', () => {
  const flags = (...kinds: RegistryFlag['kind'][]) =>
    kinds.map((kind) => ({ kind, since: '2026-03-03T16:00:00.000Z', reason: '' }));

  it.each([
    [['contact_overdue', 'new', 'safety'], 'safety'],
    [['review_requested', 'new'], 'new'],
    [['review_requested', 'not_improving'], 'not_improving'],
    [['lapsed', 'review_requested'], 'review_requested'],
    [['lapsed', 'contact_overdue'], 'other'],
    [[], 'other'],
  ] as const)('%j → %s', (kinds, expected) => {
    expect(reviewPriority(flags(...kinds))).toBe(expected);
  });

  it('orders by priority, then longest in treatment, stably', () => {
    const rows = [
      { id: 'a', flags: flags('contact_overdue'), weeksInTreatment: 20 },
      { id: 'b', flags: flags('review_requested'), weeksInTreatment: 3 },
      { id: 'c', flags: flags('new'), weeksInTreatment: 1 },
      { id: 'd', flags: flags('not_improving'), weeksInTreatment: 9 },
      { id: 'e', flags: flags('not_improving'), weeksInTreatment: 12 },
      { id: 'f', flags: flags('safety', 'new'), weeksInTreatment: 2 },
      { id: 'g', flags: flags('not_improving'), weeksInTreatment: 9 },
      { id: 'h', flags: [], weeksInTreatment: 20 },
    ];
    expect(orderForReview(rows).map((row) => row.id)).toEqual([
      'f',
      'c',
      'e',
      'd',
      'g',
      'b',
      'a',
      'h',
    ]);
    expect(panelEntries(rows).map((row) => [row.id, row.priority])).toEqual([
      ['f', 'safety'],
      ['c', 'new'],
      ['e', 'not_improving'],
      ['d', 'not_improving'],
      ['g', 'not_improving'],
      ['b', 'review_requested'],
      ['a', 'other'],
      ['h', 'other'],
    ]);
    expect(rows.map((row) => row.id).join('')).toBe('abcdefgh');
  });
});

describe('recommendations', () => {
  const sent: Recommendation = {
    recommendationId: ulid(60),
    clinicId: 'clinic-one',
    patientId: ulid(2),
    episodeId: ulid(1),
    patientLabel: 'Ana Diaz',
    kind: 'medication_change',
    text: 'Increase sertraline to 100 mg',
    by: 'psy-1',
    at: '2026-04-01T16:00:00.000Z',
    to: 'pcp-1',
    status: 'sent',
    version: 1,
  };
  const now = at('2026-04-02T16:00:00.000Z');

  it('is overdue only while unacknowledged past the clinic days', () => {
    const week = { recommendationAckDays: 7 };
    expect(isAcknowledgementOverdue(sent, week, at(sent.at, 7 * DAY))).toBe(false);
    expect(isAcknowledgementOverdue(sent, week, at(sent.at, 7 * DAY + 1))).toBe(true);
    expect(
      isAcknowledgementOverdue(sent, { recommendationAckDays: 3 }, at(sent.at, 3 * DAY + 1)),
    ).toBe(true);
    expect(
      isAcknowledgementOverdue(acknowledge(sent, 'pcp-1', now), week, at(sent.at, 30 * DAY)),
    ).toBe(false);
  });

  it('acknowledge: sent → acknowledged once, by the addressee only', () => {
    const acked = acknowledge(sent, 'pcp-1', now);
    expect(acked).toEqual({
      ...sent,
      status: 'acknowledged',
      acknowledgedAt: now.toISOString(),
      version: 2,
    });
    expect(() => acknowledge(acked, 'pcp-1', now)).toThrow(
      expect.objectContaining({ kind: 'conflict' }),
    );
    expect(() => acknowledge(sent, 'pcp-2', now)).toThrow(
      expect.objectContaining({ kind: 'forbidden' }),
    );
  });

  it('resolve: from sent or acknowledged; declining needs a reason; resolved is final', () => {
    const implemented = resolve(sent, 'implemented', undefined, now);
    expect(implemented).toMatchObject({
      status: 'implemented',
      acknowledgedAt: now.toISOString(),
      resolvedAt: now.toISOString(),
      version: 2,
    });
    expect(implemented.reason).toBeUndefined();
    const acked = acknowledge(sent, 'pcp-1', at('2026-04-01T18:00:00.000Z'));
    const declined = resolve(acked, 'declined', '  patient prefers therapy ', now, 'pcp-1');
    expect(declined).toMatchObject({
      status: 'declined',
      reason: 'patient prefers therapy',
      acknowledgedAt: '2026-04-01T18:00:00.000Z',
      version: 3,
    });
    let error: unknown;
    try {
      resolve(sent, 'declined', '  ', now);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ kind: 'validation', fields: [{ field: 'body.reason' }] });
    expect(() => resolve(declined, 'implemented', undefined, now)).toThrow(
      expect.objectContaining({ kind: 'conflict' }),
    );
    expect(() => resolve(sent, 'implemented', undefined, now, 'pcp-2')).toThrow(
      expect.objectContaining({ kind: 'forbidden' }),
    );
  });
});

describe('overlapping activities (half-open intervals)', () => {
  const existing = [
    activity({ activityId: ulid(70), occurredAt: '2026-03-05T17:00:00.000Z', minutes: 30 }),
    activity({ activityId: ulid(71), occurredAt: '2026-03-05T18:00:00.000Z', minutes: 15 }),
  ];
  it.each([
    ['ends as the first starts', '2026-03-05T16:40:00.000Z', 20, undefined],
    ['starts as the first ends', '2026-03-05T17:30:00.000Z', 30, undefined],
    ['a short one in the gap', '2026-03-05T17:40:00.000Z', 10, undefined],
    ['one minute into the first', '2026-03-05T16:40:00.000Z', 21, 70],
    ['inside the first', '2026-03-05T17:10:00.000Z', 5, 70],
    ['around the second', '2026-03-05T17:55:00.000Z', 30, 71],
    ['one minute into the second', '2026-03-05T17:30:00.000Z', 31, 71],
  ])('%s → %s', (_, occurredAt, minutes, clash) => {
    expect(overlappingActivity(existing, { occurredAt, minutes })?.activityId).toBe(
      clash === undefined ? undefined : ulid(clash),
    );
  });

  it('an activity never clashes with itself', () => {
    expect(
      overlappingActivity(existing, {
        activityId: ulid(70),
        occurredAt: '2026-03-05T17:00:00.000Z',
        minutes: 30,
      }),
    ).toBeUndefined();
  });
});

describe('diagnosis catalog', () => {
  it('every built-in is a valid ICD-10 code, once', () => {
    for (const diagnosis of BUILT_IN_DIAGNOSES)
      expect(Diagnosis.parse(diagnosis)).toEqual(diagnosis);
    expect(new Set(BUILT_IN_DIAGNOSES.map((d) => d.code)).size).toBe(BUILT_IN_DIAGNOSES.length);
    expect(BUILT_IN_DIAGNOSES.length).toBeGreaterThanOrEqual(30);
    expect(BUILT_IN_DIAGNOSES.map((d) => d.code)).toEqual(
      expect.arrayContaining(['F32.A', 'F41.1', 'F43.10', 'F17.210']),
    );
  });

  it('adds the clinic extras after the built-ins, without duplicate codes', () => {
    const catalog = diagnosisCatalog({
      extraDiagnoses: [
        { code: 'F41.1', label: 'GAD (clinic wording)' },
        { code: 'F31.9', label: 'Bipolar disorder, unspecified' },
        { code: 'F31.9', label: 'Bipolar again' },
      ],
    });
    expect(catalog).toHaveLength(BUILT_IN_DIAGNOSES.length + 1);
    expect(catalog.at(-1)).toEqual({ code: 'F31.9', label: 'Bipolar disorder, unspecified' });
    expect(catalog.find((d) => d.code === 'F41.1')?.label).toBe('Generalized anxiety disorder');
    expect(diagnosisCatalog({ extraDiagnoses: [] })).toEqual([...BUILT_IN_DIAGNOSES]);
  });
});
