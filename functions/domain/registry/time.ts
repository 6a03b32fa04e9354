/**
 * Clinic-zone time arithmetic for the registry's clocks. Day and month steps keep the clinic's
 * wall-clock time, so "28 days after a 9:00 contact" is 9:00 local even across a DST change.
 */
import { TZDate } from '@date-fns/tz';
import { addDays, addMonths } from 'date-fns';
import { clinicDate } from '../calendar';

const DAY_MS = 24 * 60 * 60 * 1000;

export const ms = (iso: string): number => new Date(iso).getTime();

export const iso = (at: number | Date): string => new Date(at).toISOString();

export const addZonedDays = (at: string, days: number, timeZone: string): Date =>
  new Date(addDays(new TZDate(ms(at), timeZone), days).getTime());

export const addZonedMonths = (at: string, months: number, timeZone: string): Date =>
  new Date(addMonths(new TZDate(ms(at), timeZone), months).getTime());

const parts = (date: string): [number, number, number] => {
  const [year = 1970, month = 1, day = 1] = date.split('-').map(Number);
  return [year, month, day];
};

/** Calendar arithmetic on a plain date (no zone involved). */
export const addPlainDays = (date: string, days: number): string => {
  const [year, month, day] = parts(date);
  return new Date(Date.UTC(year, month - 1, day) + days * DAY_MS).toISOString().slice(0, 10);
};

/** The instant a clinic-local date begins (its local midnight). */
export const startOfLocalDate = (date: string, timeZone: string): Date => {
  const [year, month, day] = parts(date);
  return new Date(new TZDate(year, month - 1, day, timeZone).getTime());
};

/** Whole calendar days from one plain date to another (negative when `to` is earlier). */
export const calendarDaysBetween = (from: string, to: string): number => {
  const [fy, fm, fd] = parts(from);
  const [ty, tm, td] = parts(to);
  return Math.round((Date.UTC(ty, tm - 1, td) - Date.UTC(fy, fm - 1, fd)) / DAY_MS);
};

/** YYYY-MM of an instant on the clinic's calendar: the billing month. */
export const clinicMonth = (at: Date, timeZone: string): string =>
  clinicDate(at, timeZone).slice(0, 7);

export const shortDate = (at: string, timeZone: string): string =>
  clinicDate(new Date(at), timeZone);
