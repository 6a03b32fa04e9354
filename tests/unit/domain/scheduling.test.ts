import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  defaultSchedulingSettings,
  ScheduleTemplate,
  type TemplateBlock,
} from '../../../functions/contracts/scheduling';
import {
  addDays,
  busyTicks,
  defaultTemplateBlocks,
  expandTemplates,
  findOverlaps,
  isoWeekday,
  minutesOfDay,
  releaseDue,
  slotIdOf,
  validateTemplate,
} from '../../../functions/domain/scheduling/index';

const settings = defaultSchedulingSettings();

const template = (
  overrides: Partial<ScheduleTemplate> & Pick<ScheduleTemplate, 'weekday'>,
): ScheduleTemplate => ({
  clinicId: 'pine-ridge',
  providerId: 'bcm-1',
  blocks: [{ kind: 'follow-up', start: '09:00', minutes: 30 }],
  effectiveFrom: '2025-01-01',
  ...overrides,
});

const everyDay = (overrides: Partial<ScheduleTemplate> = {}) =>
  [1, 2, 3, 4, 5, 6, 7].map((weekday) => template({ ...overrides, weekday }));

describe('scheduling settings and default blocks', () => {
  it('defaults: release 2 h before, intake 50, follow-up 30, two 20-minute warm-handoff slots per half-day', () => {
    expect(settings).toEqual({
      warmHandoffReleaseHours: 2,
      intakeMinutes: 50,
      followUpMinutes: 30,
      warmHandoffMinutes: 20,
      warmHandoffSlotsPerHalfDay: 2,
    });
    const blocks = defaultTemplateBlocks(settings);
    const morning = blocks.filter((b) => minutesOfDay(b.start) < 12 * 60);
    const afternoon = blocks.filter((b) => minutesOfDay(b.start) >= 12 * 60);
    for (const half of [morning, afternoon]) {
      expect(half.filter((b) => b.kind === 'warm-handoff').map((b) => b.minutes)).toEqual([20, 20]);
      expect(half.find((b) => b.kind === 'intake')?.minutes).toBe(50);
    }
    expect(morning.some((b) => b.kind === 'registry-review')).toBe(true);
    expect(afternoon.some((b) => b.kind === 'case-conference')).toBe(true);
    expect(blocks.at(-1)).toEqual({ kind: 'case-conference', start: '16:00', minutes: 60 });
    expect(validateTemplate({ blocks })).toEqual([]);
    expect(ScheduleTemplate.safeParse(template({ weekday: 1, blocks })).success).toBe(true);
  });

  it('follows the settings (three protected slots of 15 minutes)', () => {
    const blocks = defaultTemplateBlocks({
      ...settings,
      warmHandoffSlotsPerHalfDay: 3,
      warmHandoffMinutes: 15,
    });
    expect(blocks.filter((b) => b.kind === 'warm-handoff')).toHaveLength(6);
    expect(validateTemplate({ blocks })).toEqual([]);
  });
});

describe('validateTemplate', () => {
  it('rejects overlapping blocks and blocks crossing midnight, naming the field', () => {
    const blocks: TemplateBlock[] = [
      { kind: 'intake', start: '09:00', minutes: 50 },
      { kind: 'follow-up', start: '09:30', minutes: 30 },
      { kind: 'follow-up', start: '10:00', minutes: 30 },
      { kind: 'case-conference', start: '23:30', minutes: 60 },
    ];
    expect(validateTemplate({ blocks })).toEqual([
      { field: 'body.blocks.3.minutes', message: 'block must end by midnight' },
      { field: 'body.blocks.1.start', message: 'overlaps block 0 (09:00, 50 min)' },
    ]);
  });

  it('accepts back-to-back blocks in any order, and checks the 5-minute grid', () => {
    const blocks: TemplateBlock[] = [
      { kind: 'follow-up', start: '10:00', minutes: 30 },
      { kind: 'intake', start: '09:10', minutes: 50 },
    ];
    expect(validateTemplate({ blocks })).toEqual([]);
    expect(
      validateTemplate(
        { blocks: [{ kind: 'intake', start: '09:03', minutes: 50 }] },
        'body.templates.0',
      ),
    ).toEqual([
      { field: 'body.templates.0.blocks.0.start', message: 'must be on a 5-minute boundary' },
    ]);
  });

  it('the contract refuses bad times and lengths off the grid', () => {
    const bad = (blocks: unknown) =>
      ScheduleTemplate.safeParse({ ...template({ weekday: 1 }), blocks }).success;
    expect(bad([{ kind: 'intake', start: '24:00', minutes: 50 }])).toBe(false);
    expect(bad([{ kind: 'intake', start: '9:00', minutes: 50 }])).toBe(false);
    expect(bad([{ kind: 'intake', start: '09:00', minutes: 52 }])).toBe(false);
    expect(ScheduleTemplate.safeParse({ ...template({ weekday: 8 }) }).success).toBe(false);
  });
});

describe('expandTemplates across DST changes and zones', () => {
  const at = (slots: { localDate: string; startsAt: string; localStart: string }[], date: string) =>
    slots.find((s) => s.localDate === date);

  it('America/Denver spring-forward: a 09:00 block stays 09:00 local, its UTC time moves', () => {
    // 2025-03-09 (Sunday) 02:00 MST → 03:00 MDT.
    const slots = expandTemplates(everyDay(), {
      from: '2025-03-08',
      days: 3,
      timeZone: 'America/Denver',
    });
    expect(slots.map((s) => [s.localDate, s.localStart, s.startsAt, s.endsAt])).toEqual([
      ['2025-03-08', '09:00', '2025-03-08T16:00:00.000Z', '2025-03-08T16:30:00.000Z'],
      ['2025-03-09', '09:00', '2025-03-09T15:00:00.000Z', '2025-03-09T15:30:00.000Z'],
      ['2025-03-10', '09:00', '2025-03-10T15:00:00.000Z', '2025-03-10T15:30:00.000Z'],
    ]);
  });

  it('America/Denver fall-back: 09:00 local moves from 15:00Z to 16:00Z', () => {
    // 2025-11-02 (Sunday) 02:00 MDT → 01:00 MST.
    const slots = expandTemplates(everyDay(), {
      from: '2025-11-01',
      days: 2,
      timeZone: 'America/Denver',
    });
    expect(at(slots, '2025-11-01')?.startsAt).toBe('2025-11-01T15:00:00.000Z');
    expect(at(slots, '2025-11-02')?.startsAt).toBe('2025-11-02T16:00:00.000Z');
  });

  it('America/Chicago spring-forward and fall-back', () => {
    const spring = expandTemplates(everyDay(), {
      from: '2025-03-08',
      days: 2,
      timeZone: 'America/Chicago',
    });
    expect(spring.map((s) => s.startsAt)).toEqual([
      '2025-03-08T15:00:00.000Z',
      '2025-03-09T14:00:00.000Z',
    ]);
    const fall = expandTemplates(everyDay(), {
      from: '2025-11-01',
      days: 2,
      timeZone: 'America/Chicago',
    });
    expect(fall.map((s) => s.startsAt)).toEqual([
      '2025-11-01T14:00:00.000Z',
      '2025-11-02T15:00:00.000Z',
    ]);
  });

  it('blocks inside the changing hour: the skipped 02:30 moves forward, the repeated 01:30 takes its first occurrence; durations are elapsed time', () => {
    const night = everyDay({ blocks: [{ kind: 'case-conference', start: '01:30', minutes: 60 }] });
    const fall = expandTemplates(night, {
      from: '2025-11-02',
      days: 1,
      timeZone: 'America/Chicago',
    });
    expect(fall[0]).toMatchObject({
      startsAt: '2025-11-02T06:30:00.000Z', // 01:30 CDT
      endsAt: '2025-11-02T07:30:00.000Z', // 01:30 CST: the wall clock shows the same time
    });
    const skipped = everyDay({ blocks: [{ kind: 'follow-up', start: '02:30', minutes: 30 }] });
    const spring = expandTemplates(skipped, {
      from: '2025-03-09',
      days: 1,
      timeZone: 'America/Denver',
    });
    expect(spring[0]?.startsAt).toBe('2025-03-09T09:30:00.000Z'); // 03:30 MDT
  });

  it('uses the weekday of the clinic-local date and the latest template in effect', () => {
    const monday = template({
      weekday: 1,
      blocks: [{ kind: 'intake', start: '08:00', minutes: 50 }],
      effectiveFrom: '2025-01-01',
    });
    const newMonday = template({
      weekday: 1,
      blocks: [{ kind: 'intake', start: '13:00', minutes: 50 }],
      effectiveFrom: '2025-03-15',
    });
    expect(isoWeekday('2025-03-10')).toBe(1);
    expect(isoWeekday('2025-03-16')).toBe(7);
    const slots = expandTemplates([monday, newMonday], {
      from: '2025-03-09',
      days: 14,
      timeZone: 'America/Denver',
    });
    expect(slots.map((s) => [s.localDate, s.localStart])).toEqual([
      ['2025-03-10', '08:00'],
      ['2025-03-17', '13:00'],
    ]);
  });

  it('gives deterministic ids and initial statuses by kind', () => {
    const blocks = defaultTemplateBlocks(settings);
    const options = { from: '2025-06-02', days: 1, timeZone: 'America/Denver' };
    const first = expandTemplates([template({ weekday: 1, blocks })], options);
    expect(expandTemplates([template({ weekday: 1, blocks })], options)).toEqual(first);
    expect(first[0]?.slotId).toBe(slotIdOf('pine-ridge', 'bcm-1', '2025-06-02', '08:00'));
    expect(new Set(first.map((s) => s.slotId)).size).toBe(first.length);
    const statusOf = (kind: string) => first.find((s) => s.kind === kind)?.status;
    expect(statusOf('intake')).toBe('open');
    expect(statusOf('follow-up')).toBe('open');
    expect(statusOf('warm-handoff')).toBe('held');
    expect(statusOf('registry-review')).toBe('blocked');
    expect(statusOf('case-conference')).toBe('blocked');
  });
});

describe('findOverlaps: one person, one place', () => {
  it('detects a BCM whose Denver and Chicago templates overlap in real time', () => {
    // 10:00 Chicago = 09:00 Denver: both blocks are the same hour.
    const denver = expandTemplates(
      [
        template({
          clinicId: 'pine-ridge',
          weekday: 2,
          blocks: [{ kind: 'intake', start: '09:00', minutes: 50 }],
        }),
      ],
      { from: '2025-03-04', days: 1, timeZone: 'America/Denver' },
    );
    const chicago = expandTemplates(
      [
        template({
          clinicId: 'prairie-view',
          weekday: 2,
          blocks: [
            { kind: 'follow-up', start: '09:30', minutes: 30 },
            { kind: 'follow-up', start: '10:30', minutes: 30 },
            { kind: 'follow-up', start: '12:00', minutes: 30 },
          ],
        }),
      ],
      { from: '2025-03-04', days: 1, timeZone: 'America/Chicago' },
    );
    const found = findOverlaps([...denver, ...chicago]);
    expect(found).toHaveLength(1);
    expect(found[0]?.providerId).toBe('bcm-1');
    expect([found[0]?.first.clinicId, found[0]?.second.clinicId].sort()).toEqual([
      'pine-ridge',
      'prairie-view',
    ]);
    expect(found[0]?.second.localStart).toBe('10:30');
  });

  it('ignores other providers, touching ends and the same slot twice', () => {
    const a = expandTemplates(everyDay(), {
      from: '2025-03-04',
      days: 1,
      timeZone: 'America/Denver',
    });
    const other = expandTemplates(everyDay({ providerId: 'bcm-2' }), {
      from: '2025-03-04',
      days: 1,
      timeZone: 'America/Denver',
    });
    const next = expandTemplates(
      everyDay({
        blocks: [{ kind: 'intake', start: '09:30', minutes: 50 }],
        clinicId: 'other-clinic',
      }),
      { from: '2025-03-04', days: 1, timeZone: 'America/Denver' },
    );
    expect(findOverlaps([...a, ...a, ...other, ...next])).toEqual([]);
  });

  it('busy ticks: overlapping slots share a tick, adjacent ones do not', () => {
    const slot = { startsAt: '2025-03-04T16:00:00.000Z', endsAt: '2025-03-04T16:20:00.000Z' };
    expect(busyTicks(slot)).toEqual([
      '2025-03-04T16:00:00.000Z',
      '2025-03-04T16:05:00.000Z',
      '2025-03-04T16:10:00.000Z',
      '2025-03-04T16:15:00.000Z',
    ]);
    const after = { startsAt: '2025-03-04T16:20:00.000Z', endsAt: '2025-03-04T16:50:00.000Z' };
    expect(busyTicks(after).filter((t) => busyTicks(slot).includes(t))).toEqual([]);
  });
});

describe('releaseDue', () => {
  const slot = {
    kind: 'warm-handoff' as const,
    status: 'held' as const,
    startsAt: '2025-03-04T16:00:00.000Z',
    endsAt: '2025-03-04T16:20:00.000Z',
  };
  it('opens a held warm-handoff slot N hours before it starts, until it ends', () => {
    expect(releaseDue(slot, new Date('2025-03-04T13:59:59.999Z'), settings)).toBe(false);
    expect(releaseDue(slot, new Date('2025-03-04T14:00:00.000Z'), settings)).toBe(true);
    expect(releaseDue(slot, new Date('2025-03-04T16:10:00.000Z'), settings)).toBe(true);
    expect(releaseDue(slot, new Date('2025-03-04T16:20:00.000Z'), settings)).toBe(false);
    expect(
      releaseDue(slot, new Date('2025-03-04T12:00:00.000Z'), { warmHandoffReleaseHours: 4 }),
    ).toBe(true);
  });
  it('never releases other kinds or slots no longer held', () => {
    const now = new Date('2025-03-04T15:00:00.000Z');
    expect(releaseDue({ ...slot, status: 'released' }, now, settings)).toBe(false);
    expect(releaseDue({ ...slot, status: 'booked' }, now, settings)).toBe(false);
    expect(releaseDue({ ...slot, kind: 'follow-up', status: 'open' }, now, settings)).toBe(false);
  });
});

describe('expansion properties', () => {
  const zones = [
    'America/Denver',
    'America/Chicago',
    'America/New_York',
    'America/Phoenix',
    'Asia/Kathmandu',
    'Australia/Lord_Howe',
  ];
  const dayBlocks = fc
    .array(
      fc.record({
        kind: fc.constantFrom(
          'intake',
          'follow-up',
          'warm-handoff',
          'registry-review',
          'case-conference',
        ) as fc.Arbitrary<TemplateBlock['kind']>,
        // At most 8 × (6 + 16) × 5 min = 14 h 40 after 06:00: a generated day never crosses midnight.
        gap: fc.integer({ min: 0, max: 6 }),
        length: fc.integer({ min: 1, max: 16 }),
      }),
      { minLength: 1, maxLength: 8 },
    )
    .map((parts) => {
      // Lay blocks end to end on the 5-minute grid from 06:00, each after a gap.
      let at = 6 * 60;
      return parts.map(({ kind, gap, length }): TemplateBlock => {
        at += gap * 5;
        const block = {
          kind,
          start: `${String(Math.floor(at / 60)).padStart(2, '0')}:${String(at % 60).padStart(2, '0')}`,
          minutes: length * 5,
        };
        at += length * 5;
        return block;
      });
    });
  const dates = fc.integer({ min: 0, max: 3 * 365 }).map((offset) => addDays('2024-01-01', offset));

  it('N days of a daily template yield N × blocks slots, each ending after it starts, none overlapping', () => {
    fc.assert(
      fc.property(
        dayBlocks,
        dates,
        fc.integer({ min: 1, max: 60 }),
        fc.constantFrom(...zones),
        (blocks, from, days, timeZone) => {
          expect(validateTemplate({ blocks })).toEqual([]);
          const slots = expandTemplates(everyDay({ blocks, effectiveFrom: '2000-01-01' }), {
            from,
            days,
            timeZone,
          });
          expect(slots).toHaveLength(days * blocks.length);
          for (const slot of slots) {
            expect(new Date(slot.endsAt).getTime()).toBeGreaterThan(
              new Date(slot.startsAt).getTime(),
            );
          }
          expect(findOverlaps(slots)).toEqual([]);
          expect(new Set(slots.map((s) => s.slotId)).size).toBe(slots.length);
        },
      ),
      { numRuns: 150 },
    );
    // Up to 150 × 60 days of zone arithmetic: seconds on a busy shared runner.
  }, 60_000);
});
