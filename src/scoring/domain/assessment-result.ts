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
  /** True when the points were charged because the value is missing (assessments before ranges existed). */
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

/** How much of what the rules weigh is known about the supplier (see docs/scoring.md). */
export const CONFIDENCE_LEVELS = ['low', 'medium', 'high'] as const;
export type ConfidenceLevel = (typeof CONFIDENCE_LEVELS)[number];

/** A question whose answer the rules weigh but nobody has given: what it could still do to the score. */
export interface OpenQuestion {
  indicatorId: string;
  title: string;
  /** The supplier fields it needs; empty when the gap is in a reference table (a country it does not cover). */
  fields: string[];
  followUp: string;
  /** Points the indicator adds at the best and at the worst answer the rules allow, before category caps. */
  best: number;
  worst: number;
  /** How far the range narrows once it is answered (caps and the floor applied): its value as a question. */
  openPoints: number;
  /** An answer could raise a red flag (never assumed, so not in the range). */
  couldRaiseRedFlag: boolean;
  /**
   * Answering it alone, whatever the answer, puts the whole range in one tier (red flags aside): the tier becomes
   * certain. False when the range already lies in one tier; absent on assessments stored before it was computed.
   */
  settlesTier?: boolean;
  /** What the rule file's prior expects the answer to add, for the supplier's country and sector (not counted). */
  expected?: number;
  /** Where that prior comes from, as the rule file cites it. */
  priorSource?: string;
}

/** The assessed score plus what the unknowns leave open; absent on assessments made before ranges existed. */
export interface AssessmentUncertainty {
  /** The score with every unknown at its best and at its worst answer (red flags never assumed). */
  range: { low: number; high: number };
  /**
   * Where the rule files give priors: the score with those open questions at their expected answers (the others as
   * assessed). Shown beside the range, never in the assessed score or tier.
   */
  expected?: { score: number; questions: number };
  /** Share (0-1) of the points the applicable indicators put at stake that is decided by known facts. */
  confidence: number;
  confidenceLevel: ConfidenceLevel;
  /** The highest tier the upper end of the range reaches, when above the assessed tier. */
  couldReach?: RiskTier;
  /** Most valuable first: red-flag questions, then by the points they leave open. */
  openQuestions: OpenQuestion[];
}

export interface AssessmentResult {
  /** From known facts only: no point of it is charged for an unknown. */
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
  uncertainty?: AssessmentUncertainty;
}
