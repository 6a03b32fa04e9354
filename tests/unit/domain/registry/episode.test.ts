import { describe, expect, it } from 'vitest';
import {
  defaultRegistrySettings as defaults,
  EpisodeView,
} from '../../../../functions/contracts/registry';
import {
  MEASURES_KEPT,
  applyActivity,
  attachScreening,
  outcome,
  toEpisodeView,
  weeksInTreatment,
} from '../../../../functions/domain/registry';
import { ZONE, activity, at, episode, phq9, screening, ulid } from './fixtures';

describe('applyActivity', () => {
  it('a call is a contact but not a session; a video is both', () => {
    const afterCall = applyActivity(episode(), activity({ kind: 'call', minutes: 15 }), ZONE);
    expect(afterCall).toMatchObject({
      contactCount: 1,
      sessionCount: 0,
      firstContactAt: '2026-03-05T17:00:00.000Z',
      lastContactAt: '2026-03-05T17:00:00.000Z',
      lastServiceAt: '2026-03-05T17:00:00.000Z',
      minutesByMonth: { '2026-03': 15 },
    });
    const afterVideo = applyActivity(
      afterCall,
      activity({ kind: 'video', minutes: 30, occurredAt: '2026-03-12T17:00:00.000Z' }),
      ZONE,
    );
    expect(afterVideo).toMatchObject({
      contactCount: 2,
      sessionCount: 1,
      firstContactAt: '2026-03-05T17:00:00.000Z',
      lastContactAt: '2026-03-12T17:00:00.000Z',
      minutesByMonth: { '2026-03': 45 },
    });
  });

  it('outreach and registry work count as service and minutes, not contacts', () => {
    const row = applyActivity(
      applyActivity(episode(), activity({ kind: 'outreach', minutes: 5 }), ZONE),
      activity({ kind: 'registry_review', minutes: 10, occurredAt: '2026-03-06T17:00:00.000Z' }),
      ZONE,
    );
    expect(row).toMatchObject({
      contactCount: 0,
      sessionCount: 0,
      minutesByMonth: { '2026-03': 15 },
    });
    expect(row.firstContactAt).toBeUndefined();
    expect(row.lastServiceAt).toBe('2026-03-06T17:00:00.000Z');
  });

  it('an activity logged late keeps the latest and earliest moments', () => {
    const row = applyActivity(
      episode({
        contactCount: 2,
        firstContactAt: '2026-03-05T17:00:00.000Z',
        lastContactAt: '2026-03-20T17:00:00.000Z',
        lastServiceAt: '2026-03-21T17:00:00.000Z',
      }),
      activity({ kind: 'visit', occurredAt: '2026-03-03T17:00:00.000Z' }),
      ZONE,
    );
    expect(row).toMatchObject({
      contactCount: 3,
      sessionCount: 1,
      firstContactAt: '2026-03-03T17:00:00.000Z',
      lastContactAt: '2026-03-20T17:00:00.000Z',
      lastServiceAt: '2026-03-21T17:00:00.000Z',
    });
  });

  it('files minutes under the clinic-local month: 2026-12-01T05:30Z is November in Denver', () => {
    const early = activity({ occurredAt: '2026-12-01T05:30:00.000Z', minutes: 20 });
    expect(applyActivity(episode(), early, ZONE).minutesByMonth).toEqual({ '2026-11': 20 });
    expect(applyActivity(episode(), early, 'UTC').minutesByMonth).toEqual({ '2026-12': 20 });
    expect(applyActivity(episode(), early, 'Europe/Berlin').minutesByMonth).toEqual({
      '2026-12': 20,
    });
  });

  it('keeps the four most recent months', () => {
    const row = episode({
      minutesByMonth: { '2026-01': 10, '2026-02': 20, '2026-03': 30, '2026-04': 40 },
    });
    const next = applyActivity(
      row,
      activity({ occurredAt: '2026-05-10T17:00:00.000Z', minutes: 5 }),
      ZONE,
    );
    expect(next.minutesByMonth).toEqual({
      '2026-02': 20,
      '2026-03': 30,
      '2026-04': 40,
      '2026-05': 5,
    });
    // A late entry for a month already dropped leaves nothing behind.
    const stale = applyActivity(
      next,
      activity({ occurredAt: '2026-01-10T17:00:00.000Z', minutes: 7 }),
      ZONE,
    );
    expect(stale.minutesByMonth).toEqual(next.minutesByMonth);
  });

  it('leaves version and updatedAt to the service', () => {
    const row = episode({ version: 4 });
    const next = applyActivity(row, activity(), ZONE);
    expect(next.version).toBe(4);
    expect(next.updatedAt).toBe(row.updatedAt);
    expect(row.contactCount).toBe(0);
  });
});

describe('attachScreening', () => {
  it('the first PHQ-9 and GAD-7 become the baseline and the measures', () => {
    const next = attachScreening(
      episode(),
      screening({ id: 30, at: '2026-03-02T15:00:00.000Z', phq9: { total: 16 }, gad7: 12 }),
    );
    expect(next?.baseline).toEqual({
      phq9: {
        instrument: 'phq9',
        score: 16,
        at: '2026-03-02T15:00:00.000Z',
        screeningId: ulid(30),
      },
      gad7: {
        instrument: 'gad7',
        score: 12,
        at: '2026-03-02T15:00:00.000Z',
        screeningId: ulid(30),
      },
    });
    expect(next?.measures.map((m) => m.instrument)).toEqual(['phq9', 'gad7']);
    expect(next?.safety).toBeUndefined();
  });

  it('later measures do not move the baseline and are kept newest first', () => {
    const first = attachScreening(
      episode(),
      screening({ id: 30, at: '2026-03-02T15:00:00.000Z', phq9: { total: 16 } }),
    );
    const second = attachScreening(
      first ?? episode(),
      screening({ id: 31, at: '2026-04-02T15:00:00.000Z', phq9: { total: 11 } }),
    );
    // Arrives late, but belongs between the two.
    const third = attachScreening(
      second ?? episode(),
      screening({ id: 32, at: '2026-03-15T15:00:00.000Z', phq9: { total: 13 } }),
    );
    expect(third?.baseline.phq9?.score).toBe(16);
    expect(third?.measures.map((m) => m.score)).toEqual([11, 13, 16]);
  });

  it('caps the measures, dropping the oldest', () => {
    const measures = Array.from({ length: MEASURES_KEPT }, (_, i) =>
      phq9(
        10,
        new Date(Date.UTC(2026, 0, 1) + (MEASURES_KEPT - i) * 86_400_000).toISOString(),
        100 + i,
      ),
    );
    const row = episode({ measures, baseline: { phq9: measures[MEASURES_KEPT - 1] } });
    const next = attachScreening(
      row,
      screening({ id: 500, at: '2026-06-01T15:00:00.000Z', phq9: { total: 7 } }),
    );
    expect(next?.measures).toHaveLength(MEASURES_KEPT);
    expect(next?.measures[0]?.score).toBe(7);
    expect(next?.measures.at(-1)).toEqual(measures[MEASURES_KEPT - 2]);
    expect(next?.baseline.phq9).toEqual(measures[MEASURES_KEPT - 1]);
  });

  it('is undefined when nothing changes: a retry, or a screening without PHQ-9, GAD-7 or risk', () => {
    const once = attachScreening(
      episode(),
      screening({ id: 30, at: '2026-03-02T15:00:00.000Z', phq9: { total: 16 } }),
    );
    expect(once).toBeDefined();
    expect(
      attachScreening(
        once ?? episode(),
        screening({ id: 30, at: '2026-03-02T15:00:00.000Z', phq9: { total: 16 } }),
      ),
    ).toBeUndefined();
    expect(
      attachScreening(
        episode(),
        screening({ id: 33, at: '2026-03-03T15:00:00.000Z', cssrs: 'low' }),
      ),
    ).toBeUndefined();
  });

  describe('safety', () => {
    it('PHQ-9 item 9 > 0 sets it; a later PHQ-9 with item 9 = 0 clears it', () => {
      const set = attachScreening(
        episode(),
        screening({ id: 30, at: '2026-03-03T15:00:00.000Z', phq9: { total: 14, item9: 1 } }),
      );
      expect(set?.safety).toEqual({
        since: '2026-03-03T15:00:00.000Z',
        trigger: 'phq9_item9',
        screeningId: ulid(30),
      });
      const cleared = attachScreening(
        set ?? episode(),
        screening({ id: 31, at: '2026-03-20T15:00:00.000Z', phq9: { total: 9, item9: 0 } }),
      );
      expect(cleared).toBeDefined();
      expect(cleared?.safety).toBeUndefined();
      expect(cleared && 'safety' in cleared).toBe(false);
    });

    it('C-SSRS moderate or high sets it with the level; low does not', () => {
      const high = attachScreening(
        episode(),
        screening({ id: 30, at: '2026-03-03T15:00:00.000Z', phq9: { total: 14 }, cssrs: 'high' }),
      );
      expect(high?.safety).toMatchObject({ trigger: 'cssrs', level: 'high' });
      const moderate = attachScreening(
        episode(),
        screening({ id: 31, at: '2026-03-03T15:00:00.000Z', cssrs: 'moderate' }),
      );
      expect(moderate?.safety).toMatchObject({ trigger: 'cssrs', level: 'moderate' });
      const low = attachScreening(
        episode(),
        screening({ id: 32, at: '2026-03-03T15:00:00.000Z', phq9: { total: 14 }, cssrs: 'low' }),
      );
      expect(low?.safety).toBeUndefined();
    });

    it('item 9 = 0 does not clear it while the same screening has a moderate C-SSRS', () => {
      const set = attachScreening(
        episode(),
        screening({ id: 30, at: '2026-03-03T15:00:00.000Z', phq9: { total: 14, item9: 2 } }),
      );
      const next = attachScreening(
        set ?? episode(),
        screening({
          id: 31,
          at: '2026-03-10T15:00:00.000Z',
          phq9: { total: 8 },
          cssrs: 'moderate',
        }),
      );
      // Still at risk: the state continues from its first trigger, now named by the C-SSRS.
      expect(next?.safety).toEqual({
        since: '2026-03-03T15:00:00.000Z',
        trigger: 'cssrs',
        level: 'moderate',
        screeningId: ulid(31),
      });
    });

    it('a late-arriving older screening neither sets nor clears it', () => {
      const set = attachScreening(
        episode(),
        screening({ id: 30, at: '2026-03-10T15:00:00.000Z', phq9: { total: 14, item9: 1 } }),
      );
      const older = attachScreening(
        set ?? episode(),
        screening({ id: 31, at: '2026-03-05T15:00:00.000Z', phq9: { total: 9 } }),
      );
      expect(older?.safety?.screeningId).toBe(ulid(30));
      const clean = attachScreening(
        episode(),
        screening({ id: 40, at: '2026-03-10T15:00:00.000Z', phq9: { total: 9 } }),
      );
      const olderRisk = attachScreening(
        clean ?? episode(),
        screening({ id: 41, at: '2026-03-05T15:00:00.000Z', phq9: { total: 14, item9: 2 } }),
      );
      expect(olderRisk?.safety).toBeUndefined();
    });
  });
});

describe('toEpisodeView', () => {
  const config = {
    clinic: { name: 'Mesa Family Medicine', timeZone: ZONE },
    scheduling: { sessionCap: 10, sessionReasonFrom: 12 },
  };

  it('computes the row in the clinic zone and satisfies the contract', () => {
    const row = episode({
      baseline: { phq9: phq9(18, '2026-03-02T15:00:00.000Z', 20) },
      measures: [
        { instrument: 'gad7', score: 9, at: '2026-04-01T15:00:00.000Z', screeningId: ulid(22) },
        phq9(12, '2026-04-01T15:00:00.000Z', 22),
        phq9(18, '2026-03-02T15:00:00.000Z', 20),
      ],
      contactCount: 2,
      firstContactAt: '2026-03-03T16:00:00.000Z',
      // 22:30 on 31 March in Denver, 04:30Z on 1 April.
      lastContactAt: '2026-04-01T04:30:00.000Z',
      minutesByMonth: { '2026-03': 50, '2026-04': 12 },
    });
    // 20:00 on 30 April in Denver is already 1 May in UTC.
    const view = toEpisodeView(row, config, at('2026-05-01T02:00:00.000Z'));
    expect(EpisodeView.parse(view)).toEqual(view);
    expect(view).toMatchObject({
      weeksInTreatment: 8,
      daysSinceLastContact: 30,
      minutesThisMonth: 12,
      latest: { phq9: { score: 12 }, gad7: { score: 9 } },
      clinicName: 'Mesa Family Medicine',
      timeZone: ZONE,
    });
    expect(view.flags.map((f) => f.kind)).toEqual(['new', 'not_improving']);
  });

  it('uses the clinic registry settings and its session cap', () => {
    const row = episode({ sessionCount: 5, lastPsychiatricReviewAt: '2026-03-03T16:00:00.000Z' });
    const view = toEpisodeView(
      row,
      {
        clinic: { ...config.clinic, registry: { ...defaults(), firstFollowUpDays: 7 } },
        scheduling: { sessionCap: 6, sessionReasonFrom: 8 },
      },
      at('2026-03-10T16:00:00.000Z'),
    );
    expect(view.flags.map((f) => f.kind)).toEqual(['first_follow_up_overdue', 'sessions_near_cap']);
    expect(view.daysSinceLastContact).toBeNull();
    expect(view.minutesThisMonth).toBe(0);
    expect(view.latest).toEqual({});
  });
});

describe('weeks in treatment and outcome', () => {
  it('counts whole weeks on the clinic calendar from the referral (MDT from 8 March)', () => {
    const row = episode({ referredOn: '2026-03-02' });
    expect(weeksInTreatment(row, at('2026-03-08T23:00:00.000Z'), ZONE)).toBe(0);
    expect(weeksInTreatment(row, at('2026-03-09T05:59:00.000Z'), ZONE)).toBe(0);
    expect(weeksInTreatment(row, at('2026-03-09T06:00:00.000Z'), ZONE)).toBe(1);
    expect(weeksInTreatment(row, at('2026-03-01T07:00:00.000Z'), ZONE)).toBe(0);
  });

  it('response is at or below half the baseline, remission below 5', () => {
    const base = phq9(20, '2026-03-02T15:00:00.000Z', 20);
    const latest = (score: number) =>
      episode({
        baseline: { phq9: base },
        measures: [phq9(score, '2026-05-01T15:00:00.000Z', 21), base],
      });
    expect(outcome(latest(10))).toEqual({
      response: true,
      remission: false,
      baseline: 20,
      latest: 10,
    });
    expect(outcome(latest(11))).toMatchObject({ response: false, remission: false });
    expect(outcome(latest(4))).toMatchObject({ response: true, remission: true });
    expect(outcome(latest(11), { responseFraction: 0.6, remissionBelow: 12 })).toMatchObject({
      response: true,
      remission: true,
    });
    expect(outcome(episode())).toEqual({
      response: false,
      remission: false,
      baseline: null,
      latest: null,
    });
  });
});
