/**
 * Average PHQ-9 by month since enrolment (the seed's line chart). Month n holds the measures taken
 * n whole months after the clinic-local enrolment date (a month is complete on the same day of
 * the next month; a baseline taken before enrolment is month 0). Each patient counts once per
 * point, with their latest PHQ-9 of that month.
 */
import type { Episode, Measure } from '../../contracts/registry';
import { clinicDate } from '../calendar';
import { phq9History } from '../registry/progress';
import { meanOf } from './stats';

/** Points after this many months are left out (CoCM episodes last months, not years). */
export const TREND_MONTHS = 24;

const parts = (date: string): [number, number, number] => {
  const [year = 1970, month = 1, day = 1] = date.split('-').map(Number);
  return [year, month, day];
};

/** Whole months from one plain date to another (0 when `to` is earlier). */
export const wholeMonthsBetween = (from: string, to: string): number => {
  const [fy, fm, fd] = parts(from);
  const [ty, tm, td] = parts(to);
  const months = (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0);
  return Math.max(0, months);
};

export type TrendEpisode = Pick<Episode, 'episodeId' | 'baseline' | 'measures' | 'enrolledAt'>;

export interface TrendPoint<E> {
  month: number;
  episode: E;
  score: number;
}

/** One point per episode and month since enrolment: the episode's latest PHQ-9 of that month. */
export const phq9MonthlyPoints = <E extends TrendEpisode>(
  episodes: readonly E[],
  timeZone: string,
): TrendPoint<E>[] =>
  episodes.flatMap((episode) => {
    const enrolled = clinicDate(new Date(episode.enrolledAt), timeZone);
    const latest = new Map<number, Measure>();
    for (const measure of phq9History(episode)) {
      const month = wholeMonthsBetween(enrolled, clinicDate(new Date(measure.at), timeZone));
      if (month > TREND_MONTHS) continue;
      const held = latest.get(month);
      if (!held || Date.parse(measure.at) > Date.parse(held.at)) latest.set(month, measure);
    }
    return [...latest.entries()]
      .sort(([a], [b]) => a - b)
      .map(([month, measure]) => ({
        month,
        episode,
        score: measure.score,
      }));
  });

/** The chart's line: the mean of each month's points, with how many patients it averages. */
export const averageByMonth = (
  points: readonly Pick<TrendPoint<unknown>, 'month' | 'score'>[],
): { month: number; patients: number; mean: number }[] => {
  const byMonth = new Map<number, number[]>();
  for (const point of points) {
    const held = byMonth.get(point.month);
    if (held) held.push(point.score);
    else byMonth.set(point.month, [point.score]);
  }
  return [...byMonth.entries()]
    .sort(([a], [b]) => a - b)
    .map(([month, scores]) => ({ month, patients: scores.length, mean: meanOf(scores) ?? 0 }));
};
