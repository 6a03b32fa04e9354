import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CareActivity } from '../../../../functions/contracts/activities';
import type {
  CodeUnits,
  PayerProfile,
  WorksheetLine,
} from '../../../../functions/contracts/billing';
import { BUILT_IN_PROFILES, codesFor } from '../../../../functions/domain/billing/index';
import { activity, episode, lineOf, prior, settingsWith } from './fixtures';

const NOV_START = Date.parse('2026-11-01T07:00:00.000Z');
const NOV_LENGTH_MIN = 29 * 24 * 60;

const activityArb: fc.Arbitrary<CareActivity> = fc
  .record({
    offset: fc.integer({ min: 0, max: NOV_LENGTH_MIN }),
    seconds: fc.integer({ min: 0, max: 59 }),
    minutes: fc.integer({ min: 1, max: 240 }),
    performer: fc.constantFrom(
      ['bcm-1', 'bcm'] as const,
      ['bcm-2', 'bcm'] as const,
      ['pcp-1', 'pcp'] as const,
      ['psy-1', 'psychiatrist'] as const,
    ),
    kind: fc.constantFrom('visit', 'call', 'video', 'outreach', 'registry_review', 'case_review'),
    billed: fc.option(fc.constantFrom('90832', '90834'), { freq: 5 }),
  })
  .map(({ offset, seconds, minutes, performer, kind, billed }) =>
    activity({
      occurredAt: new Date(NOV_START + offset * 60_000 + seconds * 1000).toISOString(),
      minutes,
      performedBy: performer[0],
      role: performer[1],
      kind: kind as CareActivity['kind'],
      separatelyBilledAs: billed ?? undefined,
    }),
  );

const inputArb = fc.record({
  activities: fc.array(activityArb, { maxLength: 12 }),
  payer: fc.constantFrom('medicare', 'medicaid', 'commercial', 'self_pay'),
  later: fc.boolean(),
  facility: fc.constantFrom('standard', 'rhc', 'fqhc'),
  consentDay: fc.integer({ min: 1, max: 40 }),
});

type Input = typeof inputArb extends fc.Arbitrary<infer T> ? T : never;

const run = (input: Input, activities = input.activities): WorksheetLine =>
  lineOf({
    settings: settingsWith({ facilityType: input.facility }),
    episodes: [
      episode({
        payer: input.payer,
        consent: {
          ...episode().consent,
          obtainedAt: new Date(Date.UTC(2026, 10, input.consentDay - 9, 16)).toISOString(),
        },
      }),
    ],
    activities,
    history: input.later ? [prior('2026-10', 40)] : [],
  });

const units = (codes: CodeUnits[], code: string): number =>
  codes.find((entry) => entry.code === code)?.units ?? 0;
const MAIN = ['99492', '99493', 'G0512'];
const rank = (codes: CodeUnits[]): number =>
  codes.some((entry) => MAIN.includes(entry.code)) ? 2 : codes.length > 0 ? 1 : 0;

describe('billing properties', () => {
  it('units are positive, one main code at most, never CoCM with 99484, minutes add up', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const line = run(input);
        const total = input.activities.reduce((sum, entry) => sum + entry.minutes, 0);
        const excluded = line.excluded.reduce((sum, entry) => sum + entry.minutes, 0);
        expect(line.countedMinutes).toBeLessThanOrEqual(total);
        expect(line.countedMinutes + excluded).toBe(total);
        for (const entry of line.earnedCodes) expect(entry.units).toBeGreaterThan(0);
        const codes = line.earnedCodes.map((entry) => entry.code);
        expect(
          codes.filter((code) => MAIN.includes(code) || code === 'G2214').length,
        ).toBeLessThanOrEqual(1);
        if (codes.includes('99484')) expect(codes).toEqual(['99484']);
        if (codes.includes('99494'))
          expect(codes.some((code) => code === '99492' || code === '99493')).toBe(true);
      }),
    );
  });

  it('adding an activity never removes counted minutes, a main code or add-on units', () => {
    fc.assert(
      fc.property(inputArb, activityArb, (input, extra) => {
        const before = run(input);
        const after = run(input, [...input.activities, extra]);
        expect(after.countedMinutes).toBeGreaterThanOrEqual(before.countedMinutes);
        expect(rank(after.earnedCodes)).toBeGreaterThanOrEqual(rank(before.earnedCodes));
        for (const code of MAIN) {
          if (units(before.earnedCodes, code) > 0) expect(units(after.earnedCodes, code)).toBe(1);
        }
        expect(units(after.earnedCodes, '99494')).toBeGreaterThanOrEqual(
          units(before.earnedCodes, '99494'),
        );
      }),
    );
  });

  it('codes are monotonic in minutes for every built-in profile and month kind', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...BUILT_IN_PROFILES),
        fc.constantFrom('first' as const, 'later' as const),
        fc.boolean(),
        fc.integer({ min: 0, max: 600 }),
        fc.integer({ min: 0, max: 120 }),
        (profile: PayerProfile, monthOfEpisode, g0512, minutes, more) => {
          const rules = { profile, monthOfEpisode, g0512: g0512 && profile.g0512 !== undefined };
          const low = codesFor(minutes, rules);
          const high = codesFor(minutes + more, rules);
          expect(rank(high)).toBeGreaterThanOrEqual(rank(low));
          expect(units(high, '99494')).toBeGreaterThanOrEqual(units(low, '99494'));
          const cap = profile.addOnMaxUnits;
          if (cap !== null) expect(units(high, '99494')).toBeLessThanOrEqual(cap);
        },
      ),
    );
  });

  it('the minutes-to-next hint is exact: that many more minutes gain its code, one fewer does not', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const line = run(input);
        const profile = BUILT_IN_PROFILES.find((entry) => entry.id === line.profileId);
        if (!profile) throw new Error(`unknown profile ${line.profileId}`);
        const rules = { profile, monthOfEpisode: line.monthOfEpisode, g0512: false };
        const next = line.minutesToNext;
        if (!next) {
          expect(units(codesFor(line.countedMinutes + 600, rules), '99494')).toBe(
            units(line.earnedCodes, '99494'),
          );
          return;
        }
        const now = units(line.earnedCodes, next.code);
        expect(units(codesFor(line.countedMinutes + next.minutes, rules), next.code)).toBe(now + 1);
        const short = codesFor(line.countedMinutes + next.minutes - 1, rules);
        expect(short).toEqual(line.earnedCodes);
      }),
    );
  });
});
