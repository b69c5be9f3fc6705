import type { RiskTier } from '../../scoring/domain/assessment-result.js';

export interface TierChange {
  supplierId: string;
  name: string;
  country: string;
  from: RiskTier | null;
  to: RiskTier;
  scoreFrom: number | null;
  scoreTo: number;
}

export interface SimulationResult {
  draftHash: string;
  activeHash: string;
  suppliers: number;
  changed: number;
  /** Suppliers per tier now and under the draft. */
  tiers: { tier: RiskTier; current: number; draft: number }[];
  /** Up to 500 suppliers whose tier changes, the largest moves first. */
  changes: TierChange[];
}
