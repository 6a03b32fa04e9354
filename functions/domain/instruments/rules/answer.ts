import type { CatalogItem } from '../catalog';

const allowedValues = (item: CatalogItem): Set<number> =>
  new Set(item.options.map((option) => option.value));

/** True when `answer` is one allowed option (or, for 'many', a valid non-empty selection). */
export const isValidAnswer = (item: CatalogItem, answer: unknown): boolean =>
  answerProblem(item, answer) === undefined;

/** Why an answer is not acceptable for the item, or undefined when it is. */
export const answerProblem = (item: CatalogItem, answer: unknown): string | undefined => {
  const allowed = allowedValues(item);
  if (item.select === 'many') {
    if (!Array.isArray(answer) || answer.length === 0) {
      return `must be a non-empty list of ${valuesText(item)}`;
    }
    if (!answer.every((value) => typeof value === 'number' && allowed.has(value))) {
      return `must list only ${valuesText(item)}`;
    }
    if (new Set(answer).size !== answer.length) return 'must not list a value twice';
    if (
      item.exclusiveValue !== undefined &&
      answer.length > 1 &&
      answer.includes(item.exclusiveValue)
    ) {
      return `must not combine ${item.exclusiveValue} with other values`;
    }
    return undefined;
  }
  if (typeof answer !== 'number' || !allowed.has(answer)) return `must be ${valuesText(item)}`;
  return undefined;
};

/** "0–3" for a contiguous scale, otherwise the values with their labels. */
const valuesText = (item: CatalogItem): string => {
  const values = item.options.map((option) => option.value).sort((a, b) => a - b);
  const min = values[0] ?? 0;
  const max = values[values.length - 1] ?? 0;
  const contiguous = values.length > 2 && values.every((value, index) => value === min + index);
  if (contiguous) return `${min}–${max}`;
  return `one of ${item.options.map((option) => `${option.value} (${option.label.en})`).join(', ')}`;
};
