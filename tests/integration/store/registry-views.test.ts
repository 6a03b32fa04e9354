import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Episode } from '../../../functions/contracts/registry';
import { freshTable, type FreshTable } from '../../support/dynamodb';
import { domainError, expectInvalidCursor, tamper, walk } from './fixtures';
import { enrolled, episode, episodeAudit, recommendation } from './registry-fixtures';

let t: FreshTable;
beforeAll(async () => {
  t = await freshTable();
});
afterAll(() => t.drop());

const enrol = (e: Episode) => t.store.episodes.create(e, episodeAudit(e, 'episode.enrol'));

/** 7 active episodes of one BCM and one psychiatrist spread over 3 clinics, plus one discharged. */
const caseload: Episode[] = [];
beforeAll(async () => {
  for (const [clinicId, count] of [
    ['view-a', 3],
    ['view-b', 2],
    ['view-c', 2],
  ] as const) {
    for (let i = 0; i < count; i += 1) {
      const p = await enrolled(t.store, clinicId);
      const e = episode(p, { bcmId: 'bcm-view', psychiatristId: 'psy-view' });
      await enrol(e);
      caseload.push(e);
    }
  }
  const p = await enrolled(t.store, 'view-a');
  const gone = episode(p, { bcmId: 'bcm-view', psychiatristId: 'psy-view' });
  await enrol(gone);
  await t.store.episodes.save(
    {
      ...gone,
      status: 'discharged',
      discharge: { reason: 'lapsed', at: '2026-11-20T16:00:00.000Z', by: 'bcm-view' },
      version: 1,
    },
    0,
    episodeAudit(gone, 'episode.discharge'),
  );
});

const ids = (items: { episodeId: string }[]) => items.map((e) => e.episodeId).sort();

describe('caseload', () => {
  it('returns the whole count and `limit` rows on the first page, in one Query', async () => {
    t.requests.reset();
    const first = await t.store.episodes.listCaseload('bcm-view', { limit: 3 });
    expect(t.requests.commands).toEqual(['QueryCommand']);
    expect(first.activeCount).toBe(7);
    expect(first.items).toHaveLength(3);
    expect(first.nextCursor).toBeDefined();
  });

  it('pages through every active episode of the 3 clinics, each page carrying the count', async () => {
    const pages: number[] = [];
    const seen: Episode[] = [];
    let cursor: string | undefined;
    do {
      const page = await t.store.episodes.listCaseload(
        'bcm-view',
        cursor === undefined ? { limit: 3 } : { limit: 3, cursor },
      );
      expect(page.activeCount).toBe(7);
      pages.push(page.items.length);
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    expect(pages).toEqual([3, 3, 1]);
    expect(ids(seen)).toEqual(ids(caseload));
    expect(new Set(seen.map((e) => e.clinicId))).toEqual(new Set(['view-a', 'view-b', 'view-c']));
  });

  it('ends without a cursor when the first page holds everything', async () => {
    const all = await t.store.episodes.listCaseload('bcm-view', { limit: 7 });
    expect(all.items).toHaveLength(7);
    expect(all.nextCursor).toBeUndefined();
    expect(await t.store.episodes.listCaseload('bcm-nobody', { limit: 5 })).toEqual({
      items: [],
      activeCount: 0,
    });
  });

  it('rejects a cursor of another list or another BCM, and a bad page size', async () => {
    const page = await t.store.episodes.listCaseload('bcm-view', { limit: 2 });
    const panel = await t.store.episodes.listPanel('psy-view', { limit: 2 });
    await expectInvalidCursor(
      t.store.episodes.listCaseload('bcm-view', { limit: 2, cursor: panel.nextCursor }),
    );
    await expectInvalidCursor(
      t.store.episodes.listCaseload('bcm-other', { limit: 2, cursor: page.nextCursor }),
    );
    await expectInvalidCursor(
      t.store.episodes.listCaseload('bcm-view', {
        limit: 2,
        cursor: tamper(page.nextCursor ?? '', { gsi3pk: 'CASELOAD#bcm-other' }),
      }),
    );
    await expectInvalidCursor(
      t.store.episodes.listCaseload('bcm-view', { limit: 2, cursor: 'not-a-cursor' }),
    );
    const limit = await domainError(t.store.episodes.listCaseload('bcm-view', { limit: 0 }));
    expect(limit.fields[0]?.field).toBe('query.limit');
  });
});

describe('panel and clinic list', () => {
  it("pages the psychiatrist's active episodes across clinics", async () => {
    const { items, pages } = await walk((page) => t.store.episodes.listPanel('psy-view', page), 3);
    expect(pages).toEqual([3, 3, 1]);
    expect(ids(items)).toEqual(ids(caseload));
    await expectInvalidCursor(
      t.store.episodes.listPanel('psy-view', {
        limit: 2,
        cursor: (await t.store.episodes.listCaseload('bcm-view', { limit: 2 })).nextCursor,
      }),
    );
  });

  it("lists one clinic's episodes, discharged ones included", async () => {
    const { items } = await walk((page) => t.store.episodes.listForClinic('view-a', page), 2);
    expect(items).toHaveLength(4);
    expect(items.filter((e) => e.status === 'discharged')).toHaveLength(1);
    expect(items.every((e) => e.clinicId === 'view-a')).toBe(true);
  });
});

describe('PCP inbox', () => {
  it('lists open recommendations across clinics; resolved ones move to "all" only', async () => {
    const [a, b] = [caseload[0], caseload[4]] as [Episode, Episode];
    const ra = recommendation(
      { ...a, billingPractitionerId: 'pcp-inbox' },
      { at: '2026-11-12T18:00:00.000Z' },
    );
    const rb = recommendation(
      { ...b, billingPractitionerId: 'pcp-inbox' },
      { at: '2026-11-13T18:00:00.000Z' },
    );
    await t.store.episodes.save({ ...a, version: 1 }, 0, episodeAudit(a, 'episode.review'), {
      recommendations: [ra],
    });
    await t.store.episodes.save({ ...b, version: 1 }, 0, episodeAudit(b, 'episode.review'), {
      recommendations: [rb],
    });
    const open = await t.store.recommendations.listInbox('pcp-inbox', 'open', { limit: 10 });
    expect(open.items).toEqual([rb, ra]);

    const acknowledged = {
      ...ra,
      status: 'acknowledged' as const,
      acknowledgedAt: '2026-11-14T09:00:00.000Z',
      version: 1,
    };
    const audit = () => episodeAudit(a, 'recommendation.update');
    await t.store.recommendations.save(acknowledged, 0, audit());
    const implemented = {
      ...acknowledged,
      status: 'implemented' as const,
      resolvedAt: '2026-11-15T09:00:00.000Z',
      version: 2,
    };
    await t.store.recommendations.save(implemented, 1, audit());
    expect(
      (await t.store.recommendations.listInbox('pcp-inbox', 'open', { limit: 10 })).items,
    ).toEqual([rb]);
    const { items: all, pages } = await walk(
      (page) => t.store.recommendations.listInbox('pcp-inbox', 'all', page),
      1,
    );
    expect(pages).toEqual([1, 1]);
    expect(all).toEqual([rb, implemented]);
    const stale = await domainError(
      t.store.recommendations.save({ ...ra, version: 1 }, 0, audit()),
    );
    expect(stale.kind).toBe('conflict');
    expect(await t.store.recommendations.get(a.clinicId, a.patientId, ra.recommendationId)).toEqual(
      implemented,
    );
    expect(await t.store.recommendations.listForPatient(a.clinicId, a.patientId)).toEqual([
      implemented,
    ]);
    const openPage = await t.store.recommendations.listInbox('pcp-inbox', 'all', { limit: 1 });
    await expectInvalidCursor(
      t.store.recommendations.listInbox('pcp-inbox', 'open', {
        limit: 1,
        cursor: openPage.nextCursor,
      }),
    );
  });
});
