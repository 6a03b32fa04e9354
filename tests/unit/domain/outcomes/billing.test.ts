import { describe, expect, it } from 'vitest';
import { BillingSettings } from '../../../../functions/contracts/billing';
import { billedMonths, monthlyFteCostCents } from '../../../../functions/domain/outcomes';
import { ZONE, activity, episode, ulid } from '../registry/fixtures';

const settings = BillingSettings.parse({
  rates: { year: 2026, cents: { '99492': 15_000, '99493': 12_000, G2214: 4_000 } },
  bhFteAnnualCostCents: 1_200_000,
});
const enrolled = episode({
  referredOn: '2026-01-05',
  enrolledAt: '2026-01-05T16:00:00.000Z',
  consent: { ...episode().consent, obtainedAt: '2026-01-05T15:00:00.000Z' },
  lastSeenByBillingPractitionerOn: '2025-12-01',
});
let n = 100;
const minutes = (count: number, occurredAt: string) =>
  activity({ activityId: ulid(n++), minutes: count, occurredAt });
const activities = [
  minutes(40, '2026-01-10T16:00:00.000Z'),
  minutes(35, '2026-02-10T16:00:00.000Z'),
  minutes(20, '2026-03-10T16:00:00.000Z'),
];
const input = {
  clinicId: 'clinic-one',
  timeZone: ZONE,
  settings,
  episodes: [enrolled],
  activities,
  from: '2026-02',
  to: '2026-03',
  now: new Date('2026-04-15T16:00:00.000Z'),
};

describe('billedMonths', () => {
  it('bills the range with earlier months as history: 99493 after a 99492 month, then G2214', () => {
    const months = billedMonths({ ...input, historyFrom: '2026-01' });
    expect(months.map((m) => m.outcome)).toEqual([
      {
        month: '2026-02',
        closed: false,
        patients: 1,
        units: { '99493': 1 },
        estimatedRevenueCents: 12_000,
        bhFteCostCents: 100_000,
      },
      {
        month: '2026-03',
        closed: false,
        patients: 1,
        units: { G2214: 1 },
        estimatedRevenueCents: 4_000,
        bhFteCostCents: 100_000,
      },
    ]);
    expect(months[0]?.lines).toEqual([
      { patientId: enrolled.patientId, episodeId: enrolled.episodeId, patient: enrolled.patient },
    ]);
  });

  it('without the earlier month, February would be judged as a first month (35 < 36: G2214)', () => {
    const months = billedMonths({ ...input, historyFrom: '2026-02' });
    expect(months[0]?.outcome.units).toEqual({ G2214: 1 });
  });

  it('lists no patient for a month whose line is gated', () => {
    const gated = { ...enrolled, lastSeenByBillingPractitionerOn: undefined };
    const months = billedMonths({ ...input, episodes: [gated], historyFrom: '2026-01' });
    expect(months.map((m) => [m.outcome.patients, m.lines.length, m.outcome.units])).toEqual([
      [0, 0, {}],
      [0, 0, {}],
    ]);
  });

  it('prorates the annual BH FTE cost per month', () => {
    expect(monthlyFteCostCents({ bhFteAnnualCostCents: 1_000_000 })).toBe(83_333);
  });
});
