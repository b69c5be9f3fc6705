import { spellOutAmpersand, splitWords, stripAccents } from '../../common/text/fold.js';
import {
  SUPPLIER_FIELDS,
  SUPPLIER_FIELD_NAMES,
  isSupplierField,
  type SupplierField,
} from '../../suppliers/domain/supplier-fields.js';
import { FIELD_CATALOGUE, fieldSpec } from './field-catalogue.js';
import { columnLetter } from './import-error.js';
import { cleanText } from './normalise-text.js';

/**
 * Columns the error workbook adds to the uploaded rows. When an officer fixes that workbook and uploads it again
 * they are recognised and skipped, so they do not end up on every supplier as extra attributes.
 */
export const ANNOTATION_HEADERS = {
  rowNumber: 'Row in uploaded file',
  errors: 'Errors found by Vigil',
} as const;

// Spelling variants folded to one form before comparison.
const WORD_FORMS: ReadonlyMap<string, string> = new Map([
  ['pct', 'percent'],
  ['percentage', 'percent'],
  ['no', 'number'],
  ['nr', 'number'],
  ['num', 'number'],
  ['labor', 'labour'],
  ['unauthorized', 'unauthorised'],
]);

/** Header text as a comparison key: case, spacing, punctuation and diacritics ignored; "%" and "No." spelt out. */
export function headerKey(text: string): string {
  const spelt = spellOutAmpersand(stripAccents(cleanText(text)).toLowerCase())
    .replace(/%/g, ' percent ')
    .replace(/#/g, ' number ')
    .replace(/\bper\s+cent\b/g, 'percent');
  return splitWords(spelt)
    .map((word) => WORD_FORMS.get(word) ?? word)
    .join('');
}

interface SynonymEntry {
  field: SupplierField;
  generic: boolean;
}

function buildSynonymIndex(): ReadonlyMap<string, SynonymEntry> {
  const index = new Map<string, SynonymEntry>();
  const add = (text: string, field: SupplierField, generic: boolean): void => {
    const key = headerKey(text);
    const existing = index.get(key);
    if (existing && existing.field !== field) {
      // A packaging defect in the catalogue, not a user error: fail at load, never pick one silently.
      throw new Error(`Header synonym "${text}" is listed for both ${existing.field} and ${field}`);
    }
    index.set(key, { field, generic: generic && (existing?.generic ?? true) });
  };
  for (const field of SUPPLIER_FIELD_NAMES) {
    const spec = fieldSpec(field);
    for (const text of [field, spec.label, ...spec.synonyms]) {
      add(text, field, false);
    }
    for (const text of spec.generic ?? []) {
      add(text, field, true);
    }
  }
  return index;
}

const SYNONYMS = buildSynonymIndex();
const ANNOTATION_KEYS = new Set(Object.values(ANNOTATION_HEADERS).map(headerKey));

function lookUp(text: string): SynonymEntry | undefined {
  const direct = SYNONYMS.get(headerKey(text));
  if (direct) {
    return direct;
  }
  const notes = text.match(/\([^)]*\)|\[[^\]]*\]/g);
  if (!notes || notes.some((note) => /%|percent|pct/i.test(note))) {
    return undefined;
  }
  return SYNONYMS.get(headerKey(text.replace(/\([^)]*\)|\[[^\]]*\]/g, ' ')));
}

/**
 * The canonical field a header names, or undefined. When the whole text is unknown, a bracketed note is
 * ignored ("Annual spend (USD)", "Debt bondage (Y/N)"), unless it is a percent sign, which changes the meaning.
 */
export function matchHeader(text: string): SupplierField | undefined {
  return lookUp(text)?.field;
}

export function isKnownHeader(text: string): boolean {
  return matchHeader(text) !== undefined;
}

export function isAnnotationHeader(text: string): boolean {
  return ANNOTATION_KEYS.has(headerKey(text));
}

/** What to do with an uploaded column, by its header as uploaded: a field, or 'ignore' (keep as extra). */
export type ExplicitMapping = Record<string, SupplierField | 'ignore'>;

export interface MappedColumn {
  /** 0-based position in the row (0 = column A). */
  index: number;
  columnLetter: string;
  /** Header text as uploaded. */
  header: string;
  field?: SupplierField;
  /** Name of the extra attribute the column is kept under when it maps to no field. */
  extraKey?: string;
  /** A column added by Vigil's error workbook: neither a field nor an extra attribute. */
  annotation?: true;
  /** `generic`: a one-word header ("Vendor") that gives way to a specific one ("Name 1") for the same field. */
  mappedBy?: 'explicit' | 'synonym' | 'generic';
}

export type HeaderProblemCode =
  | 'duplicate-field'
  | 'duplicate-header'
  | 'reserved-header'
  | 'unknown-field'
  | 'header-not-found'
  | 'required-field-missing';

export interface HeaderProblem {
  code: HeaderProblemCode;
  /** Errors stop the import; warnings are reported with the batch. */
  severity: 'error' | 'warning';
  message: string;
  header?: string;
  columnLetter?: string;
  field?: string;
}

export interface HeaderMapping {
  columns: MappedColumn[];
  /** Extra-attribute names of the columns that map to no field, in column order. */
  unmapped: string[];
  problems: HeaderProblem[];
}

function describeColumn(column: MappedColumn): string {
  return column.header.trim() === ''
    ? `column ${column.columnLetter}`
    : `"${column.header}" (column ${column.columnLetter})`;
}

function fieldName(field: SupplierField): string {
  return `${FIELD_CATALOGUE[field].label} (${field})`;
}

function findColumns(columns: MappedColumn[], header: string): MappedColumn[] {
  const exact = columns.filter((column) => column.header === header);
  if (exact.length > 0) {
    return exact;
  }
  const key = headerKey(header);
  return key === '' ? [] : columns.filter((column) => headerKey(column.header) === key);
}

function applyExplicit(
  columns: MappedColumn[],
  explicit: ExplicitMapping,
  problems: HeaderProblem[],
): Set<number> {
  const decided = new Set<number>();
  for (const [header, target] of Object.entries(explicit)) {
    const isIgnore = target === 'ignore';
    if (!isIgnore && !isSupplierField(target)) {
      problems.push({
        code: 'unknown-field',
        severity: 'error',
        header,
        field: String(target),
        message:
          `The mapping sends "${header}" to "${String(target)}", which is not a supplier field. ` +
          `Use "ignore" or one of: ${SUPPLIER_FIELD_NAMES.join(', ')}.`,
      });
      continue;
    }
    const matches = findColumns(columns, header);
    if (matches.length === 0) {
      problems.push({
        code: 'header-not-found',
        severity: 'error',
        header,
        ...(isIgnore ? {} : { field: target }),
        message: `The mapping names the column "${header}", but the file has no such column. Columns found: ${columns
          .map((column) => `"${column.header}"`)
          .join(', ')}.`,
      });
      continue;
    }
    for (const column of matches) {
      decided.add(column.index);
      if (!isIgnore) {
        column.field = target;
        column.mappedBy = 'explicit';
      }
    }
  }
  return decided;
}

function resolveDuplicateFields(columns: MappedColumn[], problems: HeaderProblem[]): void {
  const owner = new Map<SupplierField, MappedColumn>();
  // Explicitly mapped columns claim their field first, then specific synonyms, then generic ones, left to right.
  const claimOrder = [
    ...columns.filter((column) => column.mappedBy === 'explicit'),
    ...columns.filter((column) => column.mappedBy === 'synonym'),
    ...columns.filter((column) => column.mappedBy === 'generic'),
  ];
  for (const column of claimOrder) {
    const field = column.field;
    if (!field) {
      continue;
    }
    const first = owner.get(field);
    if (!first) {
      owner.set(field, column);
      continue;
    }
    problems.push({
      code: 'duplicate-field',
      severity: 'warning',
      header: column.header,
      columnLetter: column.columnLetter,
      field,
      message:
        `${describeColumn(column)} and ${describeColumn(first)} both map to ${fieldName(field)}. ` +
        `${describeColumn(first)} is used; ${describeColumn(column)} is kept as an extra attribute.`,
    });
    delete column.field;
    delete column.mappedBy;
  }
}

/** Names a JavaScript object treats as its own machinery: an extra attribute of that name would vanish. */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function assignExtraKeys(columns: MappedColumn[], problems: HeaderProblem[]): void {
  const used = new Map<string, MappedColumn>();
  for (const column of columns) {
    if (column.field || column.annotation) {
      continue;
    }
    const text = cleanText(column.header);
    let key = text === '' ? `Column ${column.columnLetter}` : text;
    if (RESERVED_KEYS.has(key)) {
      key = `${key} (column ${column.columnLetter})`;
      problems.push({
        code: 'reserved-header',
        severity: 'warning',
        header: column.header,
        columnLetter: column.columnLetter,
        message: `${describeColumn(column)} has a name Vigil keeps for itself; it is kept as the extra attribute "${key}".`,
      });
    }
    const clash = used.get(key.toLowerCase());
    if (clash) {
      key = `${key} (column ${column.columnLetter})`;
      problems.push({
        code: 'duplicate-header',
        severity: 'warning',
        header: column.header,
        columnLetter: column.columnLetter,
        message: `${describeColumn(column)} has the same header as ${describeColumn(clash)}; it is kept as the extra attribute "${key}".`,
      });
    }
    used.set(key.toLowerCase(), column);
    column.extraKey = key;
  }
}

function checkRequired(columns: MappedColumn[], problems: HeaderProblem[]): void {
  for (const field of SUPPLIER_FIELD_NAMES) {
    const spec = fieldSpec(field);
    if (!SUPPLIER_FIELDS[field].required || columns.some((column) => column.field === field)) {
      continue;
    }
    problems.push({
      code: 'required-field-missing',
      severity: 'error',
      field,
      message:
        `No column holds the ${spec.label.toLowerCase()}: name a column "${spec.label}" ` +
        `(or e.g. "${spec.synonyms
          .filter((synonym) => synonym !== spec.label)
          .slice(0, 2)
          .join('", "')}"), or map one explicitly.`,
    });
  }
}

/**
 * Maps uploaded headers (index 0 = column A) to canonical fields: explicit mapping first, then synonyms.
 * Every column ends up as a field or an extra attribute (blank headers become "Column D"); two columns
 * for one field keep the first and report the other, which stays as an extra attribute.
 */
export function mapHeaders(headers: readonly string[], explicit: ExplicitMapping = {}): HeaderMapping {
  const problems: HeaderProblem[] = [];
  const columns: MappedColumn[] = headers.map((header, index) => ({
    index,
    columnLetter: columnLetter(index + 1),
    header,
  }));
  const decided = applyExplicit(columns, explicit, problems);
  for (const column of columns) {
    if (decided.has(column.index)) {
      continue;
    }
    if (isAnnotationHeader(column.header)) {
      column.annotation = true;
      continue;
    }
    const match = lookUp(column.header);
    if (match) {
      column.field = match.field;
      column.mappedBy = match.generic ? 'generic' : 'synonym';
    }
  }
  resolveDuplicateFields(columns, problems);
  assignExtraKeys(columns, problems);
  checkRequired(columns, problems);
  return {
    columns,
    unmapped: columns.flatMap((column) => (column.extraKey === undefined ? [] : [column.extraKey])),
    problems,
  };
}

/**
 * Recognises header cells for finding the header row: the known synonyms, plus the headers an explicit mapping
 * names (so a sheet with only company-specific headers, mapped by the officer, is still found).
 */
export function headerRecogniser(explicit: ExplicitMapping = {}): (text: string) => boolean {
  const mapped = new Set(Object.keys(explicit).map(headerKey));
  return (text) => isKnownHeader(text) || mapped.has(headerKey(text));
}
