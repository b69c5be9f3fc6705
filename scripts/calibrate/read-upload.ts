import { basename } from 'node:path';
import type { CompiledRuleSet } from '../../src/rules/domain/compiled-rule-set.js';
import type { HeaderMapping } from '../../src/imports/domain/header-mapping.js';
import type { OpenedSpreadsheet } from '../../src/imports/domain/spreadsheet.js';
import { stageRows } from '../../src/imports/staging/stage-rows.js';
import { stagedSuppliers } from '../../src/imports/staging/staged-chunk.js';
import type { FieldSources } from '../../src/suppliers/domain/field-sources.js';
import type { SupplierRecord } from '../../src/suppliers/domain/supplier-record.js';

// Reads a supplier list the way an upload is read, with the import's own staging (stageRows: open, find the header
// row, map the headers, decide the percentage scales from a sample, validate and normalise each row, infer the
// sector, drop duplicates within the file, and make each row's record as a new site of its one list, the region
// inferred from the address) and no database. No saved mapping profile or source list is involved: the headers are
// mapped by their names alone, as on a first upload.

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
  const records: SupplierRecord[] = [];
  let regionsInferred = 0;
  // What the upload form reports before the import starts: the file, its header row and the mapping.
  let file: OpenedSpreadsheet | undefined;
  let mapping: HeaderMapping | undefined;
  const summary = await stageRows(
    {
      path,
      originalName: basename(path),
      limits: {},
      asOf,
      listId: LIST_ID,
      batchId: LIST_ID,
      at: `${asOf}T00:00:00.000Z`,
    },
    rules,
    {
      opened: (_columns, opened, mapped) => {
        const blocking = mapped.problems.filter((problem) => problem.severity === 'error');
        if (blocking.length > 0) {
          throw new Error(`${basename(path)}: ${blocking.map((problem) => problem.message).join(' ')}`);
        }
        file = opened;
        mapping = mapped;
      },
      rows: (chunk) => {
        for (const row of stagedSuppliers(chunk)) {
          records.push(JSON.parse(row.asNew.profile()) as SupplierRecord);
          if ((JSON.parse(row.asNew.sources()) as FieldSources).inferred?.region) {
            regionsInferred++;
          }
        }
        return Promise.resolve();
      },
      rejected: () => Promise.resolve(),
      progress: () => undefined,
    },
  );
  if (!file || !mapping) {
    throw new Error(`${basename(path)}: staging finished without opening the file`);
  }
  return {
    file: basename(path),
    format: file.csv ? `csv (${file.csv.encoding}, ${describeDelimiter(file.csv.delimiter)})` : file.format,
    sheetName: file.sheetName,
    headerRowNumber: file.headerRowNumber,
    mapped: mapping.columns.flatMap((c) =>
      c.field && !c.annotation ? [{ header: c.header, field: c.field }] : [],
    ),
    unmapped: mapping.unmapped,
    rowsRead: summary.read,
    rejected: summary.rejectedCount - summary.duplicates - summary.withWarnings,
    duplicates: summary.duplicates,
    withWarnings: summary.withWarnings,
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
