import { once } from 'node:events';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { neutraliseCell } from '../../common/spreadsheet/neutralise.js';
import type { AssessmentResult } from '../../scoring/domain/assessment-result.js';
import { priorityReason } from '../../scoring/domain/priority.js';
import type { SupplierRecord } from '../../suppliers/domain/supplier-record.js';
import { capitalise, countryName, formatPoints } from './format.js';

// The supplier export streams rows straight into the zip (exceljs WorkbookWriter, inline strings), so 100,000
// suppliers take flat memory. Every cell goes through neutraliseCell: supplier data is user input, and a cell
// starting with =, +, -, @, tab or CR must never run as a formula when someone opens or edits the file.

export interface ExportRow {
  /** Vigil's id of the supplier. */
  supplierId?: string;
  supplier: SupplierRecord;
  /** Latest assessment; absent when the supplier has not been scored yet. */
  assessment?: AssessmentResult;
}

export interface ExportMeta {
  generatedAt: string;
  generatedBy: string;
  ruleSetName?: string;
  ruleSetVersion?: string;
  ruleSetHash?: string;
  /** Filters as on the supplier list, in words. */
  filters?: Array<{ label: string; value: string }>;
}

export interface ExportSummary {
  rows: number;
}

type CellValue = string | number | undefined;

interface ExportColumn {
  header: string;
  width: number;
  numFmt?: string;
  value: (row: ExportRow) => CellValue;
}

// Excel refuses cells longer than 32,767 characters; say so in the cell rather than corrupt the file.
const EXCEL_CELL_LIMIT = 32_767;
const MAIN_DRIVERS = 3;
const YIELD_EVERY = 500;

// exceljs writes committed rows into the zip's input stream without honouring its backpressure, and the
// compressor only drains it as the event loop turns. Pause regularly until that backlog (an internal field of
// exceljs' worksheet writer) and the output have caught up; otherwise a fast row source piles the whole
// uncompressed sheet up in memory (measured: ~185 MB of buffers at 100,000 rows, 1-6 MB with the pause).
const BACKLOG_LIMIT = 1024 * 1024;

interface BufferedStream extends NodeJS.EventEmitter {
  writableLength?: number;
  _writableState?: { length: number };
}

function backlog(stream: BufferedStream): number {
  return stream.writableLength ?? stream._writableState?.length ?? 0;
}

async function drained(stream: BufferedStream): Promise<void> {
  // 'drain' is the signal; the timer only guards against a stream that never emits it.
  const timer = new Promise<void>((resolve) => setTimeout(resolve, 50));
  await Promise.race([once(stream, 'drain').then(() => undefined), timer]);
}

async function letOutputDrain(sheet: ExcelJS.Worksheet, out: Writable): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  const internal = sheet as unknown as { stream?: { pipes?: BufferedStream[] } };
  for (const target of [...(internal.stream?.pipes ?? []), out as BufferedStream]) {
    while (backlog(target) > BACKLOG_LIMIT) {
      await drained(target);
    }
  }
}

function joinLines(values: string[] | undefined): string | undefined {
  return values && values.length > 0 ? values.join('\n') : undefined;
}

function yesNo(value: boolean | undefined): string | undefined {
  if (value === undefined) {
    return undefined;
  }
  return value ? 'yes' : 'no';
}

function mainDrivers(assessment: AssessmentResult): string[] {
  return [...assessment.contributions]
    .filter((contribution) => contribution.points > 0)
    .sort((a, b) => b.points - a.points)
    .slice(0, MAIN_DRIVERS)
    .map((contribution) => `${contribution.title} (${formatPoints(contribution.points)})`);
}

/** The follow-ups of every open question, most valuable first, each text once (questions can share one). */
function openQuestionFollowUps(assessment: AssessmentResult | undefined): string[] | undefined {
  const questions = assessment?.uncertainty?.openQuestions;
  return questions && [...new Set(questions.map((question) => question.followUp).filter(Boolean))];
}

export const EXPORT_COLUMNS: ExportColumn[] = [
  { header: 'Supplier ID', width: 16, value: (row) => row.supplier.externalRef },
  { header: 'Supplier name', width: 40, value: (row) => row.supplier.name },
  { header: 'Country code', width: 9, value: (row) => row.supplier.country },
  { header: 'Country', width: 20, value: (row) => countryName(row.supplier.country) },
  { header: 'Region', width: 18, value: (row) => row.supplier.region },
  { header: 'City', width: 18, value: (row) => row.supplier.city },
  {
    header: 'Sector',
    width: 14,
    value: (row) => (row.supplier.sector ? capitalise(row.supplier.sector) : undefined),
  },
  { header: 'Sub-sector', width: 18, value: (row) => row.supplier.subSector },
  { header: 'Products', width: 30, value: (row) => row.supplier.products?.join('; ') },
  { header: 'Supply-chain tier', width: 10, value: (row) => row.supplier.supplyChainTier },
  { header: 'Workers', width: 10, numFmt: '#,##0', value: (row) => row.supplier.workerCount },
  { header: 'Uses labour agencies', width: 10, value: (row) => yesNo(row.supplier.usesLabourAgency) },
  { header: 'Annual spend', width: 14, numFmt: '#,##0', value: (row) => row.supplier.annualSpend },
  { header: 'Currency', width: 9, value: (row) => row.supplier.currency },
  { header: 'Score', width: 8, numFmt: '0.0', value: (row) => row.assessment?.score },
  {
    header: 'Risk tier',
    width: 10,
    value: (row) => (row.assessment ? capitalise(row.assessment.tier) : 'Not assessed'),
  },
  {
    header: 'Tier from points',
    width: 10,
    value: (row) => (row.assessment ? capitalise(row.assessment.pointsTier) : undefined),
  },
  // Ranges and confidence exist only on assessments made since ranges exist; older ones leave these cells empty.
  { header: 'Range low', width: 8, numFmt: '0.0', value: (row) => row.assessment?.uncertainty?.range.low },
  { header: 'Range high', width: 8, numFmt: '0.0', value: (row) => row.assessment?.uncertainty?.range.high },
  {
    header: 'Could reach',
    width: 10,
    value: (row) => {
      const tier = row.assessment?.uncertainty?.couldReach;
      return tier ? capitalise(tier) : undefined;
    },
  },
  {
    header: 'Confidence',
    width: 10,
    value: (row) => {
      const level = row.assessment?.uncertainty?.confidenceLevel;
      return level ? capitalise(level) : undefined;
    },
  },
  {
    header: 'Confidence %',
    width: 11,
    numFmt: '0%',
    value: (row) => row.assessment?.uncertainty?.confidence,
  },
  // The same sentence as the supplier page: it needs only the assessment, so older ones have one too.
  {
    header: 'Priority reason',
    width: 40,
    value: (row) => (row.assessment ? priorityReason(row.assessment) : undefined),
  },
  { header: 'Red flags', width: 8, value: (row) => row.assessment?.redFlags.length },
  {
    header: 'Red flag details',
    width: 50,
    value: (row) => joinLines(row.assessment?.redFlags.map((flag) => `${flag.title}: ${flag.evidence}`)),
  },
  {
    header: 'Main drivers',
    width: 45,
    value: (row) => (row.assessment ? joinLines(mainDrivers(row.assessment)) : undefined),
  },
  { header: 'Recommended actions', width: 60, value: (row) => joinLines(row.assessment?.recommendedActions) },
  {
    header: 'Missing data to collect',
    width: 50,
    value: (row) =>
      joinLines(row.assessment?.missingData.map((missing) => `${missing.field}: ${missing.followUp}`)),
  },
  { header: 'Open questions', width: 60, value: (row) => joinLines(openQuestionFollowUps(row.assessment)) },
  { header: 'Data completeness', width: 11, numFmt: '0%', value: (row) => row.assessment?.dataCompleteness },
  { header: 'Assessment date', width: 12, value: (row) => row.assessment?.assessmentDate },
  { header: 'Rule-set hash', width: 20, value: (row) => row.assessment?.ruleSetHash },
  { header: 'Vigil supplier id', width: 20, value: (row) => row.supplierId },
];

function cellValue(value: CellValue): string | number | undefined {
  if (typeof value === 'string' && value.length > EXCEL_CELL_LIMIT) {
    return `${value.slice(0, EXCEL_CELL_LIMIT - 40)} [truncated: ${value.length} chars]`;
  }
  return value;
}

/** Streams the supplier export as xlsx into `out`; resolves once the workbook is complete. */
export async function writeSupplierExport(
  rows: AsyncIterable<ExportRow>,
  out: Writable,
  meta?: ExportMeta,
): Promise<ExportSummary> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = 'Vigil';
  if (meta) {
    workbook.created = new Date(meta.generatedAt);
    workbook.modified = new Date(meta.generatedAt);
  }
  const sheet = workbook.addWorksheet('Suppliers', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = EXPORT_COLUMNS.map((column) => ({
    header: column.header,
    width: column.width,
    style: column.numFmt ? { numFmt: column.numFmt } : {},
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'top', wrapText: true };
  header.commit();
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: EXPORT_COLUMNS.length } };

  let count = 0;
  for await (const row of rows) {
    const excelRow = sheet.getRow(count + 2);
    EXPORT_COLUMNS.forEach((column, index) =>
      neutraliseCell(excelRow.getCell(index + 1), cellValue(column.value(row))),
    );
    excelRow.alignment = { vertical: 'top', wrapText: true };
    excelRow.commit();
    count++;
    if (count % YIELD_EVERY === 0) {
      await letOutputDrain(sheet, out);
    }
  }
  sheet.commit();

  if (meta) {
    const about = workbook.addWorksheet('About this export');
    about.columns = [
      { header: 'Item', width: 24 },
      { header: 'Value', width: 80 },
    ];
    about.getRow(1).font = { bold: true };
    const facts: Array<[string, string]> = [
      ['Generated at', meta.generatedAt],
      ['Generated by', meta.generatedBy],
      ['Suppliers', String(count)],
      ['Rule set', [meta.ruleSetName, meta.ruleSetVersion].filter(Boolean).join(' ')],
      ['Rule-set hash', meta.ruleSetHash ?? ''],
      ...(meta.filters ?? []).map((filter): [string, string] => [`Filter: ${filter.label}`, filter.value]),
    ];
    facts.forEach(([item, value], index) => {
      const aboutRow = about.getRow(index + 2);
      neutraliseCell(aboutRow.getCell(1), item);
      neutraliseCell(aboutRow.getCell(2), value);
      aboutRow.commit();
    });
    about.commit();
  }
  await workbook.commit();
  return { rows: count };
}
