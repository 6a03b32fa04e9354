/**
 * CoCM codes billed per month and the revenue estimate, from the billing engine itself: each month
 * is billed in order, earlier months feeding the episode rules (99492 once, then 99493), exactly
 * as the worksheet does. Months before `from` are billed only as that history.
 */
import type { CareActivity } from '../../contracts/activities';
import type { BillingSettings } from '../../contracts/billing';
import type { BillingMonthOutcome } from '../../contracts/outcomes';
import type { PriorMonth, Worksheet } from '../../contracts/billing';
import { addMonths, type BillingEpisode, billMonth, clinicMonth } from '../billing';

export interface BilledMonthsInput {
  clinicId: string;
  timeZone: string;
  settings: BillingSettings;
  episodes: readonly BillingEpisode[];
  /** The activities of every month from `historyFrom` to `to` (others are ignored). */
  activities: readonly CareActivity[];
  /** The first month billed as history (≤ from). */
  historyFrom: string;
  from: string;
  to: string;
  now: Date;
}

export interface BilledLine {
  patientId: string;
  episodeId: string;
  patient: { givenName: string; familyName: string };
}

export interface BilledMonth {
  outcome: BillingMonthOutcome;
  /** The lines with at least one billable code. */
  lines: BilledLine[];
}

/** The admin's annual BH staff cost, one twelfth per month. */
export const monthlyFteCostCents = (settings: Pick<BillingSettings, 'bhFteAnnualCostCents'>) =>
  Math.round(settings.bhFteAnnualCostCents / 12);

/**
 * One month's outcome from a worksheet: a live one while the month is open, the closed snapshot
 * (adjustments applied) once it is closed.
 */
export const billedMonthOf = (
  sheet: Pick<Worksheet, 'month' | 'groups' | 'totals'>,
  settings: Pick<BillingSettings, 'bhFteAnnualCostCents'>,
  closed: boolean,
): BilledMonth => {
  const withCodes = sheet.groups
    .flatMap((group) => group.lines)
    .filter((line) => line.codes.length > 0);
  return {
    outcome: {
      month: sheet.month,
      closed,
      patients: withCodes.length,
      units: sheet.totals.units,
      estimatedRevenueCents: sheet.totals.estimatedRevenueCents,
      bhFteCostCents: monthlyFteCostCents(settings),
    },
    lines: withCodes.map((line) => ({
      patientId: line.patientId,
      episodeId: line.episodeId,
      patient: line.patient,
    })),
  };
};

export const billedMonths = (input: BilledMonthsInput): BilledMonth[] => {
  const byMonth = new Map<string, CareActivity[]>();
  for (const activity of input.activities) {
    const month = clinicMonth(new Date(activity.occurredAt), input.timeZone);
    const held = byMonth.get(month);
    if (held) held.push(activity);
    else byMonth.set(month, [activity]);
  }
  const history: PriorMonth[] = [];
  const billed: BilledMonth[] = [];
  const start = input.historyFrom < input.from ? input.historyFrom : input.from;
  for (let month = start; month <= input.to; month = addMonths(month, 1)) {
    const sheet = billMonth({
      clinicId: input.clinicId,
      timeZone: input.timeZone,
      settings: input.settings,
      month,
      episodes: input.episodes,
      activities: byMonth.get(month) ?? [],
      history,
      now: input.now,
    });
    const lines = sheet.groups.flatMap((group) => group.lines);
    history.push(
      ...lines.map((line) => ({
        patientId: line.patientId,
        episodeId: line.episodeId,
        month,
        countedMinutes: line.countedMinutes,
        codes: line.codes,
      })),
    );
    if (month < input.from) continue;
    billed.push(billedMonthOf(sheet, input.settings, false));
  }
  return billed;
};
