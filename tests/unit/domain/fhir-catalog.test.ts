import type { Observation, QuestionnaireResponse } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { FhirBundle } from '../../../functions/contracts/fhir';
import type { Patient } from '../../../functions/contracts/patients';
import {
  ScreeningSubmit,
  type InstrumentResponse,
  type ScreeningResult,
} from '../../../functions/contracts/screenings';
import { patientScreeningsBundle, screeningToFhir } from '../../../functions/domain/fhir';
import { scoreFullScreening } from '../../../functions/domain/screening';

const patient: Patient = {
  patientId: '01JD0000000000000000000001',
  clinicId: 'clinic-a',
  givenName: 'Ana',
  familyName: 'Garcia',
  dateOfBirth: '1980-02-29',
  sexAtBirth: 'female',
  preferredLanguage: 'en',
  createdAt: '2026-11-01T15:00:00.000Z',
  createdBy: 'user-ma',
};

const resultOf = (responses: InstrumentResponse[]): ScreeningResult => {
  const { scores, screens } = scoreFullScreening(
    ScreeningSubmit.parse({ language: 'en', responses }),
    { sex: 'female' },
  );
  return {
    screeningId: '01JD0000000000000000000009',
    clinicId: patient.clinicId,
    patientId: patient.patientId,
    language: 'en',
    completedAt: '2026-11-20T15:00:00.000Z',
    submittedBy: 'user-ma',
    scores,
    screens,
    flags: [],
    disposition: {
      code: 'none',
      label: 'Continue routine care',
      urgency: 'routine',
      pcpSafetyStepsNow: false,
      reasons: ['test'],
    },
    triageRuleVersion: 1,
    triageInputs: {},
  };
};

const codesOf = (result: ScreeningResult) =>
  screeningToFhir(patient, result).map((entry) => {
    const resource = entry.resource;
    return resource?.resourceType === 'Observation'
      ? (resource as Observation).code.coding?.[0]?.code
      : resource?.resourceType;
  });

describe('catalog instruments in the FHIR export (confirmed LOINC codes only)', () => {
  it('AUDIT-C: panel 72109-2 and total 75626-2, items by id (their codes are unconfirmed)', () => {
    const result = resultOf([
      { instrument: 'AUDITC', answers: { 'auditc.1': 2, 'auditc.2': 1, 'auditc.3': 0 } },
    ]);
    expect(codesOf(result)).toEqual(['QuestionnaireResponse', '72109-2', '75626-2']);
    const qr = screeningToFhir(patient, result)[0]?.resource as QuestionnaireResponse;
    expect(qr.questionnaire).toBe('http://loinc.org/q/72109-2');
    expect(qr.item?.map((item) => item.linkId)).toEqual(['auditc.1', 'auditc.2', 'auditc.3']);
    const total = screeningToFhir(patient, result)[2]?.resource as Observation;
    expect(total.valueQuantity?.value).toBe(3);
  });

  it('C-SSRS: the risk level 93374-7 and the asked items by their codes, no panel', () => {
    const result = resultOf([
      { instrument: 'CSSRS', answers: { 'cssrs.1': 1, 'cssrs.2': 0, 'cssrs.6': 0 } },
    ]);
    expect(codesOf(result)).toEqual([
      'QuestionnaireResponse',
      '93374-7',
      '93246-7',
      '93247-5',
      '93267-3',
    ]);
  });

  it('PC-PTSD-5 has no confirmed code: only its QuestionnaireResponse; a continued PHQ-2 is a PHQ-9', () => {
    const result = resultOf([
      { instrument: 'PCPTSD5', answers: { 'pcptsd5.gate': 0 } },
      {
        instrument: 'PHQ2',
        answers: { 'phq9.1': 2, 'phq9.2': 2 },
        continuation: [0, 0, 0, 0, 0, 0, 0],
      },
    ]);
    const codes = codesOf(result);
    expect(codes.filter((c) => c === 'QuestionnaireResponse')).toHaveLength(2);
    expect(codes).toContain('44249-1');
    expect(codes).not.toContain('55757-9');
    expect(() =>
      FhirBundle.parse(patientScreeningsBundle(patient, [result], '2026-11-21T00:00:00.000Z')),
    ).not.toThrow();
  });
});
