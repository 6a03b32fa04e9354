import { describe, expect, it } from 'vitest';
import type { Episode, RegistryFlag } from '../../../../functions/contracts/registry';
import { registryFlags } from '../../../../functions/domain/registry';
import { DAY, ZONE, at, episode, phq9, settings, ulid } from './fixtures';

const kinds = (flags: RegistryFlag[]) => flags.map((flag) => flag.kind);
const find = (flags: RegistryFlag[], kind: RegistryFlag['kind']) =>
  flags.find((f) => f.kind === kind);
/** Reviewed and contacted recently: no flag unless a case sets one up. */
const quiet = (overrides: Partial<Episode> = {}): Episode =>
  episode({
    lastPsychiatricReviewAt: '2026-03-10T16:00:00.000Z',
    contactCount: 2,
    firstContactAt: '2026-03-03T16:00:00.000Z',
    lastContactAt: '2026-03-20T16:00:00.000Z',
    lastServiceAt: '2026-03-20T16:00:00.000Z',
    ...overrides,
  });

describe('registry flags', () => {
  it('a fresh enrolment is only "new", since its enrolment', () => {
    const flags = registryFlags(episode(), settings(), at('2026-03-03T16:00:00.000Z'), ZONE);
    expect(flags).toEqual([
      {
        kind: 'new',
        since: '2026-03-02T16:00:00.000Z',
        reason: 'not yet reviewed by the psychiatrist',
      },
    ]);
    expect(registryFlags(quiet(), settings(), at('2026-03-25T16:00:00.000Z'), ZONE)).toEqual([]);
  });

  it('a discharged episode has no flags whatever its state', () => {
    const row = episode({
      status: 'discharged',
      discharge: { reason: 'referred_out', at: '2026-03-05T16:00:00.000Z', by: 'bcm-1' },
      safety: { since: '2026-03-03T16:00:00.000Z', trigger: 'phq9_item9', screeningId: ulid(9) },
      sessionCount: 11,
    });
    expect(registryFlags(row, settings(), at('2027-03-03T16:00:00.000Z'), ZONE)).toEqual([]);
  });

  it('names the safety trigger and keeps the moment it started', () => {
    const item9 = quiet({
      safety: { since: '2026-03-21T16:00:00.000Z', trigger: 'phq9_item9', screeningId: ulid(9) },
    });
    const cssrs = quiet({
      safety: {
        since: '2026-03-21T16:00:00.000Z',
        trigger: 'cssrs',
        level: 'high',
        screeningId: ulid(9),
      },
    });
    const now = at('2026-03-22T16:00:00.000Z');
    expect(find(registryFlags(item9, settings(), now, ZONE), 'safety')).toMatchObject({
      since: '2026-03-21T16:00:00.000Z',
      reason: expect.stringContaining('PHQ-9 item 9 answered > 0'),
    });
    expect(find(registryFlags(cssrs, settings(), now, ZONE), 'safety')?.reason).toContain(
      'C-SSRS high',
    );
  });

  describe('first follow-up within 28 days of the initial contact', () => {
    const contact = '2026-04-01T16:00:00.000Z';
    const once = quiet({
      contactCount: 1,
      firstContactAt: contact,
      lastContactAt: contact,
      lastServiceAt: contact,
    });
    it.each([
      ['27 days', 27 * DAY, false],
      ['exactly 28 days', 28 * DAY, false],
      ['28 days and a second', 28 * DAY + 1000, true],
    ])('%s after it → overdue: %s', (_, plus, overdue) => {
      const flag = find(
        registryFlags(once, settings(), at(contact, plus), ZONE),
        'first_follow_up_overdue',
      );
      expect(flag !== undefined).toBe(overdue);
      if (flag) {
        expect(flag.since).toBe('2026-04-29T16:00:00.000Z');
        expect(flag.reason).toBe(
          'no follow-up contact within 28 days of the initial contact on 2026-04-01',
        );
      }
    });

    it('without any contact the clock starts at enrolment, on the clinic wall clock across DST', () => {
      // 09:00 MST on 2 March + 28 days is 09:00 MDT on 30 March: 15:00Z, not 16:00Z.
      const none = quiet({ contactCount: 0, firstContactAt: undefined, lastContactAt: undefined });
      const dueAt = '2026-03-30T15:00:00.000Z';
      expect(kinds(registryFlags(none, settings(), at(dueAt), ZONE))).not.toContain(
        'first_follow_up_overdue',
      );
      expect(
        find(registryFlags(none, settings(), at(dueAt, 1), ZONE), 'first_follow_up_overdue'),
      ).toEqual({
        kind: 'first_follow_up_overdue',
        since: dueAt,
        reason: 'no follow-up contact within 28 days of enrolment on 2026-03-02 (no contact yet)',
      });
    });

    it('a second contact ends it, and the clinic setting moves the threshold', () => {
      const twice = { ...once, contactCount: 2 };
      expect(kinds(registryFlags(twice, settings(), at(contact, 40 * DAY), ZONE))).not.toContain(
        'first_follow_up_overdue',
      );
      const strict = settings({ firstFollowUpDays: 14 });
      expect(
        find(
          registryFlags(once, strict, at(contact, 14 * DAY + 1), ZONE),
          'first_follow_up_overdue',
        )?.since,
      ).toBe('2026-04-15T16:00:00.000Z');
    });
  });

  describe('contact overdue after the clinic interval (default 30 days)', () => {
    const last = '2026-04-01T16:00:00.000Z';
    const row = quiet({ contactCount: 3, lastContactAt: last, lastServiceAt: last });
    it.each([
      [29, 0, false],
      [30, 0, false],
      [30, 60_000, true],
      [31, 0, true],
    ])('%i days (+%i ms) after the last contact → overdue: %s', (days, extra, overdue) => {
      const flag = find(
        registryFlags(row, settings(), at(last, days * DAY + extra), ZONE),
        'contact_overdue',
      );
      expect(flag !== undefined).toBe(overdue);
      if (flag) {
        expect(flag.since).toBe('2026-05-01T16:00:00.000Z');
        expect(flag.reason).toBe('no contact for more than 30 days: the last was on 2026-04-01');
      }
    });

    it('follows a shorter clinic interval, and never fires before any contact', () => {
      expect(
        kinds(registryFlags(row, settings({ contactIntervalDays: 14 }), at(last, 15 * DAY), ZONE)),
      ).toContain('contact_overdue');
      const none = quiet({ contactCount: 0, lastContactAt: undefined, firstContactAt: undefined });
      expect(kinds(registryFlags(none, settings(), at(last, 90 * DAY), ZONE))).not.toContain(
        'contact_overdue',
      );
    });
  });

  describe('not improving from week 8', () => {
    // Referred 2026-03-02: week 8 begins at local midnight on 2026-04-27 (06:00Z in MDT).
    const week8 = '2026-04-27T06:00:00.000Z';
    const withLatest = (baseline: number, latest: number) =>
      quiet({
        baseline: { phq9: phq9(baseline, '2026-03-02T16:00:00.000Z', 20) },
        measures: [
          phq9(latest, '2026-04-20T16:00:00.000Z', 21),
          phq9(baseline, '2026-03-02T16:00:00.000Z', 20),
        ],
        lastContactAt: '2026-04-20T16:00:00.000Z',
        lastServiceAt: '2026-04-20T16:00:00.000Z',
      });

    it.each([
      ['week 7 (23:59 local on day 55)', '2026-04-27T05:59:00.000Z', 18, 15, false],
      ['week 8, PHQ-9 15', week8, 18, 15, true],
      ['week 8, PHQ-9 10 (not below 10, above 50% of 18)', week8, 18, 10, true],
      ['week 8, PHQ-9 9 (below 10)', week8, 18, 9, false],
      ['week 8, PHQ-9 12 = exactly 50% of 24', week8, 24, 12, false],
      ['week 8, PHQ-9 13 > 50% of 24', week8, 24, 13, true],
    ])('%s → flagged: %s', (_, now, baseline, latest, flagged) => {
      const flag = find(
        registryFlags(withLatest(baseline, latest), settings(), at(now), ZONE),
        'not_improving',
      );
      expect(flag !== undefined).toBe(flagged);
      if (flag) expect(flag.since).toBe(week8);
    });

    it('explains itself with the numbers', () => {
      const flag = find(
        registryFlags(withLatest(18, 15), settings(), at(week8), ZONE),
        'not_improving',
      );
      expect(flag?.reason).toBe(
        '8 weeks in treatment and the latest PHQ-9 is 15: not below 10 nor at or below 50% of the baseline 18 (9); psychiatric case review due',
      );
    });

    it('without a baseline only the score threshold can clear it', () => {
      const row = quiet({ measures: [phq9(12, '2026-04-20T16:00:00.000Z', 21)] });
      expect(find(registryFlags(row, settings(), at(week8), ZONE), 'not_improving')?.reason).toBe(
        '8 weeks in treatment and the latest PHQ-9 is 12: not below 10 (no baseline PHQ-9 to compare with); psychiatric case review due',
      );
    });

    it('starts at a later not-improving PHQ-9 when the one current at week 8 was improving', () => {
      const row = quiet({
        baseline: { phq9: phq9(20, '2026-03-02T16:00:00.000Z', 20) },
        measures: [
          phq9(14, '2026-05-04T16:00:00.000Z', 23),
          phq9(12, '2026-05-01T16:00:00.000Z', 22),
          phq9(8, '2026-04-10T16:00:00.000Z', 21),
          phq9(20, '2026-03-02T16:00:00.000Z', 20),
        ],
      });
      const flag = find(
        registryFlags(row, settings(), at('2026-05-10T16:00:00.000Z'), ZONE),
        'not_improving',
      );
      expect(flag?.since).toBe('2026-05-01T16:00:00.000Z');
    });

    it('is not raised without any PHQ-9, and follows the clinic settings', () => {
      expect(
        kinds(registryFlags(quiet(), settings(), at('2026-06-01T16:00:00.000Z'), ZONE)),
      ).not.toContain('not_improving');
      const later = settings({ notImprovingWeeks: 12 });
      expect(
        find(registryFlags(withLatest(18, 15), later, at(week8), ZONE), 'not_improving'),
      ).toBeUndefined();
      const lenient = settings({ notImprovingScore: 16 });
      expect(
        find(registryFlags(withLatest(18, 15), lenient, at(week8), ZONE), 'not_improving'),
      ).toBeUndefined();
      const stricter = settings({ responseFraction: 0.3, notImprovingScore: 5 });
      // 30% of 20 is 6: a PHQ-9 of 6 is a response under this clinic's rule, 7 is not.
      const at6 = registryFlags(withLatest(20, 6), stricter, at(week8), ZONE);
      const at7 = registryFlags(withLatest(20, 7), stricter, at(week8), ZONE);
      expect(find(at6, 'not_improving')).toBeUndefined();
      expect(find(at7, 'not_improving')?.reason).toContain(
        'nor at or below 30% of the baseline 20 (6)',
      );
    });
  });

  it('quotes the BCM question, truncated to 80 characters', () => {
    const question = `${'Is the dose right for her sleep problems '.repeat(3)}?`;
    const row = quiet({ reviewRequest: { by: 'bcm-1', at: '2026-03-21T16:00:00.000Z', question } });
    const flag = find(
      registryFlags(row, settings(), at('2026-03-22T16:00:00.000Z'), ZONE),
      'review_requested',
    );
    expect(flag?.since).toBe('2026-03-21T16:00:00.000Z');
    expect(flag?.reason.startsWith('BCM asked: Is the dose right')).toBe(true);
    expect(flag?.reason.length).toBeLessThanOrEqual('BCM asked: '.length + 80);
    expect(flag?.reason.endsWith('…')).toBe(true);
    const short = quiet({
      reviewRequest: { by: 'bcm-1', at: '2026-03-21T16:00:00.000Z', question: 'Add sertraline?' },
    });
    expect(
      find(
        registryFlags(short, settings(), at('2026-03-22T16:00:00.000Z'), ZONE),
        'review_requested',
      )?.reason,
    ).toBe('BCM asked: Add sertraline?');
  });

  describe('sessions against the cap (10) and the reason threshold (12)', () => {
    it.each([
      [8, []],
      [9, ['sessions_near_cap']],
      [10, ['sessions_near_cap']],
      [11, ['sessions_past_cap']],
      [14, ['sessions_past_cap']],
    ])('%i sessions → %j', (sessionCount, expected) => {
      const flags = registryFlags(
        quiet({ sessionCount }),
        settings(),
        at('2026-03-25T16:00:00.000Z'),
        ZONE,
      );
      expect(kinds(flags).filter((kind) => kind.startsWith('sessions'))).toEqual(expected);
    });

    it('explains the numbers', () => {
      const now = at('2026-03-25T16:00:00.000Z');
      expect(
        find(registryFlags(quiet({ sessionCount: 9 }), settings(), now, ZONE), 'sessions_near_cap'),
      ).toEqual({
        kind: 'sessions_near_cap',
        since: '2026-03-20T16:00:00.000Z',
        reason: "9 sessions so far: the next one reaches the clinic's cap of 10",
      });
      expect(
        find(registryFlags(quiet({ sessionCount: 10 }), settings(), now, ZONE), 'sessions_near_cap')
          ?.reason,
      ).toBe("10 sessions so far: the next one passes the clinic's cap of 10");
      expect(
        find(registryFlags(quiet({ sessionCount: 11 }), settings(), now, ZONE), 'sessions_past_cap')
          ?.reason,
      ).toBe(
        "11 sessions so far: session 12 needs a documented reason (required from session 12; the clinic's cap is 10)",
      );
    });

    it('follows the clinic scheduling settings', () => {
      const clinic = settings({ sessionCap: 6, sessionReasonFrom: 8 });
      const now = at('2026-03-25T16:00:00.000Z');
      expect(kinds(registryFlags(quiet({ sessionCount: 5 }), clinic, now, ZONE))).toEqual([
        'sessions_near_cap',
      ]);
      expect(kinds(registryFlags(quiet({ sessionCount: 7 }), clinic, now, ZONE))).toEqual([
        'sessions_past_cap',
      ]);
    });
  });

  describe('relapse plan due on response or remission', () => {
    const now = at('2026-05-10T16:00:00.000Z');
    const base = { phq9: phq9(20, '2026-03-02T16:00:00.000Z', 20) };

    it('since the first of the responding PHQ-9s that the latest belongs to', () => {
      const row = quiet({
        baseline: base,
        measures: [
          phq9(9, '2026-05-04T16:00:00.000Z', 24),
          phq9(10, '2026-04-27T16:00:00.000Z', 23),
          phq9(15, '2026-04-10T16:00:00.000Z', 22),
          base.phq9,
        ],
      });
      expect(find(registryFlags(row, settings(), now, ZONE), 'relapse_plan_due')).toEqual({
        kind: 'relapse_plan_due',
        since: '2026-04-27T16:00:00.000Z',
        reason:
          'latest PHQ-9 9 shows response (at or below 50% of the baseline 20): record the relapse-prevention plan',
      });
    });

    it('names remission, and is not raised with a plan or without improvement', () => {
      const remitted = quiet({
        baseline: base,
        measures: [phq9(4, '2026-05-04T16:00:00.000Z', 24), base.phq9],
      });
      expect(
        find(registryFlags(remitted, settings(), now, ZONE), 'relapse_plan_due')?.reason,
      ).toContain('remission (below 5)');
      const planned = {
        ...remitted,
        relapsePlan: {
          whatHelps: ['walks'],
          warningSigns: ['sleeping badly'],
          whomToCall: ['sister'],
          updatedAt: '2026-05-05T16:00:00.000Z',
          updatedBy: 'bcm-1',
        },
      };
      expect(kinds(registryFlags(planned, settings(), now, ZONE))).not.toContain(
        'relapse_plan_due',
      );
      const steady = quiet({
        baseline: base,
        measures: [phq9(11, '2026-05-04T16:00:00.000Z', 24), base.phq9],
      });
      expect(kinds(registryFlags(steady, settings(), now, ZONE))).not.toContain('relapse_plan_due');
    });
  });

  describe('lapsed after months without service', () => {
    const last = '2026-04-01T16:00:00.000Z';
    const row = quiet({ lastContactAt: last, lastServiceAt: last });
    it.each([
      ['a second before 6 months', '2026-10-01T15:59:59.000Z', false],
      ['exactly 6 months', '2026-10-01T16:00:00.000Z', true],
    ])('%s → lapsed: %s', (_, now, lapsed) => {
      const flag = find(registryFlags(row, settings(), at(now), ZONE), 'lapsed');
      expect(flag !== undefined).toBe(lapsed);
      if (flag) {
        expect(flag.since).toBe('2026-10-01T16:00:00.000Z');
        expect(flag.reason).toBe(
          '6 months without service since the last service on 2026-04-01: may be discharged as lapsed',
        );
      }
    });

    it('follows the clinic setting and counts from enrolment when nothing happened', () => {
      expect(
        kinds(
          registryFlags(row, settings({ lapseMonths: 3 }), at('2026-07-01T16:00:00.000Z'), ZONE),
        ),
      ).toContain('lapsed');
      const idle = episode({ lastPsychiatricReviewAt: '2026-03-03T16:00:00.000Z' });
      expect(
        find(registryFlags(idle, settings(), at('2026-09-02T16:00:00.000Z'), ZONE), 'lapsed')
          ?.since,
      ).toBe('2026-09-02T15:00:00.000Z');
    });
  });

  it('lists flags in the contract order', () => {
    const row = episode({
      safety: { since: '2026-03-03T16:00:00.000Z', trigger: 'phq9_item9', screeningId: ulid(9) },
      reviewRequest: { by: 'bcm-1', at: '2026-03-04T16:00:00.000Z', question: 'Dose?' },
      sessionCount: 11,
    });
    expect(kinds(registryFlags(row, settings(), at('2026-12-01T16:00:00.000Z'), ZONE))).toEqual([
      'safety',
      'new',
      'review_requested',
      'first_follow_up_overdue',
      'sessions_past_cap',
      'lapsed',
    ]);
  });
});
