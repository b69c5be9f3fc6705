import { basename } from 'node:path';
import type { CompiledRuleSet } from '../../src/rules/domain/compiled-rule-set.js';
import { mapHeaders, headerRecogniser } from '../../src/imports/domain/header-mapping.js';
import { inferSectorFromProducts } from '../../src/imports/domain/normalise-sector.js';
import { percentScalesOf } from '../../src/imports/domain/percent-scales.js';
import type { RawRow } from '../../src/imports/domain/raw-row.js';
import { inferredRegionValue } from '../../src/imports/domain/region-inference.js';
import { validateSupplierRow } from '../../src/imports/domain/row-validator.js';
import { openSpreadsheet } from '../../src/imports/domain/spreadsheet.js';
import { rowContext } from '../../src/imports/upload-reading.js';
import {
  applyListedRow,
  columnKeys,
  mergedRecord,
  withInferredRegion,
} from '../../src/suppliers/domain/field-sources.js';
import { rowKeys } from '../../src/suppliers/domain/site-key.js';
import type { SupplierRecord } from '../../src/suppliers/domain/supplier-record.js';

// Reads a supplier list the way an upload is read (ImportService.upload -> stage -> apply), with the import's
// pure steps and no database: sniff and open the file, find the header row, map the headers, decide the
// percentage scales from a sample, validate and normalise each row, infer the sector from the products, drop the
// rows the import would reject as duplicates, then build the site's record from its one list and infer the
// region from the address, as apply does for a new site.
//
// Steps the service keeps to itself, done here the same way: its row sample (`sampleRows`, the first 1,000 rows),
// the duplicate check in `stage`, and the new-site branch of `apply`. No saved mapping
// profile or source list is involved: the headers are mapped by their names alone, as on a first upload.

/** Rows the import samples to decide how bare numbers in percentage columns are meant (PERCENT_SAMPLE_ROWS). */
const PERCENT_SAMPLE_ROWS = 1000;
const LIST_ID = 'calibration';

export interface UploadReading {
  file: string;
  format: string;
  sheetName: string | undefined;
  headerRowNumber: number;
  /** Header -> field for the mapped columns; unmapped headers are kept as extra attributes. */
  mapped: { header: string; field: string }[];
  unmapped: string[];
  rowsRead: number;
  rejected: number;
  duplicates: number;
  /** Rows imported with a cell left empty (a value the import could not read). */
  withWarnings: number;
  /** The regions the import inferred from an address or city. */
  regionsInferred: number;
  records: SupplierRecord[];
}

export async function readUpload(path: string, rules: CompiledRuleSet, asOf: string): Promise<UploadReading> {
  const opened = await openSpreadsheet(path, {
    originalName: basename(path),
    isKnownHeader: headerRecogniser(),
  });
  const mapping = mapHeaders(opened.headers);
  const blocking = mapping.problems.filter((problem) => problem.severity === 'error');
  if (blocking.length > 0) {
    await opened.close();
    throw new Error(`${basename(path)}: ${blocking.map((problem) => problem.message).join(' ')}`);
  }
  const rows: RawRow[] = [];
  for await (const row of opened.rows) {
    rows.push(row);
  }
  const context = rowContext(
    asOf,
    (raw) => rules.resolveSector(raw),
    opened,
    percentScalesOf(rows.slice(0, PERCENT_SAMPLE_ROWS), mapping),
  );
  const columns = columnKeys(
    mapping.columns.flatMap((c) => (c.field && !c.annotation ? [c.field] : [])),
    mapping.columns.flatMap((c) => (!c.field && c.extraKey !== undefined ? [c.extraKey] : [])),
  );
  const seenSites = new Set<string>();
  const seenRefs = new Set<string>();
  const records: SupplierRecord[] = [];
  let rejected = 0;
  let duplicates = 0;
  let withWarnings = 0;
  let regionsInferred = 0;
  for (const row of rows) {
    const { record, warnings, blank } = validateSupplierRow(row, mapping, context);
    if (blank) {
      continue;
    }
    if (!record) {
      rejected++;
      continue;
    }
    inferSectorFromProducts(record, (products) => rules.inferSector(products));
    const site = `${record.country}|${rowKeys(record).siteKey}`;
    if (seenSites.has(site) || (record.externalRef !== undefined && seenRefs.has(record.externalRef))) {
      duplicates++;
      continue;
    }
    seenSites.add(site);
    if (record.externalRef !== undefined) {
      seenRefs.add(record.externalRef);
    }
    if (warnings.length > 0) {
      withWarnings++;
    }
    const listed = applyListedRow(undefined, {
      listId: LIST_ID,
      batch: LIST_ID,
      row: row.rowNumber,
      at: `${asOf}T00:00:00.000Z`,
      columns,
      record,
    });
    const merged = withInferredRegion(listed, mergedRecord(listed), inferredRegionValue);
    if (merged.sources.inferred?.region) {
      regionsInferred++;
    }
    records.push(merged.record);
  }
  return {
    file: basename(path),
    format: opened.csv
      ? `csv (${opened.csv.encoding}, ${describeDelimiter(opened.csv.delimiter)})`
      : opened.format,
    sheetName: opened.sheetName,
    headerRowNumber: opened.headerRowNumber,
    mapped: mapping.columns.flatMap((c) =>
      c.field && !c.annotation ? [{ header: c.header, field: c.field }] : [],
    ),
    unmapped: mapping.unmapped,
    rowsRead: rows.length,
    rejected,
    duplicates,
    withWarnings,
    regionsInferred,
    records,
  };
}

function describeDelimiter(delimiter: string): string {
  switch (delimiter) {
    case ',':
      return 'comma';
    case ';':
      return 'semicolon';
    case '\t':
      return 'tab';
    default:
      return `"${delimiter}"`;
  }
}
