import type {
  CompiledCondition,
  CompiledGoodsLookup,
  CompiledIndicator,
  CompiledRuleSet,
  EvaluationContext,
  TruthValue,
} from '../../rules/domain/compiled-rule-set.js';
import { isCalendarDate, parseIsoDate } from '../../common/dates/iso-date.js';
import { SUPPLIER_FIELDS } from '../../suppliers/domain/supplier-fields.js';
import { SECTORS, type SupplierField, type SupplierRecord } from '../../suppliers/domain/supplier-record.js';
import {
  RISK_TIERS,
  type AssessmentResult,
  type AssessmentUncertainty,
  type ConfidenceLevel,
  type OpenQuestion,
  type Contribution,
  type MissingDatum,
  type RedFlag,
  type RiskTier,
} from './assessment-result.js';
import { countryAsListed } from './country-names.js';
import { ScoringError } from './scoring-error.js';
import { SCREENING_ACTIONS, screeningRedFlags, type ScreeningFindings } from './screening-findings.js';

// The pure scoring engine: (supplier, compiled rule set, assessment date) -> assessment.
//
//   risk     = sum over risk categories of min(category cap, sum of its indicators' points)
//   floor    = the part of risk that comes from inherent categories (country, sector, goods ...)
//   relief   = min(sum over mitigation categories of min(cap, reductions), risk - floor)
//   score    = min(100, risk - relief)
//   tier     = the worse of the tier the score reaches and every red flag's minimum tier
//
// The score counts known facts only. An indicator that cannot be decided because a field it reads is missing (or
// a reference table does not cover the country) adds nothing to it: it is an open question, with the points its
// best and its worst answer would add. The range is the same formula with every open question at its best and
// at its worst answer; red flags are never assumed, so an answer that would raise one is left out of the range and
// the question says it could raise one. Docs: docs/scoring.md.
// All arithmetic is in hundredths of a point, so sums, caps and floors are exact.

export interface CategoryBreakdown {
  id: string;
  title: string;
  cap: number;
  /** Points before the cap. */
  uncapped: number;
  /** Points after the cap (for a mitigation category: the reduction before the floor). */
  points: number;
  inherent: boolean;
  mitigation: boolean;
}

export interface ScoreBreakdown {
  /** Inherent risk after caps: mitigation never takes the score below it. */
  inherentFloor: number;
  /** All risk points after category caps, before mitigation and the 0-100 clamp. */
  riskPoints: number;
  /** Points mitigation actually took off. */
  mitigationPoints: number;
  categories: CategoryBreakdown[];
}

export interface ScoredSupplier {
  result: AssessmentResult;
  breakdown: ScoreBreakdown;
}

type Status = 'hit' | 'unknown' | 'not-found';

/**
 * What one indicator found for one supplier. Indicators decided with nothing to add produce no outcome; an
 * undecided one ("unknown", or "not-found" in a reference table) has the points of its best and worst answers.
 */
interface Outcome {
  indicator: CompiledIndicator;
  status: Status;
  /** Known risk points or mitigation reduction, in hundredths, before caps. */
  raw: number;
  counted: number;
  /** What the indicator adds once its open part is answered at best and at worst (equal to raw when decided). */
  best: number;
  worst: number;
  /** An answer to its open part could raise a red flag. */
  flagOpen: boolean;
  evidence: string;
  missingFields: readonly SupplierField[];
  redFlag: boolean;
  /** The rule file's prior for its open part (between best and worst), when one applies to the supplier. */
  prior?: number;
}

type Values = Map<SupplierField, unknown>;

interface RenderContext {
  points: number;
  value?: string;
  row?: readonly string[];
  good?: string;
  product?: string;
}

const TIER_RANK = new Map<RiskTier, number>(RISK_TIERS.map((tier, index) => [tier, index]));
const NO_FIELDS: readonly SupplierField[] = [];
const PRODUCTS: readonly SupplierField[] = ['products'];

export { compareByPriority, priorityScore } from './priority.js';

/** `screening`: the supplier's confirmed enforcement-list hits, each a critical red flag citing the list. */
export function scoreSupplier(
  supplier: SupplierRecord,
  rules: CompiledRuleSet,
  assessmentDate: string,
  screening?: ScreeningFindings,
): AssessmentResult {
  return assess(supplier, rules, assessmentDate, false, screening).result;
}

/** The assessment plus the category totals and floor behind it (for reports and tests). */
export function explainSupplierScore(
  supplier: SupplierRecord,
  rules: CompiledRuleSet,
  assessmentDate: string,
  screening?: ScreeningFindings,
): ScoredSupplier {
  return assess(supplier, rules, assessmentDate, true, screening);
}

function assess(
  supplier: SupplierRecord,
  rules: CompiledRuleSet,
  assessmentDate: string,
  withBreakdown: boolean,
  screening: ScreeningFindings | undefined,
): ScoredSupplier {
  const context = evaluationContext(assessmentDate);
  const values: Values = new Map();
  let present = 0;
  for (const field of rules.fieldsRead) {
    const value = rules.readField(supplier, field);
    values.set(field, value);
    present += value === undefined ? 0 : 1;
  }

  // Outcomes are gathered category by category (report order), rule order within each.
  const outcomes: Outcome[] = [];
  const categories: CategoryBreakdown[] = [];
  const spans: CategorySpan[] = [];
  let risk = 0;
  let floor = 0;
  let nominalRelief = 0;
  for (const category of rules.categories) {
    const first = outcomes.length;
    for (const index of category.indicatorIndexes) {
      const outcome = evaluate(rules.indicators[index], supplier, values, rules, context);
      if (outcome) {
        withPrior(outcome, supplier);
        outcomes.push(outcome);
      }
    }
    const points = applyCap(outcomes, first, category.capCentipoints, category.definition.title);
    if (category.definition.mitigation) {
      nominalRelief += points;
    } else {
      risk += points;
      floor += category.definition.inherent ? points : 0;
    }
    spans.push(categorySpan(category, outcomes, first, supplier, values, rules, context));
    if (!withBreakdown) {
      continue;
    }
    let uncapped = 0;
    for (let i = first; i < outcomes.length; i++) {
      uncapped += outcomes[i].raw;
    }
    categories.push({
      id: category.definition.id,
      title: category.definition.title,
      cap: category.capCentipoints / 100,
      uncapped: uncapped / 100,
      points: points / 100,
      inherent: category.definition.inherent,
      mitigation: category.definition.mitigation,
    });
  }
  const relief = Math.min(nominalRelief, risk - floor);
  limitRelief(outcomes, relief, floor);
  const score = Math.min(10000, Math.max(0, risk - relief)) / 100;

  const redFlags: RedFlag[] = [];
  for (const outcome of outcomes) {
    if (outcome.redFlag && outcome.indicator.redFlagTier !== undefined) {
      redFlags.push({
        indicatorId: outcome.indicator.definition.id,
        title: outcome.indicator.definition.title,
        minimumTier: outcome.indicator.redFlagTier,
        evidence: outcome.evidence,
      });
    }
  }
  // A confirmed enforcement-list hit is a fact about the supplier like any rule's red flag.
  const listed = screeningRedFlags(screening);
  redFlags.push(...listed);
  const pointsTier = tierForScore(score, rules);
  const tier = redFlags.reduce<RiskTier>((worst, flag) => worse(worst, flag.minimumTier), pointsTier);
  const actions = recommendedActions(outcomes);
  const listedActions = [...new Set(screening?.confirmed.map((listing) => SCREENING_ACTIONS[listing.list]))];

  const result: AssessmentResult = {
    score,
    tier,
    pointsTier,
    contributions: contributions(outcomes, rules),
    redFlags,
    missingData: missingData(outcomes),
    recommendedActions: listedActions.length > 0 ? [...listedActions, ...actions] : actions,
    dataCompleteness:
      rules.fieldsRead.length === 0 ? 1 : Math.round((present / rules.fieldsRead.length) * 1000) / 1000,
    ruleSetHash: rules.hash,
    assessmentDate,
    uncertainty: uncertainty(outcomes, spans, rules, tier),
  };
  return {
    result,
    breakdown: {
      inherentFloor: floor / 100,
      riskPoints: risk / 100,
      mitigationPoints: relief / 100,
      categories,
    },
  };
}

/** A category's points at the best and at the worst answers of its open questions (before its cap). */
interface CategorySpan {
  cap: number;
  inherent: boolean;
  mitigation: boolean;
  best: number;
  worst: number;
  /** With each open question at its prior where the rules give one, else as assessed. */
  expected: number;
  /** When two open questions of the category read one unknown field: the category's points at each of its values. */
  joint?: { field: SupplierField; values: JointValue[] };
}

/** The category's points, before its cap, with the shared field set to one value; `flag`: that value raises one. */
interface JointValue {
  best: number;
  worst: number;
  flag: boolean;
}

/** An open outcome takes the prior its indicator gives for the supplier's country and sector, within its answers. */
function withPrior(outcome: Outcome, supplier: SupplierRecord): void {
  const prior = outcome.indicator.prior?.expected(supplier.country, supplier.sector);
  if (prior === undefined || (outcome.best === outcome.worst && !outcome.flagOpen)) {
    return;
  }
  outcome.prior = Math.min(
    Math.max(prior, Math.min(outcome.best, outcome.worst)),
    Math.max(outcome.best, outcome.worst),
  );
}

function categorySpan(
  category: CompiledRuleSet['categories'][number],
  outcomes: readonly Outcome[],
  first: number,
  supplier: SupplierRecord,
  values: Values,
  rules: CompiledRuleSet,
  context: EvaluationContext,
): CategorySpan {
  let best = 0;
  let worst = 0;
  let expected = 0;
  for (let i = first; i < outcomes.length; i++) {
    best += outcomes[i].best;
    worst += outcomes[i].worst;
    expected += outcomes[i].prior ?? outcomes[i].raw;
  }
  const span = {
    cap: category.capCentipoints,
    inherent: category.definition.inherent,
    mitigation: category.definition.mitigation,
    best,
    worst,
    expected,
  };
  const joint = sharedUnknownField(outcomes, first);
  if (joint && !category.definition.mitigation) {
    // Two open questions of the category read the same unknown field (sector and sub-sector): their best and
    // worst answers must agree on it, so each of the field's values is tried.
    const perValue = jointValues(category, joint, supplier, values, rules, context);
    span.best = Math.min(...perValue.map((value) => Math.min(value.best, category.capCentipoints)));
    span.worst = Math.max(...perValue.map((value) => Math.min(value.worst, category.capCentipoints)));
    return { ...span, joint: { field: joint, values: perValue } };
  }
  return span;
}

/** A field with few values that two undecided outcomes of one category both miss, if any. */
function sharedUnknownField(outcomes: readonly Outcome[], first: number): SupplierField | undefined {
  // Most categories have at most one open outcome: compare fields pairwise only when two miss something.
  for (let i = first; i < outcomes.length; i++) {
    for (const field of outcomes[i].missingFields) {
      for (let j = i + 1; j < outcomes.length; j++) {
        if (outcomes[j].missingFields.includes(field) && fieldDomain(field) !== undefined) {
          return field;
        }
      }
    }
  }
  return undefined;
}

function fieldDomain(field: SupplierField): readonly unknown[] | undefined {
  const type = SUPPLIER_FIELDS[field].type;
  return type === 'sector' ? SECTORS : type === 'boolean' ? BOOLEANS : undefined;
}

const BOOLEANS = [true, false] as const;

function jointValues(
  category: CompiledRuleSet['categories'][number],
  field: SupplierField,
  supplier: SupplierRecord,
  values: Values,
  rules: CompiledRuleSet,
  context: EvaluationContext,
): JointValue[] {
  const assigned: Values = new Map(values);
  return (fieldDomain(field) ?? []).map((value) => {
    assigned.set(field, value);
    const points: JointValue = { best: 0, worst: 0, flag: false };
    for (const index of category.indicatorIndexes) {
      const outcome = evaluate(rules.indicators[index], supplier, assigned, rules, context);
      if (outcome && outcome.redFlag && outcome.indicator.redFlagTier !== undefined) {
        points.flag = true;
      } else if (outcome) {
        points.best += outcome.best;
        points.worst += outcome.worst;
      }
    }
    return points;
  });
}

/** Score = risk - min(relief, risk - floor), all capped per category, at each span's best or worst. */
function scoreAt(spans: readonly CategorySpan[], end: 'best' | 'worst' | 'expected'): number {
  let risk = 0;
  let floor = 0;
  let relief = 0;
  for (const span of spans) {
    const points = Math.min(span.cap, span[end]);
    if (span.mitigation) {
      relief += points;
    } else {
      risk += points;
      floor += span.inherent ? points : 0;
    }
  }
  return Math.min(10000, Math.max(0, risk - Math.min(relief, risk - floor)));
}

const CONFIDENCE_HIGH = 0.8;
const CONFIDENCE_MEDIUM = 0.5;

export function confidenceLevel(confidence: number): ConfidenceLevel {
  return confidence >= CONFIDENCE_HIGH ? 'high' : confidence >= CONFIDENCE_MEDIUM ? 'medium' : 'low';
}

function uncertainty(
  outcomes: readonly Outcome[],
  spans: CategorySpan[],
  rules: CompiledRuleSet,
  tier: RiskTier,
): AssessmentUncertainty {
  // A mitigation's best answer takes points off: the low end uses its "best", which is the larger reduction.
  const low = scoreAt(spans, 'best');
  const high = scoreAt(spans, 'worst');
  const settled = tierRank(low / 100, rules) === tierRank(high / 100, rules);
  // Fixing one question at an answer moves each end of the range by at most the distance to that answer (the score
  // formula changes by no more than a span does), and one end not at all when the answer is one of its extremes.
  // So a question can settle the tier only if its spread can bring each end into the other end's tier.
  const lowRank = tierRank(low / 100, rules);
  const highRank = tierRank(high / 100, rules);
  const couldSettle = (spread: number): boolean =>
    spread > 0 &&
    tierRank((low + spread) / 100, rules) >= highRank &&
    tierRank((high - spread) / 100, rules) <= lowRank;
  let open = 0;
  const questions: OpenQuestion[] = [];
  for (const outcome of outcomes) {
    if (outcome.best === outcome.worst && !outcome.flagOpen) {
      continue;
    }
    const indicator = outcome.indicator;
    const spread = Math.abs(outcome.worst - outcome.best);
    open += outcome.flagOpen ? Math.max(spread, indicator.stake) : spread;
    // What answering it would narrow: the range with this question settled at the answer that closes its side.
    const span = spans[indicator.categoryIndex];
    let openPoints = 0;
    if (span && spread > 0) {
      if (indicator.kind === 'mitigation') {
        span.best -= spread;
        openPoints = scoreAt(spans, 'best') - low;
        span.best += spread;
      } else {
        span.worst -= spread;
        openPoints = high - scoreAt(spans, 'worst');
        span.worst += spread;
      }
    }
    // A mitigation's answers take points off: shown negative, as its contributions are (0, not -0).
    const sign = indicator.kind === 'mitigation' ? -1 : 1;
    const question: OpenQuestion = {
      indicatorId: indicator.definition.id,
      title: indicator.definition.title,
      fields: outcome.missingFields.slice(),
      followUp: questionFollowUp(indicator, outcome.missingFields),
      best: (outcome.best > 0 ? sign * outcome.best : outcome.best) / 100,
      worst: (outcome.worst > 0 ? sign * outcome.worst : outcome.worst) / 100,
      openPoints: Math.max(0, openPoints) / 100,
      couldRaiseRedFlag: outcome.flagOpen,
      settlesTier:
        !settled && couldSettle(spread) && span !== undefined && settlesTier(spans, span, outcome, rules),
    };
    if (outcome.prior !== undefined) {
      question.expected = (outcome.prior > 0 ? sign * outcome.prior : outcome.prior) / 100;
      question.priorSource = indicator.prior?.source ?? '';
    }
    questions.push(question);
  }
  questions.sort(
    (a, b) =>
      Number(b.couldRaiseRedFlag) - Number(a.couldRaiseRedFlag) ||
      b.openPoints - a.openPoints ||
      Math.abs(b.worst - b.best) - Math.abs(a.worst - a.best),
  );
  const confidence =
    rules.totalStake === 0 ? 1 : Math.round(Math.max(0, 1 - open / rules.totalStake) * 1000) / 1000;
  const reach = worse(tierForScore(high / 100, rules), tier);
  let priors = 0;
  for (const outcome of outcomes) {
    priors += outcome.prior === undefined ? 0 : 1;
  }
  return {
    range: { low: low / 100, high: high / 100 },
    ...(priors > 0 ? { expected: { score: scoreAt(spans, 'expected') / 100, questions: priors } } : {}),
    confidence,
    confidenceLevel: confidenceLevel(confidence),
    ...(reach !== tier ? { couldReach: reach } : {}),
    openQuestions: questions,
  };
}

/**
 * Whether answering this one question, the supplier's other unknowns left as they are, puts the whole range in one
 * tier whatever the answer: each answer the indicator can give without a red flag between its best and worst is
 * put in place of the open one in its category's span, caps and floor applied.
 */
function settlesTier(
  spans: CategorySpan[],
  span: CategorySpan,
  outcome: Outcome,
  rules: CompiledRuleSet,
): boolean {
  const least = Math.min(outcome.best, outcome.worst);
  const most = Math.max(outcome.best, outcome.worst);
  const { best, worst } = span;
  const inOneTier = (): boolean =>
    tierRank(scoreAt(spans, 'best') / 100, rules) === tierRank(scoreAt(spans, 'worst') / 100, rules);
  const oneTier = (answer: number): boolean => {
    span.best = best - outcome.best + answer;
    span.worst = worst - outcome.worst + answer;
    return inOneTier();
  };
  try {
    if (span.joint && outcome.missingFields.includes(span.joint.field)) {
      // Answering the shared field answers the category's other questions on it too: each value is tried whole.
      return span.joint.values.every((value) => {
        span.best = value.best;
        span.worst = value.worst;
        return value.flag || inOneTier();
      });
    }
    if (!oneTier(least) || !oneTier(most)) {
      return false;
    }
    for (const answer of outcome.indicator.answers) {
      if (answer > least && answer < most && !oneTier(answer)) {
        return false;
      }
    }
    return true;
  } finally {
    span.best = best;
    span.worst = worst;
  }
}

/**
 * What to ask for an open indicator: its follow-up for the first field it misses; with no field missing, the gap is
 * in a reference table that does not cover the supplier's country.
 */
export function questionFollowUp(indicator: CompiledIndicator, fields: readonly string[]): string {
  const field = fields[0] as SupplierField | undefined;
  if (field !== undefined) {
    return texts(indicator).followUp(field);
  }
  return indicator.kind === 'country-lookup' || indicator.kind === 'goods-lookup'
    ? `${indicator.table.title} (${indicator.table.edition}) has no value for the supplier's country: the indicator stays open until the table covers it`
    : indicator.followUp || indicator.definition.title;
}

// Whole portfolios are scored for one date: keep the last one parsed.
let lastContext: { date: string; context: EvaluationContext } | undefined;

function evaluationContext(assessmentDate: string): EvaluationContext {
  if (lastContext?.date === assessmentDate) {
    return lastContext.context;
  }
  const date = isCalendarDate(assessmentDate) ? parseIsoDate(assessmentDate) : undefined;
  if (!date) {
    throw new ScoringError(
      'INVALID_ASSESSMENT_DATE',
      `The assessment date must be a calendar date written YYYY-MM-DD, got "${assessmentDate}"`,
    );
  }
  const context = { ...date, yyyymmdd: date.year * 10000 + date.month * 100 + date.day };
  lastContext = { date: assessmentDate, context };
  return context;
}

export function tierForScore(score: number, rules: Pick<CompiledRuleSet, 'thresholds'>): RiskTier {
  return RISK_TIERS[tierRank(score, rules)];
}

/** The tier's place in RISK_TIERS (low 0 .. critical 3), without naming it. */
function tierRank(score: number, rules: Pick<CompiledRuleSet, 'thresholds'>): number {
  const { medium, high, critical } = rules.thresholds;
  return score >= critical ? 3 : score >= high ? 2 : score >= medium ? 1 : 0;
}

function worse(a: RiskTier, b: RiskTier): RiskTier {
  return (TIER_RANK.get(a) ?? 0) >= (TIER_RANK.get(b) ?? 0) ? a : b;
}

/** Shares the cap among the category's outcomes (from `first` on) in rule order and notes any cut in the evidence. */
function applyCap(outcomes: Outcome[], first: number, cap: number, categoryTitle: string): number {
  let remaining = cap;
  for (let i = first; i < outcomes.length; i++) {
    const outcome = outcomes[i];
    outcome.counted = Math.min(outcome.raw, remaining);
    remaining -= outcome.counted;
    if (outcome.counted < outcome.raw) {
      outcome.evidence += capNote(outcome.counted, outcome.raw, cap, categoryTitle);
    }
  }
  return cap - remaining;
}

const capNotes = new Map<string, Map<number, string>>();

/** The note added to evidence whose points a category cap cut (all figures in hundredths of a point). */
export function capNote(counted: number, raw: number, cap: number, categoryTitle: string): string {
  let notes = capNotes.get(categoryTitle);
  if (!notes) {
    notes = new Map();
    capNotes.set(categoryTitle, notes);
  }
  // Centipoints stay below 10^5, so the three fit one exact number.
  const key = (counted * 1e5 + raw) * 1e5 + cap;
  let note = notes.get(key);
  if (note === undefined) {
    note = ` (${formatPoints(counted)} of ${formatPoints(raw)} points counted: ${categoryTitle} is capped at ${formatPoints(cap)})`;
    notes.set(key, note);
  }
  return note;
}

function limitRelief(outcomes: Outcome[], relief: number, floor: number): void {
  let remaining = relief;
  for (const outcome of outcomes) {
    if (outcome.indicator.kind !== 'mitigation' || outcome.counted === 0) {
      continue;
    }
    const applied = Math.min(outcome.counted, remaining);
    remaining -= applied;
    if (applied < outcome.counted) {
      outcome.evidence += ` (${formatPoints(applied)} of ${formatPoints(outcome.counted)} points taken off: mitigation cannot go below the inherent-risk floor of ${formatPoints(floor)})`;
    }
    outcome.counted = applied;
  }
}

function evaluate(
  indicator: CompiledIndicator,
  supplier: SupplierRecord,
  values: Values,
  rules: CompiledRuleSet,
  context: EvaluationContext,
): Outcome | undefined {
  switch (indicator.kind) {
    case 'condition': {
      const truth = evaluateCondition(indicator.when, values, context);
      if (truth === 'false') {
        return undefined;
      }
      if (truth === 'unknown') {
        return openOutcome(indicator, values);
      }
      return hitOutcome(
        indicator,
        supplier,
        rules,
        { points: indicator.centipoints },
        indicator.redFlagTier !== undefined,
      );
    }
    case 'mitigation': {
      const truth = evaluateCondition(indicator.when, values, context);
      if (truth === 'false') {
        return undefined;
      }
      // Missing evidence never earns a reduction: at best it would, once it is on record.
      return truth === 'unknown'
        ? openOutcome(indicator, values)
        : hitOutcome(indicator, supplier, rules, { points: indicator.reductionCentipoints }, false);
    }
    case 'scale': {
      const value = values.get(indicator.field);
      if (value === undefined) {
        return openOutcome(indicator, values);
      }
      const band = indicator.band(value);
      if (!band) {
        return notFoundOutcome(
          indicator,
          `${indicator.definition.title}: ${formatValue(value)} is outside every band`,
        );
      }
      return band.centipoints > 0 || band.redFlag
        ? hitOutcome(
            indicator,
            supplier,
            rules,
            { points: band.centipoints, value: formatValue(value) },
            band.redFlag,
          )
        : undefined;
    }
    case 'country-lookup': {
      const country = values.get('country');
      if (typeof country !== 'string') {
        return openOutcome(indicator, values);
      }
      const row = indicator.rows.get(country.trim().toUpperCase());
      const cell = row?.[indicator.columnIndex] ?? '';
      const band = row && cell !== '' ? indicator.band(cell) : undefined;
      if (!row || !band) {
        const what = row ? `"${indicator.table.columns[indicator.columnIndex]}" value` : 'entry';
        return notFoundOutcome(
          indicator,
          `${indicator.definition.title}: ${country} has no ${what} in ${indicator.table.title} (${indicator.table.edition})`,
        );
      }
      return band.centipoints > 0 || band.redFlag
        ? hitOutcome(indicator, supplier, rules, { points: band.centipoints, value: cell, row }, band.redFlag)
        : undefined;
    }
    case 'goods-lookup':
      return evaluateGoods(indicator, supplier, values, rules);
  }
}

/**
 * The listed good that weighs most decides (the first product wins a tie). With no product on record that names a
 * good, the supplier's sector is the evidence (goods.yaml "sectors:"): its goods count, and the products stay open
 * both ways, since a product on record replaces the sector as evidence. Products the goods table does not know at
 * all, or no products on record, leave the indicator open up to the worst good listed for the country.
 */
function evaluateGoods(
  indicator: CompiledGoodsLookup,
  supplier: SupplierRecord,
  values: Values,
  rules: CompiledRuleSet,
): Outcome | undefined {
  const country = values.get('country');
  const products = values.get('products');
  if (typeof country !== 'string') {
    return openOutcome(indicator, values);
  }
  const alpha2 = country.trim().toUpperCase();
  const byGood = indicator.rows.get(alpha2);
  if (!byGood) {
    return undefined;
  }
  let best: (RenderContext & { redFlag: boolean }) | undefined;
  let unrecognised = !Array.isArray(products);
  let matches = Array.isArray(products) ? indicator.matchGoods(products as string[]) : [];
  if (Array.isArray(products)) {
    unrecognised = (products as string[]).some((product) => !matches.some((m) => m.product === product));
  }
  const fromSector = matches.length === 0 ? sectorEvidence(supplier, rules) : undefined;
  if (fromSector) {
    matches = fromSector.goods.map((good) => ({ good, product: fromSector.label }));
  }
  for (const match of matches) {
    const row = byGood.get(match.good);
    const cell = row?.[indicator.columnIndex];
    const band = row && cell ? indicator.band(cell) : undefined;
    // A red flag is a fact about the site: a sector is never evidence enough for one.
    if (!band || (fromSector && band.redFlag)) {
      continue;
    }
    if (
      !best ||
      band.centipoints > best.points ||
      (band.centipoints === best.points && band.redFlag && !best.redFlag)
    ) {
      best = {
        points: band.centipoints,
        redFlag: band.redFlag,
        value: cell,
        row,
        good: match.good,
        product: match.product,
      };
    }
  }
  const known = best && (best.points > 0 || best.redFlag) ? best : undefined;
  const listed = indicator.countryWorst.get(alpha2);
  const worst = Math.max(known?.points ?? 0, unrecognised ? (listed?.worst ?? 0) : 0);
  const flagOpen = unrecognised && listed?.flag === true && known?.redFlag !== true;
  if (!known) {
    if (worst === 0 && !flagOpen) {
      return undefined;
    }
    const outcome = openOutcome(indicator, values);
    outcome.worst = worst;
    outcome.best = Math.min(outcome.best, worst);
    outcome.flagOpen = flagOpen;
    if (Array.isArray(products)) {
      // Products on record that the goods table does not know: the question is what they are.
      outcome.status = 'not-found';
      outcome.evidence = unrecognisedText(indicator, products as string[]);
      outcome.missingFields = PRODUCTS;
    }
    return outcome;
  }
  const outcome = hitOutcome(indicator, supplier, rules, known, known.redFlag);
  outcome.worst = worst;
  outcome.flagOpen = flagOpen;
  if (fromSector) {
    // Products that name a good not listed for the country would replace the sector's evidence.
    outcome.best = Math.min(indicator.unknownBest, known.points);
    outcome.missingFields = PRODUCTS;
  }
  return outcome;
}

interface SectorEvidence {
  goods: readonly string[];
  label: string;
}

// Sector evidence depends only on the rule set and the (sector, sub-sector) pair: worked out once per pair.
const sectorEvidenceCache = new WeakMap<CompiledRuleSet, Map<string, SectorEvidence | null>>();
const SECTOR_EVIDENCE_CACHE_LIMIT = 10_000;

/** The listed goods the supplier's sector (or sub-sector) is evidence of, and how evidence names it. */
function sectorEvidence(supplier: SupplierRecord, rules: CompiledRuleSet): SectorEvidence | undefined {
  if (supplier.sector === undefined) {
    return undefined;
  }
  let cache = sectorEvidenceCache.get(rules);
  if (!cache) {
    cache = new Map();
    sectorEvidenceCache.set(rules, cache);
  }
  const key =
    supplier.subSector === undefined ? supplier.sector : `${supplier.sector}\u0000${supplier.subSector}`;
  const cached = cache.get(key);
  if (cached !== undefined) {
    return cached ?? undefined;
  }
  const goods = rules.goodsOfSector(supplier.sector, supplier.subSector);
  const sector = supplier.subSector ? `${supplier.sector}/${supplier.subSector}` : supplier.sector;
  const evidence =
    goods.length === 0 ? null : { goods, label: `${sector} (sector; no product on record names a good)` };
  if (cache.size >= SECTOR_EVIDENCE_CACHE_LIMIT) {
    cache.clear();
  }
  cache.set(key, evidence);
  return evidence ?? undefined;
}

function unrecognisedText(indicator: CompiledGoodsLookup, products: readonly string[]): string {
  return `${indicator.definition.title}: the products on record (${products.join(', ')}) name no good of the ${indicator.table.title}; record what the supplier makes in plain words`;
}

function hitOutcome(
  indicator: CompiledIndicator,
  supplier: SupplierRecord,
  rules: CompiledRuleSet,
  render: RenderContext,
  redFlag: boolean,
): Outcome {
  return {
    indicator,
    status: 'hit',
    raw: render.points,
    counted: 0,
    best: render.points,
    worst: render.points,
    flagOpen: false,
    evidence: renderTemplate(indicator, supplier, rules, render),
    missingFields: NO_FIELDS,
    redFlag,
  };
}

/** A reference table that does not cover the supplier's country: open, but nothing to ask the supplier. */
function notFoundOutcome(indicator: CompiledIndicator, evidence: string): Outcome {
  return {
    indicator,
    status: 'not-found',
    raw: 0,
    counted: 0,
    best: indicator.unknownBest,
    worst: Math.max(indicator.unknownBest, indicator.unknownWorst),
    flagOpen: indicator.flagPossible,
    evidence,
    missingFields: NO_FIELDS,
    redFlag: false,
  };
}

/** An indicator that cannot be decided because fields it reads are missing: adds nothing, leaves a question. */
function openOutcome(indicator: CompiledIndicator, values: Values): Outcome {
  const missingFields = indicator.fields.filter((field) => values.get(field) === undefined);
  return {
    indicator,
    status: 'unknown',
    raw: 0,
    counted: 0,
    best: indicator.unknownBest,
    worst:
      indicator.kind === 'mitigation'
        ? indicator.unknownWorst
        : Math.max(indicator.unknownBest, indicator.unknownWorst),
    flagOpen: indicator.flagPossible,
    evidence: '',
    missingFields,
    redFlag: false,
  };
}

/** Kleene three-valued logic: a missing value is "unknown", not "no". */
function evaluateCondition(
  condition: CompiledCondition,
  values: Values,
  context: EvaluationContext,
): TruthValue {
  if (condition.kind === 'atom') {
    const value = values.get(condition.field);
    switch (condition.mode) {
      case 'missing':
        return value === undefined ? 'true' : 'false';
      case 'present':
        return value === undefined ? 'false' : 'true';
      case 'value':
        return value === undefined ? 'unknown' : condition.test(value, context) ? 'true' : 'false';
    }
  }
  let sawUnknown = false;
  for (const child of condition.children) {
    const truth = evaluateCondition(child, values, context);
    if (condition.kind === 'all' && truth === 'false') {
      return 'false';
    }
    if (condition.kind === 'any' && truth === 'true') {
      return 'true';
    }
    sawUnknown ||= truth === 'unknown';
  }
  return sawUnknown ? 'unknown' : condition.kind === 'all' ? 'true' : 'false';
}

function renderTemplate(
  indicator: CompiledIndicator,
  supplier: SupplierRecord,
  rules: CompiledRuleSet,
  context: RenderContext,
): string {
  let text = '';
  for (const part of indicator.evidence) {
    if (typeof part === 'string') {
      text += part;
      continue;
    }
    switch (part.kind) {
      case 'field':
        text += formatValue(rules.readField(supplier, part.field));
        break;
      case 'points':
        text += formatPoints(context.points);
        break;
      case 'title':
        text += indicator.definition.title;
        break;
      case 'value':
        text += context.value ?? '';
        break;
      case 'good':
        text += context.good ?? '';
        break;
      case 'product':
        text += context.product ?? '';
        break;
      case 'row':
        text += rowText(indicator, context.row, part.column);
        break;
      case 'table':
      case 'edition':
      case 'publisher':
        text += tableText(indicator, part.kind);
        break;
    }
  }
  return text;
}

/** A reference row's cell; its country in Vigil's name, the table's own quoted when it is another name. */
function rowText(indicator: CompiledIndicator, row: readonly string[] | undefined, column: number): string {
  const cell = row?.[column] ?? '';
  if (!row || (indicator.kind !== 'country-lookup' && indicator.kind !== 'goods-lookup')) {
    return cell;
  }
  const { columns } = indicator.table;
  const alpha2 = row[columns.indexOf('alpha2')];
  return columns[column] === 'country' && alpha2 ? countryAsListed(alpha2, cell) : cell;
}

function tableText(indicator: CompiledIndicator, kind: 'table' | 'edition' | 'publisher'): string {
  if (indicator.kind !== 'country-lookup' && indicator.kind !== 'goods-lookup') {
    return '';
  }
  return kind === 'table' ? indicator.table.title : indicator.table[kind];
}

/** The same sentences repeat for every supplier with the same gap: build each once per indicator. */
class IndicatorTexts {
  private readonly unknown = new Map<string, string>();
  private readonly followUps = new Map<SupplierField, string>();

  constructor(private readonly indicator: CompiledIndicator) {}

  unknownEvidence(missing: readonly SupplierField[], raw: number): string {
    const key = missing.length === 1 ? missing[0] : missing.join(',');
    let text = this.unknown.get(key);
    if (text === undefined) {
      const labels = missing.map((field) => SUPPLIER_FIELDS[field].sentenceLabel).join(', ');
      text = `${this.indicator.definition.title}: unknown (no ${labels} on record); ${pointsPhrase(raw)} charged until it is known`;
      this.unknown.set(key, text);
    }
    return text;
  }

  followUp(field: SupplierField): string {
    let text = this.followUps.get(field);
    if (text === undefined) {
      text = this.indicator.followUp || `Ask the supplier for the ${SUPPLIER_FIELDS[field].sentenceLabel}.`;
      this.followUps.set(field, text);
    }
    return text;
  }
}

const indicatorTexts = new WeakMap<CompiledIndicator, IndicatorTexts>();

/** The evidence sentence of an indicator charged because `missing` fields are unknown (before any cap note). */
export function unknownEvidenceText(
  indicator: CompiledIndicator,
  missing: readonly SupplierField[],
  centipoints: number,
): string {
  return texts(indicator).unknownEvidence(missing, centipoints);
}

/** What the compliance officer is asked to collect for a field the indicator could not read. */
export function followUpText(indicator: CompiledIndicator, field: SupplierField): string {
  return texts(indicator).followUp(field);
}

function texts(indicator: CompiledIndicator): IndicatorTexts {
  let found = indicatorTexts.get(indicator);
  if (!found) {
    found = new IndicatorTexts(indicator);
    indicatorTexts.set(indicator, found);
  }
  return found;
}

function formatValue(value: unknown): string {
  if (value === undefined) {
    return 'unknown';
  }
  if (Array.isArray(value)) {
    return value.join(', ');
  }
  if (typeof value === 'boolean') {
    return value ? 'yes' : 'no';
  }
  return typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
}

function formatPoints(centipoints: number): string {
  return String(centipoints / 100);
}

function pointsPhrase(centipoints: number): string {
  return `${formatPoints(centipoints)} ${centipoints === 100 ? 'point' : 'points'}`;
}

function contributions(outcomes: Outcome[], rules: CompiledRuleSet): Contribution[] {
  const listed = outcomes.filter((outcome) => outcome.raw > 0);
  return listed.map((outcome) => {
    const mitigation = outcome.indicator.kind === 'mitigation';
    const category = rules.categories[outcome.indicator.categoryIndex].definition;
    return {
      indicatorId: outcome.indicator.definition.id,
      title: outcome.indicator.definition.title,
      category: category.id,
      // A mitigation held back to 0 by the floor reads 0, not -0.
      points: mitigation && outcome.counted > 0 ? -outcome.counted / 100 : outcome.counted / 100,
      evidence: outcome.evidence,
      missingData: outcome.status === 'unknown' || outcome.status === 'not-found',
    };
  });
}

function missingData(outcomes: Outcome[]): MissingDatum[] {
  const data: MissingDatum[] = [];
  for (const outcome of outcomes) {
    for (const field of outcome.missingFields) {
      data.push({
        field,
        indicatorId: outcome.indicator.definition.id,
        followUp: texts(outcome.indicator).followUp(field),
      });
    }
  }
  return data;
}

function recommendedActions(outcomes: Outcome[]): string[] {
  const actions = new Set<string>();
  // Red flags first: they are the actions to take before anything else.
  for (const redFlagPass of [true, false]) {
    for (const outcome of outcomes) {
      if (
        outcome.status === 'hit' &&
        outcome.redFlag === redFlagPass &&
        outcome.indicator.kind !== 'mitigation' &&
        (outcome.raw > 0 || outcome.redFlag)
      ) {
        outcome.indicator.definition.actions.forEach((action) => actions.add(action));
      }
    }
  }
  return [...actions];
}
