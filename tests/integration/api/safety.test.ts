import { describe, expect, it } from 'vitest';
import { invoke } from '../../support/api';
import { useTwoClinicApi } from '../../support/api-suite';
import { CLINIC_A, CLINIC_B, PCP_B, userFor } from '../../support/network';

const suite = useTwoClinicApi();
const pcp = userFor('pcp');
const bcm = userFor('bcm');
const ma = userFor('ma');

/** The test clock is 2026-11-23 in the clinic's zone (America/Denver). */
const assessment = (overrides: Record<string, unknown> = {}) => ({
  ideation: { present: true, detail: 'thoughts most days' },
  plan: { present: true, detail: 'overdose' },
  means: { present: true, detail: 'pills at home' },
  intent: { present: false },
  behaviours: { present: false },
  riskFactors: ['recent job loss'],
  protectiveFactors: ['children'],
  level: 'high',
  justification: 'Ideation with a plan and access to means.',
  notified: [{ who: 'Dr Reyes', role: 'pcp', at: '2026-11-23T16:00:00.000Z' }],
  disposition: 'Same-day behavioral health evaluation',
  followUp: { date: '2026-11-24', plan: 'BCM phone check' },
  ...overrides,
});

const plan = (expectedVersion: number, overrides: Record<string, unknown> = {}) => ({
  expectedVersion,
  warningSigns: ['not sleeping'],
  internalCoping: ['walk the dog'],
  distractionPeopleAndPlaces: ['church'],
  peopleWhoCanHelp: [{ name: 'Sister', phone: '555-0100' }],
  professionalsAndCrisisLines: [{ name: 'Clinic after hours', phone: '555-0199' }],
  meansSafety: ['pills locked away by sister'],
  ...overrides,
});

const params = (patientId = suite.patientA, clinicId = CLINIC_A) => ({ clinicId, patientId });
const record = (body: unknown, sub = pcp, p = params()) =>
  invoke('recordRiskAssessment', { sub, params: p, body });
const savePlan = (body: unknown, sub = pcp, p = params()) =>
  invoke('saveSafetyPlan', { sub, params: p, body });
const stored = async () =>
  (await suite.deps.store.safety.listAssessments(CLINIC_A, suite.patientA, { limit: 100 })).items
    .length;
const auditFor = async (patientId = suite.patientA) =>
  (await suite.deps.store.audit.listForPatient(CLINIC_A, patientId, { limit: 100 })).items;

describe('risk assessments', () => {
  it.each([
    ['missing', { followUp: { plan: 'call' } }],
    ['the assessment day', { followUp: { date: '2026-11-23', plan: 'call' } }],
    ['before the assessment', { followUp: { date: '2026-11-01', plan: 'call' } }],
    ['"as needed"', { followUp: { date: 'as needed', plan: 'call' } }],
  ])('refuses a follow-up date that is %s, naming body.followUp.date', async (_, override) => {
    const before = await stored();
    const reply = await record(assessment(override));
    expect(reply.status).toBe(400);
    expect(reply.body.error?.fields?.map((f) => f.field)).toContain('body.followUp.date');
    expect(await stored()).toBe(before);
  });

  it('requires a justification of the level', async () => {
    const reply = await record(assessment({ justification: '  ' }));
    expect(reply.status).toBe(400);
    expect(reply.body.error?.fields?.map((f) => f.field)).toContain('body.justification');
    const { justification: _, ...without } = assessment();
    const missing = await record(without);
    expect(missing.status).toBe(400);
    expect(missing.body.error?.fields?.map((f) => f.field)).toContain('body.justification');
  });

  it('records an assessment with its audit event and lists newest first', async () => {
    const first = await record(assessment({ level: 'moderate' }));
    expect(first.status).toBe(201);
    const second = await record(assessment(), bcm);
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({
      level: 'high',
      assessedBy: bcm,
      patientId: suite.patientA,
    });
    const list = await invoke('listRiskAssessments', {
      sub: userFor('psychiatrist'),
      params: params(),
    });
    expect(list.status).toBe(200);
    const items = list.body.items as { assessmentId: string }[];
    expect(items.map((i) => i.assessmentId).slice(0, 2)).toEqual([
      second.body.assessmentId,
      first.body.assessmentId,
    ]);
    const audit = await auditFor();
    expect(
      audit.some(
        (e) =>
          e.action === 'risk-assessment.create' &&
          e.resourceType === 'risk-assessment' &&
          e.resourceId === second.body.assessmentId &&
          e.actorId === bcm,
      ),
    ).toBe(true);
    expect(audit.some((e) => e.action === 'risk-assessment.list')).toBe(true);
    // Audit events hold ids and verbs only, never the free text.
    expect(JSON.stringify(audit)).not.toContain('overdose');
  });
});

describe('safety plan', () => {
  it('assigns increasing versions, always lists 988, and refuses a stale version', async () => {
    const empty = await invoke('getSafetyPlan', { sub: pcp, params: params() });
    expect(empty.status).toBe(200);
    expect(empty.body.plan).toBeNull();

    const v1 = await savePlan(plan(0));
    expect(v1.status).toBe(200);
    expect(v1.body.version).toBe(1);
    expect(v1.body.professionalsAndCrisisLines).toContainEqual({
      name: '988 Suicide & Crisis Lifeline',
      phone: '988',
    });
    const v2 = await savePlan(
      plan(1, { professionalsAndCrisisLines: [{ name: 'Lifeline', phone: '9-8-8' }] }),
      bcm,
    );
    expect(v2.status).toBe(200);
    expect(v2.body.version).toBe(2);
    // An entry that already dials 988 is not duplicated.
    expect(v2.body.professionalsAndCrisisLines).toEqual([{ name: 'Lifeline', phone: '9-8-8' }]);

    const stale = await savePlan(plan(1));
    expect(stale.status).toBe(409);
    expect(stale.body.error?.fields?.map((f) => f.field)).toEqual(['body.expectedVersion']);
    const ahead = await savePlan(plan(7));
    expect(ahead.status).toBe(409);

    const current = await invoke('getSafetyPlan', { sub: pcp, params: params() });
    expect((current.body.plan as { version: number }).version).toBe(2);
    const old = await invoke('getSafetyPlan', {
      sub: pcp,
      params: params(),
      query: { version: '1' },
    });
    expect((old.body.plan as { version: number }).version).toBe(1);
  });

  it('lets exactly one of two concurrent saves from the same version win', async () => {
    const current = await invoke('getSafetyPlan', { sub: pcp, params: params() });
    const version = (current.body.plan as { version: number }).version;
    const replies = await Promise.all([savePlan(plan(version)), savePlan(plan(version), bcm)]);
    expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
    const after = await invoke('getSafetyPlan', { sub: pcp, params: params() });
    expect((after.body.plan as { version: number }).version).toBe(version + 1);
  });

  it('audits plan writes and reads', async () => {
    const audit = await auditFor();
    expect(audit.some((e) => e.action === 'safety-plan.update' && e.resourceId === '1')).toBe(true);
    expect(audit.some((e) => e.action === 'safety-plan.read')).toBe(true);
  });
});

describe('safety summary and access', () => {
  it('shows the PCP the level, follow-up and plan version', async () => {
    const reply = await invoke('getSafetySummary', { sub: pcp, params: params() });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ level: 'high', followUpDate: '2026-11-24', planVersion: 3 });
    const audit = await auditFor();
    expect(
      audit.some((e) => e.action === 'safety-summary.read' && e.resourceType === 'safety-summary'),
    ).toBe(true);
  });

  it('gives an MA the summary but not the assessment or the plan', async () => {
    expect((await invoke('getSafetySummary', { sub: ma, params: params() })).status).toBe(200);
    expect((await invoke('listRiskAssessments', { sub: ma, params: params() })).status).toBe(403);
    expect((await invoke('getSafetyPlan', { sub: ma, params: params() })).status).toBe(403);
    expect((await record(assessment(), ma)).status).toBe(403);
    const audit = await auditFor();
    expect(
      audit.some((e) => e.actorId === ma && e.action === 'safety.read' && e.outcome === 'denied'),
    ).toBe(true);
  });

  it('answers 404 for another clinic', async () => {
    expect(
      (await invoke('getSafetySummary', { sub: pcp, params: params(suite.patientB, CLINIC_B) }))
        .status,
    ).toBe(404);
    expect((await record(assessment(), pcp, params(suite.patientB, CLINIC_B))).status).toBe(404);
    // Clinic B's own PCP asking for clinic A's patient under clinic B: not under B's keys.
    expect(
      (await invoke('getSafetySummary', { sub: PCP_B, params: params(suite.patientA, CLINIC_B) }))
        .status,
    ).toBe(404);
    expect((await savePlan(plan(0), PCP_B, params(suite.patientA, CLINIC_B))).status).toBe(404);
  });

  it('gives an empty summary for a patient without a safety record', async () => {
    const reply = await invoke('getSafetySummary', {
      sub: PCP_B,
      params: params(suite.patientB, CLINIC_B),
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      level: null,
      assessedAt: null,
      followUpDate: null,
      planVersion: null,
      planUpdatedAt: null,
    });
  });
});
