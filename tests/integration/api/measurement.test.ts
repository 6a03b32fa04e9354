import { beforeEach, describe, expect, it } from 'vitest';
import { invoke } from '../../support/api';
import { useTwoClinicApi } from '../../support/api-suite';
import { CLINIC_A, userFor } from '../../support/network';

/** Catalog instruments through the real handler and DynamoDB Local (issue #3). */
const suite = useTwoClinicApi();
const ma = userFor('ma');

const count = async () => {
  const [screenings, audit] = await Promise.all([
    suite.deps.store.screenings.listForPatient(CLINIC_A, suite.patientA, { limit: 100 }),
    suite.deps.store.audit.listForPatient(CLINIC_A, suite.patientA, { limit: 100 }),
  ]);
  return screenings.items.length + audit.items.length;
};

const submit = (body: unknown) =>
  invoke('submitScreening', {
    sub: ma,
    params: { clinicId: CLINIC_A, patientId: suite.patientA },
    body,
  });

const fieldsOf = (reply: Awaited<ReturnType<typeof submit>>) =>
  reply.body.error?.fields?.map((f) => f.field);

const highRisk = {
  'cssrs.1': 1,
  'cssrs.2': 1,
  'cssrs.3': 1,
  'cssrs.4': 0,
  'cssrs.5': 1,
  'cssrs.6': 0,
  'cssrs.6b': null,
};

describe('catalog instruments at the API', () => {
  let before: number;
  beforeEach(async () => {
    before = await count();
  });

  it('stores a positive PHQ-2 as a PHQ-9 result plus the screener, triaged with the inputs', async () => {
    const reply = await submit({
      language: 'es',
      responses: [
        {
          instrument: 'PHQ2',
          answers: { 'phq9.1': 2, 'phq9.2': 2 },
          continuation: [1, 1, 1, 1, 1, 1, 0],
        },
      ],
    });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      language: 'es',
      scores: [{ instrument: 'PHQ9', total: 10, continuedFrom: 'PHQ2' }],
      screens: [{ instrument: 'PHQ2', total: 4, continuedInto: 'PHQ9' }],
      triageInputs: {
        phq2Total: 4,
        phq9Total: 10,
        phq9Item9: 0,
        integrationModel: 'collaborative-care',
        inHouseTiers: ['tier1', 'tier2'],
      },
      disposition: {
        code: 'offer_bh',
        scope: { tier: 'tier1', setting: 'in_clinic', integrationModel: 'collaborative-care' },
      },
    });
    expect(await count()).toBe(before + 2);
  });

  it('a C-SSRS high risk gives the safety protocol and keeps the staff administration', async () => {
    const reply = await submit({
      language: 'es',
      responses: [
        { instrument: 'PHQ9', answers: [1, 1, 1, 1, 1, 1, 1, 1, 1] },
        { instrument: 'CSSRS', answers: highRisk, administeredBy: 'staff', language: 'en' },
      ],
    });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      disposition: {
        code: 'safety_protocol_now',
        patientStaysWithStaff: true,
        pcpSafetyStepsNow: true,
      },
      screens: [{ instrument: 'CSSRS', risk: 'high', administeredBy: 'staff', language: 'en' }],
      triageInputs: { cssrsRisk: 'high', phq9Item9: 1 },
    });
    const flags = (reply.body.flags as { code: string }[]).map((f) => f.code);
    expect(flags).toEqual(expect.arrayContaining(['suicide_risk', 'safety_item9']));
  });

  it('400 naming an answer to a skipped item, and nothing written', async () => {
    const reply = await submit({
      language: 'en',
      responses: [
        {
          instrument: 'CSSRS',
          answers: { 'cssrs.1': 0, 'cssrs.2': 0, 'cssrs.4': 1, 'cssrs.6': 0 },
        },
      ],
    });
    expect(reply.status).toBe(400);
    expect(fieldsOf(reply)).toEqual(['body.responses.0.answers.cssrs.4']);
    expect(await count()).toBe(before);
  });

  it('400 naming an incomplete or out-of-range item, and a missing continuation', async () => {
    const reply = await submit({
      language: 'en',
      responses: [
        { instrument: 'AUDITC', answers: { 'auditc.1': 5, 'auditc.2': 0 } },
        { instrument: 'GAD2', answers: { 'gad7.1': 3, 'gad7.2': 3 } },
        { instrument: 'AHCHRSN', answers: { 'ahchrsn.2': [0, 3] } },
      ],
    });
    expect(reply.status).toBe(400);
    expect(fieldsOf(reply)).toEqual(
      expect.arrayContaining([
        'body.responses.0.answers.auditc.1',
        'body.responses.0.answers.auditc.3',
        'body.responses.1.continuation',
        'body.responses.2.answers.ahchrsn.1',
        'body.responses.2.answers.ahchrsn.2',
      ]),
    );
    expect(await count()).toBe(before);
  });

  it('400 for an instrument in a language it has no verified wording in', async () => {
    const reply = await submit({
      language: 'es',
      responses: [{ instrument: 'CSSRS', answers: highRisk }],
    });
    expect(reply.status).toBe(400);
    expect(fieldsOf(reply)).toEqual(['body.language']);
    expect(await count()).toBe(before);
  });

  it('uses the clinic’s PC-PTSD-5 cut-point from its published rule version', async () => {
    const ptsd = {
      instrument: 'PCPTSD5',
      answers: {
        'pcptsd5.gate': 1,
        'pcptsd5.1': 1,
        'pcptsd5.2': 1,
        'pcptsd5.3': 1,
        'pcptsd5.4': 0,
        'pcptsd5.5': 0,
      },
    };
    const first = await submit({ language: 'en', responses: [ptsd] });
    expect(first.body).toMatchObject({
      screens: [{ positive: true, cutPoint: 3, traumaExposure: true }],
      disposition: { code: 'offer_bh' },
    });

    const admin = userFor('admin');
    const view = await invoke('getTriageRules', { sub: admin, params: { clinicId: CLINIC_A } });
    const current = view.body.current as Record<string, unknown>;
    const settings = {
      phq9: current.phq9,
      gad7: current.gad7,
      phq9Item9SafetyFrom: current.phq9Item9SafetyFrom,
      offerBhWithinDays: current.offerBhWithinDays,
      urgentWithinHours: current.urgentWithinHours,
      expectedVersion: current.version,
    };
    const duplicate = await invoke('publishTriageRules', {
      sub: admin,
      params: { clinicId: CLINIC_A },
      body: { ...settings, inHouseTiers: ['tier1', 'tier1'] },
    });
    expect(fieldsOf(duplicate)).toEqual(['body.inHouseTiers']);
    const pair = await invoke('publishTriageRules', {
      sub: admin,
      params: { clinicId: CLINIC_A },
      body: {
        ...settings,
        screeningBundles: [{ id: 'x', label: 'Both', instruments: ['PHQ2', 'PHQ9'] }],
      },
    });
    expect(fieldsOf(pair)).toEqual(['body.screeningBundles.0.instruments']);
    const bad = await invoke('publishTriageRules', {
      sub: admin,
      params: { clinicId: CLINIC_A },
      body: { ...settings, pcptsd5CutPoint: 0 },
    });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad)).toEqual(['body.pcptsd5CutPoint']);
    const published = await invoke('publishTriageRules', {
      sub: admin,
      params: { clinicId: CLINIC_A },
      body: {
        ...settings,
        pcptsd5CutPoint: 4,
        inHouseTiers: ['tier1'],
        screeningBundles: [
          { id: 'new-patient', label: 'New patient', instruments: ['PHQ2', 'GAD2', 'PCPTSD5'] },
        ],
      },
    });
    expect(published.status).toBe(200);
    const reread = await invoke('getTriageRules', { sub: ma, params: { clinicId: CLINIC_A } });
    expect(reread.body.current).toMatchObject({
      inHouseTiers: ['tier1'],
      screeningBundles: [{ id: 'new-patient', instruments: ['PHQ2', 'GAD2', 'PCPTSD5'] }],
    });

    const second = await submit({ language: 'en', responses: [ptsd] });
    expect(second.body).toMatchObject({
      screens: [{ positive: false, cutPoint: 4 }],
      triageInputs: { pcptsd5CutPoint: 4, pcptsd5Total: 3, pcptsd5TraumaExposure: true },
      disposition: { code: 'none' },
    });
  });
});
