import type { ImportBatchView } from '../../imports/dto/import.views.js';
import type { RiskTier } from '../../scoring/domain/assessment-result.js';
import type { SupplierSummary } from '../../suppliers/dto/supplier.views.js';

/** One country of the portfolio. */
export interface CountryFigures {
  /** ISO 3166-1 alpha-2. */
  country: string;
  name: string;
  count: number;
  /** Of its scored suppliers; null when none is scored. */
  averageScore: number | null;
  maxScore: number | null;
  highOrCritical: number;
}

export interface Overview {
  suppliers: number;
  assessed: number;
  /** Suppliers with an annual spend: when none has, spend plays no part in the priority order. */
  suppliersWithSpend: number;
  tiers: { tier: RiskTier; count: number }[];
  highOrCriticalShare: number;
  suppliersWithRedFlags: number;
  averageCompleteness: number | null;
  lastImport: ImportBatchView | null;
  bySector: { sector: string; count: number; highOrCritical: number }[];
  /** The countries with the most suppliers (at most `countries.shown`). */
  byCountry: CountryFigures[];
  /**
   * The countries with the highest average and the highest maximum score, so that a country of few but high-risk
   * suppliers is seen too; countries without a scored supplier are left out of these two.
   */
  byCountryRisk: { averageScore: CountryFigures[]; maxScore: CountryFigures[] };
  /** How many countries the portfolio has, how many of them have a scored supplier, and the most a list holds. */
  countries: { total: number; scored: number; shown: number };
  trend: ({ month: string } & Record<RiskTier, number>)[];
  topPriority: SupplierSummary[];
}
