/** One CSV cell: numbers are written as they are; null and undefined as an empty cell. */
export type CsvCell = string | number | null | undefined;

/**
 * Spreadsheet programs run a text cell that starts with one of these as a formula (CSV injection);
 * a patient label or free text must never do that, so such text gets a leading apostrophe.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

const field = (cell: CsvCell): string => {
  if (cell === null || cell === undefined) return '';
  let text = typeof cell === 'number' ? (Number.isFinite(cell) ? String(cell) : '') : cell;
  if (typeof cell === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** RFC 4180 text: CRLF after every record, fields quoted only when they must be. */
export const toCsv = (header: readonly string[], rows: readonly (readonly CsvCell[])[]): string =>
  [header, ...rows].map((row) => `${row.map(field).join(',')}\r\n`).join('');

/** A file name safe on every desktop: letters, digits, dots, dashes. */
export const csvFilename = (...parts: readonly string[]): string =>
  `${parts
    .map((p) =>
      p
        .toLowerCase()
        .replace(/[^a-z0-9.-]+/g, '-')
        .replace(/^-+|-+$/g, ''),
    )
    .filter(Boolean)
    .join('-')}.csv`;

/**
 * Saves CSV text as a download. The byte-order mark makes Excel read the file as UTF-8 (names
 * with accents); RFC 4180 readers skip it.
 */
export const downloadCsv = (filename: string, csv: string): void => {
  const url = URL.createObjectURL(new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: some browsers read the blob after click() returns.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
};
