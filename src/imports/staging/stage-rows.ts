import {
  screeningLists,
  screenNewSite,
  type ScreeningLists,
  type StoredEdition,
} from '../../screening/domain/screening-context.js';
import type { AreaHitMemo, FreshHit } from '../../screening/domain/supplier-screening.js';
import type { CompiledRuleSet } from '../../rules/domain/compiled-rule-set.js';
import { assessmentWrite } from '../../scoring/domain/assessment-write.js';
import { priorityScore, scoreSupplier } from '../../scoring/domain/scoring-engine.js';
import {
  applyListedRow,
  columnKeys,
  mergedRecord,
  withInferredRegion,
} from '../../suppliers/domain/field-sources.js';
import { newId } from '../../common/ids/new-id.js';
import { flatString } from '../../common/text/flat-string.js';
import { rowKeys } from '../../suppliers/domain/site-key.js';
import type { SupplierRecord } from '../../suppliers/domain/supplier-record.js';
import type { CellValue } from '../domain/cell-value.js';
import type { CsvFormat } from '../domain/csv-reader.js';
import {
  type ExplicitMapping,
  type HeaderMapping,
  headerRecogniser,
  mapHeaders,
} from '../domain/header-mapping.js';
import { ImportError } from '../domain/import-error.js';
import { inferSectorFromProducts } from '../domain/normalise-sector.js';
import { percentScalesOf } from '../domain/percent-scales.js';
import type { RawRow } from '../domain/raw-row.js';
import { inferredRegionValue } from '../domain/region-inference.js';
import { type RowError, validateSupplierRow } from '../domain/row-validator.js';
import {
  type OpenedSpreadsheet,
  openSpreadsheet,
  type SpreadsheetLimitOverrides,
} from '../domain/spreadsheet.js';
import type { RowOutcome, StoredRowError } from '../import-rejected-row.entity.js';
import { rowContext } from '../upload-reading.js';
import { RenderedWriter } from './rendered-sites.js';
import { renderNewSite, type SiteRow, siteRow, type StagedChunk, type StagedHead } from './staged-chunk.js';

// Staging: every row of an upload read, mapped, validated and normalised, and scored as the new site it makes if it
// matches no stored one. Nothing here touches the database; it runs in a worker thread (staging-worker.ts) while the
// main thread matches the rows it hands over against the stored sites and writes them.

/** What staging needs: the upload, how to read it, and the context its rows are scored in. */
export interface StagingInput {
  path: string;
  originalName: string;
  sheetName?: string;
  /** The explicit mapping of the upload (sent or from a saved profile). */
  mapping?: ExplicitMapping;
  limits: SpreadsheetLimitOverrides;
  /** The import's date: audit dates after it are refused, and every assessment is made as of it. */
  asOf: string;
  listId: string;
  batchId: string;
  /** When the upload was made (ISO timestamp): the date of its listing's claims. */
  at: string;
  /** A csv's format as detected when the upload was checked: staging does not read the file again for it. */
  csvFormat?: CsvFormat;
  /**
   * The enforcement-list editions in force: each new site is screened against them as it is staged (its hits go
   * in with it). Without them, new sites are left to the screening run the import starts.
   */
  screening?: StoredEdition[];
}

export interface RejectedRow {
  rowNumber: number;
  cells: (string | number | boolean | null)[];
  outcome: RowOutcome;
  errors: StoredRowError[];
}

export interface StagingSummary {
  read: number;
  valid: number;
  /** Rejected and duplicate rows, and rows imported with warnings (handed over through `StagingSink.rejected`). */
  rejectedCount: number;
  duplicates: number;
  withWarnings: number;
}

/** Where staging hands its results: the valid rows a chunk at a time (waiting while the reader is behind). */
export interface StagingSink {
  /**
   * The file is open and its headers mapped. `columns`: the fields and extra attributes the file has columns for,
   * the only ones its rows may change; the file and the mapping for a caller that reports them.
   */
  opened(columns: string[], file: OpenedSpreadsheet, mapping: HeaderMapping): void;
  rows(chunk: StagedChunk): Promise<void>;
  /**
   * Rejected and duplicate rows, and rows imported with warnings, a chunk at a time; like `rows`, against a credit,
   * so a file of nothing but rejected rows is held back by the apply too.
   */
  rejected(rows: RejectedRow[]): Promise<void>;
  progress(read: number): void;
}

const PERCENT_SAMPLE_ROWS = 1000;
const PROGRESS_EVERY = 2_000;
/**
 * Rows per chunk handed to the apply. With 2 chunks ahead, what is in flight between the threads survives the main
 * thread's young-generation collections: 250 rows peaked 20-30 MB lower than 500 at the same speed.
 */
export const STAGED_CHUNK = 250;

export async function stageRows(
  input: StagingInput,
  rules: CompiledRuleSet,
  sink: StagingSink,
): Promise<StagingSummary> {
  const opened = await openSpreadsheet(input.path, {
    originalName: input.originalName,
    sheetName: input.sheetName,
    isKnownHeader: headerRecogniser(input.mapping),
    limits: input.limits,
    ...(input.csvFormat ? { known: { csvFormat: input.csvFormat } } : {}),
  });
  try {
    const mapping = mapHeaders(opened.headers, input.mapping);
    const columns = columnKeys(
      mapping.columns.flatMap((c) => (c.field && !c.annotation ? [c.field] : [])),
      mapping.columns.flatMap((c) => (!c.field && c.extraKey !== undefined ? [c.extraKey] : [])),
    );
    sink.opened([...columns], opened, mapping);
    let rejected: RejectedRow[] = [];
    let rejectedCount = 0;
    const reject = async (row: RejectedRow): Promise<void> => {
      rejectedCount++;
      rejected.push(row);
      if (rejected.length === STAGED_CHUNK) {
        const full = rejected;
        rejected = [];
        await sink.rejected(full);
      }
    };
    // One file lists a site once: the same site key, or the same reference of the list, twice is a duplicate.
    const seenSites = new Map<string, number>();
    const seenRefs = new Map<string, number>();
    let read = 0;
    let valid = 0;
    let duplicates = 0;
    let withWarnings = 0;
    // Each valid row's new site is rendered as it is staged; a chunk hands over the rows and their bytes.
    const writer = new RenderedWriter();
    const screening = input.screening
      ? { lists: screeningLists(input.screening), memo: new Map<string, FreshHit[]>() }
      : undefined;
    let heads: StagedHead[] = [];
    const handOver = async (): Promise<void> => {
      const chunk: StagedChunk = { heads, rendered: writer.take() };
      heads = [];
      await sink.rows(chunk);
    };
    // A bare 1 in a percentage column means 1% or 100% depending on the column: decide per column from a sample.
    const { sample, rows } = await sampleRows(opened.rows, PERCENT_SAMPLE_ROWS);
    const context = rowContext(
      input.asOf,
      (raw) => rules.resolveSector(raw),
      opened,
      percentScalesOf(sample, mapping),
    );
    for await (const row of rows) {
      read++;
      const { record, errors, warnings, blank } = validateSupplierRow(row, mapping, context);
      if (read % PROGRESS_EVERY === 0) {
        sink.progress(read);
      }
      if (blank) {
        continue;
      }
      if (!record) {
        await reject(rejectedRow(row, 'rejected', errors));
        continue;
      }
      inferSectorFromProducts(record, (products) => rules.inferSector(products));
      const { siteKey, nameMatchKey: nameKey } = rowKeys(record);
      // Kept for the rest of the file: flat, not the rope the key was built as (the worker's heap peaked some
      // 15 MB lower on a 100,000-row list).
      const site = flatString(`${record.country}|${siteKey}`);
      const firstSite = seenSites.get(site);
      const firstRef = record.externalRef ? seenRefs.get(record.externalRef) : undefined;
      if (firstSite !== undefined || firstRef !== undefined) {
        duplicates++;
        await reject(duplicateRow(row, record, firstSite, firstRef));
        continue;
      }
      seenSites.set(site, row.rowNumber);
      if (record.externalRef) {
        seenRefs.set(record.externalRef, row.rowNumber);
      }
      if (warnings.length > 0) {
        withWarnings++;
        await reject(rejectedRow(row, 'warning', warnings));
      }
      const asNew = asNewSite(input, columns, row.rowNumber, record, nameKey, rules, screening);
      heads.push(renderNewSite(writer, input, { rowNumber: row.rowNumber, siteKey, record }, asNew, newId()));
      valid++;
      if (heads.length === STAGED_CHUNK) {
        await handOver();
      }
    }
    if (heads.length > 0) {
      await handOver();
    }
    if (rejected.length > 0) {
      await sink.rejected(rejected);
    }
    sink.progress(read);
    if (read === 0) {
      throw new ImportError('NO_DATA_ROWS', 'The sheet has a header row but no supplier rows below it.');
    }
    return { read, valid, rejectedCount, duplicates, withWarnings };
  } finally {
    await opened.close();
  }
}

/** The site a row makes when no stored site matches it: exactly what the apply would merge and score for it. */
export function asNewSite(
  input: StagingInput,
  columns: ReadonlySet<string>,
  row: number,
  record: SupplierRecord,
  nameKey: string,
  rules: CompiledRuleSet,
  screening?: { lists: ScreeningLists; memo: AreaHitMemo },
): SiteRow {
  const listed = applyListedRow(undefined, {
    listId: input.listId,
    batch: input.batchId,
    row,
    at: input.at,
    columns,
    record,
  });
  const { sources, record: merged } = withInferredRegion(listed, mergedRecord(listed), inferredRegionValue);
  const result = scoreSupplier(merged, rules, input.asOf);
  const screened = screening ? screenNewSite(screening.lists, merged, screening.memo) : undefined;
  // A new site's name is the row's: its match key is the one the row was staged with.
  return siteRow(
    merged,
    sources,
    assessmentWrite(result, rules),
    priorityScore({ ...result, openScreeningHits: screened?.findings?.openHits }, merged.annualSpend),
    nameKey,
    screened,
  );
}

function rejectedRow(row: RawRow, outcome: RowOutcome, errors: readonly RowError[]): RejectedRow {
  return {
    rowNumber: row.rowNumber,
    cells: row.cells.map(storableCell),
    outcome,
    errors: errors.map(toStoredError),
  };
}

function duplicateRow(
  row: RawRow,
  record: SupplierRecord,
  firstSite: number | undefined,
  firstRef: number | undefined,
): RejectedRow {
  const byRef = firstRef !== undefined;
  return {
    rowNumber: row.rowNumber,
    cells: row.cells.map(storableCell),
    outcome: 'duplicate',
    errors: [
      {
        column: byRef ? 'externalRef' : 'name',
        field: byRef ? 'externalRef' : 'name',
        value: byRef ? (record.externalRef ?? '') : record.name,
        message: byRef
          ? `Rows ${firstRef} and ${row.rowNumber} have the same supplier reference "${record.externalRef}": one reference names one site. Keep one row, or give each site its own reference.`
          : `Rows ${firstSite} and ${row.rowNumber} describe the same site (same name, address and city in the same country). Keep one row.`,
      },
    ],
  };
}

/** Reads the first rows into memory and gives back an iterable that yields them again, then the rest. */
async function sampleRows(
  source: AsyncIterable<RawRow>,
  size: number,
): Promise<{ sample: RawRow[]; rows: AsyncIterable<RawRow> }> {
  const iterator = source[Symbol.asyncIterator]();
  const sample: RawRow[] = [];
  let done = false;
  while (sample.length < size) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    sample.push(next.value);
  }
  async function* all(): AsyncGenerator<RawRow> {
    yield* sample;
    if (done) {
      return;
    }
    for (;;) {
      const next = await iterator.next();
      if (next.done) {
        return;
      }
      yield next.value;
    }
  }
  return { sample, rows: all() };
}

function storableCell(value: CellValue): string | number | boolean | null {
  return value instanceof Date ? value.toISOString() : value;
}

function toStoredError(error: RowError): StoredRowError {
  return {
    column: error.column,
    columnLetter: error.columnLetter,
    field: error.field ?? null,
    value: error.value,
    message: error.message,
  };
}
