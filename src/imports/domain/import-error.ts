import { DomainError, type ErrorKind } from '../../common/errors/domain-error.js';

// Why a whole upload was refused before any row was imported. Row-level problems are not errors: they are
// collected per row and reported with the batch.

export const IMPORT_ERROR_CODES = [
  'NO_FILE',
  'EMPTY_FILE',
  'UNSUPPORTED_FORMAT',
  'LEGACY_XLS',
  'ENCRYPTED_WORKBOOK',
  'CORRUPT_FILE',
  'ZIP_BOMB',
  'MALFORMED_CSV',
  'TOO_MANY_COLUMNS',
  'CELL_TOO_LONG',
  'TOO_MANY_ROWS',
  'TOO_MANY_CELLS',
  'IMPORT_TIME_LIMIT',
  'WORKBOOK_TOO_LARGE',
  'SHEET_NOT_FOUND',
  'NO_HEADER_ROW',
  'NO_DATA_ROWS',
  'INVALID_MAPPING',
] as const;
export type ImportErrorCode = (typeof IMPORT_ERROR_CODES)[number];

/** Structured facts for the client; every field is optional and never contains file content beyond a cell. */
export interface ImportErrorDetails {
  /** What the content turned out to be, e.g. "pdf", "ods", "xls", "encrypted-ooxml". */
  detectedFormat?: string;
  sheetName?: string;
  sheetNames?: string[];
  /** 1-based row number as Excel shows it. */
  row?: number;
  /** Column letter as Excel shows it (A, B, ... AA). */
  column?: string;
  /** Header text of the column, when the header row is known. */
  header?: string;
  limit?: number;
  actual?: number;
  /** Name of the zip entry concerned (xlsx internals), for support. */
  entry?: string;
}

export function importErrorKind(code: ImportErrorCode): ErrorKind {
  switch (code) {
    case 'UNSUPPORTED_FORMAT':
    case 'LEGACY_XLS':
    case 'ENCRYPTED_WORKBOOK':
      return 'unsupported-media';
    case 'ZIP_BOMB':
    case 'TOO_MANY_ROWS':
    case 'TOO_MANY_CELLS':
    case 'IMPORT_TIME_LIMIT':
    case 'WORKBOOK_TOO_LARGE':
      return 'payload-too-large';
    case 'NO_FILE':
    case 'EMPTY_FILE':
    case 'CORRUPT_FILE':
    case 'MALFORMED_CSV':
    case 'TOO_MANY_COLUMNS':
    case 'CELL_TOO_LONG':
    case 'SHEET_NOT_FOUND':
    case 'NO_HEADER_ROW':
    case 'NO_DATA_ROWS':
    case 'INVALID_MAPPING':
      return 'invalid-input';
    default: {
      const unreachable: never = code;
      return unreachable;
    }
  }
}

export class ImportError extends DomainError {
  readonly kind: ErrorKind;
  declare readonly code: ImportErrorCode;
  declare readonly details: ImportErrorDetails;

  constructor(code: ImportErrorCode, message: string, details: ImportErrorDetails = {}) {
    super(code, message, details);
    this.kind = importErrorKind(code);
  }
}

/** Column letters as Excel shows them: 1 -> A, 27 -> AA. */
export function columnLetter(columnNumber: number): string {
  let n = columnNumber;
  let letters = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** Inverse of `columnLetter`; undefined for anything that is not letters. */
export function columnNumber(letters: string): number | undefined {
  if (!/^[A-Za-z]+$/.test(letters)) {
    return undefined;
  }
  let n = 0;
  for (const ch of letters.toUpperCase()) {
    n = n * 26 + (ch.charCodeAt(0) - 64);
  }
  return n;
}
