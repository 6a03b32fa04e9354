/** Small statistics for the dashboard: every figure is rounded the same way everywhere. */

const round = (value: number, places: number): number => {
  const factor = 10 ** places;
  return Math.round(value * factor) / factor;
};

/** The middle value; with an even count the mean of the two middle ones (so 2 and 3 give 2.5). */
export const medianOf = (values: readonly number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? upper : round(((sorted[mid - 1] ?? 0) + upper) / 2, 1);
};

/** Mean to one decimal, null for no values. */
export const meanOf = (values: readonly number[]): number | null =>
  values.length === 0 ? null : round(values.reduce((sum, v) => sum + v, 0) / values.length, 1);

/** A share to three decimals, null when nothing was measured. */
export const rateOf = (numerator: number, denominator: number) => ({
  numerator,
  denominator,
  rate: denominator === 0 ? null : round(numerator / denominator, 3),
});
