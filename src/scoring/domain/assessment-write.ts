import type { CompiledRuleSet } from '../../rules/domain/compiled-rule-set.js';
import type { AssessmentResult, RiskTier } from './assessment-result.js';
import { compactAssessment } from './stored-assessment.js';

/**
 * One new assessment, ready to write: the figures the supplier row copies and the compact result as JSON. Imports
 * and re-scoring turn each result into this as soon as it is made, so a chunk in flight holds a few kB per supplier
 * rather than the whole explained result.
 */
export interface AssessmentWrite {
  ruleSetHash: string;
  assessmentDate: string;
  score: number;
  tier: RiskTier;
  redFlagCount: number;
  dataCompleteness: number;
  /** The range and data confidence; null on a result without them. */
  rangeLow: number | null;
  rangeHigh: number | null;
  confidence: number | null;
  /** JSON of the stored (compact) form. */
  stored: string;
}

/** `rules` must be the rule set the result was made with. */
export function assessmentWrite(result: AssessmentResult, rules: CompiledRuleSet): AssessmentWrite {
  return {
    ruleSetHash: result.ruleSetHash,
    assessmentDate: result.assessmentDate,
    score: result.score,
    tier: result.tier,
    redFlagCount: result.redFlags.length,
    dataCompleteness: result.dataCompleteness,
    rangeLow: result.uncertainty?.range.low ?? null,
    rangeHigh: result.uncertainty?.range.high ?? null,
    confidence: result.uncertainty?.confidence ?? null,
    stored: JSON.stringify(compactAssessment(result, rules)),
  };
}
