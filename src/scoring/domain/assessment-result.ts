// The output of the scoring engine: what an Assessment row stores and what reports explain.

export const RISK_TIERS = ['low', 'medium', 'high', 'critical'] as const;
export type RiskTier = (typeof RISK_TIERS)[number];

export interface Contribution {
  indicatorId: string;
  title: string;
  category: string;
  /** Points added (negative for a mitigation), after caps. */
  points: number;
  /** One sentence citing the supplier's value or the reference row, e.g. "Country MY: US TIP Tier 2 Watch List (TIP 2024)". */
  evidence: string;
  /** True when the points are charged because the value is missing. */
  missingData: boolean;
}

export interface RedFlag {
  indicatorId: string;
  title: string;
  minimumTier: RiskTier;
  evidence: string;
}

export interface MissingDatum {
  field: string;
  indicatorId: string;
  /** What the compliance officer should collect. */
  followUp: string;
}

export interface AssessmentResult {
  score: number;
  tier: RiskTier;
  /** Tier from the points alone, before red flags raised it. */
  pointsTier: RiskTier;
  contributions: Contribution[];
  redFlags: RedFlag[];
  missingData: MissingDatum[];
  recommendedActions: string[];
  /** Share (0-1) of the fields the rule set reads that the supplier has. */
  dataCompleteness: number;
  ruleSetHash: string;
  /** ISO date the assessment is made for (mitigation recency is relative to it). */
  assessmentDate: string;
}
