import type { Writable } from 'node:stream';
import {
  extraSheet,
  type SheetCell,
  type SheetColumn,
  writeXlsxStream,
} from '../../common/spreadsheet/xlsx-stream.js';
import type { AssessmentResult } from '../../scoring/domain/assessment-result.js';
import { priorityReason } from '../../scoring/domain/priority.js';
import { screeningStatus, type ScreeningFindings } from '../../scoring/domain/screening-findings.js';
import type { InferredValue } from '../../suppliers/domain/field-sources.js';
import {
  SUPPLIER_FIELDS,
  SUPPLIER_FIELD_NAMES,
  type DisplayKind,
  type SupplierField,
} from '../../suppliers/domain/supplier-fields.js';
import type { SupplierRecord } from '../../suppliers/domain/supplier-record.js';
import { capitalise, countryName, formatPoints, screeningStatusText } from './format.js';
import { mainDrivers } from './portfolio-aggregator.js';
import type { ImportProvenance } from './report-models.js';

// The supplier export: one row per supplier in work-list order, ranked, streamed (flat memory, every cell
// neutralised against formula injection) by writeXlsxStream; then every completed upload on a sheet of its own.
// The supplier's place comes first (sites of one group share a name), then the registry's other exported fields,
// then the assessment as the supplier page shows it.

export interface ExportRow {
  /** Vigil's id of the supplier. */
  supplierId?: string;
  supplier: SupplierRecord;
  /** Latest assessment; absent when the supplier has not been scored yet. */
  assessment?: AssessmentResult;
  /** What screening against the enforcement lists found of it (null or absent: nothing in force). */
  screening?: ScreeningFindings | null;
  /** Values no list gave that Vigil inferred: the region, with what it was read from. */
  inferred?: { region?: InferredValue };
}

/** An upload as the Uploads sheet lists it: the report's provenance, with the imported rows by outcome. */
export interface ExportUpload extends ImportProvenance {
  /** Vigil's id of the upload (GET /imports/:id). */
  uploadId: string;
  /** The source list it was uploaded to; null for uploads from before source lists. */
  list: string | null;
  rowsNew: number;
  rowsUpdated: number;
  rowsUnchanged: number;
  /** Of the imported rows, those imported with a cell left empty (an impossible value). */
  rowsWithWarnings: number;
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

/** A row with its place in the work list, 1 first. */
interface RankedRow extends ExportRow {
  rank: number;
}

type ExportColumn = SheetColumn<RankedRow>;

export const UPLOADS_SHEET = 'Uploads';
export const UPLOADS_NOTE =
  'Every completed upload of every source list, newest first, whatever the filters of the Suppliers sheet. ' +
  'Rows read = imported (new + updated + unchanged) + duplicates + rejected + blank.';

const COUNTRY_CODE_WIDTH = 9;
const COUNT_WIDTH = 10;
const INFERRED_FROM: Record<InferredValue['from'], string> = {
  coordinates: 'the coordinates',
  city: 'the city',
  address: 'the address',
};

function joinLines(values: readonly string[] | undefined): string | undefined {
  return values && values.length > 0 ? values.join('\n') : undefined;
}

/**
 * The questions to ask the supplier, each with its follow-up: its open questions, most valuable first; for an
 * assessment made before ranges, the indicators it lacks data for (its missing data lists one entry per field).
 */
function questions(assessment: AssessmentResult | undefined): { indicatorId: string; followUp: string }[] {
  if (!assessment) {
    return [];
  }
  return assessment.uncertainty ? assessment.uncertainty.openQuestions : assessment.missingData;
}

/** One follow-up per question: a question listed twice, or two questions sharing a text, give one line. */
function followUps(assessment: AssessmentResult | undefined): string[] {
  const indicators = new Set<string>();
  const texts = new Set<string>();
  for (const { indicatorId, followUp } of questions(assessment)) {
    if (!indicators.has(indicatorId) && followUp) {
      texts.add(followUp);
    }
    indicators.add(indicatorId);
  }
  return [...texts];
}

function openQuestionCount(assessment: AssessmentResult | undefined): number | undefined {
  return assessment && new Set(questions(assessment).map((question) => question.indicatorId)).size;
}

/** As the supplier page says it: an inferred region with what it was read from; one a list gave "as listed". */
function regionSource(row: ExportRow): string | undefined {
  if (row.supplier.region === undefined) {
    return undefined;
  }
  const inferred = row.inferred?.region;
  return inferred ? `inferred from ${INFERRED_FROM[inferred.from]} "${inferred.matched}"` : 'as listed';
}

/** A supplier's value in one cell: lists joined, yes / no in words, the sector capitalised as reports print it. */
function supplierCell(value: SupplierRecord[SupplierField], display: DisplayKind): SheetCell {
  if (value === undefined) {
    return undefined;
  }
  if (typeof value === 'boolean') {
    return value ? 'yes' : 'no';
  }
  if (Array.isArray(value)) {
    return value.join('; ');
  }
  return display === 'sector' && typeof value === 'string' ? capitalise(value) : value;
}

// Widths of the place fields the registry leaves out of exports (this export shows them all the same).
const OWN_WIDTHS: Partial<Record<SupplierField, number>> = { postalCode: 11 };

function fieldColumns(field: SupplierField): ExportColumn[] {
  const { label, display, export: spec } = SUPPLIER_FIELDS[field];
  const column = spec ?? { width: OWN_WIDTHS[field] ?? 16 };
  if (display === 'country') {
    // The code to filter and look up by, the name to read.
    return [
      {
        header: `${label} code`,
        width: COUNTRY_CODE_WIDTH,
        value: (row) => supplierCell(row.supplier[field], display),
      },
      {
        header: label,
        ...column,
        value: (row) => {
          const code = row.supplier[field];
          return typeof code === 'string' ? countryName(code) : undefined;
        },
      },
    ];
  }
  const columns: ExportColumn[] = [
    { header: label, ...column, value: (row) => supplierCell(row.supplier[field], display) },
  ];
  if (field === 'region') {
    columns.push({ header: 'Region source', width: 30, value: regionSource });
  }
  return columns;
}

/** The site's place, in the order an address is read; the country after the region. */
const PLACE_FIELDS: readonly SupplierField[] = [
  'externalRef',
  'name',
  'address',
  'city',
  'postalCode',
  'region',
  'country',
];

/** The place, then every other exported field of the registry in its order. */
function supplierColumns(): ExportColumn[] {
  const others = SUPPLIER_FIELD_NAMES.filter(
    (field) => SUPPLIER_FIELDS[field].export && !PLACE_FIELDS.includes(field),
  );
  return [...PLACE_FIELDS, ...others].flatMap(fieldColumns);
}

export const EXPORT_COLUMNS: ExportColumn[] = [
  { header: 'Rank', width: 7, numFmt: '#,##0', value: (row) => row.rank },
  ...supplierColumns(),
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
  // Only where the rule set gives priors for the supplier's open questions: never counted in score or tier.
  {
    header: 'Expected score (priors)',
    width: 10,
    numFmt: '0.0',
    value: (row) => row.assessment?.uncertainty?.expected?.score,
  },
  {
    header: 'Could reach',
    width: 10,
    value: (row) => {
      const tier = row.assessment?.uncertainty?.couldReach;
      return tier ? capitalise(tier) : undefined;
    },
  },
  {
    header: 'Data confidence %',
    width: 11,
    numFmt: '0%',
    value: (row) => row.assessment?.uncertainty?.confidence,
  },
  {
    header: 'Data confidence',
    width: 11,
    value: (row) => {
      const level = row.assessment?.uncertainty?.confidenceLevel;
      return level ? capitalise(level) : undefined;
    },
  },
  { header: 'Red flags', width: COUNT_WIDTH, value: (row) => row.assessment?.redFlags.length },
  {
    header: 'Red flag titles',
    width: 40,
    value: (row) => joinLines(row.assessment?.redFlags.map((flag) => flag.title)),
  },
  {
    header: 'Red flag evidence',
    width: 50,
    value: (row) => joinLines(row.assessment?.redFlags.map((flag) => flag.evidence)),
  },
  {
    header: 'Screening',
    width: 22,
    value: (row) => screeningStatusText(screeningStatus(row.screening)),
  },
  // The same sentence as the supplier list, open enforcement-list hits counted.
  {
    header: 'Priority reason',
    width: 40,
    value: (row) =>
      row.assessment
        ? priorityReason({ ...row.assessment, openScreeningHits: row.screening?.openHits ?? 0 })
        : undefined,
  },
  { header: 'Open questions', width: COUNT_WIDTH, value: (row) => openQuestionCount(row.assessment) },
  { header: 'Follow-ups', width: 60, value: (row) => joinLines(followUps(row.assessment)) },
  {
    header: 'Main drivers',
    width: 45,
    value: (row) =>
      row.assessment
        ? joinLines(
            mainDrivers(row.assessment).map((driver) => `${driver.title} (${formatPoints(driver.points)})`),
          )
        : undefined,
  },
  { header: 'Recommended actions', width: 60, value: (row) => joinLines(row.assessment?.recommendedActions) },
  { header: 'Data completeness', width: 11, numFmt: '0%', value: (row) => row.assessment?.dataCompleteness },
  { header: 'Assessment date', width: 12, value: (row) => row.assessment?.assessmentDate },
  { header: 'Rule-set hash', width: 66, value: (row) => row.assessment?.ruleSetHash },
  { header: 'Vigil supplier id', width: 38, value: (row) => row.supplierId },
];

const COUNT = '#,##0';

export const UPLOAD_COLUMNS: SheetColumn<ExportUpload>[] = [
  { header: 'Uploaded at', width: 22, value: (upload) => upload.uploadedAt },
  { header: 'File name', width: 40, value: (upload) => upload.fileName },
  { header: 'Source list', width: 30, value: (upload) => upload.list ?? undefined },
  { header: 'Uploaded by', width: 28, value: (upload) => upload.uploadedBy },
  { header: 'SHA-256', width: 66, value: (upload) => upload.sha256 },
  { header: 'Rows read', width: 10, numFmt: COUNT, value: (upload) => upload.rowsRead },
  { header: 'Imported', width: 10, numFmt: COUNT, value: (upload) => upload.rowsImported },
  { header: 'New', width: 10, numFmt: COUNT, value: (upload) => upload.rowsNew },
  { header: 'Updated', width: 10, numFmt: COUNT, value: (upload) => upload.rowsUpdated },
  { header: 'Unchanged', width: 10, numFmt: COUNT, value: (upload) => upload.rowsUnchanged },
  { header: 'Duplicates', width: 10, numFmt: COUNT, value: (upload) => upload.rowsDuplicate },
  { header: 'Rejected', width: 10, numFmt: COUNT, value: (upload) => upload.rowsRejected },
  { header: 'Blank', width: 10, numFmt: COUNT, value: (upload) => upload.rowsBlank },
  {
    header: 'Imported with warnings',
    width: 12,
    numFmt: COUNT,
    value: (upload) => upload.rowsWithWarnings,
  },
  { header: 'Vigil upload id', width: 38, value: (upload) => upload.uploadId },
];

async function* ranked(rows: AsyncIterable<ExportRow>): AsyncGenerator<RankedRow> {
  let rank = 0;
  for await (const row of rows) {
    rank++;
    yield { ...row, rank };
  }
}

/**
 * Streams the supplier export as xlsx into `out`; resolves once the workbook is complete. `rows` come in work-list
 * order (their rank is their place); with `uploads`, an Uploads sheet lists them.
 */
export async function writeSupplierExport(
  rows: AsyncIterable<ExportRow>,
  out: Writable,
  meta?: ExportMeta,
  uploads?: readonly ExportUpload[],
): Promise<ExportSummary> {
  const count = await writeXlsxStream(out, {
    sheetName: 'Suppliers',
    columns: EXPORT_COLUMNS,
    rows: ranked(rows),
    generatedAt: meta?.generatedAt,
    sheets: uploads
      ? [extraSheet({ name: UPLOADS_SHEET, note: UPLOADS_NOTE, columns: UPLOAD_COLUMNS, rows: uploads })]
      : [],
    about:
      meta &&
      ((suppliers): Array<[string, string]> => [
        ['Generated at', meta.generatedAt],
        ['Generated by', meta.generatedBy],
        ['Suppliers', String(suppliers)],
        ['Order', 'Work-list priority, as the supplier list sorted by priority; Rank is the place in it'],
        ...(uploads
          ? [
              ['Uploads', `${uploads.length}, every completed upload (sheet "${UPLOADS_SHEET}")`] as [
                string,
                string,
              ],
            ]
          : []),
        ['Rule set', [meta.ruleSetName, meta.ruleSetVersion].filter(Boolean).join(' ')],
        ['Rule-set hash', meta.ruleSetHash ?? ''],
        ...(meta.filters ?? []).map((filter): [string, string] => [`Filter: ${filter.label}`, filter.value]),
      ]),
  });
  return { rows: count };
}
