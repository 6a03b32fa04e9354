import { useSyncExternalStore } from 'react';

/**
 * Times are stored in UTC and shown in the clinic's IANA zone (a BCM covers clinics in several
 * zones). Intl does the zone arithmetic: no time-zone data in the bundle, and Safari supports it.
 */
const LOCALE = 'en-US';
const formats = new Map<string, Intl.DateTimeFormat>();

function format(timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${timeZone}|${JSON.stringify(options)}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALE, { ...options, timeZone });
    formats.set(key, f);
  }
  return f;
}

/** "Mar 4, 2026, 10:32 AM MST" */
export const formatDateTime = (iso: string, timeZone: string): string =>
  format(timeZone, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(new Date(iso));

/** "Mar 4, 10:32 AM" (same year) for dense lists; the zone is in the page header. */
export const formatShortDateTime = (iso: string, timeZone: string, now: number): string => {
  const year = format(timeZone, { year: 'numeric' });
  const sameYear = year.format(new Date(iso)) === year.format(new Date(now));
  return format(timeZone, {
    year: sameYear ? undefined : 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  }).format(new Date(iso));
};

/** "Tue 10:32 AM MST" */
export const formatClock = (epochMs: number, timeZone: string): string =>
  format(timeZone, {
    weekday: 'short',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(new Date(epochMs));

/** A calendar date (YYYY-MM-DD, no zone: a date of birth) as "Mar 4, 1980". */
export const formatIsoDate = (isoDate: string): string => {
  const [y, m, d] = isoDate.split('-').map(Number);
  if (!y || !m || !d) return isoDate;
  return format('UTC', { year: 'numeric', month: 'short', day: 'numeric' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
};

/** Today's calendar date in a zone, as YYYY-MM-DD. */
export const isoDateIn = (epochMs: number, timeZone: string): string => {
  const parts = format(timeZone, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date(epochMs));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')}`;
};

/** Whole years between a date of birth and a date, both YYYY-MM-DD. */
export const ageOn = (dateOfBirth: string, onDate: string): number | null => {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number);
  const [ty, tm, td] = onDate.split('-').map(Number);
  if (!by || !bm || !bd || !ty || !tm || !td) return null;
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
};

// A shared minute clock: one timer for every clock on the page, and render stays pure.
const clockListeners = new Set<() => void>();
let clockNow = Date.now();
let clockTimer: number | undefined;

const MINUTE = 60_000;

const tick = () => {
  const now = Date.now();
  if (Math.floor(now / MINUTE) === Math.floor(clockNow / MINUTE)) return;
  clockNow = now;
  clockListeners.forEach((listener) => listener());
};

const subscribeClock = (listener: () => void) => {
  clockListeners.add(listener);
  if (clockTimer === undefined) {
    tick();
    // Re-align to the minute; also catches up after the tablet wakes from sleep.
    clockTimer = window.setInterval(tick, 15_000);
    document.addEventListener('visibilitychange', tick);
  }
  return () => {
    clockListeners.delete(listener);
    if (clockListeners.size === 0 && clockTimer !== undefined) {
      window.clearInterval(clockTimer);
      document.removeEventListener('visibilitychange', tick);
      clockTimer = undefined;
    }
  };
};

/** The current time (epoch ms), changing once a minute. */
export const useNow = (): number =>
  useSyncExternalStore(
    subscribeClock,
    () => clockNow,
    () => clockNow,
  );
