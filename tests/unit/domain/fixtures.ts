import type { TriageRuleSet } from '../../../functions/contracts/clinics';
import type { ScaleInstrumentId, InstrumentScore } from '../../../functions/contracts/screenings';
import { scoreInstrument } from '../../../functions/domain/instruments/score';
import { defaultTriageRules } from '../../../functions/domain/triage/rules';

/** Fills items from the first with 3s until `total` is reached; `fixed` pins answers by index. */
export const answersWithTotal = (
  itemCount: number,
  total: number,
  fixed: Record<number, number> = {},
): number[] => {
  const answers = Array.from({ length: itemCount }, (_, index) => fixed[index] ?? 0);
  let remaining = total - answers.reduce((sum, answer) => sum + answer, 0);
  for (let index = 0; index < itemCount && remaining > 0; index += 1) {
    if (index in fixed) continue;
    const add = Math.min(3, remaining);
    answers[index] = add;
    remaining -= add;
  }
  if (remaining !== 0) throw new Error(`cannot build ${itemCount} answers totalling ${total}`);
  return answers;
};

export const phq9Answers = (total: number, item9 = 0): number[] =>
  answersWithTotal(9, total, { 8: item9 });
export const gad7Answers = (total: number): number[] => answersWithTotal(7, total);

export const score = (instrument: ScaleInstrumentId, answers: number[]): InstrumentScore =>
  scoreInstrument({ instrument, answers }, 'body');

export const phq9Score = (total: number, item9 = 0): InstrumentScore =>
  score('PHQ9', phq9Answers(total, item9));
export const gad7Score = (total: number): InstrumentScore => score('GAD7', gad7Answers(total));

export const rulesWith = (overrides: Partial<TriageRuleSet> = {}): TriageRuleSet => ({
  ...defaultTriageRules({
    clinicId: 'clinic-a',
    createdAt: '2026-01-05T15:00:00.000Z',
    createdBy: 'admin-1',
  }),
  ...overrides,
});
