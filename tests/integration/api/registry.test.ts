/**
 * Enrolment, episode changes, activity logging and screening measures through the real handlers
 * against DynamoDB Local (the caseload is in registry-caseload.test.ts).
 */
import { describe, expect, it, vi } from 'vitest';
import type { CareActivity } from '../../../functions/contracts/activities';
import type { EpisodeView, RegistryFlagKind } from '../../../functions/contracts/registry';
import { invoke } from '../../support/api';
import { validSubmission } from '../../support/network';
import {
  CLINIC_A,
  NOW,
  admin,
  auditOfDay,
  bcm,
  enrol,
  enrolmentBody,
  episodeParams,
  pcp,
  psychiatrist,
  useRegistryApi,
} from './registry-fixtures';

const suite = useRegistryApi();

const DAY = 86_400_000;
const at = (ms: number) => new Date(NOW.getTime() + ms);
const kinds = (view: { flags: { kind: RegistryFlagKind }[] }) => view.flags.map((f) => f.kind);

const log = (
  episode: EpisodeView,
  body: Record<string, unknown>,
  { sub = bcm, key }: { sub?: string; key?: string } = {},
) =>
  invoke('logActivity', {
    sub,
    params: episodeParams(episode),
    body,
    ...(key === undefined ? {} : { headers: { 'Idempotency-Key': key } }),
  });

const viewIn = (reply: Awaited<ReturnType<typeof log>>) =>
  (reply.body as unknown as { episode: EpisodeView }).episode;

const current = async (episode: EpisodeView, sub = bcm) => {
  const reply = await invoke('getEpisode', { sub, params: episodeParams(episode) });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body as unknown as EpisodeView;
};

describe('enrolment', () => {
  it('opens an active episode with the recent screening as baseline and the `new` flag', async () => {
    const patientId = await suite.patient();
    const screened = await invoke('submitScreening', {
      sub: pcp,
      params: { clinicId: CLINIC_A, patientId },
      body: validSubmission([2, 2, 2, 2, 2, 1, 1, 1, 0]),
    });
    expect(screened.status).toBe(201);
    const view = await enrol(patientId, { sub: bcm });
    expect(view).toMatchObject({
      status: 'active',
      clinicId: CLINIC_A,
      patientId,
      referredOn: '2026-11-20',
      // A BCM enrolling records the billing PCP's referral; consent was obtained by the caller.
      referredBy: pcp,
      enrolledBy: bcm,
      consent: { obtainedBy: bcm, method: 'verbal' },
      baseline: { phq9: { score: 13, screeningId: screened.body.screeningId }, gad7: { score: 7 } },
      latest: { phq9: { score: 13 } },
      contactCount: 0,
      clinicName: 'Clinic clinic-a',
      timeZone: 'America/Denver',
      weeksInTreatment: 0,
      daysSinceLastContact: null,
    });
    expect(view.flags.find((f) => f.kind === 'new')).toMatchObject({
      since: view.enrolledAt,
      reason: expect.stringContaining('not yet reviewed') as unknown,
    });
    const audit = await auditOfDay(suite, CLINIC_A);
    expect(audit.filter((e) => e.resourceId === view.episodeId)).toMatchObject([
      { action: 'episode.create', actorId: bcm, outcome: 'success', patientId },
    ]);
  });

  it('refuses a second active episode with 409', async () => {
    const patientId = await suite.patient();
    await enrol(patientId);
    const again = await invoke('enrolPatient', {
      sub: pcp,
      params: { clinicId: CLINIC_A, patientId },
      body: enrolmentBody(),
    });
    expect(again.status).toBe(409);
    expect(again.body.error?.fields?.[0]?.field).toBe('body.referredOn');
  });

  it('names each bad field: consent, dates and the care team checked against memberships', async () => {
    const patientId = await suite.patient();
    const missing = await invoke('enrolPatient', {
      sub: pcp,
      params: { clinicId: CLINIC_A, patientId },
      body: enrolmentBody({
        consent: { obtainedAt: '2026-11-20T17:00:00.000Z', method: 'verbal' },
      }),
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error?.fields?.map((f) => f.field).sort()).toEqual([
      'body.consent.costSharingExplained',
      'body.consent.psychiatricConsultationExplained',
    ]);
    const wrong = await invoke('enrolPatient', {
      sub: pcp,
      params: { clinicId: CLINIC_A, patientId },
      body: enrolmentBody({
        referredOn: '2026-11-24',
        consent: {
          obtainedAt: '2026-11-24T12:00:00.000Z',
          method: 'verbal',
          psychiatricConsultationExplained: true,
          costSharingExplained: true,
        },
        // A PCP is not a BCM; clinic B's PCP is not clinic A's billing practitioner.
        bcmId: pcp,
        billingPractitionerId: 'user-pcp-b',
        diagnoses: [{ code: 'F99.9', label: 'Not on the list' }],
      }),
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error?.fields?.map((f) => f.field).sort()).toEqual([
      'body.bcmId',
      'body.billingPractitionerId',
      'body.consent.obtainedAt',
      'body.diagnoses.0.code',
      'body.referredOn',
    ]);
    const episodes = await invoke('listEpisodes', {
      sub: pcp,
      params: { clinicId: CLINIC_A, patientId },
    });
    expect(episodes.body.items).toEqual([]);
  });

  it("offers the clinic's own codes once an admin adds them", async () => {
    const put = await invoke('putRegistrySettings', {
      sub: admin,
      params: { clinicId: CLINIC_A },
      body: { extraDiagnoses: [{ code: 'F41.8', label: 'Other specified anxiety disorders' }] },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const settings = await invoke('getRegistrySettings', {
      sub: admin,
      params: { clinicId: CLINIC_A },
    });
    expect(settings.body).toMatchObject({ contactIntervalDays: 30, caseloadWarningPerFte: 80 });
    const catalog = await invoke('getDiagnosisCatalog', {
      sub: pcp,
      params: { clinicId: CLINIC_A },
    });
    const codes = (catalog.body.items as { code: string }[]).map((d) => d.code);
    expect(codes).toContain('F32.1');
    expect(codes).toContain('F41.8');
    await enrol(await suite.patient(), {
      body: enrolmentBody({ diagnoses: [{ code: 'F41.8', label: 'Other anxiety' }] }),
    });
  });
});

describe('activities', () => {
  it('records a retry with the same Idempotency-Key once and answers it with the same body', async () => {
    const episode = await enrol(await suite.patient());
    const key = 'contact-0001-retry';
    const first = await log(episode, { kind: 'call', minutes: 12 }, { key });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    // The retry comes later: its default start (now − minutes) overlaps the first attempt.
    const second = await log(episode, { kind: 'call', minutes: 12 }, { key });
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    expect(second.body).toEqual(first.body);
    const listed = await invoke('listEpisodeActivities', {
      sub: pcp,
      params: episodeParams(episode),
    });
    expect((listed.body.items as CareActivity[]).map((a) => a.activityId)).toEqual([
      (first.body.activity as CareActivity).activityId,
    ]);
    expect(viewIn(second)).toMatchObject({ contactCount: 1, minutesThisMonth: 12 });
  });

  it('records concurrent twins with one key once', async () => {
    const episode = await enrol(await suite.patient());
    const body = { kind: 'call', minutes: 7, occurredAt: at(-2 * 3_600_000).toISOString() };
    const replies = await Promise.all(
      Array.from({ length: 4 }, () => log(episode, body, { sub: pcp, key: 'twin-key-0003' })),
    );
    expect(replies.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    const activityIds = new Set(replies.map((r) => (r.body.activity as CareActivity).activityId));
    expect(activityIds.size).toBe(1);
    const listed = await invoke('listEpisodeActivities', {
      sub: pcp,
      params: episodeParams(episode),
    });
    expect(listed.body.items).toHaveLength(1);
    expect((await current(episode)).contactCount).toBe(1);
  });

  it('refuses a malformed key, and the same key for another episode', async () => {
    const episode = await enrol(await suite.patient());
    const bad = await log(episode, { kind: 'call', minutes: 5 }, { key: 'no spaces!' });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.fields?.[0]?.field).toBe('header.idempotency-key');
    const other = await enrol(await suite.patient());
    const key = 'shared-key-0002';
    const occurredAt = at(-3_600_000).toISOString();
    const first = await log(episode, { kind: 'outreach', minutes: 3, occurredAt }, { key });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const reused = await log(other, { kind: 'outreach', minutes: 3, occurredAt }, { key });
    expect(reused.status).toBe(409);
    expect(reused.body.error?.fields?.[0]?.field).toBe('header.idempotency-key');
  });

  it("refuses an activity overlapping the performer's own, in any episode; back-to-back is fine", async () => {
    const one = await enrol(await suite.patient());
    const two = await enrol(await suite.patient());
    const start = at(-3 * 3_600_000);
    const first = await log(
      one,
      { kind: 'video', minutes: 30, occurredAt: start.toISOString() },
      { sub: pcp },
    );
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const overlapping = await log(
      two,
      {
        kind: 'call',
        minutes: 20,
        occurredAt: new Date(start.getTime() + 15 * 60_000).toISOString(),
      },
      { sub: pcp },
    );
    expect(overlapping.status).toBe(409);
    expect(overlapping.body.error?.fields?.[0]?.field).toBe('body.occurredAt');
    const after = await log(
      two,
      {
        kind: 'call',
        minutes: 20,
        occurredAt: new Date(start.getTime() + 30 * 60_000).toISOString(),
      },
      { sub: pcp },
    );
    expect(after.status, JSON.stringify(after.body)).toBe(201);
    // Someone else at the same time is no overlap.
    const colleague = await log(two, {
      kind: 'registry_review',
      minutes: 20,
      occurredAt: start.toISOString(),
    });
    expect(colleague.status, JSON.stringify(colleague.body)).toBe(201);
    expect((colleague.body.activity as CareActivity).modality).toBe('async');
    const future = await log(one, {
      kind: 'call',
      minutes: 5,
      occurredAt: at(DAY).toISOString(),
    });
    expect(future.status).toBe(400);
    expect(future.body.error?.fields?.[0]?.field).toBe('body.occurredAt');
  });

  it('moves the contact flags as contacts are logged (fixed clock)', async () => {
    try {
      const episode = await enrol(await suite.patient());
      expect(kinds(episode)).not.toContain('first_follow_up_overdue');
      // Each of the BCM's activities in this file has a time of its own (no overlap).
      const initial = await log(episode, {
        kind: 'visit',
        minutes: 30,
        occurredAt: at(-6 * 3_600_000).toISOString(),
      });
      expect(viewIn(initial)).toMatchObject({ contactCount: 1, sessionCount: 1 });

      suite.setNow(at(29 * DAY));
      const waiting = await current(episode);
      expect(kinds(waiting)).toContain('first_follow_up_overdue');
      expect(waiting.daysSinceLastContact).toBe(29);
      const followUp = await log(episode, { kind: 'call', minutes: 15 });
      expect(kinds(viewIn(followUp))).not.toContain('first_follow_up_overdue');
      expect(viewIn(followUp)).toMatchObject({ contactCount: 2, daysSinceLastContact: 0 });

      suite.setNow(at(29 * DAY + 31 * DAY));
      const overdue = await current(episode);
      expect(kinds(overdue)).toContain('contact_overdue');
      // Outreach is no contact: the clock keeps running.
      const outreach = await log(episode, {
        kind: 'outreach',
        minutes: 5,
        occurredAt: at(60 * DAY - 3_600_000).toISOString(),
      });
      expect(kinds(viewIn(outreach))).toContain('contact_overdue');
      const reached = await log(episode, { kind: 'call', minutes: 10 });
      expect(kinds(viewIn(reached))).not.toContain('contact_overdue');
      expect(kinds(await current(episode))).not.toContain('contact_overdue');
    } finally {
      suite.setNow(NOW);
    }
  });
});

describe('measures from screenings', () => {
  it("attaches an enrolled patient's screening, and item 9 sets the safety flag", async () => {
    const patientId = await suite.patient();
    const episode = await enrol(patientId);
    const screened = await invoke('submitScreening', {
      sub: pcp,
      params: { clinicId: CLINIC_A, patientId },
      body: validSubmission([3, 3, 2, 2, 2, 2, 1, 1, 1]),
    });
    expect(screened.status).toBe(201);
    const view = await current(episode);
    expect(view.latest.phq9).toMatchObject({ score: 17, screeningId: screened.body.screeningId });
    expect(view.measures.map((m) => m.instrument).sort()).toEqual(['gad7', 'phq9']);
    expect(view.safety).toMatchObject({ trigger: 'phq9_item9' });
    expect(kinds(view)).toContain('safety');
    expect(view.version).toBe(episode.version + 1);

    // A later PHQ-9 with item 9 at 0 (and no C-SSRS) clears it.
    const calmer = await invoke('submitScreening', {
      sub: pcp,
      params: { clinicId: CLINIC_A, patientId },
      body: validSubmission([1, 1, 1, 1, 1, 1, 1, 1, 0]),
    });
    expect(calmer.status).toBe(201);
    const cleared = await current(episode);
    expect(cleared.safety).toBeUndefined();
    expect(kinds(cleared)).not.toContain('safety');
    expect(cleared.latest.phq9?.score).toBe(8);
    expect(cleared.baseline.phq9?.score).toBe(17);
  });

  it('never fails the screening when the registry cannot take it, and logs ids only', async () => {
    const patientId = await suite.patient();
    await enrol(patientId);
    const broken = vi
      .spyOn(suite.deps.store.episodes, 'getActive')
      .mockRejectedValue(new Error(`store down for ${patientId}`));
    const warn = vi.spyOn(suite.deps.log, 'warn');
    try {
      const screened = await invoke('submitScreening', {
        sub: pcp,
        params: { clinicId: CLINIC_A, patientId },
        body: validSubmission(),
      });
      expect(screened.status).toBe(201);
      expect(warn).toHaveBeenCalledWith('screening not attached to the episode', {
        clinicId: CLINIC_A,
        screeningId: screened.body.screeningId,
        errorName: 'Error',
      });
      expect(JSON.stringify(warn.mock.calls)).not.toContain(patientId);
    } finally {
      broken.mockRestore();
      warn.mockRestore();
    }
  });

  it('leaves a patient without an active episode alone', async () => {
    const patientId = await suite.patient();
    const screened = await invoke('submitScreening', {
      sub: pcp,
      params: { clinicId: CLINIC_A, patientId },
      body: validSubmission(),
    });
    expect(screened.status).toBe(201);
    const episodes = await invoke('listEpisodes', {
      sub: pcp,
      params: { clinicId: CLINIC_A, patientId },
    });
    expect(episodes.body.items).toEqual([]);
  });
});

describe('episode changes and discharge', () => {
  it('edits the plan with version checks and asks for the psychiatric review', async () => {
    const episode = await enrol(await suite.patient());
    const body = {
      expectedVersion: episode.version,
      payer: 'medicaid',
      diagnoses: [{ code: 'F33.1', label: 'Depression, recurrent, moderate' }],
      target: 'Back at work',
      modality: ['problem_solving_therapy'],
      medications: [{ name: 'sertraline', dose: '100 mg' }],
    };
    const saved = await invoke('updateEpisodePlan', {
      sub: bcm,
      params: episodeParams(episode),
      body,
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({ payer: 'medicaid', version: episode.version + 1 });
    const stale = await invoke('updateEpisodePlan', {
      sub: bcm,
      params: episodeParams(episode),
      body,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error?.fields?.[0]?.field).toBe('body.expectedVersion');

    const asked = await invoke('requestPsychiatricReview', {
      sub: bcm,
      params: episodeParams(episode),
      body: { question: 'PHQ-9 flat at 16 after 10 weeks: switch to bupropion?' },
    });
    expect(asked.status).toBe(200);
    const flag = (asked.body as unknown as EpisodeView).flags.find(
      (f) => f.kind === 'review_requested',
    );
    expect(flag?.reason).toContain('switch to bupropion');
    const psychiatristView = await current(episode, psychiatrist);
    expect(psychiatristView.reviewRequest).toMatchObject({ by: bcm });
  });

  it('discharges goals met only with a relapse plan; re-enrolment opens a new episode', async () => {
    const patientId = await suite.patient();
    const episode = await enrol(patientId);
    const early = await invoke('dischargeEpisode', {
      sub: bcm,
      params: episodeParams(episode),
      body: { reason: 'goals_met' },
    });
    expect(early.status).toBe(400);
    expect(early.body.error?.fields?.[0]?.field).toBe('body.reason');
    const notLapsed = await invoke('dischargeEpisode', {
      sub: bcm,
      params: episodeParams(episode),
      body: { reason: 'lapsed' },
    });
    expect(notLapsed.status).toBe(400);

    const plan = await invoke('saveRelapsePlan', {
      sub: bcm,
      params: episodeParams(episode),
      body: { whatHelps: ['walks'], warningSigns: ['skipping meals'], whomToCall: ['Dr. Ames'] },
    });
    expect(plan.status, JSON.stringify(plan.body)).toBe(200);
    expect(plan.body.relapsePlan).toMatchObject({ updatedBy: bcm, whatHelps: ['walks'] });
    const done = await invoke('dischargeEpisode', {
      sub: bcm,
      params: episodeParams(episode),
      body: { reason: 'goals_met', note: 'PHQ-9 4 at week 14' },
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({ status: 'discharged', flags: [] });
    expect(done.body.discharge).toMatchObject({ reason: 'goals_met', by: bcm });

    const twice = await invoke('dischargeEpisode', {
      sub: bcm,
      params: episodeParams(episode),
      body: { reason: 'referred_out' },
    });
    expect(twice.status).toBe(409);
    const afterwards = await log(episode, { kind: 'call', minutes: 5 });
    expect(afterwards.status).toBe(409);

    const again = await enrol(patientId);
    expect(again.episodeId).not.toBe(episode.episodeId);
    const listed = await invoke('listEpisodes', {
      sub: psychiatrist,
      params: { clinicId: CLINIC_A, patientId },
    });
    expect((listed.body.items as EpisodeView[]).map((e) => [e.episodeId, e.status])).toEqual([
      [again.episodeId, 'active'],
      [episode.episodeId, 'discharged'],
    ]);
  });
});
