import type { EpisodeView } from '../contracts';
import { FLAG_ORDER } from './flags';

export type SortKey =
  'patient' | 'clinic' | 'weeks' | 'phq9' | 'gad7' | 'lastContact' | 'minutes' | 'flags';
export type SortDirection = 'ascending' | 'descending';
export interface Sort {
  key: SortKey;
  direction: SortDirection;
}

/** The most urgent flag's rank (lower is more urgent); rows without flags last. */
const urgency = (row: EpisodeView): number =>
  Math.min(FLAG_ORDER.length, ...row.flags.map((f) => FLAG_ORDER.indexOf(f.kind)));

/** Sort values; a missing value is null and always sorts last whatever the direction. */
const valueOf = (row: EpisodeView, key: SortKey): string | number | null => {
  switch (key) {
    case 'patient':
      return `${row.patient.familyName}, ${row.patient.givenName}`.toLowerCase();
    case 'clinic':
      return row.clinicName.toLowerCase();
    case 'weeks':
      return row.weeksInTreatment;
    case 'phq9':
      return row.latest.phq9?.score ?? null;
    case 'gad7':
      return row.latest.gad7?.score ?? null;
    case 'lastContact':
      // "Longest without contact" first when descending; never contacted counts as the longest.
      return row.daysSinceLastContact ?? Number.MAX_SAFE_INTEGER;
    case 'minutes':
      return row.minutesThisMonth;
    case 'flags':
      // Descending = most urgent first, then by how many flags.
      return (FLAG_ORDER.length - urgency(row)) * 100 + row.flags.length;
  }
};

/** A stable sort of the caseload rows (ties keep the server's order). */
export function sortRows(rows: readonly EpisodeView[], sort: Sort): EpisodeView[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, value: valueOf(row, sort.key) }))
    .sort((a, b) => {
      if (a.value === null || b.value === null) {
        if (a.value === b.value) return a.index - b.index;
        return a.value === null ? 1 : -1;
      }
      if (a.value < b.value) return -sign;
      if (a.value > b.value) return sign;
      return a.index - b.index;
    })
    .map(({ row }) => row);
}

/** The capacity meter's state: below the warning, at/over it, or over it by a fifth. */
export function capacityLevel(active: number, warningAt: number): 'ok' | 'warn' | 'over' {
  if (active >= Math.ceil(warningAt * 1.2)) return 'over';
  if (active >= warningAt) return 'warn';
  return 'ok';
}
