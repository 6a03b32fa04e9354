import type { Language } from '../../contracts/common';
import type { CatalogInstrumentId, ScaleInstrumentId } from '../../contracts/screenings';
import { ahcHrsn } from './ahc-hrsn';
import { auditC } from './auditc';
import { cssrs } from './cssrs';
import { gad2 } from './gad2';
import { pcPtsd5 } from './pcptsd5';
import { phq2 } from './phq2';
import type { LocalizedText, ScoreBand } from './types';

export { applicableItems, itemStatuses } from './rules/skip-logic';
export type { ItemStatus } from './rules/skip-logic';
export { catalogAnswerIssues } from './rules/validate';

/**
 * Instruments that do not fit the one-shared-scale InstrumentDefinition: per-item answer options,
 * a gate item, skip logic and non-sum results. Each is data (the tablet renders it, the server
 * scores it from the same definition) plus a scorer in its own module.
 */
export type { CatalogInstrumentId };

/** One answer. Yes/no items use 1 = Yes, 0 = No. */
export interface CatalogAnswerOption {
  value: number;
  label: LocalizedText;
  /** LOINC answer (LA) code, only where confirmed. */
  loinc?: string;
  /** A "positive" answer for a domain rule (the AHC-HRSN tool underlines them). */
  positive?: boolean;
}

/** The item is asked only when an earlier item was asked and answered with `equals`. */
export interface SkipCondition {
  item: string;
  equals: number;
}

export interface CatalogItem {
  /** Stable id, e.g. "cssrs.6b"; PHQ-2/GAD-2 reuse the PHQ-9/GAD-7 ids so answers carry over. */
  id: string;
  /** Item LOINC code, only where confirmed (CLINICAL.md Part 2 §2.1); absent otherwise. */
  loinc?: string;
  /** A stem the item completes, e.g. "In the past month, have you..."; shown once per run. */
  stem?: LocalizedText;
  text: LocalizedText;
  options: readonly CatalogAnswerOption[];
  /** 'many': the answer is a non-empty array of distinct option values (choose all that apply). */
  select?: 'one' | 'many';
  /** For 'many': an option that must stand alone ("None of the above"). */
  exclusiveValue?: number;
  askedWhen?: SkipCondition;
}

export type AuditCSex = 'male' | 'female' | 'unknown';

export type SdohDomain =
  'housing' | 'food' | 'transportation' | 'utilities' | 'interpersonalSafety';

export interface DomainRule {
  id: SdohDomain;
  label: string;
  items: readonly string[];
  /** 'positive-option': any answer marked positive; sumAbove: the items' values summed exceed it. */
  positiveWhen: 'positive-option' | { sumAbove: number };
}

/** How a definition is scored, as data the scorer reads (so the two cannot drift apart). */
export type ScoringRule =
  | {
      kind: 'sum';
      maxTotal: number;
      positiveFrom: number;
      /** negative / positive; they partition [0, maxTotal]. */
      bands: readonly ScoreBand[];
      /** The full instrument a positive screen continues with; these items are not re-asked. */
      continueWith: ScaleInstrumentId;
    }
  | { kind: 'sum-by-sex'; maxTotal: number; positiveFrom: Readonly<Record<AuditCSex, number>> }
  | { kind: 'count-yes'; gate: string; maxTotal: number; defaultPositiveFrom: number }
  | { kind: 'risk-level' }
  | { kind: 'domains'; domains: readonly DomainRule[] };

export interface CatalogDefinition {
  id: CatalogInstrumentId;
  /** Short staff-facing name, e.g. "PC-PTSD-5". */
  name: string;
  /** Stem shown above the items, where the published form has one. */
  preamble?: LocalizedText;
  items: readonly CatalogItem[];
  scoring: ScoringRule;
  languages: Language[];
  /** For each offered language, what the wording was checked against (see InstrumentDefinition). */
  wording: Partial<Record<Language, string>>;
  /** Only codes confirmed in CLINICAL.md Part 2 §2.1; an unconfirmed code is left out. */
  loinc: { panel?: string; total?: string; riskLevel?: string };
  source: string;
  terms: string;
}

/** An answer: an option value, or for a choose-all-that-apply item an array of them. */
export type AnswerValue = number | readonly number[];
/** Answers keyed by item id. A skipped item must be absent. */
export type CatalogAnswers = Readonly<Record<string, AnswerValue | undefined>>;

/** Shared by every scorer: where issues point, e.g. "body.responses.2.answers". */
export interface ScoreContextBase {
  fieldPrefix?: string;
}

const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
};

/** Every extended instrument; the Record type makes a new id fail to compile here. */
export const catalog: Readonly<Record<CatalogInstrumentId, CatalogDefinition>> = deepFreeze({
  PHQ2: phq2,
  GAD2: gad2,
  AUDITC: auditC,
  PCPTSD5: pcPtsd5,
  CSSRS: cssrs,
  AHCHRSN: ahcHrsn,
});

export const getCatalogDefinition = (id: CatalogInstrumentId): CatalogDefinition => catalog[id];
