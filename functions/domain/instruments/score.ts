import type { FieldIssue } from '../../contracts/common';
import type { InstrumentScore, ScaleResponse } from '../../contracts/screenings';
import { DomainError } from '../errors';
import { getInstrument } from './index';
import type { InstrumentDefinition, ScoreBand } from './types';

/** "must be 0–3" for a contiguous scale, otherwise the allowed values listed. */
const rangeMessage = (definition: InstrumentDefinition): string => {
  const values = definition.answerOptions.map((option) => option.value).sort((a, b) => a - b);
  const min = values[0] ?? 0;
  const max = values[values.length - 1] ?? 0;
  const contiguous = values.every((value, index) => value === min + index);
  return contiguous ? `must be ${min}–${max}` : `must be one of ${values.join(', ')}`;
};

/**
 * Every problem with one instrument's answers, as field issues under `${fieldPrefix}.answers`.
 * Exported so a whole screening can report all of its problems in one error.
 */
export const answerIssues = (response: ScaleResponse, fieldPrefix: string): FieldIssue[] => {
  const definition = getInstrument(response.instrument);
  const field = `${fieldPrefix}.answers`;
  const expected = definition.items.length;
  const allowed = new Set(definition.answerOptions.map((option) => option.value));
  const outOfRange = rangeMessage(definition);
  const issues: FieldIssue[] = [];

  if (response.answers.length !== expected) {
    issues.push({
      field,
      message: `must have exactly ${expected} answers, one per item (got ${response.answers.length})`,
    });
  }
  for (let index = 0; index < expected; index += 1) {
    // Index access rather than iteration: a sparse array from a non-zod caller has holes that
    // forEach/map would skip, and a hole is a missing answer.
    const answer: number | undefined = response.answers[index];
    if (answer === undefined || answer === null) {
      issues.push({ field: `${field}.${index}`, message: 'is required' });
    } else if (!allowed.has(answer)) {
      issues.push({ field: `${field}.${index}`, message: outOfRange });
    }
  }
  return issues;
};

const bandFor = (definition: InstrumentDefinition, total: number): ScoreBand => {
  const band = definition.bands.find(
    (candidate) => candidate.min <= total && total <= candidate.max,
  );
  // Unreachable while the bands partition [0, maxTotal] (a unit test guards that): a server bug.
  if (!band) throw new Error(`${definition.name}: no band holds total ${total}`);
  return band;
};

/** Scores answers already checked by answerIssues. */
export const scoreValidAnswers = (response: ScaleResponse): InstrumentScore => {
  const definition = getInstrument(response.instrument);
  const answers = [...response.answers];
  const total = answers.reduce((sum, answer) => sum + answer, 0);
  const band = bandFor(definition, total);
  return {
    instrument: definition.id,
    answers,
    total,
    maxTotal: definition.maxTotal,
    band: band.id,
    bandLabel: band.label,
  };
};

/**
 * The authoritative score of one instrument. Answers must be complete and in range: a partial
 * questionnaire is rejected, never scored, because a low partial total would look like a
 * reassuring result.
 */
export const scoreInstrument = (response: ScaleResponse, fieldPrefix: string): InstrumentScore => {
  const issues = answerIssues(response, fieldPrefix);
  if (issues.length > 0) {
    const name = getInstrument(response.instrument).name;
    throw DomainError.validation(`${name} answers are incomplete or out of range`, issues);
  }
  return scoreValidAnswers(response);
};
