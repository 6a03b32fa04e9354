import type { FieldIssue } from '../contracts/common';
import type { CatalogResponse, CatalogScore, InstrumentScore } from '../contracts/screenings';
import { getInstrument } from './instruments';
import { scoreAhcHrsn } from './instruments/ahc-hrsn';
import { scoreAuditC } from './instruments/auditc';
import {
  catalog,
  catalogAnswerIssues,
  type AuditCSex,
  type CatalogAnswers,
} from './instruments/catalog';
import { scoreCssrs } from './instruments/cssrs';
import { scorePcPtsd5 } from './instruments/pcptsd5';
import { scoreSumScreener, withCarriedAnswers } from './instruments/rules/sum-screener';
import { scoreValidAnswers } from './instruments/score';

export interface CatalogContext {
  sex?: AuditCSex;
  pcptsd5CutPoint?: number;
}

/** Null means "skipped": the same as absent, so the skip logic sees one shape. */
const withoutNulls = (answers: CatalogResponse['answers']): CatalogAnswers =>
  Object.fromEntries(
    Object.entries(answers).filter(([, value]) => value !== null),
  ) as CatalogAnswers;

const isScreener = (id: CatalogResponse['instrument']): id is 'PHQ2' | 'GAD2' =>
  id === 'PHQ2' || id === 'GAD2';

/** The continuation a screener needs, given its (valid) answers: how many items, or none. */
const continuationIssues = (response: CatalogResponse, prefix: string): FieldIssue[] => {
  const field = `${prefix}.continuation`;
  if (!isScreener(response.instrument)) {
    return response.continuation === undefined
      ? []
      : [
          {
            field,
            message: 'must be absent: only a PHQ-2 or GAD-2 continues into another instrument',
          },
        ];
  }
  const definition = catalog[response.instrument];
  const rule = definition.scoring;
  if (rule.kind !== 'sum') return [];
  const result = scoreSumScreener(definition, withoutNulls(response.answers));
  const full = getInstrument(rule.continueWith);
  const first = definition.items.length + 1;
  const items = `${full.name} items ${first}–${full.items.length}`;
  if (!result.positive) {
    return response.continuation === undefined
      ? []
      : [
          {
            field,
            message: `must be absent: ${items} are asked only when the ${definition.name} total is ${rule.positiveFrom} or more (it is ${result.total})`,
          },
        ];
  }
  const expected = full.items.length - definition.items.length;
  if (response.continuation === undefined) {
    return [
      {
        field,
        message: `is required: the ${definition.name} total is ${result.total} (${rule.positiveFrom} or more), so ${items} follow`,
      },
    ];
  }
  const issues: FieldIssue[] = [];
  if (response.continuation.length !== expected) {
    issues.push({
      field,
      message: `must have exactly ${expected} answers, ${items} (got ${response.continuation.length})`,
    });
  }
  const allowed = new Set(full.answerOptions.map((option) => option.value));
  response.continuation.forEach((value, index) => {
    if (!allowed.has(value)) issues.push({ field: `${field}.${index}`, message: 'must be 0–3' });
  });
  return issues;
};

/** Every problem with one catalog response, under `${prefix}.answers.<item id>` / `.continuation`. */
export const catalogIssues = (response: CatalogResponse, prefix: string): FieldIssue[] => {
  const definition = catalog[response.instrument];
  const answerProblems = catalogAnswerIssues(
    definition,
    withoutNulls(response.answers),
    `${prefix}.answers`,
  );
  // The continuation depends on the screener's total: judged only once its answers are valid.
  return answerProblems.length > 0 ? answerProblems : continuationIssues(response, prefix);
};

export interface ScoredCatalogResponse {
  screen: CatalogScore;
  /** The full instrument a positive PHQ-2 / GAD-2 continued into. */
  continued?: InstrumentScore;
}

const PCPTSD5_LABELS = {
  'no-trauma-exposure': 'No trauma exposure reported (score 0)',
  negative: 'Negative',
  positive: 'Positive: further assessment for PTSD',
} as const;

/** Scores a response already checked by catalogIssues. */
export const scoreCatalogResponse = (
  response: CatalogResponse,
  context: CatalogContext,
): ScoredCatalogResponse => {
  const scored = scoreByInstrument(response, context);
  const administration = {
    ...(response.administeredBy ? { administeredBy: response.administeredBy } : {}),
    ...(response.language ? { language: response.language } : {}),
  };
  return { ...scored, screen: { ...scored.screen, ...administration } };
};

const scoreByInstrument = (
  response: CatalogResponse,
  context: CatalogContext,
): ScoredCatalogResponse => {
  const answers = withoutNulls(response.answers);
  switch (response.instrument) {
    case 'PHQ2':
    case 'GAD2': {
      const definition = catalog[response.instrument];
      const result = scoreSumScreener(definition, answers);
      const cutPoint = definition.scoring.kind === 'sum' ? definition.scoring.positiveFrom : 3;
      const screen: CatalogScore = {
        instrument: response.instrument,
        answers: result.answers,
        band: result.band,
        bandLabel: result.bandLabel,
        positive: result.positive,
        total: result.total,
        maxTotal: result.maxTotal,
        cutPoint,
      };
      if (!result.continueWith) return { screen };
      const full = scoreValidAnswers({
        instrument: result.continueWith,
        answers: withCarriedAnswers(result.carryForward, response.continuation ?? []),
      });
      return {
        screen: { ...screen, continuedInto: result.continueWith },
        continued: { ...full, continuedFrom: response.instrument },
      };
    }
    case 'AUDITC': {
      const result = scoreAuditC(answers, context.sex ? { sex: context.sex } : {});
      return {
        screen: {
          instrument: 'AUDITC',
          answers: result.answers,
          band: result.band,
          bandLabel: result.positive ? 'Positive' : 'Negative',
          positive: result.positive,
          total: result.total,
          maxTotal: result.maxTotal,
          cutPoint: result.cutPoint,
          sex: result.sex,
          notes: result.notes,
        },
      };
    }
    case 'PCPTSD5': {
      const result = scorePcPtsd5(
        answers,
        context.pcptsd5CutPoint === undefined ? {} : { cutPoint: context.pcptsd5CutPoint },
      );
      return {
        screen: {
          instrument: 'PCPTSD5',
          answers: result.answers,
          band: result.band,
          bandLabel: PCPTSD5_LABELS[result.band],
          positive: result.positive,
          total: result.total,
          maxTotal: result.maxTotal,
          cutPoint: result.cutPoint,
          traumaExposure: result.traumaExposure,
        },
      };
    }
    case 'CSSRS': {
      const result = scoreCssrs(answers);
      return {
        screen: {
          instrument: 'CSSRS',
          answers: result.answers,
          band: result.risk,
          bandLabel: result.riskLabel,
          positive: result.risk !== 'none',
          risk: result.risk,
          reasons: result.reasons,
        },
      };
    }
    case 'AHCHRSN': {
      const result = scoreAhcHrsn(answers);
      const positive = result.positiveDomains.length > 0;
      const labels = new Map(
        (catalog.AHCHRSN.scoring.kind === 'domains' ? catalog.AHCHRSN.scoring.domains : []).map(
          (domain) => [domain.id, domain.label],
        ),
      );
      return {
        screen: {
          instrument: 'AHCHRSN',
          answers: { ...result.answers } as CatalogScore['answers'],
          band: positive ? 'positive' : 'negative',
          bandLabel: positive
            ? `Needs: ${result.positiveDomains.map((d) => labels.get(d) ?? d).join('; ')}`
            : 'No health-related social needs identified',
          positive,
          positiveDomains: result.positiveDomains,
          notes: [
            `Interpersonal safety total ${result.interpersonalSafetyTotal} (positive above 10)`,
          ],
        },
      };
    }
  }
};
