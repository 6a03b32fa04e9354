import { describe, expect, it } from 'vitest';
import { TriageRuleSet } from '../../../functions/contracts/clinics';
import { defaultTriageRules, validateTriageRules } from '../../../functions/domain/triage/rules';
import { rulesWith } from './fixtures';

describe('defaultTriageRules', () => {
  it('is version 1 of the seed rule, valid against the contract and the range checks', () => {
    const rules = defaultTriageRules({
      clinicId: 'pine-ridge',
      createdAt: '2026-02-01T12:00:00.000Z',
      createdBy: 'user-7',
    });
    expect(rules).toEqual({
      clinicId: 'pine-ridge',
      version: 1,
      phq9: { pcpAddressesFrom: 5, offerBhFrom: 10, warmHandoffFrom: 15 },
      gad7: { pcpAddressesFrom: 5, offerBhFrom: 10, warmHandoffFrom: 15 },
      phq9Item9SafetyFrom: 1,
      offerBhWithinDays: 14,
      urgentWithinHours: 72,
      pcptsd5CutPoint: 3,
      inHouseTiers: ['tier1', 'tier2'],
      createdAt: '2026-02-01T12:00:00.000Z',
      createdBy: 'user-7',
    });
    expect(TriageRuleSet.parse(rules)).toEqual(rules);
    expect(validateTriageRules(rules)).toEqual([]);
  });

  it('gives each call its own threshold objects', () => {
    const rules = rulesWith();
    rules.phq9.offerBhFrom = 11;
    expect(rulesWith().phq9.offerBhFrom).toBe(10);
    expect(rules.gad7.offerBhFrom).toBe(10);
  });
});

describe('validateTriageRules', () => {
  it('accepts thresholds at the edges of each range', () => {
    const rules = rulesWith({
      phq9: { pcpAddressesFrom: 0, offerBhFrom: 1, warmHandoffFrom: 27 },
      gad7: { pcpAddressesFrom: 19, offerBhFrom: 20, warmHandoffFrom: 21 },
      phq9Item9SafetyFrom: 3,
    });
    expect(validateTriageRules(rules)).toEqual([]);
  });

  it('requires strictly increasing thresholds', () => {
    const rules = rulesWith({
      phq9: { pcpAddressesFrom: 5, offerBhFrom: 5, warmHandoffFrom: 4 },
      gad7: { pcpAddressesFrom: 10, offerBhFrom: 9, warmHandoffFrom: 15 },
    });
    expect(validateTriageRules(rules)).toEqual([
      { field: 'phq9.offerBhFrom', message: 'must be greater than pcpAddressesFrom (5)' },
      { field: 'phq9.warmHandoffFrom', message: 'must be greater than offerBhFrom (5)' },
      { field: 'gad7.offerBhFrom', message: 'must be greater than pcpAddressesFrom (10)' },
    ]);
  });

  it('keeps each threshold inside its instrument range', () => {
    const rules = rulesWith({
      phq9: { pcpAddressesFrom: -1, offerBhFrom: 10, warmHandoffFrom: 28 },
      gad7: { pcpAddressesFrom: 5, offerBhFrom: 10, warmHandoffFrom: 22 },
    });
    expect(validateTriageRules(rules)).toEqual([
      { field: 'phq9.pcpAddressesFrom', message: 'must be a whole number from 0 to 27' },
      { field: 'phq9.warmHandoffFrom', message: 'must be a whole number from 0 to 27' },
      { field: 'gad7.warmHandoffFrom', message: 'must be a whole number from 0 to 21' },
    ]);
  });

  it('rejects a GAD-7 threshold that is valid for the PHQ-9 range only', () => {
    const rules = rulesWith({
      gad7: { pcpAddressesFrom: 5, offerBhFrom: 10, warmHandoffFrom: 25 },
    });
    expect(validateTriageRules(rules).map((issue) => issue.field)).toEqual([
      'gad7.warmHandoffFrom',
    ]);
  });

  it('keeps the item 9 safety threshold on the answer scale', () => {
    expect(validateTriageRules(rulesWith({ phq9Item9SafetyFrom: 4 }))).toEqual([
      {
        field: 'phq9Item9SafetyFrom',
        message: 'must be a whole number from 1 to 3 (PHQ-9 item 9)',
      },
    ]);
    expect(validateTriageRules(rulesWith({ phq9Item9SafetyFrom: 0 })).map((i) => i.field)).toEqual([
      'phq9Item9SafetyFrom',
    ]);
  });
});
