import type { Role } from '@lib/contracts';
import type { BillingCode, BillingGateKind, ExclusionReason, WorksheetLine } from '@lib/billing';

export const billingKeys = {
  worksheet: (clinicId: string, month: string) =>
    ['clinic', clinicId, 'billing', month, 'worksheet'] as const,
  settings: (clinicId: string) => ['clinic', clinicId, 'billing-settings'] as const,
};

export const GATE_LABEL: Record<BillingGateKind, string> = {
  consent_missing: 'No documented consent',
  no_billing_practitioner: 'No billing practitioner',
  initiating_visit_needed: 'Initiating visit needed',
};

export const EXCLUSION_LABEL: Record<ExclusionReason, string> = {
  before_consent: 'Before consent',
  separately_billed: 'Billed separately',
  role_not_counted: 'Role not counted',
  kind_not_counted: 'Activity not counted',
  overlap: 'Overlapping time',
};

export const ROLE_SHORT: Record<Role, string> = {
  bcm: 'BCM',
  pcp: 'PCP',
  psychiatrist: 'Psychiatrist',
  ma: 'MA',
  admin: 'Admin',
  tablet: 'Tablet',
};

export const CODE_ORDER: readonly BillingCode[] = [
  '99492',
  '99493',
  '99494',
  'G2214',
  '99484',
  'G0512',
];

export const dollars = (cents: number): string =>
  (cents / 100).toLocaleString('en-US', { style: 'currency', currency: 'USD' });

export const monthLabel = (month: string): string => {
  const [year = 2000, monthNumber = 1] = month.split('-').map(Number);
  // Noon UTC of the 15th names the same month in every zone.
  return new Date(Date.UTC(year, monthNumber - 1, 15, 12)).toLocaleDateString('en-US', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
};

export const patientName = (line: WorksheetLine): string =>
  `${line.patient.familyName}, ${line.patient.givenName}`;

export type SortKey = 'patient' | 'minutes' | 'toNext' | 'codes';
export interface Sort {
  key: SortKey;
  direction: 'ascending' | 'descending';
}

const valueOf = (line: WorksheetLine, key: SortKey): string | number | null => {
  switch (key) {
    case 'patient':
      return patientName(line).toLocaleLowerCase();
    case 'minutes':
      return line.countedMinutes;
    case 'toNext':
      return line.minutesToNext?.minutes ?? null;
    case 'codes':
      return line.codes.reduce((sum, code) => sum + code.units, 0);
  }
};

/** A stable sort; lines with nothing to reach (null) go last whichever the direction. */
export function sortLines(lines: readonly WorksheetLine[], sort: Sort): WorksheetLine[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return lines
    .map((line, index) => ({ line, index, value: valueOf(line, sort.key) }))
    .sort((a, b) => {
      if (a.value === b.value) return a.index - b.index;
      if (a.value === null) return 1;
      if (b.value === null) return -1;
      return (a.value < b.value ? -1 : 1) * sign;
    })
    .map((entry) => entry.line);
}

/** Saves text as a file the browser downloads (the export answers JSON, not a file). */
export function downloadText(filename: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser a moment to start the download before the URL goes away.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
