import { describe, expect, it } from '@jest/globals';
import type { CellValue } from './cell-value.js';
import { detectHeaderRow, findHeaderRow, headerText } from './header-detection.js';
import { ImportError } from './import-error.js';
import type { RawRow } from './raw-row.js';

// A stand-in for the real header mapping: a few canonical headers, compared case- and space-insensitively.
const KNOWN = new Set([
  'supplier name',
  'country',
  'city',
  'number of workers',
  '% migrant workers',
  'products',
]);
const isKnownHeader = (text: string): boolean => KNOWN.has(text.toLowerCase().replace(/\s+/g, ' ').trim());

function makeRow(rowNumber: number, ...cells: CellValue[]): RawRow {
  return { rowNumber, cells };
}

describe(detectHeaderRow.name, () => {
  it('finds the header below a title banner, a filter note and blank rows', () => {
    const rows = [
      makeRow(1, 'Supplier Master Data — ACME Foods'),
      makeRow(2, 'Exported 03.02.2025 · Filter: Country = all'),
      makeRow(4, 'Note: blank = not known'),
      makeRow(5, 'Vendor No.', 'Supplier Name', 'Country', 'City', 'Buyer'),
      makeRow(7, 'V-1', 'Saigon Garment', 'Viet Nam', 'Thu Dau Mot', 'M. Keller'),
    ];

    const header = detectHeaderRow(rows, isKnownHeader);

    expect(header).toMatchObject({
      rowNumber: 5,
      index: 3,
      knownHeaders: 3,
      headers: ['Vendor No.', 'Supplier Name', 'Country', 'City', 'Buyer'],
    });
  });

  it('prefers the row naming more known columns over an earlier row naming one', () => {
    const rows = [
      makeRow(1, 'Country', 'Germany'),
      makeRow(2, 'Supplier name', 'Country', 'Number of workers'),
      makeRow(3, 'Müller Garn', 'DE', 60),
    ];

    expect(detectHeaderRow(rows, isKnownHeader).rowNumber).toBe(2);
  });

  it('breaks a tie on known columns by the number of text cells, then by the earlier row', () => {
    const tiedOnKnown = [makeRow(1, 'Country', 45366, 12), makeRow(2, 'Country', 'Region', 'Notes')];
    const fullTie = [makeRow(3, 'City', 'Region'), makeRow(4, 'City', 'Zone')];

    expect(detectHeaderRow(tiedOnKnown, isKnownHeader).rowNumber).toBe(2);
    expect(detectHeaderRow(fullTie, isKnownHeader).rowNumber).toBe(3);
  });

  it('does not count numbers or dates that happen to read like a header', () => {
    const rows = [makeRow(1, 12, new Date('2024-01-01T00:00:00Z')), makeRow(2, 'Supplier name')];

    expect(detectHeaderRow(rows, (text) => text === '12' || text === 'Supplier name').rowNumber).toBe(2);
  });

  it('cleans header text: line breaks and repeated spaces collapsed, ends trimmed, empty cells as ""', () => {
    const rows = [makeRow(1, ' Total\nWorkers ', null, 'Supplier   name')];

    expect(detectHeaderRow(rows, isKnownHeader).headers).toEqual(['Total Workers', '', 'Supplier name']);
  });

  it('refuses rows without a single known column, saying what was looked for and where', () => {
    const rows = [makeRow(1, 'Item', 'Quantity'), makeRow(2, 'Bolts', 1200)];

    let error: unknown;
    try {
      detectHeaderRow(rows, isKnownHeader, { sheetName: 'Data' });
    } catch (caught) {
      error = caught;
    }

    expect(error).toBeInstanceOf(ImportError);
    expect(error).toMatchObject({ code: 'NO_HEADER_ROW', details: { sheetName: 'Data' } });
    expect((error as ImportError).message).toBe(
      'No header row found in sheet "Data" (looked at the first 2 rows): expected a row of column titles such as ' +
        '"Supplier name", "Country", "Number of workers". Add a header row above the data, or start from the import template.',
    );
  });
});

describe(findHeaderRow.name, () => {
  it('returns undefined instead of throwing, for choosing between sheets', () => {
    expect(findHeaderRow([makeRow(1, 'Notes about this file')], isKnownHeader)).toBeUndefined();
    expect(findHeaderRow([], isKnownHeader)).toBeUndefined();
  });
});

describe(headerText.name, () => {
  it.each<[CellValue, string]>([
    ['  Supplier\r\n name ', 'Supplier name'],
    [2024, '2024'],
    [true, 'TRUE'],
    [new Date('2024-03-14T00:00:00Z'), '2024-03-14'],
    [null, ''],
  ])('%p -> %p', (value, expected) => {
    expect(headerText(value)).toBe(expected);
  });
});
