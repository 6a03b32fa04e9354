import type {
  CatalogResponse,
  InstrumentId,
  InstrumentResponse,
  Language,
  ScreeningSubmit,
} from '@lib/contracts';
import {
  applicableItems,
  catalog,
  getInstrument,
  type AnswerValue,
  type CatalogAnswers,
  type LocalizedText,
} from '@lib/instruments';

/**
 * What the tablet asks, as a pure function of the chosen instruments, the language and the answers
 * so far: skip logic, PHQ-2 → PHQ-9 / GAD-2 → GAD-7 continuation and the suicide-risk pathway
 * (PHQ-9 item 9 above 0 adds the C-SSRS screener straight after) come from the same definitions
 * the server scores with, so the tablet never asks a question the server would refuse.
 */

/** Answers keyed by `${instrument}:${itemId}`. */
export type Answers = Readonly<Record<string, AnswerValue>>;

export interface Option {
  value: number;
  label: LocalizedText;
}

export interface Part {
  instrument: InstrumentId;
  name: string;
  preamble: LocalizedText | undefined;
  /** Read aloud by staff (no verified version in the patient's language): asked in English. */
  staff: boolean;
}

export interface Question {
  key: string;
  part: number;
  itemId: string;
  stem: LocalizedText | undefined;
  text: LocalizedText;
  options: Option[];
  many: boolean;
  exclusiveValue: number | undefined;
}

const isScale = (id: InstrumentId): id is 'PHQ9' | 'GAD7' => id === 'PHQ9' || id === 'GAD7';

const keyOf = (instrument: InstrumentId, itemId: string) => `${instrument}:${itemId}`;

const languagesOf = (id: InstrumentId): readonly Language[] =>
  isScale(id) ? getInstrument(id).languages : catalog[id].languages;

/** The instrument's own answers, keyed by item id. */
const answersOf = (answers: Answers, instrument: InstrumentId): CatalogAnswers => {
  const prefix = `${instrument}:`;
  return Object.fromEntries(
    Object.entries(answers)
      .filter(([key]) => key.startsWith(prefix))
      .map(([key, value]) => [key.slice(prefix.length), value]),
  );
};

/** PHQ-9 item 9 above 0, asked in the PHQ-9 or in a PHQ-2's continuation. */
export const item9Positive = (answers: Answers): boolean =>
  [answers['PHQ9:phq9.9'], answers['PHQ2:phq9.9']].some((v) => typeof v === 'number' && v > 0);

/** The instruments to give, in order: the chosen ones, plus the C-SSRS when item 9 calls for it. */
export const planParts = (
  chosen: readonly InstrumentId[],
  answers: Answers,
  language: Language,
) => {
  const ids = [...chosen];
  if (item9Positive(answers) && !ids.includes('CSSRS')) {
    const after = ids.findIndex((id) => id === 'PHQ9' || id === 'PHQ2');
    ids.splice(after + 1, 0, 'CSSRS');
  }
  return ids.map((instrument): Part => ({
    instrument,
    name: isScale(instrument) ? getInstrument(instrument).name : catalog[instrument].name,
    preamble: isScale(instrument)
      ? getInstrument(instrument).preamble
      : catalog[instrument].preamble,
    staff: !languagesOf(instrument).includes(language),
  }));
};

const continuationOf = (instrument: 'PHQ2' | 'GAD2', own: CatalogAnswers) => {
  const definition = catalog[instrument];
  const rule = definition.scoring;
  if (rule.kind !== 'sum') return [];
  const values = definition.items.map((item) => own[item.id]);
  if (!values.every((v) => typeof v === 'number')) return [];
  const total = values.reduce<number>((sum, v) => sum + (v as number), 0);
  if (total < rule.positiveFrom) return [];
  const carried = new Set(definition.items.map((item) => item.id));
  return getInstrument(rule.continueWith).items.filter((item) => !carried.has(item.id));
};

export const questionsFor = (parts: readonly Part[], answers: Answers): Question[] =>
  parts.flatMap((part, index) => {
    const { instrument } = part;
    if (isScale(instrument)) {
      const definition = getInstrument(instrument);
      return definition.items.map((item) => ({
        key: keyOf(instrument, item.id),
        part: index,
        itemId: item.id,
        stem: undefined,
        text: item.text,
        options: definition.answerOptions,
        many: false,
        exclusiveValue: undefined,
      }));
    }
    const definition = catalog[instrument];
    const own = answersOf(answers, instrument);
    const asked = applicableItems(definition, own).map((item) => ({
      key: keyOf(instrument, item.id),
      part: index,
      itemId: item.id,
      stem: item.stem,
      text: item.text,
      options: [...item.options],
      many: item.select === 'many',
      exclusiveValue: item.exclusiveValue,
    }));
    if (instrument !== 'PHQ2' && instrument !== 'GAD2') return asked;
    const full = getInstrument(instrument === 'PHQ2' ? 'PHQ9' : 'GAD7');
    const more = continuationOf(instrument, own).map((item) => ({
      key: keyOf(instrument, item.id),
      part: index,
      itemId: item.id,
      stem: undefined,
      text: item.text,
      options: full.answerOptions,
      many: false,
      exclusiveValue: undefined,
    }));
    return [...asked, ...more];
  });

const answered = (value: AnswerValue | undefined) =>
  value !== undefined && (typeof value === 'number' || value.length > 0);

export const isAnswered = (answers: Answers, question: Question) => answered(answers[question.key]);

/** The request body, or null while a question is unanswered. Skipped items are left out. */
export const buildSubmit = (
  parts: readonly Part[],
  answers: Answers,
  language: Language,
  submissionId: string,
): ScreeningSubmit | null => {
  const questions = questionsFor(parts, answers);
  if (!questions.every((q) => isAnswered(answers, q))) return null;
  const responses = parts.map((part, index): InstrumentResponse => {
    const own = questions.filter((q) => q.part === index);
    const value = (q: Question) => answers[q.key] as AnswerValue;
    const { instrument } = part;
    if (isScale(instrument)) {
      return { instrument, answers: own.map((q) => value(q) as number) };
    }
    const itemIds = new Set(catalog[instrument].items.map((item) => item.id));
    const response: CatalogResponse = {
      instrument,
      answers: Object.fromEntries(
        own.filter((q) => itemIds.has(q.itemId)).map((q) => [q.itemId, value(q) as number]),
      ),
    };
    const continuation = own.filter((q) => !itemIds.has(q.itemId)).map((q) => value(q) as number);
    if (continuation.length > 0) response.continuation = continuation;
    if (part.staff) {
      response.administeredBy = 'staff';
      response.language = 'en';
    }
    return response;
  });
  return { submissionId, language, responses };
};

/** Answers restored from a kept submission (a dropped connection), keyed as the tablet keys them. */
export const answersFromSubmit = (submit: ScreeningSubmit): Answers => {
  const out: Record<string, AnswerValue> = {};
  for (const response of submit.responses) {
    const { instrument } = response;
    if (isScale(instrument) && Array.isArray(response.answers)) {
      getInstrument(instrument).items.forEach((item, i) => {
        const value = (response.answers as number[])[i];
        if (value !== undefined) out[keyOf(instrument, item.id)] = value;
      });
    } else if (!Array.isArray(response.answers)) {
      for (const [itemId, value] of Object.entries(response.answers)) {
        if (value !== null) out[keyOf(instrument, itemId)] = value;
      }
      if ((instrument === 'PHQ2' || instrument === 'GAD2') && 'continuation' in response) {
        const full = getInstrument(instrument === 'PHQ2' ? 'PHQ9' : 'GAD7');
        const rest = full.items.slice(catalog[instrument].items.length);
        (response.continuation ?? []).forEach((value, i) => {
          const item = rest[i];
          if (item) out[keyOf(instrument, item.id)] = value;
        });
      }
    }
  }
  return out;
};

/** The instruments a kept submission was for, minus the C-SSRS the pathway added by itself. */
export const chosenFromSubmit = (submit: ScreeningSubmit): InstrumentId[] =>
  submit.responses.map((r) => r.instrument);
