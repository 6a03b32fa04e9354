/**
 * How an episode (the caseload row) changes as care happens: activities move the contact,
 * session, service and minute counters; screenings add measures and set or clear the safety state.
 * The service owns version and updatedAt; these functions only compute the next row.
 */
import type { CareActivity } from '../../contracts/activities';
import { PATIENT_CONTACT_KINDS, SESSION_KINDS } from '../../contracts/activities';
import type { Clinic } from '../../contracts/clinics';
import { registrySettingsOf } from '../../contracts/clinics';
import type { Episode, EpisodeView, Measure } from '../../contracts/registry';
import type { ClinicSchedulingSettings } from '../../contracts/scheduling';
import type { ScreeningResult } from '../../contracts/screenings';
import { clinicDate } from '../calendar';
import { registryFlags } from './flags';
import { latestMeasure, weeksInTreatment } from './progress';
import { calendarDaysBetween, clinicMonth, ms } from './time';

export { outcome, weeksInTreatment } from './progress';
export type { Outcome, OutcomeSettings } from './progress';

/** Months of minutes kept on the row: the current billing month and the three before it. */
export const MINUTE_MONTHS_KEPT = 4;
export const MEASURES_KEPT = 60;

const earlier = (a: string | undefined, b: string) => (a !== undefined && ms(a) <= ms(b) ? a : b);
const later = (a: string | undefined, b: string) => (a !== undefined && ms(a) >= ms(b) ? a : b);

const keepRecentMonths = (byMonth: Record<string, number>): Record<string, number> =>
  Object.fromEntries(
    Object.entries(byMonth)
      .sort(([a], [b]) => b.localeCompare(a))
      .slice(0, MINUTE_MONTHS_KEPT),
  );

/** The row after one more activity; its minutes land in the clinic-local month it started in. */
export const applyActivity = (
  episode: Episode,
  activity: Pick<CareActivity, 'kind' | 'minutes' | 'occurredAt'>,
  timeZone: string,
): Episode => {
  const next: Episode = { ...episode };
  if (PATIENT_CONTACT_KINDS.includes(activity.kind)) {
    next.contactCount = episode.contactCount + 1;
    next.firstContactAt = earlier(episode.firstContactAt, activity.occurredAt);
    next.lastContactAt = later(episode.lastContactAt, activity.occurredAt);
  }
  if (SESSION_KINDS.includes(activity.kind)) next.sessionCount = episode.sessionCount + 1;
  next.lastServiceAt = later(episode.lastServiceAt, activity.occurredAt);
  const month = clinicMonth(new Date(activity.occurredAt), timeZone);
  next.minutesByMonth = keepRecentMonths({
    ...episode.minutesByMonth,
    [month]: (episode.minutesByMonth[month] ?? 0) + activity.minutes,
  });
  return next;
};

const INSTRUMENTS = { PHQ9: 'phq9', GAD7: 'gad7' } as const;

type SafetyState = NonNullable<Episode['safety']>;

/** What this screening says about suicide risk: a trigger, "all clear", or nothing either way. */
const safetySignal = (screening: ScreeningResult): SafetyState | 'clear' | undefined => {
  const cssrs = screening.screens?.find((screen) => screen.instrument === 'CSSRS');
  const level = cssrs?.risk === 'moderate' || cssrs?.risk === 'high' ? cssrs.risk : undefined;
  const base = { since: screening.completedAt, screeningId: screening.screeningId };
  if (level) return { ...base, trigger: 'cssrs', level };
  const item9 = screening.scores.find((score) => score.instrument === 'PHQ9')?.answers[8];
  if (item9 !== undefined && item9 > 0) return { ...base, trigger: 'phq9_item9' };
  return item9 === 0 ? 'clear' : undefined;
};

const sameSafety = (a: Episode['safety'], b: Episode['safety']) =>
  a?.since === b?.since &&
  a?.trigger === b?.trigger &&
  a?.level === b?.level &&
  a?.screeningId === b?.screeningId;

const nextSafety = (episode: Episode, screening: ScreeningResult): Episode['safety'] => {
  const signal = safetySignal(screening);
  const current = episode.safety;
  const newestPhq9 = latestMeasure(episode, 'phq9');
  // A late-arriving older screening must not overrule what a newer PHQ-9 already said.
  if (newestPhq9 && ms(screening.completedAt) < ms(newestPhq9.at)) return current;
  if (signal === undefined) return current;
  if (signal === 'clear') {
    return current && ms(screening.completedAt) > ms(current.since) ? undefined : current;
  }
  // A repeated trigger continues the same safety state: it has been true since the first one.
  return current ? { ...signal, since: current.since } : signal;
};

/**
 * The row after a stored screening: PHQ-9 and GAD-7 totals become measures (the first of each
 * also the baseline), and PHQ-9 item 9 or the C-SSRS set or clear the safety state. Undefined when
 * nothing changes (e.g. a retry of a screening already attached).
 */
export const attachScreening = (
  episode: Episode,
  screening: ScreeningResult,
): Episode | undefined => {
  if (episode.measures.some((measure) => measure.screeningId === screening.screeningId)) {
    return undefined;
  }
  const added: Measure[] = screening.scores.flatMap((score) => {
    const instrument = INSTRUMENTS[score.instrument];
    return [
      {
        instrument,
        score: score.total,
        at: screening.completedAt,
        screeningId: screening.screeningId,
      },
    ];
  });
  const safety = nextSafety(episode, screening);
  if (added.length === 0 && sameSafety(safety, episode.safety)) return undefined;
  const baseline = { ...episode.baseline };
  for (const measure of added) baseline[measure.instrument] ??= measure;
  const measures = [...added, ...episode.measures]
    .sort((a, b) => ms(b.at) - ms(a.at))
    .slice(0, MEASURES_KEPT);
  const next: Episode = { ...episode, baseline, measures };
  if (safety) next.safety = safety;
  else delete next.safety;
  return next;
};

/** What a view needs of the clinic (the store's ClinicConfig has this shape). */
export interface EpisodeViewConfig {
  clinic: Pick<Clinic, 'name' | 'timeZone' | 'registry'>;
  scheduling: Pick<ClinicSchedulingSettings, 'sessionCap' | 'sessionReasonFrom'>;
}

/** The row as every registry view shows it, computed in the clinic's zone. */
export const toEpisodeView = (
  episode: Episode,
  config: EpisodeViewConfig,
  now: Date,
): EpisodeView => {
  const { timeZone } = config.clinic;
  const settings = {
    ...registrySettingsOf(config.clinic),
    sessionCap: config.scheduling.sessionCap,
    sessionReasonFrom: config.scheduling.sessionReasonFrom,
  };
  const today = clinicDate(now, timeZone);
  const phq9 = latestMeasure(episode, 'phq9');
  const gad7 = latestMeasure(episode, 'gad7');
  return {
    ...episode,
    flags: registryFlags(episode, settings, now, timeZone),
    weeksInTreatment: weeksInTreatment(episode, now, timeZone),
    daysSinceLastContact: episode.lastContactAt
      ? Math.max(
          0,
          calendarDaysBetween(clinicDate(new Date(episode.lastContactAt), timeZone), today),
        )
      : null,
    minutesThisMonth: episode.minutesByMonth[today.slice(0, 7)] ?? 0,
    latest: { ...(phq9 ? { phq9 } : {}), ...(gad7 ? { gad7 } : {}) },
    clinicName: config.clinic.name,
    timeZone,
  };
};
