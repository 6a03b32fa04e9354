import { describe, expect, it } from 'vitest';
import {
  CLAIM_COLUMNS,
  claimCsv,
  csvField,
  lastDayOf,
} from '../../../../functions/domain/billing/csv';

/** A minimal RFC 4180 reader, so the test checks what a spreadsheet would read back. */
const parseCsv = (text: string): string[][] => {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else field += char;
  }
  return rows;
};

const line = (familyName: string, givenName: string, diagnosisCodes: string[] = ['F32.1']) => ({
  patient: { familyName, givenName, dateOfBirth: '1970-04-02', mrn: 'MRN-7' },
  diagnosisCodes,
  billingPractitionerId: 'pcp-1',
  month: '2026-11',
});

const practitioners = new Map([['pcp-1', { name: 'Dr. Kim, MD', npi: '1234567893' }]]);

describe('claim CSV', () => {
  it('quotes commas, quotes and line breaks and keeps accents (RFC 4180, CRLF)', () => {
    const { csv, rows } = claimCsv({
      lines: [
        {
          line: line('Núñez, Jr.', 'José "Pepe"'),
          codes: [
            { code: '99493', units: 1 },
            { code: '99494', units: 2 },
          ],
        },
        { line: line("O'Brien\nSmith", 'Zoë'), codes: [{ code: 'G2214', units: 1 }] },
      ],
      practitioners,
      dateOfService: '2026-11-30',
      placeOfService: '11',
    });
    expect(rows).toBe(3);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.split('\r\n')[1]).toBe(
      '"Núñez, Jr.","José ""Pepe""",1970-04-02,MRN-7,"Dr. Kim, MD",1234567893,2026-11-30,99493,1,F32.1,,,,11,',
    );
    const parsed = parseCsv(csv);
    expect(parsed[0]).toEqual([...CLAIM_COLUMNS]);
    expect(parsed.slice(1).map((r) => [r[0], r[1], r[7], r[8]])).toEqual([
      ['Núñez, Jr.', 'José "Pepe"', '99493', '1'],
      ['Núñez, Jr.', 'José "Pepe"', '99494', '2'],
      ["O'Brien\nSmith", 'Zoë', 'G2214', '1'],
    ]);
    for (const row of parsed) expect(row).toHaveLength(CLAIM_COLUMNS.length);
  });

  it('puts up to four diagnoses in their own columns', () => {
    const { csv } = claimCsv({
      lines: [
        {
          line: line('Reyes', 'Ana', ['F32.1', 'F41.1', 'F43.10', 'F17.210', 'F51.01']),
          codes: [{ code: '99492', units: 1 }],
        },
      ],
      practitioners,
      dateOfService: '2026-11-30',
      placeOfService: '02',
    });
    const row = parseCsv(csv)[1] ?? [];
    expect(row.slice(9, 14)).toEqual(['F32.1', 'F41.1', 'F43.10', 'F17.210', '02']);
  });

  it('writes no rows for a line without codes, and modifiers when given', () => {
    const { rows, csv } = claimCsv({
      lines: [
        { line: line('Held', 'Gated'), codes: [] },
        { line: line('Reyes', 'Ana'), codes: [{ code: '99492', units: 1 }] },
      ],
      practitioners,
      dateOfService: '2026-11-30',
      placeOfService: '11',
      modifiers: { '99492': ['GT', '95'] },
    });
    expect(rows).toBe(1);
    expect(parseCsv(csv)[1]?.at(-1)).toBe('GT 95');
  });

  it('keeps a value a spreadsheet would run as a formula as text', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('Smith-Jones')).toBe('Smith-Jones');
  });

  it.each([
    ['2026-11', '2026-11-30'],
    ['2026-12', '2026-12-31'],
    ['2028-02', '2028-02-29'],
    ['2026-02', '2026-02-28'],
  ])('the last day of %s is %s', (month, day) => {
    expect(lastDayOf(month)).toBe(day);
  });
});
