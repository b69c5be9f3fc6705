import type { SheetColumn } from '../../common/spreadsheet/xlsx-stream.js';
import { countryByAlpha2 } from '../../common/countries/country-resolver.js';
import type { CompiledIndicator } from '../../rules/domain/compiled-rule-set.js';
import { capitalise } from '../../reports/domain/format.js';
import { questionFollowUp } from '../../scoring/domain/scoring-engine.js';
import { SUPPLIER_FIELDS, type SupplierField } from '../../suppliers/domain/supplier-fields.js';

// The "who to ask" download of one open question: a row per supplier it is open for, in the order to ask them.

export interface WhoToAskRow {
  supplierId: string;
  externalRef: string | null;
  name: string;
  address: string | null;
  city: string | null;
  country: string;
  sector: string | null;
  tier: string | null;
  score: number | null;
  rangeLow: number | null;
  rangeHigh: number | null;
  confidence: number | null;
  settles: boolean;
  flag: boolean;
  openPoints: number;
  /** The fields this supplier misses for the question (its follow-up names the first). */
  fields: string[] | null;
}

const yesNo = (value: boolean): string => (value ? 'yes' : 'no');
const orUndefined = <T>(value: T | null): T | undefined => value ?? undefined;

/** A supplier column headed and sized as the supplier export heads it (the field registry). */
function fieldColumn(field: SupplierField): { header: string; width: number } {
  const { label, export: column } = SUPPLIER_FIELDS[field];
  return { header: label, width: column?.width ?? 18 };
}

export function whoToAskColumns(indicator: CompiledIndicator): SheetColumn<WhoToAskRow>[] {
  return [
    { ...fieldColumn('externalRef'), value: (row) => orUndefined(row.externalRef) },
    { ...fieldColumn('name'), value: (row) => row.name },
    { ...fieldColumn('address'), value: (row) => orUndefined(row.address) },
    { ...fieldColumn('city'), value: (row) => orUndefined(row.city) },
    { ...fieldColumn('country'), value: (row) => countryByAlpha2(row.country)?.name ?? row.country },
    { ...fieldColumn('sector'), value: (row) => (row.sector ? capitalise(row.sector) : undefined) },
    { header: 'Assessed tier', width: 10, value: (row) => orUndefined(row.tier) },
    { header: 'Score', width: 8, numFmt: '0.0', value: (row) => orUndefined(row.score) },
    { header: 'Range low', width: 8, numFmt: '0.0', value: (row) => orUndefined(row.rangeLow) },
    { header: 'Range high', width: 8, numFmt: '0.0', value: (row) => orUndefined(row.rangeHigh) },
    { header: 'Data confidence', width: 10, numFmt: '0%', value: (row) => orUndefined(row.confidence) },
    { header: 'Answer settles the tier', width: 12, value: (row) => yesNo(row.settles) },
    { header: 'Could raise a red flag', width: 12, value: (row) => yesNo(row.flag) },
    { header: 'Points left open', width: 10, numFmt: '0.0', value: (row) => row.openPoints },
    {
      header: 'What to ask',
      width: 60,
      value: (row) => questionFollowUp(indicator, row.fields ?? indicator.fields),
    },
    { header: 'Vigil supplier id', width: 20, value: (row) => row.supplierId },
  ];
}
