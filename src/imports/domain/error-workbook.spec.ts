import { PassThrough } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { TEXT_FORMAT } from '../../common/spreadsheet/neutralise.js';
import type { CellValue } from './cell-value.js';
import {
  ROWS_SHEET,
  SUMMARY_SHEET,
  summariseRowErrors,
  writeErrorWorkbook,
  type ErrorWorkbookInput,
  type RejectedRow,
} from './error-workbook.js';
import { ANNOTATION_HEADERS, mapHeaders } from './header-mapping.js';
import { validateSupplierRow, type RowError } from './row-validator.js';

const HEADERS = ['Factory Name', 'Country/Region', 'Total Workers', 'Last audit date', 'Notes'];

function makeError(overrides: Partial<RowError> = {}): RowError {
  return {
    row: 5,
    column: 'Country/Region',
    columnLetter: 'B',
    field: 'country',
    value: 'Chna',
    message: 'Expected a country name or ISO 3166 code, e.g. "Viet Nam", "Vietnam", "VN" or "VNM".',
    ...overrides,
  };
}

function makeRejectedRow(overrides: Partial<RejectedRow> = {}): RejectedRow {
  return {
    rowNumber: 5,
    cells: ['Saigon Garment', 'Chna', 1250, new Date(Date.UTC(2024, 3, 3)), null],
    errors: [makeError()],
    ...overrides,
  };
}

function makeInput(overrides: Partial<ErrorWorkbookInput> = {}): ErrorWorkbookInput {
  return {
    fileName: 'suppliers-2024.xlsx',
    sheetName: 'Factories',
    headerRow: 3,
    headers: HEADERS,
    counts: { read: 10, imported: 6, updated: 1, unchanged: 1, rejected: 2 },
    rows: [makeRejectedRow()],
    ...overrides,
  };
}

async function* slowly<T>(items: T[]): AsyncGenerator<T> {
  for (const item of items) {
    // Like a database cursor: each row arrives in its own turn of the event loop.
    yield await Promise.resolve(item);
  }
}

async function writeToWorkbook(
  input: Partial<ErrorWorkbookInput> = {},
): Promise<{ workbook: ExcelJS.Workbook; written: number }> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve) => out.on('end', resolve));
  const written = await writeErrorWorkbook(out, makeInput(input));
  await finished;
  const workbook = new ExcelJS.Workbook();
  const buffer = Buffer.concat(chunks);
  // exceljs declares its own Buffer type; a Node Buffer is what it reads.
  await workbook.xlsx.load(buffer as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  return { workbook, written };
}

function rowValues(sheet: ExcelJS.Worksheet, rowNumber: number): unknown[] {
  const values = sheet.getRow(rowNumber).values as unknown[];
  return values.slice(1);
}

function isMarked(cell: ExcelJS.Cell): boolean {
  return cell.fill?.type === 'pattern' && cell.fill.pattern === 'solid';
}

function summaryFacts(sheet: ExcelJS.Worksheet): Map<string, unknown> {
  const facts = new Map<string, unknown>();
  sheet.eachRow((row) => facts.set(row.getCell(1).text, row.getCell(2).value));
  return facts;
}

describe(writeErrorWorkbook.name, () => {
  it('puts the summary first and the rows second', async () => {
    const { workbook } = await writeToWorkbook();
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([SUMMARY_SHEET, ROWS_SHEET]);
  });

  it('summarises the file, the counts and the errors by column', async () => {
    const { workbook } = await writeToWorkbook({
      errorsByColumn: [
        { column: 'Country/Region', columnLetter: 'B', field: 'country', errors: 2 },
        { column: 'Total Workers', columnLetter: 'C', field: 'workerCount', errors: 1 },
      ],
      headerProblems: [
        '"Vendor name" (column F) and "Factory Name" (column A) both map to Supplier name (name).',
      ],
    });
    const sheet = workbook.getWorksheet(SUMMARY_SHEET)!;
    const facts = summaryFacts(sheet);
    expect(facts.get('File')).toBe('suppliers-2024.xlsx');
    expect(facts.get('Sheet')).toBe('Factories');
    expect(facts.get('Header row')).toBe(3);
    expect(facts.get('Rows read')).toBe(10);
    expect(facts.get('Imported as new suppliers')).toBe(6);
    expect(facts.get('Updated suppliers')).toBe(1);
    expect(facts.get('Unchanged suppliers')).toBe(1);
    expect(facts.get('Rejected rows (listed on the next sheet)')).toBe(2);

    let tableRow = 0;
    sheet.eachRow((row, number) => {
      if (row.getCell(1).value === 'Errors by column') {
        tableRow = number;
      }
    });
    expect(rowValues(sheet, tableRow)).toEqual([
      'Errors by column',
      'Column letter',
      'Vigil field',
      'Errors',
    ]);
    expect(rowValues(sheet, tableRow + 1)).toEqual(['Country/Region', 'B', 'Country', 2]);
    expect(rowValues(sheet, tableRow + 2)).toEqual(['Total Workers', 'C', 'Number of workers', 1]);
    expect(facts.has('Header problems')).toBe(true);
  });

  it('writes the rows with their original row number, the errors and the cells as uploaded', async () => {
    const rows = [
      makeRejectedRow(),
      makeRejectedRow({
        rowNumber: 9,
        cells: ['', 'MY', 'about 300', '31/02/2024', 'call back'],
        errors: [
          makeError({
            row: 9,
            column: 'Factory Name',
            columnLetter: 'A',
            field: 'name',
            value: '',
            message: 'Expected a supplier name; this column is required.',
          }),
          makeError({
            row: 9,
            column: 'Total Workers',
            columnLetter: 'C',
            field: 'workerCount',
            value: 'about 300',
            message: 'Expected a whole number of workers, 0 or more (e.g. 1250 or 1,250).',
          }),
        ],
      }),
    ];
    const { workbook, written } = await writeToWorkbook({ rows: slowly(rows) });
    const sheet = workbook.getWorksheet(ROWS_SHEET)!;

    expect(written).toBe(2);
    expect(rowValues(sheet, 1)).toEqual([
      ANNOTATION_HEADERS.rowNumber,
      ANNOTATION_HEADERS.errors,
      ...HEADERS,
    ]);
    expect(rowValues(sheet, 2)).toEqual([
      5,
      'Country/Region (B): "Chna". Expected a country name or ISO 3166 code, e.g. "Viet Nam", "Vietnam", "VN" or "VNM".',
      'Saigon Garment',
      'Chna',
      1250,
      new Date(Date.UTC(2024, 3, 3)),
    ]);
    expect(sheet.getRow(2).getCell(6).numFmt).toBe('yyyy-mm-dd');
    expect(rowValues(sheet, 3)).toEqual([
      9,
      'Factory Name (A): empty. Expected a supplier name; this column is required.\n' +
        'Total Workers (C): "about 300". Expected a whole number of workers, 0 or more (e.g. 1250 or 1,250).',
      undefined, // an empty text cell is not stored
      'MY',
      'about 300',
      '31/02/2024',
      'call back',
    ]);
  });

  it('marks exactly the faulty cells', async () => {
    const { workbook } = await writeToWorkbook();
    const row = workbook.getWorksheet(ROWS_SHEET)!.getRow(2);
    const marked = HEADERS.map((_, index) => isMarked(row.getCell(index + 3)));
    expect(marked).toEqual([false, true, false, false, false]);
  });

  it('lists an error without a column (a required field nobody mapped) in the errors column only', async () => {
    const rows = [
      makeRejectedRow({
        errors: [
          {
            column: 'Country',
            field: 'country',
            value: '',
            message: 'Expected a country; this column is required.',
          },
        ],
      }),
    ];
    const { workbook } = await writeToWorkbook({ rows });
    const row = workbook.getWorksheet(ROWS_SHEET)!.getRow(2);
    expect(row.getCell(2).value).toBe('Country: empty. Expected a country; this column is required.');
    expect(HEADERS.some((_, index) => isMarked(row.getCell(index + 3)))).toBe(false);
  });

  it('finds the cell of a stored error by its header when the error has no column letter', async () => {
    const stored = {
      column: 'Total Workers',
      field: null,
      value: 'about 300',
      message: 'Expected a number.',
    };
    const rows = [makeRejectedRow({ errors: [stored] })];
    const { workbook } = await writeToWorkbook({ rows });
    const row = workbook.getWorksheet(ROWS_SHEET)!.getRow(2);
    expect(row.getCell(2).value).toBe('Total Workers (C): "about 300". Expected a number.');
    expect(HEADERS.map((_, index) => isMarked(row.getCell(index + 3)))).toEqual([
      false,
      false,
      true,
      false,
      false,
    ]);
  });

  it('counts the errors by column itself when given the rows as an array', async () => {
    const rows = [
      makeRejectedRow(),
      makeRejectedRow({
        rowNumber: 6,
        errors: [makeError(), { column: 'Total Workers', value: 'x', message: 'm' }],
      }),
    ];
    const { workbook } = await writeToWorkbook({ rows, errorsByColumn: undefined });
    const sheet = workbook.getWorksheet(SUMMARY_SHEET)!;
    const table: unknown[][] = [];
    sheet.eachRow((row, number) => {
      if (row.getCell(1).value === 'Errors by column') {
        table.push(rowValues(sheet, number + 1), rowValues(sheet, number + 2));
      }
    });
    expect(table).toEqual([
      ['Country/Region', 'B', 'Country', 2],
      ['Total Workers', 'C', undefined, 1],
    ]);
  });

  it('points to the errors column when a streamed source comes without counts by column', async () => {
    const { workbook } = await writeToWorkbook({
      rows: slowly([makeRejectedRow()]),
      errorsByColumn: undefined,
    });
    expect(summaryFacts(workbook.getWorksheet(SUMMARY_SHEET)!).get('Errors by column')).toBe(
      'see the "Errors found by Vigil" column',
    );
  });

  it('lists only the counts it is given', async () => {
    const { workbook } = await writeToWorkbook({ counts: { read: 4, rejected: 1 } });
    const facts = summaryFacts(workbook.getWorksheet(SUMMARY_SHEET)!);
    expect(facts.get('Rows read')).toBe(4);
    expect(facts.get('Rejected rows (listed on the next sheet)')).toBe(1);
    expect(facts.has('Unchanged suppliers')).toBe(false);
  });

  it('keeps cells to the right of the last header', async () => {
    const rows = [makeRejectedRow({ cells: ['A', 'Chna', null, null, null, 'stray'] })];
    const { workbook } = await writeToWorkbook({ rows });
    expect(workbook.getWorksheet(ROWS_SHEET)!.getRow(2).getCell(8).value).toBe('stray');
  });

  it('stores formula-like text from the upload as plain text, never as a formula', async () => {
    const hostile = ['=HYPERLINK("http://evil.example","x")', '+1', '-2', '@SUM(A1:A2)', '=cmd|"/c calc"!A1'];
    const rows = [makeRejectedRow({ cells: hostile, errors: [makeError({ value: hostile[1] })] })];
    const { workbook } = await writeToWorkbook({
      rows,
      headers: ['=1+1', ...HEADERS.slice(1)],
      fileName: '=HYPERLINK("http://evil.example")',
    });

    const data = workbook.getWorksheet(ROWS_SHEET)!.getRow(2);
    expect(hostile.map((_, index) => data.getCell(index + 3).value)).toEqual(hostile);
    expect(hostile.map((_, index) => data.getCell(index + 3).numFmt)).toEqual(hostile.map(() => TEXT_FORMAT));
    expect(workbook.getWorksheet(ROWS_SHEET)!.getRow(1).getCell(3).value).toBe('=1+1');
    expect(summaryFacts(workbook.getWorksheet(SUMMARY_SHEET)!).get('File')).toBe(
      '=HYPERLINK("http://evil.example")',
    );
    for (const sheet of workbook.worksheets) {
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
          expect(cell.formula).toBeUndefined();
        }),
      );
    }
  });

  it('cuts a cell longer than Excel allows and says so', async () => {
    const rows = [makeRejectedRow({ cells: ['N'.repeat(40_000), 'Chna'] })];
    const { workbook } = await writeToWorkbook({ rows });
    const text = workbook.getWorksheet(ROWS_SHEET)!.getRow(2).getCell(3).text;
    expect(text).toHaveLength(32_767);
    expect(text.endsWith(' [cut: the uploaded cell has 40000 characters]')).toBe(true);
  });

  it('streams a few thousand rows from an async source', async () => {
    const rows = Array.from({ length: 3000 }, (_, index) =>
      makeRejectedRow({ rowNumber: index + 2, errors: [makeError({ row: index + 2 })] }),
    );
    const { workbook, written } = await writeToWorkbook({ rows: slowly(rows) });
    const sheet = workbook.getWorksheet(ROWS_SHEET)!;
    expect(written).toBe(3000);
    expect(sheet.rowCount).toBe(3001);
    expect(sheet.getRow(3001).getCell(1).value).toBe(3001);
  });

  it('writes a workbook that can be fixed and uploaded again as it is', async () => {
    const { workbook } = await writeToWorkbook();
    const sheet = workbook.getWorksheet(ROWS_SHEET)!;
    const headers = rowValues(sheet, 1).map(String);
    const cells = rowValues(sheet, 2) as CellValue[];
    cells[3] = 'Vietnam'; // the officer fixes the country

    const mapping = mapHeaders(headers);
    const sut = validateSupplierRow({ rowNumber: 2, cells }, mapping, { asOf: '2024-06-30' });

    expect(mapping.problems).toEqual([]);
    expect(sut.errors).toEqual([]);
    expect(sut.record).toEqual({
      name: 'Saigon Garment',
      country: 'VN',
      workerCount: 1250,
      lastAuditDate: '2024-04-03',
    });
  });
});

describe(summariseRowErrors.name, () => {
  it('counts errors per column in column order, errors without a column last', () => {
    const errors = [
      makeError({ column: 'Total Workers', columnLetter: 'C', field: 'workerCount' }),
      makeError(),
      makeError({ column: 'Total Workers', columnLetter: 'C', field: 'workerCount' }),
      makeError({ column: 'Country', columnLetter: undefined, field: 'country' }),
      makeError({ column: 'Notes 2', columnLetter: 'AA', field: undefined }),
      makeError(),
      makeError(),
    ];
    expect(summariseRowErrors(errors)).toEqual([
      { column: 'Country/Region', columnLetter: 'B', field: 'country', errors: 3 },
      { column: 'Total Workers', columnLetter: 'C', field: 'workerCount', errors: 2 },
      { column: 'Notes 2', columnLetter: 'AA', errors: 1 },
      { column: 'Country', field: 'country', errors: 1 },
    ]);
  });

  it('takes the column letter from the headers when an error has none', () => {
    const stored = [{ column: 'Total Workers', field: null, value: 'x', message: 'm' }];
    expect(summariseRowErrors(stored, HEADERS)).toEqual([
      { column: 'Total Workers', columnLetter: 'C', errors: 1 },
    ]);
  });

  it('returns nothing for no errors', () => {
    expect(summariseRowErrors([])).toEqual([]);
  });
});
