import type { AssessmentResult, RiskTier } from '../../scoring/assessment-result.js';
import type { SupplierRecord } from '../domain/supplier-record.js';
import type { SupplierEntity } from '../supplier.entity.js';

export interface SupplierSummary {
  id: string;
  externalRef: string | null;
  name: string;
  country: string;
  sector: string | null;
  score: number | null;
  tier: RiskTier | null;
  redFlagCount: number;
  priority: number | null;
  dataCompleteness: number | null;
  assessedAt: string | null;
  updatedAt: string;
}

export interface SupplierPage {
  items: SupplierSummary[];
  total: number;
  page: number;
  pageSize: number;
}

export interface AssessmentHistoryEntry {
  id: string;
  assessedAt: string;
  assessmentDate: string;
  score: number;
  tier: RiskTier;
  ruleSetHash: string;
  trigger: string;
}

export interface SupplierDetail extends SupplierSummary {
  profile: SupplierRecord;
  /** The current assessment with its breakdown; null before the supplier was ever scored. */
  assessment: AssessmentResult | null;
  /** Newest first. */
  history: AssessmentHistoryEntry[];
}

/** The supplier columns a summary reads (the list selects only these). */
export type SupplierSummarySource = Pick<
  SupplierEntity,
  | 'id'
  | 'externalRef'
  | 'name'
  | 'country'
  | 'sector'
  | 'currentScore'
  | 'currentTier'
  | 'redFlagCount'
  | 'priority'
  | 'dataCompleteness'
  | 'assessedAt'
  | 'updatedAt'
>;

export function toSupplierSummary(supplier: SupplierSummarySource): SupplierSummary {
  return {
    id: supplier.id,
    externalRef: supplier.externalRef,
    name: supplier.name,
    country: supplier.country,
    sector: supplier.sector,
    score: supplier.currentScore,
    tier: supplier.currentTier,
    redFlagCount: supplier.redFlagCount,
    priority: supplier.priority,
    dataCompleteness: supplier.dataCompleteness,
    assessedAt: supplier.assessedAt?.toISOString() ?? null,
    updatedAt: supplier.updatedAt.toISOString(),
  };
}
