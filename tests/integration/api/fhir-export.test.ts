import type { Bundle, Observation, QuestionnaireResponse } from 'fhir/r4';
import { beforeAll, describe, expect, it } from 'vitest';
import { invoke } from '../../support/api';
import { useTwoClinicApi } from '../../support/api-suite';
import { CLINIC_A, CLINIC_B, userFor, validSubmission } from '../../support/network';

const suite = useTwoClinicApi();
const pcp = userFor('pcp');

beforeAll(async () => {
  for (const phq9 of [
    [1, 1, 1, 1, 1, 1, 1, 1, 0],
    [2, 2, 2, 2, 2, 2, 2, 1, 1],
  ]) {
    const reply = await invoke('submitScreening', {
      sub: userFor('ma'),
      params: { clinicId: CLINIC_A, patientId: suite.patientA },
      body: validSubmission(phq9),
    });
    expect(reply.status).toBe(201);
  }
});

const exportFor = (clinicId: string, patientId: string, sub = pcp) =>
  invoke('exportPatientFhir', { sub, params: { clinicId, patientId } });

describe('GET /clinics/{clinicId}/patients/{patientId}/fhir', () => {
  it('answers a collection Bundle with the patient and both screenings, and audits the export', async () => {
    const before = await suite.deps.store.audit.listForPatient(CLINIC_A, suite.patientA, {
      limit: 100,
    });
    const reply = await exportFor(CLINIC_A, suite.patientA);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    const bundle = reply.body as unknown as Bundle;
    expect(bundle.resourceType).toBe('Bundle');
    expect(bundle.type).toBe('collection');
    expect(bundle.timestamp).toMatch(/^2026-11-23T/);
    const entries = bundle.entry ?? [];
    // Patient + 2 screenings × (PHQ-9: QR, panel, total, 9 items + GAD-7: QR, panel, total, 7 items).
    expect(entries).toHaveLength(1 + 2 * (12 + 10));
    expect(entries[0]?.resource).toMatchObject({
      resourceType: 'Patient',
      name: [{ family: 'Alpha', given: ['Test'] }],
      birthDate: '1980-01-01',
      gender: 'unknown',
    });

    // The resources survive the response schema whole, not stripped to resourceType.
    const observations = entries
      .map((e) => e.resource)
      .filter((r): r is Observation => r?.resourceType === 'Observation');
    const totals = observations.filter((o) => o.code.coding?.[0]?.code === '44261-6');
    expect(totals.map((o) => o.valueQuantity?.value)).toEqual([8, 16]);
    expect(totals[1]?.interpretation?.[0]?.text).toBe('Moderately severe');
    const qr = entries.find((e) => e.resource?.resourceType === 'QuestionnaireResponse')
      ?.resource as QuestionnaireResponse;
    expect(qr.item?.[0]).toMatchObject({
      linkId: '/44250-9',
      answer: [{ valueCoding: { system: 'http://loinc.org', code: 'LA6569-3' } }],
    });
    const fullUrls = new Set(entries.map((e) => e.fullUrl));
    for (const o of observations) {
      for (const member of o.hasMember ?? []) expect(fullUrls).toContain(member.reference);
    }

    const after = await suite.deps.store.audit.listForPatient(CLINIC_A, suite.patientA, {
      limit: 100,
    });
    expect(after.items.length).toBe(before.items.length + 1);
    expect(after.items).toContainEqual(
      expect.objectContaining({
        action: 'patient.export',
        resourceType: 'patient',
        resourceId: suite.patientA,
        patientId: suite.patientA,
        actorId: pcp,
        clinicId: CLINIC_A,
        outcome: 'success',
      }),
    );
  });

  it('gives the same resources (same fullUrls) on a second export', async () => {
    const one = (await exportFor(CLINIC_A, suite.patientA)).body as unknown as Bundle;
    const two = (await exportFor(CLINIC_A, suite.patientA)).body as unknown as Bundle;
    expect(two.entry?.map((e) => e.fullUrl)).toEqual(one.entry?.map((e) => e.fullUrl));
  });

  it("answers 404 for another clinic's patient, under either clinic id", async () => {
    const underOwnClinic = await exportFor(CLINIC_A, suite.patientB);
    expect(underOwnClinic.status).toBe(404);
    expect(underOwnClinic.body.error?.code).toBe('not_found');
    const underOtherClinic = await exportFor(CLINIC_B, suite.patientB);
    expect(underOtherClinic.status).toBe(404);
    expect(underOtherClinic.body.error?.code).toBe('not_found');
  });

  it('is refused (403) to a role without screening.read', async () => {
    const reply = await exportFor(CLINIC_A, suite.patientA, userFor('tablet'));
    expect(reply.status).toBe(403);
  });
});
