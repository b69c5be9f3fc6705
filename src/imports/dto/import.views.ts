import type { ScreeningRunView } from '../../screening/dto/screening.views.js';
import type { ImportChanges, ImportColumn, ImportStatus } from '../import-batch.entity.js';
import { ImportBatchEntity } from '../import-batch.entity.js';
import type { RowOutcome, StoredRowError } from '../import-rejected-row.entity.js';

export interface ImportBatchView {
  id: string;
  status: ImportStatus;
  fileName: string;
  fileSha256: string;
  /** The source list the upload belongs to. */
  sourceList: { id: string; name: string } | null;
  format: string | null;
  sheetName: string | null;
  /** The row (1-based, as in Excel) that held the column headers. */
  headerRow: number | null;
  columns: ImportColumn[] | null;
  /** About the file as a whole, e.g. an encoding that could only be guessed: worth a look at the result. */
  notes: string[];
  progress: { rowsRead: number; rowsTotal: number | null };
  counts: {
    read: number;
    imported: number;
    updated: number;
    unchanged: number;
    rejected: number;
    duplicates: number;
    /** Rows imported with a cell left empty (an impossible value), each with a warning. */
    withWarnings: number;
  };
  changes: ImportChanges | null;
  ruleSetHash: string | null;
  failure: { code: string; message: string } | null;
  createdAt: string;
  finishedAt: string | null;
  links: { self: string; errors: string };
  /**
   * GET /imports/:id and an upload's answer: the screening against the enforcement lists of the sites the import
   * created or changed (null when it changed none, or before it completed).
   */
  screening?: ScreeningRunView | null;
}

export interface ImportRejectedRowView {
  /** As the spreadsheet shows it. */
  rowNumber: number;
  cells: (string | number | boolean | null)[];
  /** rejected: not imported; duplicate: the same site as an earlier row; warning: imported without some cells. */
  outcome: RowOutcome;
  errors: StoredRowError[];
}

export function toImportBatchView(batch: ImportBatchEntity): ImportBatchView {
  return {
    id: batch.id,
    status: batch.status,
    fileName: batch.fileName,
    fileSha256: batch.fileSha256,
    sourceList: batch.sourceList ? { id: batch.sourceList.id, name: batch.sourceList.name } : null,
    format: batch.format,
    sheetName: batch.sheetName,
    headerRow: batch.headerRow,
    columns: batch.columns,
    notes: batch.notes ?? [],
    progress: { rowsRead: batch.rowsRead, rowsTotal: batch.rowsTotal },
    counts: {
      read: batch.rowsRead,
      imported: batch.imported,
      updated: batch.updated,
      unchanged: batch.unchanged,
      rejected: batch.rejected,
      duplicates: batch.duplicates,
      withWarnings: batch.rowsWithWarnings,
    },
    changes: batch.changes,
    ruleSetHash: batch.ruleSetHash,
    failure: batch.failureCode ? { code: batch.failureCode, message: batch.failureMessage ?? '' } : null,
    createdAt: batch.createdAt.toISOString(),
    finishedAt: batch.finishedAt?.toISOString() ?? null,
    links: { self: `/imports/${batch.id}`, errors: `/imports/${batch.id}/errors.xlsx` },
  };
}

export interface SourceListView {
  id: string;
  name: string;
  /** The list the data from before source lists was put in. */
  legacy: boolean;
  uploads: number;
  sites: number;
  lastUploadAt: string | null;
}

export interface SourceListsView {
  items: SourceListView[];
  /** For proposeFor: the list name proposed for the file, and the existing list of that name if there is one. */
  proposal?: { name: string; existing: SourceListView | null };
}

/** One uploaded column in a preview: where it goes, and what its first values become. */
export interface PreviewColumn {
  index: number;
  /** xlsx column letter; for csv the 1-based position as text. */
  letter: string;
  header: string;
  /** The field it maps to; null: kept as an extra attribute (or ignored when `annotation`). */
  field: string | null;
  /** How the field was chosen: the officer's mapping, the list's saved mapping, a known header, or none. */
  mappedBy: 'request' | 'profile' | 'list' | 'header' | null;
  /** A column Vigil's own error workbook added: skipped. */
  annotation: boolean;
  /** The first non-blank cells as uploaded (up to five). */
  samples: string[];
  /** The same rows' values after normalisation, as the import would store them ('' = left empty). */
  normalised: string[];
}

export interface ImportPreviewView {
  fileName: string;
  format: string;
  sheetName: string | null;
  sheetNames: string[];
  headerRow: number;
  sourceList: { name: string; existing: boolean; savedMapping: boolean };
  columns: PreviewColumn[];
  /** Fields a column can be sent to, in template order, with their labels. */
  fields: { field: string; label: string }[];
  /** Header problems: errors stop the import until the mapping is changed. */
  problems: { severity: 'error' | 'warning'; message: string; header?: string }[];
  /** The first rows read, and what the import would say about them. */
  sample: {
    rows: number;
    rejected: number;
    withWarnings: number;
    issues: { row: number; column: string; value: string; message: string; severity: 'error' | 'warning' }[];
  };
}
