import { once } from 'node:events';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { neutraliseCell } from './neutralise.js';

// Downloads stream rows straight into the zip (exceljs WorkbookWriter, inline strings), so 100,000 rows take flat
// memory. Every cell goes through neutraliseCell: what we write is user input, and a cell starting with =, +, -,
// @, tab or CR must never run as a formula when someone opens or edits the file.

export type SheetCell = string | number | undefined;

export interface SheetColumn<Row> {
  header: string;
  width: number;
  numFmt?: string;
  value: (row: Row) => SheetCell;
}

export interface StreamedWorkbook<Row> {
  sheetName: string;
  columns: readonly SheetColumn<Row>[];
  rows: AsyncIterable<Row>;
  /** Stamped as the workbook's created and modified dates. */
  generatedAt?: string;
  /** Further sheets, written after the main one in this order. */
  sheets?: readonly ExtraSheet[];
  /** A last sheet "About this export" of item/value pairs, written once the rows are counted. */
  about?: (rows: number) => Array<[string, string]>;
}

/** A sheet of its own rows and columns; `note`, when given, is a line above the header saying what it holds. */
export interface SheetSpec<Row> {
  name: string;
  note?: string;
  columns: readonly SheetColumn<Row>[];
  rows: Iterable<Row> | AsyncIterable<Row>;
}

/** A further sheet with its row type sealed in (see `extraSheet`). */
export interface ExtraSheet {
  write: (workbook: ExcelJS.stream.xlsx.WorkbookWriter, out: Writable) => Promise<number>;
}

export function extraSheet<Row>(spec: SheetSpec<Row>): ExtraSheet {
  return { write: (workbook, out) => writeSheet(workbook, out, spec) };
}

// Excel refuses cells longer than 32,767 characters; say so in the cell rather than corrupt the file.
const EXCEL_CELL_LIMIT = 32_767;
const YIELD_EVERY = 500;

// exceljs writes committed rows into the zip's input stream without honouring its backpressure, and the
// compressor only drains it as the event loop turns. Pause regularly until that backlog (an internal field of
// exceljs' worksheet writer) and the output have caught up; otherwise a fast row source piles the whole
// uncompressed sheet up in memory (measured: ~185 MB of buffers at 100,000 rows, 1-6 MB with the pause).
const BACKLOG_LIMIT = 1024 * 1024;

interface BufferedStream extends NodeJS.EventEmitter {
  writableLength?: number;
  _writableState?: { length: number };
}

function backlog(stream: BufferedStream): number {
  return stream.writableLength ?? stream._writableState?.length ?? 0;
}

async function drained(stream: BufferedStream): Promise<void> {
  // 'drain' is the signal; the timer only guards against a stream that never emits it.
  const timer = new Promise<void>((resolve) => setTimeout(resolve, 50));
  await Promise.race([once(stream, 'drain').then(() => undefined), timer]);
}

async function letOutputDrain(sheet: ExcelJS.Worksheet, out: Writable): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  const internal = sheet as unknown as { stream?: { pipes?: BufferedStream[] } };
  for (const target of [...(internal.stream?.pipes ?? []), out as BufferedStream]) {
    while (backlog(target) > BACKLOG_LIMIT) {
      await drained(target);
    }
  }
}

function cellValue(value: SheetCell): string | number | undefined {
  if (typeof value === 'string' && value.length > EXCEL_CELL_LIMIT) {
    return `${value.slice(0, EXCEL_CELL_LIMIT - 40)} [truncated: ${value.length} chars]`;
  }
  return value;
}

/**
 * Streams one sheet: the note if any, a bold frozen header, the rows, and an auto-filter over every column and
 * row; returns the row count.
 */
async function writeSheet<Row>(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  out: Writable,
  { name, note, columns, rows }: SheetSpec<Row>,
): Promise<number> {
  const headerRow = note === undefined ? 1 : 2;
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: headerRow }] });
  sheet.columns = columns.map((column) => ({
    width: column.width,
    style: column.numFmt ? { numFmt: column.numFmt } : {},
  }));
  if (note !== undefined) {
    const noteRow = sheet.getRow(1);
    neutraliseCell(noteRow.getCell(1), note);
    noteRow.font = { italic: true };
    noteRow.commit();
  }
  const header = sheet.getRow(headerRow);
  columns.forEach((column, index) => neutraliseCell(header.getCell(index + 1), column.header));
  header.font = { bold: true };
  header.alignment = { vertical: 'top', wrapText: true };
  header.commit();

  let count = 0;
  for await (const row of rows) {
    const excelRow = sheet.getRow(headerRow + count + 1);
    columns.forEach((column, index) =>
      neutraliseCell(excelRow.getCell(index + 1), cellValue(column.value(row))),
    );
    excelRow.alignment = { vertical: 'top', wrapText: true };
    excelRow.commit();
    count++;
    if (count % YIELD_EVERY === 0) {
      await letOutputDrain(sheet, out);
    }
  }
  // Written when the sheet is committed, so it can span the rows now that they are counted: a filter over the
  // header alone is not applied to the rows by every spreadsheet program.
  sheet.autoFilter = {
    from: { row: headerRow, column: 1 },
    to: { row: headerRow + count, column: columns.length },
  };
  sheet.commit();
  return count;
}

/** Streams the main sheet of rows, the further sheets and the optional About sheet; returns the main row count. */
export async function writeXlsxStream<Row>(out: Writable, book: StreamedWorkbook<Row>): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = 'Vigil';
  if (book.generatedAt) {
    workbook.created = new Date(book.generatedAt);
    workbook.modified = new Date(book.generatedAt);
  }
  const count = await writeSheet(workbook, out, {
    name: book.sheetName,
    columns: book.columns,
    rows: book.rows,
  });
  for (const extra of book.sheets ?? []) {
    await extra.write(workbook, out);
  }

  if (book.about) {
    const about = workbook.addWorksheet('About this export');
    about.columns = [
      { header: 'Item', width: 24 },
      { header: 'Value', width: 80 },
    ];
    about.getRow(1).font = { bold: true };
    book.about(count).forEach(([item, value], index) => {
      const aboutRow = about.getRow(index + 2);
      neutraliseCell(aboutRow.getCell(1), item);
      neutraliseCell(aboutRow.getCell(2), value);
      aboutRow.commit();
    });
    about.commit();
  }
  await workbook.commit();
  return count;
}
