import type {
  ImportBatch,
  ImportPreview,
  ImportStatus,
  PreviewColumn,
  RejectedRow,
  RowError,
  RowOutcome,
  SourceList,
} from '../api/types.js';
import { fieldLabel, formatCount, formatDate } from './format.js';

export function isFinished(status: ImportStatus): boolean {
  return status === 'completed' || status === 'failed';
}

/** How long to wait before asking again: quick at first, then every 3 s for a long import. */
export function pollDelay(attempt: number): number {
  return Math.min(3000, Math.round(500 * 1.5 ** Math.max(0, attempt)));
}

/** The progress bar's value (0-1, or null when the total is not known yet) and its words. */
export function importProgress(batch: Pick<ImportBatch, 'status' | 'progress'>): {
  fraction: number | null;
  text: string;
} {
  const { rowsRead, rowsTotal } = batch.progress;
  if (batch.status === 'queued') {
    return { fraction: null, text: 'Waiting to start' };
  }
  if (batch.status === 'completed') {
    return { fraction: 1, text: `Done: ${formatCount(rowsRead)} rows read` };
  }
  if (batch.status === 'failed') {
    return { fraction: null, text: 'Stopped' };
  }
  if (rowsTotal) {
    const fraction = Math.min(1, rowsRead / rowsTotal);
    return {
      fraction,
      text: `Reading rows: ${formatCount(rowsRead)} of ${formatCount(rowsTotal)} (${Math.floor(fraction * 100)}%)`,
    };
  }
  return { fraction: null, text: `Reading rows: ${formatCount(rowsRead)} so far` };
}

export interface MappingRow {
  column: string;
  header: string;
  /** What Vigil made of the column. */
  target: string;
  mapped: boolean;
}

/** Spreadsheet column letters: 0 -> A, 25 -> Z, 26 -> AA. */
export function columnLetter(index: number): string {
  let letters = '';
  let n = index + 1;
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** The header mapping as rows: which column became which field, and which were kept as extra attributes. */
export function mappingRows(columns: ImportBatch['columns'], format: string | null): MappingRow[] {
  return (columns ?? []).map((column) => ({
    // csv has no column letters; people count its columns from 1.
    column: format === 'xlsx' ? columnLetter(column.index) : String(column.index + 1),
    header: column.header || '(no header)',
    target: column.field ? fieldLabel(column.field) : 'kept as an extra attribute',
    mapped: column.field !== null,
  }));
}

/** One line for a finished import, e.g. "48 new, 2 updated, 1 rejected". */
export function importOutcome(batch: Pick<ImportBatch, 'status' | 'counts' | 'failure'>): string {
  if (batch.status === 'failed') {
    return batch.failure?.message ?? 'The import failed; nothing was changed.';
  }
  const { imported, updated, unchanged, rejected, duplicates, withWarnings } = batch.counts;
  const parts = [
    [imported, 'new'],
    [updated, 'updated'],
    [unchanged, 'unchanged'],
    [withWarnings, 'with warnings'],
    [rejected, 'rejected'],
    [duplicates, 'duplicate'],
  ] as const;
  const said = parts.filter(([count]) => count > 0).map(([count, word]) => `${formatCount(count)} ${word}`);
  return said.length ? said.join(', ') : 'No supplier rows found';
}

export interface RowErrorLine {
  /** Where the problem is: "C · Country", or "whole row" for a problem with the row as such. */
  column: string;
  /** The value as uploaded; "(empty)" for a blank cell. */
  value: string;
  /** What Vigil expected there, in the service's words. */
  expected: string;
}

/** A row of the errors table: what happened to it, in words (a warning row was imported). */
const ROW_OUTCOME_LABELS: Record<RowOutcome, string> = {
  rejected: 'rejected',
  duplicate: 'duplicate',
  warning: 'imported with a warning',
};

export function rowOutcomeLabel(outcome: RowOutcome): string {
  return ROW_OUTCOME_LABELS[outcome];
}

type RowCounts = Pick<ImportBatch['counts'], 'rejected' | 'duplicates' | 'withWarnings'>;

/** Rows left out of the import: rejected and duplicates (rows with warnings were imported). */
export function rowsNotImported(counts: RowCounts): number {
  return counts.rejected + counts.duplicates;
}

function rowsWere(count: number): string {
  return `${formatCount(count)} row${count === 1 ? ' was' : 's were'}`;
}

/** The heading, the summary and the download label for an import's rows with errors or warnings. */
export function rowProblems(counts: RowCounts): { title: string; summary: string; download: string } | null {
  const left = rowsNotImported(counts);
  const warned = counts.withWarnings;
  if (left === 0 && warned === 0) {
    return null;
  }
  const kind = left > 0 && warned > 0 ? 'errors and warnings' : left > 0 ? 'errors' : 'warnings';
  const said = [
    left > 0 ? `${rowsWere(left)} not imported.` : undefined,
    warned > 0 ? `${rowsWere(warned)} imported with a cell left empty.` : undefined,
  ];
  return {
    title: `Rows with ${kind}`,
    summary: said.filter(Boolean).join(' '),
    download: `Download the rows with ${kind} (xlsx)`,
  };
}

export interface RejectedRowLines {
  rowNumber: number;
  outcome: RowOutcome;
  /** The outcome in words: "rejected", "duplicate", "imported with a warning". */
  outcomeLabel: string;
  /** Which supplier the row is about, from its ID and name cells ("S-2001 · Nowhere Textiles"), if any. */
  supplier: string;
  lines: RowErrorLine[];
}

function errorColumn(error: RowError): string {
  const name = error.column.trim() || (error.field ? fieldLabel(error.field) : '');
  if (error.columnLetter && name) {
    return `${error.columnLetter} · ${name}`;
  }
  return error.columnLetter || name || 'whole row';
}

function cellText(cell: RejectedRow['cells'][number] | undefined): string {
  return cell === null || cell === undefined ? '' : String(cell).trim();
}

/** The supplier ID and name cells of a row, by the import's column mapping. */
function rowSupplier(row: RejectedRow, columns: ImportBatch['columns']): string {
  const cellOf = (field: string): string => {
    const column = (columns ?? []).find((candidate) => candidate.field === field);
    return column ? cellText(row.cells[column.index]) : '';
  };
  return [cellOf('externalRef'), cellOf('name')].filter(Boolean).join(' · ');
}

/** The rejected rows as the import page lists them: one line per problem, grouped under the row number. */
export function rejectedRowLines(
  rows: readonly RejectedRow[],
  columns: ImportBatch['columns'] = null,
): RejectedRowLines[] {
  return rows.map((row) => ({
    rowNumber: row.rowNumber,
    outcome: row.outcome,
    outcomeLabel: rowOutcomeLabel(row.outcome),
    supplier: rowSupplier(row, columns),
    lines:
      row.errors.length > 0
        ? row.errors.map((error) => ({
            column: errorColumn(error),
            value: error.value === '' ? '(empty)' : error.value,
            expected: error.message,
          }))
        : [{ column: 'whole row', value: '', expected: 'No reason given' }],
  }));
}

/** Says when the table holds only the first rejected rows, and where the rest are. */
export function rejectedRowsNote(shown: number, total: number): string | undefined {
  if (total <= shown) {
    return undefined;
  }
  return `Showing ${formatCount(shown)} of ${formatCount(total)} rows; download the workbook for all of them.`;
}

// Restated from src/imports/domain/source-list-name.ts (the page imports no server code): it only tells the
// officer in advance which list the service will pick; the service decides.
/** "Vendor master", "VENDOR-MASTER" and "Vendor Master." are one list. */
export function sourceListKey(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((token) => token !== '')
    .join(' ');
}

/** The existing list a typed name means, if any. */
export function findSourceList(name: string, lists: readonly SourceList[]): SourceList | undefined {
  const key = sourceListKey(name);
  return key === '' ? undefined : lists.find((list) => sourceListKey(list.name) === key);
}

/** A choice of the list picker: "Vendor Master · 3 uploads · 120 sites". */
export function sourceListOption(list: SourceList): string {
  const uploads = `${formatCount(list.uploads)} upload${list.uploads === 1 ? '' : 's'}`;
  const sites = `${formatCount(list.sites)} site${list.sites === 1 ? '' : 's'}`;
  return `${list.name} · ${uploads} · ${sites}`;
}

/** Says what the upload will be: the next upload of a known list, or the first of a new one. */
export function sourceListStatus(name: string, lists: readonly SourceList[]): string {
  if (name.trim() === '') {
    return 'No list named: Vigil proposes one from the file name.';
  }
  const existing = findSourceList(name, lists);
  if (!existing) {
    return `A new list: “${name.trim()}” is created with this upload.`;
  }
  const last = existing.lastUploadAt ? `last uploaded ${formatDate(existing.lastUploadAt)}` : 'no upload yet';
  return `Next upload of the list “${existing.name}”, ${last}.`;
}

/** "3 new sites may be duplicates of known sites", or nothing when the upload raised no such question. */
export function possibleDuplicatesText(changes: ImportBatch['changes']): string | undefined {
  const count = changes?.possibleDuplicates ?? 0;
  if (count <= 0) {
    return undefined;
  }
  return count === 1
    ? '1 new site may be a duplicate of a known site'
    : `${formatCount(count)} new sites may be duplicates of known sites`;
}

// The preview before an import: the officer sees each column's field and first values, and corrects the fields.

/**
 * The choice of a column that is no field. The service's mapping calls it "ignore", but an ignored column is
 * still kept on each supplier as an extra attribute (src/imports/domain/header-mapping.ts): nothing is dropped.
 */
export const EXTRA_ATTRIBUTE = 'ignore';

/** The officer's changes to the preview's columns: header as uploaded -> field or EXTRA_ATTRIBUTE. */
export type ColumnChoices = Readonly<Record<string, string>>;

/** What the service made of the column by itself: its field, or an extra attribute. */
export function previewChoice(column: Pick<PreviewColumn, 'field'>): string {
  return column.field ?? EXTRA_ATTRIBUTE;
}

/** What the column will be read as: the officer's choice, else the service's. */
export function columnChoice(
  column: Pick<PreviewColumn, 'field' | 'header'>,
  choices: ColumnChoices,
): string {
  return Object.hasOwn(choices, column.header) ? choices[column.header] : previewChoice(column);
}

/** Whether the officer chose something else than the service did for this column. */
export function isChanged(column: Pick<PreviewColumn, 'field' | 'header'>, choices: ColumnChoices): boolean {
  return columnChoice(column, choices) !== previewChoice(column);
}

/**
 * The `mapping` form field for the preview's columns with the officer's choices, or undefined when nothing was
 * changed (the service then reads the file as its preview said). A mapping sent with an upload replaces the one
 * saved with the list, so every column is named, not only the changed ones; the columns Vigil's error workbook
 * adds are left out, as the service skips them. The same shape the service saves with a list.
 */
export function mappingFor(
  columns: readonly Pick<PreviewColumn, 'field' | 'header' | 'annotation'>[],
  choices: ColumnChoices,
): string | undefined {
  const read = columns.filter((column) => !column.annotation);
  if (!read.some((column) => isChanged(column, choices))) {
    return undefined;
  }
  const mapping: Record<string, string> = {};
  for (const column of read) {
    // Two columns with one header: the mapping names the header once, so the first column's choice stands.
    if (!Object.hasOwn(mapping, column.header)) {
      mapping[column.header] = columnChoice(column, choices);
    }
  }
  return JSON.stringify(mapping);
}

/** The choices of a column's field select: every field the service lists, then "keep as extra attribute". */
export function fieldOptions(fields: ImportPreview['fields']): { value: string; label: string }[] {
  return [
    ...fields.map(({ field, label }) => ({ value: field, label })),
    { value: EXTRA_ATTRIBUTE, label: 'Keep as extra attribute (no field)' },
  ];
}

const MAPPED_BY: Record<NonNullable<PreviewColumn['mappedBy']>, string> = {
  header: 'recognised header',
  list: 'saved with this list',
  profile: 'saved mapping profile',
  request: 'your choice',
};

/** How the column's field was chosen, in words. */
export function mappedByText(
  column: Pick<PreviewColumn, 'field' | 'header' | 'mappedBy' | 'annotation'>,
  choices: ColumnChoices,
): string {
  if (column.annotation) {
    return 'Vigil’s own note from an error workbook: skipped';
  }
  if (isChanged(column, choices)) {
    return MAPPED_BY.request;
  }
  if (column.mappedBy === null) {
    return column.field === null ? 'header not recognised' : MAPPED_BY.header;
  }
  return MAPPED_BY[column.mappedBy];
}

export interface SamplePair {
  /** The cell as uploaded. */
  value: string;
  /** What the import would store; '' when nothing (a value it cannot read, or a row it would reject). */
  read: string;
}

/** A column's first values beside what the import would make of them. */
export function samplePairs(column: Pick<PreviewColumn, 'samples' | 'normalised'>): SamplePair[] {
  return column.samples.map((value, index) => ({ value, read: column.normalised[index] ?? '' }));
}

/** The header problems that stop the import until the columns are changed. */
export function blockingProblems(preview: Pick<ImportPreview, 'problems'>): ImportPreview['problems'] {
  return preview.problems.filter((problem) => problem.severity === 'error');
}

/** "Sheet “Suppliers” (1 of 3) · header row 3". */
export function previewWhere(preview: Pick<ImportPreview, 'sheetName' | 'sheetNames' | 'headerRow'>): string {
  const sheet =
    preview.sheetName === null
      ? undefined
      : preview.sheetNames.length > 1
        ? `Sheet “${preview.sheetName}” (of ${formatCount(preview.sheetNames.length)}: ${preview.sheetNames.join(', ')})`
        : `Sheet “${preview.sheetName}”`;
  return [sheet, `header row ${preview.headerRow}`].filter(Boolean).join(' · ');
}

/** "The first 20 rows: 2 would be rejected, 1 imported with a cell left empty." */
export function sampleSummary(sample: ImportPreview['sample']): string {
  if (sample.rows === 0) {
    return 'No supplier rows were found below the header.';
  }
  const rows = `The first ${sample.rows === 1 ? 'row' : `${formatCount(sample.rows)} rows`}`;
  const said = [
    sample.rejected > 0 ? `${formatCount(sample.rejected)} would be rejected` : undefined,
    sample.withWarnings > 0
      ? `${formatCount(sample.withWarnings)} imported with a cell left empty`
      : undefined,
  ].filter(Boolean);
  return said.length > 0 ? `${rows}: ${said.join(', ')}.` : `${rows}: all would be imported as they are.`;
}

/** What becomes of the row a sample issue is about. */
export function sampleIssueOutcome(severity: 'error' | 'warning'): string {
  return severity === 'error' ? 'row rejected' : 'imported, cell left empty';
}
