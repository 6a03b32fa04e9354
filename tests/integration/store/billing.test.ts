import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Adjustment, WorksheetLine } from '../../../functions/contracts/billing';
import type { Episode } from '../../../functions/contracts/registry';
import type { MonthCloseHeader } from '../../../functions/ports/billing';
import { freshTable, type FreshTable } from '../../support/dynamodb';
import { audit, domainError, newId } from './fixtures';
import { activity, bumped, enrolled, episode, episodeAudit } from './registry-fixtures';

let t: FreshTable;
beforeAll(async () => {
  t = await freshTable();
});
afterAll(() => t.drop());

const CLINIC = 'clinic-billing';
const header = (month: string, overrides: Partial<MonthCloseHeader> = {}): MonthCloseHeader => ({
  clinicId: CLINIC,
  month,
  status: 'closing',
  closedBy: 'admin-1',
  closedAt: '2026-11-02T10:00:00.000Z',
  leaseAt: '2026-11-02T10:00:00.000Z',
  lines: 0,
  timeZone: 'America/Denver',
  facilityType: 'standard',
  rates: { year: 2026, cents: { '99492': 15_000 } },
  ...overrides,
});
const closeAudit = (month: string) =>
  audit(CLINIC, { action: 'billing.close', resourceType: 'billing-worksheet', resourceId: month });

const line = (month: string, n: number): WorksheetLine => {
  const episodeId = newId();
  return {
    lineId: `${month}~${episodeId}`,
    clinicId: CLINIC,
    month,
    patientId: newId(),
    patient: { givenName: 'Ana', familyName: `Patient ${n}`, dateOfBirth: '1970-01-02' },
    episodeId,
    payer: 'medicare',
    profileId: 'medicare',
    billingPractitionerId: 'pcp-1',
    monthOfEpisode: 'first',
    countedMinutes: 40,
    minutesByRole: { bcm: 40 },
    countedActivityIds: [],
    excluded: [],
    codes: [{ code: '99492', units: 1 }],
    earnedCodes: [{ code: '99492', units: 1 }],
    gates: [],
    ladder: [{ code: '99492', atMinutes: 36 }],
    minutesToNext: null,
    diagnosisCodes: ['F32.1'],
  };
};

describe('billing repository: the once-only close', () => {
  it('of five concurrent closers exactly one starts; the others read its header', async () => {
    const month = '2026-07';
    const results = await Promise.all(
      ['a', 'b', 'c', 'd', 'e'].map((who) =>
        t.store.billing.beginClose(header(month, { closedBy: who }), closeAudit(month)),
      ),
    );
    const started = results.filter((result) => result.started);
    expect(started).toHaveLength(1);
    const winner = started[0]?.header.closedBy;
    for (const result of results) expect(result.header.closedBy).toBe(winner);
    expect((await t.store.billing.getClose(CLINIC, month))?.closedBy).toBe(winner);
  });

  it('writes lines past one batch, then closes only under its own lease', async () => {
    const month = '2026-08';
    await t.store.billing.beginClose(header(month), closeAudit(month));
    const lines = Array.from({ length: 60 }, (_, n) => line(month, n));
    await t.store.billing.putLines(CLINIC, month, lines);
    const stored = await t.store.billing.listLines(CLINIC, month);
    expect(stored).toHaveLength(60);
    expect(new Set(stored.map((l) => l.lineId))).toEqual(new Set(lines.map((l) => l.lineId)));
    expect(stored.find((l) => l.lineId === lines[7]?.lineId)).toEqual(lines[7]);

    const summaries = await t.store.billing.listLineSummaries(CLINIC, month);
    expect(summaries).toHaveLength(60);
    expect(Object.keys(summaries[0] ?? {}).sort()).toEqual(
      ['codes', 'countedMinutes', 'episodeId', 'lineId', 'month', 'patientId'].sort(),
    );

    const wrongLease = await domainError(
      t.store.billing.finishClose(CLINIC, month, '2026-11-02T10:00:01.000Z', 60),
    );
    expect(wrongLease.kind).toBe('conflict');
    const closed = await t.store.billing.finishClose(CLINIC, month, header(month).leaseAt, 60);
    expect(closed).toMatchObject({ status: 'closed', lines: 60 });
    const headers = await t.store.billing.getCloses(CLINIC, ['2026-06', month, '2026-07']);
    expect(headers.map((h) => h.month).sort()).toEqual(['2026-07', month]);
  });

  it('a crashed close is taken over once, by the lease it was left with', async () => {
    const month = '2026-09';
    const stale = header(month);
    await t.store.billing.beginClose(stale, closeAudit(month));
    const takeover = { ...stale, closedBy: 'admin-2', leaseAt: '2026-11-02T11:00:00.000Z' };
    const [first, second] = await Promise.all([
      t.store.billing.resumeClose(takeover, stale.leaseAt, closeAudit(month)),
      t.store.billing.resumeClose(
        { ...takeover, closedBy: 'admin-3' },
        stale.leaseAt,
        closeAudit(month),
      ),
    ]);
    expect([first, second].filter((result) => result !== undefined)).toHaveLength(1);
    const finalHeader = await t.store.billing.getClose(CLINIC, month);
    expect(finalHeader?.leaseAt).toBe(takeover.leaseAt);
    await expect(
      t.store.billing.finishClose(CLINIC, month, stale.leaseAt, 0),
    ).rejects.toMatchObject({ kind: 'conflict' });
  });
});

describe('billing repository: adjustments', () => {
  const adjustment = (month: string, lineId: string): Adjustment => ({
    adjustmentId: newId(),
    clinicId: CLINIC,
    month,
    lineId,
    reason: 'late note',
    delta: { countedMinutes: 5, codes: [] },
    by: 'admin-1',
    at: '2026-11-03T10:00:00.000Z',
  });
  const adjustAudit = (month: string) =>
    audit(CLINIC, {
      action: 'billing.adjustment.create',
      resourceType: 'billing-worksheet',
      resourceId: month,
    });

  it('are refused on a month that is not closed and kept in order on a closed one', async () => {
    const refused = await domainError(
      t.store.billing.addAdjustment(adjustment('2026-09', 'x'), adjustAudit('2026-09')),
    );
    expect(refused.kind).toBe('conflict');
    const never = await domainError(
      t.store.billing.addAdjustment(adjustment('2026-01', 'x'), adjustAudit('2026-01')),
    );
    expect(never.kind).toBe('conflict');
    const first = adjustment('2026-08', 'line-1');
    const second = adjustment('2026-08', 'line-1');
    await t.store.billing.addAdjustment(first, adjustAudit('2026-08'));
    await t.store.billing.addAdjustment(second, adjustAudit('2026-08'));
    expect(await t.store.billing.listAdjustments(CLINIC, '2026-08')).toEqual([first, second]);
    expect(await t.store.billing.listAdjustments(CLINIC, '2026-09')).toEqual([]);
  });
});

describe('billing repository: the month activities', () => {
  it('reads every activity that started in [from, to), not past the end', async () => {
    const p = await enrolled(t.store, CLINIC);
    const e: Episode = episode(p);
    await t.store.episodes.create(e, episodeAudit(e, 'episode.enrol'));
    const at = [
      '2026-10-31T23:59:59.999Z',
      '2026-11-01T00:00:00.000Z',
      '2026-11-30T23:59:00.000Z',
      '2026-12-01T00:00:00.000Z',
    ];
    let current = e;
    for (const occurredAt of at) {
      const next = bumped(current);
      await t.store.episodes.save(next, current.version, episodeAudit(next, 'episode.update'), {
        activity: activity(e, { occurredAt, minutes: 1 }),
      });
      current = next;
    }
    const found = await t.store.billing.listActivitiesBetween(
      CLINIC,
      '2026-11-01T00:00:00.000Z',
      '2026-12-01T00:00:00.000Z',
    );
    expect(found.map((a) => a.occurredAt).sort()).toEqual([at[1], at[2]]);
  });
});
