import { describe, expect, it } from 'vitest';
import type { PayerKind } from '../../../../functions/contracts/registry';
import type { CodeUnits } from '../../../../functions/contracts/billing';
import { episode, lineOf, minutesIn, prior, settingsWith } from './fixtures';

const main = (code: string, addOn = 0): CodeUnits[] =>
  addOn > 0
    ? [
        { code: code as CodeUnits['code'], units: 1 },
        { code: '99494', units: addOn },
      ]
    : [{ code: code as CodeUnits['code'], units: 1 }];
const one = (code: CodeUnits['code']): CodeUnits[] => [{ code, units: 1 }];

const firstMonth = (minutes: number, payer: PayerKind = 'medicare') =>
  lineOf({ episodes: [episode({ payer })], activities: minutesIn(minutes) });
const laterMonth = (minutes: number, payer: PayerKind = 'medicare') =>
  lineOf({
    episodes: [episode({ payer })],
    activities: minutesIn(minutes),
    history: [prior('2026-10', 45, { codes: one('99492') })],
  });

describe('Medicare: first month of the episode', () => {
  it.each([
    [0, []],
    [15, []],
    [16, one('G2214')],
    [35, one('G2214')],
    [36, main('99492')],
    [85, main('99492')],
    [86, main('99492', 1)],
    [115, main('99492', 1)],
    [116, main('99492', 2)],
    [146, main('99492', 3)],
  ])('%i minutes → %j', (minutes, codes) => {
    const line = firstMonth(minutes);
    expect(line.monthOfEpisode).toBe('first');
    expect(line.countedMinutes).toBe(minutes);
    expect(line.codes).toEqual(codes);
  });
});

describe('Medicare: later months', () => {
  it.each([
    [15, []],
    [16, one('G2214')],
    [30, one('G2214')],
    [31, main('99493')],
    [75, main('99493')],
    [76, main('99493', 1)],
    [105, main('99493', 1)],
    [106, main('99493', 2)],
  ])('%i minutes → %j', (minutes, codes) => {
    const line = laterMonth(minutes);
    expect(line.monthOfEpisode).toBe('later');
    expect(line.codes).toEqual(codes);
  });
});

describe('99494 unit cap (Medicaid template: 4 per month)', () => {
  it.each([
    [165, 3],
    [166, 4],
    [240, 4],
    [400, 4],
  ])('later month, %i minutes → %i units', (minutes, units) => {
    expect(laterMonth(minutes, 'medicaid').codes).toEqual(main('99493', units));
  });

  it('Medicare has no cap', () => {
    expect(laterMonth(400, 'medicare').codes).toEqual(main('99493', 11));
  });

  it('a capped line has no next threshold', () => {
    const line = laterMonth(400, 'medicaid');
    expect(line.minutesToNext).toBeNull();
    expect(line.ladder.filter((step) => step.code === '99494')).toHaveLength(4);
  });
});

describe('general BHI (99484) never in a month with a CoCM code', () => {
  it.each([
    [19, []],
    [20, one('99484')],
    [35, one('99484')],
    [36, main('99492')],
    [86, main('99492', 1)],
  ])('commercial (no G2214), first month, %i minutes → %j', (minutes, codes) => {
    expect(firstMonth(minutes, 'commercial').codes).toEqual(codes);
  });

  it('Medicare: G2214 is the code below the main threshold, not 99484', () => {
    expect(firstMonth(25).codes).toEqual(one('G2214'));
  });
});

describe('RHC/FQHC Medicare: G0512 before 2026-01-01, CPT codes from then', () => {
  const rhc = (month: string, minutes: number, later = false) =>
    lineOf({
      settings: settingsWith({ facilityType: 'rhc' }),
      month,
      episodes: [
        episode({
          referredOn: '2025-10-01',
          lastSeenByBillingPractitionerOn: '2025-09-01',
          consent: { ...episode().consent, obtainedAt: '2025-10-01T15:00:00.000Z' },
        }),
      ],
      activities: minutesIn(minutes, month),
      history: later ? [prior('2025-10', 80, { codes: one('G0512') })] : [],
      now: new Date('2026-02-01T00:00:00.000Z'),
    });

  it.each([
    ['2025-12', false, 69, one('99484')],
    ['2025-12', false, 70, one('G0512')],
    ['2025-12', false, 200, one('G0512')],
    ['2025-12', true, 59, one('99484')],
    ['2025-12', true, 60, one('G0512')],
    ['2025-12', false, 16, []],
    ['2026-01', false, 16, one('G2214')],
    ['2026-01', false, 36, main('99492')],
    ['2026-01', true, 31, main('99493')],
    ['2026-01', true, 76, main('99493', 1)],
  ])('%s (later: %s), %i minutes → %j', (month, later, minutes, codes) => {
    const line = rhc(month, minutes, later);
    expect(line.profileId).toBe('medicare-rhc-fqhc');
    expect(line.codes).toEqual(codes);
  });

  it('an FQHC follows the same dates', () => {
    const line = lineOf({
      settings: settingsWith({ facilityType: 'fqhc' }),
      month: '2025-12',
      episodes: [
        episode({
          referredOn: '2025-10-01',
          lastSeenByBillingPractitionerOn: '2025-09-01',
          consent: { ...episode().consent, obtainedAt: '2025-10-01T15:00:00.000Z' },
        }),
      ],
      activities: minutesIn(70, '2025-12'),
    });
    expect(line.codes).toEqual(one('G0512'));
  });

  it('a standard practice never uses G0512', () => {
    const line = lineOf({
      month: '2025-12',
      episodes: [
        episode({
          referredOn: '2025-10-01',
          lastSeenByBillingPractitionerOn: '2025-09-01',
          consent: { ...episode().consent, obtainedAt: '2025-10-01T15:00:00.000Z' },
        }),
      ],
      activities: minutesIn(70, '2025-12'),
    });
    expect(line.codes).toEqual(main('99492'));
  });

  it('Medicaid at an RHC keeps its own profile (state policy), not G0512', () => {
    expect(rhc('2025-12', 70).profileId).toBe('medicare-rhc-fqhc');
    const medicaid = lineOf({
      settings: settingsWith({ facilityType: 'rhc' }),
      episodes: [episode({ payer: 'medicaid' })],
      activities: minutesIn(40),
    });
    expect(medicaid.profileId).toBe('medicaid-template');
    expect(medicaid.codes).toEqual(main('99492'));
  });
});

describe('minutes-to-next hint (current month only)', () => {
  it.each([
    [0, 'first', { code: 'G2214', minutes: 16 }],
    [15, 'first', { code: 'G2214', minutes: 1 }],
    [31, 'first', { code: '99492', minutes: 5 }],
    [36, 'first', { code: '99494', minutes: 50 }],
    [90, 'first', { code: '99494', minutes: 26 }],
    [26, 'later', { code: '99493', minutes: 5 }],
    [75, 'later', { code: '99494', minutes: 1 }],
  ] as const)('%i minutes, %s month → %j', (minutes, month, next) => {
    const line = month === 'first' ? firstMonth(minutes) : laterMonth(minutes);
    expect(line.minutesToNext).toEqual(next);
  });

  it('no hint for a month that is not the current one', () => {
    const line = lineOf({
      activities: minutesIn(31),
      now: new Date('2026-12-05T15:00:00.000Z'),
    });
    expect(line.minutesToNext).toBeNull();
    expect(line.codes).toEqual(one('G2214'));
  });
});
