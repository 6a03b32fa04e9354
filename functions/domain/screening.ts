import type { FieldIssue } from '../contracts/common';
import type {
  CatalogScore,
  InstrumentResponse,
  InstrumentScore,
  ScaleResponse,
  ScreeningSubmit,
} from '../contracts/screenings';
import { DomainError } from './errors';
import { getInstrument } from './instruments';
import { catalog, type AuditCSex } from './instruments/catalog';
import { answerIssues, scoreValidAnswers } from './instruments/score';
import { catalogIssues, scoreCatalogResponse } from './screening-catalog';

/** What scoring needs besides the answers: the patient's sex (AUDIT-C) and clinic settings. */
export interface ScreeningContext {
  sex?: AuditCSex;
  /** The clinic's PC-PTSD-5 cut-point (default 3). */
  pcptsd5CutPoint?: number;
}

export interface ScoredScreening {
  /** PHQ-9 / GAD-7 (including one a positive PHQ-2 / GAD-2 continued into). */
  scores: InstrumentScore[];
  /** The catalog instruments' results. */
  screens: CatalogScore[];
}

const isScale = (response: InstrumentResponse): response is ScaleResponse =>
  response.instrument === 'PHQ9' || response.instrument === 'GAD7';

const nameOf = (response: InstrumentResponse): string =>
  isScale(response) ? getInstrument(response.instrument).name : catalog[response.instrument].name;

/** The language the instrument's wording was shown or read in. */
const languageOf = (response: InstrumentResponse, screening: string): string =>
  isScale(response) ? screening : (response.language ?? screening);

const languagesOf = (response: InstrumentResponse): readonly string[] =>
  isScale(response)
    ? getInstrument(response.instrument).languages
    : catalog[response.instrument].languages;

/** A screener that continues into its full instrument cannot be given beside it. */
const pairs = [
  ['PHQ2', 'PHQ9'],
  ['GAD2', 'GAD7'],
] as const;

/**
 * Every problem with a submission, each naming the field: incomplete, out-of-range or
 * asked-when-skipped answers, a language an instrument is not published in, a screener given
 * together with the instrument it continues into.
 */
export const screeningIssues = (submit: ScreeningSubmit): FieldIssue[] => {
  const issues = submit.responses.flatMap((response, index) => {
    const prefix = `body.responses.${index}`;
    return isScale(response) ? answerIssues(response, prefix) : catalogIssues(response, prefix);
  });
  const given = new Set(submit.responses.map((r) => r.instrument));
  for (const [screener, full] of pairs) {
    if (given.has(screener) && given.has(full)) {
      issues.push({
        field: 'body.responses',
        message: `cannot hold both ${screener} and ${full}: a positive ${screener} continues into the ${full}`,
      });
    }
  }
  // A result must say which wording the patient read: only languages every instrument publishes.
  submit.responses.forEach((response, index) => {
    if (!isScale(response) && response.language !== undefined) {
      if (response.administeredBy !== 'staff') {
        issues.push({
          field: `body.responses.${index}.language`,
          message: 'may differ from the screening language only when staff administered it',
        });
      }
    }
  });
  const unsupported = submit.responses.filter(
    (r) => !languagesOf(r).includes(languageOf(r, submit.language)),
  );
  if (unsupported.length > 0) {
    issues.push({
      field: 'body.language',
      message: `is not available for ${unsupported.map(nameOf).join(', ')}`,
    });
  }
  return issues;
};

/** Throws one validation error listing every problem, before anything is read or written. */
export const validateScreening = (submit: ScreeningSubmit): void => {
  const issues = screeningIssues(submit);
  if (issues.length > 0) {
    throw DomainError.validation('Screening answers are incomplete or out of range', issues);
  }
};

/**
 * Scores every instrument of a submitted screening (the server's score is the one that counts).
 * All problems across all instruments come back in one error, so the tablet can mark every
 * unanswered item at once instead of one per round trip.
 */
export const scoreFullScreening = (
  submit: ScreeningSubmit,
  context: ScreeningContext = {},
): ScoredScreening => {
  validateScreening(submit);
  const scores: InstrumentScore[] = [];
  const screens: CatalogScore[] = [];
  for (const response of submit.responses) {
    if (isScale(response)) {
      scores.push(scoreValidAnswers(response));
    } else {
      const scored = scoreCatalogResponse(response, context);
      screens.push(scored.screen);
      if (scored.continued) scores.push(scored.continued);
    }
  }
  return { scores, screens };
};

/** PHQ-9 / GAD-7 scores only (the demo seed and older callers). */
export const scoreScreening = (submit: ScreeningSubmit): InstrumentScore[] =>
  scoreFullScreening(submit).scores;
