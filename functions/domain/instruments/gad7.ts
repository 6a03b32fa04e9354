import type { InstrumentDefinition } from './types';
import { pfizerFrequencyScale, pfizerTerms } from './pfizer';

/* Item wording is Pfizer's English GAD-7 form, character for character (it has no serial commas). */
export const gad7: InstrumentDefinition = {
  id: 'GAD7',
  name: 'GAD-7',
  preamble: {
    en: 'Over the last 2 weeks, how often have you been bothered by the following problems?',
  },
  answerOptions: pfizerFrequencyScale,
  items: [
    { id: 'gad7.1', loinc: '69725-0', text: { en: 'Feeling nervous, anxious or on edge' } },
    { id: 'gad7.2', loinc: '68509-9', text: { en: 'Not being able to stop or control worrying' } },
    { id: 'gad7.3', loinc: '69733-4', text: { en: 'Worrying too much about different things' } },
    { id: 'gad7.4', loinc: '69734-2', text: { en: 'Trouble relaxing' } },
    {
      id: 'gad7.5',
      loinc: '69735-9',
      text: { en: 'Being so restless that it is hard to sit still' },
    },
    { id: 'gad7.6', loinc: '69689-8', text: { en: 'Becoming easily annoyed or irritable' } },
    {
      id: 'gad7.7',
      loinc: '69736-7',
      text: { en: 'Feeling afraid as if something awful might happen' },
    },
  ],
  bands: [
    { id: 'minimal', label: 'Minimal', min: 0, max: 4 },
    { id: 'mild', label: 'Mild', min: 5, max: 9 },
    { id: 'moderate', label: 'Moderate', min: 10, max: 14 },
    { id: 'severe', label: 'Severe', min: 15, max: 21 },
  ],
  maxTotal: 21,
  languages: ['en'],
  // Spanish not offered: the copies found disagree on the stem, the answer labels and items 2, 6, 7.
  wording: { en: 'Pfizer GAD-7 English form (phqscreeners.com); LOINC 69737-5 item names.' },
  loinc: { panel: '69737-5', total: '70274-6' },
  source:
    'Pfizer Inc., GAD-7 English form (Patient Health Questionnaire screeners, phqscreeners.com); ' +
    'Spitzer RL, Kroenke K, Williams JBW, Löwe B. A brief measure for assessing generalized ' +
    'anxiety disorder: the GAD-7. Arch Intern Med 2006;166:1092-1097.',
  terms: pfizerTerms,
};
