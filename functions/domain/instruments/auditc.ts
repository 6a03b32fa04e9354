import type { AuditCSex, CatalogAnswers, CatalogDefinition, ScoreContextBase } from './catalog';
import { numberAt, validAnswers } from './rules/validate';

/*
 * Wording: the first three questions of the WHO AUDIT (Babor et al. 2001), which the AUDIT-C is.
 * The VA's AUDIT-C form words item 2 and some options slightly differently; see the report notes.
 * Item LOINC codes are not confirmed in CLINICAL.md §2.1, so only the panel and total are sent.
 */
export const auditC: CatalogDefinition = {
  id: 'AUDITC',
  name: 'AUDIT-C',
  items: [
    {
      id: 'auditc.1',
      text: { en: 'How often do you have a drink containing alcohol?' },
      options: [
        { value: 0, label: { en: 'Never' } },
        { value: 1, label: { en: 'Monthly or less' } },
        { value: 2, label: { en: '2 to 4 times a month' } },
        { value: 3, label: { en: '2 to 3 times a week' } },
        { value: 4, label: { en: '4 or more times a week' } },
      ],
    },
    {
      id: 'auditc.2',
      text: {
        en: 'How many drinks containing alcohol do you have on a typical day when you are drinking?',
      },
      options: [
        { value: 0, label: { en: '1 or 2' } },
        { value: 1, label: { en: '3 or 4' } },
        { value: 2, label: { en: '5 or 6' } },
        { value: 3, label: { en: '7, 8, or 9' } },
        { value: 4, label: { en: '10 or more' } },
      ],
    },
    {
      id: 'auditc.3',
      text: { en: 'How often do you have six or more drinks on one occasion?' },
      options: [
        { value: 0, label: { en: 'Never' } },
        { value: 1, label: { en: 'Less than monthly' } },
        { value: 2, label: { en: 'Monthly' } },
        { value: 3, label: { en: 'Weekly' } },
        { value: 4, label: { en: 'Daily or almost daily' } },
      ],
    },
  ],
  scoring: {
    kind: 'sum-by-sex',
    maxTotal: 12,
    // Unknown sex takes the stricter (lower) cut-point, so no woman is missed.
    positiveFrom: { male: 4, female: 3, unknown: 3 },
  },
  languages: ['en'],
  wording: {
    en:
      'WHO AUDIT questions 1–3 and answer options (Babor et al. 2001), matched by several ' +
      "independent reproductions; the WHO manual's own page was not retrieved.",
  },
  loinc: { panel: '72109-2', total: '75626-2' },
  source:
    'AUDIT-C: questions 1–3 of the WHO Alcohol Use Disorders Identification Test (Babor TF et al., ' +
    'AUDIT, 2nd ed., WHO 2001); Bush K et al., Arch Intern Med 1998;158:1789-1795; Bradley KA et ' +
    'al., Arch Intern Med 2003;163:821-829 (cut-points by sex); VA Office of Mental Health.',
  terms: 'Public domain (WHO AUDIT; VA AUDIT-C). Free to reproduce without permission.',
};

export interface AuditCContext extends ScoreContextBase {
  /** Sex for the cut-point; absent or 'unknown' takes the stricter cut. */
  sex?: AuditCSex;
}

export interface AuditCResult {
  instrument: 'AUDITC';
  answers: Record<string, number>;
  total: number;
  maxTotal: number;
  sex: AuditCSex;
  cutPoint: number;
  positive: boolean;
  band: 'positive' | 'negative';
  /** Points only from Q1 (Q2 = Q3 = 0): drinking is probably below recommended limits. */
  allPointsFromQ1: boolean;
  /** Staff-facing notes, e.g. the all-points-from-Q1 review on a positive screen. */
  notes: string[];
}

export const ALL_POINTS_FROM_Q1_NOTE =
  'All points are from question 1 (questions 2 and 3 score 0): drinking is probably below ' +
  'recommended limits. Review the patient’s alcohol intake over the past few months.';

export const scoreAuditC = (answers: CatalogAnswers, context: AuditCContext = {}): AuditCResult => {
  const rule = auditC.scoring;
  if (rule.kind !== 'sum-by-sex') throw new Error('AUDIT-C is scored by sex');
  const valid = validAnswers(auditC, answers, context.fieldPrefix);
  const values: Record<string, number> = {};
  for (const item of auditC.items) values[item.id] = numberAt(valid, item.id);
  const q1 = values['auditc.1'] ?? 0;
  const total = Object.values(values).reduce((sum, value) => sum + value, 0);
  const sex: AuditCSex = context.sex ?? 'unknown';
  const cutPoint = rule.positiveFrom[sex];
  const positive = total >= cutPoint;
  const allPointsFromQ1 = q1 > 0 && total === q1;
  return {
    instrument: 'AUDITC',
    answers: values,
    total,
    maxTotal: rule.maxTotal,
    sex,
    cutPoint,
    positive,
    band: positive ? 'positive' : 'negative',
    allPointsFromQ1,
    notes: positive && allPointsFromQ1 ? [ALL_POINTS_FROM_Q1_NOTE] : [],
  };
};
