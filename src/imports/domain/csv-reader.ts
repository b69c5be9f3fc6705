import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { parse, type CsvError } from 'csv-parse';
import iconv from 'iconv-lite';
import type { CellValue } from './cell-value.js';
import { guessLegacyEncoding, type LegacyEncoding } from './csv-encoding.js';
import { looksLikeUtf16 } from './file-sniffer.js';
import { columnLetter, ImportError } from './import-error.js';
import { trimRow, type RawRow } from './raw-row.js';

// Reads csv as exported by Excel, ERPs and procurement tools around the world: UTF-8 with or without BOM,
// UTF-16 (Excel's "Unicode text"), the legacy code pages of Excel's "CSV" (Windows-1252 in Western Europe,
// GB18030, Big5, Shift-JIS, EUC-KR, 1250/1251...; guessed in csv-encoding.ts), delimited by comma, semicolon
// (Excel in locales with a decimal comma) or tab. Every cell stays text.

export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | LegacyEncoding;

/** The encoding a csv is read with; for a legacy code page, how sure the guess is (src/imports/domain/csv-encoding.ts). */
export interface CsvEncodingGuess {
  encoding: CsvEncoding;
  certain: boolean;
  /** Other code pages that read the bytes nearly as well (uncertain guesses only). */
  alternatives: LegacyEncoding[];
}
export const CSV_DELIMITERS = [',', ';', '\t', '|'] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

export interface CsvFormat {
  encoding: CsvEncoding;
  /** False when the file is in a legacy code page Vigil could only guess. */
  encodingCertain: boolean;
  encodingAlternatives: LegacyEncoding[];
  delimiter: CsvDelimiter;
  /** Excel's `sep=;` hint on the first line: honoured, and not counted as a row (Excel hides it too). */
  sepLine: boolean;
  /** Average bytes per row in the sample, to estimate the row count for progress. */
  bytesPerRow: number;
  fileSize: number;
}

export interface CsvReadOptions {
  /** Detected when absent. */
  format?: CsvFormat;
  maxColumns?: number;
  maxCellLength?: number;
  /** Only a guard against runaway memory (e.g. an unclosed quote); exact cell lengths are checked by the caller. */
  maxRowChars?: number;
  /** Fields read, empty ones included (a blank line counts one). */
  maxCells?: number;
}

const SAMPLE_BYTES = 64 * 1024;
/** Bytes of a file that is not UTF-8 given to the encoding guess (csv-encoding.ts reads what it needs of them). */
const ENCODING_SAMPLE_BYTES = 256 * 1024;
const SAMPLE_RECORDS = 50;
export const DEFAULT_MAX_ROW_CHARS = 1024 * 1024;

async function readHead(path: string, bytes = SAMPLE_BYTES): Promise<{ head: Buffer; size: number }> {
  const handle = await open(path, 'r');
  try {
    const size = (await handle.stat()).size;
    const head = Buffer.alloc(Math.min(size, bytes));
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return { head: head.subarray(0, bytesRead), size };
  } finally {
    await handle.close();
  }
}

/** True when the whole file is valid UTF-8; stops at the first invalid byte. */
async function isValidUtf8(path: string): Promise<boolean> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of createReadStream(path)) {
      decoder.decode(chunk as Buffer, { stream: true });
    }
    decoder.decode();
    return true;
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ERR_ENCODING_INVALID_ENCODED_DATA') {
      return false;
    }
    throw error;
  }
}

/** `validUtf8`: whether the whole file is valid UTF-8, when the caller found out already (else it is read here). */
export async function detectCsvEncoding(path: string, validUtf8?: boolean): Promise<CsvEncodingGuess> {
  const { head } = await readHead(path);
  const sure = (encoding: CsvEncoding): CsvEncodingGuess => ({ encoding, certain: true, alternatives: [] });
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) {
    return sure('utf-8');
  }
  if (head[0] === 0xff && head[1] === 0xfe) {
    return sure('utf-16le');
  }
  if (head[0] === 0xfe && head[1] === 0xff) {
    return sure('utf-16be');
  }
  const utf16 = looksLikeUtf16(head);
  if (utf16) {
    return sure(utf16);
  }
  if (validUtf8 ?? (await isValidUtf8(path))) {
    return sure('utf-8');
  }
  // Bytes that are not valid UTF-8 anywhere in the file: a legacy code page, guessed from the bytes.
  const { head: sample } = await readHead(path, ENCODING_SAMPLE_BYTES);
  const guess = guessLegacyEncoding(sample);
  return { encoding: guess.encoding, certain: guess.certain, alternatives: guess.alternatives };
}

function decodeSample(head: Buffer, encoding: CsvEncoding): string {
  const text = iconv.decode(head, encoding === 'utf-8' ? 'utf8' : encoding);
  // The sample may end inside a record: drop the last, possibly partial, line.
  const lastBreak = text.lastIndexOf('\n');
  return head.length >= SAMPLE_BYTES && lastBreak > 0 ? text.slice(0, lastBreak) : text;
}

/** Field counts per record for one delimiter, honouring double-quoted fields (which may contain line breaks). */
export function countFields(sample: string, delimiter: string, maxRecords = SAMPLE_RECORDS): number[] {
  const counts: number[] = [];
  let fields = 1;
  let fieldStart = true;
  let inQuotes = false;
  let recordHasContent = false;
  for (let i = 0; i < sample.length && counts.length < maxRecords; i++) {
    const ch = sample[i];
    if (inQuotes) {
      if (ch === '"') {
        if (sample[i + 1] === '"') {
          i++;
        } else {
          inQuotes = false;
        }
      }
      continue;
    }
    if (ch === '"' && fieldStart) {
      inQuotes = true;
      fieldStart = false;
      recordHasContent = true;
    } else if (ch === delimiter) {
      fields++;
      fieldStart = true;
      recordHasContent = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && sample[i + 1] === '\n') {
        i++;
      }
      counts.push(recordHasContent ? fields : 0);
      fields = 1;
      fieldStart = true;
      recordHasContent = false;
    } else {
      fieldStart = false;
      if (ch !== ' ') {
        recordHasContent = true;
      }
    }
  }
  if (recordHasContent && counts.length < maxRecords) {
    counts.push(fields);
  }
  return counts;
}

/**
 * The delimiter that splits the most records into the same number (> 1) of fields; ties go to the one giving
 * more fields, then to the order comma, semicolon, tab, pipe. A file with one column falls back to comma.
 */
export function detectDelimiter(sample: string): CsvDelimiter {
  let best: { delimiter: CsvDelimiter; support: number; fields: number } = {
    delimiter: ',',
    support: 0,
    fields: 1,
  };
  for (const delimiter of CSV_DELIMITERS) {
    const frequency = new Map<number, number>();
    for (const count of countFields(sample, delimiter)) {
      if (count > 1) {
        frequency.set(count, (frequency.get(count) ?? 0) + 1);
      }
    }
    for (const [fields, support] of frequency) {
      if (support > best.support || (support === best.support && fields > best.fields)) {
        best = { delimiter, support, fields };
      }
    }
  }
  return best.delimiter;
}

const SEP_LINE = /^"?sep=(.)"?\s*(\r\n|\n|\r|$)/i;

export async function detectCsvFormat(path: string, validUtf8?: boolean): Promise<CsvFormat> {
  const { encoding, certain, alternatives } = await detectCsvEncoding(path, validUtf8);
  const { head, size } = await readHead(path);
  const sample = decodeSample(head, encoding).replace(/^\uFEFF/, '');
  const sep = SEP_LINE.exec(sample);
  const sepDelimiter = CSV_DELIMITERS.find((candidate) => candidate === sep?.[1]);
  const delimiter = sepDelimiter ?? detectDelimiter(sample);
  const records = Math.max(countFields(sample, delimiter, Number.MAX_SAFE_INTEGER).length, 1);
  return {
    encoding,
    encodingCertain: certain,
    encodingAlternatives: alternatives,
    delimiter,
    sepLine: sepDelimiter !== undefined,
    bytesPerRow: Math.max(head.length / records, 1),
    fileSize: size,
  };
}

function csvError(error: CsvError, rowNumber: number, maxRowChars: number): ImportError {
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
    return new ImportError(
      'MALFORMED_CSV',
      `Row ${rowNumber} opens a quoted value (") that is never closed, so the rest of the file cannot be ` +
        'read. Fix the quote in that row, or open the file in Excel and save it again as csv.',
      { row: rowNumber },
    );
  }
  if (error.code === 'CSV_MAX_RECORD_SIZE') {
    return new ImportError(
      'CELL_TOO_LONG',
      `Row ${rowNumber} is longer than ${maxRowChars} characters, far more than a supplier row holds. ` +
        'Check for a missing closing quote (") or a pasted document in a cell.',
      { row: rowNumber, limit: maxRowChars },
    );
  }
  return new ImportError(
    'MALFORMED_CSV',
    `Row ${rowNumber} cannot be read as csv (${error.message.replace(/\s+at line \d+.*$/s, '')}). ` +
      'Open the file in Excel and save it again as csv, or upload it as .xlsx.',
    { row: rowNumber },
  );
}

function tooManyCells(rowNumber: number, maxCells: number): ImportError {
  return new ImportError(
    'TOO_MANY_CELLS',
    `The file holds more than ${maxCells.toLocaleString('en')} cells (empty fields and blank lines included) by ` +
      `line ${rowNumber}, more than one upload accepts (the server setting IMPORT_MAX_CELLS). Delete the empty ` +
      'lines and columns, or split the list, and upload again.',
    { row: rowNumber, limit: maxCells },
  );
}

function tooManyColumns(rowNumber: number, count: number, maxColumns: number): ImportError {
  return new ImportError(
    'TOO_MANY_COLUMNS',
    `Row ${rowNumber} has ${count} columns; at most ${maxColumns} are accepted. ` +
      'Delete the unused columns, or check that the file uses one delimiter throughout.',
    { row: rowNumber, column: columnLetter(count), limit: maxColumns, actual: count },
  );
}

function cellTooLong(rowNumber: number, column: number, length: number, maxCellLength: number): ImportError {
  const letter = columnLetter(column);
  return new ImportError(
    'CELL_TOO_LONG',
    `Cell ${letter}${rowNumber} holds ${length} characters; at most ${maxCellLength} are accepted in one cell. ` +
      'Shorten it (a supplier field never needs that much text) and upload again.',
    { row: rowNumber, column: letter, limit: maxCellLength, actual: length },
  );
}

/** Streams the non-blank records; row numbers are as Excel would show them when opening the file. */
export async function* readCsvRows(path: string, options: CsvReadOptions = {}): AsyncGenerator<RawRow> {
  const format = options.format ?? (await detectCsvFormat(path));
  const maxColumns = options.maxColumns ?? Number.MAX_SAFE_INTEGER;
  const maxRowChars = options.maxRowChars ?? DEFAULT_MAX_ROW_CHARS;
  const maxCellLength = options.maxCellLength ?? Number.MAX_SAFE_INTEGER;
  const maxCells = options.maxCells ?? Number.MAX_SAFE_INTEGER;
  let cellCount = 0;
  const source = createReadStream(path);
  const decoder = iconv.decodeStream(format.encoding === 'utf-8' ? 'utf8' : format.encoding, {
    stripBOM: true,
  });
  const parser = parse({
    delimiter: format.delimiter,
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    max_record_size: maxRowChars,
    from_line: format.sepLine ? 2 : 1,
  });
  source.on('error', (error) => parser.destroy(error));
  decoder.on('error', (error: Error) => parser.destroy(error));
  source.pipe(decoder).pipe(parser);
  let rowNumber = 0;
  try {
    for await (const record of parser) {
      rowNumber++;
      const fields = record as string[];
      // A blank line counts as one cell: a file of nothing but line breaks is bounded like any other.
      cellCount += Math.max(fields.length, 1);
      if (cellCount > maxCells) {
        throw tooManyCells(rowNumber, maxCells);
      }
      const cells: CellValue[] = fields.map((field) => (field === '' ? null : field));
      const trimmed = trimRow(cells);
      if (!trimmed) {
        continue;
      }
      if (trimmed.length > maxColumns) {
        throw tooManyColumns(rowNumber, trimmed.length, maxColumns);
      }
      const long = trimmed.findIndex((cell) => typeof cell === 'string' && cell.length > maxCellLength);
      if (long >= 0) {
        throw cellTooLong(rowNumber, long + 1, (trimmed[long] as string).length, maxCellLength);
      }
      yield { rowNumber, cells: trimmed };
    }
  } catch (error) {
    if (error instanceof ImportError) {
      throw error;
    }
    if (isCsvError(error)) {
      throw csvError(error, rowNumber + 1, maxRowChars);
    }
    throw error;
  } finally {
    source.destroy();
    parser.destroy();
  }
}

function isCsvError(error: unknown): error is CsvError {
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('CSV_');
}
