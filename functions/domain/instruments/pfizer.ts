import type { AnswerOption } from './types';

/**
 * The PHQ and GAD-7 screeners share Pfizer's frequency scale and terms. Kept in one place so the
 * two definitions cannot drift apart.
 */
export const pfizerFrequencyScale: AnswerOption[] = [
  // LOINC answer list LL358-3 (PHQ-9 and GAD-7 items).
  { value: 0, label: { en: 'Not at all' }, loinc: 'LA6568-5' },
  { value: 1, label: { en: 'Several days' }, loinc: 'LA6569-3' },
  { value: 2, label: { en: 'More than half the days' }, loinc: 'LA6570-1' },
  { value: 3, label: { en: 'Nearly every day' }, loinc: 'LA6571-9' },
];

/**
 * The PHQ-9's scale with Pfizer's Spanish (USA) labels. The GAD-7 keeps the English-only scale:
 * the copies of its Spanish form found disagree on the labels (docs/clinical-rules.md, "Wording").
 */
export const pfizerFrequencyScaleEs: AnswerOption[] = pfizerFrequencyScale.map((option, i) => ({
  ...option,
  label: {
    ...option.label,
    es:
      ['Ningún día', 'Varios días', 'Más de la mitad de los días', 'Casi todos los días'][i] ?? '',
  },
}));

export const pfizerTerms =
  '© Pfizer Inc. Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and ' +
  'colleagues, with an educational grant from Pfizer Inc. No permission required to reproduce, ' +
  'translate, display or distribute.';
