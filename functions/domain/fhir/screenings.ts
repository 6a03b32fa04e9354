/**
 * Screening results as FHIR R4, following the US Core conventions in CLINICAL.md Part 2 §2 (modeled
 * on the US Core PHQ9-panel-example-44249-1): per instrument a QuestionnaireResponse with LOINC item
 * linkIds and LA answer codes, a panel Observation whose hasMember points to one Observation per
 * item, and a total-score Observation (US Core Observation Screening Assessment profile, category
 * survey, valueQuantity in UCUM {score}) derived from the QuestionnaireResponse. Scores are the
 * server's own; nothing is recomputed here. Pure: no I/O, no clock, no randomness.
 */
import type {
  Bundle,
  BundleEntry,
  CodeableConcept,
  Patient as FhirPatient,
  Identifier,
  Observation,
  QuestionnaireResponse,
  QuestionnaireResponseItem,
  QuestionnaireResponseItemAnswer,
  Reference,
} from 'fhir/r4';
import type { Patient } from '../../contracts/patients';
import type { CatalogScore, InstrumentScore, ScreeningResult } from '../../contracts/screenings';
import { getInstrument } from '../instruments';
import { catalog } from '../instruments/catalog';
import type { AnswerOption } from '../instruments/types';
import { uuidFrom } from './uuid';

export const LOINC_SYSTEM = 'http://loinc.org';
export const UCUM_SYSTEM = 'http://unitsofmeasure.org';
export const OBSERVATION_CATEGORY_SYSTEM =
  'http://terminology.hl7.org/CodeSystem/observation-category';
export const SCREENING_ASSESSMENT_PROFILE =
  'http://hl7.org/fhir/us/core/StructureDefinition/us-core-observation-screening-assessment';
/** LOINC publishes its panels as FHIR Questionnaires under this canonical base. */
export const LOINC_QUESTIONNAIRE_BASE = 'http://loinc.org/q/';

const SURVEY: CodeableConcept = {
  coding: [{ system: OBSERVATION_CATEGORY_SYSTEM, code: 'survey', display: 'Survey' }],
  text: 'Survey',
};

const loincConcept = (code: string, text: string): CodeableConcept => ({
  coding: [{ system: LOINC_SYSTEM, code }],
  text,
});

interface Identified<T> {
  id: string;
  fullUrl: string;
  resource: T;
}

/** A resource with a deterministic id; its fullUrl is `urn:uuid:<id>`. */
const identified = <T extends { id?: string }>(name: string, build: (id: string) => T) => {
  const id = uuidFrom(name);
  return { id, fullUrl: `urn:uuid:${id}`, resource: { ...build(id), id } } satisfies Identified<T>;
};

const entryOf = ({ fullUrl, resource }: Identified<BundleEntry['resource']>): BundleEntry => ({
  fullUrl,
  resource,
});

const ref = (target: { fullUrl: string }, display?: string): Reference =>
  display === undefined ? { reference: target.fullUrl } : { reference: target.fullUrl, display };

const patientName = (name: string): string => `patient:${name}`;

const patientResource = (patient: Patient) =>
  identified<FhirPatient>(patientName(`${patient.clinicId}/${patient.patientId}`), (id) => {
    const identifier: Identifier[] = patient.mrn
      ? [
          {
            use: 'usual',
            type: {
              coding: [
                {
                  system: 'http://terminology.hl7.org/CodeSystem/v2-0203',
                  code: 'MR',
                  display: 'Medical record number',
                },
              ],
              text: 'MRN',
            },
            value: patient.mrn,
          },
        ]
      : [];
    return {
      resourceType: 'Patient',
      id,
      ...(identifier.length > 0 ? { identifier } : {}),
      name: [{ family: patient.familyName, given: [patient.givenName] }],
      gender: patient.sexAtBirth, // 'female' | 'male' | 'unknown' are all AdministrativeGender codes
      birthDate: patient.dateOfBirth,
    };
  });

/** The Patient entry every screening resource's subject points to. */
export const patientEntry = (patient: Patient): BundleEntry => entryOf(patientResource(patient));

const answerOf = (options: readonly AnswerOption[], value: number) =>
  options.find((option) => option.value === value);

const qrAnswer = (
  option: AnswerOption | undefined,
  value: number,
): QuestionnaireResponseItemAnswer =>
  option?.loinc
    ? { valueCoding: { system: LOINC_SYSTEM, code: option.loinc, display: option.label.en } }
    : { valueInteger: value };

const observationValue = (
  option: AnswerOption | undefined,
  value: number,
): Pick<Observation, 'valueCodeableConcept' | 'valueInteger'> =>
  option?.loinc
    ? {
        valueCodeableConcept: {
          coding: [{ system: LOINC_SYSTEM, code: option.loinc, display: option.label.en }],
          text: option.label.en,
        },
      }
    : { valueInteger: value };

const instrumentEntries = (
  patientRef: Reference,
  result: ScreeningResult,
  score: InstrumentScore,
): BundleEntry[] => {
  const definition = getInstrument(score.instrument);
  const base = `screening:${result.clinicId}/${result.screeningId}/${score.instrument}`;
  const answered = definition.items.flatMap((item, index) => {
    const value = score.answers[index];
    return value === undefined
      ? []
      : [{ item, value, option: answerOf(definition.answerOptions, value) }];
  });
  const observationBase = {
    resourceType: 'Observation',
    meta: { profile: [SCREENING_ASSESSMENT_PROFILE] },
    status: 'final',
    category: [SURVEY],
    subject: patientRef,
    effectiveDateTime: result.completedAt,
  } as const satisfies Partial<Observation>;

  const questionnaireResponse = identified<QuestionnaireResponse>(`${base}/qr`, (id) => ({
    resourceType: 'QuestionnaireResponse',
    id,
    questionnaire: `${LOINC_QUESTIONNAIRE_BASE}${definition.loinc.panel}`,
    status: 'completed',
    subject: patientRef,
    authored: result.completedAt,
    item: answered.map(({ item, value, option }): QuestionnaireResponseItem => ({
      linkId: `/${item.loinc}`,
      text: item.text.en,
      answer: [qrAnswer(option, value)],
    })),
  }));
  const derivedFrom = [ref(questionnaireResponse)];

  const items = answered.map(({ item, value, option }) =>
    identified<Observation>(`${base}/item/${item.loinc}`, (id) => ({
      ...observationBase,
      id,
      code: loincConcept(item.loinc, item.text.en),
      ...observationValue(option, value),
      derivedFrom,
    })),
  );

  const panel = identified<Observation>(`${base}/panel`, (id) => ({
    ...observationBase,
    id,
    code: loincConcept(definition.loinc.panel, definition.name),
    hasMember: items.map((item) => ref(item)),
    derivedFrom,
  }));

  const total = identified<Observation>(`${base}/total`, (id) => ({
    ...observationBase,
    id,
    code: loincConcept(definition.loinc.total, `${definition.name} total score`),
    valueQuantity: { value: score.total, unit: '{score}', system: UCUM_SYSTEM, code: '{score}' },
    interpretation: [{ text: score.bandLabel }],
    derivedFrom,
  }));

  return [questionnaireResponse, panel, total, ...items].map(entryOf);
};

/**
 * A catalog instrument (AUDIT-C, PC-PTSD-5, C-SSRS, AHC HRSN, a PHQ-2 / GAD-2 that did not
 * continue): its QuestionnaireResponse (LOINC linkIds where confirmed, the item id otherwise),
 * Observations only for items with a confirmed LOINC code, a panel and a total only where their
 * codes are confirmed, and the C-SSRS risk level (93374-7). A continued screener is exported as the
 * full instrument it became.
 */
const catalogEntries = (
  patientRef: Reference,
  result: ScreeningResult,
  screen: CatalogScore,
): BundleEntry[] => {
  if (screen.continuedInto) return [];
  const definition = catalog[screen.instrument];
  const base = `screening:${result.clinicId}/${result.screeningId}/${screen.instrument}`;
  const answered = definition.items.flatMap((item) => {
    const value = screen.answers[item.id];
    if (value === undefined) return [];
    const values = Array.isArray(value) ? value : [value];
    return [{ item, values, options: values.map((v) => answerOf(item.options, v)) }];
  });
  const observationBase = {
    resourceType: 'Observation',
    meta: { profile: [SCREENING_ASSESSMENT_PROFILE] },
    status: 'final',
    category: [SURVEY],
    subject: patientRef,
    effectiveDateTime: result.completedAt,
  } as const satisfies Partial<Observation>;
  const questionnaireResponse = identified<QuestionnaireResponse>(`${base}/qr`, (id) => ({
    resourceType: 'QuestionnaireResponse',
    id,
    ...(definition.loinc.panel
      ? { questionnaire: `${LOINC_QUESTIONNAIRE_BASE}${definition.loinc.panel}` }
      : {}),
    status: 'completed',
    subject: patientRef,
    authored: result.completedAt,
    item: answered.map(({ item, values, options }) => ({
      linkId: item.loinc ? `/${item.loinc}` : item.id,
      text: item.text.en.split('\n').at(-1) ?? item.text.en,
      answer: values.map((value, i) => qrAnswer(options[i], value)),
    })),
  }));
  const derivedFrom = [ref(questionnaireResponse)];
  const items = answered.flatMap(({ item, values, options }) => {
    const loinc = item.loinc;
    const value = values[0];
    if (!loinc || values.length !== 1 || value === undefined) return [];
    return [
      identified<Observation>(`${base}/item/${loinc}`, (id) => ({
        ...observationBase,
        id,
        code: loincConcept(loinc, item.text.en),
        ...observationValue(options[0], value),
        derivedFrom,
      })),
    ];
  });
  const { panel, total, riskLevel } = definition.loinc;
  const extra = [
    ...(panel
      ? [
          identified<Observation>(`${base}/panel`, (id) => ({
            ...observationBase,
            id,
            code: loincConcept(panel, definition.name),
            hasMember: items.map((item) => ref(item)),
            derivedFrom,
          })),
        ]
      : []),
    ...(total && screen.total !== undefined
      ? [
          identified<Observation>(`${base}/total`, (id) => ({
            ...observationBase,
            id,
            code: loincConcept(total, `${definition.name} total score`),
            valueQuantity: {
              value: screen.total ?? 0,
              unit: '{score}',
              system: UCUM_SYSTEM,
              code: '{score}',
            },
            interpretation: [{ text: screen.bandLabel }],
            derivedFrom,
          })),
        ]
      : []),
    ...(riskLevel
      ? [
          identified<Observation>(`${base}/risk`, (id) => ({
            ...observationBase,
            id,
            code: loincConcept(riskLevel, 'Suicide risk level'),
            valueCodeableConcept: { text: screen.bandLabel },
            derivedFrom,
          })),
        ]
      : []),
  ];
  return [questionnaireResponse, ...extra, ...items].map(entryOf);
};

/**
 * One screening as bundle entries: for each instrument, in the order scored, its
 * QuestionnaireResponse, panel Observation, total-score Observation and item Observations. The
 * subject of each is the Patient entry from `patientEntry(patient)` (not included here).
 */
export const screeningToFhir = (patient: Patient, result: ScreeningResult): BundleEntry[] => {
  const patientRef = ref(patientResource(patient));
  return [
    ...result.scores.flatMap((score) => instrumentEntries(patientRef, result, score)),
    ...(result.screens ?? []).flatMap((screen) => catalogEntries(patientRef, result, screen)),
  ];
};

/**
 * A patient and all their screenings as a FHIR `collection` Bundle, oldest screening first. The
 * same patient, results and `exportedAt` always give the same bundle, byte for byte.
 */
export const patientScreeningsBundle = (
  patient: Patient,
  results: readonly ScreeningResult[],
  exportedAt: string,
): Bundle => {
  const ordered = [...results].sort(
    (a, b) =>
      a.completedAt.localeCompare(b.completedAt) || a.screeningId.localeCompare(b.screeningId),
  );
  return {
    resourceType: 'Bundle',
    id: uuidFrom(`bundle:${patient.clinicId}/${patient.patientId}@${exportedAt}`),
    type: 'collection',
    timestamp: exportedAt,
    entry: [patientEntry(patient), ...ordered.flatMap((r) => screeningToFhir(patient, r))],
  };
};
