import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scoreAhcHrsn } from '../../../functions/domain/instruments/ahc-hrsn';
import type { AhcHrsnResult } from '../../../functions/domain/instruments/ahc-hrsn';
import { ALL_POINTS_FROM_Q1_NOTE, scoreAuditC } from '../../../functions/domain/instruments/auditc';
import type { AuditCSex, CatalogAnswers } from '../../../functions/domain/instruments/catalog';
import { scoreCssrs } from '../../../functions/domain/instruments/cssrs';
import type { CssrsRisk } from '../../../functions/domain/instruments/cssrs';
import { scoreGad2 } from '../../../functions/domain/instruments/gad2';
import { scorePcPtsd5 } from '../../../functions/domain/instruments/pcptsd5';
import { scorePhq2 } from '../../../functions/domain/instruments/phq2';
import {
  itemsStillToAsk,
  withCarriedAnswers,
} from '../../../functions/domain/instruments/rules/sum-screener';
import { scoreInstrument } from '../../../functions/domain/instruments/score';
import { DomainError } from '../../../functions/domain/errors';

const item03 = fc.integer({ min: 0, max: 3 });
const item04 = fc.integer({ min: 0, max: 4 });
const yesNo = fc.constantFrom(0, 1);

const fieldsOf = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error.fields.map((field) => field.field);
    throw error;
  }
  throw new Error('expected a DomainError');
};

// ---- PHQ-2 / GAD-2 -----------------------------------------------------------------------------

const screeners = [
  { name: 'PHQ-2', score: scorePhq2, ids: ['phq9.1', 'phq9.2'], full: 'PHQ9', fullItems: 9 },
  { name: 'GAD-2', score: scoreGad2, ids: ['gad7.1', 'gad7.2'], full: 'GAD7', fullItems: 7 },
] as const;

describe.each(screeners)('$name', ({ score, ids, full, fullItems }) => {
  const answersOf = (a: number, b: number) => ({ [ids[0]]: a, [ids[1]]: b });

  it('total is the sum in 0–6; positive (≥ 3) and only then continues with the full instrument', () => {
    fc.assert(
      fc.property(item03, item03, (a, b) => {
        const result = score(answersOf(a, b));
        expect(result.total).toBe(a + b);
        expect(result.total).toBeGreaterThanOrEqual(0);
        expect(result.total).toBeLessThanOrEqual(result.maxTotal);
        expect(result.maxTotal).toBe(6);
        expect(result.positive).toBe(result.total >= 3);
        expect(result.band).toBe(result.positive ? 'positive' : 'negative');
        expect(result.continueWith).toBe(result.positive ? full : null);
        expect(result.carryForward).toEqual([
          { itemId: ids[0], index: 0, value: a },
          { itemId: ids[1], index: 1, value: b },
        ]);
      }),
    );
  });

  it('is monotonic: raising either item raises the total by one and never clears a positive', () => {
    fc.assert(
      fc.property(item03, item03, fc.boolean(), (a, b, first) => {
        fc.pre((first ? a : b) < 3);
        const before = score(answersOf(a, b));
        const after = score(first ? answersOf(a + 1, b) : answersOf(a, b + 1));
        expect(after.total).toBe(before.total + 1);
        if (before.positive) expect(after.positive).toBe(true);
      }),
    );
  });

  it('carried answers plus the remaining items make a full instrument that scores', () => {
    fc.assert(
      fc.property(
        item03,
        item03,
        fc.array(item03, { minLength: fullItems - 2, maxLength: fullItems - 2 }),
        (a, b, rest) => {
          const result = score(answersOf(a, b));
          fc.pre(result.positive);
          const remaining = itemsStillToAsk(result);
          expect(remaining.map((item) => item.id)).not.toContain(ids[0]);
          expect(remaining).toHaveLength(fullItems - 2);
          const answers = withCarriedAnswers(result.carryForward, rest);
          expect(answers).toEqual([a, b, ...rest]);
          const fullScore = scoreInstrument({ instrument: full, answers }, 'body');
          expect(fullScore.total).toBe(a + b + rest.reduce((sum, value) => sum + value, 0));
        },
      ),
    );
  });

  it.each([
    [0, 0, false],
    [1, 1, false],
    [2, 0, false],
    [0, 2, false],
    [2, 1, true],
    [0, 3, true],
    [3, 3, true],
  ])('answers %i + %i → positive %s', (a, b, positive) => {
    const result = score(answersOf(a, b));
    expect(result.positive).toBe(positive);
    expect(result.continueWith).toBe(positive ? full : null);
    expect(itemsStillToAsk(result)).toHaveLength(positive ? fullItems - 2 : 0);
  });

  it('rejects a missing or out-of-range item, naming it', () => {
    expect(fieldsOf(() => score({ [ids[0]]: 1 }, { fieldPrefix: 'body.r.0' }))).toEqual([
      `body.r.0.${ids[1]}`,
    ]);
    expect(fieldsOf(() => score(answersOf(4, -1)))).toEqual([
      `answers.${ids[0]}`,
      `answers.${ids[1]}`,
    ]);
  });
});

// ---- AUDIT-C -----------------------------------------------------------------------------------

const audit = (q1: number, q2: number, q3: number, sex?: AuditCSex) =>
  scoreAuditC({ 'auditc.1': q1, 'auditc.2': q2, 'auditc.3': q3 }, sex ? { sex } : {});
const sexes = fc.constantFrom<AuditCSex | undefined>('male', 'female', 'unknown', undefined);

describe('AUDIT-C', () => {
  it('total is the sum in 0–12; positive exactly at the cut-point for the sex', () => {
    fc.assert(
      fc.property(item04, item04, item04, sexes, (q1, q2, q3, sex) => {
        const result = audit(q1, q2, q3, sex);
        expect(result.total).toBe(q1 + q2 + q3);
        expect(result.total).toBeLessThanOrEqual(12);
        expect(result.maxTotal).toBe(12);
        expect(result.cutPoint).toBe(sex === 'male' ? 4 : 3);
        expect(result.sex).toBe(sex ?? 'unknown');
        expect(result.positive).toBe(result.total >= result.cutPoint);
        expect(result.band).toBe(result.positive ? 'positive' : 'negative');
      }),
    );
  });

  it('unknown sex is never less strict than either sex', () => {
    fc.assert(
      fc.property(item04, item04, item04, (q1, q2, q3) => {
        const unknown = audit(q1, q2, q3).positive;
        if (audit(q1, q2, q3, 'male').positive) expect(unknown).toBe(true);
        if (audit(q1, q2, q3, 'female').positive) expect(unknown).toBe(true);
      }),
    );
  });

  it('is monotonic in each item', () => {
    fc.assert(
      fc.property(
        fc.tuple(item04, item04, item04),
        fc.nat({ max: 2 }),
        sexes,
        (answers, index, sex) => {
          fc.pre(answers[index] !== undefined && (answers[index] ?? 4) < 4);
          const raised = answers.map((value, i) => (i === index ? value + 1 : value));
          const before = audit(...answers, sex);
          const after = audit(raised[0] ?? 0, raised[1] ?? 0, raised[2] ?? 0, sex);
          expect(after.total).toBe(before.total + 1);
          if (before.positive) expect(after.positive).toBe(true);
        },
      ),
    );
  });

  it.each([
    [2, 'male', false],
    [3, 'male', false],
    [4, 'male', true],
    [2, 'female', false],
    [3, 'female', true],
    [4, 'female', true],
    [2, 'unknown', false],
    [3, 'unknown', true],
    [4, 'unknown', true],
  ] as const)('total %i, %s → positive %s', (total, sex, positive) => {
    // Spread over Q2 and Q3 so the Q1-only note does not apply.
    expect(audit(0, Math.min(total, 4), Math.max(0, total - 4), sex).positive).toBe(positive);
    expect(audit(1, total - 1, 0, sex).positive).toBe(positive);
  });

  it('notes a positive score that comes only from Q1', () => {
    const onlyQ1 = audit(4, 0, 0, 'male');
    expect(onlyQ1.positive).toBe(true);
    expect(onlyQ1.allPointsFromQ1).toBe(true);
    expect(onlyQ1.notes).toEqual([ALL_POINTS_FROM_Q1_NOTE]);
    expect(audit(3, 0, 0, 'female').notes).toEqual([ALL_POINTS_FROM_Q1_NOTE]);
    expect(audit(3, 0, 0, 'male')).toMatchObject({ allPointsFromQ1: true, notes: [] });
    expect(audit(3, 1, 0, 'male')).toMatchObject({ allPointsFromQ1: false, notes: [] });
    expect(audit(0, 0, 0)).toMatchObject({ allPointsFromQ1: false, notes: [] });
  });
});

// ---- PC-PTSD-5 ---------------------------------------------------------------------------------

const symptomIds = ['pcptsd5.1', 'pcptsd5.2', 'pcptsd5.3', 'pcptsd5.4', 'pcptsd5.5'];
const withSymptoms = (values: number[]): CatalogAnswers => ({
  'pcptsd5.gate': 1,
  ...Object.fromEntries(symptomIds.map((id, index) => [id, values[index] ?? 0])),
});
const symptoms = fc.array(yesNo, { minLength: 5, maxLength: 5 });
const cutPoints = fc.integer({ min: 1, max: 5 });

describe('PC-PTSD-5', () => {
  it('gate "No" ends the screen with 0, never positive, the gate kept', () => {
    fc.assert(
      fc.property(cutPoints, (cutPoint) => {
        expect(scorePcPtsd5({ 'pcptsd5.gate': 0 }, { cutPoint })).toEqual({
          instrument: 'PCPTSD5',
          traumaExposure: false,
          answers: {},
          total: 0,
          maxTotal: 5,
          cutPoint,
          positive: false,
          band: 'no-trauma-exposure',
        });
      }),
    );
  });

  it('gate "Yes": total is the count of yes (0–5), positive at or above the cut-point', () => {
    fc.assert(
      fc.property(symptoms, fc.option(cutPoints, { nil: undefined }), (values, cutPoint) => {
        const result = scorePcPtsd5(withSymptoms(values), cutPoint ? { cutPoint } : {});
        const yes = values.filter((value) => value === 1).length;
        expect(result.traumaExposure).toBe(true);
        expect(result.total).toBe(yes);
        expect(result.cutPoint).toBe(cutPoint ?? 3);
        expect(result.positive).toBe(yes >= (cutPoint ?? 3));
        expect(result.band).toBe(result.positive ? 'positive' : 'negative');
        expect(Object.keys(result.answers)).toEqual(symptomIds);
      }),
    );
  });

  it('is monotonic: a further "yes" raises the total by one and never clears a positive', () => {
    fc.assert(
      fc.property(symptoms, fc.nat({ max: 4 }), cutPoints, (values, index, cutPoint) => {
        fc.pre(values[index] === 0);
        const before = scorePcPtsd5(withSymptoms(values), { cutPoint });
        const raised = values.map((value, i) => (i === index ? 1 : value));
        const after = scorePcPtsd5(withSymptoms(raised), { cutPoint });
        expect(after.total).toBe(before.total + 1);
        if (before.positive) expect(after.positive).toBe(true);
      }),
    );
  });

  it.each([
    [2, 3, false],
    [3, 3, true],
    [4, 3, true],
    [2, 4, false],
    [3, 4, false],
    [4, 4, true],
    [5, 4, true],
  ])('%i yes with cut-point %i → positive %s', (yes, cutPoint, positive) => {
    const values = [1, 1, 1, 1, 1].map((value, index) => (index < yes ? value : 0));
    expect(scorePcPtsd5(withSymptoms(values), { cutPoint }).positive).toBe(positive);
  });

  it('rejects symptom answers after a "No" gate and missing ones after a "Yes"', () => {
    expect(fieldsOf(() => scorePcPtsd5({ 'pcptsd5.gate': 0, 'pcptsd5.1': 0 }))).toEqual([
      'answers.pcptsd5.1',
    ]);
    expect(fieldsOf(() => scorePcPtsd5({ 'pcptsd5.gate': 1, 'pcptsd5.1': 1 }))).toEqual([
      'answers.pcptsd5.2',
      'answers.pcptsd5.3',
      'answers.pcptsd5.4',
      'answers.pcptsd5.5',
    ]);
    expect(fieldsOf(() => scorePcPtsd5({}))).toEqual(['answers.pcptsd5.gate']);
  });

  it('refuses a cut-point outside 1–5 (a configuration bug, not a client error)', () => {
    for (const cutPoint of [0, 6, 2.5, Number.NaN]) {
      expect(() => scorePcPtsd5({ 'pcptsd5.gate': 0 }, { cutPoint })).toThrow(RangeError);
    }
  });
});

// ---- C-SSRS ------------------------------------------------------------------------------------

const riskOrder: Record<CssrsRisk, number> = { none: 0, low: 1, moderate: 2, high: 3 };

/** Builds a complete answer set: Q3–Q5 only when Q2 is yes, Q6b only when Q6 is yes. */
const cssrsAnswers = (q: {
  q1: number;
  q2: number;
  q3: number;
  q4: number;
  q5: number;
  q6: number;
  q6b: number;
}): CatalogAnswers => ({
  'cssrs.1': q.q1,
  'cssrs.2': q.q2,
  ...(q.q2 === 1 ? { 'cssrs.3': q.q3, 'cssrs.4': q.q4, 'cssrs.5': q.q5 } : {}),
  'cssrs.6': q.q6,
  ...(q.q6 === 1 ? { 'cssrs.6b': q.q6b } : {}),
});
const cssrsAll = fc.record({
  q1: yesNo,
  q2: yesNo,
  q3: yesNo,
  q4: yesNo,
  q5: yesNo,
  q6: yesNo,
  q6b: yesNo,
});

describe('C-SSRS screener', () => {
  it.each([
    ['none', {}],
    ['low', { q1: 1 }],
    ['low', { q2: 1 }],
    ['low', { q1: 1, q2: 1 }],
    ['moderate', { q2: 1, q3: 1 }],
    ['moderate', { q6: 1, q6b: 0 }],
    ['moderate', { q1: 1, q6: 1, q6b: 0 }],
    ['high', { q2: 1, q4: 1 }],
    ['high', { q2: 1, q5: 1 }],
    ['high', { q6: 1, q6b: 1 }],
    ['high', { q1: 1, q2: 1, q3: 1, q4: 1, q5: 1, q6: 1, q6b: 1 }],
  ] as const)('%s: %o', (risk, yes) => {
    const answers = cssrsAnswers({ q1: 0, q2: 0, q3: 0, q4: 0, q5: 0, q6: 0, q6b: 0, ...yes });
    const result = scoreCssrs(answers);
    expect(result.risk).toBe(risk);
    expect(result.reasons.length > 0).toBe(risk !== 'none');
    expect(result.answers).toEqual(answers);
  });

  it('risk follows the Columbia colours for any complete answer set', () => {
    fc.assert(
      fc.property(cssrsAll, (q) => {
        const { risk } = scoreCssrs(cssrsAnswers(q));
        const asked = q.q2 === 1;
        const high = (asked && (q.q4 === 1 || q.q5 === 1)) || (q.q6 === 1 && q.q6b === 1);
        const moderate = (asked && q.q3 === 1) || (q.q6 === 1 && q.q6b === 0);
        const low = q.q1 === 1 || q.q2 === 1;
        expect(risk).toBe(high ? 'high' : moderate ? 'moderate' : low ? 'low' : 'none');
      }),
    );
  });

  it('is monotonic: turning any asked "no" into "yes" never lowers the risk', () => {
    const keys = ['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q6b'] as const;
    fc.assert(
      fc.property(cssrsAll, fc.constantFrom(...keys), (q, key) => {
        fc.pre(q[key] === 0);
        const before = scoreCssrs(cssrsAnswers(q)).risk;
        const after = scoreCssrs(cssrsAnswers({ ...q, [key]: 1 })).risk;
        expect(riskOrder[after]).toBeGreaterThanOrEqual(riskOrder[before]);
      }),
    );
  });

  it('rejects Q3–Q5 answered after Q2 "no", and Q6b without Q6 "yes"', () => {
    expect(
      fieldsOf(() =>
        scoreCssrs({ 'cssrs.1': 1, 'cssrs.2': 0, 'cssrs.4': 1, 'cssrs.6': 0, 'cssrs.6b': 1 }),
      ),
    ).toEqual(['answers.cssrs.4', 'answers.cssrs.6b']);
    expect(fieldsOf(() => scoreCssrs({ 'cssrs.1': 0, 'cssrs.2': 1, 'cssrs.6': 1 }))).toEqual([
      'answers.cssrs.3',
      'answers.cssrs.4',
      'answers.cssrs.5',
      'answers.cssrs.6b',
    ]);
  });
});

// ---- AHC-HRSN ----------------------------------------------------------------------------------

const noNeeds = {
  'ahchrsn.1': 0,
  'ahchrsn.2': [0],
  'ahchrsn.3': 0,
  'ahchrsn.4': 0,
  'ahchrsn.5': 0,
  'ahchrsn.6': 0,
  'ahchrsn.7': 1,
  'ahchrsn.8': 1,
  'ahchrsn.9': 1,
  'ahchrsn.10': 1,
};
const safetyIds = ['ahchrsn.7', 'ahchrsn.8', 'ahchrsn.9', 'ahchrsn.10'];
const frequency = fc.integer({ min: 1, max: 5 });
const ahcAnswers = fc.record({
  'ahchrsn.1': fc.constantFrom(0, 1, 2),
  'ahchrsn.2': fc.oneof(
    fc.constant([0]),
    fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1 }),
  ),
  'ahchrsn.3': fc.constantFrom(0, 1, 2),
  'ahchrsn.4': fc.constantFrom(0, 1, 2),
  'ahchrsn.5': yesNo,
  'ahchrsn.6': fc.constantFrom(0, 1, 2),
  'ahchrsn.7': frequency,
  'ahchrsn.8': frequency,
  'ahchrsn.9': frequency,
  'ahchrsn.10': frequency,
});

const expectedDomains = (
  a: Readonly<Record<string, number | readonly number[]>>,
): AhcHrsnResult['domains'] => {
  const n = (id: string) => a[id] as number;
  const safety = safetyIds.reduce((sum, id) => sum + n(id), 0);
  return {
    housing: n('ahchrsn.1') > 0 || !(a['ahchrsn.2'] as readonly number[]).includes(0),
    food: n('ahchrsn.3') > 0 || n('ahchrsn.4') > 0,
    transportation: n('ahchrsn.5') === 1,
    utilities: n('ahchrsn.6') > 0,
    interpersonalSafety: safety > 10,
  };
};

describe('AHC HRSN core', () => {
  it('flags each domain by its rule, lists the positive ones in order, safety total 4–20', () => {
    fc.assert(
      fc.property(ahcAnswers, (answers) => {
        const result = scoreAhcHrsn(answers);
        expect(result.domains).toEqual(expectedDomains(answers));
        expect(result.positiveDomains).toEqual(
          (Object.keys(result.domains) as (keyof AhcHrsnResult['domains'])[]).filter(
            (domain) => result.domains[domain],
          ),
        );
        expect(result.interpersonalSafetyTotal).toBeGreaterThanOrEqual(4);
        expect(result.interpersonalSafetyTotal).toBeLessThanOrEqual(20);
      }),
    );
  });

  it('interpersonal safety is monotonic in Q7–Q10', () => {
    fc.assert(
      fc.property(ahcAnswers, fc.constantFrom(...safetyIds), (answers, id) => {
        fc.pre((answers[id as keyof typeof answers] as number) < 5);
        const before = scoreAhcHrsn(answers);
        const after = scoreAhcHrsn({
          ...answers,
          [id]: (answers[id as keyof typeof answers] as number) + 1,
        });
        expect(after.interpersonalSafetyTotal).toBe(before.interpersonalSafetyTotal + 1);
        if (before.domains.interpersonalSafety)
          expect(after.domains.interpersonalSafety).toBe(true);
      }),
    );
  });

  it.each([
    [{}, []],
    [{ 'ahchrsn.1': 1 }, ['housing']],
    [{ 'ahchrsn.2': [2, 7] }, ['housing']],
    [{ 'ahchrsn.4': 1 }, ['food']],
    [{ 'ahchrsn.5': 1 }, ['transportation']],
    [{ 'ahchrsn.6': 2 }, ['utilities']],
    [{ 'ahchrsn.7': 4, 'ahchrsn.8': 3, 'ahchrsn.9': 2 }, []],
    [{ 'ahchrsn.7': 4, 'ahchrsn.8': 3, 'ahchrsn.9': 3 }, ['interpersonalSafety']],
    [
      { 'ahchrsn.1': 2, 'ahchrsn.3': 2, 'ahchrsn.10': 5, 'ahchrsn.9': 5 },
      ['housing', 'food', 'interpersonalSafety'],
    ],
  ])('%o → %o', (changes, positive) => {
    expect(scoreAhcHrsn({ ...noNeeds, ...changes }).positiveDomains).toEqual(positive);
  });

  it('safety sum 10 is negative, 11 positive', () => {
    const sum10 = { ...noNeeds, 'ahchrsn.7': 4, 'ahchrsn.8': 4 };
    expect(scoreAhcHrsn(sum10)).toMatchObject({
      interpersonalSafetyTotal: 10,
      domains: { interpersonalSafety: false },
    });
    expect(scoreAhcHrsn({ ...sum10, 'ahchrsn.9': 2 })).toMatchObject({
      interpersonalSafetyTotal: 11,
      domains: { interpersonalSafety: true },
    });
  });

  it('rejects "None of the above" combined with a problem, and an empty list', () => {
    expect(fieldsOf(() => scoreAhcHrsn({ ...noNeeds, 'ahchrsn.2': [0, 3] }))).toEqual([
      'answers.ahchrsn.2',
    ]);
    expect(fieldsOf(() => scoreAhcHrsn({ ...noNeeds, 'ahchrsn.2': [] }))).toEqual([
      'answers.ahchrsn.2',
    ]);
    expect(fieldsOf(() => scoreAhcHrsn({ ...noNeeds, 'ahchrsn.7': 0 }))).toEqual([
      'answers.ahchrsn.7',
    ]);
  });
});
