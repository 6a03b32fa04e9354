/**
 * The ICD-10-CM codes a primary-care behavioral-health program uses most, with plain labels, so
 * enrolment offers a short pick list; a clinic adds its own in the registry settings.
 */
import type { Diagnosis, RegistrySettings } from '../../contracts/registry';

export const BUILT_IN_DIAGNOSES: readonly Diagnosis[] = [
  { code: 'F32.0', label: 'Depression, single episode, mild' },
  { code: 'F32.1', label: 'Depression, single episode, moderate' },
  { code: 'F32.2', label: 'Depression, single episode, severe without psychotic features' },
  { code: 'F32.4', label: 'Depression, single episode, in partial remission' },
  { code: 'F32.5', label: 'Depression, single episode, in full remission' },
  { code: 'F32.9', label: 'Depression, single episode, unspecified' },
  { code: 'F32.A', label: 'Depression, unspecified' },
  { code: 'F33.0', label: 'Depression, recurrent, mild' },
  { code: 'F33.1', label: 'Depression, recurrent, moderate' },
  { code: 'F33.2', label: 'Depression, recurrent, severe without psychotic features' },
  { code: 'F33.41', label: 'Depression, recurrent, in partial remission' },
  { code: 'F33.42', label: 'Depression, recurrent, in full remission' },
  { code: 'F33.9', label: 'Depression, recurrent, unspecified' },
  { code: 'F34.1', label: 'Persistent depressive disorder (dysthymia)' },
  { code: 'F41.0', label: 'Panic disorder' },
  { code: 'F41.1', label: 'Generalized anxiety disorder' },
  { code: 'F41.9', label: 'Anxiety disorder, unspecified' },
  { code: 'F43.10', label: 'Post-traumatic stress disorder, unspecified' },
  { code: 'F43.12', label: 'Post-traumatic stress disorder, chronic' },
  { code: 'F43.21', label: 'Adjustment disorder with depressed mood' },
  { code: 'F43.22', label: 'Adjustment disorder with anxiety' },
  { code: 'F43.23', label: 'Adjustment disorder with mixed anxiety and depressed mood' },
  { code: 'F43.25', label: 'Adjustment disorder with mixed disturbance of emotions and conduct' },
  { code: 'F10.10', label: 'Alcohol use disorder, mild' },
  { code: 'F10.20', label: 'Alcohol use disorder, moderate or severe' },
  { code: 'F11.20', label: 'Opioid use disorder, moderate or severe' },
  { code: 'F17.210', label: 'Nicotine dependence, cigarettes' },
  { code: 'F51.01', label: 'Primary insomnia' },
  { code: 'F45.1', label: 'Somatic symptom disorder' },
  { code: 'F90.0', label: 'ADHD, predominantly inattentive type' },
  { code: 'F90.2', label: 'ADHD, combined type' },
];

/** The built-ins, then the clinic's own codes (a code the built-ins already have keeps its label). */
export const diagnosisCatalog = (
  settings: Pick<RegistrySettings, 'extraDiagnoses'>,
): Diagnosis[] => {
  const seen = new Set<string>();
  const catalog: Diagnosis[] = [];
  for (const diagnosis of [...BUILT_IN_DIAGNOSES, ...settings.extraDiagnoses]) {
    if (seen.has(diagnosis.code)) continue;
    seen.add(diagnosis.code);
    catalog.push({ code: diagnosis.code, label: diagnosis.label });
  }
  return catalog;
};
