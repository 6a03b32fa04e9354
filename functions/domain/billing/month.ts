/**
 * Calendar months in a clinic's zone. A month's minutes are the activities that STARTED in it on
 * the clinic's wall calendar, so 2026-12-01T05:30Z is November in America/Denver.
 */
import { TZDate } from '@date-fns/tz';

// A formatter per zone: building one costs far more than formatting (a month has many activities).
const formatters = new Map<string, Intl.DateTimeFormat>();

/** YYYY-MM of `at` on the clinic's calendar. */
export const clinicMonth = (at: Date, timeZone: string): string => {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  const pieces = formatter.formatToParts(at);
  const part = (type: string) => pieces.find((entry) => entry.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}`;
};

const parts = (month: string): [number, number] => {
  const [year = 0, monthNumber = 1] = month.split('-').map(Number);
  return [year, monthNumber];
};

/** Plain month arithmetic (no zone involved). */
export const addMonths = (month: string, count: number): string => {
  const [year, monthNumber] = parts(month);
  const index = year * 12 + (monthNumber - 1) + count;
  const nextYear = Math.floor(index / 12);
  return `${String(nextYear).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
};

/** Whole months from `from` to `to` (2026-01 → 2026-03 is 2). */
export const monthsBetween = (from: string, to: string): number => {
  const [fromYear, fromMonth] = parts(from);
  const [toYear, toMonth] = parts(to);
  return (toYear - fromYear) * 12 + (toMonth - fromMonth);
};

const bounds = new Map<string, { start: number; end: number }>();

/** The UTC instants a clinic-local month covers: [start, end). */
export const monthBounds = (month: string, timeZone: string): { start: Date; end: Date } => {
  const key = `${month}@${timeZone}`;
  let cached = bounds.get(key);
  if (!cached) {
    const [year, monthNumber] = parts(month);
    cached = {
      start: new TZDate(year, monthNumber - 1, 1, 0, 0, timeZone).getTime(),
      end: new TZDate(year, monthNumber, 1, 0, 0, timeZone).getTime(),
    };
    bounds.set(key, cached);
  }
  return { start: new Date(cached.start), end: new Date(cached.end) };
};
