import { afterAll, describe, expect, it } from '@jest/globals';
import { ImportError, type ImportErrorCode } from './import-error.js';
import type { RawRow } from './raw-row.js';
import { openSpreadsheet, type OpenedSpreadsheet, type OpenSpreadsheetOptions } from './spreadsheet.js';
import { fixture, tempFolder } from './testing/temp-files.js';
import { buildXlsx, type TestCell } from './testing/zip-writer.js';

const temp = tempFolder();
afterAll(() => temp.remove());

// A stand-in for the header mapping: the headers the fixtures use for names and countries, and a few more.
const KNOWN = new Set([
  'supplier name',
  'facility name',
  'factory name',
  'country',
  'country/region',
  'city',
  'products',
  'tier',
  'total workers',
  'no. of employees',
  '% migrant workers',
]);
const isKnownHeader = (text: string): boolean => KNOWN.has(text.toLowerCase());

function options(overrides: Partial<OpenSpreadsheetOptions> = {}): OpenSpreadsheetOptions {
  return { originalName: 'suppliers.xlsx', isKnownHeader, ...overrides };
}

async function readRows(opened: OpenedSpreadsheet): Promise<RawRow[]> {
  const rows: RawRow[] = [];
  for await (const row of opened.rows) {
    rows.push(row);
  }
  return rows;
}

async function openAndRead(path: string, overrides: Partial<OpenSpreadsheetOptions> = {}): Promise<RawRow[]> {
  return readRows(await openSpreadsheet(path, options(overrides)));
}

async function importFailure(work: Promise<unknown>): Promise<ImportError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof ImportError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected an ImportError');
}

function xlsxFile(name: string, sheets: { name: string; rows: TestCell[][]; state?: 'hidden' }[]): string {
  return temp.write(name, buildXlsx({ sheets }));
}

const SUPPLIER_TABLE: TestCell[][] = [
  ['Supplier name', 'Country', 'City'],
  ['Müller Garn GmbH', 'DE', 'Chemnitz'],
  ['Peñalosa Café S.A.', 'CO', 'Manizales'],
];

describe(openSpreadsheet.name, () => {
  describe('the sample files', () => {
    it.each([
      ['agriculture-suppliers.xlsx', 'xlsx', 'Suppliers', 1, 25],
      ['electronics-suppliers.xlsx', 'xlsx', 'Supplier list', 1, 20],
      ['garments-suppliers.csv', 'csv', undefined, 1, 24],
      ['messy-suppliers.xlsx', 'xlsx', 'Supplier Master', 5, 20],
    ])('%s: %s, sheet %s, header row %d, %d data rows', async (name, format, sheetName, headerRow, count) => {
      const opened = await openSpreadsheet(fixture(name), options({ originalName: name }));
      const rows = await readRows(opened);

      expect(opened).toMatchObject({
        format,
        sheetName,
        headerRowNumber: headerRow,
        extensionMismatch: false,
        date1904: false,
      });
      expect(rows).toHaveLength(count);
    });

    it('finds the messy header on row 5 and keeps the true row numbers of the data, skipping blank rows', async () => {
      const opened = await openSpreadsheet(fixture('messy-suppliers.xlsx'), options());
      const rows = await readRows(opened);

      expect(opened.headers.slice(0, 3)).toEqual(['Vendor No.', 'Supplier Name', 'Country']);
      expect(opened.headers.slice(-3)).toEqual(['Buyer', 'Internal Notes', 'Payment Terms']);
      expect(rows.map((row) => row.rowNumber)).toEqual([
        7, 8, 9, 11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 22, 23, 24, 25, 26, 27, 28,
      ]);
      expect(rows[0].cells.slice(0, 3)).toEqual(['V-1001', 'Saigon Garment Co., Ltd', 'Viet Nam']);
      expect(opened.estimatedDataRows).toBe(23);
    });

    it('chooses the supplier sheet by content when a notes sheet comes first', async () => {
      const opened = await openSpreadsheet(fixture('electronics-suppliers.xlsx'), options());

      expect(opened.sheetNames).toEqual(['Notes', 'Supplier list']);
      expect(opened.sheetName).toBe('Supplier list');
      await opened.close();
    });

    it('reads the five csv variants to the same headers and rows', async () => {
      const names = [
        'suppliers-utf8-bom.csv',
        'suppliers-semicolon.csv',
        'suppliers-tab.csv',
        'suppliers-utf16le.csv',
        'suppliers-cp1252.csv',
      ];
      const results = await Promise.all(
        names.map(async (name) => {
          const opened = await openSpreadsheet(fixture(name), options({ originalName: name }));
          return { headers: opened.headers, rows: await readRows(opened) };
        }),
      );

      for (const result of results.slice(1)) {
        expect(result).toEqual(results[0]);
      }
      expect(results[0].rows.map((row) => row.cells[0])).toContain('Société Générale Textile');
    });

    it('reads a csv with the format found when the upload was checked, without detecting it again', async () => {
      const checked = await openSpreadsheet(
        fixture('suppliers-cp1252.csv'),
        options({ originalName: 'suppliers-cp1252.csv' }),
      );
      const format = checked.csv?.format;
      await checked.close();
      expect(format).toMatchObject({ encoding: 'windows-1252', delimiter: ';' });
      // Staging is handed that format: told the file is UTF-8 with commas, it reads it so, which shows that
      // nothing was detected again (a real upload's format and bytes agree).
      const told = await openSpreadsheet(
        fixture('suppliers-cp1252.csv'),
        options({
          originalName: 'suppliers-cp1252.csv',
          known: { csvFormat: { ...format!, encoding: 'utf-8', delimiter: ',' } },
        }),
      ).catch((error: unknown) => error);
      expect(told).toBeInstanceOf(ImportError);
      // The same with the format as detected reads the rows.
      const again = await openAndRead(fixture('suppliers-cp1252.csv'), {
        originalName: 'suppliers-cp1252.csv',
        known: { csvFormat: format! },
      });
      expect(again.map((row) => row.cells[0])).toContain('Société Générale Textile');
    });

    it('takes the word of the upload scan that a file is valid UTF-8', async () => {
      const path = temp.write(
        'latin.csv',
        Buffer.from('Supplier name,Country\nCaf\xe9 Textile,FR\n', 'latin1'),
      );
      const guessed = await openSpreadsheet(path, options({ originalName: 'latin.csv' }));
      expect(guessed.csv?.encoding).not.toBe('utf-8');
      await guessed.close();
      const trusted = await openSpreadsheet(
        path,
        options({ originalName: 'latin.csv', known: { validUtf8: true } }),
      );
      expect(trusted.csv?.encoding).toBe('utf-8');
      await trusted.close();
    });
  });

  describe('broken files', () => {
    it.each<[string, ImportErrorCode]>([
      ['broken/truncated.xlsx', 'CORRUPT_FILE'],
      ['broken/legacy-excel-97.xls', 'LEGACY_XLS'],
      ['broken/password-protected.xlsx', 'ENCRYPTED_WORKBOOK'],
      ['broken/libreoffice.ods', 'UNSUPPORTED_FORMAT'],
      ['broken/empty-sheet.xlsx', 'EMPTY_FILE'],
      ['broken/header-only.xlsx', 'NO_DATA_ROWS'],
      ['broken/no-header-row.xlsx', 'NO_HEADER_ROW'],
      ['broken/cell-40000-chars.xlsx', 'CELL_TOO_LONG'],
      ['broken/columns-20000.xlsx', 'TOO_MANY_COLUMNS'],
      ['broken/columns-20000.csv', 'TOO_MANY_COLUMNS'],
      ['broken/zip-bomb-ratio.xlsx', 'ZIP_BOMB'],
      ['broken/zip-bomb-overlap.xlsx', 'ZIP_BOMB'],
      ['broken/zip-bomb-lying-size.xlsx', 'ZIP_BOMB'],
      ['broken/random-bytes.xlsx', 'UNSUPPORTED_FORMAT'],
      ['broken/pdf-renamed.xlsx', 'UNSUPPORTED_FORMAT'],
      ['broken/html-export.xls', 'UNSUPPORTED_FORMAT'],
      ['broken/empty.csv', 'EMPTY_FILE'],
      ['broken/unclosed-quote.csv', 'MALFORMED_CSV'],
    ])('%s -> %s', async (name, code) => {
      const error = await importFailure(
        openAndRead(fixture(name), { originalName: name.replace('broken/', '') }),
      );

      expect(error.code).toBe(code);
    });

    it('names the sheet, cell and header of an over-long cell', async () => {
      const error = await importFailure(openAndRead(fixture('broken/cell-40000-chars.xlsx')));

      expect(error.details).toMatchObject({
        sheetName: 'Suppliers',
        row: 3,
        column: 'C',
        header: 'Address',
        actual: 40_000,
      });
      expect(error.message).toMatch(
        /^Cell C3 holds 40000 characters; .* Sheet "Suppliers"\. Column C is "Address"\.$/,
      );
    });

    it('says which sheet has a header but no rows', async () => {
      const error = await importFailure(openAndRead(fixture('broken/header-only.xlsx')));

      expect(error.message).toBe(
        'Sheet "Suppliers" has a header row (row 1) but no supplier rows below it. Add one row per supplier under the header and upload again.',
      );
    });
  });

  describe('choosing the sheet', () => {
    it('uses the sheet named in the request, ignoring case and surrounding spaces', async () => {
      const opened = await openSpreadsheet(
        fixture('electronics-suppliers.xlsx'),
        options({ sheetName: ' supplier LIST ' }),
      );

      expect(opened.sheetName).toBe('Supplier list');
      await opened.close();
    });

    it('lists the sheet names when the requested sheet does not exist', async () => {
      const error = await importFailure(
        openSpreadsheet(fixture('electronics-suppliers.xlsx'), options({ sheetName: 'Vendors' })),
      );

      expect(error.code).toBe('SHEET_NOT_FOUND');
      expect(error.details.sheetNames).toEqual(['Notes', 'Supplier list']);
      expect(error.message).toMatch(/no sheet named "Vendors"\. Its sheets are: "Notes", "Supplier list"\./);
    });

    it('does not go looking elsewhere when the requested sheet has no header', async () => {
      const error = await importFailure(
        openSpreadsheet(fixture('electronics-suppliers.xlsx'), options({ sheetName: 'Notes' })),
      );

      expect(error.code).toBe('NO_HEADER_ROW');
      expect(error.details.sheetName).toBe('Notes');
    });

    it('prefers the sheet naming more known columns, wherever it is', async () => {
      const path = xlsxFile('two-tables.xlsx', [
        {
          name: 'Contacts',
          rows: [
            ['Country', 'Phone'],
            ['DE', '+49'],
          ],
        },
        { name: 'Suppliers', rows: SUPPLIER_TABLE },
      ]);

      const opened = await openSpreadsheet(path, options());

      expect(opened.sheetName).toBe('Suppliers');
      await opened.close();
    });

    it('prefers a visible sheet to an equally good hidden one', async () => {
      const path = xlsxFile('hidden.xlsx', [
        { name: 'Old list', rows: SUPPLIER_TABLE, state: 'hidden' },
        { name: 'Current list', rows: SUPPLIER_TABLE },
      ]);

      const opened = await openSpreadsheet(path, options());

      expect(opened.sheetName).toBe('Current list');
      await opened.close();
    });

    it('is not blocked by a side sheet that breaks the column limit', async () => {
      const wide: TestCell[][] = [Array.from({ length: 600 }, (_, i) => `Pivot ${i}`)];
      const path = xlsxFile('side-sheet.xlsx', [
        { name: 'Pivot', rows: wide },
        { name: 'Suppliers', rows: SUPPLIER_TABLE },
      ]);

      const rows = await openAndRead(path);

      expect(rows).toHaveLength(2);
    });

    it('says which sheets it looked at when none holds a supplier table', async () => {
      const path = xlsxFile('no-table.xlsx', [
        { name: 'A', rows: [['Item', 'Qty']] },
        { name: 'B', rows: [['Remarks']] },
      ]);

      const error = await importFailure(openSpreadsheet(path, options()));

      expect(error.code).toBe('NO_HEADER_ROW');
      expect(error.message).toMatch(/Sheets looked at: "A", "B"\.$/);
    });
  });

  describe('limits', () => {
    it('refuses more data rows than allowed, naming the first row over the limit', async () => {
      const path = xlsxFile('rows.xlsx', [
        { name: 'S', rows: [['Supplier name'], ['a'], ['b'], ['c'], ['d']] },
      ]);

      const error = await importFailure(openAndRead(path, { limits: { maxRows: 3 } }));

      expect(error.code).toBe('TOO_MANY_ROWS');
      expect(error.details).toMatchObject({ limit: 3, row: 5, sheetName: 'S' });
    });

    it('names the header of an over-long csv cell', async () => {
      const path = temp.write('long.csv', `Supplier name,Country,Address\nMüller,DE,${'x'.repeat(50)}\n`);

      const error = await importFailure(
        openAndRead(path, { originalName: 'long.csv', limits: { maxCellLength: 40 } }),
      );

      expect(error.details).toMatchObject({ row: 2, column: 'C', header: 'Address', limit: 40 });
    });

    it('applies custom zip limits', async () => {
      const path = xlsxFile('entries.xlsx', [{ name: 'S', rows: SUPPLIER_TABLE }]);

      const error = await importFailure(
        openSpreadsheet(path, options({ limits: { zip: { maxEntries: 3 } } })),
      );

      expect(error.code).toBe('ZIP_BOMB');
    });
  });

  describe('streaming', () => {
    it('reads a generated 20,000-row workbook and csv to the last row, with true row numbers', async () => {
      const count = 20_000;
      const data: TestCell[][] = Array.from({ length: count }, (_, i) => [
        `Supplier ${i}`,
        i % 2 ? 'VN' : 'BD',
        i,
      ]);
      const xlsx = xlsxFile('big.xlsx', [
        { name: 'S', rows: [['Title'], [], ['Supplier name', 'Country', 'Workers'], ...data] },
      ]);
      const csv = temp.write(
        'big.csv',
        ['Supplier name,Country,Workers', ...data.map((row) => row.join(','))].join('\n'),
      );

      const fromXlsx = await openAndRead(xlsx);
      const fromCsv = await openAndRead(csv, { originalName: 'big.csv' });

      expect(fromXlsx).toHaveLength(count);
      expect(fromXlsx.at(-1)).toEqual({
        rowNumber: count + 3,
        cells: [`Supplier ${count - 1}`, 'VN', count - 1],
      });
      expect(fromCsv).toHaveLength(count);
      expect(fromCsv.at(-1)).toEqual({
        rowNumber: count + 1,
        cells: [`Supplier ${count - 1}`, 'VN', String(count - 1)],
      });
    });

    it('can be closed before the rows are read, and then yields nothing', async () => {
      const opened = await openSpreadsheet(
        fixture('garments-suppliers.csv'),
        options({ originalName: 'g.csv' }),
      );

      await opened.close();
      await opened.close();

      expect(await readRows(opened)).toEqual([]);
    });

    it('flags a csv uploaded with an .xlsx name, and reads it', async () => {
      const path = temp.write('renamed', 'Supplier name,Country\nMüller,DE\n');

      const opened = await openSpreadsheet(path, options({ originalName: 'suppliers.xlsx' }));

      expect(opened).toMatchObject({
        format: 'csv',
        extensionMismatch: true,
        csv: { encoding: 'utf-8', delimiter: ',' },
      });
      expect(await readRows(opened)).toEqual([{ rowNumber: 2, cells: ['Müller', 'DE'] }]);
    });
  });
});
