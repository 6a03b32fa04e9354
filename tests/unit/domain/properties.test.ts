import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type {
  InstrumentTriageThresholds,
  TriageRuleSet,
} from '../../../functions/contracts/clinics';
import type { ScaleInstrumentId } from '../../../functions/contracts/screenings';
import { getInstrument, PHQ9_ITEM9_INDEX } from '../../../functions/domain/instruments/index';
import { scoreInstrument } from '../../../functions/domain/instruments/score';
import { dispositionSeverity } from '../../../functions/domain/triage/evaluate';
import { validateTriageRules } from '../../../functions/domain/triage/rules';
import { triage } from '../../../functions/domain/triage/triage';
import { rulesWith } from './fixtures';

const ids: ScaleInstrumentId[] = ['PHQ9', 'GAD7'];
const answersOf = (id: ScaleInstrumentId) => {
  const count = getInstrument(id).items.length;
  return fc.array(fc.integer({ min: 0, max: 3 }), { minLength: count, maxLength: count });
};

/** Strictly increasing thresholds inside 0..maxTotal: the only shape validation lets through. */
const thresholdsOf = (maxTotal: number): fc.Arbitrary<InstrumentTriageThresholds> =>
  fc
    .uniqueArray(fc.integer({ min: 0, max: maxTotal }), { minLength: 3, maxLength: 3 })
    .map((values) => {
      const [pcpAddressesFrom = 0, offerBhFrom = 1, warmHandoffFrom = 2] = [...values].sort(
        (a, b) => a - b,
      );
      return { pcpAddressesFrom, offerBhFrom, warmHandoffFrom };
    });

const validRules: fc.Arbitrary<TriageRuleSet> = fc
  .record({
    phq9: thresholdsOf(27),
    gad7: thresholdsOf(21),
    phq9Item9SafetyFrom: fc.integer({ min: 1, max: 3 }),
  })
  .map((overrides) => rulesWith(overrides));

const severityOf = (phq9: number[], gad7: number[], rules: TriageRuleSet): number => {
  const scores = [
    scoreInstrument({ instrument: 'PHQ9', answers: phq9 }, 'body'),
    scoreInstrument({ instrument: 'GAD7', answers: gad7 }, 'body'),
  ];
  return dispositionSeverity[triage(scores, rules).disposition.code];
};

/** The same answers with one item raised by one step (items already at 3 stay). */
const raise = (answers: number[], index: number): number[] =>
  answers.map((answer, position) => (position === index ? Math.min(3, answer + 1) : answer));

describe('scoring properties', () => {
  it.each(ids)('%s: the total is the sum, within 0..maxTotal, and its band holds it', (id) => {
    const definition = getInstrument(id);
    fc.assert(
      fc.property(answersOf(id), (answers) => {
        const result = scoreInstrument({ instrument: id, answers }, 'body');
        expect(result.total).toBe(answers.reduce((sum, answer) => sum + answer, 0));
        expect(result.total).toBeGreaterThanOrEqual(0);
        expect(result.total).toBeLessThanOrEqual(definition.maxTotal);
        const band = definition.bands.find((candidate) => candidate.id === result.band);
        expect(band && band.min <= result.total && result.total <= band.max).toBe(true);
      }),
    );
  });

  it.each(ids)('%s: bands are contiguous from 0 to maxTotal', (id) => {
    const { bands, maxTotal } = getInstrument(id);
    bands.forEach((band, index) => {
      expect(band.min).toBeLessThanOrEqual(band.max);
      expect(band.min).toBe(index === 0 ? 0 : (bands[index - 1]?.max ?? NaN) + 1);
    });
    expect(bands.at(-1)?.max).toBe(maxTotal);
  });

  it.each(ids)('%s: raising one item by one raises the total by exactly one', (id) => {
    const count = getInstrument(id).items.length;
    fc.assert(
      fc.property(answersOf(id), fc.nat({ max: count - 1 }), (answers, index) => {
        fc.pre((answers[index] ?? 3) < 3);
        const before = scoreInstrument({ instrument: id, answers }, 'body').total;
        const after = scoreInstrument({ instrument: id, answers: raise(answers, index) }, 'body');
        expect(after.total).toBe(before + 1);
      }),
    );
  });
});

describe('triage properties', () => {
  it('any increasing thresholds inside the range pass validation', () => {
    fc.assert(
      fc.property(validRules, (rules) => {
        expect(validateTriageRules(rules)).toEqual([]);
      }),
    );
  });

  it('raising any PHQ-9 item never lowers the disposition, under any valid rules', () => {
    fc.assert(
      fc.property(
        answersOf('PHQ9'),
        answersOf('GAD7'),
        fc.nat({ max: 8 }),
        validRules,
        (phq9, gad7, index, rules) => {
          const before = severityOf(phq9, gad7, rules);
          expect(severityOf(raise(phq9, index), gad7, rules)).toBeGreaterThanOrEqual(before);
        },
      ),
    );
  });

  it('raising any GAD-7 item never lowers the disposition, under any valid rules', () => {
    fc.assert(
      fc.property(
        answersOf('PHQ9'),
        answersOf('GAD7'),
        fc.nat({ max: 6 }),
        validRules,
        (phq9, gad7, index, rules) => {
          const before = severityOf(phq9, gad7, rules);
          expect(severityOf(phq9, raise(gad7, index), rules)).toBeGreaterThanOrEqual(before);
        },
      ),
    );
  });

  it('a positive item 9 always means a warm handoff, safety steps and a critical flag', () => {
    fc.assert(
      fc.property(answersOf('PHQ9'), validRules, (answers, rules) => {
        fc.pre((answers[PHQ9_ITEM9_INDEX] ?? 0) >= rules.phq9Item9SafetyFrom);
        const score = scoreInstrument({ instrument: 'PHQ9', answers }, 'body');
        const result = triage([score], rules);
        expect(result.disposition.code).toBe('warm_handoff_today');
        expect(result.disposition.pcpSafetyStepsNow).toBe(true);
        expect(result.flags[0]).toMatchObject({ code: 'safety_item9', severity: 'critical' });
      }),
    );
  });

  it('the combined disposition is the most urgent of each instrument alone', () => {
    fc.assert(
      fc.property(answersOf('PHQ9'), answersOf('GAD7'), validRules, (phq9, gad7, rules) => {
        const phq9Score = scoreInstrument({ instrument: 'PHQ9', answers: phq9 }, 'body');
        const gad7Score = scoreInstrument({ instrument: 'GAD7', answers: gad7 }, 'body');
        const alone = [triage([phq9Score], rules), triage([gad7Score], rules)].map(
          (result) => dispositionSeverity[result.disposition.code],
        );
        const both = triage([phq9Score, gad7Score], rules);
        expect(dispositionSeverity[both.disposition.code]).toBe(Math.max(...alone));
        expect(both.disposition.reasons.length).toBeGreaterThanOrEqual(2);
      }),
    );
  });
});
