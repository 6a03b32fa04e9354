import { describe, expect, it } from 'vitest';
import { defaultRegistrySettings, type Measure } from '../../../../functions/contracts/registry';
import {
  OUTCOME_WINDOWS,
  gad7Change,
  windowMeasure,
  windowResults,
} from '../../../../functions/domain/outcomes';
import { DAY, ZONE, episode, phq9, ulid } from '../registry/fixtures';

// 09:00 in Denver on 2026-03-02 (MST); later dates fall in MDT, which the day count must ignore.
const BASELINE_AT = '2026-03-02T16:00:00.000Z';
const dayAt = (day: number) => new Date(Date.parse(BASELINE_AT) + day * DAY).toISOString();
const settings = defaultRegistrySettings();

const withMeasures = (baseline: number, measures: Measure[]) =>
  episode({ baseline: { phq9: phq9(baseline, BASELINE_AT, 1) }, measures });

const windowOf = (id: string) => {
  const found = OUTCOME_WINDOWS.find((w) => w.window === id);
  if (!found) throw new Error(`no window ${id}`);
  return found;
};

describe('response and remission', () => {
  it.each([
    { baseline: 20, score: 10, response: true, remission: false },
    { baseline: 20, score: 11, response: false, remission: false },
    { baseline: 15, score: 7, response: true, remission: false },
    { baseline: 15, score: 8, response: false, remission: false },
    { baseline: 12, score: 4, response: true, remission: true },
    { baseline: 12, score: 5, response: true, remission: false },
    { baseline: 10, score: 5, response: true, remission: false },
    { baseline: 10, score: 6, response: false, remission: false },
  ])('baseline $baseline → $score: response $response, remission $remission', (c) => {
    const results = windowResults(
      [withMeasures(c.baseline, [phq9(c.score, dayAt(56), 2)])],
      settings,
      ZONE,
    );
    expect(results).toMatchObject([
      { window: 'week8', score: c.score, day: 56, response: c.response, remission: c.remission },
    ]);
  });

  it('leaves out baselines below the elevated score (9) and episodes without a baseline', () => {
    const below = withMeasures(9, [phq9(2, dayAt(56), 2)]);
    const none = episode({ measures: [phq9(2, dayAt(56), 2)] });
    expect(windowResults([below, none], settings, ZONE)).toEqual([]);
  });
});

describe('window edges (clinic calendar days after the baseline)', () => {
  it.each([
    { day: 48, window: 'week8', inside: false },
    { day: 49, window: 'week8', inside: true },
    { day: 63, window: 'week8', inside: true },
    { day: 64, window: 'week8', inside: false },
    { day: 83, window: 'week12to16', inside: false },
    { day: 84, window: 'week12to16', inside: true },
    { day: 112, window: 'week12to16', inside: true },
    { day: 113, window: 'week12to16', inside: false },
    { day: 119, window: 'day120to240', inside: false },
    { day: 120, window: 'day120to240', inside: true },
    { day: 240, window: 'day120to240', inside: true },
    { day: 241, window: 'day120to240', inside: false },
  ])('day $day is inside $window: $inside', ({ day, window, inside }) => {
    const found = windowMeasure(withMeasures(20, [phq9(8, dayAt(day), 2)]), windowOf(window), ZONE);
    expect(found?.day ?? null).toBe(inside ? day : null);
  });

  it('counts days on the clinic calendar, not in UTC', () => {
    // 2026-07-01T05:00Z is still 30 June in Denver: day 120 there, day 121 in UTC.
    const late = withMeasures(20, [phq9(8, '2026-07-01T05:00:00.000Z', 2)]);
    expect(windowMeasure(late, windowOf('day120to240'), ZONE)?.day).toBe(120);
    expect(windowMeasure(late, windowOf('day120to240'), 'UTC')?.day).toBe(121);
  });

  it('judges the most recent PHQ-9 in the window, not the best one', () => {
    const results = windowResults(
      [
        withMeasures(20, [
          phq9(12, dayAt(230), 4),
          phq9(3, dayAt(150), 3),
          phq9(15, dayAt(250), 5),
        ]),
      ],
      settings,
      ZONE,
    );
    expect(results).toMatchObject([
      { window: 'day120to240', score: 12, day: 230, response: false, remission: false },
    ]);
  });
});

describe('gad7Change', () => {
  const gad7 = (score: number, at: string, id: number): Measure => ({
    instrument: 'gad7',
    score,
    at,
    screeningId: ulid(id),
  });

  it('is the latest later GAD-7 minus the baseline', () => {
    const e = episode({
      baseline: { gad7: gad7(14, BASELINE_AT, 1) },
      measures: [gad7(6, dayAt(60), 3), gad7(9, dayAt(30), 2), phq9(3, dayAt(70), 4)],
    });
    expect(gad7Change(e)).toEqual({ baseline: 14, latest: 6, change: -8 });
  });

  it('is undefined with only the baseline (also when it is listed among the measures)', () => {
    const baseline = gad7(14, BASELINE_AT, 1);
    expect(gad7Change(episode({ baseline: { gad7: baseline }, measures: [baseline] }))).toBe(
      undefined,
    );
    expect(gad7Change(episode())).toBe(undefined);
  });
});
