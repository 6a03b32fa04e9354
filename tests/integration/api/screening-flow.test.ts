import { beforeEach, describe, expect, it } from 'vitest';
import { invoke } from '../../support/api';
import { useTwoClinicApi } from '../../support/api-suite';
import { CLINIC_A, CLINIC_B, userFor, validSubmission } from '../../support/network';

const suite = useTwoClinicApi();
const ma = userFor('ma');

/** Everything stored for patient A that a submission could have written. */
const snapshot = async () => {
  const [screenings, audit, worklist] = await Promise.all([
    suite.deps.store.screenings.listForPatient(CLINIC_A, suite.patientA, { limit: 100 }),
    suite.deps.store.audit.listForPatient(CLINIC_A, suite.patientA, { limit: 100 }),
    suite.deps.store.screenings.listForClinic(CLINIC_A, { limit: 100 }),
  ]);
  return {
    screenings: screenings.items.length,
    audit: audit.items.length,
    worklist: worklist.items.length,
  };
};

const submit = (body: unknown, patientId = suite.patientA, clinicId = CLINIC_A) =>
  invoke('submitScreening', { sub: ma, params: { clinicId, patientId }, body });

describe('screen → triage through the real handler and DynamoDB Local', () => {
  let before: Awaited<ReturnType<typeof snapshot>>;
  beforeEach(async () => {
    before = await snapshot();
  });

  it('scores on the server, triages with the clinic rule version, and stores result + audit', async () => {
    // PHQ-9 total 16 with item 9 = 1; GAD-7 total 7.
    const reply = await submit(validSubmission([2, 2, 2, 2, 2, 2, 2, 1, 1]));
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      clinicId: CLINIC_A,
      patientId: suite.patientA,
      submittedBy: ma,
      triageRuleVersion: 1,
      triageInputs: { phq9Total: 16, phq9Item9: 1, gad7Total: 7 },
      disposition: {
        code: 'warm_handoff_today',
        urgency: 'urgent',
        followUpWithinHours: 72,
        pcpSafetyStepsNow: true,
      },
    });
    const scores = reply.body.scores as { instrument: string; total: number; band: string }[];
    expect(scores.map((s) => [s.instrument, s.total, s.band])).toEqual([
      ['PHQ9', 16, 'moderately-severe'],
      ['GAD7', 7, 'mild'],
    ]);
    const flags = (reply.body.flags as { code: string }[]).map((f) => f.code);
    expect(flags).toContain('safety_item9');

    const stored = await suite.deps.store.screenings.get(
      CLINIC_A,
      suite.patientA,
      String(reply.body.screeningId),
    );
    expect(stored).toEqual(reply.body);
    const after = await snapshot();
    expect(after).toEqual({
      screenings: before.screenings + 1,
      audit: before.audit + 1,
      worklist: before.worklist + 1,
    });
    const worklist = await invoke('listClinicScreenings', {
      sub: userFor('pcp'),
      params: { clinicId: CLINIC_A },
    });
    const items = worklist.body.items as { screeningId: string; patientName: string }[];
    expect(items[0]).toMatchObject({
      screeningId: reply.body.screeningId,
      patientName: 'Alpha, Test',
    });
  });

  it('names the missing item and writes nothing', async () => {
    const reply = await submit(validSubmission([1, 1, 1, 1, 1, 1, 1, 1]));
    expect(reply.status).toBe(400);
    expect(reply.body.error?.code).toBe('validation_failed');
    expect(reply.body.error?.fields?.map((f) => f.field)).toContain('body.responses.0.answers');
    expect(await snapshot()).toEqual(before);
  });

  it('names an out-of-range answer and writes nothing', async () => {
    const reply = await submit(validSubmission([1, 1, 1, 4, 1, 1, 1, 1, 0]));
    expect(reply.status).toBe(400);
    expect(reply.body.error?.fields).toEqual([
      expect.objectContaining({ field: 'body.responses.0.answers.3' }),
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it('rejects an unknown instrument, a repeated instrument and a malformed body by field', async () => {
    const unknown = await submit({
      language: 'en',
      responses: [{ instrument: 'XYZ', answers: [] }],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error?.fields?.[0]?.field).toBe('body.responses.0.instrument');
    const twice = await submit({
      language: 'en',
      responses: [validSubmission().responses[0], validSubmission().responses[0]],
    });
    expect(twice.status).toBe(400);
    expect(twice.body.error?.fields?.[0]?.field).toBe('body.responses');
    const malformed = await submit('{"language":');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error?.fields?.[0]?.field).toBe('body');
    expect(await snapshot()).toEqual(before);
  });

  it('answers 404 for an unknown patient and for another clinic’s patient, writing nothing', async () => {
    const unknown = await submit(validSubmission(), '01JZZZZZZZZZZZZZZZZZZZZZZZ');
    expect(unknown.status).toBe(404);
    const foreign = await submit(validSubmission(), suite.patientB);
    expect(foreign.status).toBe(404);
    const otherClinic = await submit(validSubmission(), suite.patientB, CLINIC_B);
    expect(otherClinic.status).toBe(404);
    expect(await snapshot()).toEqual(before);
    const b = await suite.deps.store.screenings.listForPatient(CLINIC_B, suite.patientB, {
      limit: 10,
    });
    expect(b.items).toHaveLength(0);
  });

  it('rejects a malformed path parameter by field', async () => {
    const reply = await submit(validSubmission(), 'not-a-ulid');
    expect(reply.status).toBe(400);
    expect(reply.body.error?.fields?.[0]?.field).toBe('path.patientId');
  });
});

describe('patients', () => {
  it('registers, refuses a duplicate MRN with a field error, and finds by name prefix', async () => {
    const body = {
      givenName: 'María',
      familyName: 'Núñez',
      dateOfBirth: '1977-03-04',
      sexAtBirth: 'female',
      mrn: 'A-77',
      preferredLanguage: 'es',
    };
    const created = await invoke('registerPatient', {
      sub: ma,
      params: { clinicId: CLINIC_A },
      body,
    });
    expect(created.status).toBe(201);
    const duplicate = await invoke('registerPatient', {
      sub: ma,
      params: { clinicId: CLINIC_A },
      body: { ...body, givenName: 'Other' },
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error?.fields?.[0]?.field).toBe('body.mrn');
    const found = await invoke('searchPatients', {
      sub: ma,
      params: { clinicId: CLINIC_A },
      query: { q: 'nun' },
    });
    expect((found.body.items as { patientId: string }[]).map((p) => p.patientId)).toEqual([
      created.body.patientId,
    ]);
    const byMrn = await invoke('searchPatients', {
      sub: ma,
      params: { clinicId: CLINIC_A },
      query: { mrn: 'A-77' },
    });
    expect((byMrn.body.items as unknown[]).length).toBe(1);
  });

  it('names each invalid field of a registration and writes nothing', async () => {
    const reply = await invoke('registerPatient', {
      sub: ma,
      params: { clinicId: CLINIC_A },
      body: { givenName: '', familyName: 'X', dateOfBirth: '2999-01-01', sexAtBirth: 'other' },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error?.fields?.map((f) => f.field).sort()).toEqual([
      'body.dateOfBirth',
      'body.givenName',
      'body.sexAtBirth',
    ]);
    const found = await invoke('searchPatients', {
      sub: ma,
      params: { clinicId: CLINIC_A },
      query: { q: 'x' },
    });
    expect(found.body.items).toEqual([]);
  });
});

describe('retried submissions (a tablet on rural Wi-Fi)', () => {
  it('stores one screening per submission id, even when the retries race', async () => {
    const before = await snapshot();
    const body = { ...validSubmission(), submissionId: '5f0c6b1e-8a5d-4c3e-9f7a-2b1d0e4c6a88' };
    const replies = await Promise.all(Array.from({ length: 5 }, () => submit(body)));
    expect(replies.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(replies.map((r) => r.body.screeningId)).size).toBe(1);
    expect(await snapshot()).toEqual({
      screenings: before.screenings + 1,
      audit: before.audit + 1,
      worklist: before.worklist + 1,
    });
    const again = await submit(body);
    expect(again.body.screeningId).toBe(replies[0]?.body.screeningId);
  });

  it('refuses a submission id reused for another patient, naming the field', async () => {
    const body = { ...validSubmission(), submissionId: '9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d' };
    expect((await submit(body)).status).toBe(201);
    const other = await invoke('registerPatient', {
      sub: ma,
      params: { clinicId: CLINIC_A },
      body: {
        givenName: 'Other',
        familyName: 'Patient',
        dateOfBirth: '1970-01-01',
        sexAtBirth: 'male',
      },
    });
    const reused = await submit(body, String(other.body.patientId));
    expect(reused.status).toBe(409);
    expect(reused.body.error?.fields?.[0]?.field).toBe('body.submissionId');
  });
});
