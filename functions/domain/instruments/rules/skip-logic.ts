import type { CatalogAnswers, CatalogDefinition, CatalogItem } from '../catalog';
import { isValidAnswer } from './answer';

/**
 * asked: the item is to be asked (or was). skipped: the skip logic leaves it out, so it must have
 * no answer. pending: it depends on an item not yet answered (or answered with an invalid value).
 */
export type ItemStatus = 'asked' | 'skipped' | 'pending';

/** The status of every item, in definition order. Conditions refer only to earlier items. */
export const itemStatuses = (
  definition: CatalogDefinition,
  answers: CatalogAnswers,
): Map<string, ItemStatus> => {
  const statuses = new Map<string, ItemStatus>();
  const byId = new Map(definition.items.map((item) => [item.id, item]));
  for (const item of definition.items) {
    const condition = item.askedWhen;
    if (!condition) {
      statuses.set(item.id, 'asked');
      continue;
    }
    const controller = byId.get(condition.item);
    const controllerStatus = statuses.get(condition.item);
    // A condition on a later or unknown item is a definition bug (a unit test guards against it).
    if (!controller || !controllerStatus) {
      throw new Error(`${definition.name}: ${item.id} depends on ${condition.item}, not before it`);
    }
    if (controllerStatus !== 'asked') {
      statuses.set(item.id, controllerStatus);
      continue;
    }
    const answer = answerOf(answers, controller.id);
    if (answer === undefined || !isValidAnswer(controller, answer)) {
      statuses.set(item.id, 'pending');
    } else {
      statuses.set(item.id, answer === condition.equals ? 'asked' : 'skipped');
    }
  }
  return statuses;
};

/**
 * The items to ask given the answers so far, in order: items whose condition is not met yet (its
 * controlling item unanswered) are not included until it is answered. With a complete answer set
 * this is exactly the set of items that must be answered.
 */
export const applicableItems = (
  definition: CatalogDefinition,
  answersSoFar: CatalogAnswers,
): CatalogItem[] => {
  const statuses = itemStatuses(definition, answersSoFar);
  return definition.items.filter((item) => statuses.get(item.id) === 'asked');
};

/** Own properties only: an answers object can never reach Object.prototype. */
export const answerOf = (answers: CatalogAnswers, id: string): unknown =>
  Object.hasOwn(answers, id) ? answers[id] : undefined;
