import type { CellValue } from './cell-value.js';
import { ImportError } from './import-error.js';
import type { RawRow } from './raw-row.js';

// Real exports rarely start with the header: a title banner, a "filtered by" note or blank rows come first.
// The header is the row naming the most columns we know; ties go to the row with more text cells, then to
// the earlier row.

export interface HeaderCandidate {
  rowNumber: number;
  /** Position of the row in the rows given. */
  index: number;
  /** Header text per column (column A first); '' for an empty header cell. */
  headers: string[];
  knownHeaders: number;
  textCells: number;
}

export interface HeaderSearchContext {
  sheetName?: string;
  /** How many rows were looked at, for the message. */
  searchedRows?: number;
}

/** Header cell as text: trimmed, inner whitespace and line breaks collapsed. */
export function headerText(value: CellValue): string {
  if (value === null) {
    return '';
  }
  if (value instanceof Date) {
    return value.toISOString().slice(0, 10);
  }
  if (typeof value === 'boolean') {
    return value ? 'TRUE' : 'FALSE';
  }
  return String(value).replace(/\s+/g, ' ').trim();
}

function candidateOf(row: RawRow, index: number, isKnownHeader: (text: string) => boolean): HeaderCandidate {
  const headers = row.cells.map(headerText);
  let knownHeaders = 0;
  let textCells = 0;
  row.cells.forEach((value, column) => {
    if (typeof value === 'string' && headers[column] !== '') {
      textCells++;
      if (isKnownHeader(headers[column])) {
        knownHeaders++;
      }
    }
  });
  return { rowNumber: row.rowNumber, index, headers, knownHeaders, textCells };
}

export function isBetterHeader(candidate: HeaderCandidate, best: HeaderCandidate | undefined): boolean {
  if (!best) {
    return true;
  }
  if (candidate.knownHeaders !== best.knownHeaders) {
    return candidate.knownHeaders > best.knownHeaders;
  }
  return candidate.textCells > best.textCells;
}

/** The best header candidate among the rows, or undefined when no row names a single known column. */
export function findHeaderRow(
  rows: RawRow[],
  isKnownHeader: (text: string) => boolean,
): HeaderCandidate | undefined {
  let best: HeaderCandidate | undefined;
  rows.forEach((row, index) => {
    const candidate = candidateOf(row, index, isKnownHeader);
    if (candidate.knownHeaders > 0 && isBetterHeader(candidate, best)) {
      best = candidate;
    }
  });
  return best;
}

export function noHeaderRowError(context: HeaderSearchContext = {}): ImportError {
  const where = context.sheetName === undefined ? 'the file' : `sheet "${context.sheetName}"`;
  const searched =
    context.searchedRows === undefined ? '' : ` (looked at the first ${context.searchedRows} rows)`;
  return new ImportError(
    'NO_HEADER_ROW',
    `No header row found in ${where}${searched}: expected a row of column titles such as "Supplier name", ` +
      '"Country", "Number of workers". Add a header row above the data, or start from the import template.',
    context.sheetName === undefined ? {} : { sheetName: context.sheetName },
  );
}

/** The header row among the rows (usually the first ~30 non-blank rows of a sheet); NO_HEADER_ROW if none. */
export function detectHeaderRow(
  rows: RawRow[],
  isKnownHeader: (text: string) => boolean,
  context: HeaderSearchContext = {},
): HeaderCandidate {
  const found = findHeaderRow(rows, isKnownHeader);
  if (!found) {
    throw noHeaderRowError({ searchedRows: rows.length, ...context });
  }
  return found;
}
