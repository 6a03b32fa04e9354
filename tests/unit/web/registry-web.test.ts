import { describe, expect, it } from 'vitest';
import {
  IdempotencyHeaders,
  RegistryFlagKind,
  type EpisodeView,
  type RegistryFlagKind as FlagKind,
} from '../../../functions/contracts';
import { FLAG_LABEL, FLAG_ORDER, sortFlags } from '../../../web/lib/registry/flags';
import { newIdempotencyKey } from '../../../web/lib/registry/queries';
import { capacityLevel, sortRows } from '../../../web/lib/registry/sort';
import { localInputValue, utcOfLocalInput } from '../../../web/lib/registry/zone';

const row = (
  id: string,
  over: {
    family?: string;
    weeks?: number;
    days?: number | null;
    phq9?: number;
    minutes?: number;
    flags?: FlagKind[];
  } = {},
): EpisodeView =>
  ({
    episodeId: id,
    clinicName: 'Pine Ridge',
    patient: { givenName: 'A', familyName: over.family ?? id, dateOfBirth: '1980-01-01' },
    weeksInTreatment: over.weeks ?? 0,
    daysSinceLastContact: over.days === undefined ? 3 : over.days,
    minutesThisMonth: over.minutes ?? 0,
    latest: over.phq9 === undefined ? {} : { phq9: { instrument: 'phq9', score: over.phq9 } },
    flags: (over.flags ?? []).map((kind) => ({
      kind,
      since: '2026-01-01T00:00:00Z',
      reason: kind,
    })),
  }) as unknown as EpisodeView;

const ids = (rows: readonly EpisodeView[]) => rows.map((r) => r.episodeId);

describe('caseload sorting', () => {
  it('puts the most urgent flag first when sorting flags descending', () => {
    const rows = [
      row('a', { flags: ['contact_overdue'] }),
      row('b', { flags: [] }),
      row('c', { flags: ['safety'] }),
      row('d', { flags: ['new', 'contact_overdue'] }),
    ];
    expect(ids(sortRows(rows, { key: 'flags', direction: 'descending' }))).toEqual([
      'c',
      'd',
      'a',
      'b',
    ]);
  });

  it('sorts missing scores last in both directions and keeps ties stable', () => {
    const rows = [row('a', { phq9: 12 }), row('b'), row('c', { phq9: 5 }), row('d', { phq9: 12 })];
    expect(ids(sortRows(rows, { key: 'phq9', direction: 'descending' }))).toEqual([
      'a',
      'd',
      'c',
      'b',
    ]);
    expect(ids(sortRows(rows, { key: 'phq9', direction: 'ascending' }))).toEqual([
      'c',
      'a',
      'd',
      'b',
    ]);
  });

  it('treats "never contacted" as the longest without contact', () => {
    const rows = [row('a', { days: 40 }), row('b', { days: null }), row('c', { days: 2 })];
    expect(ids(sortRows(rows, { key: 'lastContact', direction: 'descending' }))).toEqual([
      'b',
      'a',
      'c',
    ]);
  });

  it('sorts by name and weeks', () => {
    const rows = [
      row('1', { family: 'Zeller', weeks: 3 }),
      row('2', { family: 'albrecht', weeks: 10 }),
    ];
    expect(ids(sortRows(rows, { key: 'patient', direction: 'ascending' }))).toEqual(['2', '1']);
    expect(ids(sortRows(rows, { key: 'weeks', direction: 'ascending' }))).toEqual(['1', '2']);
  });
});

describe('capacity meter level', () => {
  it('warns at the warning level and is over from a fifth above it', () => {
    expect(capacityLevel(79, 80)).toBe('ok');
    expect(capacityLevel(80, 80)).toBe('warn');
    expect(capacityLevel(95, 80)).toBe('warn');
    expect(capacityLevel(96, 80)).toBe('over');
  });
});

describe('flag labels', () => {
  it('labels and orders every flag kind', () => {
    for (const kind of RegistryFlagKind.options) {
      expect(FLAG_LABEL[kind]).toMatch(/\w/);
      expect(FLAG_ORDER).toContain(kind);
    }
    expect(FLAG_ORDER).toHaveLength(RegistryFlagKind.options.length);
  });

  it('sorts chips by urgency', () => {
    const flags = (['lapsed', 'safety', 'contact_overdue'] as const).map((kind) => ({
      kind,
      since: '2026-01-01T00:00:00Z',
      reason: '',
    }));
    expect(sortFlags(flags).map((f) => f.kind)).toEqual(['safety', 'contact_overdue', 'lapsed']);
  });
});

describe('clinic-local wall time', () => {
  it('round-trips a wall time in Denver and Chicago', () => {
    const at = Date.parse('2026-11-23T16:05:00Z');
    expect(localInputValue(at, 'America/Denver')).toBe('2026-11-23T09:05');
    expect(localInputValue(at, 'America/Chicago')).toBe('2026-11-23T10:05');
    expect(utcOfLocalInput('2026-11-23T09:05', 'America/Denver')?.toISOString()).toBe(
      '2026-11-23T16:05:00.000Z',
    );
  });

  it('uses the offset in force on that date across a DST change', () => {
    // 2026-03-08 is the US spring-forward date: 10:00 MDT is 16:00Z, the day before 10:00 MST is 17:00Z.
    expect(utcOfLocalInput('2026-03-08T10:00', 'America/Denver')?.toISOString()).toBe(
      '2026-03-08T16:00:00.000Z',
    );
    expect(utcOfLocalInput('2026-03-07T10:00', 'America/Denver')?.toISOString()).toBe(
      '2026-03-07T17:00:00.000Z',
    );
  });

  it('refuses malformed input', () => {
    expect(utcOfLocalInput('tomorrow', 'America/Denver')).toBeNull();
  });
});

describe('idempotency keys', () => {
  it('are valid for the route header and differ per dialog', () => {
    const a = newIdempotencyKey();
    const b = newIdempotencyKey();
    expect(IdempotencyHeaders.parse({ 'idempotency-key': a })['idempotency-key']).toBe(a);
    expect(a).not.toBe(b);
  });
});
