import type { InstrumentDefinition } from './types';
import { pfizerFrequencyScaleEs, pfizerTerms } from './pfizer';

/** Zero-based position of item 9 (thoughts of self-harm): a safety flag whatever the total. */
export const PHQ9_ITEM9_INDEX = 8;

/*
 * Item wording is Pfizer's English form, character for character (including the question mark in
 * item 8). The paper form's "Use ✔ to indicate your answer" and its unscored difficulty question
 * are left out: the tablet has its own controls and the difficulty answer is not part of the score.
 * Spanish is Pfizer's "Spanish for USA" form (CUESTIONARIO SOBRE LA SALUD DEL PACIENTE-9), as
 * transcribed from Pfizer's PDF with its Spanish attribution line and matched by independent copies
 * (docs/clinical-rules.md, "Wording").
 */
export const phq9: InstrumentDefinition = {
  id: 'PHQ9',
  name: 'PHQ-9',
  preamble: {
    en: 'Over the last 2 weeks, how often have you been bothered by any of the following problems?',
    es: 'Durante las últimas 2 semanas, ¿qué tan seguido ha tenido molestias debido a los siguientes problemas?',
  },
  answerOptions: pfizerFrequencyScaleEs,
  items: [
    {
      id: 'phq9.1',
      loinc: '44250-9',
      text: {
        en: 'Little interest or pleasure in doing things',
        es: 'Poco interés o placer en hacer cosas',
      },
    },
    {
      id: 'phq9.2',
      loinc: '44255-8',
      text: {
        en: 'Feeling down, depressed, or hopeless',
        es: 'Se ha sentido decaído(a), deprimido(a) o sin esperanzas',
      },
    },
    {
      id: 'phq9.3',
      loinc: '44259-0',
      text: {
        en: 'Trouble falling or staying asleep, or sleeping too much',
        es: 'Ha tenido dificultad para quedarse o permanecer dormido(a), o ha dormido demasiado',
      },
    },
    {
      id: 'phq9.4',
      loinc: '44254-1',
      text: {
        en: 'Feeling tired or having little energy',
        es: 'Se ha sentido cansado(a) o con poca energía',
      },
    },
    {
      id: 'phq9.5',
      loinc: '44251-7',
      text: { en: 'Poor appetite or overeating', es: 'Sin apetito o ha comido en exceso' },
    },
    {
      id: 'phq9.6',
      loinc: '44258-2',
      text: {
        en: 'Feeling bad about yourself — or that you are a failure or have let yourself or your family down',
        es: 'Se ha sentido mal con usted mismo(a) – o que es un fracaso o que ha quedado mal con usted mismo(a) o con su familia',
      },
    },
    {
      id: 'phq9.7',
      loinc: '44252-5',
      text: {
        en: 'Trouble concentrating on things, such as reading the newspaper or watching television',
        es: 'Ha tenido dificultad para concentrarse en ciertas actividades, tales como leer el periódico o ver la televisión',
      },
    },
    {
      id: 'phq9.8',
      loinc: '44253-3',
      text: {
        en: 'Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual',
        es: '¿Se ha movido o hablado tan lento que otras personas podrían haberlo notado? o lo contrario – muy inquieto(a) o agitado(a) que ha estado moviéndose mucho más de lo normal',
      },
    },
    {
      id: 'phq9.9',
      loinc: '44260-8',
      text: {
        en: 'Thoughts that you would be better off dead or of hurting yourself in some way',
        es: 'Pensamientos de que estaría mejor muerto(a) o de lastimarse de alguna manera',
      },
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
  languages: ['en', 'es'],
  wording: {
    en: 'Pfizer PHQ-9 English form (phqscreeners.com), as reproduced in LOINC 44249-1 / US Core.',
    es:
      'Pfizer PHQ-9 "Spanish for USA" form: a transcription of the PDF carrying Pfizer\'s Spanish ' +
      'attribution, matched item by item by four independent copies. Re-check against ' +
      'phqscreeners.com before go-live.',
  },
  loinc: { panel: '44249-1', total: '44261-6' },
  source:
    'Pfizer Inc., PHQ-9 English form (Patient Health Questionnaire screeners, phqscreeners.com); ' +
    'Kroenke K, Spitzer RL, Williams JBW. The PHQ-9. J Gen Intern Med 2001;16:606-613.',
  terms: pfizerTerms,
};
