import { beforeAll, describe, expect, it } from 'vitest';
import { invoke } from '../../support/api';
import { useTwoClinicApi } from '../../support/api-suite';
import { CLINIC_A, CLINIC_B, userFor, validSubmission } from '../../support/network';

const suite = useTwoClinicApi();
const pcp = userFor('pcp');
const bcm = userFor('bcm');
let screeningId = '';
let screeningB = '';

const params = (id = screeningId, clinicId = CLINIC_A, patientId = suite.patientA) => ({
  clinicId,
  patientId,
  screeningId: id,
});
const override = (sub: string, body: unknown, at = params()) =>
  invoke('overrideDisposition', { sub, params: at, body });

const auditOf = async () =>
  (await suite.deps.store.audit.listForPatient(CLINIC_A, suite.patientA, { limit: 100 })).items;
const stored = () => suite.deps.store.screenings.get(CLINIC_A, suite.patientA, screeningId);

beforeAll(async () => {
  // PHQ-9 total 16 with item 9 = 1: the rule says warm handoff today.
  const a = await invoke('submitScreening', {
    sub: userFor('ma'),
    params: { clinicId: CLINIC_A, patientId: suite.patientA },
    body: validSubmission([2, 2, 2, 2, 2, 2, 2, 1, 1]),
  });
  expect(a.status).toBe(201);
  screeningId = String(a.body.screeningId);
  const b = await invoke('submitScreening', {
    sub: 'user-pcp-b',
    params: { clinicId: CLINIC_B, patientId: suite.patientB },
    body: validSubmission(),
  });
  expect(b.status).toBe(201);
  screeningB = String(b.body.screeningId);
});

describe('clinician override of a screening disposition', () => {
  it('refuses a missing or short reason by field and writes nothing', async () => {
    const before = { screening: await stored(), audit: (await auditOf()).length };
    const missing = await override(pcp, { disposition: 'in_clinic' });
    expect(missing.status).toBe(400);
    expect(missing.body.error?.fields?.map((f) => f.field)).toContain('body.reason');
    // Whitespace is trimmed before the length check.
    const short = await override(pcp, { disposition: 'in_clinic', reason: '   too short   ' });
    expect(short.status).toBe(400);
    expect(short.body.error?.fields?.map((f) => f.field)).toEqual(['body.reason']);
    const unknown = await override(pcp, {
      disposition: 'whatever',
      reason: 'A long enough reason',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error?.fields?.map((f) => f.field)).toEqual(['body.disposition']);
    expect(await stored()).toEqual(before.screening);
    expect((await auditOf()).length).toBe(before.audit);
  });

  it('keeps the rule disposition and adds the override with who and when', async () => {
    const reply = await override(pcp, {
      disposition: 'emergency_department',
      reason: '  Patient disclosed a plan during the visit; not safe to wait.  ',
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body).toMatchObject({
      screeningId,
      disposition: { code: 'warm_handoff_today' },
      override: {
        disposition: 'emergency_department',
        reason: 'Patient disclosed a plan during the visit; not safe to wait.',
        overriddenBy: pcp,
        overriddenAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT[\d:.]+Z$/),
      },
      version: 1,
    });
    expect(reply.body.overrideHistory).toBeUndefined();
    expect(await stored()).toEqual(reply.body);
    const read = await invoke('getScreening', { sub: userFor('ma'), params: params() });
    expect(read.body).toMatchObject({ override: { disposition: 'emergency_department' } });
  });

  it('moves the earlier override into the history on a second override', async () => {
    const reply = await override(bcm, {
      disposition: 'safety_protocol_now',
      reason: 'Spoke with the patient after the PCP: safety protocol started now.',
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      disposition: { code: 'warm_handoff_today' },
      override: { disposition: 'safety_protocol_now', overriddenBy: bcm },
      overrideHistory: [{ disposition: 'emergency_department', overriddenBy: pcp }],
      version: 2,
    });
    expect(await stored()).toEqual(reply.body);
  });

  it('refuses a stale expectedVersion with 409 and accepts the current one', async () => {
    const body = { disposition: 'in_clinic', reason: 'Reassessed: tier 1, PCP and BCM in clinic.' };
    const stale = await override(pcp, { ...body, expectedVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error?.fields?.[0]?.field).toBe('body.expectedVersion');
    const current = await override(pcp, { ...body, expectedVersion: 2 });
    expect(current.status).toBe(200);
    expect(current.body.overrideHistory).toHaveLength(2);
    expect(current.body.version).toBe(3);
  });

  it('writes an audit event for each override', async () => {
    const events = (await auditOf()).filter(
      (e) => e.action === 'screening.override' && e.resourceId === screeningId,
    );
    expect(events.map((e) => [e.actorId, e.outcome, e.resourceType])).toEqual(
      expect.arrayContaining([
        [pcp, 'success', 'screening'],
        [bcm, 'success', 'screening'],
      ]),
    );
    expect(events).toHaveLength(3);
  });

  it('forbids the MA (403, audited as denied) and writes nothing', async () => {
    const before = await stored();
    const reply = await override(userFor('ma'), {
      disposition: 'none',
      reason: 'The MA should not be able to do this.',
    });
    expect(reply.status).toBe(403);
    expect(reply.body.error?.code).toBe('forbidden');
    expect(await stored()).toEqual(before);
    const denied = (await auditOf()).filter(
      (e) => e.action === 'screening.override' && e.outcome === 'denied',
    );
    expect(denied.map((e) => e.actorId)).toEqual([userFor('ma')]);
  });

  it("answers 404 for another clinic's screening and for an unknown one", async () => {
    const body = { disposition: 'in_clinic', reason: 'Trying to reach across clinics.' };
    const otherClinic = await override(pcp, body, params(screeningB, CLINIC_B, suite.patientB));
    expect(otherClinic.status).toBe(404);
    const crossed = await override(pcp, body, params(screeningB));
    expect(crossed.status).toBe(404);
    const b = await suite.deps.store.screenings.get(CLINIC_B, suite.patientB, screeningB);
    expect(b?.override).toBeUndefined();
  });
});
