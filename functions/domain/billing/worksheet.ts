/**
 * The monthly worksheet: one line per patient whose episode was open in the month, grouped by
 * the practitioner who bills it, with totals. Pure: the service reads the episodes, the month's
 * activities and the earlier billed months, and stores or renders the result.
 */
import type { CareActivity } from '../../contracts/activities';
import type {
  BillingCode,
  BillingSettings,
  CodeUnits,
  PriorMonth,
  RateTable,
  Worksheet,
  WorksheetGroup,
  WorksheetLine,
  WorksheetTotals,
} from '../../contracts/billing';
import { codesFor, ladderFor, minutesToNextThreshold, usesG0512 } from './codes';
import { type BillingEpisode, monthOfEpisode, openInMonth } from './episodes';
import { lineGates } from './gates';
import { countMinutes } from './minutes';
import { clinicMonth, monthBounds } from './month';
import { profileFor } from './profiles';

export interface BillMonthInput {
  clinicId: string;
  /** The clinic's IANA zone: months are its calendar months. */
  timeZone: string;
  settings: BillingSettings;
  /** YYYY-MM, clinic-local. */
  month: string;
  /** The clinic's episodes open in the month, plus the same patients' earlier episodes. */
  episodes: readonly BillingEpisode[];
  /** The month's activities (others are ignored, so a wider read is fine). */
  activities: readonly CareActivity[];
  /** Earlier billed months of these patients' episodes. */
  history: readonly PriorMonth[];
  /** Decides the current month (for the minutes-to-next hint) and `generatedAt`. */
  now: Date;
}

const latestFirst = (a: BillingEpisode, b: BillingEpisode): number =>
  (b.referredOn + b.episodeId).localeCompare(a.referredOn + a.episodeId);

const groupBy = <T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> => {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
};

/**
 * One patient's line. When two of the patient's episodes touch the month (a discharge and a
 * re-enrolment), the month is still billed once, on the latest episode, from all its minutes.
 */
const lineFor = (
  input: BillMonthInput,
  patientEpisodes: BillingEpisode[],
  activities: readonly CareActivity[],
  history: readonly PriorMonth[],
  current: boolean,
): WorksheetLine | undefined => {
  const { month, timeZone, settings } = input;
  const open = patientEpisodes
    .filter((episode) => openInMonth(episode, month, timeZone))
    .sort(latestFirst);
  const episode = open[0];
  if (!episode) return undefined;
  const profile = profileFor(settings, episode.payer);
  const consentOf = (activity: CareActivity): Date | undefined => {
    const owner = open.find((candidate) => candidate.episodeId === activity.episodeId) ?? episode;
    return owner.consent ? new Date(owner.consent.obtainedAt) : undefined;
  };
  const count = countMinutes(activities, profile, consentOf);
  const rules = {
    profile,
    monthOfEpisode: monthOfEpisode(episode, patientEpisodes, history, month, profile, timeZone),
    g0512: usesG0512(profile, settings.facilityType, month),
  };
  const earnedCodes = codesFor(count.counted, rules);
  const gates = lineGates(episode, month, timeZone);
  const ladder = ladderFor(rules, count.counted);
  return {
    lineId: `${month}~${episode.episodeId}`,
    clinicId: input.clinicId,
    month,
    patientId: episode.patientId,
    patient: episode.patient,
    episodeId: episode.episodeId,
    payer: episode.payer,
    profileId: profile.id,
    billingPractitionerId: episode.billingPractitionerId || null,
    monthOfEpisode: rules.monthOfEpisode,
    countedMinutes: count.counted,
    minutesByRole: count.byRole,
    countedActivityIds: count.countedActivityIds,
    excluded: count.excluded,
    codes: gates.length > 0 ? [] : earnedCodes,
    earnedCodes,
    gates,
    ladder,
    minutesToNext: current
      ? minutesToNextThreshold({ ladder, countedMinutes: count.counted })
      : null,
    diagnosisCodes: episode.diagnoses.map((diagnosis) => diagnosis.code),
  };
};

const addUnits = (into: Partial<Record<BillingCode, number>>, codes: CodeUnits[]): void => {
  for (const { code, units } of codes) into[code] = (into[code] ?? 0) + units;
};

export const totalsOf = (lines: readonly WorksheetLine[], rates: RateTable): WorksheetTotals => {
  const units: Partial<Record<BillingCode, number>> = {};
  lines.forEach((line) => addUnits(units, line.codes));
  const estimatedRevenueCents = Object.entries(units).reduce(
    (sum, [code, count]) => sum + (rates.cents[code as BillingCode] ?? 0) * (count ?? 0),
    0,
  );
  return {
    patients: lines.length,
    billableLines: lines.filter((line) => line.codes.length > 0).length,
    gatedLines: lines.filter((line) => line.gates.length > 0).length,
    countedMinutes: lines.reduce((sum, line) => sum + line.countedMinutes, 0),
    units,
    estimatedRevenueCents,
  };
};

const byName = (a: WorksheetLine, b: WorksheetLine): number =>
  a.patient.familyName.localeCompare(b.patient.familyName) ||
  a.patient.givenName.localeCompare(b.patient.givenName) ||
  a.patientId.localeCompare(b.patientId);

export const billMonth = (input: BillMonthInput): Worksheet => {
  const { month, timeZone, settings } = input;
  const bounds = monthBounds(month, timeZone);
  const [start, end] = [bounds.start.getTime(), bounds.end.getTime()];
  const activities = input.activities.filter((activity) => {
    const at = Date.parse(activity.occurredAt);
    return activity.clinicId === input.clinicId && at >= start && at < end;
  });
  const current = clinicMonth(input.now, timeZone) === month;
  const activitiesByPatient = groupBy(activities, (activity) => activity.patientId);
  const historyByPatient = groupBy(input.history, (prior) => prior.patientId);
  const lines: WorksheetLine[] = [];
  for (const [patientId, patientEpisodes] of groupBy(
    input.episodes.filter((episode) => episode.clinicId === input.clinicId),
    (episode) => episode.patientId,
  )) {
    const line = lineFor(
      input,
      patientEpisodes,
      activitiesByPatient.get(patientId) ?? [],
      historyByPatient.get(patientId) ?? [],
      current,
    );
    if (line) lines.push(line);
  }
  const groups: WorksheetGroup[] = [...groupBy(lines, (line) => line.billingPractitionerId ?? '')]
    // Lines without a billing practitioner come last.
    .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)))
    .map(([practitioner, groupLines]) => ({
      billingPractitionerId: practitioner === '' ? null : practitioner,
      lines: [...groupLines].sort(byName),
      totals: totalsOf(groupLines, settings.rates),
    }));
  return {
    clinicId: input.clinicId,
    month,
    timeZone,
    facilityType: settings.facilityType,
    generatedAt: input.now.toISOString(),
    rateYear: settings.rates.year,
    groups,
    totals: totalsOf(lines, settings.rates),
  };
};
