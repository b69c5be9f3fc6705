import { once } from 'node:events';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { neutraliseCell, type PlainCellValue } from '../../common/spreadsheet/neutralise.js';
import { isSupplierField } from '../../suppliers/domain/supplier-fields.js';
import type { CellValue } from './cell-value.js';
import { fieldSpec } from './field-catalogue.js';
import { ANNOTATION_HEADERS } from './header-mapping.js';
import { columnLetter, columnNumber } from './import-error.js';

// The workbook an officer downloads to fix a rejected import: a summary, then every rejected row as uploaded
// with its errors beside it and the faulty cells marked. Fixed, it can be uploaded again as it is: the two
// columns Vigil adds are recognised and skipped by the header mapping.

export const SUMMARY_SHEET = 'Summary';
export const ROWS_SHEET = 'Rows with errors';

export interface ImportCounts {
  read: number;
  imported: number;
  duplicates: number;
  withWarnings: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

/**
 * One error of a rejected row, as `validateSupplierRow` reports it or as stored with the batch. Without a column
 * letter, the cell is found by its header.
 */
export interface RejectedRowError {
  /** Header as uploaded (or the field's label when no column held a required field). */
  column: string;
  columnLetter?: string;
  field?: string | null;
  value: string;
  message: string;
}

export interface RejectedRow {
  rowNumber: number;
  /** Cells as uploaded, from column A. */
  cells: readonly CellValue[];
  errors: readonly RejectedRowError[];
}

export interface ColumnErrorCount {
  column: string;
  columnLetter?: string;
  field?: string;
  errors: number;
}

export interface ErrorWorkbookInput {
  fileName: string;
  sheetName?: string;
  headerRow?: number;
  /** Header row as uploaded, from column A. */
  headers: readonly string[];
  /** The batch counts; the ones given are listed. */
  counts: Partial<ImportCounts>;
  /**
   * Errors per column for the summary (e.g. a GROUP BY over the stored errors). When absent it is counted from
   * `rows` if that is an array; a streamed source without it gets no per-column table.
   */
  errorsByColumn?: readonly ColumnErrorCount[];
  /** Header-mapping warnings and errors, in plain words. */
  headerProblems?: readonly string[];
  /** Rejected rows in file order; an async source (a database cursor) keeps memory flat. */
  rows: Iterable<RejectedRow> | AsyncIterable<RejectedRow>;
}

// Excel refuses cells longer than 32,767 characters; say so in the cell rather than produce a broken file.
const EXCEL_CELL_LIMIT = 32_767;
const ERROR_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
const ERROR_FONT: Partial<ExcelJS.Font> = { color: { argb: 'FF9C0006' } };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const DATE_FORMAT = 'yyyy-mm-dd';
const YIELD_EVERY = 500;
const BACKLOG_LIMIT = 1024 * 1024;
// The two columns Vigil puts in front of the uploaded ones.
const LEADING_COLUMNS = 2;

function letterOf(
  error: Pick<RejectedRowError, 'column' | 'columnLetter'>,
  headers: readonly string[],
): string | undefined {
  if (error.columnLetter) {
    return error.columnLetter;
  }
  const index = headers.indexOf(error.column);
  return index >= 0 ? columnLetter(index + 1) : undefined;
}

/** Counts errors per column, in column order (errors without a column last). */
export function summariseRowErrors(
  errors: Iterable<RejectedRowError>,
  headers: readonly string[] = [],
): ColumnErrorCount[] {
  const counted = function* () {
    for (const error of errors) {
      yield { error, count: 1 };
    }
  };
  return tallyRowErrors(counted(), headers);
}

/** As summariseRowErrors, from errors already grouped and counted (a GROUP BY over the stored errors). */
export function tallyRowErrors(
  groups: Iterable<{ error: Pick<RejectedRowError, 'column' | 'columnLetter' | 'field'>; count: number }>,
  headers: readonly string[] = [],
): ColumnErrorCount[] {
  const byColumn = new Map<string, ColumnErrorCount>();
  for (const { error, count } of groups) {
    const letter = letterOf(error, headers);
    const key = `${letter ?? ''}\u0000${error.column}`;
    const entry = byColumn.get(key) ?? {
      column: error.column,
      ...(letter ? { columnLetter: letter } : {}),
      ...(error.field ? { field: error.field } : {}),
      errors: 0,
    };
    entry.errors += count;
    byColumn.set(key, entry);
  }
  const position = (entry: ColumnErrorCount): number =>
    entry.columnLetter ? (columnNumber(entry.columnLetter) ?? 0) : Number.MAX_SAFE_INTEGER;
  return [...byColumn.values()].sort((a, b) => position(a) - position(b));
}

function fitExcel(value: CellValue): PlainCellValue {
  if (typeof value === 'string' && value.length > EXCEL_CELL_LIMIT) {
    const note = ` [cut: the uploaded cell has ${value.length} characters]`;
    return value.slice(0, EXCEL_CELL_LIMIT - note.length) + note;
  }
  if (value instanceof Date && Number.isNaN(value.getTime())) {
    return null;
  }
  return value;
}

function describeError(error: RejectedRowError, headers: readonly string[]): string {
  const letter = letterOf(error, headers);
  const where = letter ? `${error.column} (${letter})` : error.column;
  const value = error.value === '' ? 'empty' : `"${error.value}"`;
  return `${where}: ${value}. ${error.message}`;
}

const COUNT_LABELS: ReadonlyArray<[keyof ImportCounts, string]> = [
  ['read', 'Rows read'],
  ['imported', 'Imported as new suppliers'],
  ['updated', 'Updated suppliers'],
  ['unchanged', 'Unchanged suppliers'],
  ['rejected', 'Rejected rows (listed on the next sheet)'],
  ['duplicates', 'Duplicate rows, same site as an earlier row (listed on the next sheet)'],
  ['withWarnings', 'Imported with a cell left empty (listed on the next sheet)'],
];

function fieldLabel(field: string | undefined): string {
  return field && isSupplierField(field) ? fieldSpec(field).label : '';
}

function writeSummary(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  input: ErrorWorkbookInput,
  errorsByColumn: readonly ColumnErrorCount[] | undefined,
): void {
  const sheet = workbook.addWorksheet(SUMMARY_SHEET);
  sheet.columns = [{ width: 40 }, { width: 30 }, { width: 30 }, { width: 12 }];
  const counts = COUNT_LABELS.flatMap(([key, label]) =>
    input.counts[key] === undefined ? [] : [[label, input.counts[key]]],
  );
  const lines: PlainCellValue[][] = [
    ['Vigil import: rows with errors'],
    [],
    ['File', input.fileName],
    ...(input.sheetName ? [['Sheet', input.sheetName]] : []),
    ...(input.headerRow ? [['Header row', input.headerRow]] : []),
    [],
    ...counts,
    [],
    ...(errorsByColumn
      ? [
          ['Errors by column', 'Column letter', 'Vigil field', 'Errors'],
          ...errorsByColumn.map((entry) => [
            entry.column,
            entry.columnLetter ?? '',
            fieldLabel(entry.field),
            entry.errors,
          ]),
        ]
      : [['Errors by column', 'see the "Errors found by Vigil" column']]),
    ...(input.headerProblems && input.headerProblems.length > 0
      ? [[], ['Header problems'], ...input.headerProblems.map((problem) => [problem])]
      : []),
    [],
    [
      `How to fix: correct the cells marked in red on the "${ROWS_SHEET}" sheet and upload that sheet again. ` +
        `The "${ANNOTATION_HEADERS.rowNumber}" and "${ANNOTATION_HEADERS.errors}" columns are ignored on upload.`,
    ],
  ];
  lines.forEach((line, lineIndex) => {
    const row = sheet.addRow([]);
    line.forEach((value, index) => neutraliseCell(row.getCell(index + 1), value));
    if (lineIndex === 0) {
      row.font = { bold: true, size: 14 };
    } else if (line[0] === 'Errors by column' || line[0] === 'Header problems') {
      row.font = { bold: true };
    }
    row.commit();
  });
  sheet.commit();
}

interface BufferedStream extends NodeJS.EventEmitter {
  writableLength?: number;
  _writableState?: { length: number };
}

function backlog(stream: BufferedStream): number {
  return stream.writableLength ?? stream._writableState?.length ?? 0;
}

// exceljs pushes committed rows into the zip's input (an internal stream of its worksheet writer) without
// honouring backpressure: pause until that backlog and the output have drained, or a fast row source piles the
// uncompressed sheet up in memory. Same measure as the supplier export (src/reports/domain/supplier-export.ts).
async function letOutputDrain(sheet: ExcelJS.Worksheet, out: Writable): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  const internal = sheet as unknown as { stream?: { pipes?: BufferedStream[] } };
  for (const target of [...(internal.stream?.pipes ?? []), out as BufferedStream]) {
    while (backlog(target) > BACKLOG_LIMIT) {
      // 'drain' is the signal; the timer only guards against a stream that never emits it.
      await Promise.race([once(target, 'drain'), new Promise<void>((resolve) => setTimeout(resolve, 50))]);
    }
  }
}

function writeRow(
  sheet: ExcelJS.Worksheet,
  rowNumber: number,
  rejected: RejectedRow,
  headers: readonly string[],
): void {
  const row = sheet.getRow(rowNumber);
  neutraliseCell(row.getCell(1), rejected.rowNumber);
  const errors = rejected.errors.map((error) => describeError(error, headers)).join('\n');
  neutraliseCell(row.getCell(2), fitExcel(errors));
  row.getCell(2).font = ERROR_FONT;
  // Cells to the right of the last header are shown too, under an empty header.
  const width = Math.max(headers.length, rejected.cells.length);
  for (let index = 0; index < width; index += 1) {
    const value = fitExcel(rejected.cells[index] ?? null);
    const cell = row.getCell(index + 1 + LEADING_COLUMNS);
    neutraliseCell(cell, value);
    if (value instanceof Date) {
      cell.numFmt = DATE_FORMAT;
    }
  }
  for (const error of rejected.errors) {
    const letter = letterOf(error, headers);
    const index = letter ? columnNumber(letter) : undefined;
    if (index !== undefined) {
      const cell = row.getCell(index + LEADING_COLUMNS);
      cell.fill = ERROR_FILL;
      cell.font = ERROR_FONT;
    }
  }
  row.alignment = { vertical: 'top', wrapText: true };
  row.commit();
}

/**
 * Streams the error workbook into `out` (exceljs WorkbookWriter, inline strings) and resolves with the number of
 * rows written once the workbook is complete. Every text cell goes through `neutraliseCell`: uploaded cells are
 * user input and must never run as formulas.
 */
export async function writeErrorWorkbook(out: Writable, input: ErrorWorkbookInput): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = 'Vigil';
  // The summary is complete before any row is written: exceljs streams sheets into the zip in the order they
  // are added, so a sheet added first and written last would hold every row in memory.
  const errorsByColumn =
    input.errorsByColumn ??
    (Array.isArray(input.rows)
      ? summariseRowErrors(
          (input.rows as readonly RejectedRow[]).flatMap((row) => row.errors),
          input.headers,
        )
      : undefined);
  writeSummary(workbook, input, errorsByColumn);

  const sheet = workbook.addWorksheet(ROWS_SHEET, { views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }] });
  sheet.columns = [
    { width: 12 },
    { width: 60 },
    ...input.headers.map((header) => ({ width: Math.max(12, Math.min(40, header.length + 2)) })),
  ];
  const header = sheet.getRow(1);
  [ANNOTATION_HEADERS.rowNumber, ANNOTATION_HEADERS.errors, ...input.headers].forEach((text, index) => {
    neutraliseCell(header.getCell(index + 1), fitExcel(text));
    header.getCell(index + 1).fill = HEADER_FILL;
  });
  header.font = { bold: true };
  header.alignment = { vertical: 'top', wrapText: true };
  header.commit();

  let written = 0;
  for await (const rejected of input.rows) {
    writeRow(sheet, written + 2, rejected, input.headers);
    written += 1;
    if (written % YIELD_EVERY === 0) {
      await letOutputDrain(sheet, out);
    }
  }
  sheet.commit();
  await workbook.commit();
  return written;
}
