import type { Language } from '../../contracts/common';
import type { ScaleInstrumentId } from '../../contracts/screenings';

/** Patient-facing text in every language the instrument's publisher provides; English always. */
export type LocalizedText = { en: string } & Partial<Record<Language, string>>;

export interface AnswerOption {
  value: number;
  label: LocalizedText;
  /** LOINC LA answer code (e.g. LA6568-5), used in FHIR exports; omitted when LOINC has none. */
  loinc?: string;
}

export interface InstrumentItem {
  /** Stable id, e.g. "phq9.9"; also the FHIR linkId source. */
  id: string;
  loinc: string;
  text: LocalizedText;
}

/** Bands partition [0, maxTotal]; labels are for staff (English). */
export interface ScoreBand {
  id: string;
  label: string;
  min: number;
  max: number;
}

/**
 * An instrument as data: the tablet renders it and the server scores it from the same definition.
 * Wording is reproduced exactly as published under the instrument's terms of use.
 */
export interface InstrumentDefinition {
  id: ScaleInstrumentId;
  /** Short staff-facing name, e.g. "PHQ-9". */
  name: string;
  /** The stem shown above every item, e.g. the look-back period. */
  preamble: LocalizedText;
  /** One answer scale shared by every item. */
  answerOptions: AnswerOption[];
  items: InstrumentItem[];
  bands: ScoreBand[];
  maxTotal: number;
  languages: Language[];
  /**
   * For each offered language, what the wording was checked against. A language is offered only
   * when its wording was verified (docs/clinical-rules.md, "Wording").
   */
  wording: Partial<Record<Language, string>>;
  loinc: { panel: string; total: string };
  source: string;
  terms: string;
}
