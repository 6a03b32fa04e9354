import { describe, expect, it } from 'vitest';
import { csvFilename, toCsv } from '../../../web/lib/csv';

describe('toCsv (RFC 4180)', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rhere', '"cr\rhere"'],
    ['', ''],
    ['Zoë Núñez', 'Zoë Núñez'],
  ])('writes %j as %j', (cell, expected) => {
    expect(toCsv(['h'], [[cell]])).toBe(`h\r\n${expected}\r\n`);
  });

  it('ends every record with CRLF, including the last', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          [1, 2],
          [3, 4],
        ],
      ),
    ).toBe('a,b\r\n1,2\r\n3,4\r\n');
  });

  it('writes numbers as numbers (negatives too) and null, undefined and NaN as empty cells', () => {
    expect(toCsv(['a', 'b', 'c', 'd', 'e'], [[-3.5, 0, null, undefined, Number.NaN]])).toBe(
      'a,b,c,d,e\r\n-3.5,0,,,\r\n',
    );
  });

  it('keeps text that a spreadsheet would run as a formula inert', () => {
    expect(toCsv(['h'], [['=HYPERLINK("x")'], ['+1'], ['-2'], ['@SUM(A1)']])).toBe(
      `h\r\n"'=HYPERLINK(""x"")"\r\n'+1\r\n'-2\r\n'@SUM(A1)\r\n`,
    );
  });

  it('quotes header cells by the same rules', () => {
    expect(toCsv(['Response, 8 weeks', 'n'], [])).toBe('"Response, 8 weeks",n\r\n');
  });
});

describe('csvFilename', () => {
  it('joins parts into a lower-case name without spaces or punctuation', () => {
    expect(csvFilename('Pine Ridge', 'Codes billed', '2026-01 to 2026-06')).toBe(
      'pine-ridge-codes-billed-2026-01-to-2026-06.csv',
    );
  });
});
