import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CareActivityKind } from '../../../../functions/contracts/activities';
import type { RegistryFlag } from '../../../../functions/contracts/registry';
import {
  applyActivity,
  orderForReview,
  overlappingActivity,
  registryFlags,
  reviewPriority,
} from '../../../../functions/domain/registry';
import { clinicDate } from '../../../../functions/domain/calendar';
import { activity, episode, phq9, settings } from './fixtures';

const START = Date.UTC(2026, 2, 3);
const SPAN = 400 * 24 * 60 * 60 * 1000;
const instant = fc
  .integer({ min: START, max: START + SPAN })
  .map((ms) => new Date(ms).toISOString());
const anActivity = fc.record({
  kind: fc.constantFrom(...CareActivityKind.options),
  minutes: fc.integer({ min: 1, max: 240 }),
  occurredAt: instant,
});
const zone = fc.constantFrom(
  'America/Denver',
  'America/New_York',
  'Pacific/Honolulu',
  'UTC',
  'Asia/Kolkata',
);

describe('registry properties', () => {
  it('applyActivity never lowers a count or moves a clock back', () => {
    fc.assert(
      fc.property(fc.array(anActivity, { maxLength: 30 }), zone, (activities, timeZone) => {
        let row = episode();
        for (const logged of activities) {
          const next = applyActivity(row, logged, timeZone);
          expect(next.contactCount).toBeGreaterThanOrEqual(row.contactCount);
          expect(next.sessionCount).toBeGreaterThanOrEqual(row.sessionCount);
          expect(next.contactCount + next.sessionCount).toBeLessThanOrEqual(
            row.contactCount + row.sessionCount + 2,
          );
          expect(new Date(next.lastServiceAt ?? 0).getTime()).toBeGreaterThanOrEqual(
            new Date(row.lastServiceAt ?? 0).getTime(),
          );
          if (row.firstContactAt && next.firstContactAt) {
            expect(next.firstContactAt <= row.firstContactAt).toBe(true);
          }
          expect(Object.keys(next.minutesByMonth).length).toBeLessThanOrEqual(4);
          row = next;
        }
      }),
    );
  });

  it('in time order, each kept month holds exactly the minutes applied in it (the 4 latest months)', () => {
    fc.assert(
      fc.property(fc.array(anActivity, { maxLength: 40 }), zone, (activities, timeZone) => {
        const ordered = [...activities].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
        const row = ordered.reduce(
          (acc, logged) => applyActivity(acc, logged, timeZone),
          episode(),
        );
        const sums = new Map<string, number>();
        for (const logged of ordered) {
          const month = clinicDate(new Date(logged.occurredAt), timeZone).slice(0, 7);
          sums.set(month, (sums.get(month) ?? 0) + logged.minutes);
        }
        const latest = [...sums.keys()].sort().reverse().slice(0, 4);
        expect(Object.keys(row.minutesByMonth).sort().reverse()).toEqual(latest);
        for (const month of latest) expect(row.minutesByMonth[month]).toBe(sums.get(month));
      }),
    );
  });

  it('overlap is symmetric and back-to-back entries never clash', () => {
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 1, max: 240 }),
        instant,
        fc.integer({ min: 1, max: 240 }),
        (a, am, b, bm) => {
          const first = activity({ occurredAt: a, minutes: am });
          const second = activity({ occurredAt: b, minutes: bm });
          expect(overlappingActivity([first], second) === undefined).toBe(
            overlappingActivity([second], first) === undefined,
          );
          const next = new Date(new Date(a).getTime() + am * 60_000).toISOString();
          expect(overlappingActivity([first], { occurredAt: next, minutes: bm })).toBeUndefined();
        },
      ),
    );
  });

  it('every flag was already true at its `since`: never in the future, and none when discharged', () => {
    const contacts = fc.array(instant, { maxLength: 6 }).map((times) => [...times].sort());
    fc.assert(
      fc.property(
        contacts,
        fc.array(fc.tuple(fc.integer({ min: 0, max: 27 }), instant), { maxLength: 6 }),
        fc.integer({ min: 0, max: 15 }),
        fc.option(instant, { nil: undefined }),
        fc.integer({ min: 0, max: 2 * SPAN }),
        zone,
        (times, scores, sessionCount, reviewedAt, later, timeZone) => {
          const measures = scores
            .map(([score, at], i) => phq9(score, at, 200 + i))
            .sort((x, y) => y.at.localeCompare(x.at));
          const row = episode({
            contactCount: times.length,
            firstContactAt: times[0],
            lastContactAt: times.at(-1),
            lastServiceAt: times.at(-1),
            sessionCount,
            lastPsychiatricReviewAt: reviewedAt,
            measures,
            baseline: { phq9: measures.at(-1) },
          });
          const now = new Date(START + later);
          const stamps = [...times, ...measures.map((m) => m.at), reviewedAt ?? ''];
          fc.pre(stamps.every((stamp) => stamp === '' || new Date(stamp) <= now));
          const flags: RegistryFlag[] = registryFlags(row, settings(), now, timeZone);
          for (const flag of flags)
            expect(new Date(flag.since).getTime()).toBeLessThanOrEqual(now.getTime());
          expect(
            registryFlags({ ...row, status: 'discharged' }, settings(), now, timeZone),
          ).toEqual([]);
        },
      ),
    );
  });

  it('review order is a permutation with priorities never decreasing in urgency', () => {
    const kinds = fc.subarray([
      'safety',
      'new',
      'not_improving',
      'review_requested',
      'lapsed',
      'contact_overdue',
    ] as const);
    const rows = fc.array(
      fc
        .record({ kinds, weeksInTreatment: fc.integer({ min: 0, max: 40 }) })
        .map(({ kinds: k, weeksInTreatment }) => ({
          flags: k.map((kind) => ({ kind })),
          weeksInTreatment,
        })),
      { maxLength: 25 },
    );
    const rank = ['safety', 'new', 'not_improving', 'review_requested', 'other'];
    fc.assert(
      fc.property(rows, (views) => {
        const ordered = orderForReview(views);
        expect(views.every((view) => ordered.includes(view))).toBe(true);
        expect(ordered).toHaveLength(views.length);
        for (let i = 1; i < ordered.length; i += 1) {
          const before = ordered[i - 1];
          const after = ordered[i];
          if (!before || !after) continue;
          const a = rank.indexOf(reviewPriority(before.flags));
          const b = rank.indexOf(reviewPriority(after.flags));
          expect(a).toBeLessThanOrEqual(b);
          if (a === b)
            expect(before.weeksInTreatment).toBeGreaterThanOrEqual(after.weeksInTreatment);
        }
      }),
    );
  });
});
