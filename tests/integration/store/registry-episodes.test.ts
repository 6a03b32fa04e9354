import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Handoff } from '../../../functions/contracts/handoff';
import type { Episode } from '../../../functions/contracts/registry';
import { freshTable, type FreshTable } from '../../support/dynamodb';
import { audit, domainError, newId } from './fixtures';
import {
  activity,
  bumped,
  enrolled,
  episode,
  episodeAudit,
  recommendation,
} from './registry-fixtures';

let t: FreshTable;
beforeAll(async () => {
  t = await freshTable();
});
afterAll(() => t.drop());

const enrol = (e: Episode) => t.store.episodes.create(e, episodeAudit(e, 'episode.enrol'));
const save = (
  next: Episode,
  expected: number,
  extras?: Parameters<FreshTable['store']['episodes']['save']>[3],
) => t.store.episodes.save(next, expected, episodeAudit(next, 'episode.update'), extras);
const caseloadCount = async (bcmId: string) =>
  (await t.store.episodes.listCaseload(bcmId, { limit: 100 })).activeCount;

describe('episode repository: enrolment', () => {
  it('stores the episode with its guard, counts it and writes the audit event', async () => {
    const p = await enrolled(t.store, 'ep-rt');
    const e = episode(p, { bcmId: 'bcm-rt' });
    await enrol(e);
    expect(await t.store.episodes.get('ep-rt', p.patientId, e.episodeId)).toEqual(e);
    expect(await t.store.episodes.getActive('ep-rt', p.patientId)).toEqual(e);
    expect(await t.store.episodes.get('other-clinic', p.patientId, e.episodeId)).toBeUndefined();
    // The guard shares the EPISODE# prefix but is never returned as an episode.
    expect(await t.store.episodes.listForPatient('ep-rt', p.patientId)).toEqual([e]);
    expect((await t.store.episodes.listForClinic('ep-rt', { limit: 10 })).items).toEqual([e]);
    expect(await caseloadCount('bcm-rt')).toBe(1);
    const trail = await t.store.audit.listForPatient('ep-rt', p.patientId, { limit: 5 });
    expect(trail.items[0]).toMatchObject({ action: 'episode.enrol', resourceType: 'episode' });
  });

  it('refuses an episode for a patient the clinic does not have, writing nothing', async () => {
    const e = episode({ clinicId: 'ep-none', patientId: newId() }, { bcmId: 'bcm-none' });
    expect((await domainError(enrol(e))).kind).toBe('not_found');
    expect(await caseloadCount('bcm-none')).toBe(0);
    expect((await t.store.episodes.listForClinic('ep-none', { limit: 10 })).items).toEqual([]);
  });

  it('refuses a second active episode (body.referredOn) and leaves the count alone', async () => {
    const p = await enrolled(t.store, 'ep-twice');
    await enrol(episode(p, { bcmId: 'bcm-twice' }));
    const error = await domainError(enrol(episode(p, { bcmId: 'bcm-twice' })));
    expect(error.kind).toBe('conflict');
    expect(error.fields[0]?.field).toBe('body.referredOn');
    expect(await caseloadCount('bcm-twice')).toBe(1);
    expect(await t.store.episodes.listForPatient('ep-twice', p.patientId)).toHaveLength(1);
  });

  it('of ten concurrent enrolments of one patient exactly one is stored', async () => {
    const p = await enrolled(t.store, 'ep-race');
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => enrol(episode(p, { bcmId: 'bcm-race' }))),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) {
      if (r.status === 'rejected') expect(r.reason).toMatchObject({ kind: 'conflict' });
    }
    expect(await t.store.episodes.listForPatient('ep-race', p.patientId)).toHaveLength(1);
    expect(await caseloadCount('bcm-race')).toBe(1);
  });

  it('counts concurrent enrolments of different patients to one BCM without losing any', async () => {
    const patients = await Promise.all(
      Array.from({ length: 6 }, () => enrolled(t.store, 'ep-many')),
    );
    await Promise.all(patients.map((p) => enrol(episode(p, { bcmId: 'bcm-many' }))));
    expect(await caseloadCount('bcm-many')).toBe(6);
  });
});

describe('episode repository: saves', () => {
  it('saves only over the expected version: of two writers from one version, one wins', async () => {
    const p = await enrolled(t.store, 'ep-ver');
    const e = episode(p);
    await enrol(e);
    const results = await Promise.allSettled([
      save(bumped(e, { target: 'one' }), 0),
      save(bumped(e, { target: 'two' }), 0),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((await t.store.episodes.get('ep-ver', p.patientId, e.episodeId))?.version).toBe(1);
    expect((await domainError(save(bumped(e, { target: 'late' }), 0))).kind).toBe('conflict');
    const missing = episode(p);
    expect((await domainError(save(bumped(missing), 0))).kind).toBe('not_found');
  });

  it('stores an activity with the save, indexed by episode and by performer', async () => {
    const p = await enrolled(t.store, 'ep-act');
    const e = episode(p, { bcmId: 'bcm-act' });
    await enrol(e);
    const a = activity(e, { occurredAt: '2026-11-10T17:00:00.000Z' });
    const result = await save(bumped(e, { contactCount: 1 }), 0, { activity: a });
    expect(result).toEqual({ activity: a, replayed: false });
    expect(await t.store.activities.get('ep-act', p.patientId, a.activityId)).toEqual(a);
    const listed = await t.store.activities.listForEpisode('ep-act', p.patientId, e.episodeId, {
      limit: 5,
    });
    expect(listed.items).toEqual([a]);
    const window = (from: string, to: string) =>
      t.store.activities.listForPerformerBetween('bcm-act', from, to);
    expect(await window('2026-11-10T16:00:00.000Z', '2026-11-10T17:00:00.000Z')).toEqual([]);
    expect(await window('2026-11-10T17:00:00.000Z', '2026-11-10T17:00:01.000Z')).toEqual([a]);
    expect(
      await t.store.activities.listForPerformerBetween(
        'bcm-other',
        '2026-11-01T00:00:00.000Z',
        '2026-12-01T00:00:00.000Z',
      ),
    ).toEqual([]);
  });

  it('lists one performer across clinics and one episode newest first, paged', async () => {
    const [p1, p2] = [await enrolled(t.store, 'ep-perf-a'), await enrolled(t.store, 'ep-perf-b')];
    const e1 = episode(p1, { bcmId: 'bcm-perf' });
    const e2 = episode(p2, { bcmId: 'bcm-perf' });
    await enrol(e1);
    await enrol(e2);
    const a1 = activity(e1, { occurredAt: '2026-11-10T15:00:00.000Z' });
    const a2 = activity(e2, { occurredAt: '2026-11-10T16:00:00.000Z' });
    const a3 = activity(e1, { occurredAt: '2026-11-10T17:00:00.000Z' });
    await save(bumped(e1), 0, { activity: a1 });
    await save(bumped(e2), 0, { activity: a2 });
    await save(bumped({ ...e1, version: 1 }), 1, { activity: a3 });
    expect(
      await t.store.activities.listForPerformerBetween(
        'bcm-perf',
        '2026-11-10T00:00:00.000Z',
        '2026-11-11T00:00:00.000Z',
      ),
    ).toEqual([a1, a2, a3]);
    const first = await t.store.activities.listForEpisode('ep-perf-a', p1.patientId, e1.episodeId, {
      limit: 1,
    });
    expect(first.items).toEqual([a3]);
    const second = await t.store.activities.listForEpisode(
      'ep-perf-a',
      p1.patientId,
      e1.episodeId,
      {
        limit: 1,
        cursor: first.nextCursor,
      },
    );
    expect(second).toEqual({ items: [a1] });
  });

  it('replays an idempotency key: one activity, the first one returned, nothing else written', async () => {
    const p = await enrolled(t.store, 'ep-idem');
    const e = episode(p);
    await enrol(e);
    const key = 'retry-key-0001';
    const a = activity(e);
    const first = await save(bumped(e, { contactCount: 1 }), 0, {
      activity: a,
      idempotencyKey: key,
    });
    expect(first.replayed).toBe(false);
    // The retry: the service read the episode again (version 1) and built a new activity id.
    const again = await save(bumped({ ...e, version: 1 }, { contactCount: 2 }), 1, {
      activity: activity(e),
      idempotencyKey: key,
    });
    expect(again).toEqual({ activity: a, replayed: true });
    const stored = await t.store.episodes.get('ep-idem', p.patientId, e.episodeId);
    expect(stored).toMatchObject({ version: 1, contactCount: 1 });
    const acts = await t.store.activities.listForPatient('ep-idem', p.patientId, { limit: 10 });
    expect(acts.items).toEqual([a]);
    expect(await t.store.episodes.findIdempotentActivity?.('ep-idem', key)).toEqual({
      patientId: p.patientId,
      activityId: a.activityId,
    });
    expect(
      await t.store.episodes.findIdempotentActivity?.('ep-idem', 'unused-key-01'),
    ).toBeUndefined();
  });

  it('answers two racing requests with one key once', async () => {
    const p = await enrolled(t.store, 'ep-idem-race');
    const e = episode(p);
    await enrol(e);
    const key = 'race-key-0001';
    const results = await Promise.all(
      [activity(e), activity(e)].map((a) =>
        save(bumped(e, { contactCount: 1 }), 0, { activity: a, idempotencyKey: key }).catch(
          (error: unknown) => error,
        ),
      ),
    );
    const acts = await t.store.activities.listForPatient('ep-idem-race', p.patientId, {
      limit: 10,
    });
    expect(acts.items).toHaveLength(1);
    // Each answer is the stored activity (or, at worst, a retryable conflict): never a second one.
    for (const r of results) {
      if ('replayed' in (r as object)) {
        expect((r as { activity: unknown }).activity).toEqual(acts.items[0]);
      } else {
        expect(r).toMatchObject({ kind: 'conflict' });
      }
    }
  });

  it('refuses a key reused for another patient (header.idempotency-key)', async () => {
    const [p1, p2] = [await enrolled(t.store, 'ep-idem-x'), await enrolled(t.store, 'ep-idem-x')];
    const e1 = episode(p1);
    const e2 = episode(p2);
    await enrol(e1);
    await enrol(e2);
    await save(bumped(e1), 0, { activity: activity(e1), idempotencyKey: 'shared-key-01' });
    const error = await domainError(
      save(bumped(e2), 0, { activity: activity(e2), idempotencyKey: 'shared-key-01' }),
    );
    expect(error.fields[0]?.field).toBe('header.idempotency-key');
    expect((await t.store.episodes.get('ep-idem-x', p2.patientId, e2.episodeId))?.version).toBe(0);
  });

  it('stores a review with its recommendations in the PCP inbox, in one transaction', async () => {
    const p = await enrolled(t.store, 'ep-rev');
    const e = episode(p, { billingPractitionerId: 'pcp-rev' });
    await enrol(e);
    const review = activity(e, {
      kind: 'case_review',
      performedBy: 'psy-1',
      role: 'psychiatrist',
      modality: 'video',
      source: { manual: true },
    });
    const recs = [recommendation(e), recommendation(e, { kind: 'therapy_change' })];
    await save(bumped(e, { lastPsychiatricReviewAt: '2026-11-12T18:00:00.000Z' }), 0, {
      activity: review,
      recommendations: recs,
    });
    const inbox = await t.store.recommendations.listInbox('pcp-rev', 'open', { limit: 10 });
    expect(inbox.items.map((r) => r.recommendationId).sort()).toEqual(
      recs.map((r) => r.recommendationId).sort(),
    );
    // A stale review writes none of it.
    const stale = await domainError(
      save(bumped(e), 0, { activity: activity(e), recommendations: [recommendation(e)] }),
    );
    expect(stale.kind).toBe('conflict');
    expect(await t.store.recommendations.listForPatient('ep-rev', p.patientId)).toHaveLength(2);
  });
});

describe('episode repository: discharge', () => {
  it('releases the guard and the count; the episode leaves caseload and panel', async () => {
    const p = await enrolled(t.store, 'ep-dis');
    const e = episode(p, { bcmId: 'bcm-dis', psychiatristId: 'psy-dis' });
    await enrol(e);
    expect((await t.store.episodes.listPanel('psy-dis', { limit: 10 })).items).toHaveLength(1);
    const discharged = bumped(e, {
      status: 'discharged',
      discharge: { reason: 'referred_out', at: '2026-12-01T16:00:00.000Z', by: 'bcm-dis' },
    });
    await save(discharged, 0);
    expect(await t.store.episodes.getActive('ep-dis', p.patientId)).toBeUndefined();
    const caseload = await t.store.episodes.listCaseload('bcm-dis', { limit: 10 });
    expect(caseload).toEqual({ items: [], activeCount: 0 });
    expect((await t.store.episodes.listPanel('psy-dis', { limit: 10 })).items).toEqual([]);
    // Still in the clinic's list (outcomes, billing) and the patient's history.
    expect((await t.store.episodes.listForClinic('ep-dis', { limit: 10 })).items).toEqual([
      discharged,
    ]);
    // Saving the discharged episode again (a note) does not count it down twice.
    await save(bumped(discharged, { target: 'closed' }), 1);
    expect(await caseloadCount('bcm-dis')).toBe(0);
    const reopen = await domainError(
      save(bumped({ ...discharged, version: 2 }, { status: 'active' }), 2),
    );
    expect(reopen.kind).toBe('conflict');
    // Re-enrolment opens a new episode.
    const again = episode(p, { bcmId: 'bcm-dis', psychiatristId: 'psy-dis' });
    await enrol(again);
    expect((await t.store.episodes.getActive('ep-dis', p.patientId))?.episodeId).toBe(
      again.episodeId,
    );
    expect(await t.store.episodes.listForPatient('ep-dis', p.patientId)).toHaveLength(2);
    expect(await caseloadCount('bcm-dis')).toBe(1);
  });

  it('moves the count when an active episode changes BCM', async () => {
    const p = await enrolled(t.store, 'ep-move');
    const e = episode(p, { bcmId: 'bcm-from' });
    await enrol(e);
    await save(bumped(e, { bcmId: 'bcm-to' }), 0);
    expect(await caseloadCount('bcm-from')).toBe(0);
    const to = await t.store.episodes.listCaseload('bcm-to', { limit: 10 });
    expect(to.activeCount).toBe(1);
    expect(to.items.map((x) => x.episodeId)).toEqual([e.episodeId]);
  });
});

describe('activities written by a handoff outcome', () => {
  it('are indexed by performer too, so the overlap check sees them', async () => {
    const p = await enrolled(t.store, 'ep-ho');
    const handoff: Handoff = {
      handoffId: newId(),
      clinicId: 'ep-ho',
      patientId: p.patientId,
      urgency: 'routine',
      status: 'requested',
      summary: {
        clinicName: 'Clinic',
        clinicTimeZone: 'America/Denver',
        patientLabel: 'Ana L.',
        scores: [],
        safetyFlag: false,
      },
      requestedBy: 'pcp-1',
      participants: [{ userId: 'pcp-1', role: 'pcp', kind: 'requester' }],
      requestedAt: '2026-11-10T16:00:00.000Z',
      expiresAt: '2026-11-10T16:05:00.000Z',
      pagedCount: 0,
      declines: [],
      version: 0,
    };
    const event = () =>
      audit('ep-ho', { patientId: p.patientId, action: 'handoff.test', resourceType: 'handoff' });
    await t.store.handoffs.create(handoff, event());
    const call = activity(episode(p), {
      episodeId: undefined,
      performedBy: 'bcm-ho',
      kind: 'warm_handoff_video',
      modality: 'video',
      occurredAt: '2026-11-10T16:01:00.000Z',
      source: { handoffId: handoff.handoffId },
    });
    await t.store.handoffs.save({ ...handoff, version: 1 }, 0, event(), { activity: call });
    expect(
      await t.store.activities.listForPerformerBetween(
        'bcm-ho',
        '2026-11-10T16:00:00.000Z',
        '2026-11-10T17:00:00.000Z',
      ),
    ).toEqual([call]);
  });
});
