import type { CatalogAnswers, CatalogDefinition, ScoreContextBase } from './catalog';
import { numberAt, validAnswers } from './rules/validate';

const yesNo = [
  { value: 1, label: { en: 'Yes' } },
  { value: 0, label: { en: 'No' } },
] as const;

const whenQ2Yes = { item: 'cssrs.2', equals: 1 };
/** The form's column heading for Q1–Q5. */
const pastMonth = { en: 'Past month' };

/*
 * Columbia Suicide Severity Rating Scale, Screen version, the questions as coded in LOINC and the
 * HL7 US Behavioral Health Profiles example (CLINICAL.md Part 2 §1.7). The form's clinician prompts
 * (Q3/Q4 explanations, the Q6 examples) are left out of the patient text. Skip logic: Q1 and Q2
 * always; Q3–Q5 only if Q2 = Yes (otherwise straight to Q6); Q6b only if Q6 = Yes.
 */
export const cssrs: CatalogDefinition = {
  id: 'CSSRS',
  name: 'C-SSRS Screener',
  items: [
    {
      id: 'cssrs.1',
      loinc: '93246-7',
      stem: pastMonth,
      text: {
        en: 'Have you wished you were dead or wished you could go to sleep and not wake up?',
      },
      options: yesNo,
    },
    {
      id: 'cssrs.2',
      loinc: '93247-5',
      stem: pastMonth,
      text: { en: 'Have you actually had any thoughts of killing yourself?' },
      options: yesNo,
    },
    {
      id: 'cssrs.3',
      loinc: '93248-3',
      stem: pastMonth,
      text: { en: 'Have you been thinking about how you might do this?' },
      options: yesNo,
      askedWhen: whenQ2Yes,
    },
    {
      id: 'cssrs.4',
      loinc: '93249-1',
      stem: pastMonth,
      text: { en: 'Have you had these thoughts and had some intention of acting on them?' },
      options: yesNo,
      askedWhen: whenQ2Yes,
    },
    {
      id: 'cssrs.5',
      loinc: '93250-9',
      stem: pastMonth,
      text: {
        en:
          'Have you started to work out or worked out the details of how to kill yourself? ' +
          'Do you intend to carry out this plan?',
      },
      options: yesNo,
      askedWhen: whenQ2Yes,
    },
    {
      id: 'cssrs.6',
      loinc: '93267-3',
      text: {
        en:
          'Have you ever done anything, started to do anything, or prepared to do anything to ' +
          'end your life?',
      },
      options: yesNo,
    },
    {
      id: 'cssrs.6b',
      loinc: '93269-9',
      text: { en: 'Was this within the past 3 months?' },
      options: yesNo,
      askedWhen: { item: 'cssrs.6', equals: 1 },
    },
  ],
  scoring: { kind: 'risk-level' },
  languages: ['en'],
  // No verified official Spanish screener text was found: in Spanish, staff ask it (see the docs).
  wording: {
    en:
      'Columbia C-SSRS Screen version (recent), as in the HL7 US Behavioral Health Profiles ' +
      'example (CMS-hosted form) and matching Columbia screener copies.',
  },
  // The screener panel code (possibly 93373-9) is unconfirmed: left out.
  loinc: { riskLevel: '93374-7' },
  source:
    'Columbia Suicide Severity Rating Scale (C-SSRS) Screen version, The Columbia Lighthouse ' +
    'Project (cssrs.columbia.edu); Posner K et al., Am J Psychiatry 2011;168:1266-1277; risk ' +
    'levels from the Columbia primary-care screener triage colours.',
  terms:
    'The Columbia Lighthouse Project: free to use for clinical care, including in electronic ' +
    'health records, without a licence fee.',
};

export type CssrsRisk = 'none' | 'low' | 'moderate' | 'high';

export const CSSRS_RISK_LABELS: Readonly<Record<CssrsRisk, string>> = {
  none: 'No risk identified',
  low: 'Low risk',
  moderate: 'Moderate risk',
  high: 'High risk',
};

export interface CssrsResult {
  instrument: 'CSSRS';
  /** Answers to the items asked (1 yes / 0 no); skipped items are absent. */
  answers: Record<string, number>;
  risk: CssrsRisk;
  riskLabel: string;
  /** One reason per answer that set the level, e.g. "Q4 yes: intent". Empty for 'none'. */
  reasons: string[];
}

/**
 * High: Q4 or Q5 yes, or behaviour within the past 3 months (Q6 and Q6b yes). Moderate: Q3 yes,
 * or behaviour more than 3 months ago (Q6 yes, Q6b no). Low: Q1 and/or Q2 yes only. Else none.
 */
export const scoreCssrs = (
  answers: CatalogAnswers,
  context: ScoreContextBase = {},
): CssrsResult => {
  const valid = validAnswers(cssrs, answers, context.fieldPrefix);
  const values: Record<string, number> = {};
  for (const id of Object.keys(valid)) values[id] = numberAt(valid, id);
  const yes = (id: string): boolean => values[id] === 1;

  const high: string[] = [];
  if (yes('cssrs.4')) high.push('Q4 yes: suicidal thoughts with some intention of acting');
  if (yes('cssrs.5')) high.push('Q5 yes: worked out the details of a plan / intends to act');
  if (yes('cssrs.6') && yes('cssrs.6b')) high.push('Q6 yes, Q6b yes: behaviour within 3 months');
  const moderate: string[] = [];
  if (yes('cssrs.3')) moderate.push('Q3 yes: thinking about how (method)');
  if (yes('cssrs.6') && !yes('cssrs.6b')) {
    moderate.push('Q6 yes, Q6b no: behaviour more than 3 months ago');
  }
  const low: string[] = [];
  if (yes('cssrs.1')) low.push('Q1 yes: wish to be dead');
  if (yes('cssrs.2')) low.push('Q2 yes: thoughts of killing oneself');

  const [risk, reasons]: [CssrsRisk, string[]] =
    high.length > 0
      ? ['high', high]
      : moderate.length > 0
        ? ['moderate', moderate]
        : low.length > 0
          ? ['low', low]
          : ['none', []];
  return {
    instrument: 'CSSRS',
    answers: values,
    risk,
    riskLabel: CSSRS_RISK_LABELS[risk],
    reasons,
  };
};
