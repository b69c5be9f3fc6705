import { uncertainEncodingNote, type LegacyEncoding } from './csv-encoding.js';
import {
  detectCsvFormat,
  readCsvRows,
  type CsvDelimiter,
  type CsvEncoding,
  type CsvFormat,
} from './csv-reader.js';
import { sniffUpload, type SpreadsheetFormat } from './file-sniffer.js';
import { findHeaderRow, isBetterHeader, noHeaderRowError, type HeaderCandidate } from './header-detection.js';
import { columnNumber, ImportError, type ImportErrorCode } from './import-error.js';
import type { RawRow } from './raw-row.js';
import { openXlsxWorkbook, readXlsxRows, type XlsxSheet, type XlsxWorkbook } from './xlsx-reader.js';
import { DEFAULT_ZIP_LIMITS, type ZipLimits } from './zip-guard.js';

// The one entry point the import service uses: sniff the upload, pick the sheet and the header row, then hand
// over the data rows as a stream. Nothing here holds more than a few dozen rows at a time.

export interface SpreadsheetLimits {
  maxColumns: number;
  /** Excel's own limit per cell is 32,767 characters. */
  maxCellLength: number;
  /** Data rows (non-blank rows below the header). */
  maxRows: number;
  /** Non-blank rows looked at per sheet to find the header row. */
  headerSearchRows: number;
  /** Cells read per sheet, blank ones included (xlsx `<c>` elements, csv fields): the bound on a file's work. */
  maxCells: number;
  /** Entries of the xlsx shared-strings table (each costs memory, even an empty one). */
  maxSharedStrings: number;
  /** Characters of xlsx shared strings held in memory. */
  maxSharedStringChars: number;
  /** Guard against unclosed quotes in csv: longest record read before giving up. */
  maxCsvRowChars: number;
  zip: ZipLimits;
}

export const DEFAULT_SPREADSHEET_LIMITS: SpreadsheetLimits = {
  maxColumns: 500,
  maxCellLength: 32_767,
  maxRows: 1_000_000,
  headerSearchRows: 30,
  maxCells: 50_000_000,
  maxSharedStrings: 10_000_000,
  maxSharedStringChars: 100_000_000,
  maxCsvRowChars: 1024 * 1024,
  zip: DEFAULT_ZIP_LIMITS,
};

export type SpreadsheetLimitOverrides = Partial<Omit<SpreadsheetLimits, 'zip'>> & {
  zip?: Partial<ZipLimits>;
};

export interface OpenSpreadsheetOptions {
  /** The name on the uploader's machine: used for messages only, never as a path. */
  originalName: string;
  /** xlsx: the sheet to import; chosen by content when absent. Ignored for csv. */
  sheetName?: string;
  /** Whether a header cell names a known column (from the header mapping, including an explicit mapping). */
  isKnownHeader: (text: string) => boolean;
  limits?: SpreadsheetLimitOverrides;
  /**
   * What is already known of the file, so that it is not read again for it: a csv's format as detected when the
   * upload was checked (staging then reads the file once), or whether the whole file is valid UTF-8 (found while
   * it was hashed).
   */
  known?: { csvFormat?: CsvFormat; validUtf8?: boolean };
}

export interface OpenedSpreadsheet {
  format: SpreadsheetFormat;
  /** xlsx: the sheet read. csv: undefined. */
  sheetName: string | undefined;
  /** xlsx: every worksheet in tab order. csv: empty. */
  sheetNames: string[];
  headerRowNumber: number;
  /** Header text per column, column A first ('' for an empty header cell). */
  headers: string[];
  /** Non-blank rows below the header, in file order, with their true row numbers. Iterate once. */
  rows: AsyncIterable<RawRow>;
  /** For progress only: from the sheet's declared range (xlsx) or the file size (csv). */
  estimatedDataRows: number | undefined;
  csv:
    { encoding: CsvEncoding; delimiter: CsvDelimiter; encodingNote?: string; format: CsvFormat } | undefined;
  /** xlsx in the 1904 date system (old Mac Excel): needed to read bare serial numbers in date columns. */
  date1904: boolean;
  /** The file's extension says something else than its content (e.g. a csv named .xlsx). */
  extensionMismatch: boolean;
  /** Releases the open file if the rows are not read to the end. Safe to call twice. */
  close(): Promise<void>;
}

export function resolveLimits(overrides: SpreadsheetLimitOverrides = {}): SpreadsheetLimits {
  const { zip, ...rest } = overrides;
  return { ...DEFAULT_SPREADSHEET_LIMITS, ...rest, zip: { ...DEFAULT_ZIP_LIMITS, ...zip } };
}

/** Sniffs, picks the sheet and header row, and returns the data rows as a stream. Throws ImportError. */
export async function openSpreadsheet(
  path: string,
  options: OpenSpreadsheetOptions,
): Promise<OpenedSpreadsheet> {
  const limits = resolveLimits(options.limits);
  const sniff = await sniffUpload(path, options.originalName, { maxZipEntries: limits.zip.maxEntries });
  return sniff.format === 'csv'
    ? openCsv(path, options, limits, sniff.extensionMismatch)
    : openXlsx(path, options, limits, sniff.extensionMismatch);
}

interface Sample {
  iterator: AsyncGenerator<RawRow>;
  rows: RawRow[];
  done: boolean;
}

/**
 * Reads up to `count` rows for the header search. A cell-level failure among them is reported with the header
 * text when the header row came before it.
 */
async function takeSample(
  iterator: AsyncGenerator<RawRow>,
  count: number,
  isKnownHeader: (text: string) => boolean,
  sheetName: string | undefined,
): Promise<Sample> {
  const rows: RawRow[] = [];
  try {
    while (rows.length < count) {
      const next = await iterator.next();
      if (next.done) {
        return { iterator, rows, done: true };
      }
      rows.push(next.value);
    }
  } catch (error) {
    throw withHeaderName(error, { sheetName, headers: findHeaderRow(rows, isKnownHeader)?.headers ?? [] });
  }
  return { iterator, rows, done: false };
}

async function closeQuietly(iterator: AsyncGenerator<RawRow>): Promise<void> {
  try {
    await iterator.return(undefined);
  } catch {
    // Closing after a failure: the failure has already been reported.
  }
}

interface DataRowsContext {
  sheetName: string | undefined;
  headers: string[];
  maxRows: number;
}

async function* dataRows(
  sample: Sample,
  header: HeaderCandidate,
  context: DataRowsContext,
): AsyncGenerator<RawRow> {
  let count = 0;
  const counted = (row: RawRow): RawRow => {
    count++;
    if (count > context.maxRows) {
      const where = context.sheetName === undefined ? 'file' : `sheet "${context.sheetName}"`;
      throw new ImportError(
        'TOO_MANY_ROWS',
        `The ${where} has more than ${context.maxRows} supplier rows, the most one upload accepts. ` +
          'Split the list into several files.',
        { limit: context.maxRows, row: row.rowNumber, ...sheetDetail(context.sheetName) },
      );
    }
    return row;
  };
  try {
    for (const row of sample.rows.slice(header.index + 1)) {
      yield counted(row);
    }
    while (!sample.done) {
      const next = await sample.iterator.next();
      if (next.done) {
        break;
      }
      yield counted(next.value);
    }
  } catch (error) {
    throw withHeaderName(error, context);
  } finally {
    await closeQuietly(sample.iterator);
  }
}

function sheetDetail(sheetName: string | undefined): { sheetName?: string } {
  return sheetName === undefined ? {} : { sheetName };
}

/** Adds the header text and sheet to a cell-level error from a reader, which only knows the column letter. */
function withHeaderName(
  error: unknown,
  context: { sheetName: string | undefined; headers: string[] },
): unknown {
  if (
    !(error instanceof ImportError) ||
    error.details.row === undefined ||
    error.details.header !== undefined ||
    error.details.sheetName !== undefined
  ) {
    return error;
  }
  const letter = error.details.column;
  const header = letter === undefined ? undefined : context.headers[(columnNumber(letter) ?? 0) - 1];
  if (!header && context.sheetName === undefined) {
    return error;
  }
  const notes = [
    ...(context.sheetName === undefined ? [] : [`Sheet "${context.sheetName}".`]),
    ...(header && letter ? [`Column ${letter} is "${header}".`] : []),
  ];
  return new ImportError(error.code, `${error.message} ${notes.join(' ')}`, {
    ...error.details,
    ...(header ? { header } : {}),
    ...sheetDetail(context.sheetName),
  });
}

/** A header with nothing below it is refused up front, before a batch starts. */
async function requireDataRows(
  sample: Sample,
  header: HeaderCandidate,
  sheetName: string | undefined,
): Promise<void> {
  if (sample.rows.length > header.index + 1) {
    return;
  }
  if (!sample.done) {
    const next = await sample.iterator.next();
    if (!next.done) {
      sample.rows.push(next.value);
      return;
    }
    sample.done = true;
  }
  const where = sheetName === undefined ? 'The file' : `Sheet "${sheetName}"`;
  throw new ImportError(
    'NO_DATA_ROWS',
    `${where} has a header row (row ${header.rowNumber}) but no supplier rows below it. ` +
      'Add one row per supplier under the header and upload again.',
    { row: header.rowNumber, ...sheetDetail(sheetName) },
  );
}

/** Wraps the data rows so that `close()` ends both the wrapper and the file reader, started or not. */
function opened(
  sample: Sample,
  header: HeaderCandidate,
  context: DataRowsContext,
): { rows: AsyncIterable<RawRow>; close: () => Promise<void> } {
  const rows = dataRows(sample, header, context);
  return {
    rows,
    close: async () => {
      await rows.return(undefined);
      await closeQuietly(sample.iterator);
    },
  };
}

async function openCsv(
  path: string,
  options: OpenSpreadsheetOptions,
  limits: SpreadsheetLimits,
  extensionMismatch: boolean,
): Promise<OpenedSpreadsheet> {
  const format = options.known?.csvFormat ?? (await detectCsvFormat(path, options.known?.validUtf8));
  const iterator = readCsvRows(path, {
    format,
    maxColumns: limits.maxColumns,
    maxCellLength: limits.maxCellLength,
    maxRowChars: limits.maxCsvRowChars,
    maxCells: limits.maxCells,
  });
  try {
    const sample = await takeSample(iterator, limits.headerSearchRows, options.isKnownHeader, undefined);
    if (sample.rows.length === 0) {
      throw new ImportError('EMPTY_FILE', 'The file contains no data: every line is blank.');
    }
    const header = findHeaderRow(sample.rows, options.isKnownHeader);
    if (!header) {
      throw noHeaderRowError({ searchedRows: sample.rows.length });
    }
    await requireDataRows(sample, header, undefined);
    const estimatedRows = Math.round(format.fileSize / format.bytesPerRow) - header.rowNumber;
    const { rows, close } = opened(sample, header, {
      sheetName: undefined,
      headers: header.headers,
      maxRows: limits.maxRows,
    });
    return {
      format: 'csv',
      sheetName: undefined,
      sheetNames: [],
      headerRowNumber: header.rowNumber,
      headers: header.headers,
      rows,
      estimatedDataRows: Math.max(estimatedRows, 1),
      csv: {
        encoding: format.encoding,
        delimiter: format.delimiter,
        format,
        ...(format.encodingCertain
          ? {}
          : {
              encodingNote: uncertainEncodingNote({
                encoding: format.encoding as LegacyEncoding,
                alternatives: format.encodingAlternatives,
              }),
            }),
      },
      date1904: false,
      extensionMismatch,
      close,
    };
  } catch (error) {
    await closeQuietly(iterator);
    throw error;
  }
}

function findSheet(workbook: XlsxWorkbook, wanted: string): XlsxSheet {
  const exact = workbook.sheets.find((sheet) => sheet.name === wanted);
  const key = wanted.trim().toLowerCase();
  const loose = exact ?? workbook.sheets.find((sheet) => sheet.name.trim().toLowerCase() === key);
  if (!loose) {
    const names = workbook.sheets.map((sheet) => `"${sheet.name}"`).join(', ');
    throw new ImportError(
      'SHEET_NOT_FOUND',
      `The workbook has no sheet named "${wanted}". Its sheets are: ${names}. Choose one of these, or leave the ` +
        'sheet empty to let the import find the supplier table.',
      { sheetName: wanted, sheetNames: workbook.sheets.map((sheet) => sheet.name) },
    );
  }
  return loose;
}

const SHEET_LEVEL_CODES = new Set<ImportErrorCode>(['TOO_MANY_COLUMNS', 'CELL_TOO_LONG', 'TOO_MANY_CELLS']);

interface SheetCandidate {
  sheet: XlsxSheet;
  sample: Sample;
  header: HeaderCandidate | undefined;
  lastDeclaredRow: number | undefined;
}

async function sampleSheet(
  workbook: XlsxWorkbook,
  sheet: XlsxSheet,
  limits: SpreadsheetLimits,
  isKnownHeader: (text: string) => boolean,
): Promise<SheetCandidate> {
  let lastDeclaredRow: number | undefined;
  const iterator = readXlsxRows(workbook, sheet, {
    maxColumns: limits.maxColumns,
    maxCellLength: limits.maxCellLength,
    maxCells: limits.maxCells,
    onDimension: (ref) => {
      const last = /(\d+)$/.exec(ref);
      lastDeclaredRow = last ? Number(last[1]) : undefined;
    },
  });
  try {
    const sample = await takeSample(iterator, limits.headerSearchRows, isKnownHeader, sheet.name);
    return { sheet, sample, header: findHeaderRow(sample.rows, isKnownHeader), lastDeclaredRow };
  } catch (error) {
    await closeQuietly(iterator);
    throw error;
  }
}

async function openXlsx(
  path: string,
  options: OpenSpreadsheetOptions,
  limits: SpreadsheetLimits,
  extensionMismatch: boolean,
): Promise<OpenedSpreadsheet> {
  const workbook = await openXlsxWorkbook(path, {
    zipLimits: limits.zip,
    maxCellLength: limits.maxCellLength,
    maxSharedStringChars: limits.maxSharedStringChars,
    maxSharedStrings: limits.maxSharedStrings,
  });
  const sheetNames = workbook.sheets.map((sheet) => sheet.name);
  if (workbook.sheets.length === 0) {
    throw new ImportError(
      'SHEET_NOT_FOUND',
      'The workbook has no worksheets (only charts or macros). Put the supplier list on a worksheet and upload again.',
      { sheetNames },
    );
  }
  const candidates =
    options.sheetName !== undefined && options.sheetName.trim() !== ''
      ? [findSheet(workbook, options.sheetName)]
      : [
          ...workbook.sheets.filter((sheet) => sheet.state === 'visible'),
          ...workbook.sheets.filter((sheet) => sheet.state !== 'visible'),
        ];

  let best: SheetCandidate | undefined;
  const looked: SheetCandidate[] = [];
  // A side sheet that breaks a cell limit must not block the import of the supplier sheet next to it.
  let sheetFailure: ImportError | undefined;
  try {
    for (const sheet of candidates) {
      let candidate: SheetCandidate;
      try {
        candidate = await sampleSheet(workbook, sheet, limits, options.isKnownHeader);
      } catch (error) {
        if (candidates.length > 1 && error instanceof ImportError && SHEET_LEVEL_CODES.has(error.code)) {
          sheetFailure ??= error;
          continue;
        }
        throw error;
      }
      looked.push(candidate);
      if (candidate.header && (!best?.header || isBetterHeader(candidate.header, best.header))) {
        if (best) {
          await closeQuietly(best.sample.iterator);
        }
        best = candidate;
      } else {
        await closeQuietly(candidate.sample.iterator);
      }
    }
  } catch (error) {
    if (best) {
      await closeQuietly(best.sample.iterator);
    }
    throw error;
  }

  if (!best?.header) {
    if (sheetFailure) {
      throw sheetFailure;
    }
    if (looked.every((candidate) => candidate.sample.rows.length === 0)) {
      const which =
        looked.length === 1 ? `sheet "${looked[0].sheet.name}" is empty` : 'all its sheets are empty';
      throw new ImportError('EMPTY_FILE', `The workbook contains no data: ${which}.`, { sheetNames });
    }
    const error = noHeaderRowError({
      sheetName: looked.length === 1 ? looked[0].sheet.name : undefined,
      searchedRows: limits.headerSearchRows,
    });
    throw new ImportError(
      error.code,
      looked.length === 1
        ? error.message
        : `${error.message} Sheets looked at: ${looked.map((candidate) => `"${candidate.sheet.name}"`).join(', ')}.`,
      { ...error.details, sheetNames },
    );
  }

  const chosen = best;
  const header = best.header;
  try {
    await requireDataRows(chosen.sample, header, chosen.sheet.name);
  } catch (error) {
    await closeQuietly(chosen.sample.iterator);
    throw withHeaderName(error, { sheetName: chosen.sheet.name, headers: header.headers });
  }
  const { rows, close } = opened(chosen.sample, header, {
    sheetName: chosen.sheet.name,
    headers: header.headers,
    maxRows: limits.maxRows,
  });
  return {
    format: 'xlsx',
    sheetName: chosen.sheet.name,
    sheetNames,
    headerRowNumber: header.rowNumber,
    headers: header.headers,
    rows,
    estimatedDataRows:
      chosen.lastDeclaredRow === undefined
        ? undefined
        : Math.max(chosen.lastDeclaredRow - header.rowNumber, 0),
    csv: undefined,
    date1904: workbook.date1904,
    extensionMismatch,
    close,
  };
}
