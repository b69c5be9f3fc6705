import { Inject, Injectable } from '@nestjs/common';
import { rm } from 'node:fs/promises';
import { CLOCK, type Clock, isoDate } from '../common/clock/clock.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { RulesService } from '../rules/rules.service.js';
import type { SupplierRecord } from '../suppliers/domain/supplier-record.js';
import { SUPPLIER_FIELD_NAMES } from '../suppliers/domain/supplier-fields.js';
import { fieldSpec } from './domain/field-catalogue.js';
import { headerRecogniser, mapHeaders, type MappedColumn } from './domain/header-mapping.js';
import { cellText } from './domain/normalise-text.js';
import { percentScalesOf } from './domain/percent-scales.js';
import { rowContext, spreadsheetLimits } from './upload-reading.js';
import type { RawRow } from './domain/raw-row.js';
import { validateSupplierRow } from './domain/row-validator.js';
import { openSpreadsheet } from './domain/spreadsheet.js';
import { ImportError } from './domain/import-error.js';
import type { ImportPreviewView, PreviewColumn } from './dto/import.views.js';
import type { UploadImportDto } from './dto/upload-import.dto.js';
import { ImportMappingService, type UploadMapping } from './import-mapping.service.js';
import type { UploadedFile } from './import.service.js';

const PREVIEW_ROWS = 20;
const SAMPLES = 5;
const MAX_ISSUES = 50;

/**
 * What an upload would do, before anything is written: the sheet and header row found, each column's field with its
 * first values as uploaded and as normalised, and the problems of the first rows. Reads the head of the file only.
 */
@Injectable()
export class ImportPreviewService {
  constructor(
    private readonly mappings: ImportMappingService,
    private readonly rules: RulesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async preview(file: UploadedFile, options: UploadImportDto): Promise<ImportPreviewView> {
    try {
      const resolved = await this.mappings.resolve(file.originalName, options);
      const open = (isKnownHeader: (text: string) => boolean) =>
        openSpreadsheet(file.path, {
          originalName: file.originalName,
          sheetName: options.sheet,
          isKnownHeader,
          limits: spreadsheetLimits(this.config.uploads),
        });
      let guessedHeader = false;
      const opened = await open(headerRecogniser(resolved.explicit)).catch((error: unknown) => {
        if (!(error instanceof ImportError) || error.code !== 'NO_HEADER_ROW') {
          throw error;
        }
        // No known column title anywhere: show the row with the most text as the header, for the officer to map.
        guessedHeader = true;
        return open((text) => /\p{L}/u.test(text));
      });
      try {
        const mapping = mapHeaders(opened.headers, this.mappings.forHeaders(resolved, opened.headers));
        if (guessedHeader) {
          mapping.problems.unshift({
            code: 'required-field-missing',
            severity: 'error',
            message: `No column title Vigil knows was found, so row ${opened.headerRowNumber} is shown as the header row. Choose the field of each column below; the mapping is then sent with the import.`,
          });
        }
        const rows: RawRow[] = [];
        for await (const row of opened.rows) {
          rows.push(row);
          if (rows.length >= PREVIEW_ROWS) {
            break;
          }
        }
        const rules = this.rules.active();
        const context = rowContext(
          isoDate(this.clock.now()),
          (raw) => rules.resolveSector(raw),
          opened,
          percentScalesOf(rows, mapping),
        );
        const results = rows.map((row) => ({ row, ...validateSupplierRow(row, mapping, context) }));
        const kept = results.filter((r) => !r.blank);
        const issues = kept.flatMap((r) => [
          ...r.errors.map((e) => ({ ...e, severity: 'error' as const })),
          ...r.warnings.map((e) => ({ ...e, severity: 'warning' as const })),
        ]);
        return {
          fileName: file.originalName,
          format: opened.format,
          sheetName: opened.sheetName ?? null,
          sheetNames: opened.sheetNames,
          headerRow: opened.headerRowNumber,
          sourceList: {
            name: resolved.listName,
            existing: resolved.list !== null,
            savedMapping: Boolean(resolved.list?.mapping),
          },
          columns: mapping.columns.map((column) =>
            previewColumn(column, opened.format === 'csv', resolved, kept),
          ),
          fields: SUPPLIER_FIELD_NAMES.map((field) => ({ field, label: fieldSpec(field).label })),
          problems: [
            ...mapping.problems.map((p) => ({
              severity: p.severity,
              message: p.message,
              ...(p.header !== undefined ? { header: p.header } : {}),
            })),
            ...(opened.csv?.encodingNote
              ? [{ severity: 'warning' as const, message: opened.csv.encodingNote }]
              : []),
          ],
          sample: {
            rows: kept.length,
            rejected: kept.filter((r) => !r.record).length,
            withWarnings: kept.filter((r) => r.record && r.warnings.length > 0).length,
            issues: issues.slice(0, MAX_ISSUES).map((i) => ({
              row: i.row,
              column: i.column,
              value: i.value,
              message: i.message,
              severity: i.severity,
            })),
          },
        };
      } finally {
        await opened.close();
      }
    } finally {
      await rm(file.path, { force: true });
    }
  }
}

function previewColumn(
  column: MappedColumn,
  csv: boolean,
  resolved: UploadMapping,
  results: { row: RawRow; record?: SupplierRecord }[],
): PreviewColumn {
  const shown = results
    .filter((r) => cellText(r.row.cells[column.index] ?? null).trim() !== '')
    .slice(0, SAMPLES);
  return {
    index: column.index,
    letter: csv ? String(column.index + 1) : column.columnLetter,
    header: column.header,
    field: column.field ?? null,
    mappedBy: column.field
      ? column.mappedBy === 'explicit'
        ? resolved.from === 'list' || resolved.from === 'profile'
          ? resolved.from
          : 'request'
        : 'header'
      : null,
    annotation: column.annotation === true,
    samples: shown.map((r) => cellText(r.row.cells[column.index] ?? null)),
    normalised: shown.map((r) => normalisedText(r.record, column)),
  };
}

function normalisedText(record: SupplierRecord | undefined, column: MappedColumn): string {
  if (!record) {
    return '';
  }
  const value = column.field
    ? record[column.field]
    : column.extraKey !== undefined
      ? record.extra?.[column.extraKey]
      : undefined;
  if (value === undefined || value === null) {
    return '';
  }
  if (Array.isArray(value)) {
    return value.join('; ');
  }
  if (typeof value === 'boolean') {
    return value ? 'yes' : 'no';
  }
  return String(value);
}
