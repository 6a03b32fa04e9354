import type {
  CatalogAnswers,
  CatalogDefinition,
  CatalogItem,
  ScoreContextBase,
  SdohDomain,
} from './catalog';
import type { AnswerValue } from './catalog';
import { validAnswers } from './rules/validate';

const yesNo = [
  { value: 1, label: { en: 'Yes' }, positive: true },
  { value: 0, label: { en: 'No' } },
];

const oftenSometimesNever = [
  { value: 2, label: { en: 'Often true' }, positive: true },
  { value: 1, label: { en: 'Sometimes true' }, positive: true },
  { value: 0, label: { en: 'Never true' } },
];

/** Q7–10 frequency scale, scored 1–5 as published; the domain is positive when Q7–10 sum > 10. */
const frequency = [
  { value: 1, label: { en: 'Never' } },
  { value: 2, label: { en: 'Rarely' } },
  { value: 3, label: { en: 'Sometimes' } },
  { value: 4, label: { en: 'Fairly often' } },
  { value: 5, label: { en: 'Frequently' } },
];

const safetyStem = {
  en:
    'Because violence and abuse happens to a lot of people and affects their health we are ' +
    'asking the following questions.',
};

/** The form's lead-in to the two food items. */
const foodStem = {
  en:
    'Some people have made the following statements about their food situation. Please answer ' +
    'whether the statements were OFTEN, SOMETIMES, or NEVER true for you and your household in ' +
    'the last 12 months.',
};

const safety = (n: number, en: string): CatalogItem => ({
  id: `ahchrsn.${n}`,
  stem: safetyStem,
  text: { en },
  options: frequency,
});

/*
 * CMS Accountable Health Communities Health-Related Social Needs Screening Tool, the 10 core
 * questions in 5 domains. Positive ("underlined" on the form) answers are marked `positive`.
 * Only the panel and the living-situation item (with its answer codes) are LOINC-confirmed.
 */
export const ahcHrsn: CatalogDefinition = {
  id: 'AHCHRSN',
  name: 'AHC HRSN',
  items: [
    {
      id: 'ahchrsn.1',
      loinc: '71802-3',
      text: { en: 'What is your living situation today?' },
      options: [
        { value: 0, loinc: 'LA31993-1', label: { en: 'I have a steady place to live' } },
        {
          value: 1,
          loinc: 'LA31994-9',
          positive: true,
          label: {
            en: 'I have a place to live today, but I am worried about losing it in the future',
          },
        },
        {
          value: 2,
          loinc: 'LA31995-6',
          positive: true,
          label: {
            en:
              'I do not have a steady place to live (I am temporarily staying with others, in a ' +
              'hotel, in a shelter, living outside on the street, on a beach, in a car, ' +
              'abandoned building, bus or train station, or in a park)',
          },
        },
      ],
    },
    {
      id: 'ahchrsn.2',
      text: {
        en:
          'Think about the place you live. Do you have problems with any of the following? ' +
          'CHOOSE ALL THAT APPLY',
      },
      select: 'many',
      exclusiveValue: 0,
      options: [
        { value: 1, label: { en: 'Pests such as bugs, ants, or mice' }, positive: true },
        { value: 2, label: { en: 'Mold' }, positive: true },
        { value: 3, label: { en: 'Lead paint or pipes' }, positive: true },
        { value: 4, label: { en: 'Lack of heat' }, positive: true },
        { value: 5, label: { en: 'Oven or stove not working' }, positive: true },
        { value: 6, label: { en: 'Smoke detectors missing or not working' }, positive: true },
        { value: 7, label: { en: 'Water leaks' }, positive: true },
        { value: 0, label: { en: 'None of the above' } },
      ],
    },
    {
      id: 'ahchrsn.3',
      stem: foodStem,
      text: {
        en:
          'Within the past 12 months, you worried that your food would run out before you got ' +
          'money to buy more.',
      },
      options: oftenSometimesNever,
    },
    {
      id: 'ahchrsn.4',
      stem: foodStem,
      text: {
        en:
          'Within the past 12 months, the food you bought just didn’t last and you didn’t have ' +
          'money to get more.',
      },
      options: oftenSometimesNever,
    },
    {
      id: 'ahchrsn.5',
      text: {
        en:
          'In the past 12 months, has lack of reliable transportation kept you from medical ' +
          'appointments, meetings, work or from getting things needed for daily living?',
      },
      options: yesNo,
    },
    {
      id: 'ahchrsn.6',
      text: {
        en:
          'In the past 12 months has the electric, gas, oil, or water company threatened to shut ' +
          'off services in your home?',
      },
      options: [
        { value: 1, label: { en: 'Yes' }, positive: true },
        { value: 0, label: { en: 'No' } },
        { value: 2, label: { en: 'Already shut off' }, positive: true },
      ],
    },
    safety(7, 'How often does anyone, including family and friends, physically hurt you?'),
    safety(8, 'How often does anyone, including family and friends, insult or talk down to you?'),
    safety(9, 'How often does anyone, including family and friends, threaten you with harm?'),
    safety(10, 'How often does anyone, including family and friends, scream or curse at you?'),
  ],
  scoring: {
    kind: 'domains',
    domains: [
      {
        id: 'housing',
        label: 'Housing instability / living situation',
        items: ['ahchrsn.1', 'ahchrsn.2'],
        positiveWhen: 'positive-option',
      },
      {
        id: 'food',
        label: 'Food insecurity',
        items: ['ahchrsn.3', 'ahchrsn.4'],
        positiveWhen: 'positive-option',
      },
      {
        id: 'transportation',
        label: 'Transportation problems',
        items: ['ahchrsn.5'],
        positiveWhen: 'positive-option',
      },
      {
        id: 'utilities',
        label: 'Utility help needs',
        items: ['ahchrsn.6'],
        positiveWhen: 'positive-option',
      },
      {
        id: 'interpersonalSafety',
        label: 'Interpersonal safety',
        items: ['ahchrsn.7', 'ahchrsn.8', 'ahchrsn.9', 'ahchrsn.10'],
        positiveWhen: { sumAbove: 10 },
      },
    ],
  },
  languages: ['en'],
  wording: {
    en:
      'CMS AHC HRSN Screening Tool core questions (2018 update), as in the LHC-Forms ' +
      'Questionnaire and other copies of the CMS form; Billioux et al. 2017.',
  },
  loinc: { panel: '96777-8' },
  source:
    'Centers for Medicare & Medicaid Services, The Accountable Health Communities Health-Related ' +
    'Social Needs Screening Tool (core questions); Billioux A et al., NAM Perspectives, 2017.',
  terms: 'Public: developed by CMS; free to use.',
};

export interface AhcHrsnResult {
  instrument: 'AHCHRSN';
  answers: Record<string, AnswerValue>;
  /** Every core domain, positive or not. */
  domains: Record<SdohDomain, boolean>;
  /** The positive domains in the tool's order. */
  positiveDomains: SdohDomain[];
  /** Sum of Q7–10 (4–20); interpersonal safety is positive above 10. */
  interpersonalSafetyTotal: number;
}

export const scoreAhcHrsn = (
  answers: CatalogAnswers,
  context: ScoreContextBase = {},
): AhcHrsnResult => {
  const rule = ahcHrsn.scoring;
  if (rule.kind !== 'domains') throw new Error('AHC HRSN is scored by domain');
  const valid = validAnswers(ahcHrsn, answers, context.fieldPrefix);
  const itemsById = new Map(ahcHrsn.items.map((item) => [item.id, item]));
  const chosen = (id: string): number[] => {
    const answer = valid[id];
    return answer === undefined ? [] : typeof answer === 'number' ? [answer] : [...answer];
  };
  const anyPositive = (id: string): boolean => {
    const positives = new Set(
      (itemsById.get(id)?.options ?? [])
        .filter((option) => option.positive)
        .map((option) => option.value),
    );
    return chosen(id).some((value) => positives.has(value));
  };
  const sum = (ids: readonly string[]): number =>
    ids.flatMap(chosen).reduce((total, value) => total + value, 0);

  const domains = {} as Record<SdohDomain, boolean>;
  for (const domain of rule.domains) {
    domains[domain.id] =
      domain.positiveWhen === 'positive-option'
        ? domain.items.some(anyPositive)
        : sum(domain.items) > domain.positiveWhen.sumAbove;
  }
  const safetyDomain = rule.domains.find((domain) => domain.id === 'interpersonalSafety');
  return {
    instrument: 'AHCHRSN',
    answers: valid,
    domains,
    positiveDomains: rule.domains.filter((domain) => domains[domain.id]).map((d) => d.id),
    interpersonalSafetyTotal: sum(safetyDomain?.items ?? []),
  };
};
