/**
 * The psychiatrist's review through the real handlers on DynamoDB Local: recommendations reach the
 * addressed PCP's inbox (and only theirs), the PCP answers them, overdue acknowledgements, and the
 * cross-clinic panel in review priority.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { CaseSummary, EpisodeView, Panel } from '../../../functions/contracts/registry';
import { invoke } from '../../support/api';
import { validSubmission } from '../../support/network';
import {
  CLINIC_A,
  CLINIC_B,
  NOW,
  PCP_B,
  auditOfDay,
  bcm,
  enrol,
  enrolmentBody,
  enrolmentBodyB,
  episodeParams,
  pcp,
  psychiatrist,
  useRegistryApi,
} from './registry-fixtures';

const suite = useRegistryApi();
const DAY = 86_400_000;
const PCP_A2 = 'user-pcp-a2';

type RecView = CaseSummary['recommendations'][number];

const connect = (userId: string) =>
  suite.deps.store.connections.put({
    connectionId: `conn-${userId}`,
    userId,
    connectedAt: NOW.toISOString(),
    expiresAt: '2099-01-01T00:00:00.000Z',
  });

const review = async (episode: EpisodeView, body: Record<string, unknown>, sub = psychiatrist) => {
  const reply = await invoke('recordPsychiatricReview', {
    sub,
    params: episodeParams(episode),
    body,
  });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body as unknown as CaseSummary;
};

const inbox = async (sub: string, status: 'open' | 'all' = 'open') => {
  const reply = await invoke('getMyInbox', { sub, query: { status } });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return (reply.body as unknown as { items: RecView[] }).items;
};

const recParams = (rec: RecView) => ({
  clinicId: rec.clinicId,
  patientId: rec.patientId,
  recommendationId: rec.recommendationId,
});

describe('psychiatric review and the PCP inbox', () => {
  let episode: EpisodeView;
  let recs: RecView[];

  beforeAll(async () => {
    suite.setNow(NOW);
    await suite.member(PCP_A2, CLINIC_A, 'pcp');
    await Promise.all([connect(pcp), connect(PCP_B), connect(bcm)]);
    episode = await enrol(suite.patientA);
    await enrol(suite.patientB, { clinicId: CLINIC_B });
    const asked = await invoke('requestPsychiatricReview', {
      sub: bcm,
      params: episodeParams(episode),
      body: { question: 'Still a PHQ-9 of 16 on sertraline 50 mg: raise the dose?' },
    });
    expect(asked.status, JSON.stringify(asked.body)).toBe(200);
  });

  it('records the review in one go and routes two recommendations to the PCP', async () => {
    expect(episode.flags.map((f) => f.kind)).toContain('new');
    suite.push.sent.splice(0);
    const summary = await review(episode, {
      minutes: 15,
      summary: 'Partial response; tolerating well.',
      recommendations: [
        { kind: 'medication_change', text: 'Increase sertraline to 100 mg daily.' },
        { kind: 'therapy_change', text: 'Add behavioral activation with the BCM.' },
      ],
    });
    expect(summary.episode.lastPsychiatricReviewAt).toBeDefined();
    expect(summary.episode.reviewRequest).toBeUndefined();
    expect(summary.episode.flags.map((f) => f.kind)).not.toContain('new');
    expect(summary.episode.flags.map((f) => f.kind)).not.toContain('review_requested');
    expect(summary.episode.version).toBe(episode.version + 2);
    expect(summary.activities).toMatchObject([
      { kind: 'case_review', minutes: 15, performedBy: psychiatrist, role: 'psychiatrist' },
    ]);
    expect(summary.recommendations).toHaveLength(2);
    recs = summary.recommendations;
    for (const rec of recs) {
      expect(rec).toMatchObject({ to: pcp, status: 'sent', overdue: false, by: psychiatrist });
    }
    // Ids only, to the PCP alone: not to the BCM, not to clinic B's PCP.
    expect(suite.push.sent.map((s) => s.connectionIds)).toEqual([[`conn-${pcp}`], [`conn-${pcp}`]]);
    expect(suite.push.sent).toHaveLength(2);
    expect(suite.push.sent.map((s) => s.message)).toEqual(
      expect.arrayContaining(
        recs.map((rec) => ({
          type: 'inbox.updated',
          clinicId: CLINIC_A,
          patientId: suite.patientA,
          recommendationId: rec.recommendationId,
        })),
      ),
    );
    const audit = await auditOfDay(suite, CLINIC_A);
    expect(audit).toContainEqual(
      expect.objectContaining({ action: 'episode.review', actorId: psychiatrist }),
    );
  });

  it("shows the recommendations in the addressed PCP's inbox and nobody else's", async () => {
    const mine = await inbox(pcp);
    expect(mine.map((r) => r.recommendationId).sort()).toEqual(
      recs.map((r) => r.recommendationId).sort(),
    );
    expect(await inbox(PCP_B)).toEqual([]);
    expect(await inbox(PCP_A2)).toEqual([]);
    const audit = await auditOfDay(suite, CLINIC_A);
    expect(audit).toContainEqual(
      expect.objectContaining({ action: 'recommendation.inbox', actorId: pcp }),
    );
  });

  it('shares the thread with the BCM; another clinic asking for it gets 404', async () => {
    const thread = await invoke('listRecommendations', {
      sub: bcm,
      params: { clinicId: CLINIC_A, patientId: suite.patientA },
    });
    expect(thread.status).toBe(200);
    expect((thread.body.items as RecView[]).length).toBe(2);
    const elsewhere = await invoke('listRecommendations', {
      sub: PCP_B,
      params: { clinicId: CLINIC_A, patientId: suite.patientA },
    });
    expect(elsewhere.status).toBe(404);
  });

  it('lets only the addressed PCP acknowledge', async () => {
    const [first] = recs as [RecView];
    const colleague = await invoke('acknowledgeRecommendation', {
      sub: PCP_A2,
      params: recParams(first),
    });
    expect(colleague.status).toBe(403);
    const denied = (await auditOfDay(suite, CLINIC_A)).filter(
      (e) => e.requestId === colleague.body.error?.requestId,
    );
    expect(denied).toMatchObject([{ actorId: PCP_A2, outcome: 'denied' }]);
    const otherClinic = await invoke('acknowledgeRecommendation', {
      sub: PCP_B,
      params: recParams(first),
    });
    expect(otherClinic.status).toBe(404);
    const ack = await invoke('acknowledgeRecommendation', { sub: pcp, params: recParams(first) });
    expect(ack.status, JSON.stringify(ack.body)).toBe(200);
    expect(ack.body).toMatchObject({ status: 'acknowledged', version: 1, overdue: false });
    const again = await invoke('acknowledgeRecommendation', { sub: pcp, params: recParams(first) });
    expect(again.status).toBe(409);
  });

  it('needs a reason to decline', async () => {
    const second = recs[1] as RecView;
    const bare = await invoke('resolveRecommendation', {
      sub: pcp,
      params: recParams(second),
      body: { outcome: 'declined' },
    });
    expect(bare.status).toBe(400);
    expect(bare.body.error?.fields?.map((f) => f.field)).toEqual(['body.reason']);
    const declined = await invoke('resolveRecommendation', {
      sub: pcp,
      params: recParams(second),
      body: { outcome: 'declined', reason: 'Patient prefers to wait until after the holidays.' },
    });
    expect(declined.status, JSON.stringify(declined.body)).toBe(200);
    expect(declined.body).toMatchObject({ status: 'declined', resolvedAt: expect.any(String) });
    expect((await inbox(pcp)).map((r) => r.recommendationId)).toEqual([recs[0]?.recommendationId]);
    expect(await inbox(pcp, 'all')).toHaveLength(2);
  });

  it('flags an acknowledgement overdue after the clinic’s 7 days', async () => {
    const fresh = await review(episode, {
      minutes: 5,
      recommendations: [{ kind: 'see_directly', text: 'I would like to see the patient once.' }],
    });
    const rec = fresh.recommendations.find((r) => r.status === 'sent') as RecView;
    const sentAt = Date.parse(rec.at);
    suite.setNow(new Date(sentAt + 7 * DAY - 3_600_000));
    expect(
      (await inbox(pcp)).find((r) => r.recommendationId === rec.recommendationId),
    ).toMatchObject({ overdue: false });
    suite.setNow(new Date(sentAt + 7 * DAY + 3_600_000));
    const later = await inbox(pcp);
    expect(later.find((r) => r.recommendationId === rec.recommendationId)).toMatchObject({
      overdue: true,
    });
    // Acknowledged ones are never overdue.
    expect(later.find((r) => r.recommendationId === recs[0]?.recommendationId)).toMatchObject({
      overdue: false,
    });
    suite.setNow(NOW);
  });

  it('refuses a review from a BCM (403) and of a discharged episode (409)', async () => {
    const byBcm = await invoke('recordPsychiatricReview', {
      sub: bcm,
      params: episodeParams(episode),
      body: { minutes: 5 },
    });
    expect(byBcm.status).toBe(403);
    const other = await enrol(await suite.patient());
    const discharged = await invoke('dischargeEpisode', {
      sub: pcp,
      params: episodeParams(other),
      body: { reason: 'referred_out' },
    });
    expect(discharged.status, JSON.stringify(discharged.body)).toBe(200);
    const late = await invoke('recordPsychiatricReview', {
      sub: psychiatrist,
      params: episodeParams(other),
      body: { minutes: 5 },
    });
    expect(late.status).toBe(409);
  });
});

describe("the psychiatrist's cross-clinic panel", () => {
  const CLINIC_C = 'clinic-c';
  const CONSULTANT = 'user-psychiatrist-multi';
  const PCP_C = 'user-pcp-c';
  const BCM_C = 'user-bcm-c';
  const byPatient = new Map<string, string>();

  const panel = async (query: Record<string, string> = {}) => {
    const reply = await invoke('getMyPanel', { sub: CONSULTANT, query });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return reply.body as unknown as Panel;
  };

  beforeAll(async () => {
    suite.setNow(NOW);
    await suite.deps.store.clinics.put({
      clinicId: CLINIC_C,
      networkId: 'test-network',
      name: 'Clinic clinic-c',
      timeZone: 'America/New_York',
      integrationModel: 'collaborative-care',
      triageRuleVersion: 1,
      createdAt: NOW.toISOString(),
    });
    for (const clinicId of [CLINIC_A, CLINIC_B, CLINIC_C]) {
      await suite.member(CONSULTANT, clinicId, 'psychiatrist');
    }
    await suite.member(PCP_C, CLINIC_C, 'pcp');
    await suite.member(BCM_C, CLINIC_C, 'bcm');
    const inA = (overrides: Record<string, unknown> = {}) =>
      enrolmentBody({ psychiatristId: CONSULTANT, ...overrides });
    const enrolA = async (name: string) => {
      const patientId = await suite.patient(CLINIC_A, name);
      const episode = await enrol(patientId, { body: inA() });
      byPatient.set(episode.episodeId, name);
      return episode;
    };
    await enrolA('Fresh');
    const safety = await enrolA('Safety');
    const asking = await enrolA('Asking');
    const settled = await enrolA('Settled');
    for (const episode of [asking, settled]) {
      await review(episode, { minutes: 10 }, CONSULTANT);
    }
    const asked = await invoke('requestPsychiatricReview', {
      sub: bcm,
      params: episodeParams(asking),
      body: { question: 'Sleep is worse: add something?' },
    });
    expect(asked.status).toBe(200);
    const screened = await invoke('submitScreening', {
      sub: pcp,
      params: { clinicId: CLINIC_A, patientId: safety.patientId },
      body: validSubmission([2, 2, 2, 2, 2, 2, 2, 2, 1]),
    });
    expect(screened.status).toBe(201);
    const b = await enrol(await suite.patient(CLINIC_B, 'Bravo'), {
      clinicId: CLINIC_B,
      body: enrolmentBodyB({ psychiatristId: CONSULTANT }),
    });
    byPatient.set(b.episodeId, 'Bravo');
    const c = await enrol(await suite.patient(CLINIC_C, 'Charlie'), {
      clinicId: CLINIC_C,
      sub: PCP_C,
      body: enrolmentBody({
        bcmId: BCM_C,
        billingPractitionerId: PCP_C,
        psychiatristId: CONSULTANT,
      }),
    });
    byPatient.set(c.episodeId, 'Charlie');
    // No longer consulting for clinic C: its episodes leave the panel with the membership.
    await suite.deps.store.memberships.remove(CONSULTANT, CLINIC_C, 'psychiatrist');
  });

  it('orders the rows safety, new, review requested, then the rest, in covered clinics only', async () => {
    const { items } = await panel();
    expect(items.map((row) => byPatient.get(row.episodeId))).toEqual(
      expect.arrayContaining(['Safety', 'Fresh', 'Bravo', 'Asking', 'Settled']),
    );
    expect(items.map((row) => row.clinicId)).not.toContain('clinic-c');
    expect(items).toHaveLength(5);
    expect(items.map((row) => row.priority)).toEqual([
      'safety',
      'new',
      'new',
      'review_requested',
      'other',
    ]);
    expect(byPatient.get(items[0]?.episodeId ?? '')).toBe('Safety');
    expect(items[0]?.flags.find((f) => f.kind === 'safety')?.reason).toMatch(/item 9/);
    expect(byPatient.get(items[3]?.episodeId ?? '')).toBe('Asking');
    expect(byPatient.get(items[4]?.episodeId ?? '')).toBe('Settled');
    // One audit event per clinic shown.
    const audits = await Promise.all(
      [CLINIC_A, CLINIC_B, 'clinic-c'].map(async (clinicId) =>
        (await auditOfDay(suite, clinicId)).filter(
          (e) => e.actorId === CONSULTANT && e.action === 'panel.read',
        ),
      ),
    );
    expect(audits.map((events) => events.length)).toEqual([1, 1, 0]);
  });

  it('filters by clinic and flag, and refuses a clinic the caller does not consult for', async () => {
    const onlyB = await panel({ clinicId: CLINIC_B });
    expect(onlyB.items.map((row) => byPatient.get(row.episodeId))).toEqual(['Bravo']);
    const safety = await panel({ flag: 'safety' });
    expect(safety.items.map((row) => byPatient.get(row.episodeId))).toEqual(['Safety']);
    const gone = await invoke('getMyPanel', { sub: CONSULTANT, query: { clinicId: 'clinic-c' } });
    expect(gone.status).toBe(404);
  });

  it("keeps other psychiatrists' and other roles' panels apart", async () => {
    const clinicB = await invoke('getMyPanel', { sub: 'user-psychiatrist-b' });
    expect(clinicB.status).toBe(200);
    expect((clinicB.body as unknown as Panel).items.map((r) => r.clinicId)).not.toContain(CLINIC_A);
    const pcpPanel = await invoke('getMyPanel', { sub: pcp });
    expect(pcpPanel.status).toBe(200);
    expect(pcpPanel.body.items).toEqual([]);
    const tablet = await invoke('getMyPanel', { sub: 'user-tablet-a' });
    expect(tablet.status).toBe(403);
  });
});
