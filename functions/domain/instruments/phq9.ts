import type { InstrumentDefinition } from './types';
import { pfizerFrequencyScale, pfizerTerms } from './pfizer';

/** Zero-based position of item 9 (thoughts of self-harm): a safety flag whatever the total. */
export const PHQ9_ITEM9_INDEX = 8;

/*
 * Item wording is Pfizer's English form, character for character (including the question mark in
 * item 8). The paper form's "Use ✔ to indicate your answer" and its unscored difficulty question
 * are left out: the tablet has its own controls and the difficulty answer is not part of the score.
 */
export const phq9: InstrumentDefinition = {
  id: 'PHQ9',
  name: 'PHQ-9',
  preamble: {
    en: 'Over the last 2 weeks, how often have you been bothered by any of the following problems?',
  },
  answerOptions: pfizerFrequencyScale,
  items: [
    { id: 'phq9.1', loinc: '44250-9', text: { en: 'Little interest or pleasure in doing things' } },
    { id: 'phq9.2', loinc: '44255-8', text: { en: 'Feeling down, depressed, or hopeless' } },
    {
      id: 'phq9.3',
      loinc: '44259-0',
      text: { en: 'Trouble falling or staying asleep, or sleeping too much' },
    },
    { id: 'phq9.4', loinc: '44254-1', text: { en: 'Feeling tired or having little energy' } },
    { id: 'phq9.5', loinc: '44251-7', text: { en: 'Poor appetite or overeating' } },
    {
      id: 'phq9.6',
      loinc: '44258-2',
      text: {
        en: 'Feeling bad about yourself — or that you are a failure or have let yourself or your family down',
      },
    },
    {
      id: 'phq9.7',
      loinc: '44252-5',
      text: {
        en: 'Trouble concentrating on things, such as reading the newspaper or watching television',
      },
    },
    {
      id: 'phq9.8',
      loinc: '44253-3',
      text: {
        en: 'Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual',
      },
    },
    {
      id: 'phq9.9',
      loinc: '44260-8',
      text: { en: 'Thoughts that you would be better off dead or of hurting yourself in some way' },
    },
  ],
  // LOINC LL382-3 starts the lowest band at 0 (the 44261-6 text says 1–4); CLINICAL.md: encode 0–4.
  bands: [
    { id: 'none-minimal', label: 'None–minimal', min: 0, max: 4 },
    { id: 'mild', label: 'Mild', min: 5, max: 9 },
    { id: 'moderate', label: 'Moderate', min: 10, max: 14 },
    { id: 'moderately-severe', label: 'Moderately severe', min: 15, max: 19 },
    { id: 'severe', label: 'Severe', min: 20, max: 27 },
  ],
  maxTotal: 27,
  languages: ['en'],
  loinc: { panel: '44249-1', total: '44261-6' },
  source:
    'Pfizer Inc., PHQ-9 English form (Patient Health Questionnaire screeners, phqscreeners.com); ' +
    'Kroenke K, Spitzer RL, Williams JBW. The PHQ-9. J Gen Intern Med 2001;16:606-613.',
  terms: pfizerTerms,
};
