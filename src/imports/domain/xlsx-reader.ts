import { SaxesParser, type SaxesTagPlain } from 'saxes';
import type { CellValue } from './cell-value.js';
import { columnLetter, columnNumber, ImportError } from './import-error.js';
import { trimRow, type RawRow } from './raw-row.js';
import {
  findEntry,
  openZipEntry,
  toZipImportError,
  type ZipDirectory,
  type ZipEntry,
} from './zip-archive.js';
import { DEFAULT_ZIP_LIMITS, guardZip, type ZipLimits } from './zip-guard.js';
import { SharedStringTable } from './shared-strings.js';

// Streams rows out of an .xlsx workbook one sheet at a time. The zip is read from its central directory
// (random access: a sheet can be sampled and dropped without unpacking the rest of the file, and nothing is
// written to temporary files) and the sheet XML is parsed with a streaming SAX parser, so memory stays flat
// apart from the shared-strings table that every xlsx reader must hold.
//
// Not exceljs' streaming WorkbookReader: in exceljs 4.4 it decodes each chunk of XML on its own, which breaks
// multi-byte characters that straddle two chunks (Vietnamese, Chinese and Bengali supplier names came back with
// U+FFFD in a test here), and it spools sheets to temp files when, as Excel writes them, the shared strings come
// after the sheets.

export type SheetState = 'visible' | 'hidden' | 'veryHidden';

export interface XlsxSheet {
  name: string;
  state: SheetState;
  /** Position in the workbook's tab order, from 0. */
  index: number;
  entryName: string;
}

export interface XlsxWorkbook {
  directory: ZipDirectory;
  /** Worksheets in tab order (chart sheets and macro sheets are left out). */
  sheets: XlsxSheet[];
  date1904: boolean;
  sharedStrings: SharedStringTable;
  /** Per cell style (cellXfs index): whether its number format shows a date or time. */
  dateStyles: boolean[];
}

export interface XlsxOpenOptions {
  zipLimits?: ZipLimits;
  maxCellLength?: number;
  /** Total characters of shared strings held in memory. */
  maxSharedStringChars?: number;
  /** Entries of the shared-strings table. */
  maxSharedStrings?: number;
}

export interface XlsxRowOptions {
  maxColumns?: number;
  maxCellLength?: number;
  /** `<c>` elements read in the sheet, blank ones included. */
  maxCells?: number;
  /** Called with the sheet's declared used range (e.g. "A1:O1200") when the sheet states one. */
  onDimension?: (ref: string) => void;
}

export const DEFAULT_MAX_SHARED_STRING_CHARS = 100_000_000;
export const DEFAULT_MAX_SHARED_STRINGS = 10_000_000;

const REL_OFFICE_DOCUMENT = /\/officeDocument$/;
const REL_WORKSHEET = /\/worksheet$/;
const REL_SHARED_STRINGS = /\/sharedStrings$/;
const REL_STYLES = /\/styles$/;

// ---------------------------------------------------------------------------------------------------------------
// XML plumbing

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** Attribute by local name, whatever prefix the writer chose (`r:id`, `ns1:id`, or none). */
function attribute(tag: SaxesTagPlain, name: string): string | undefined {
  const direct = tag.attributes[name];
  if (direct !== undefined) {
    return direct;
  }
  for (const [key, value] of Object.entries(tag.attributes)) {
    if (localName(key) === name) {
      return value;
    }
  }
  return undefined;
}

function relationshipId(tag: SaxesTagPlain): string | undefined {
  for (const [key, value] of Object.entries(tag.attributes)) {
    if (key.includes(':') && localName(key) === 'id') {
      return value;
    }
  }
  return undefined;
}

interface XmlHandlers {
  open?: (name: string, tag: SaxesTagPlain) => void;
  text?: (text: string) => void;
  close?: (name: string) => void;
}

function createParser(handlers: XmlHandlers): { parser: SaxesParser; failure: () => Error | undefined } {
  const parser = new SaxesParser();
  let failure: Error | undefined;
  parser.on('error', (error) => {
    failure ??= error;
  });
  if (handlers.open) {
    const open = handlers.open;
    parser.on('opentag', (tag) => open(localName(tag.name), tag));
  }
  if (handlers.text) {
    parser.on('text', handlers.text);
    parser.on('cdata', handlers.text);
  }
  if (handlers.close) {
    const close = handlers.close;
    parser.on('closetag', (tag) => close(localName(tag.name)));
  }
  return { parser, failure: () => failure };
}

/** Decoded text of one entry, chunk by chunk, with multi-byte characters kept whole across chunk borders. */
async function* entryText(directory: ZipDirectory, entry: ZipEntry): AsyncGenerator<string> {
  const stream = await openZipEntry(directory, entry);
  let decoder: InstanceType<typeof TextDecoder> | undefined;
  try {
    for await (const chunk of stream) {
      const bytes = chunk as Buffer;
      if (!decoder) {
        // Excel writes UTF-8; other writers may use UTF-16, which then starts with a byte-order mark.
        const utf16 =
          bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff;
        decoder = new TextDecoder(utf16 === 'utf-16le' ? 'utf-16le' : utf16 ? 'utf-16be' : 'utf-8');
      }
      const text = decoder.decode(bytes, { stream: true });
      if (text) {
        yield text;
      }
    }
    const rest = decoder?.decode() ?? '';
    if (rest) {
      yield rest;
    }
  } catch (error) {
    throw toZipImportError(error, entry.name);
  } finally {
    stream.destroy();
  }
}

function damagedXml(entryName: string, error: Error): ImportError {
  return new ImportError(
    'CORRUPT_FILE',
    `The workbook is damaged: its part "${entryName}" is not valid XML (${error.message.split('\n')[0]}). ` +
      'Open it in Excel, save it again as .xlsx and upload the new file.',
    { detectedFormat: 'xlsx', entry: entryName },
  );
}

/** Parses a whole (small or streamed) part with the handlers; returns false when the part does not exist. */
async function parsePart(
  directory: ZipDirectory,
  entryName: string,
  handlers: XmlHandlers,
): Promise<boolean> {
  const entry = findEntry(directory, entryName);
  if (!entry) {
    return false;
  }
  const { parser, failure } = createParser(handlers);
  for await (const text of entryText(directory, entry)) {
    parser.write(text);
    const error = failure();
    if (error) {
      throw damagedXml(entry.name, error);
    }
  }
  parser.close();
  const error = failure();
  if (error) {
    throw damagedXml(entry.name, error);
  }
  return true;
}

// ---------------------------------------------------------------------------------------------------------------
// Package parts

interface Relationship {
  id: string;
  type: string;
  target: string;
}

function folderOf(partName: string): string {
  const slash = partName.lastIndexOf('/');
  return slash < 0 ? '' : partName.slice(0, slash);
}

/** Resolves a relationship target against the folder of the part that owns the relationship. */
export function resolvePartName(baseFolder: string, target: string): string {
  const absolute = target.startsWith('/');
  const segments = [...(absolute || !baseFolder ? [] : baseFolder.split('/')), ...target.split('/')];
  const resolved: string[] = [];
  for (const segment of segments) {
    if (segment === '..') {
      resolved.pop();
    } else if (segment !== '.' && segment !== '') {
      resolved.push(segment);
    }
  }
  return resolved.join('/');
}

async function readRelationships(directory: ZipDirectory, partName: string): Promise<Relationship[]> {
  const folder = folderOf(partName);
  const file = partName.slice(folder ? folder.length + 1 : 0);
  const relsName = `${folder ? `${folder}/` : ''}_rels/${file}.rels`;
  const relationships: Relationship[] = [];
  await parsePart(directory, relsName, {
    open: (name, tag) => {
      if (name !== 'Relationship' || attribute(tag, 'TargetMode') === 'External') {
        return;
      }
      const id = attribute(tag, 'Id');
      const type = attribute(tag, 'Type');
      const target = attribute(tag, 'Target');
      if (id && type && target) {
        relationships.push({ id, type, target: resolvePartName(folder, target) });
      }
    },
  });
  return relationships;
}

async function findWorkbookPart(directory: ZipDirectory): Promise<string> {
  const rootRelationships = await readRelationships(directory, '');
  const officeDocument = rootRelationships.find((rel) => REL_OFFICE_DOCUMENT.test(rel.type));
  if (officeDocument && findEntry(directory, officeDocument.target)) {
    return officeDocument.target;
  }
  if (findEntry(directory, 'xl/workbook.xml')) {
    return 'xl/workbook.xml';
  }
  throw new ImportError(
    'CORRUPT_FILE',
    'The workbook is damaged: it has no workbook part listing its sheets. Open it in Excel, save it again as ' +
      '.xlsx and upload the new file.',
    { detectedFormat: 'xlsx' },
  );
}

function sheetState(value: string | undefined): SheetState {
  return value === 'hidden' || value === 'veryHidden' ? value : 'visible';
}

interface WorkbookPart {
  sheets: { name: string; state: SheetState; relationshipId: string | undefined }[];
  date1904: boolean;
}

async function readWorkbookPart(directory: ZipDirectory, partName: string): Promise<WorkbookPart> {
  const part: WorkbookPart = { sheets: [], date1904: false };
  await parsePart(directory, partName, {
    open: (name, tag) => {
      if (name === 'workbookPr') {
        const value = attribute(tag, 'date1904');
        part.date1904 = value === '1' || value === 'true';
      } else if (name === 'sheet') {
        part.sheets.push({
          name: attribute(tag, 'name') ?? `Sheet${part.sheets.length + 1}`,
          state: sheetState(attribute(tag, 'state')),
          relationshipId: relationshipId(tag),
        });
      }
    },
  });
  return part;
}

/** OOXML escapes characters XML cannot carry as _xHHHH_ (e.g. _x000D_ for a carriage return). */
export function decodeOoxmlEscapes(text: string): string {
  if (!text.includes('_x')) {
    return text;
  }
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_match, hex: string) =>
    String.fromCharCode(parseInt(hex, 16)),
  );
}

async function readSharedStrings(
  directory: ZipDirectory,
  partName: string | undefined,
  maxCellLength: number,
  budget: { chars: number; entries: number },
): Promise<SharedStringTable> {
  const strings = new SharedStringTable();
  if (!partName) {
    return strings.finish();
  }
  let inItem = false;
  let phoneticDepth = 0;
  let collecting = false;
  let pieces: string[] = [];
  let total = 0;
  await parsePart(directory, partName, {
    open: (name) => {
      if (name === 'si') {
        if (strings.size >= budget.entries) {
          throw new ImportError(
            'WORKBOOK_TOO_LARGE',
            `The workbook's table of texts holds more than ${budget.entries.toLocaleString('en')} entries, ` +
              'more than one upload accepts (the server setting IMPORT_MAX_SHARED_STRINGS). A supplier list ' +
              'needs far fewer: split it into several files, or upload it as csv.',
            { detectedFormat: 'xlsx', limit: budget.entries, entry: partName },
          );
        }
        inItem = true;
        pieces = [];
      } else if (name === 'rPh') {
        phoneticDepth++;
      } else if (name === 't' && inItem && phoneticDepth === 0) {
        collecting = true;
      }
    },
    text: (text) => {
      if (collecting) {
        pieces.push(text);
      }
    },
    close: (name) => {
      if (name === 't') {
        collecting = false;
      } else if (name === 'rPh') {
        phoneticDepth--;
      } else if (name === 'si') {
        inItem = false;
        const value = decodeOoxmlEscapes(pieces.join(''));
        if (value.length > maxCellLength) {
          strings.addOversized(value.length);
          return;
        }
        total += value.length;
        if (total > budget.chars) {
          throw new ImportError(
            'WORKBOOK_TOO_LARGE',
            `The workbook holds more than ${budget.chars.toLocaleString('en')} characters of text, more than ` +
              'one upload accepts (the server setting IMPORT_MAX_TEXT_CHARS). Split the supplier list into ' +
              'several files, or upload it as csv.',
            { detectedFormat: 'xlsx', limit: budget.chars, entry: partName },
          );
        }
        strings.add(value);
      }
    },
  });
  return strings.finish();
}

// Built-in number formats that display dates or times ([ECMA-376] 18.8.30, plus the East Asian locale ids).
const BUILTIN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54,
  55, 56, 57, 58,
]);

/** Whether a number format code shows a date or a time of day (elapsed durations like [h]:mm are numbers). */
export function isDateFormatCode(code: string): boolean {
  const withoutLiterals = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '');
  if (/\[(h+|m+|s+)\]/i.test(withoutLiterals)) {
    return false;
  }
  const withoutBrackets = withoutLiterals.replace(/\[[^\]]*\]/g, '');
  const firstSection = withoutBrackets.split(';')[0];
  return /[dmyhs]/i.test(firstSection) && !/^general$/i.test(firstSection.trim());
}

async function readDateStyles(directory: ZipDirectory, partName: string | undefined): Promise<boolean[]> {
  const dateStyles: boolean[] = [];
  if (!partName) {
    return dateStyles;
  }
  const customFormats = new Map<number, string>();
  const styleFormats: number[] = [];
  let inCellXfs = false;
  await parsePart(directory, partName, {
    open: (name, tag) => {
      if (name === 'numFmt') {
        const id = Number(attribute(tag, 'numFmtId'));
        const code = attribute(tag, 'formatCode');
        if (Number.isInteger(id) && code !== undefined) {
          customFormats.set(id, code);
        }
      } else if (name === 'cellXfs') {
        inCellXfs = true;
      } else if (name === 'xf' && inCellXfs) {
        styleFormats.push(Number(attribute(tag, 'numFmtId') ?? '0'));
      }
    },
    close: (name) => {
      if (name === 'cellXfs') {
        inCellXfs = false;
      }
    },
  });
  for (const id of styleFormats) {
    const custom = customFormats.get(id);
    dateStyles.push(custom !== undefined ? isDateFormatCode(custom) : BUILTIN_DATE_FORMATS.has(id));
  }
  return dateStyles;
}

/** Opens the workbook: zip guard, sheet list, shared strings and date styles. Rows are read per sheet. */
export async function openXlsxWorkbook(path: string, options: XlsxOpenOptions = {}): Promise<XlsxWorkbook> {
  const directory = await guardZip(path, options.zipLimits ?? DEFAULT_ZIP_LIMITS);
  const workbookPart = await findWorkbookPart(directory);
  const relationships = await readRelationships(directory, workbookPart);
  const { sheets: declaredSheets, date1904 } = await readWorkbookPart(directory, workbookPart);
  const sheets: XlsxSheet[] = [];
  for (const declared of declaredSheets) {
    const rel = relationships.find((candidate) => candidate.id === declared.relationshipId);
    if (!rel || !REL_WORKSHEET.test(rel.type) || !findEntry(directory, rel.target)) {
      continue;
    }
    sheets.push({ name: declared.name, state: declared.state, index: sheets.length, entryName: rel.target });
  }
  const sharedStringsPart = relationships.find((rel) => REL_SHARED_STRINGS.test(rel.type))?.target;
  const stylesPart = relationships.find((rel) => REL_STYLES.test(rel.type))?.target;
  const maxCellLength = options.maxCellLength ?? Number.MAX_SAFE_INTEGER;
  const sharedStrings = await readSharedStrings(directory, sharedStringsPart, maxCellLength, {
    chars: options.maxSharedStringChars ?? DEFAULT_MAX_SHARED_STRING_CHARS,
    entries: options.maxSharedStrings ?? DEFAULT_MAX_SHARED_STRINGS,
  });
  const dateStyles = await readDateStyles(directory, stylesPart);
  return { directory, sheets, date1904, sharedStrings, dateStyles };
}

// ---------------------------------------------------------------------------------------------------------------
// Cell values

const MS_PER_DAY = 86_400_000;
// Serial 25569 is 1970-01-01 in the 1900 date system; 1904 system serials are 1462 days smaller.
const UNIX_EPOCH_SERIAL = 25569;
const MAX_SERIAL = 2_958_465; // 9999-12-31

/** Excel serial date to a UTC Date. Excel's phantom 29 February 1900 (serial 60) reads as 28 February. */
export function excelSerialToDate(serial: number, date1904 = false): Date | undefined {
  if (!Number.isFinite(serial) || serial < 0 || serial > MAX_SERIAL) {
    return undefined;
  }
  let days = date1904 ? serial + 1462 : serial;
  // Excel counts a 29 February 1900 that never was, so the epoch of later serials is one day off for earlier ones.
  if (!date1904 && serial < 60) {
    days += 1;
  }
  return new Date(Math.round((days - UNIX_EPOCH_SERIAL) * MS_PER_DAY));
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

function tooManyCells(rowNumber: number, maxCells: number, sheetName: string): ImportError {
  return new ImportError(
    'TOO_MANY_CELLS',
    `The sheet "${sheetName}" holds more than ${maxCells.toLocaleString('en')} cells (blank formatted cells ` +
      `included) by row ${rowNumber}, more than one upload accepts (the server setting IMPORT_MAX_CELLS). ` +
      'Delete the unused rows and columns (or clear their formatting), or split the list, and upload again.',
    { row: rowNumber, limit: maxCells, sheetName },
  );
}

function tooManyColumns(rowNumber: number, column: number, maxColumns: number): ImportError {
  const letter = columnLetter(column);
  return new ImportError(
    'TOO_MANY_COLUMNS',
    `Row ${rowNumber} has a value in column ${letter} (column ${column}); at most ${maxColumns} columns are ` +
      'accepted. Delete the unused columns on the right and upload again.',
    { row: rowNumber, column: letter, limit: maxColumns, actual: column },
  );
}

interface PendingCell {
  column: number;
  type: string;
  style: number;
  value: string[];
  inline: string[];
}

// ---------------------------------------------------------------------------------------------------------------
// Rows

/**
 * Streams the non-blank rows of one sheet. Stop early by leaving the loop: the entry stream is closed.
 * Values: shared and inline strings (rich text joined, phonetic guides left out), numbers, booleans, dates for
 * date-formatted numbers, formulas as their cached result, errors as their text ("#N/A").
 */
export async function* readXlsxRows(
  workbook: XlsxWorkbook,
  sheet: XlsxSheet,
  options: XlsxRowOptions = {},
): AsyncGenerator<RawRow> {
  const entry = findEntry(workbook.directory, sheet.entryName);
  if (!entry) {
    return;
  }
  const maxColumns = options.maxColumns ?? Number.MAX_SAFE_INTEGER;
  const maxCellLength = options.maxCellLength ?? Number.MAX_SAFE_INTEGER;
  const maxCells = options.maxCells ?? Number.MAX_SAFE_INTEGER;
  let cellCount = 0;
  const ready: RawRow[] = [];
  let inSheetData = false;
  let rowNumber = 0;
  let cells: CellValue[] | undefined;
  let nextColumn = 1;
  let cell: PendingCell | undefined;
  let collect: string[] | undefined;
  let phoneticDepth = 0;
  let failure: ImportError | undefined;

  const finishCell = (pending: PendingCell): void => {
    const value = cellValue(workbook, pending, rowNumber, maxCellLength);
    if (value === null || !cells) {
      return;
    }
    if (pending.column > maxColumns) {
      throw tooManyColumns(rowNumber, pending.column, maxColumns);
    }
    if (typeof value === 'string' && value.length > maxCellLength) {
      throw cellTooLong(rowNumber, pending.column, value.length, maxCellLength);
    }
    cells[pending.column - 1] = value;
  };

  const { parser, failure: xmlFailure } = createParser({
    open: (name, tag) => {
      if (failure) {
        return;
      }
      switch (name) {
        case 'dimension': {
          const ref = attribute(tag, 'ref');
          if (ref && options.onDimension) {
            options.onDimension(ref);
          }
          break;
        }
        case 'sheetData':
          inSheetData = true;
          break;
        case 'row': {
          if (!inSheetData) {
            break;
          }
          const declared = Number(attribute(tag, 'r'));
          rowNumber = Number.isInteger(declared) && declared > 0 ? declared : rowNumber + 1;
          cells = [];
          nextColumn = 1;
          break;
        }
        case 'c': {
          if (!cells) {
            break;
          }
          if (++cellCount > maxCells) {
            throw tooManyCells(rowNumber, maxCells, sheet.name);
          }
          const reference = attribute(tag, 'r');
          const letters = reference ? /^([A-Za-z]+)\d*$/.exec(reference)?.[1] : undefined;
          const column = (letters && columnNumber(letters)) || nextColumn;
          nextColumn = column + 1;
          cell = {
            column,
            type: attribute(tag, 't') ?? 'n',
            style: Number(attribute(tag, 's') ?? '0'),
            value: [],
            inline: [],
          };
          break;
        }
        case 'v':
          collect = cell?.value;
          break;
        case 'rPh':
          phoneticDepth++;
          break;
        case 't':
          collect = cell && phoneticDepth === 0 ? cell.inline : undefined;
          break;
        default:
          break;
      }
    },
    text: (text) => {
      collect?.push(text);
    },
    close: (name) => {
      if (failure) {
        return;
      }
      try {
        switch (name) {
          case 'v':
          case 't':
            collect = undefined;
            break;
          case 'rPh':
            phoneticDepth--;
            break;
          case 'c':
            if (cell) {
              finishCell(cell);
            }
            cell = undefined;
            break;
          case 'row':
            if (cells) {
              const dense = Array.from(cells, (value) => value ?? null);
              const trimmed = trimRow(dense);
              if (trimmed) {
                ready.push({ rowNumber, cells: trimmed });
              }
            }
            cells = undefined;
            break;
          case 'sheetData':
            inSheetData = false;
            break;
          default:
            break;
        }
      } catch (error) {
        failure = error instanceof ImportError ? error : toZipImportError(error, entry.name);
      }
    },
  });

  for await (const text of entryText(workbook.directory, entry)) {
    parser.write(text);
    // Rows completed before a failure in the same chunk are still handed over, in order.
    while (ready.length > 0) {
      yield ready.shift() as RawRow;
    }
    if (failure) {
      throw failure;
    }
    const xmlError = xmlFailure();
    if (xmlError) {
      throw damagedXml(entry.name, xmlError);
    }
  }
  parser.close();
  const xmlError = xmlFailure();
  if (xmlError) {
    throw damagedXml(entry.name, xmlError);
  }
  if (failure) {
    throw failure;
  }
  yield* ready;
}

function cellValue(
  workbook: XlsxWorkbook,
  cell: PendingCell,
  rowNumber: number,
  maxCellLength: number,
): CellValue {
  const raw = cell.value.join('');
  switch (cell.type) {
    case 's': {
      if (raw === '') {
        return null;
      }
      const shared = workbook.sharedStrings.get(Number(raw));
      if (shared === undefined) {
        throw new ImportError(
          'CORRUPT_FILE',
          `The workbook is damaged: cell ${columnLetter(cell.column)}${rowNumber} refers to text that does not ` +
            'exist. Open it in Excel, save it again as .xlsx and upload the new file.',
          { detectedFormat: 'xlsx', row: rowNumber, column: columnLetter(cell.column) },
        );
      }
      if (typeof shared !== 'string') {
        // Only the length was kept: report it like any over-long cell.
        throw cellTooLong(rowNumber, cell.column, shared.oversizedLength, maxCellLength);
      }
      return shared === '' ? null : shared;
    }
    case 'inlineStr': {
      // Some writers put an inline string in <v> instead of <is><t>.
      const text = decodeOoxmlEscapes(cell.inline.length > 0 ? cell.inline.join('') : raw);
      return text === '' ? null : text;
    }
    case 'str': {
      const text = decodeOoxmlEscapes(raw);
      return text === '' ? null : text;
    }
    case 'b':
      return raw === '' ? null : raw === '1' || raw.toLowerCase() === 'true';
    case 'e':
      return raw === '' ? null : raw;
    case 'd': {
      if (raw === '') {
        return null;
      }
      const date = new Date(/[zZ]|[+-]\d\d:\d\d$/.test(raw) || !raw.includes('T') ? raw : `${raw}Z`);
      return Number.isNaN(date.getTime()) ? raw : date;
    }
    default: {
      if (raw.trim() === '') {
        return null;
      }
      const number = Number(raw);
      if (!Number.isFinite(number)) {
        return raw;
      }
      if (workbook.dateStyles[cell.style]) {
        return excelSerialToDate(number, workbook.date1904) ?? number;
      }
      return number;
    }
  }
}
