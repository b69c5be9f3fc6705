import { validateSync } from 'class-validator';
import { SUPPLIER_FIELD_NAMES } from '../../suppliers/domain/supplier-fields.js';
import type { SupplierField, SupplierRecord } from '../../suppliers/domain/supplier-record.js';
import type { CellValue } from './cell-value.js';
import { fieldSpec } from './field-catalogue.js';
import type { HeaderMapping, MappedColumn } from './header-mapping.js';
import { columnLetter } from './import-error.js';
import { normaliseYesNo } from './normalise-boolean.js';
import { normaliseCoordinate } from './normalise-coordinate.js';
import { normaliseCountry } from './normalise-country.js';
import { normaliseCurrency } from './normalise-currency.js';
import { normaliseDate, type DateOrder } from './normalise-date.js';
import {
  normaliseMoney,
  normalisePercentage,
  normaliseTier,
  normaliseWorkerCount,
  type PercentScale,
} from './normalise-number.js';
import type { NormaliseResult } from './normalise-result.js';
import { normaliseSector, type SectorResolver, type SectorValue } from './normalise-sector.js';
import { cellText, cleanText, normaliseList, normaliseText } from './normalise-text.js';
import type { RawRow } from './raw-row.js';
import { SupplierRowDto } from './supplier-row.dto.js';
import { certainlyValid } from './supplier-row-check.js';

/** One problem in one cell (or one missing required value) of an uploaded row. */
export interface RowError {
  /** Row number as the spreadsheet shows it. */
  row: number;
  /** Header as uploaded (the field's template label when no column holds a required field). */
  column: string;
  columnLetter?: string;
  field?: SupplierField;
  /** The cell as text, cut to 200 characters. */
  value: string;
  /** What was expected, in plain words. */
  message: string;
}

export interface RowValidationContext {
  /** ISO date the import is made on (injected): audit dates after it are rejected. */
  asOf: string;
  /** The rule set's sector taxonomy; without it only canonical sector names are recognised. */
  sectorResolver?: SectorResolver;
  /** Day/month order of all-numeric dates in this upload (default day first). */
  dateOrder?: DateOrder;
  date1904?: boolean;
  /** How plain numbers in each percentage column are meant, e.g. from `inferPercentScale` (default `auto`). */
  percentScales?: Partial<Record<SupplierField, PercentScale>>;
}

export interface RowValidation {
  /** The normalised supplier, present unless what identifies the site (name, country) is unusable. */
  record?: SupplierRecord;
  /** Problems that reject the row: a missing or unusable name or country. */
  errors: RowError[];
  /** Problems in optional cells: the field is left empty and the row imported. */
  warnings: RowError[];
  /** Every cell is empty: nothing to import and nothing to report. */
  blank: boolean;
}

// What identifies a site: without a usable name and country a row cannot be placed, so only these reject it.
const IDENTITY_FIELDS: ReadonlySet<SupplierField> = new Set<SupplierField>(['name', 'country']);

const MAX_VALUE_IN_ERROR = 200;

function valueText(cell: CellValue): string {
  const text = cellText(cell);
  return text.length > MAX_VALUE_IN_ERROR ? `${text.slice(0, MAX_VALUE_IN_ERROR)}…` : text;
}

type FieldValue =
  NonNullable<SupplierRecord[SupplierField]> | SectorValue | { amount: number; currency?: string };

function normaliseField(
  field: SupplierField,
  cell: CellValue,
  ctx: RowValidationContext,
): NormaliseResult<FieldValue> {
  const spec = fieldSpec(field);
  switch (spec.kind) {
    case 'text':
      return normaliseText(cell, spec.maxLength);
    case 'list':
      return normaliseList(cell, spec.maxLength);
    case 'count':
      return normaliseWorkerCount(cell);
    case 'tier':
      return normaliseTier(cell);
    case 'percentage':
      return normalisePercentage(cell, ctx.percentScales?.[field] ?? 'auto');
    case 'yesNo':
      return normaliseYesNo(cell);
    case 'date':
      return normaliseDate(cell, { dateOrder: ctx.dateOrder, date1904: ctx.date1904 });
    case 'money':
      return normaliseMoney(cell);
    case 'currency':
      return normaliseCurrency(cell);
    case 'country':
      return normaliseCountry(cell);
    case 'sector':
      return normaliseSector(cell, ctx.sectorResolver);
    case 'coordinate':
      return normaliseCoordinate(cell, spec.axis);
  }
}

interface Draft {
  values: Partial<Record<SupplierField, unknown>>;
  extra: Record<string, string>;
  errors: RowError[];
  /** Fields whose cell was rejected: class-validator is not asked about them again. */
  rejected: Set<SupplierField>;
  sector?: { column: MappedColumn; value: SectorValue };
  money?: { column: MappedColumn; currency?: string };
}

function addError(draft: Draft, row: number, column: MappedColumn, cell: CellValue, message: string): void {
  draft.errors.push({
    row,
    column: column.header,
    columnLetter: column.columnLetter,
    ...(column.field ? { field: column.field } : {}),
    value: valueText(cell),
    message,
  });
  if (column.field) {
    draft.rejected.add(column.field);
  }
}

function readColumn(draft: Draft, row: RawRow, column: MappedColumn, ctx: RowValidationContext): void {
  const cell = row.cells[column.index] ?? null;
  if (column.annotation) {
    return;
  }
  if (!column.field) {
    const text = cleanText(cellText(cell));
    if (text !== '' && column.extraKey !== undefined) {
      draft.extra[column.extraKey] = text;
    }
    return;
  }
  const result = normaliseField(column.field, cell, ctx);
  if (!result.ok) {
    addError(draft, row.rowNumber, column, cell, `Expected ${result.expected}.`);
    return;
  }
  if (result.value === undefined) {
    return;
  }
  if (column.field === 'sector') {
    draft.sector = { column, value: result.value as SectorValue };
  } else if (column.field === 'annualSpend') {
    const money = result.value as { amount: number; currency?: string };
    draft.values.annualSpend = money.amount;
    draft.money = { column, currency: money.currency };
  } else {
    draft.values[column.field] = result.value;
  }
}

// A sector column fills the sector and, when the text was the officer's own category, the sub-sector; an
// explicit sub-sector column wins, and sector text that fits nowhere is kept as an extra attribute.
function reconcileSector(draft: Draft, ctx: RowValidationContext): void {
  const fromSector = draft.sector?.value;
  if (fromSector?.sector) {
    draft.values.sector = fromSector.sector;
  }
  if (fromSector?.subSector !== undefined) {
    if (draft.values.subSector === undefined) {
      draft.values.subSector = fromSector.subSector;
    } else if (!fromSector.sector && draft.sector) {
      draft.extra[cleanText(draft.sector.column.header) || 'Sector'] = fromSector.subSector;
    }
  }
  if (draft.values.sector === undefined && typeof draft.values.subSector === 'string') {
    const inferred = normaliseSector(draft.values.subSector, ctx.sectorResolver);
    if (inferred.ok && inferred.value?.sector) {
      draft.values.sector = inferred.value.sector;
    }
  }
}

function reconcileCurrency(draft: Draft, row: RawRow, mapping: HeaderMapping): void {
  const written = draft.money?.currency;
  if (!draft.money || written === undefined) {
    return;
  }
  const stated = draft.values.currency as string | undefined;
  if (stated === undefined) {
    draft.values.currency = written;
    return;
  }
  if (stated !== written) {
    const currencyColumn = mapping.columns.find((column) => column.field === 'currency');
    addError(
      draft,
      row.rowNumber,
      draft.money.column,
      row.cells[draft.money.column.index] ?? null,
      `Expected an amount in ${stated}, the currency given in ${
        currencyColumn ? `"${currencyColumn.header}"` : 'the currency column'
      }; this amount is written in ${written}.`,
    );
  }
}

function checkWithDto(draft: Draft, row: RawRow, mapping: HeaderMapping, ctx: RowValidationContext): void {
  if (certainlyValid(draft.values, ctx.asOf)) {
    // The constraints certainly hold: class-validator would find nothing (see supplier-row-check.ts).
    return;
  }
  const dto = Object.assign(new SupplierRowDto(), draft.values, { asOf: ctx.asOf });
  for (const issue of validateSync(dto, { stopAtFirstError: true, forbidUnknownValues: true })) {
    const field = issue.property as SupplierField;
    if (draft.rejected.has(field)) {
      continue;
    }
    const message = Object.values(issue.constraints ?? {})[0] ?? 'a valid value';
    const column = mapping.columns.find((candidate) => candidate.field === field);
    draft.errors.push({
      row: row.rowNumber,
      column: column?.header ?? fieldSpec(field).label,
      ...(column ? { columnLetter: column.columnLetter } : {}),
      field,
      value: column ? valueText(row.cells[column.index] ?? null) : '',
      message: `Expected ${message}.`,
    });
  }
}

function toRecord(draft: Draft): SupplierRecord {
  const record: Record<string, unknown> = {};
  for (const field of SUPPLIER_FIELD_NAMES) {
    if (draft.values[field] !== undefined) {
      record[field] = draft.values[field];
    }
  }
  if (Object.keys(draft.extra).length > 0) {
    record.extra = draft.extra;
  }
  // Safe: every value came from its field's normaliser and passed the SupplierRowDto constraints.
  return record as unknown as SupplierRecord;
}

/**
 * Normalises and validates one uploaded row against the header mapping. Every problem in the row is reported
 * (not only the first); a row whose name or country is unusable produces no record, any other problem is a
 * warning and leaves only its own field empty. Unmapped cells, including cells to the right
 * of the last header, are kept as extra attributes.
 */
export function validateSupplierRow(
  row: RawRow,
  mapping: HeaderMapping,
  ctx: RowValidationContext,
): RowValidation {
  return readRow(row, mapping, ctx, true);
}

/**
 * The normalisers alone, without the SupplierRowDto constraints that follow them: what the import's speed is
 * measured against (`npm run bench`, the "read + score + COPY" baseline). Not for data that is kept.
 */
export function normaliseSupplierRow(
  row: RawRow,
  mapping: HeaderMapping,
  ctx: RowValidationContext,
): RowValidation {
  return readRow(row, mapping, ctx, false);
}

function readRow(
  row: RawRow,
  mapping: HeaderMapping,
  ctx: RowValidationContext,
  withDto: boolean,
): RowValidation {
  if (row.cells.every((cell) => cleanText(cellText(cell)) === '')) {
    return { errors: [], warnings: [], blank: true };
  }
  const draft: Draft = { values: {}, extra: {}, errors: [], rejected: new Set() };
  for (const column of mapping.columns) {
    readColumn(draft, row, column, ctx);
  }
  for (let index = mapping.columns.length; index < row.cells.length; index += 1) {
    const text = cleanText(cellText(row.cells[index] ?? null));
    if (text !== '') {
      draft.extra[`Column ${columnLetter(index + 1)}`] = text;
    }
  }
  reconcileSector(draft, ctx);
  reconcileCurrency(draft, row, mapping);
  if (withDto) {
    checkWithDto(draft, row, mapping, ctx);
  }
  draft.errors.sort((a, b) => columnOrder(mapping, a) - columnOrder(mapping, b));
  if (draft.errors.some((error) => error.field === undefined || IDENTITY_FIELDS.has(error.field))) {
    // The row is rejected: every problem in it is reported, so one correction pass fixes the row.
    return { errors: draft.errors, warnings: [], blank: false };
  }
  // An impossible optional value leaves its field unknown; the site itself is kept.
  const warnings = draft.errors.map((warning) => ({
    ...warning,
    message: `${warning.message} The cell was left empty; the supplier was imported without it.`,
  }));
  for (const warning of warnings) {
    if (warning.field) {
      delete draft.values[warning.field];
    }
  }
  return { record: toRecord(draft), errors: [], warnings, blank: false };
}

function columnOrder(mapping: HeaderMapping, error: RowError): number {
  const column = mapping.columns.find((candidate) => candidate.columnLetter === error.columnLetter);
  return column ? column.index : -1;
}
