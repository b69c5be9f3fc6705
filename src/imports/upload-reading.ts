import type { AppConfig } from '../config/app-config.js';
import type { PercentScale } from './domain/normalise-number.js';
import type { SectorResolver } from './domain/normalise-sector.js';
import type { RowValidationContext } from './domain/row-validator.js';
import type { OpenedSpreadsheet, SpreadsheetLimitOverrides } from './domain/spreadsheet.js';
import type { SupplierField } from '../suppliers/domain/supplier-record.js';

// What the import and its preview read a file with: the same limits and the same row context, so a preview
// shows exactly what the import would do.

export function spreadsheetLimits(uploads: AppConfig['uploads']): SpreadsheetLimitOverrides {
  return {
    maxRows: uploads.maxRows,
    maxColumns: uploads.maxColumns,
    maxCellLength: uploads.maxCellLength,
    maxCells: uploads.maxCells,
    maxSharedStrings: uploads.maxSharedStrings,
    maxSharedStringChars: uploads.maxTextChars,
    zip: { maxEntryBytes: uploads.maxPartBytes },
  };
}

export function rowContext(
  asOf: string,
  sectorResolver: SectorResolver,
  opened: OpenedSpreadsheet,
  percentScales: Partial<Record<SupplierField, PercentScale>>,
): RowValidationContext {
  return { asOf, sectorResolver, date1904: opened.date1904, percentScales };
}
