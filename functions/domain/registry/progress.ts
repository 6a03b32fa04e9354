/**
 * Treatment progress read off an episode: weeks in treatment, the latest measures, and the
 * treat-to-target outcome (CLINICAL.md Part 2 §1.9: response = PHQ-9 at or below half of the
 * baseline, remission = PHQ-9 below 5; both thresholds are clinic settings).
 */
import type { Episode, Measure, RegistrySettings } from '../../contracts/registry';
import { defaultRegistrySettings } from '../../contracts/registry';
import { clinicDate } from '../calendar';
import { calendarDaysBetween } from './time';

type Instrument = Measure['instrument'];
type Measured = Pick<Episode, 'baseline' | 'measures'>;
export type OutcomeSettings = Pick<RegistrySettings, 'responseFraction' | 'remissionBelow'>;

/**
 * Whole weeks since the referral, counted on the clinic's calendar (0 before the first full week).
 * `timeZone` defaults to UTC for callers without a clinic; views pass the clinic's zone.
 */
export const weeksInTreatment = (
  episode: Pick<Episode, 'referredOn'>,
  now: Date,
  timeZone = 'UTC',
): number =>
  Math.max(0, Math.floor(calendarDaysBetween(episode.referredOn, clinicDate(now, timeZone)) / 7));

/** The newest measure of an instrument (the baseline when nothing newer was recorded). */
export const latestMeasure = (episode: Measured, instrument: Instrument): Measure | undefined =>
  episode.measures.find((measure) => measure.instrument === instrument) ??
  episode.baseline[instrument];

/** The PHQ-9s newest first, the baseline included once. */
export const phq9History = (episode: Measured): Measure[] => {
  const listed = episode.measures.filter((measure) => measure.instrument === 'phq9');
  const baseline = episode.baseline.phq9;
  if (baseline && !listed.some((measure) => measure.screeningId === baseline.screeningId)) {
    return [...listed, baseline];
  }
  return listed;
};

// A float product such as 0.3 × 20 must not turn "exactly at the fraction" into "just above".
const EPSILON = 1e-9;

export const isResponse = (
  score: number,
  baseline: number | undefined,
  fraction: number,
): boolean => baseline !== undefined && score <= baseline * fraction + EPSILON;

export const isRemission = (score: number, below: number): boolean => score < below;

export interface Outcome {
  response: boolean;
  remission: boolean;
  baseline: number | null;
  latest: number | null;
}

/** Response and remission of the latest PHQ-9 against the baseline (false without a PHQ-9). */
export const outcome = (
  episode: Measured,
  settings: OutcomeSettings = defaultRegistrySettings(),
): Outcome => {
  const baseline = episode.baseline.phq9?.score;
  const latest = latestMeasure(episode, 'phq9')?.score;
  return {
    response: latest !== undefined && isResponse(latest, baseline, settings.responseFraction),
    remission: latest !== undefined && isRemission(latest, settings.remissionBelow),
    baseline: baseline ?? null,
    latest: latest ?? null,
  };
};
