/**
 * Response and remission at fixed windows after the elevated baseline PHQ-9 (CLINICAL.md Part 2
 * §1.9): 8 weeks (± 1 week), 12–16 weeks (the seed), and HEDIS DRR-E's 120–240 days, each judged
 * on the most recent PHQ-9 inside the window. Days are clinic calendar days.
 */
import type { OutcomeWindowId } from '../../contracts/outcomes';
import type { Episode, Measure } from '../../contracts/registry';
import { clinicDate } from '../calendar';
import { isRemission, isResponse, type OutcomeSettings, phq9History } from '../registry/progress';
import { calendarDaysBetween } from '../registry/time';

/** A baseline at or above this is "elevated" (HEDIS: PHQ-9 > 9): only those enter the rates. */
export const ELEVATED_PHQ9 = 10;

export interface OutcomeWindow {
  window: OutcomeWindowId;
  fromDay: number;
  toDay: number;
}

export const OUTCOME_WINDOWS: readonly OutcomeWindow[] = [
  { window: 'week8', fromDay: 49, toDay: 63 },
  { window: 'week12to16', fromDay: 84, toDay: 112 },
  { window: 'day120to240', fromDay: 120, toDay: 240 },
];

export type MeasuredEpisode = Pick<
  Episode,
  'episodeId' | 'clinicId' | 'patientId' | 'patient' | 'baseline' | 'measures' | 'referredOn'
> &
  Partial<Pick<Episode, 'enrolledAt'>>;

/** Clinic calendar days from one instant to another. */
export const daysAfter = (from: string, to: string, timeZone: string): number =>
  calendarDaysBetween(clinicDate(new Date(from), timeZone), clinicDate(new Date(to), timeZone));

/** The most recent PHQ-9 inside the window, with its day after the baseline. */
export const windowMeasure = (
  episode: Pick<Episode, 'baseline' | 'measures'>,
  window: OutcomeWindow,
  timeZone: string,
): { measure: Measure; day: number } | undefined => {
  const baseline = episode.baseline.phq9;
  if (!baseline) return undefined;
  return phq9History(episode)
    .filter((measure) => measure.screeningId !== baseline.screeningId)
    .map((measure) => ({ measure, day: daysAfter(baseline.at, measure.at, timeZone) }))
    .filter(({ day }) => day >= window.fromDay && day <= window.toDay)
    .sort(
      (a, b) =>
        Date.parse(b.measure.at) - Date.parse(a.measure.at) ||
        b.measure.screeningId.localeCompare(a.measure.screeningId),
    )[0];
};

export interface WindowResult {
  window: OutcomeWindowId;
  episode: MeasuredEpisode;
  score: number;
  day: number;
  response: boolean;
  remission: boolean;
}

/**
 * One result per window for every episode whose baseline was elevated and that has a PHQ-9 in
 * the window (the denominators); response and remission as the registry judges them.
 */
export const windowResults = (
  episodes: readonly MeasuredEpisode[],
  settings: OutcomeSettings,
  timeZone: string,
  elevatedFrom = ELEVATED_PHQ9,
): WindowResult[] =>
  episodes.flatMap((episode) => {
    const baseline = episode.baseline.phq9?.score;
    if (baseline === undefined || baseline < elevatedFrom) return [];
    return OUTCOME_WINDOWS.flatMap((window) => {
      const found = windowMeasure(episode, window, timeZone);
      if (!found) return [];
      const score = found.measure.score;
      return [
        {
          window: window.window,
          episode,
          score,
          day: found.day,
          response: isResponse(score, baseline, settings.responseFraction),
          remission: isRemission(score, settings.remissionBelow),
        },
      ];
    });
  });

/** GAD-7 from the baseline to the latest later one (negative is better); none without a later one. */
export const gad7Change = (
  episode: Pick<Episode, 'baseline' | 'measures'>,
): { baseline: number; latest: number; change: number } | undefined => {
  const baseline = episode.baseline.gad7;
  if (!baseline) return undefined;
  const latest = episode.measures
    .filter(
      (measure) =>
        measure.instrument === 'gad7' &&
        measure.screeningId !== baseline.screeningId &&
        Date.parse(measure.at) > Date.parse(baseline.at),
    )
    .sort((a, b) => Date.parse(b.at) - Date.parse(a.at))[0];
  if (!latest) return undefined;
  return { baseline: baseline.score, latest: latest.score, change: latest.score - baseline.score };
};
