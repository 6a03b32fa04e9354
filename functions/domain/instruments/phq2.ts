import type { CatalogAnswers, CatalogDefinition, ScoreContextBase } from './catalog';
import { phq9 } from './phq9';
import { scoreSumScreener, screenerItem } from './rules/sum-screener';
import type { SumScreenerResult } from './rules/sum-screener';

/*
 * The PHQ-2 is PHQ-9 items 1–2 with the PHQ-9 stem and scale: the items are the PHQ-9 definitions
 * themselves (same ids, LOINC codes and Pfizer wording), so a positive screen carries both answers
 * into the PHQ-9 and they are not asked again.
 */
export const phq2: CatalogDefinition = {
  id: 'PHQ2',
  name: 'PHQ-2',
  preamble: phq9.preamble,
  items: [screenerItem(phq9, 'phq9.1'), screenerItem(phq9, 'phq9.2')],
  scoring: {
    kind: 'sum',
    maxTotal: 6,
    positiveFrom: 3,
    bands: [
      { id: 'negative', label: 'Negative', min: 0, max: 2 },
      { id: 'positive', label: 'Positive: give the PHQ-9', min: 3, max: 6 },
    ],
    continueWith: 'PHQ9',
  },
  languages: phq9.languages,
  wording: phq9.wording,
  loinc: { panel: '55757-9', total: '55758-7' },
  source:
    'Pfizer Inc., PHQ-9 English form items 1–2 (phqscreeners.com); Kroenke K, Spitzer RL, ' +
    'Williams JBW. The Patient Health Questionnaire-2. Med Care 2003;41:1284-1292.',
  terms: phq9.terms,
};

export const scorePhq2 = (
  answers: CatalogAnswers,
  context: ScoreContextBase = {},
): SumScreenerResult => scoreSumScreener(phq2, answers, context);
