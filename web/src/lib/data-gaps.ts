import type { DataGapQuestion, DataGaps } from '../api/types.js';
import { fieldLabel, formatCount } from './format.js';
import { supplierFilterString, type SupplierQuery } from './supplier-query.js';

// The data-gaps page: which questions to ask of the portfolio first (docs/scoring.md, "Data gaps"). The page and the
// API take the supplier list's filters; sort and paging mean nothing here and are left out.

export type DataGapTotals = Pick<DataGaps, 'suppliers' | 'withRange' | 'settled'>;

const agree = (count: number, one: string, many: string): string => (count === 1 ? one : many);
const suppliers = (count: number): string => `${formatCount(count)} ${agree(count, 'supplier', 'suppliers')}`;

/** GET /dashboard/data-gaps for the filters. */
export function dataGapsPath(query: SupplierQuery): string {
  const filters = supplierFilterString(query);
  return filters ? `/dashboard/data-gaps?${filters}` : '/dashboard/data-gaps';
}

/** The xlsx of the suppliers in scope for whom the question is open: whom to ask. */
export function whoToAskHref(indicatorId: string, query: SupplierQuery): string {
  const filters = supplierFilterString(query);
  const question = `question=${encodeURIComponent(indicatorId)}`;
  return `/dashboard/data-gaps/export.xlsx?${filters ? `${question}&${filters}` : question}`;
}

/**
 * The headline in words: "312 of 1,400 suppliers have a tier the open questions cannot change; 1,088 have a tier an
 * answer could still change." Suppliers assessed before score ranges existed have no questions and are named apart.
 */
export function settledSentence({ suppliers: total, withRange, settled }: DataGapTotals): string {
  if (total === 0) {
    return 'No supplier is in scope.';
  }
  if (withRange === 0) {
    return `No supplier in scope has a score range yet: ${agree(total, 'it was', `all ${formatCount(total)} were`)} assessed before ranges existed, so there is nothing to rank.`;
  }
  const open = withRange - settled;
  const withoutRange = total - withRange;
  const parts = [
    settled === total
      ? `${agree(total, 'The one supplier in scope has', `All ${suppliers(total)} have`)} a tier the open questions cannot change`
      : `${formatCount(settled)} of ${suppliers(total)} ${agree(settled, 'has', 'have')} a tier the open questions cannot change`,
  ];
  if (open > 0) {
    parts.push(`${formatCount(open)} ${agree(open, 'has', 'have')} a tier an answer could still change`);
  }
  if (withoutRange > 0) {
    parts.push(
      `${formatCount(withoutRange)} ${agree(withoutRange, 'was', 'were')} assessed before ranges existed and ${agree(withoutRange, 'adds', 'add')} no questions`,
    );
  }
  return `${parts.join('; ')}.`;
}

export interface DataGapRow {
  key: string;
  title: string;
  followUp: string;
  /** The supplier fields an answer fills, or the reference data when the gap is in a table. */
  needs: string;
  suppliers: string;
  settlesTier: string;
  couldRaiseRedFlag: string;
  /** Summed over the suppliers; a red-flag question may narrow nothing (red flags stay out of ranges). */
  openPoints: string;
  summary: string;
  flagged: boolean;
  exportHref: string;
}

export function dataGapRows(questions: readonly DataGapQuestion[], query: SupplierQuery): DataGapRow[] {
  return questions.map((question) => ({
    key: question.indicatorId,
    title: question.title,
    followUp: question.followUp,
    needs: question.fields.length ? question.fields.map(fieldLabel).join(', ') : 'reference data',
    suppliers: formatCount(question.suppliers),
    settlesTier: formatCount(question.settlesTier),
    couldRaiseRedFlag: formatCount(question.couldRaiseRedFlag),
    openPoints: formatCount(Math.round(question.openPoints * 10) / 10),
    summary: question.summary,
    flagged: question.couldRaiseRedFlag > 0,
    exportHref: whoToAskHref(question.indicatorId, query),
  }));
}
