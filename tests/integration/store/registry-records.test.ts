import {
  QueryCommand,
  type BatchGetCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  PatientMessage,
  RestrictedNote,
  ReviewSession,
} from '../../../functions/contracts/registry';
import { defaultRegistrySettings } from '../../../functions/contracts/registry';
import { defaultClinicSchedulingSettings } from '../../../functions/contracts/scheduling';
import { batchGet } from '../../../functions/adapters/dynamodb/batch';
import { freshTable, type FreshTable } from '../../support/dynamodb';
import { audit, clinic, domainError, expectInvalidCursor, newId, walk } from './fixtures';
import { activity, enrolled, episode, episodeAudit } from './registry-fixtures';

let t: FreshTable;
beforeAll(async () => {
  t = await freshTable();
});
afterAll(() => t.drop());

const event = (clinicId: string, patientId: string, resourceType: 'message' | 'restricted-note') =>
  audit(clinicId, { patientId, action: `${resourceType}.write`, resourceType });

const message = (p: { clinicId: string; patientId: string }, at: string): PatientMessage => ({
  messageId: newId(),
  clinicId: p.clinicId,
  patientId: p.patientId,
  from: 'bcm-1',
  fromRole: 'bcm',
  body: 'Called the patient; follow-up booked.',
  at,
});

const note = (p: { clinicId: string; patientId: string }): RestrictedNote => ({
  noteId: newId(),
  clinicId: p.clinicId,
  patientId: p.patientId,
  kind: 'psychotherapy',
  authorId: 'bcm-1',
  at: '2026-11-10T18:00:00.000Z',
  body: 'Process notes.',
});

describe('messages', () => {
  it('stores with the audit event and lists newest first, paged', async () => {
    const p = await enrolled(t.store, 'msg-a');
    const m1 = message(p, '2026-11-10T17:00:00.000Z');
    const m2 = message(p, '2026-11-10T18:00:00.000Z');
    await t.store.messages.create(m1, event('msg-a', p.patientId, 'message'));
    await t.store.messages.create(m2, event('msg-a', p.patientId, 'message'));
    const { items, pages } = await walk(
      (page) => t.store.messages.listForPatient('msg-a', p.patientId, page),
      1,
    );
    expect(items).toEqual([m2, m1]);
    expect(pages).toEqual([1, 1]);
    const trail = await t.store.audit.listForPatient('msg-a', p.patientId, { limit: 5 });
    expect(trail.items[0]?.resourceType).toBe('message');
    const missing = message({ clinicId: 'msg-a', patientId: newId() }, m1.at);
    const error = await domainError(
      t.store.messages.create(missing, event('msg-a', missing.patientId, 'message')),
    );
    expect(error.kind).toBe('not_found');
    const other = await t.store.messages.listForPatient('msg-a', newId(), { limit: 5 });
    await expectInvalidCursor(
      t.store.messages.listForPatient('msg-a', newId(), {
        limit: 1,
        cursor: (await t.store.messages.listForPatient('msg-a', p.patientId, { limit: 1 }))
          .nextCursor,
      }),
    );
    expect(other.items).toEqual([]);
  });
});

describe('restricted notes', () => {
  it('stores, reads and records the authorization once', async () => {
    const p = await enrolled(t.store, 'note-a');
    const n = note(p);
    await t.store.restrictedNotes.create(n, event('note-a', p.patientId, 'restricted-note'));
    expect(await t.store.restrictedNotes.get('note-a', p.patientId, n.noteId)).toEqual(n);
    const authorization = {
      recordedAt: '2026-11-11T18:00:00.000Z',
      recordedBy: 'bcm-1',
      scope: 'Share with the care team',
    };
    const authorized = await t.store.restrictedNotes.recordAuthorization(
      n,
      authorization,
      event('note-a', p.patientId, 'restricted-note'),
    );
    expect(authorized).toEqual({ ...n, authorization });
    expect(await t.store.restrictedNotes.listForPatient('note-a', p.patientId)).toEqual([
      authorized,
    ]);
    const twice = await domainError(
      t.store.restrictedNotes.recordAuthorization(
        n,
        authorization,
        event('note-a', p.patientId, 'restricted-note'),
      ),
    );
    expect(twice.kind).toBe('conflict');
    const missing = await domainError(
      t.store.restrictedNotes.recordAuthorization(
        note(p),
        authorization,
        event('note-a', p.patientId, 'restricted-note'),
      ),
    );
    expect(missing.kind).toBe('not_found');
  });

  it('is returned by no query of the patient partition or any list', async () => {
    const p = await enrolled(t.store, 'note-b');
    const e = episode(p, { bcmId: 'bcm-note', psychiatristId: 'psy-note' });
    await t.store.episodes.create(e, episodeAudit(e, 'episode.enrol'));
    await t.store.episodes.save({ ...e, version: 1 }, 0, episodeAudit(e, 'episode.update'), {
      activity: activity(e),
    });
    const n = note(p);
    await t.store.restrictedNotes.create(n, event('note-b', p.patientId, 'restricted-note'));
    // Everything in the chart partition, whatever the sort key: no note among it.
    const { Items = [] } = await t.client.send(
      new QueryCommand({
        TableName: t.tableName,
        KeyConditionExpression: 'pk = :p',
        ExpressionAttributeValues: { ':p': `CLINIC#note-b#PATIENT#${p.patientId}` },
      }),
    );
    expect(Items.length).toBeGreaterThanOrEqual(4);
    expect(Items.some((item) => item['entity'] === 'restricted-note')).toBe(false);
    expect(JSON.stringify(Items)).not.toContain(n.body);
    const lists = await Promise.all([
      t.store.episodes.listForPatient('note-b', p.patientId),
      t.store.activities.listForPatient('note-b', p.patientId, { limit: 100 }),
      t.store.recommendations.listForPatient('note-b', p.patientId),
      t.store.messages.listForPatient('note-b', p.patientId, { limit: 100 }),
      t.store.episodes.listCaseload('bcm-note', { limit: 100 }),
      t.store.episodes.listPanel('psy-note', { limit: 100 }),
      t.store.episodes.listForClinic('note-b', { limit: 100 }),
    ]);
    expect(JSON.stringify(lists)).not.toContain(n.noteId);
  });
});

const session = (over: Partial<ReviewSession> = {}): ReviewSession => ({
  reviewSessionId: newId(),
  psychiatristId: 'psy-rs',
  attendees: ['bcm-rs-1', 'bcm-rs-2'],
  scheduledFor: '2026-11-24T19:00:00.000Z',
  cases: [],
  createdAt: '2026-11-20T10:00:00.000Z',
  version: 0,
  ...over,
});

describe('review sessions', () => {
  it("puts a copy in the psychiatrist's and every attendee's list, kept in step", async () => {
    const s = session();
    await t.store.reviewSessions.create(s);
    expect(await t.store.reviewSessions.get(s.reviewSessionId)).toEqual(s);
    for (const user of ['psy-rs', 'bcm-rs-1', 'bcm-rs-2']) {
      expect((await t.store.reviewSessions.listForUser(user, { limit: 5 })).items).toEqual([s]);
    }
    expect((await t.store.reviewSessions.listForUser('bcm-rs-3', { limit: 5 })).items).toEqual([]);

    // Rescheduled, one attendee swapped: old pointers go, the new ones hold the new copy.
    const moved = {
      ...s,
      attendees: ['bcm-rs-1', 'bcm-rs-3'],
      scheduledFor: '2026-11-25T19:00:00.000Z',
      startedAt: '2026-11-25T19:01:00.000Z',
      version: 1,
    };
    await t.store.reviewSessions.save(moved, 0);
    for (const user of ['psy-rs', 'bcm-rs-1', 'bcm-rs-3']) {
      expect((await t.store.reviewSessions.listForUser(user, { limit: 5 })).items).toEqual([moved]);
    }
    expect((await t.store.reviewSessions.listForUser('bcm-rs-2', { limit: 5 })).items).toEqual([]);
    const stale = await domainError(t.store.reviewSessions.save({ ...s, version: 1 }, 0));
    expect(stale.kind).toBe('conflict');
    const missing = await domainError(t.store.reviewSessions.save(session({ version: 1 }), 0));
    expect(missing.kind).toBe('not_found');
  });

  it('lists newest scheduled first, paged, and refuses a cursor of another user', async () => {
    const older = session({ psychiatristId: 'psy-list', scheduledFor: '2026-11-01T19:00:00.000Z' });
    const newer = session({ psychiatristId: 'psy-list', scheduledFor: '2026-11-08T19:00:00.000Z' });
    await t.store.reviewSessions.create(older);
    await t.store.reviewSessions.create(newer);
    const { items, pages } = await walk(
      (page) => t.store.reviewSessions.listForUser('psy-list', page),
      1,
    );
    expect(items).toEqual([newer, older]);
    expect(pages).toEqual([1, 1]);
    const first = await t.store.reviewSessions.listForUser('psy-list', { limit: 1 });
    await expectInvalidCursor(
      t.store.reviewSessions.listForUser('psy-rs', { limit: 1, cursor: first.nextCursor }),
    );
  });
});

describe('clinic configs and settings', () => {
  it('reads clinics and their scheduling settings in one BatchGetItem per 50 clinics', async () => {
    const ids = Array.from({ length: 60 }, (_, i) => `cfg-${i.toString().padStart(2, '0')}`);
    await Promise.all(ids.map((id) => t.store.clinics.put(clinic(id))));
    const custom = { ...defaultClinicSchedulingSettings(), sessionCap: 6 };
    await t.store.templates.putSettings('cfg-01', custom);
    t.requests.reset();
    const configs = await t.store.clinicConfigs.getConfigs([...ids, 'cfg-missing', 'cfg-01']);
    expect(t.requests.commands).toEqual(['BatchGetItemCommand', 'BatchGetItemCommand']);
    expect(configs.size).toBe(60);
    expect(configs.has('cfg-missing')).toBe(false);
    expect(configs.get('cfg-01')?.scheduling).toEqual(custom);
    expect(configs.get('cfg-02')).toEqual({
      clinic: clinic('cfg-02'),
      scheduling: defaultClinicSchedulingSettings(),
    });
    expect(await t.store.clinicConfigs.getConfigs([])).toEqual(new Map());
  });

  it('getMany returns the clinics that exist', async () => {
    await t.store.clinics.put(clinic('many-a'));
    await t.store.clinics.put(clinic('many-b'));
    const found = await t.store.clinics.getMany(['many-a', 'many-b', 'many-a', 'many-none']);
    expect(found.map((c) => c.clinicId).sort()).toEqual(['many-a', 'many-b']);
  });

  it('stores registry settings on the clinic with the audit event, leaving the rest alone', async () => {
    await t.store.clinics.put(clinic('reg-set'));
    const settings = { ...defaultRegistrySettings(), contactIntervalDays: 21 };
    const a = audit('reg-set', { action: 'clinic.registry-settings', resourceType: 'clinic' });
    await t.store.clinics.setRegistrySettings('reg-set', settings, a);
    expect(await t.store.clinics.get('reg-set')).toEqual({
      ...clinic('reg-set'),
      registry: settings,
    });
    const day = await t.store.audit.listForClinicDay('reg-set', a.at.slice(0, 10), { limit: 5 });
    expect(day.items.map((e) => e.eventId)).toEqual([a.eventId]);
    const missing = await domainError(
      t.store.clinics.setRegistrySettings('reg-none', settings, audit('reg-none')),
    );
    expect(missing.kind).toBe('not_found');
  });
});

describe('batchGet', () => {
  it('asks again for the keys DynamoDB left unprocessed, and gives up after its rounds', async () => {
    // DynamoDB Local never leaves keys unprocessed: a stand-in client plays the throttled service.
    const requested: number[] = [];
    const client = {
      send: (command: BatchGetCommand) => {
        const keys = command.input.RequestItems?.['tbl']?.Keys ?? [];
        requested.push(keys.length);
        const [first, ...rest] = keys;
        return Promise.resolve({
          Responses: { tbl: first ? [{ ...first, entity: 'clinic' }] : [] },
          UnprocessedKeys: rest.length > 0 ? { tbl: { Keys: rest } } : {},
        });
      },
    } as unknown as DynamoDBDocumentClient;
    const keys = ['a', 'b', 'c'].map((id) => ({ pk: `CLINIC#${id}`, sk: 'CLINIC' }));
    const items = await batchGet({ tableName: 'tbl', client }, keys);
    expect(items.map((item) => item['pk'])).toEqual(['CLINIC#a', 'CLINIC#b', 'CLINIC#c']);
    expect(requested).toEqual([3, 2, 1]);

    const stuck = {
      send: (command: BatchGetCommand) =>
        Promise.resolve({ Responses: {}, UnprocessedKeys: command.input.RequestItems }),
    } as unknown as DynamoDBDocumentClient;
    await expect(batchGet({ tableName: 'tbl', client: stuck }, keys)).rejects.toThrow(
      'unprocessed',
    );
  });
});
