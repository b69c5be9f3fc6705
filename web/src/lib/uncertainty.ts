import type {
  AssessmentUncertainty,
  ConfidenceLevel,
  OpenQuestion,
  RiskTier,
  RuleSetView,
  TierThresholds,
} from '../api/types.js';
import { fieldLabel, formatPercent, formatPoints, formatScore } from './format.js';

// Text and geometry for what an assessment leaves open: the score range, data confidence and the questions to
// ask next (docs/scoring.md). Pure, so the page and its unit spec read the same.

const CONFIDENCE_LABELS: Record<ConfidenceLevel, string> = { low: 'Low', medium: 'Medium', high: 'High' };

/** "12–48"; a single number when nothing is open. */
export function formatRange(range: AssessmentUncertainty['range']): string {
  const low = formatScore(range.low);
  const high = formatScore(range.high);
  return low === high ? low : `${low}\u2013${high}`;
}

export function confidenceLabel(level: ConfidenceLevel): string {
  return CONFIDENCE_LABELS[level];
}

/** Under the level: "62% of the points at stake decided by known facts". */
export function confidenceDetail(confidence: number): string {
  return `${formatPercent(confidence)} of the points at stake decided by known facts`;
}

/**
 * The thresholds to draw the range against: the active rule set's, but only when the assessment was made with
 * it (an older version may have had other thresholds).
 */
export function thresholdsFor(
  ruleSetHash: string,
  active: Pick<RuleSetView, 'hash' | 'thresholds'> | undefined,
): TierThresholds | undefined {
  return active?.hash === ruleSetHash ? active.thresholds : undefined;
}

const percentOf = (score: number): number => Math.min(100, Math.max(0, score));

export interface RangeBand {
  tier: RiskTier;
  /** Left edge and width, in percent of the 0–100 scale. */
  from: number;
  width: number;
}

export interface RangeBar {
  /** Tier bands from the thresholds; empty when they are not known. */
  bands: RangeBand[];
  /** Numbers under the scale: 0, each threshold, 100. */
  ticks: number[];
  /** The range's left edge and width, in percent. */
  from: number;
  width: number;
  /** Where the assessed score sits, in percent (it may lie outside the range: docs/scoring.md). */
  score: number;
  /** The bar in words, for its aria-label. */
  label: string;
}

export function rangeBar(
  range: AssessmentUncertainty['range'],
  score: number,
  thresholds?: TierThresholds,
): RangeBar {
  const from = percentOf(range.low);
  let label = `Score range ${formatScore(range.low)} to ${formatScore(range.high)} out of 100; assessed score ${formatScore(score)}.`;
  let bands: RangeBand[] = [];
  let ticks = [0, 100];
  if (thresholds) {
    const edges = [0, thresholds.medium, thresholds.high, thresholds.critical, 100].map(percentOf);
    const tiers: RiskTier[] = ['low', 'medium', 'high', 'critical'];
    bands = tiers.map((tier, index) => ({
      tier,
      from: edges[index],
      width: edges[index + 1] - edges[index],
    }));
    ticks = [...new Set(edges)];
    label += ` Tiers start at medium ${thresholds.medium}, high ${thresholds.high}, critical ${thresholds.critical}.`;
  }
  return { bands, ticks, from, width: percentOf(range.high) - from, score: percentOf(score), label };
}

export interface QuestionRow {
  key: string;
  title: string;
  followUp: string;
  /** The supplier fields the question needs, or the reference data when the gap is in a table. */
  needs: string;
  /** How far the range narrows once it is answered. */
  openPoints: string;
  /** What the best and the worst answer add: "0 to +12", "−5 to 0", "0, or a red flag". */
  answers: string;
  couldRaiseRedFlag: boolean;
}

export function questionRows(questions: readonly OpenQuestion[]): QuestionRow[] {
  return questions.map((question) => ({
    key: question.indicatorId,
    title: question.title,
    followUp: question.followUp,
    needs: question.fields.length ? question.fields.map(fieldLabel).join(', ') : 'reference data',
    openPoints: formatScore(question.openPoints),
    answers: answersText(question),
    couldRaiseRedFlag: question.couldRaiseRedFlag,
  }));
}

// A red flag is never assumed in the range, so its question may leave 0 points open: the answers say why it counts.
function answersText(question: OpenQuestion): string {
  const points =
    question.best === question.worst
      ? formatPoints(question.best)
      : `${formatPoints(question.best)} to ${formatPoints(question.worst)}`;
  return question.couldRaiseRedFlag ? `${points}, or a red flag` : points;
}

/** "5 open questions, 1 could raise a red flag". */
export function questionsSummary(questions: readonly OpenQuestion[]): string {
  const flags = questions.filter((question) => question.couldRaiseRedFlag).length;
  const count = `${questions.length} open question${questions.length === 1 ? '' : 's'}`;
  return flags ? `${count}, ${flags} could raise a red flag` : count;
}

/** The service's priority reason ("high assessed tier, score 20") as a sentence. */
export function priorityReasonText(reason: string): string {
  const text = reason.trim();
  if (!text) {
    return text;
  }
  const sentence = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

/**
 * The expected score from the rule set's priors, with what it rests on: "expected 38 from the rule set's priors
 * for 2 open questions (source: ...)"; undefined when the rules give no prior for this supplier.
 */
export function expectedText(uncertainty: AssessmentUncertainty): string | undefined {
  const { expected } = uncertainty;
  if (!expected) {
    return undefined;
  }
  const sources = [
    ...new Set(
      uncertainty.openQuestions.flatMap((q) =>
        q.expected !== undefined && q.priorSource ? [q.priorSource] : [],
      ),
    ),
  ];
  const questions = `${expected.questions} open question${expected.questions === 1 ? '' : 's'}`;
  return `Expected ${formatScore(expected.score)} from the rule set's priors for ${questions}, not counted in the score or tier${
    sources.length > 0 ? ` (source: ${sources.join('; ')})` : ''
  }.`;
}
