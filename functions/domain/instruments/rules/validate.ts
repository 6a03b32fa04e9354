import type { FieldIssue } from '../../../contracts/common';
import { DomainError } from '../../errors';
import type { AnswerValue, CatalogAnswers, CatalogDefinition } from '../catalog';
import { answerProblem } from './answer';
import { answerOf, itemStatuses } from './skip-logic';

const DEFAULT_PREFIX = 'answers';

/**
 * Every problem with one instrument's answers, each under `${fieldPrefix}.${itemId}`: an asked item
 * unanswered or out of range, an answer to a skipped item, an answer to no item of the instrument.
 * An item that depends on an invalid or missing answer is not reported (its controller is).
 */
export const catalogAnswerIssues = (
  definition: CatalogDefinition,
  answers: unknown,
  fieldPrefix: string = DEFAULT_PREFIX,
): FieldIssue[] => {
  if (typeof answers !== 'object' || answers === null || Array.isArray(answers)) {
    return [{ field: fieldPrefix, message: 'must be an object keyed by item id' }];
  }
  const record = answers as CatalogAnswers;
  const issues: FieldIssue[] = [];
  const known = new Set(definition.items.map((item) => item.id));
  for (const key of Object.keys(record)) {
    if (!known.has(key)) {
      issues.push({
        field: `${fieldPrefix}.${key}`,
        message: `is not an item of ${definition.name}`,
      });
    }
  }
  const statuses = itemStatuses(definition, record);
  for (const item of definition.items) {
    const field = `${fieldPrefix}.${item.id}`;
    const answer = answerOf(record, item.id);
    const status = statuses.get(item.id);
    if (status === 'asked') {
      if (answer === undefined || answer === null) {
        issues.push({ field, message: 'is required' });
      } else {
        const problem = answerProblem(item, answer);
        if (problem) issues.push({ field, message: problem });
      }
    } else if (status === 'skipped' && answer !== undefined) {
      const condition = item.askedWhen;
      issues.push({
        field,
        message: condition
          ? `must be absent: asked only when ${condition.item} is ${condition.equals}`
          : 'must be absent',
      });
    }
  }
  return issues;
};

/**
 * The asked items' answers (a fresh object), or a validation DomainError listing every problem:
 * a partial questionnaire is rejected, never scored.
 */
export const validAnswers = (
  definition: CatalogDefinition,
  answers: unknown,
  fieldPrefix: string = DEFAULT_PREFIX,
): Record<string, AnswerValue> => {
  const issues = catalogAnswerIssues(definition, answers, fieldPrefix);
  if (issues.length > 0) {
    throw DomainError.validation(
      `${definition.name} answers are incomplete or out of range`,
      issues,
    );
  }
  const record = answers as CatalogAnswers;
  const statuses = itemStatuses(definition, record);
  const copy: Record<string, AnswerValue> = {};
  for (const item of definition.items) {
    const answer = answerOf(record, item.id) as AnswerValue | undefined;
    if (statuses.get(item.id) === 'asked' && answer !== undefined) {
      copy[item.id] = typeof answer === 'number' ? answer : [...answer];
    }
  }
  return copy;
};

/** A single-select answer from validated answers (0 for an item that was not asked). */
export const numberAt = (answers: Readonly<Record<string, AnswerValue>>, id: string): number => {
  const answer = answers[id];
  return typeof answer === 'number' ? answer : 0;
};
