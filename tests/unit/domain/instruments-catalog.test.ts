import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scoreAhcHrsn } from '../../../functions/domain/instruments/ahc-hrsn';
import { scoreAuditC } from '../../../functions/domain/instruments/auditc';
import {
  applicableItems,
  catalog,
  catalogAnswerIssues,
  getCatalogDefinition,
  itemStatuses,
} from '../../../functions/domain/instruments/catalog';
import type {
  AnswerValue,
  CatalogAnswers,
  CatalogDefinition,
  CatalogInstrumentId,
  CatalogItem,
} from '../../../functions/domain/instruments/catalog';
import { scoreCssrs } from '../../../functions/domain/instruments/cssrs';
import { scoreGad2 } from '../../../functions/domain/instruments/gad2';
import { getInstrument } from '../../../functions/domain/instruments/index';
import { scorePcPtsd5 } from '../../../functions/domain/instruments/pcptsd5';
import { scorePhq2 } from '../../../functions/domain/instruments/phq2';
import { DomainError } from '../../../functions/domain/errors';

const ids = Object.keys(catalog) as CatalogInstrumentId[];
const definitions = Object.values(catalog);

const scorers: Record<CatalogInstrumentId, (answers: CatalogAnswers, prefix: string) => unknown> = {
  PHQ2: (answers, fieldPrefix) => scorePhq2(answers, { fieldPrefix }),
  GAD2: (answers, fieldPrefix) => scoreGad2(answers, { fieldPrefix }),
  AUDITC: (answers, fieldPrefix) => scoreAuditC(answers, { fieldPrefix }),
  PCPTSD5: (answers, fieldPrefix) => scorePcPtsd5(answers, { fieldPrefix }),
  CSSRS: (answers, fieldPrefix) => scoreCssrs(answers, { fieldPrefix }),
  AHCHRSN: (answers, fieldPrefix) => scoreAhcHrsn(answers, { fieldPrefix }),
};

const caught = (fn: () => unknown): DomainError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
};

// ---- arbitraries -------------------------------------------------------------------------------

const valuesOf = (item: CatalogItem): number[] => item.options.map((option) => option.value);

const validAnswer = (item: CatalogItem): fc.Arbitrary<AnswerValue> => {
  if (item.select !== 'many') return fc.constantFrom(...valuesOf(item));
  const others = valuesOf(item).filter((value) => value !== item.exclusiveValue);
  const some = fc.uniqueArray(fc.constantFrom(...others), { minLength: 1 });
  return item.exclusiveValue === undefined
    ? some
    : fc.oneof(fc.constant([item.exclusiveValue]), some);
};

/** An answer for every item, skip logic ignored. */
const everyAnswer = (definition: CatalogDefinition): fc.Arbitrary<Record<string, AnswerValue>> =>
  fc.record(Object.fromEntries(definition.items.map((item) => [item.id, validAnswer(item)])));

/** Drops the answers the skip logic leaves out: a complete, valid answer set. */
const prune = (definition: CatalogDefinition, all: Record<string, AnswerValue>) => {
  const statuses = itemStatuses(definition, all);
  return Object.fromEntries(
    Object.entries(all).filter(([id]) => statuses.get(id) === 'asked'),
  ) as Record<string, AnswerValue>;
};

const completeAnswers = (definition: CatalogDefinition) =>
  everyAnswer(definition).map((all) => ({ all, answers: prune(definition, all) }));

const invalidFor = (item: CatalogItem): fc.Arbitrary<unknown> => {
  const allowed = new Set(valuesOf(item));
  if (item.select === 'many') {
    const others = valuesOf(item).filter((value) => value !== item.exclusiveValue);
    return fc.oneof(
      fc.constant([]),
      fc.constant(others[0]),
      fc.constant([99]),
      fc.constant([others[0], others[0]]),
      fc.constant([item.exclusiveValue, others[0]]),
      fc.constant('1'),
    );
  }
  return fc.oneof(
    fc.integer({ min: -5, max: 20 }).filter((value) => !allowed.has(value)),
    fc.constant(0.5),
    fc.constant(Number.NaN),
    fc.constant('1'),
    fc.constant([valuesOf(item)[0]]),
    fc.constant(true),
  );
};

/** A complete answer set broken in one way, and the item the issue must name. */
const brokenAnswers = (definition: CatalogDefinition) =>
  fc
    .tuple(
      completeAnswers(definition),
      fc.constantFrom('missing', 'invalid', 'skipped-answered', 'unknown-item'),
      fc.nat(),
    )
    .chain(([{ all, answers }, kind, pick]) => {
      const asked = Object.keys(answers);
      const skipped = definition.items.filter((item) => !(item.id in answers));
      const broken: Record<string, unknown> = { ...answers };
      if (kind === 'missing') {
        const id = asked[pick % asked.length] as string;
        const without = Object.fromEntries(Object.entries(answers).filter(([key]) => key !== id));
        return fc.constant({ broken: without, item: id });
      }
      if (kind === 'skipped-answered' && skipped.length > 0) {
        const item = skipped[pick % skipped.length] as CatalogItem;
        broken[item.id] = all[item.id];
        return fc.constant({ broken, item: item.id });
      }
      if (kind === 'unknown-item') {
        broken['not.an.item'] = 1;
        return fc.constant({ broken, item: 'not.an.item' });
      }
      const item = definition.items.find((i) => i.id === asked[pick % asked.length]);
      if (!item) throw new Error('unreachable');
      return invalidFor(item).map((value) => ({
        broken: { ...broken, [item.id]: value },
        item: item.id,
      }));
    });

// ---- definitions -------------------------------------------------------------------------------

describe('catalog definitions', () => {
  it('is keyed by id and frozen', () => {
    for (const id of ids) expect(getCatalogDefinition(id).id).toBe(id);
    const cssrs = getCatalogDefinition('CSSRS');
    expect(() => {
      (cssrs.items[0] as { id: string }).id = 'x';
    }).toThrow(TypeError);
  });

  it('has unique item ids, and every condition refers to an earlier item and one of its values', () => {
    for (const definition of definitions) {
      const seen = new Map<string, CatalogItem>();
      for (const item of definition.items) {
        expect(seen.has(item.id), `${definition.name} ${item.id}`).toBe(false);
        if (item.askedWhen) {
          const controller = seen.get(item.askedWhen.item);
          expect(controller, `${item.id} depends on an earlier item`).toBeDefined();
          expect(controller && valuesOf(controller)).toContain(item.askedWhen.equals);
        }
        seen.set(item.id, item);
      }
    }
  });

  it('has distinct option values per item and yes/no as 1/0', () => {
    for (const definition of definitions) {
      for (const item of definition.items) {
        const values = valuesOf(item);
        expect(new Set(values).size).toBe(values.length);
        const yes = item.options.find((option) => option.label.en === 'Yes');
        const no = item.options.find((option) => option.label.en === 'No');
        if (yes || no) {
          expect(yes?.value).toBe(1);
          expect(no?.value).toBe(0);
        }
      }
    }
  });

  it('offers Spanish only for the PHQ-2 (the verified Pfizer PHQ-9 items), with text for every string', () => {
    for (const definition of definitions) {
      expect(definition.languages).toEqual(definition.id === 'PHQ2' ? ['en', 'es'] : ['en']);
      const texts = [
        ...(definition.preamble ? [definition.preamble] : []),
        ...definition.items.flatMap((item) => [
          item.text,
          ...(item.stem ? [item.stem] : []),
          ...item.options.map((option) => option.label),
        ]),
      ];
      for (const text of texts) {
        expect(text.en).toMatch(/\S/);
        if (definition.languages.includes('es')) expect(text.es).toMatch(/\S/);
        else expect(text.es).toBeUndefined();
      }
    }
  });

  it('PHQ-2 and GAD-2 are the first two items of the PHQ-9 and GAD-7, object for object', () => {
    for (const [screener, full] of [
      ['PHQ2', 'PHQ9'],
      ['GAD2', 'GAD7'],
    ] as const) {
      const definition = getCatalogDefinition(screener);
      const fullDefinition = getInstrument(full);
      expect(definition.items.map((item) => [item.id, item.loinc, item.text])).toEqual(
        fullDefinition.items.slice(0, 2).map((item) => [item.id, item.loinc, item.text]),
      );
      definition.items.forEach((item, index) => {
        expect(item.text).toBe(fullDefinition.items[index]?.text);
        expect(item.options).toBe(fullDefinition.answerOptions);
      });
      expect(definition.preamble).toBe(fullDefinition.preamble);
      expect(definition.terms).toBe(fullDefinition.terms);
    }
  });

  it('sends only the LOINC codes confirmed in CLINICAL.md §2.1', () => {
    const codes = Object.fromEntries(
      definitions.map((definition) => [
        definition.id,
        {
          ...definition.loinc,
          items: definition.items.map((item) => item.loinc ?? null),
        },
      ]),
    );
    expect(codes).toEqual({
      PHQ2: { panel: '55757-9', total: '55758-7', items: ['44250-9', '44255-8'] },
      GAD2: { items: ['69725-0', '68509-9'] },
      AUDITC: { panel: '72109-2', total: '75626-2', items: [null, null, null] },
      PCPTSD5: { items: [null, null, null, null, null, null] },
      CSSRS: {
        riskLevel: '93374-7',
        items: ['93246-7', '93247-5', '93248-3', '93249-1', '93250-9', '93267-3', '93269-9'],
      },
      AHCHRSN: {
        panel: '96777-8',
        items: ['71802-3', null, null, null, null, null, null, null, null, null],
      },
    });
    // Known wrong or unconfirmed codes never appear.
    const all = JSON.stringify(definitions);
    for (const code of ['70273-8', '93373-9', '102010-6']) expect(all).not.toContain(code);
  });

  it('records source and terms of use', () => {
    const terms = Object.fromEntries(definitions.map((d) => [d.id, d.terms]));
    expect(terms.PHQ2).toContain('Pfizer');
    expect(terms.GAD2).toContain('Pfizer');
    expect(terms.AUDITC).toMatch(/public domain/i);
    expect(terms.PCPTSD5).toMatch(/public domain/i);
    expect(terms.CSSRS).toContain('Columbia Lighthouse Project');
    expect(terms.CSSRS).toMatch(/electronic health records/);
    expect(terms.AHCHRSN).toContain('CMS');
    for (const definition of definitions) expect(definition.source).toMatch(/\S/);
  });

  it('reproduces the published wording of key items', () => {
    const text = (id: CatalogInstrumentId, item: string) =>
      getCatalogDefinition(id).items.find((candidate) => candidate.id === item)?.text.en;
    expect(text('CSSRS', 'cssrs.1')).toBe(
      'Have you wished you were dead or wished you could go to sleep and not wake up?',
    );
    expect(text('CSSRS', 'cssrs.6b')).toBe('Was this within the past 3 months?');
    expect(text('PCPTSD5', 'pcptsd5.3')).toBe(
      'been constantly on guard, watchful, or easily startled?',
    );
    expect(text('AUDITC', 'auditc.1')).toBe('How often do you have a drink containing alcohol?');
    expect(text('AHCHRSN', 'ahchrsn.1')).toBe('What is your living situation today?');
    expect(getCatalogDefinition('AHCHRSN').items[6]?.stem?.en).toBe(
      'Because violence and abuse happens to a lot of people and affects their health we are ' +
        'asking the following questions.',
    );
    // Every offered language says what its wording was checked against.
    for (const definition of definitions) {
      for (const language of definition.languages)
        expect(definition.wording[language]).toMatch(/\S/);
    }
  });
});

// ---- skip logic --------------------------------------------------------------------------------

/** Independent statement of the published skip rules (not derived from the definitions). */
const expectedAsked: Partial<
  Record<CatalogInstrumentId, (all: Record<string, AnswerValue>) => string[]>
> = {
  CSSRS: (all) => [
    'cssrs.1',
    'cssrs.2',
    ...(all['cssrs.2'] === 1 ? ['cssrs.3', 'cssrs.4', 'cssrs.5'] : []),
    'cssrs.6',
    ...(all['cssrs.6'] === 1 ? ['cssrs.6b'] : []),
  ],
  PCPTSD5: (all) => [
    'pcptsd5.gate',
    ...(all['pcptsd5.gate'] === 1
      ? ['pcptsd5.1', 'pcptsd5.2', 'pcptsd5.3', 'pcptsd5.4', 'pcptsd5.5']
      : []),
  ],
};

describe('applicableItems (skip logic)', () => {
  it.each(ids)('%s: asks exactly the published items for any complete answer set', (id) => {
    const definition = getCatalogDefinition(id);
    const expected = expectedAsked[id] ?? (() => definition.items.map((item) => item.id));
    fc.assert(
      fc.property(everyAnswer(definition), (all) => {
        const asked = applicableItems(definition, prune(definition, all)).map((item) => item.id);
        // Never a skipped question, always every required one, in form order.
        expect(asked).toEqual(expected(all));
      }),
    );
  });

  it.each(ids)('%s: an answer never adds an item whose condition it does not meet', (id) => {
    const definition = getCatalogDefinition(id);
    fc.assert(
      fc.property(everyAnswer(definition), fc.nat({ max: 12 }), (all, count) => {
        // Answers so far: the first `count` applicable items answered, in order.
        const soFar: Record<string, AnswerValue> = {};
        for (let step = 0; step < count; step += 1) {
          const next = applicableItems(definition, soFar).find((item) => !(item.id in soFar));
          if (!next) break;
          soFar[next.id] = all[next.id] as AnswerValue;
        }
        for (const item of applicableItems(definition, soFar)) {
          if (item.askedWhen) expect(soFar[item.askedWhen.item]).toBe(item.askedWhen.equals);
        }
        // Answering every applicable item in turn always ends at the complete set.
        expect(Object.keys(soFar).every((key) => key in prune(definition, all))).toBe(true);
      }),
    );
  });

  it('C-SSRS: before any answer, Q1, Q2 and Q6; Q3–Q5 once Q2 is yes; Q6b once Q6 is yes', () => {
    const definition = getCatalogDefinition('CSSRS');
    const asked = (answers: CatalogAnswers) =>
      applicableItems(definition, answers).map((item) => item.id);
    expect(asked({})).toEqual(['cssrs.1', 'cssrs.2', 'cssrs.6']);
    expect(asked({ 'cssrs.1': 1, 'cssrs.2': 0 })).toEqual(['cssrs.1', 'cssrs.2', 'cssrs.6']);
    expect(asked({ 'cssrs.1': 0, 'cssrs.2': 0 })).toEqual(['cssrs.1', 'cssrs.2', 'cssrs.6']);
    expect(asked({ 'cssrs.1': 0, 'cssrs.2': 1 })).toEqual([
      'cssrs.1',
      'cssrs.2',
      'cssrs.3',
      'cssrs.4',
      'cssrs.5',
      'cssrs.6',
    ]);
    expect(asked({ 'cssrs.1': 0, 'cssrs.2': 0, 'cssrs.6': 1 })).toEqual([
      'cssrs.1',
      'cssrs.2',
      'cssrs.6',
      'cssrs.6b',
    ]);
    // An invalid controlling answer opens nothing.
    expect(asked({ 'cssrs.2': 7 })).toEqual(['cssrs.1', 'cssrs.2', 'cssrs.6']);
  });

  it('PC-PTSD-5: only the gate until it is answered yes', () => {
    const definition = getCatalogDefinition('PCPTSD5');
    const asked = (answers: CatalogAnswers) =>
      applicableItems(definition, answers).map((item) => item.id);
    expect(asked({})).toEqual(['pcptsd5.gate']);
    expect(asked({ 'pcptsd5.gate': 0 })).toEqual(['pcptsd5.gate']);
    expect(asked({ 'pcptsd5.gate': 1 })).toHaveLength(6);
  });
});

// ---- validation, generic over every scorer -----------------------------------------------------

describe('every scorer: complete valid answers score, broken ones are rejected naming the item', () => {
  it.each(ids)('%s: any complete, valid answer set scores', (id) => {
    const definition = getCatalogDefinition(id);
    fc.assert(
      fc.property(completeAnswers(definition), ({ answers }) => {
        expect(catalogAnswerIssues(definition, answers)).toEqual([]);
        expect(() => scorers[id](answers, 'body.answers')).not.toThrow();
      }),
    );
  });

  it.each(ids)('%s: any broken answer set is rejected with the item named', (id) => {
    const definition = getCatalogDefinition(id);
    fc.assert(
      fc.property(brokenAnswers(definition), ({ broken, item }) => {
        const error = caught(() => scorers[id](broken as CatalogAnswers, 'body.answers'));
        expect(error.kind).toBe('validation');
        expect(error.message).toContain(definition.name);
        expect(error.fields.map((field) => field.field)).toContain(`body.answers.${item}`);
      }),
    );
  });

  it.each(ids)('%s: non-object answers are rejected', (id) => {
    for (const answers of [null, [], 3, 'x']) {
      const error = caught(() => scorers[id](answers as unknown as CatalogAnswers, 'body.a'));
      expect(error.fields).toEqual([
        { field: 'body.a', message: 'must be an object keyed by item id' },
      ]);
    }
  });

  it('reports every problem at once, with readable messages', () => {
    const definition = getCatalogDefinition('CSSRS');
    expect(
      catalogAnswerIssues(definition, { 'cssrs.1': 2, 'cssrs.2': 0, 'cssrs.3': 0, extra: 1 }),
    ).toEqual([
      { field: 'answers.extra', message: 'is not an item of C-SSRS Screener' },
      { field: 'answers.cssrs.1', message: 'must be one of 1 (Yes), 0 (No)' },
      { field: 'answers.cssrs.3', message: 'must be absent: asked only when cssrs.2 is 1' },
      { field: 'answers.cssrs.6', message: 'is required' },
    ]);
    expect(catalogAnswerIssues(getCatalogDefinition('PHQ2'), { 'phq9.1': 4 })).toEqual([
      { field: 'answers.phq9.1', message: 'must be 0–3' },
      { field: 'answers.phq9.2', message: 'is required' },
    ]);
  });

  it('never reads answers from the prototype chain', () => {
    const answers = Object.create({ 'phq9.1': 1, 'phq9.2': 1 }) as CatalogAnswers;
    expect(caught(() => scorePhq2(answers)).fields.map((f) => f.field)).toEqual([
      'answers.phq9.1',
      'answers.phq9.2',
    ]);
  });
});
