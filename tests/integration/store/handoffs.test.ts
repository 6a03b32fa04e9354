import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CareActivity } from '../../../functions/contracts/activities';
import type { Handoff } from '../../../functions/contracts/handoff';
import {
  accept,
  attachMeeting,
  cancel,
  end,
  markMeetingDeleted,
} from '../../../functions/domain/handoff';
import { freshTable, type FreshTable } from '../../support/dynamodb';
import { audit, domainError, newId, patient, walk } from './fixtures';

let t: FreshTable;
beforeAll(async () => {
  t = await freshTable();
});
afterAll(() => t.drop());

const T0 = Date.parse('2026-11-23T16:00:00.000Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();

const registered = async (clinicId: string) => {
  const p = patient(clinicId);
  await t.store.patients.create(
    p,
    audit(clinicId, { patientId: p.patientId, action: 'patient.create' }),
  );
  return p;
};

const handoff = (clinicId: string, patientId: string, over: Partial<Handoff> = {}): Handoff => ({
  handoffId: newId(),
  clinicId,
  patientId,
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
  requestedAt: at(0),
  expiresAt: at(300),
  pagedCount: 0,
  declines: [],
  version: 0,
  ...over,
});

const event = (h: Handoff, action: string) =>
  audit(h.clinicId, {
    patientId: h.patientId,
    action,
    resourceType: 'handoff',
    resourceId: h.handoffId,
  });

const create = async (h: Handoff, clientRequestId?: string) =>
  t.store.handoffs.create(h, event(h, 'handoff.request'), clientRequestId);

const save = (next: Handoff, expected: number, also?: { activity?: CareActivity }) =>
  t.store.handoffs.save(next, expected, event(next, 'handoff.test'), also);

const meeting = (meetingId: string) => ({
  provider: 'webrtc-local' as const,
  meetingId,
  attendees: [{ userId: 'pcp-1', attendeeId: 'a-1' }],
});

describe('handoff repository', () => {
  it('round-trips a handoff and writes its audit event in the same transaction', async () => {
    const p = await registered('ho-rt');
    const h = handoff('ho-rt', p.patientId);
    expect(await create(h)).toEqual(h);
    expect(await t.store.handoffs.get('ho-rt', h.handoffId)).toEqual(h);
    expect(await t.store.handoffs.get('other-clinic', h.handoffId)).toBeUndefined();
    const trail = await t.store.audit.listForPatient('ho-rt', p.patientId, { limit: 5 });
    expect(trail.items[0]?.action).toBe('handoff.request');
  });

  it('refuses a handoff for a patient the clinic does not have', async () => {
    const error = await domainError(create(handoff('ho-none', newId())));
    expect(error.kind).toBe('not_found');
  });

  it('returns the first handoff for a repeated client request id and stores nothing new', async () => {
    const p = await registered('ho-idem');
    const first = handoff('ho-idem', p.patientId);
    const id = crypto.randomUUID();
    await create(first, id);
    const again = await create(handoff('ho-idem', p.patientId), id);
    expect(again).toEqual(first);
    const all = await t.store.handoffs.listForClinic('ho-idem', undefined, { limit: 10 });
    expect(all.items).toHaveLength(1);
    const other = await registered('ho-idem');
    const misuse = await domainError(create(handoff('ho-idem', other.patientId), id));
    expect(misuse.fields[0]?.field).toBe('body.clientRequestId');
  });

  it('saves only over the expected version: of two writers from one version, one wins', async () => {
    const p = await registered('ho-ver');
    const h = handoff('ho-ver', p.patientId);
    await create(h);
    const results = await Promise.allSettled([
      save(accept(h, 'bcm-1', at(5)), 0),
      save(accept(h, 'bcm-2', at(5)), 0),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const stored = await t.store.handoffs.get('ho-ver', h.handoffId);
    expect(stored?.version).toBe(1);
    const stale = await domainError(save(cancel(h, 'pcp-1', at(6)), 0));
    expect(stale.kind).toBe('conflict');
  });

  it('lists by state group newest first, and the open list of a clinic', async () => {
    const p = await registered('ho-list');
    const hs = [0, 1, 2, 3].map((i) =>
      handoff('ho-list', p.patientId, { requestedAt: at(i * 60) }),
    );
    for (const h of hs) await create(h);
    const [h0, h1] = hs as [Handoff, Handoff];
    await save(accept(h0, 'bcm-1', at(70)), 0);
    await save(cancel(h1, 'pcp-1', at(71)), 0);

    const all = await walk((page) => t.store.handoffs.listForClinic('ho-list', undefined, page), 3);
    expect(all.items.map((h) => h.handoffId)).toEqual(hs.map((h) => h.handoffId).reverse());
    const ids = (list: Handoff[]) => list.map((h) => h.handoffId);
    const open = await t.store.handoffs.listForClinic('ho-list', 'open', { limit: 10 });
    expect(ids(open.items)).toEqual([hs[3]?.handoffId, hs[2]?.handoffId]);
    const live = await t.store.handoffs.listForClinic('ho-list', 'live', { limit: 10 });
    expect(ids(live.items)).toEqual([h0.handoffId]);
    const closed = await t.store.handoffs.listForClinic('ho-list', 'closed', { limit: 10 });
    expect(ids(closed.items)).toEqual([h1.handoffId]);
    expect(ids(await t.store.handoffs.listOpen('ho-list'))).toEqual([
      hs[2]?.handoffId,
      hs[3]?.handoffId,
    ]);
    expect(ids(await t.store.handoffs.listLiveForUser('bcm-1'))).toContain(h0.handoffId);
  });

  it('finds the due requests (window ended) across clinics, and not the others', async () => {
    const p = await registered('ho-due');
    const due = handoff('ho-due', p.patientId, { expiresAt: at(-10) });
    const later = handoff('ho-due', p.patientId, { expiresAt: at(10_000) });
    await create(due);
    await create(later);
    const found = (await t.store.handoffs.listDue(new Date(T0), 100)).map((h) => h.handoffId);
    expect(found).toContain(due.handoffId);
    expect(found).not.toContain(later.handoffId);
  });

  it('finds a handoff by its meeting, and lists closed ones whose meeting still exists', async () => {
    const p = await registered('ho-meet');
    const h = handoff('ho-meet', p.patientId);
    await create(h);
    const accepted = accept(h, 'bcm-9', at(5));
    await save(accepted, 0);
    const live = attachMeeting(accepted, meeting('meet-ho-1'));
    await save(live, 1);
    expect((await t.store.handoffs.findByMeeting('meet-ho-1'))?.handoffId).toBe(h.handoffId);
    expect(await t.store.handoffs.findByMeeting('nope')).toBeUndefined();

    const ended = end(live, 'bcm-9', at(100));
    await save(ended, 2);
    const pending = (await t.store.handoffs.listMeetingsToDelete(100)).map((x) => x.handoffId);
    expect(pending).toContain(h.handoffId);
    expect(await t.store.handoffs.listLiveForUser('bcm-9')).toEqual([]);
    await save(markMeetingDeleted(ended, at(101)), 3);
    const after = (await t.store.handoffs.listMeetingsToDelete(100)).map((x) => x.handoffId);
    expect(after).not.toContain(h.handoffId);
  });

  it('stores the care activity with the outcome exactly once, in the patient partition', async () => {
    const p = await registered('ho-act');
    const h = handoff('ho-act', p.patientId);
    await create(h);
    const activity: CareActivity = {
      activityId: newId(),
      clinicId: 'ho-act',
      patientId: p.patientId,
      performedBy: 'bcm-1',
      role: 'bcm',
      kind: 'warm_handoff_video',
      minutes: 12,
      occurredAt: at(10),
      recordedAt: at(900),
      source: { handoffId: h.handoffId },
    };
    await save({ ...h, version: 1 }, 0, { activity });
    expect(await t.store.activities.get('ho-act', p.patientId, activity.activityId)).toEqual(
      activity,
    );
    const listed = await t.store.activities.listForPatient('ho-act', p.patientId, { limit: 5 });
    expect(listed.items).toEqual([activity]);
    const month = await t.store.activities.listForClinicBetween('ho-act', at(0), at(3600));
    expect(month).toEqual([activity]);
    const twice = await domainError(save({ ...h, version: 2 }, 1, { activity }));
    expect(twice.kind).toBe('conflict');
  });

  it('lists a clinic\u2019s handoffs requested in a time range', async () => {
    const p = await registered('ho-range');
    const early = handoff('ho-range', p.patientId, { requestedAt: at(-7200) });
    const inside = handoff('ho-range', p.patientId, { requestedAt: at(0) });
    await create(early);
    await create(inside);
    const found = await t.store.handoffs.listRequestedBetween('ho-range', at(-60), at(60));
    expect(found.map((h) => h.handoffId)).toEqual([inside.handoffId]);
  });
});

describe('presence repository', () => {
  it('lists by user and by clinic, and a heartbeat refreshes every row of the user', async () => {
    await t.store.presence.put({
      userId: 'bcm-p',
      clinicId: 'pr-a',
      status: 'on-duty',
      updatedAt: at(0),
      lastSeenAt: at(0),
    });
    await t.store.presence.put({
      userId: 'bcm-p',
      clinicId: 'pr-b',
      status: 'away',
      updatedAt: at(0),
      lastSeenAt: at(0),
    });
    expect((await t.store.presence.listForUser('bcm-p')).map((r) => r.clinicId)).toEqual([
      'pr-a',
      'pr-b',
    ]);
    expect((await t.store.presence.listForClinic('pr-a')).map((r) => r.userId)).toEqual(['bcm-p']);
    await t.store.presence.touch('bcm-p', at(45));
    const rows = await t.store.presence.listForUser('bcm-p');
    expect(rows.map((r) => r.lastSeenAt)).toEqual([at(45), at(45)]);
    expect(rows.map((r) => r.status)).toEqual(['on-duty', 'away']);
  });
});

describe('connection repository', () => {
  it('stores connections with a numeric TTL and hides expired ones before TTL deletes them', async () => {
    const now = Date.now();
    const iso = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString();
    await t.store.connections.put({
      connectionId: 'c-live',
      userId: 'u-conn',
      connectedAt: iso(now),
      expiresAt: iso(now + 3_600_000),
    });
    await t.store.connections.put({
      connectionId: 'c-dead',
      userId: 'u-conn',
      connectedAt: iso(now - 7_200_000),
      expiresAt: iso(now - 3_600_000),
    });
    expect((await t.store.connections.listForUser('u-conn')).map((c) => c.connectionId)).toEqual([
      'c-live',
    ]);
    expect(await t.store.connections.get('c-dead')).toBeUndefined();
    const raw = await t.client.send(
      new GetCommand({
        TableName: t.tableName,
        Key: { pk: 'CONNECTION#c-live', sk: 'CONNECTION' },
      }),
    );
    expect(typeof raw.Item?.['expiresAt']).toBe('number');
    await t.store.connections.remove('c-live');
    expect(await t.store.connections.listForUser('u-conn')).toEqual([]);
  });
});
