import type { ScaleInstrumentId } from '../../../contracts/screenings';
import type { CatalogAnswers, CatalogDefinition, CatalogItem, ScoreContextBase } from '../catalog';
import { getInstrument } from '../index';
import type { InstrumentItem } from '../types';
import { numberAt, validAnswers } from './validate';

/** An answer already given in the screener, to be placed into the full instrument's answers. */
export interface CarriedAnswer {
  itemId: string;
  /** Zero-based position in the full instrument's answers array (InstrumentResponse.answers). */
  index: number;
  value: number;
}

export interface SumScreenerResult {
  instrument: 'PHQ2' | 'GAD2';
  answers: Record<string, number>;
  total: number;
  maxTotal: number;
  band: string;
  bandLabel: string;
  positive: boolean;
  /** The full instrument to give next when positive, otherwise null. */
  continueWith: ScaleInstrumentId | null;
  /** The screener's answers, with their place in the full instrument (never re-asked). */
  carryForward: CarriedAnswer[];
}

/** Reuses the full instrument's item (id, LOINC code, published wording) for a screener item. */
export const screenerItem = (
  full: { name: string; items: readonly InstrumentItem[]; answerOptions: CatalogItem['options'] },
  id: string,
): CatalogItem => {
  const item = full.items.find((candidate) => candidate.id === id);
  if (!item) throw new Error(`${full.name} has no item ${id}`);
  return { id: item.id, loinc: item.loinc, text: item.text, options: full.answerOptions };
};

/** PHQ-2 / GAD-2: the sum of the items; positive at or above the cut-point. */
export const scoreSumScreener = (
  definition: CatalogDefinition,
  answers: CatalogAnswers,
  context: ScoreContextBase = {},
): SumScreenerResult => {
  const rule = definition.scoring;
  if (rule.kind !== 'sum' || (definition.id !== 'PHQ2' && definition.id !== 'GAD2')) {
    throw new Error(`${definition.name} is not a sum screener`);
  }
  const valid = validAnswers(definition, answers, context.fieldPrefix);
  const values: Record<string, number> = {};
  for (const item of definition.items) values[item.id] = numberAt(valid, item.id);
  const total = Object.values(values).reduce((sum, value) => sum + value, 0);
  const band = rule.bands.find((candidate) => candidate.min <= total && total <= candidate.max);
  if (!band) throw new Error(`${definition.name}: no band holds total ${total}`);
  const positive = total >= rule.positiveFrom;
  const fullItems = getInstrument(rule.continueWith).items;
  return {
    instrument: definition.id,
    answers: values,
    total,
    maxTotal: rule.maxTotal,
    band: band.id,
    bandLabel: band.label,
    positive,
    continueWith: positive ? rule.continueWith : null,
    carryForward: definition.items.map((item) => ({
      itemId: item.id,
      index: fullItems.findIndex((candidate) => candidate.id === item.id),
      value: values[item.id] ?? 0,
    })),
  };
};

/** The full instrument's items still to ask after a screener: those not carried forward. */
export const itemsStillToAsk = (result: SumScreenerResult): InstrumentItem[] => {
  if (!result.continueWith) return [];
  const carried = new Set(result.carryForward.map((answer) => answer.itemId));
  return getInstrument(result.continueWith).items.filter((item) => !carried.has(item.id));
};

/**
 * The full instrument's answers array: carried answers at their positions, `remaining` (the items
 * from itemsStillToAsk, in order) filling the rest. Lengths are not checked here: the full
 * instrument's scorer rejects an incomplete array.
 */
export const withCarriedAnswers = (
  carried: readonly CarriedAnswer[],
  remaining: readonly number[],
): number[] => {
  const length = carried.length + remaining.length;
  const answers: number[] = [];
  const byIndex = new Map(carried.map((answer) => [answer.index, answer.value]));
  let next = 0;
  for (let index = 0; index < length; index += 1) {
    const value = byIndex.get(index);
    if (value !== undefined) {
      answers.push(value);
    } else {
      answers.push(remaining[next] as number);
      next += 1;
    }
  }
  return answers;
};
