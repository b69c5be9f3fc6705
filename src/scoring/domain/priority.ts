import { RISK_TIERS, type AssessmentResult } from './assessment-result.js';

// Work-list order: the worse assessed tier first; within a tier, suppliers with red flags (facts about the site)
// before those ranked there by inherent risk alone; then, for a supplier the rules know little about (low data
// confidence), how high its range reaches ("ask first"), for the others their score; then the score itself;
// then the larger spend.

export type Prioritised = Pick<AssessmentResult, 'tier' | 'score'> & {
  /** Only their number counts. */
  redFlags?: { readonly length: number };
  uncertainty?: { range: { high: number }; confidenceLevel: string };
  /** Enforcement-list hits awaiting a decision: no tier, but the supplier is asked about first. */
  openScreeningHits?: number;
};

const MAX_FLAGS_RANKED = 9;
const SPEND = 1;
const SCORE = 1_000;
const REACH = 1_001_000;
const FLAGS = 1_100_000_000;
const TIER = 12_000_000_000;

function flagCount(result: Prioritised): number {
  return Math.min(MAX_FLAGS_RANKED, result.redFlags?.length ?? 0);
}

/**
 * The score a supplier is ranked by within its tier: the top of its range when little is known about it, the top
 * of the scale while an enforcement-list hit awaits a decision.
 */
function reach(result: Prioritised): number {
  if ((result.openScreeningHits ?? 0) > 0) {
    return 100;
  }
  return result.uncertainty?.confidenceLevel === 'low' ? result.uncertainty.range.high : result.score;
}

const tenths = (score: number): number => Math.round(Math.min(100, Math.max(0, score)) * 10);

/** Highest first: tier, red flags, reach, score (0.1 steps), then spend on a log scale (unknown counts as 0). */
export function priorityScore(result: Prioritised, annualSpend?: number): number {
  const tierRank = RISK_TIERS.indexOf(result.tier);
  const spend =
    annualSpend !== undefined && Number.isFinite(annualSpend) && annualSpend > 0 ? annualSpend : 0;
  // log10 of spend up to 10^10 maps into 0..999, below one step of score.
  const spendRank = Math.min(999, Math.floor(Math.log10(spend + 1) * 99.9));
  return (
    tierRank * TIER +
    flagCount(result) * FLAGS +
    tenths(reach(result)) * REACH +
    tenths(result.score) * SCORE +
    spendRank * SPEND
  );
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
    reach(b.result) - reach(a.result) ||
    b.result.score - a.result.score ||
    (b.annualSpend ?? 0) - (a.annualSpend ?? 0)
  );
}

/** Why a supplier is where it is in the work list, in one sentence. */
export function priorityReason(result: Prioritised): string {
  const flags = result.redFlags?.length ?? 0;
  const parts = [`${result.tier} assessed tier`];
  if (flags > 0) {
    parts.push(`${flags} red flag${flags === 1 ? '' : 's'}`);
  }
  const open = result.openScreeningHits ?? 0;
  if (open > 0) {
    parts.push(`${open} enforcement-list hit${open === 1 ? '' : 's'} awaiting review (ask first)`);
  } else if (result.uncertainty?.confidenceLevel === 'low') {
    parts.push(`little known: its range reaches ${result.uncertainty.range.high} (ask first)`);
  } else {
    parts.push(`score ${result.score}`);
  }
  return parts.join(', ');
}
