import type { ImportChanges, ImportColumn, ImportStatus } from '../import-batch.entity.js';
import { ImportBatchEntity } from '../import-batch.entity.js';
import type { StoredRowError } from '../import-rejected-row.entity.js';

export interface ImportBatchView {
  id: string;
  status: ImportStatus;
  fileName: string;
  fileSha256: string;
  format: string | null;
  sheetName: string | null;
  /** The row (1-based, as in Excel) that held the column headers. */
  headerRow: number | null;
  columns: ImportColumn[] | null;
  progress: { rowsRead: number; rowsTotal: number | null };
  counts: {
    read: number;
    imported: number;
    updated: number;
    unchanged: number;
    rejected: number;
    duplicates: number;
  };
  changes: ImportChanges | null;
  ruleSetHash: string | null;
  failure: { code: string; message: string } | null;
  createdAt: string;
  finishedAt: string | null;
  links: { self: string; errors: string };
}

export interface ImportRejectedRowView {
  /** As the spreadsheet shows it. */
  rowNumber: number;
  cells: (string | number | boolean | null)[];
  errors: StoredRowError[];
}

export function toImportBatchView(batch: ImportBatchEntity): ImportBatchView {
  return {
    id: batch.id,
    status: batch.status,
    fileName: batch.fileName,
    fileSha256: batch.fileSha256,
    format: batch.format,
    sheetName: batch.sheetName,
    headerRow: batch.headerRow,
    columns: batch.columns,
    progress: { rowsRead: batch.rowsRead, rowsTotal: batch.rowsTotal },
    counts: {
      read: batch.rowsRead,
      imported: batch.imported,
      updated: batch.updated,
      unchanged: batch.unchanged,
      rejected: batch.rejected,
      duplicates: batch.duplicates,
    },
    changes: batch.changes,
    ruleSetHash: batch.ruleSetHash,
    failure: batch.failureCode ? { code: batch.failureCode, message: batch.failureMessage ?? '' } : null,
    createdAt: batch.createdAt.toISOString(),
    finishedAt: batch.finishedAt?.toISOString() ?? null,
    links: { self: `/imports/${batch.id}`, errors: `/imports/${batch.id}/errors.xlsx` },
  };
}
