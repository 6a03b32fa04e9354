import type { CatalogAnswers, CatalogDefinition, CatalogItem, ScoreContextBase } from './catalog';
import { numberAt, validAnswers } from './rules/validate';

const yesNo = [
  { value: 1, label: { en: 'Yes' } },
  { value: 0, label: { en: 'No' } },
] as const;

export const PCPTSD5_GATE = 'pcptsd5.gate';

const symptomStem = { en: 'In the past month, have you...' };

const symptom = (n: number, en: string): CatalogItem => ({
  id: `pcptsd5.${n}`,
  text: { en },
  options: yesNo,
  stem: symptomStem,
  askedWhen: { item: PCPTSD5_GATE, equals: 1 },
});

/*
 * Wording: VA National Center for PTSD, PC-PTSD-5 (2016 form). The symptom items complete the
 * stem "In the past month, have you..." (hence the lower-case first letter, as on the form) and
 * are asked only after a "Yes" at the trauma gate; the gate's examples are the form's bullets.
 * No LOINC code is confirmed for the panel, the items or the total, so none is sent.
 */
export const pcPtsd5: CatalogDefinition = {
  id: 'PCPTSD5',
  name: 'PC-PTSD-5',
  items: [
    {
      id: PCPTSD5_GATE,
      text: {
        en: [
          'Sometimes things happen to people that are unusually or especially frightening, ' +
            'horrible, or traumatic. For example:',
          '• a serious accident or fire',
          '• a physical or sexual assault or abuse',
          '• an earthquake or flood',
          '• a war',
          '• seeing someone be killed or seriously injured',
          '• having a loved one die through homicide or suicide.',
          'Have you ever experienced this kind of event?',
        ].join('\n'),
      },
      options: yesNo,
    },
    symptom(
      1,
      'had nightmares about the event(s) or thought about the event(s) when you did not want to?',
    ),
    symptom(
      2,
      'tried hard not to think about the event(s) or went out of your way to avoid situations ' +
        'that reminded you of the event(s)?',
    ),
    symptom(3, 'been constantly on guard, watchful, or easily startled?'),
    symptom(4, 'felt numb or detached from people, activities, or your surroundings?'),
    symptom(
      5,
      'felt guilty or unable to stop blaming yourself or others for the event(s) or any ' +
        'problems the event(s) may have caused?',
    ),
  ],
  scoring: { kind: 'count-yes', gate: PCPTSD5_GATE, maxTotal: 5, defaultPositiveFrom: 3 },
  languages: ['en'],
  wording: {
    en:
      'Prins et al. 2016 form as reproduced by the Comorbidity Guidelines (appendix R) and VA ' +
      'partner copies: same words; those copies capitalise each item, the VA form continues the ' +
      'stem in lower case as here.',
  },
  loinc: {},
  source:
    'VA National Center for PTSD, Primary Care PTSD Screen for DSM-5 (PC-PTSD-5); Prins A et al., ' +
    'J Gen Intern Med 2016;31(10):1206-1211.',
  terms: 'Public domain (U.S. Department of Veterans Affairs). Free to use without permission.',
};

export interface PcPtsd5Context extends ScoreContextBase {
  /** Clinic setting: 3 (default) is optimally sensitive, 4 optimally efficient. 1–5. */
  cutPoint?: number;
}

export interface PcPtsd5Result {
  instrument: 'PCPTSD5';
  /** The gate answer, kept apart: 0 after "No" is not the same as 0 after "Yes". */
  traumaExposure: boolean;
  /** The five symptom answers (1 yes / 0 no); empty when the gate was "No". */
  answers: Record<string, number>;
  total: number;
  maxTotal: number;
  cutPoint: number;
  positive: boolean;
  band: 'no-trauma-exposure' | 'negative' | 'positive';
}

export const scorePcPtsd5 = (
  answers: CatalogAnswers,
  context: PcPtsd5Context = {},
): PcPtsd5Result => {
  const rule = pcPtsd5.scoring;
  if (rule.kind !== 'count-yes') throw new Error('PC-PTSD-5 counts yes answers');
  const cutPoint = context.cutPoint ?? rule.defaultPositiveFrom;
  if (!Number.isInteger(cutPoint) || cutPoint < 1 || cutPoint > rule.maxTotal) {
    // A clinic setting, validated when saved: reaching here is a server bug, not a client error.
    throw new RangeError(`PC-PTSD-5 cut-point must be an integer 1–${rule.maxTotal}`);
  }
  const valid = validAnswers(pcPtsd5, answers, context.fieldPrefix);
  const traumaExposure = numberAt(valid, rule.gate) === 1;
  const symptoms: Record<string, number> = {};
  for (const item of pcPtsd5.items) {
    if (item.id !== rule.gate && valid[item.id] !== undefined) {
      symptoms[item.id] = numberAt(valid, item.id);
    }
  }
  const total = Object.values(symptoms).reduce((sum, value) => sum + value, 0);
  const positive = traumaExposure && total >= cutPoint;
  return {
    instrument: 'PCPTSD5',
    traumaExposure,
    answers: symptoms,
    total,
    maxTotal: rule.maxTotal,
    cutPoint,
    positive,
    band: !traumaExposure ? 'no-trauma-exposure' : positive ? 'positive' : 'negative',
  };
};
