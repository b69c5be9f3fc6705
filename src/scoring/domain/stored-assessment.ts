import type { CompiledIndicator, CompiledRuleSet } from '../../rules/domain/compiled-rule-set.js';
import type { SupplierField } from '../../suppliers/domain/supplier-record.js';
import type {
  AssessmentResult,
  AssessmentUncertainty,
  Contribution,
  MissingDatum,
  RedFlag,
  RiskTier,
} from './assessment-result.js';
import {
  capNote,
  confidenceLevel,
  followUpText,
  questionFollowUp,
  unknownEvidenceText,
} from './scoring-engine.js';

// How an assessment is kept in the database. Most of an assessment's text is the same for every supplier with the
// same gap: indicator titles, categories, "unknown" sentences, follow-ups and actions all come from the rule set
// the assessment was made with, and every rule-set version is stored whole. A stored assessment keeps what is
// particular to the supplier (points, the evidence that cites its values or a reference row, which fields were
// missing) and gets the rest back from its rule set. Anything that does not come back identical is kept as it is,
// so storing never changes what an assessment says.

/** [indicator id, points, 1 when charged for missing data, evidence unless it is the rule set's "unknown" sentence] */
export type StoredContribution = [string, number, 0 | 1] | [string, number, 0 | 1, string];
/** [indicator id, minimum tier, evidence unless it is the same as the indicator's contribution] */
export type StoredRedFlag = [string, RiskTier] | [string, RiskTier, string];
/** [field, indicator id, follow-up unless it is the rule set's] */
export type StoredMissingDatum = [string, string] | [string, string, string];

/**
 * [indicator id, best, worst, open points, 1 when it could raise a red flag, the fields it needs, 1 when answering
 * it settles the tier (absent on assessments stored before it was computed), the prior's expected points (only
 * when the rules give one)]
 */
export type StoredQuestion =
  | [string, number, number, number, 0 | 1, string[]]
  | [string, number, number, number, 0 | 1, string[], 0 | 1]
  | [string, number, number, number, 0 | 1, string[], 0 | 1, number];

/** The range and open questions; titles and follow-ups come back from the rule set. */
export interface StoredUncertainty {
  range: [number, number];
  /** [expected score, open questions with a prior], only when the rules give priors. */
  expected?: [number, number];
  confidence: number;
  couldReach?: RiskTier;
  questions: StoredQuestion[];
}

export interface CompactAssessment {
  /** 2: before ranges (unknowns were charged); 3: with the range and open questions. */
  format: 2 | 3;
  score: number;
  tier: RiskTier;
  pointsTier: RiskTier;
  dataCompleteness: number;
  ruleSetHash: string;
  assessmentDate: string;
  contributions: StoredContribution[];
  redFlags: StoredRedFlag[];
  /**
   * Usually the missing data is not stored: `missingFields` and `unreadBy` give it back (see derivedMissingData).
   * Only when that does not give the same list is it stored as written.
   */
  missingData?: StoredMissingDatum[];
  /** Every field some indicator could not read because the supplier has no value for it. */
  missingFields?: string[];
  /** Indicators that could not read a field but are not charged for it as unknown (mitigations, mostly). */
  unreadBy?: string[];
  /** Only when the actions of the indicators that found something do not give this list. */
  recommendedActions?: string[];
  uncertainty?: StoredUncertainty;
}

/** What the `result` column holds: the compact form, or the whole result when it cannot be compacted. */
export type StoredAssessment = CompactAssessment | AssessmentResult;

interface IndicatorIndex {
  byId: Map<string, CompiledIndicator>;
  rules: CompiledRuleSet;
}

const indexes = new WeakMap<CompiledRuleSet, IndicatorIndex>();

function indexOf(rules: CompiledRuleSet): IndicatorIndex {
  let index = indexes.get(rules);
  if (!index) {
    index = { rules, byId: new Map(rules.indicators.map((i) => [i.definition.id, i])) };
    indexes.set(rules, index);
  }
  return index;
}

function categoryId(index: IndicatorIndex, indicator: CompiledIndicator): string {
  return index.rules.categories[indicator.categoryIndex]?.definition.id ?? '';
}

function fieldsMissing(indicatorId: string, missingData: readonly { indicatorId: string; field: string }[]) {
  return missingData.filter((m) => m.indicatorId === indicatorId).map((m) => m.field as SupplierField);
}

/** The "unknown" sentence the engine writes for this indicator, its missing fields and the points counted. */
function standardUnknownEvidence(
  index: IndicatorIndex,
  indicator: CompiledIndicator,
  missingData: readonly { indicatorId: string; field: string }[],
  points: number,
): string | undefined {
  if (indicator.kind === 'mitigation') {
    return undefined;
  }
  const missing = fieldsMissing(indicator.definition.id, missingData);
  if (missing.length === 0) {
    return undefined;
  }
  const raw = indicator.missingCentipoints;
  const text = unknownEvidenceText(indicator, missing, raw);
  const counted = Math.round(points * 100);
  const category = index.rules.categories[indicator.categoryIndex];
  return counted < raw && category
    ? text + capNote(counted, raw, category.capCentipoints, category.definition.title)
    : text;
}

/**
 * The engine's missing data: in rule order, for every indicator charged as unknown (a contribution charged for
 * missing data whose evidence is the rule set's own sentence) or listed in `unreadBy`, each field it reads that is
 * among `missingFields`, with the rule set's follow-up.
 */
function derivedMissingData(
  index: IndicatorIndex,
  missingFields: readonly string[],
  chargedAsUnknown: ReadonlySet<string>,
  unreadBy: readonly string[],
): MissingDatum[] {
  const missing = new Set(missingFields);
  const listed = new Set([...chargedAsUnknown, ...unreadBy]);
  const data: MissingDatum[] = [];
  for (const category of index.rules.categories) {
    for (const position of category.indicatorIndexes) {
      const indicator = index.rules.indicators[position];
      if (!indicator || !listed.has(indicator.definition.id)) {
        continue;
      }
      for (const field of indicator.fields) {
        if (missing.has(field)) {
          data.push({
            field,
            indicatorId: indicator.definition.id,
            followUp: followUpText(indicator, field),
          });
        }
      }
    }
  }
  return data;
}

/** Indicators charged for missing data whose evidence is the rule set's own "unknown" sentence (left out). */
function chargedAsUnknownIn(contributions: readonly StoredContribution[]): Set<string> {
  return new Set(contributions.filter((c) => c.length === 3 && c[2] === 1).map((c) => c[0]));
}

function sameMissingData(a: readonly MissingDatum[], b: readonly MissingDatum[]): boolean {
  return (
    a.length === b.length &&
    a.every(
      (datum, i) =>
        datum.field === b[i]?.field &&
        datum.indicatorId === b[i]?.indicatorId &&
        datum.followUp === b[i]?.followUp,
    )
  );
}

/** The actions the engine recommends: red-flagged indicators first, then every other risk found. */
function derivedActions(
  index: IndicatorIndex,
  contributions: readonly Pick<Contribution, 'indicatorId' | 'missingData'>[],
  redFlags: readonly Pick<RedFlag, 'indicatorId'>[],
): string[] {
  const actions = new Set<string>();
  const flagged = new Set<string>();
  for (const flag of redFlags) {
    flagged.add(flag.indicatorId);
    index.byId.get(flag.indicatorId)?.definition.actions.forEach((action) => actions.add(action));
  }
  for (const contribution of contributions) {
    const indicator = index.byId.get(contribution.indicatorId);
    if (
      indicator &&
      !contribution.missingData &&
      indicator.kind !== 'mitigation' &&
      !flagged.has(contribution.indicatorId)
    ) {
      indicator.definition.actions.forEach((action) => actions.add(action));
    }
  }
  return [...actions];
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

/** The form to store: `result` must have been made with `rules`. */
export function compactAssessment(result: AssessmentResult, rules: CompiledRuleSet): StoredAssessment {
  if (result.ruleSetHash !== rules.hash) {
    return result;
  }
  const index = indexOf(rules);
  const contributions: StoredContribution[] = [];
  const evidenceOf = new Map<string, string>();
  for (const c of result.contributions) {
    const indicator = index.byId.get(c.indicatorId);
    if (!indicator || indicator.definition.title !== c.title || categoryId(index, indicator) !== c.category) {
      return result;
    }
    evidenceOf.set(c.indicatorId, c.evidence);
    const missing = c.missingData ? 1 : 0;
    contributions.push(
      c.missingData && standardUnknownEvidence(index, indicator, result.missingData, c.points) === c.evidence
        ? [c.indicatorId, c.points, missing]
        : [c.indicatorId, c.points, missing, c.evidence],
    );
  }
  const redFlags: StoredRedFlag[] = [];
  for (const flag of result.redFlags) {
    if (index.byId.get(flag.indicatorId)?.definition.title !== flag.title) {
      return result;
    }
    redFlags.push(
      evidenceOf.get(flag.indicatorId) === flag.evidence
        ? [flag.indicatorId, flag.minimumTier]
        : [flag.indicatorId, flag.minimumTier, flag.evidence],
    );
  }
  const chargedAsUnknown = chargedAsUnknownIn(contributions);
  const missingFields = [...new Set(result.missingData.map((datum) => datum.field))];
  const unreadBy = [
    ...new Set(
      result.missingData.map((datum) => datum.indicatorId).filter((id) => !chargedAsUnknown.has(id)),
    ),
  ];
  let missingData: Pick<CompactAssessment, 'missingData' | 'missingFields' | 'unreadBy'>;
  if (
    sameMissingData(derivedMissingData(index, missingFields, chargedAsUnknown, unreadBy), result.missingData)
  ) {
    missingData = { missingFields, ...(unreadBy.length > 0 ? { unreadBy } : {}) };
  } else {
    const written: StoredMissingDatum[] = [];
    for (const datum of result.missingData) {
      const indicator = index.byId.get(datum.indicatorId);
      if (!indicator) {
        return result;
      }
      written.push(
        followUpText(indicator, datum.field as SupplierField) === datum.followUp
          ? [datum.field, datum.indicatorId]
          : [datum.field, datum.indicatorId, datum.followUp],
      );
    }
    missingData = { missingData: written };
  }
  let uncertainty: StoredUncertainty | undefined;
  if (result.uncertainty) {
    const { range, expected, confidence, couldReach, openQuestions } = result.uncertainty;
    const questions: StoredQuestion[] = [];
    for (const q of openQuestions) {
      const indicator = index.byId.get(q.indicatorId);
      if (
        !indicator ||
        indicator.definition.title !== q.title ||
        questionFollowUp(indicator, q.fields) !== q.followUp
      ) {
        return result;
      }
      const stored: StoredQuestion = [
        q.indicatorId,
        q.best,
        q.worst,
        q.openPoints,
        q.couldRaiseRedFlag ? 1 : 0,
        q.fields,
      ];
      if (q.settlesTier !== undefined || q.expected !== undefined) {
        stored.push(q.settlesTier ? 1 : 0);
      }
      if (q.expected !== undefined) {
        stored.push(q.expected);
      }
      questions.push(stored);
    }
    uncertainty = {
      range: [range.low, range.high],
      ...(expected ? { expected: [expected.score, expected.questions] } : {}),
      confidence,
      ...(couldReach ? { couldReach } : {}),
      questions,
    };
  }
  const compact: CompactAssessment = {
    format: uncertainty ? 3 : 2,
    score: result.score,
    tier: result.tier,
    pointsTier: result.pointsTier,
    dataCompleteness: result.dataCompleteness,
    ruleSetHash: result.ruleSetHash,
    assessmentDate: result.assessmentDate,
    contributions,
    redFlags,
    ...missingData,
    ...(uncertainty ? { uncertainty } : {}),
  };
  if (!sameList(derivedActions(index, result.contributions, result.redFlags), result.recommendedActions)) {
    compact.recommendedActions = result.recommendedActions;
  }
  return compact;
}

export function isCompact(stored: StoredAssessment): stored is CompactAssessment {
  const format = (stored as Partial<CompactAssessment>).format;
  return format === 2 || format === 3;
}

/**
 * The assessment as the engine made it. `rules` must be the rule set the assessment names (`ruleSetHash`); a
 * stored whole result is returned as it is.
 */
export function expandAssessment(stored: StoredAssessment, rules: CompiledRuleSet): AssessmentResult {
  if (!isCompact(stored)) {
    return stored;
  }
  if (stored.ruleSetHash !== rules.hash) {
    throw new Error(
      `Assessment made with rule set ${stored.ruleSetHash} cannot be explained with rule set ${rules.hash}`,
    );
  }
  const index = indexOf(rules);
  const missingData: MissingDatum[] = stored.missingData
    ? stored.missingData.map(([field, indicatorId, followUp]) => {
        const indicator = index.byId.get(indicatorId);
        return {
          field,
          indicatorId,
          followUp: followUp ?? (indicator ? followUpText(indicator, field as SupplierField) : ''),
        };
      })
    : derivedMissingData(
        index,
        stored.missingFields ?? [],
        chargedAsUnknownIn(stored.contributions),
        stored.unreadBy ?? [],
      );
  const contributions: Contribution[] = stored.contributions.map(
    ([indicatorId, points, missing, evidence]) => {
      const indicator = index.byId.get(indicatorId);
      return {
        indicatorId,
        title: indicator?.definition.title ?? indicatorId,
        category: indicator ? categoryId(index, indicator) : '',
        points,
        evidence:
          evidence ??
          (indicator ? (standardUnknownEvidence(index, indicator, missingData, points) ?? '') : ''),
        missingData: missing === 1,
      };
    },
  );
  const evidenceOf = new Map(contributions.map((c) => [c.indicatorId, c.evidence]));
  const redFlags: RedFlag[] = stored.redFlags.map(([indicatorId, minimumTier, evidence]) => ({
    indicatorId,
    title: index.byId.get(indicatorId)?.definition.title ?? indicatorId,
    minimumTier,
    evidence: evidence ?? evidenceOf.get(indicatorId) ?? '',
  }));
  return {
    score: stored.score,
    tier: stored.tier,
    pointsTier: stored.pointsTier,
    contributions,
    redFlags,
    missingData,
    recommendedActions: stored.recommendedActions ?? derivedActions(index, contributions, redFlags),
    dataCompleteness: stored.dataCompleteness,
    ruleSetHash: stored.ruleSetHash,
    assessmentDate: stored.assessmentDate,
    ...(stored.uncertainty ? { uncertainty: expandUncertainty(index, stored.uncertainty) } : {}),
  };
}

function expandUncertainty(index: IndicatorIndex, stored: StoredUncertainty): AssessmentUncertainty {
  return {
    range: { low: stored.range[0], high: stored.range[1] },
    ...(stored.expected ? { expected: { score: stored.expected[0], questions: stored.expected[1] } } : {}),
    confidence: stored.confidence,
    confidenceLevel: confidenceLevel(stored.confidence),
    ...(stored.couldReach ? { couldReach: stored.couldReach } : {}),
    openQuestions: stored.questions.map(
      ([indicatorId, best, worst, openPoints, flag, fields, settles, expected]) => {
        const indicator = index.byId.get(indicatorId);
        return {
          indicatorId,
          title: indicator?.definition.title ?? indicatorId,
          fields,
          followUp: indicator ? questionFollowUp(indicator, fields) : '',
          best,
          worst,
          openPoints,
          couldRaiseRedFlag: flag === 1,
          ...(settles === undefined ? {} : { settlesTier: settles === 1 }),
          ...(expected === undefined ? {} : { expected, priorSource: indicator?.prior?.source ?? '' }),
        };
      },
    ),
  };
}
