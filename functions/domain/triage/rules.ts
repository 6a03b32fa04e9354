import type { InstrumentTriageThresholds, TriageRuleSet } from '../../contracts/clinics';
import type { FieldIssue } from '../../contracts/common';
import { getInstrument, PHQ9_ITEM9_INDEX } from '../instruments/index';
import { DEFAULT_IN_HOUSE_TIERS, inHouseTierIssues } from './scope';
import { DEFAULT_PCPTSD5_CUT_POINT } from './screens';

/** The seed's operational rule (CLINICAL.md Part 1, "Triage"); GAD-7 mirrors it as a product default. */
const defaultThresholds = (): InstrumentTriageThresholds => ({
  pcpAddressesFrom: 5,
  offerBhFrom: 10,
  warmHandoffFrom: 15,
});

export const defaultTriageRules = (init: {
  clinicId: string;
  createdAt: string;
  createdBy: string;
}): TriageRuleSet => ({
  clinicId: init.clinicId,
  version: 1,
  phq9: defaultThresholds(),
  gad7: defaultThresholds(),
  phq9Item9SafetyFrom: 1,
  offerBhWithinDays: 14,
  urgentWithinHours: 72,
  pcptsd5CutPoint: DEFAULT_PCPTSD5_CUT_POINT,
  inHouseTiers: [...DEFAULT_IN_HOUSE_TIERS],
  createdAt: init.createdAt,
  createdBy: init.createdBy,
});

const thresholdIssues = (
  key: 'phq9' | 'gad7',
  thresholds: InstrumentTriageThresholds,
  maxTotal: number,
): FieldIssue[] => {
  const issues: FieldIssue[] = [];
  const order = ['pcpAddressesFrom', 'offerBhFrom', 'warmHandoffFrom'] as const;
  order.forEach((name, position) => {
    const value = thresholds[name];
    if (!Number.isInteger(value) || value < 0 || value > maxTotal) {
      issues.push({
        field: `${key}.${name}`,
        message: `must be a whole number from 0 to ${maxTotal}`,
      });
      return;
    }
    const previous = position > 0 ? order[position - 1] : undefined;
    // Strictly increasing, so every total falls in exactly one disposition and no range is inverted.
    if (previous !== undefined && value <= thresholds[previous]) {
      issues.push({
        field: `${key}.${name}`,
        message: `must be greater than ${previous} (${thresholds[previous]})`,
      });
    }
  });
  return issues;
};

const PCPTSD5_ITEMS = 5;

/** A screener and the instrument it continues into cannot be handed over together. */
const PAIRS = [
  ['PHQ2', 'PHQ9'],
  ['GAD2', 'GAD7'],
] as const;

const bundleIssues = (rules: TriageRuleSet): FieldIssue[] => {
  const bundles = rules.screeningBundles ?? [];
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  bundles.forEach((bundle, index) => {
    const field = `screeningBundles.${index}`;
    if (seen.has(bundle.id)) issues.push({ field: `${field}.id`, message: 'must be unique' });
    seen.add(bundle.id);
    if (new Set(bundle.instruments).size !== bundle.instruments.length) {
      issues.push({ field: `${field}.instruments`, message: 'must list each instrument once' });
    }
    for (const [screener, full] of PAIRS) {
      if (bundle.instruments.includes(screener) && bundle.instruments.includes(full)) {
        issues.push({
          field: `${field}.instruments`,
          message: `cannot hold both ${screener} and ${full}: a positive ${screener} continues into the ${full}`,
        });
      }
    }
  });
  return issues;
};

/**
 * Checks a rule set beyond its zod shape: the thresholds must cut each instrument's 0..maxTotal
 * range into ordered dispositions. Field paths are relative to the rule set (e.g.
 * "phq9.offerBhFrom"); the caller prefixes the request part.
 */
export const validateTriageRules = (rules: TriageRuleSet): FieldIssue[] => {
  const phq9 = getInstrument('PHQ9');
  const item9Options = phq9.answerOptions.map((option) => option.value);
  const item9Max = Math.max(...item9Options);
  const issues = [
    ...thresholdIssues('phq9', rules.phq9, phq9.maxTotal),
    ...thresholdIssues('gad7', rules.gad7, getInstrument('GAD7').maxTotal),
  ];
  const item9 = rules.phq9Item9SafetyFrom;
  // 0 would flag every patient; above the scale's top it could never fire and hide a safety signal.
  if (!Number.isInteger(item9) || item9 < 1 || item9 > item9Max) {
    issues.push({
      field: 'phq9Item9SafetyFrom',
      message: `must be a whole number from 1 to ${item9Max} (PHQ-9 item ${PHQ9_ITEM9_INDEX + 1})`,
    });
  }
  const cut = rules.pcptsd5CutPoint;
  // 0 would call every patient positive; above 5 no one could be.
  if (cut !== undefined && (!Number.isInteger(cut) || cut < 1 || cut > PCPTSD5_ITEMS)) {
    issues.push({
      field: 'pcptsd5CutPoint',
      message: `must be a whole number from 1 to ${PCPTSD5_ITEMS} (count of "yes" answers)`,
    });
  }
  issues.push(...inHouseTierIssues(rules), ...bundleIssues(rules));
  return issues;
};
