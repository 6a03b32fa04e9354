/**
 * The claim CSV of a closed month: one row per code line, in the order a billing clerk keys a
 * claim (CMS-1500 boxes: patient 2/3, MRN as the patient account 26, practitioner 24J/33a, date of
 * service 24A, CPT/HCPCS 24D, units 24G, diagnoses 21 A–D, place of service 24B, modifiers 24D).
 * RFC 4180: CRLF line ends, fields with a comma, quote or line break in double quotes.
 */
import type { CodeUnits, WorksheetLine } from '../../contracts/billing';

export interface ClaimPractitioner {
  name: string;
  npi: string;
}

export interface ClaimLineInput {
  line: Pick<WorksheetLine, 'patient' | 'diagnosisCodes' | 'billingPractitionerId' | 'month'>;
  /** The line's codes after adjustments. */
  codes: readonly CodeUnits[];
}

export interface ClaimCsvInput {
  lines: readonly ClaimLineInput[];
  practitioners: ReadonlyMap<string, ClaimPractitioner>;
  /** YYYY-MM-DD: CoCM's date of service is the last day of the month in the clinic's zone. */
  dateOfService: string;
  placeOfService: string;
  /** Per code; none for CoCM by default. */
  modifiers?: Partial<Record<string, readonly string[]>>;
}

export const CLAIM_COLUMNS = [
  'Patient last name',
  'Patient first name',
  'Date of birth',
  'MRN',
  'Billing practitioner',
  'Billing NPI',
  'Date of service',
  'CPT/HCPCS',
  'Units',
  'Diagnosis 1',
  'Diagnosis 2',
  'Diagnosis 3',
  'Diagnosis 4',
  'Place of service',
  'Modifiers',
] as const;

/** A claim carries at most four diagnosis pointers per service line. */
const MAX_DIAGNOSES = 4;

/**
 * A field a spreadsheet would run as a formula is kept as text with a leading apostrophe (CSV
 * injection); a leading "-" is left alone since hyphenated names and codes start with letters.
 */
const defused = (value: string): string => (/^[=+@\t\r]/.test(value) ? `'${value}` : value);

export const csvField = (raw: string): string => {
  const value = defused(raw);
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
};

export const csvRow = (fields: readonly string[]): string => fields.map(csvField).join(',');

/** The last day of a YYYY-MM month (a calendar fact: the same in every zone). */
export const lastDayOf = (month: string): string => {
  const [year = 0, monthNumber = 1] = month.split('-').map(Number);
  const day = new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
  return `${month}-${String(day).padStart(2, '0')}`;
};

export const claimCsv = (input: ClaimCsvInput): { csv: string; rows: number } => {
  const rows: string[] = [csvRow(CLAIM_COLUMNS)];
  for (const { line, codes } of input.lines) {
    const practitioner = input.practitioners.get(line.billingPractitionerId ?? '');
    const diagnoses = [...line.diagnosisCodes.slice(0, MAX_DIAGNOSES)];
    while (diagnoses.length < MAX_DIAGNOSES) diagnoses.push('');
    for (const { code, units } of codes) {
      rows.push(
        csvRow([
          line.patient.familyName,
          line.patient.givenName,
          line.patient.dateOfBirth,
          line.patient.mrn ?? '',
          practitioner?.name ?? '',
          practitioner?.npi ?? '',
          input.dateOfService,
          code,
          String(units),
          ...diagnoses,
          input.placeOfService,
          (input.modifiers?.[code] ?? []).join(' '),
        ]),
      );
    }
  }
  return { csv: `${rows.join('\r\n')}\r\n`, rows: rows.length - 1 };
};
