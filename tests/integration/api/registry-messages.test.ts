/**
 * Secure messages and restricted notes through the real handlers on DynamoDB Local: audited reads
 * and posts, id-only pushes to the rest of the care team, and restricted content that only its
 * author sees until the patient's authorization is recorded (and only then in the case summary).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type {
  CaseSummary,
  EpisodeView,
  PatientMessage,
  RestrictedNote,
} from '../../../functions/contracts/registry';
import { invoke } from '../../support/api';
import {
  CLINIC_A,
  NOW,
  PCP_B,
  auditOfDay,
  bcm,
  enrol,
  episodeParams,
  pcp,
  psychiatrist,
  useRegistryApi,
} from './registry-fixtures';

const suite = useRegistryApi();
const SECRET = 'Talked through the divorce and the drinking in detail.';

const connect = (userId: string) =>
  suite.deps.store.connections.put({
    connectionId: `conn-${userId}`,
    userId,
    connectedAt: NOW.toISOString(),
    expiresAt: '2099-01-01T00:00:00.000Z',
  });

let episode: EpisodeView;

beforeAll(async () => {
  await Promise.all([connect(pcp), connect(bcm), connect(psychiatrist)]);
  episode = await enrol(suite.patientA);
});

const patientParams = () => ({ clinicId: CLINIC_A, patientId: suite.patientA });

const summaryAs = async (sub: string) => {
  const reply = await invoke('getCaseSummary', { sub, params: episodeParams(episode) });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body as unknown as CaseSummary;
};

describe('secure messages', () => {
  it('posts, audits and pushes ids to the rest of the care team', async () => {
    suite.push.sent.splice(0);
    const posted = await invoke('sendPatientMessage', {
      sub: bcm,
      params: patientParams(),
      body: { body: 'Missed two calls this week; can you ask at Friday’s visit?' },
    });
    expect(posted.status, JSON.stringify(posted.body)).toBe(201);
    const message = posted.body as unknown as PatientMessage;
    expect(message).toMatchObject({ from: bcm, fromRole: 'bcm' });
    expect(suite.push.sent.flatMap((s) => s.connectionIds).sort()).toEqual(
      [`conn-${pcp}`, `conn-${psychiatrist}`].sort(),
    );
    expect(suite.push.sent.map((s) => s.message)).toEqual([
      {
        type: 'message.posted',
        clinicId: CLINIC_A,
        patientId: suite.patientA,
        messageId: message.messageId,
      },
    ]);

    const listed = await invoke('listPatientMessages', {
      sub: psychiatrist,
      params: patientParams(),
    });
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([message]);

    const audit = await auditOfDay(suite, CLINIC_A);
    expect(audit).toContainEqual(
      expect.objectContaining({
        action: 'message.create',
        actorId: bcm,
        resourceId: message.messageId,
        patientId: suite.patientA,
      }),
    );
    expect(audit).toContainEqual(
      expect.objectContaining({ action: 'message.list', actorId: psychiatrist }),
    );
    expect(JSON.stringify(audit)).not.toContain('Missed two calls');
  });

  it('answers 404 to another clinic and 400 to an empty message', async () => {
    const elsewhere = await invoke('listPatientMessages', { sub: PCP_B, params: patientParams() });
    expect(elsewhere.status).toBe(404);
    const empty = await invoke('sendPatientMessage', {
      sub: pcp,
      params: patientParams(),
      body: { body: '   ' },
    });
    expect(empty.status).toBe(400);
    expect(empty.body.error?.fields?.map((f) => f.field)).toEqual(['body.body']);
  });
});

describe('restricted notes', () => {
  let note: RestrictedNote;

  it('shows the content to its author only, and keeps it out of the summary', async () => {
    const created = await invoke('createRestrictedNote', {
      sub: bcm,
      params: patientParams(),
      body: { kind: 'psychotherapy', body: SECRET },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    note = created.body as unknown as RestrictedNote;
    expect(note.body).toBe(SECRET);

    const asAuthor = await invoke('listRestrictedNotes', { sub: bcm, params: patientParams() });
    expect(asAuthor.body.items).toMatchObject([{ noteId: note.noteId, body: SECRET }]);
    const asPcp = await invoke('listRestrictedNotes', { sub: pcp, params: patientParams() });
    expect(asPcp.status).toBe(200);
    expect(asPcp.body.items).toMatchObject([
      { noteId: note.noteId, kind: 'psychotherapy', authorId: bcm, body: null },
    ]);

    for (const sub of [pcp, psychiatrist, bcm]) {
      const summary = await summaryAs(sub);
      expect(summary.authorizedNotes).toEqual([]);
      expect(JSON.stringify(summary)).not.toContain(SECRET);
    }
    const messages = await invoke('listPatientMessages', { sub: pcp, params: patientParams() });
    expect(JSON.stringify(messages.body)).not.toContain(SECRET);
    const episodeView = await invoke('getEpisode', { sub: pcp, params: episodeParams(episode) });
    expect(JSON.stringify(episodeView.body)).not.toContain(SECRET);
  });

  it('lets only the author record the authorization, once', async () => {
    const params = { ...patientParams(), noteId: note.noteId };
    const byPcp = await invoke('authorizeRestrictedNote', {
      sub: pcp,
      params,
      body: { scope: 'care team' },
    });
    expect(byPcp.status).toBe(403);
    const ok = await invoke('authorizeRestrictedNote', {
      sub: bcm,
      params,
      body: { scope: 'Share with the PCP and the consulting psychiatrist' },
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ body: SECRET, authorization: { recordedBy: bcm } });
    const twice = await invoke('authorizeRestrictedNote', {
      sub: bcm,
      params,
      body: { scope: 'again' },
    });
    expect(twice.status).toBe(409);
    const unknown = await invoke('authorizeRestrictedNote', {
      sub: bcm,
      params: { ...params, noteId: suite.deps.ids.next() },
      body: { scope: 'x' },
    });
    expect(unknown.status).toBe(404);
  });

  it('shares the content with the team and the summary once authorized', async () => {
    const asPcp = await invoke('listRestrictedNotes', { sub: pcp, params: patientParams() });
    expect(asPcp.body.items).toMatchObject([{ noteId: note.noteId, body: SECRET }]);
    const summary = await summaryAs(psychiatrist);
    expect(summary.authorizedNotes).toMatchObject([{ noteId: note.noteId, body: SECRET }]);
    const audit = await auditOfDay(suite, CLINIC_A);
    expect(audit.filter((e) => e.resourceType === 'restricted-note').map((e) => e.action)).toEqual(
      expect.arrayContaining([
        'restricted-note.create',
        'restricted-note.list',
        'restricted-note.authorize',
      ]),
    );
  });
});

describe('the case summary', () => {
  it('always carries the safety summary, for the PCP too', async () => {
    const before = await summaryAs(pcp);
    expect(before.safety).toEqual({ level: null, followUpDate: null, planVersion: null });
    const assessed = await invoke('recordRiskAssessment', {
      sub: bcm,
      params: patientParams(),
      body: {
        ideation: { present: true, detail: 'passive' },
        plan: { present: false },
        means: { present: false },
        intent: { present: false },
        behaviours: { present: false },
        riskFactors: [],
        protectiveFactors: ['family'],
        level: 'low',
        justification: 'Passive ideation, no plan or intent, strong supports.',
        notified: [],
        disposition: 'Outpatient follow-up with the BCM',
        followUp: { date: '2026-11-30', plan: 'BCM call' },
      },
    });
    expect(assessed.status, JSON.stringify(assessed.body)).toBe(201);
    const after = await summaryAs(pcp);
    expect(after.safety).toEqual({ level: 'low', followUpDate: '2026-11-30', planVersion: null });
    expect(after.episode.episodeId).toBe(episode.episodeId);
    const audit = await auditOfDay(suite, CLINIC_A);
    expect(audit).toContainEqual(
      expect.objectContaining({ action: 'case-summary.read', actorId: pcp }),
    );
  });

  it('answers 404 for an episode of another clinic or an unknown one', async () => {
    const elsewhere = await invoke('getCaseSummary', {
      sub: PCP_B,
      params: episodeParams(episode),
    });
    expect(elsewhere.status).toBe(404);
    const unknown = await invoke('getCaseSummary', {
      sub: pcp,
      params: { ...episodeParams(episode), episodeId: suite.deps.ids.next() },
    });
    expect(unknown.status).toBe(404);
  });
});
