import type { SheetColumn } from '../../common/spreadsheet/xlsx-stream.js';
import { countryByAlpha2 } from '../../common/countries/country-resolver.js';
import type { CompiledIndicator } from '../../rules/domain/compiled-rule-set.js';
import { questionFollowUp } from '../../scoring/domain/scoring-engine.js';

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

export function whoToAskColumns(indicator: CompiledIndicator): SheetColumn<WhoToAskRow>[] {
  return [
    { header: 'Supplier ID', width: 16, value: (row) => orUndefined(row.externalRef) },
    { header: 'Supplier name', width: 40, value: (row) => row.name },
    { header: 'Address', width: 40, value: (row) => orUndefined(row.address) },
    { header: 'City', width: 18, value: (row) => orUndefined(row.city) },
    { header: 'Country', width: 20, value: (row) => countryByAlpha2(row.country)?.name ?? row.country },
    { header: 'Sector', width: 14, value: (row) => orUndefined(row.sector) },
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
