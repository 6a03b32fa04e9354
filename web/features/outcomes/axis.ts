/**
 * A round axis maximum (1, 2, 2.5 or 5 × 10ⁿ) at or above the largest value; for counts an even
 * one (2, 4, 6, 8 × 10ⁿ), so the middle gridline is a whole number too.
 */
export const niceMax = (value: number, counts = false): number => {
  if (value <= 0) return counts ? 2 : 1;
  if (counts && value <= 2) return 2;
  const power = 10 ** Math.floor(Math.log10(value));
  const steps = counts ? [1, 2, 4, 6, 8, 10] : [1, 2, 2.5, 5, 10];
  const step = steps.find((s) => s * power >= value) ?? 10;
  return step * power;
};
