import type {
  Bundle,
  BundleEntry,
  FhirResource,
  Observation,
  Patient as FhirPatient,
  QuestionnaireResponse,
} from 'fhir/r4';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { FhirBundle } from '../../../functions/contracts/fhir';
import type { Patient } from '../../../functions/contracts/patients';
import type { ScreeningResult } from '../../../functions/contracts/screenings';
import {
  LOINC_SYSTEM,
  SCREENING_ASSESSMENT_PROFILE,
  UCUM_SYSTEM,
  patientScreeningsBundle,
  screeningToFhir,
  uuidFrom,
} from '../../../functions/domain/fhir';
import { instruments } from '../../../functions/domain/instruments';
import { gad7Answers, phq9Answers, score } from './fixtures';

const patient: Patient = {
  patientId: '01JD0000000000000000000001',
  clinicId: 'clinic-a',
  givenName: 'Ana',
  familyName: 'Garcia',
  dateOfBirth: '1980-02-29',
  sexAtBirth: 'unknown',
  mrn: 'MRN-42',
  preferredLanguage: 'en',
  createdAt: '2026-11-01T15:00:00.000Z',
  createdBy: 'user-ma',
};

const result = (
  screeningId: string,
  completedAt: string,
  phq9 = phq9Answers(16, 1),
  gad7 = gad7Answers(7),
): ScreeningResult => ({
  screeningId,
  clinicId: patient.clinicId,
  patientId: patient.patientId,
  language: 'en',
  completedAt,
  submittedBy: 'user-ma',
  scores: [score('PHQ9', phq9), score('GAD7', gad7)],
  flags: [],
  disposition: {
    code: 'offer_bh',
    label: 'Offer behavioral health',
    urgency: 'soon',
    pcpSafetyStepsNow: false,
    reasons: ['test'],
  },
  triageRuleVersion: 1,
  triageInputs: {},
});

const first = result('01JD0000000000000000000010', '2026-11-20T16:00:00.000Z');
const second = result(
  '01JD0000000000000000000020',
  '2026-11-23T16:00:00.000Z',
  [0, 1, 2, 3, 0, 1, 2, 3, 0],
  [3, 3, 3, 3, 3, 3, 3],
);
const EXPORTED_AT = '2026-11-23T17:00:00.000Z';

const resources = <T extends FhirResource['resourceType']>(entries: BundleEntry[], type: T) =>
  entries
    .map((entry) => entry.resource)
    .filter((r): r is Extract<FhirResource, { resourceType: T }> => r?.resourceType === type);

const codeOf = (observation: Observation) => observation.code.coding?.[0]?.code;

/** Every `reference` anywhere in the bundle, found by walking the JSON. */
const referencesIn = (value: unknown): string[] => {
  if (Array.isArray(value)) return value.flatMap(referencesIn);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) =>
    key === 'reference' && typeof child === 'string' ? [child] : referencesIn(child),
  );
};

/** The resources of one instrument of one screening, found by the panel's LOINC code. */
const instrumentView = (entries: BundleEntry[], panelCode: string, totalCode: string) => {
  const byUrl = new Map(entries.map((e) => [e.fullUrl, e.resource]));
  const observations = resources(entries, 'Observation');
  const panel = observations.find((o) => codeOf(o) === panelCode);
  const total = observations.find((o) => codeOf(o) === totalCode);
  if (!panel || !total) throw new Error(`no ${panelCode} panel or ${totalCode} total`);
  const members = (panel.hasMember ?? []).map((m) => byUrl.get(m.reference ?? '') as Observation);
  const qr = byUrl.get(panel.derivedFrom?.[0]?.reference ?? '') as QuestionnaireResponse;
  return { panel, total, members, qr };
};

describe('screeningToFhir', () => {
  const entries = screeningToFhir(patient, first);

  it('returns fhir/r4 entries (compile-time)', () => {
    expectTypeOf(entries).toEqualTypeOf<BundleEntry[]>();
    expectTypeOf(patientScreeningsBundle).returns.toEqualTypeOf<Bundle>();
  });

  it('per instrument: one QuestionnaireResponse, a panel, a total and one Observation per item', () => {
    // PHQ-9: 1 + 1 + 1 + 9; GAD-7: 1 + 1 + 1 + 7.
    expect(entries).toHaveLength(22);
    expect(resources(entries, 'QuestionnaireResponse')).toHaveLength(2);
    expect(resources(entries, 'Observation')).toHaveLength(20);
    expect(new Set(entries.map((e) => e.fullUrl)).size).toBe(entries.length);
    for (const entry of entries) {
      expect(entry.fullUrl).toMatch(
        /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
      expect(entry.fullUrl).toBe(`urn:uuid:${entry.resource?.id}`);
    }
  });

  it('encodes the PHQ-9 as in the US Core PHQ9-panel-example-44249-1', () => {
    const { panel, total, members, qr } = instrumentView(entries, '44249-1', '44261-6');
    const [phq9] = first.scores;
    if (!phq9) throw new Error('no PHQ-9 score');
    for (const observation of [panel, total, ...members]) {
      expect(observation.status).toBe('final');
      expect(observation.category?.[0]?.coding?.[0]).toMatchObject({
        system: 'http://terminology.hl7.org/CodeSystem/observation-category',
        code: 'survey',
      });
      expect(observation.code.coding?.[0]?.system).toBe(LOINC_SYSTEM);
      expect(observation.effectiveDateTime).toBe(first.completedAt);
      expect(observation.derivedFrom?.[0]?.reference).toMatch(/^urn:uuid:/);
    }
    expect(panel.hasMember).toHaveLength(9);
    expect(members.map(codeOf)).toEqual(instruments.PHQ9.items.map((item) => item.loinc));
    const item9 = members[8];
    expect(item9 && codeOf(item9)).toBe('44260-8'); // item 9
    expect(item9?.valueCodeableConcept?.coding?.[0]).toEqual({
      system: LOINC_SYSTEM,
      code: 'LA6569-3', // "Several days" = 1
      display: 'Several days',
    });
    expect(panel.valueQuantity).toBeUndefined();

    expect(total.meta?.profile).toEqual([SCREENING_ASSESSMENT_PROFILE]);
    expect(total.valueQuantity).toEqual({
      value: 16,
      unit: '{score}',
      system: UCUM_SYSTEM,
      code: '{score}',
    });
    expect(total.valueQuantity?.value).toBe(phq9.total);
    expect(total.interpretation?.[0]?.text).toBe('Moderately severe');
    expect(total.derivedFrom).toEqual(panel.derivedFrom);

    expect(qr).toMatchObject({
      resourceType: 'QuestionnaireResponse',
      status: 'completed',
      questionnaire: 'http://loinc.org/q/44249-1',
      authored: first.completedAt,
    });
    expect(qr.item?.map((i) => i.linkId)).toEqual([
      '/44250-9',
      '/44255-8',
      '/44259-0',
      '/44254-1',
      '/44251-7',
      '/44258-2',
      '/44252-5',
      '/44253-3',
      '/44260-8',
    ]);
    const LA = ['LA6568-5', 'LA6569-3', 'LA6570-1', 'LA6571-9'];
    expect(qr.item?.map((i) => i.answer?.[0]?.valueCoding?.code)).toEqual(
      phq9.answers.map((value) => LA[value]),
    );
    expect(qr.item?.[0]?.answer?.[0]?.valueCoding?.system).toBe(LOINC_SYSTEM);
  });

  it('encodes the GAD-7 with its panel, total and item codes', () => {
    const { panel, total, members, qr } = instrumentView(entries, '69737-5', '70274-6');
    expect(panel.hasMember).toHaveLength(7);
    expect(members.map(codeOf)).toEqual([
      '69725-0',
      '68509-9',
      '69733-4',
      '69734-2',
      '69735-9',
      '69689-8',
      '69736-7',
    ]);
    expect(total.valueQuantity?.value).toBe(7);
    expect(total.interpretation?.[0]?.text).toBe('Mild');
    expect(qr.questionnaire).toBe('http://loinc.org/q/69737-5');
    expect(qr.item?.map((i) => i.linkId)).toEqual(members.map((m) => `/${codeOf(m)}`));
    // Each item Observation carries the same LA code as the matching QuestionnaireResponse answer.
    expect(members.map((m) => m.valueCodeableConcept?.coding?.[0]?.code)).toEqual(
      qr.item?.map((i) => i.answer?.[0]?.valueCoding?.code),
    );
  });
});

describe('patientScreeningsBundle', () => {
  const bundle = patientScreeningsBundle(patient, [second, first], EXPORTED_AT);
  const entries = bundle.entry ?? [];

  it('is a collection with the Patient first and every screening after it, oldest first', () => {
    expect(bundle).toMatchObject({
      resourceType: 'Bundle',
      type: 'collection',
      timestamp: EXPORTED_AT,
    });
    expect(entries).toHaveLength(1 + 22 + 22);
    const [patientResource] = resources(entries, 'Patient') as [FhirPatient];
    expect(entries[0]?.resource).toBe(patientResource);
    expect(patientResource).toMatchObject({
      name: [{ family: 'Garcia', given: ['Ana'] }],
      birthDate: '1980-02-29',
      gender: 'unknown',
      identifier: [{ value: 'MRN-42', type: { coding: [{ code: 'MR' }] } }],
    });
    const totals = resources(entries, 'Observation').filter((o) => codeOf(o) === '44261-6');
    expect(totals.map((o) => o.effectiveDateTime)).toEqual([first.completedAt, second.completedAt]);
    expect(totals.map((o) => o.valueQuantity?.value)).toEqual([16, 12]);
  });

  it('resolves every reference to a fullUrl in the bundle; subjects are the Patient', () => {
    const fullUrls = new Set(entries.map((e) => e.fullUrl));
    const references = referencesIn(bundle);
    expect(references.length).toBeGreaterThan(entries.length);
    for (const reference of references) expect(fullUrls).toContain(reference);
    const patientUrl = entries[0]?.fullUrl;
    for (const entry of entries.slice(1)) {
      const resource = entry.resource as Observation | QuestionnaireResponse;
      expect(resource.subject?.reference).toBe(patientUrl);
    }
  });

  it('gives the same bundle for the same input, and different ids for different screenings', () => {
    const again = patientScreeningsBundle(
      structuredClone(patient),
      [structuredClone(first), structuredClone(second)],
      EXPORTED_AT,
    );
    expect(JSON.stringify(again)).toBe(JSON.stringify(bundle));
    expect(new Set(entries.map((e) => e.fullUrl)).size).toBe(entries.length);
  });

  it('leaves out the MRN identifier when there is none and maps sex at birth to gender', () => {
    const { mrn: _mrn, ...noMrn } = patient;
    const other = patientScreeningsBundle({ ...noMrn, sexAtBirth: 'female' }, [], EXPORTED_AT);
    expect(other.entry).toHaveLength(1);
    const resource = other.entry?.[0]?.resource as FhirPatient;
    expect(resource.identifier).toBeUndefined();
    expect(resource.gender).toBe('female');
  });

  it('passes the route response schema whole (loose objects keep every resource field)', () => {
    const parsed = FhirBundle.parse(JSON.parse(JSON.stringify(bundle)));
    expect(parsed).toEqual(JSON.parse(JSON.stringify(bundle)));
  });
});

describe('uuidFrom', () => {
  it('is deterministic, well formed and spreads nearby names', () => {
    expect(uuidFrom('a')).toBe(uuidFrom('a'));
    const many = Array.from({ length: 2000 }, (_, i) => uuidFrom(`screening:x/${i}/item`));
    expect(new Set(many).size).toBe(many.length);
    for (const id of many.slice(0, 50)) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });
});
