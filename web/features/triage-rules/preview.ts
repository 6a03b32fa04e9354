import type { InstrumentTriageThresholds } from '@lib/contracts';

/** One range of an instrument's total and the disposition the clinic's rules give it. */
export interface RangePreview {
  /** "0–4", "10–14", "≥15" */
  range: string;
  disposition: string;
}

export interface Timing {
  offerBhWithinDays: number;
  urgentWithinHours: number;
}

const span = (from: number, to: number): string => (from === to ? `${from}` : `${from}–${to}`);

/**
 * How a rule set cuts an instrument's 0..maxTotal range, in the words the PCP sees (the same order
 * as the server's triage: warm handoff from, offer BH from, PCP addresses from, otherwise none).
 * Returns undefined while the thresholds do not make strictly increasing ranges inside the scale.
 */
export function previewRanges(
  thresholds: InstrumentTriageThresholds,
  maxTotal: number,
  timing: Timing,
): RangePreview[] | undefined {
  const { pcpAddressesFrom: pcp, offerBhFrom: offer, warmHandoffFrom: warm } = thresholds;
  const numbers = [pcp, offer, warm];
  if (numbers.some((n) => !Number.isInteger(n) || n < 0 || n > maxTotal)) return undefined;
  if (!(pcp < offer && offer < warm)) return undefined;
  const ranges: RangePreview[] = [];
  if (pcp > 0) ranges.push({ range: span(0, pcp - 1), disposition: 'none' });
  ranges.push({ range: span(pcp, offer - 1), disposition: 'PCP addresses' });
  ranges.push({
    range: span(offer, warm - 1),
    disposition: `offer BH within ${timing.offerBhWithinDays} days`,
  });
  ranges.push({
    range: warm === maxTotal ? `${warm}` : `≥${warm}`,
    disposition: `warm handoff today / ${timing.urgentWithinHours} h`,
  });
  return ranges;
}

/** "PHQ-9 0–4 none · 5–9 PCP addresses · 10–14 offer BH within 14 days · ≥15 warm handoff today / 72 h" */
export const previewSentence = (name: string, ranges: RangePreview[]): string =>
  `${name} ${ranges.map((r) => `${r.range} ${r.disposition}`).join(' · ')}`;
