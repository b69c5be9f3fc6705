import { RISK_TIERS, type AssessmentResult } from './assessment-result.js';

// Work-list order: the worse tier first; within a tier, suppliers with reported forced-labour indicators or other
// red flags (known facts) before those ranked there by points alone (which may come from missing data); then the
// higher score, then the larger spend.

export type Prioritised = Pick<AssessmentResult, 'tier' | 'score'> & { redFlags?: readonly unknown[] };

const MAX_FLAGS_RANKED = 9;

function flagCount(result: Prioritised): number {
  return Math.min(MAX_FLAGS_RANKED, result.redFlags?.length ?? 0);
}

/** Highest first. Tier, then red flags, then score (0.1 steps), then spend on a log scale (unknown counts as 0). */
export function priorityScore(result: Prioritised, annualSpend?: number): number {
  const tierRank = RISK_TIERS.indexOf(result.tier);
  const score = Math.round(Math.min(100, Math.max(0, result.score)) * 10);
  const spend =
    annualSpend !== undefined && Number.isFinite(annualSpend) && annualSpend > 0 ? annualSpend : 0;
  // log10 of spend up to 10^10 maps into 0..999, below one step of score.
  const spendRank = Math.min(999, Math.floor(Math.log10(spend + 1) * 99.9));
  return tierRank * 100_000_000 + flagCount(result) * 10_000_000 + score * 1000 + spendRank;
}

export interface PrioritisedItem {
  result: Prioritised;
  annualSpend?: number;
}

/** Exact comparator for Array.prototype.sort: suppliers to act on first. */
export function compareByPriority(a: PrioritisedItem, b: PrioritisedItem): number {
  return (
    RISK_TIERS.indexOf(b.result.tier) - RISK_TIERS.indexOf(a.result.tier) ||
    flagCount(b.result) - flagCount(a.result) ||
    b.result.score - a.result.score ||
    (b.annualSpend ?? 0) - (a.annualSpend ?? 0)
  );
}
