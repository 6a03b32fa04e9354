import type { CatalogAnswers, CatalogDefinition, ScoreContextBase } from './catalog';
import { gad7 } from './gad7';
import { scoreSumScreener, screenerItem } from './rules/sum-screener';
import type { SumScreenerResult } from './rules/sum-screener';

/*
 * The GAD-2 is GAD-7 items 1–2 with the GAD-7 stem and scale, reusing the GAD-7 item definitions.
 * Only the item codes are confirmed in LOINC: no GAD-2 panel or total code (70273-8 is the PHQ-15
 * total, not GAD-2), so none is sent.
 */
export const gad2: CatalogDefinition = {
  id: 'GAD2',
  name: 'GAD-2',
  preamble: gad7.preamble,
  items: [screenerItem(gad7, 'gad7.1'), screenerItem(gad7, 'gad7.2')],
  scoring: {
    kind: 'sum',
    maxTotal: 6,
    positiveFrom: 3,
    bands: [
      { id: 'negative', label: 'Negative', min: 0, max: 2 },
      { id: 'positive', label: 'Positive: give the GAD-7', min: 3, max: 6 },
    ],
    continueWith: 'GAD7',
  },
  languages: ['en'],
  wording: gad7.wording,
  loinc: {},
  source:
    'Pfizer Inc., GAD-7 English form items 1–2 (phqscreeners.com); Kroenke K, Spitzer RL, ' +
    'Williams JBW, Monahan PO, Löwe B. Anxiety disorders in primary care. Ann Intern Med ' +
    '2007;146:317-325.',
  terms: gad7.terms,
};

export const scoreGad2 = (
  answers: CatalogAnswers,
  context: ScoreContextBase = {},
): SumScreenerResult => scoreSumScreener(gad2, answers, context);
