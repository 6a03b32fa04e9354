import { describe, expect, it } from 'vitest';
import { meanOf, medianOf, patientLabel, rateOf } from '../../../../functions/domain/outcomes';

describe('medianOf', () => {
  it.each([
    { values: [], median: null },
    { values: [7], median: 7 },
    { values: [3, 1, 2], median: 2 },
    { values: [4, 1, 3, 2], median: 2.5 },
    { values: [0, 0, 5, 9], median: 2.5 },
    { values: [10, 2], median: 6 },
    { values: [1, 2, 2, 3], median: 2 },
  ])('$values → $median', ({ values, median }) => {
    expect(medianOf(values)).toBe(median);
  });
});

describe('meanOf and rateOf', () => {
  it('rounds the mean to one decimal, null for nothing', () => {
    expect(meanOf([-8, -3, -4])).toBe(-5);
    expect(meanOf([1, 2])).toBe(1.5);
    expect(meanOf([1, 1, 2])).toBe(1.3);
    expect(meanOf([])).toBe(null);
  });

  it('rounds a rate to three decimals, null without a denominator', () => {
    expect(rateOf(1, 3)).toEqual({ numerator: 1, denominator: 3, rate: 0.333 });
    expect(rateOf(2, 2)).toEqual({ numerator: 2, denominator: 2, rate: 1 });
    expect(rateOf(0, 0)).toEqual({ numerator: 0, denominator: 0, rate: null });
  });
});

describe('patientLabel', () => {
  it('shows the given name and the family initial only', () => {
    expect(patientLabel({ givenName: 'Ana', familyName: 'diaz' })).toBe('Ana D.');
    expect(patientLabel({ givenName: ' Li ', familyName: '' })).toBe('Li');
  });
});
