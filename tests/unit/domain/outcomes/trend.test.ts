import { describe, expect, it } from 'vitest';
import {
  averageByMonth,
  phq9MonthlyPoints,
  wholeMonthsBetween,
} from '../../../../functions/domain/outcomes';
import { ZONE, episode, phq9, ulid } from '../registry/fixtures';

describe('wholeMonthsBetween', () => {
  it.each([
    { from: '2026-03-02', to: '2026-03-02', months: 0 },
    { from: '2026-03-02', to: '2026-04-01', months: 0 },
    { from: '2026-03-02', to: '2026-04-02', months: 1 },
    { from: '2026-01-31', to: '2026-02-28', months: 0 },
    { from: '2026-01-31', to: '2026-03-31', months: 2 },
    { from: '2025-11-15', to: '2026-02-15', months: 3 },
    { from: '2026-03-02', to: '2026-02-20', months: 0 },
  ])('$from → $to is month $months', ({ from, to, months }) => {
    expect(wholeMonthsBetween(from, to)).toBe(months);
  });
});

describe('PHQ-9 by month since enrolment', () => {
  // Enrolled 2026-03-02 09:00 in Denver.
  const enrolledAt = '2026-03-02T16:00:00.000Z';

  it('buckets on the clinic calendar: 1 April 23:00 in Denver is still month 0', () => {
    const e = episode({
      enrolledAt,
      baseline: { phq9: phq9(18, '2026-02-20T16:00:00.000Z', 1) },
      measures: [
        phq9(12, '2026-04-02T07:00:00.000Z', 3), // 2 April 01:00 local: month 1
        phq9(15, '2026-04-02T05:00:00.000Z', 2), // 1 April 23:00 local: month 0
      ],
    });
    const points = phq9MonthlyPoints([e], ZONE).map(({ month, score }) => ({ month, score }));
    // Month 0 keeps the latest of the baseline (before enrolment) and the 1 April PHQ-9.
    expect(points).toEqual([
      { month: 0, score: 15 },
      { month: 1, score: 12 },
    ]);
    const inUtc = phq9MonthlyPoints([e], 'UTC').map(({ month, score }) => ({ month, score }));
    expect(inUtc).toEqual([
      { month: 0, score: 18 },
      { month: 1, score: 12 },
    ]);
  });

  it('averages each month over patients, one point per patient, with n', () => {
    const a = episode({
      episodeId: ulid(1),
      enrolledAt,
      baseline: { phq9: phq9(20, enrolledAt, 1) },
      measures: [phq9(10, '2026-04-10T16:00:00.000Z', 2)],
    });
    const b = episode({
      episodeId: ulid(5),
      enrolledAt,
      baseline: { phq9: phq9(15, enrolledAt, 5) },
      measures: [phq9(6, '2026-05-10T16:00:00.000Z', 7), phq9(9, '2026-04-20T16:00:00.000Z', 6)],
    });
    const points = phq9MonthlyPoints([a, b], ZONE);
    expect(averageByMonth(points)).toEqual([
      { month: 0, patients: 2, mean: 17.5 },
      { month: 1, patients: 2, mean: 9.5 },
      { month: 2, patients: 1, mean: 6 },
    ]);
    expect(points.filter((p) => p.month === 2).map((p) => p.episode.episodeId)).toEqual([ulid(5)]);
  });
});
