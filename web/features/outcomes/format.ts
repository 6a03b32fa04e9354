import type { OutcomeWindowId } from '../../lib/outcomes';

const MINUS = '\u2212';

/** "40%" (one decimal only when it matters); a dash when there is no denominator. */
export const percent = (rate: number | null): string =>
  rate === null ? '—' : `${Number((rate * 100).toFixed(1))}%`;

/** The CSV value of a rate: a percentage number, or empty. */
export const percentNumber = (rate: number | null): number | null =>
  rate === null ? null : Number((rate * 100).toFixed(1));

const monthFormat = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "2026-03" → "Mar 2026" (a clinic-local month: no zone conversion). */
export const monthLabel = (month: string): string => {
  const [year, m] = month.split('-').map(Number);
  if (!year || !m) return month;
  return monthFormat.format(new Date(Date.UTC(year, m - 1, 1)));
};

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
const usdWhole = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  maximumFractionDigits: 0,
});

export const money = (cents: number): string => usd.format(cents / 100).replace('-', MINUS);
export const moneyShort = (cents: number): string =>
  usdWhole.format(cents / 100).replace('-', MINUS);
export const dollars = (cents: number): number => Math.round(cents) / 100;

/** A signed change with a real minus sign: "−3.2", "+1", "0". */
export const signed = (value: number | null, digits = 1): string => {
  if (value === null) return '—';
  const text = Number(Math.abs(value).toFixed(digits)).toString();
  return value > 0 ? `+${text}` : value < 0 ? `${MINUS}${text}` : text;
};

export const rounded = (value: number | null, digits = 1): string =>
  value === null ? '—' : Number(value.toFixed(digits)).toString();

/** "45 s", "3 min 20 s". */
export const duration = (ms: number | null): string => {
  if (ms === null) return '—';
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
};

export const windowLabel: Record<OutcomeWindowId, string> = {
  week8: '8 weeks',
  week12to16: '12–16 weeks',
  day120to240: '120–240 days (HEDIS)',
};

export const patients = (count: number): string => `${count} patient${count === 1 ? '' : 's'}`;
