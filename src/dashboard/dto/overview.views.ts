import type { ImportBatchView } from '../../imports/dto/import.views.js';
import type { RiskTier } from '../../scoring/domain/assessment-result.js';
import type { SupplierSummary } from '../../suppliers/dto/supplier.views.js';

export interface Overview {
  suppliers: number;
  assessed: number;
  tiers: { tier: RiskTier; count: number }[];
  highOrCriticalShare: number;
  suppliersWithRedFlags: number;
  averageCompleteness: number | null;
  lastImport: ImportBatchView | null;
  bySector: { sector: string; count: number; highOrCritical: number }[];
  byCountry: { country: string; name: string; count: number; highOrCritical: number }[];
  trend: ({ month: string } & Record<RiskTier, number>)[];
  topPriority: SupplierSummary[];
}
