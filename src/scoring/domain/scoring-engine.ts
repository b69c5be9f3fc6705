import type {
  CompiledCondition,
  CompiledIndicator,
  CompiledRuleSet,
  EvaluationContext,
  TruthValue,
} from '../../rules/domain/compiled-rule-set.js';
import { parseIsoDate } from '../../rules/domain/compile-rule-set.js';
import { SUPPLIER_FIELDS } from '../../rules/domain/supplier-fields.js';
import type { SupplierField, SupplierRecord } from '../../suppliers/domain/supplier-record.js';
import {
  RISK_TIERS,
  type AssessmentResult,
  type Contribution,
  type MissingDatum,
  type RedFlag,
  type RiskTier,
} from './assessment-result.js';
import { ScoringError } from './scoring-error.js';

// The pure scoring engine: (supplier, compiled rule set, assessment date) -> assessment.
//
//   risk     = sum over risk categories of min(category cap, sum of its indicators' points)
//   floor    = the part of risk that comes from inherent categories (country, sector, goods ...)
//   relief   = min(sum over mitigation categories of min(cap, reductions), risk - floor)
//   score    = min(100, risk - relief)
//   tier     = the worse of the tier the score reaches and every red flag's minimum tier
//
// An indicator whose condition cannot be decided because a field it reads is missing charges its
// missingPoints, which the validator keeps at or above the most it could otherwise charge: unknown is not low risk.
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

/** What one indicator found for one supplier. Indicators that found nothing produce no outcome. */
interface Outcome {
  indicator: CompiledIndicator;
  status: Status;
  /** Risk points or mitigation reduction, in hundredths, before caps. */
  raw: number;
  counted: number;
  evidence: string;
  missingFields: readonly SupplierField[];
  redFlag: boolean;
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

export { compareByPriority, priorityScore } from './priority.js';

export function scoreSupplier(
  supplier: SupplierRecord,
  rules: CompiledRuleSet,
  assessmentDate: string,
): AssessmentResult {
  return assess(supplier, rules, assessmentDate, false).result;
}

/** The assessment plus the category totals and floor behind it (for reports and tests). */
export function explainSupplierScore(
  supplier: SupplierRecord,
  rules: CompiledRuleSet,
  assessmentDate: string,
): ScoredSupplier {
  return assess(supplier, rules, assessmentDate, true);
}

function assess(
  supplier: SupplierRecord,
  rules: CompiledRuleSet,
  assessmentDate: string,
  withBreakdown: boolean,
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
  let risk = 0;
  let floor = 0;
  let nominalRelief = 0;
  for (const category of rules.categories) {
    const first = outcomes.length;
    for (const index of category.indicatorIndexes) {
      const outcome = evaluate(rules.indicators[index], supplier, values, rules, context);
      if (outcome) {
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
  const pointsTier = tierForScore(score, rules);
  const tier = redFlags.reduce<RiskTier>((worst, flag) => worse(worst, flag.minimumTier), pointsTier);

  const result: AssessmentResult = {
    score,
    tier,
    pointsTier,
    contributions: contributions(outcomes, rules),
    redFlags,
    missingData: missingData(outcomes),
    recommendedActions: recommendedActions(outcomes),
    dataCompleteness:
      rules.fieldsRead.length === 0 ? 1 : Math.round((present / rules.fieldsRead.length) * 1000) / 1000,
    ruleSetHash: rules.hash,
    assessmentDate,
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

// Whole portfolios are scored for one date: keep the last one parsed.
let lastContext: { date: string; context: EvaluationContext } | undefined;

function evaluationContext(assessmentDate: string): EvaluationContext {
  if (lastContext?.date === assessmentDate) {
    return lastContext.context;
  }
  const date = /^\d{4}-\d{2}-\d{2}$/.test(assessmentDate) ? parseIsoDate(assessmentDate) : undefined;
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
  const { medium, high, critical } = rules.thresholds;
  return score >= critical ? 'critical' : score >= high ? 'high' : score >= medium ? 'medium' : 'low';
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
  let hasMissing = false;
  for (const field of indicator.fields) {
    hasMissing ||= values.get(field) === undefined;
  }

  switch (indicator.kind) {
    case 'condition': {
      if (evaluateCondition(indicator.when, values, context) === 'false') {
        return undefined;
      }
      // A condition that holds or cannot be decided while a field it reads is missing costs the unknown price.
      if (hasMissing) {
        return unknownOutcome(indicator, values, indicator.missingCentipoints);
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
      if (evaluateCondition(indicator.when, values, context) === 'false') {
        return undefined;
      }
      // Missing evidence never earns a reduction; it becomes follow-up work.
      return hasMissing
        ? unknownOutcome(indicator, values, 0)
        : hitOutcome(indicator, supplier, rules, { points: indicator.reductionCentipoints }, false);
    }
    case 'scale': {
      const value = values.get(indicator.field);
      if (value === undefined) {
        return unknownOutcome(indicator, values, indicator.missingCentipoints);
      }
      const band = indicator.band(value);
      if (!band) {
        const points = indicator.missingCentipoints;
        return notFoundOutcome(
          indicator,
          points,
          `${indicator.definition.title}: ${formatValue(value)} is outside every band; ${pointsPhrase(points)} charged as unknown`,
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
        return unknownOutcome(indicator, values, indicator.missingCentipoints);
      }
      const row = indicator.rows.get(country.trim().toUpperCase());
      const cell = row?.[indicator.columnIndex] ?? '';
      const band = row && cell !== '' ? indicator.band(cell) : undefined;
      if (!row || !band) {
        const points = indicator.notFoundCentipoints;
        const what = row ? `"${indicator.table.columns[indicator.columnIndex]}" value` : 'entry';
        return notFoundOutcome(
          indicator,
          points,
          `${indicator.definition.title}: ${country} has no ${what} in ${indicator.table.title} (${indicator.table.edition}); ${pointsPhrase(points)} charged for the unknown`,
        );
      }
      return band.centipoints > 0 || band.redFlag
        ? hitOutcome(indicator, supplier, rules, { points: band.centipoints, value: cell, row }, band.redFlag)
        : undefined;
    }
    case 'goods-lookup': {
      const country = values.get('country');
      const products = values.get('products');
      if (typeof country !== 'string' || !Array.isArray(products)) {
        return unknownOutcome(indicator, values, indicator.missingCentipoints);
      }
      const byGood = indicator.rows.get(country.trim().toUpperCase());
      if (!byGood) {
        return undefined;
      }
      // The listed good that weighs most decides; the first product wins a tie.
      let best: (RenderContext & { redFlag: boolean }) | undefined;
      for (const match of indicator.matchGoods(products as string[])) {
        const row = byGood.get(match.good);
        const cell = row?.[indicator.columnIndex];
        const band = row && cell ? indicator.band(cell) : undefined;
        if (!band) {
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
      return best && (best.points > 0 || best.redFlag)
        ? hitOutcome(indicator, supplier, rules, best, best.redFlag)
        : undefined;
    }
  }
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
    evidence: renderTemplate(indicator, supplier, rules, render),
    missingFields: NO_FIELDS,
    redFlag,
  };
}

function notFoundOutcome(indicator: CompiledIndicator, raw: number, evidence: string): Outcome {
  return {
    indicator,
    status: 'not-found',
    raw,
    counted: 0,
    evidence,
    missingFields: NO_FIELDS,
    redFlag: false,
  };
}

function unknownOutcome(indicator: CompiledIndicator, values: Values, raw: number): Outcome {
  const missingFields = indicator.fields.filter((field) => values.get(field) === undefined);
  return {
    indicator,
    status: 'unknown',
    raw,
    counted: 0,
    evidence: raw > 0 ? texts(indicator).unknownEvidence(missingFields, raw) : '',
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
        text += context.row?.[part.column] ?? '';
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
      const labels = missing.map((field) => SUPPLIER_FIELDS[field].label).join(', ');
      text = `${this.indicator.definition.title}: unknown (no ${labels} on record); ${pointsPhrase(raw)} charged until it is known`;
      this.unknown.set(key, text);
    }
    return text;
  }

  followUp(field: SupplierField): string {
    let text = this.followUps.get(field);
    if (text === undefined) {
      text = this.indicator.followUp || `Ask the supplier for the ${SUPPLIER_FIELDS[field].label}.`;
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
