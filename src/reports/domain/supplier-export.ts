import type { Writable } from 'node:stream';
import { type SheetCell, type SheetColumn, writeXlsxStream } from '../../common/spreadsheet/xlsx-stream.js';
import type { AssessmentResult } from '../../scoring/domain/assessment-result.js';
import { priorityReason } from '../../scoring/domain/priority.js';
import { screeningStatus, type ScreeningFindings } from '../../scoring/domain/screening-findings.js';
import {
  SUPPLIER_FIELDS,
  SUPPLIER_FIELD_NAMES,
  type DisplayKind,
  type SupplierField,
} from '../../suppliers/domain/supplier-fields.js';
import type { SupplierRecord } from '../../suppliers/domain/supplier-record.js';
import { capitalise, countryName, formatPoints, screeningStatusText } from './format.js';

// The supplier export: one row per supplier, streamed (flat memory, every cell neutralised against formula
// injection) by writeXlsxStream. The supplier's columns come from the field registry; the assessment's follow.

export interface ExportRow {
  /** Vigil's id of the supplier. */
  supplierId?: string;
  supplier: SupplierRecord;
  /** Latest assessment; absent when the supplier has not been scored yet. */
  assessment?: AssessmentResult;
  /** What screening against the enforcement lists found of it (null or absent: nothing in force). */
  screening?: ScreeningFindings | null;
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

type ExportColumn = SheetColumn<ExportRow>;

const MAIN_DRIVERS = 3;
const COUNTRY_CODE_WIDTH = 9;

function joinLines(values: string[] | undefined): string | undefined {
  return values && values.length > 0 ? values.join('\n') : undefined;
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

/** A supplier's value in one cell: lists joined, yes / no in words, the sector capitalised as the report prints it. */
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

/** One column per exported field of the registry, in its order, headed by the field's label. */
function supplierColumns(): ExportColumn[] {
  return SUPPLIER_FIELD_NAMES.flatMap((field): ExportColumn[] => {
    const { label, display, export: column } = SUPPLIER_FIELDS[field];
    if (!column) {
      return [];
    }
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
    return [{ header: label, ...column, value: (row) => supplierCell(row.supplier[field], display) }];
  });
}

export const EXPORT_COLUMNS: ExportColumn[] = [
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
  // The same sentence as the supplier page, open enforcement-list hits counted; older assessments have one too.
  {
    header: 'Priority reason',
    width: 40,
    value: (row) =>
      row.assessment
        ? priorityReason({ ...row.assessment, openScreeningHits: row.screening?.openHits ?? 0 })
        : undefined,
  },
  {
    header: 'Screening',
    width: 22,
    value: (row) => screeningStatusText(screeningStatus(row.screening)),
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

/** Streams the supplier export as xlsx into `out`; resolves once the workbook is complete. */
export async function writeSupplierExport(
  rows: AsyncIterable<ExportRow>,
  out: Writable,
  meta?: ExportMeta,
): Promise<ExportSummary> {
  const count = await writeXlsxStream(out, {
    sheetName: 'Suppliers',
    columns: EXPORT_COLUMNS,
    rows,
    generatedAt: meta?.generatedAt,
    about:
      meta &&
      ((suppliers): Array<[string, string]> => [
        ['Generated at', meta.generatedAt],
        ['Generated by', meta.generatedBy],
        ['Suppliers', String(suppliers)],
        ['Rule set', [meta.ruleSetName, meta.ruleSetVersion].filter(Boolean).join(' ')],
        ['Rule-set hash', meta.ruleSetHash ?? ''],
        ...(meta.filters ?? []).map((filter): [string, string] => [`Filter: ${filter.label}`, filter.value]),
      ]),
  });
  return { rows: count };
}
