import type { HitStrength, NameHit, ScreenedParty, ScreeningIndex } from './name-matching.js';

// Precision and recall of name screening on a labelled set. A case is a supplier (with, at times, a parent or a
// subcontractor) and the listed entity it is, or none. Counted per (case, listed entity) pair: a pair the matcher
// raises and the label names is a true positive; one it raises that the label does not name is a false positive;
// a positive case none of whose listed names is raised is a miss. Hits and potential hits are counted separately:
// "hit" counts hits only, "any" hits and potential hits together.

export interface EvaluationCase {
  id: number;
  name: string;
  /** ISO alpha-2 of the supplier. */
  country: string;
  parent?: string;
  subcontractor?: string;
  /** The listed entity, by the name(s) the list files give it (a UFLPA name and a CBP party name); [] for none. */
  expected: readonly string[];
}

export interface CaseOutcome {
  id: number;
  name: string;
  expected: readonly string[];
  /** Entities raised, with the strength of the best hit on each. */
  raised: { entity: string; strength: HitStrength; score: number; list: string }[];
}

export interface Figures {
  truePositives: number;
  falsePositives: number;
  /** Positive cases whose entity was raised. */
  found: number;
  positives: number;
  precision: number;
  recall: number;
}

export interface Evaluation {
  hit: Figures;
  any: Figures;
  outcomes: CaseOutcome[];
  /** Positive cases not raised at all. */
  misses: CaseOutcome[];
  /** Cases raising an entity their label does not name (any strength). */
  falseHits: CaseOutcome[];
}

/** The key that says two spellings of a listed name are the same entity (case and punctuation aside). */
export function entityKey(name: string): string {
  return name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

export function partiesOf(item: EvaluationCase): ScreenedParty[] {
  return [
    { name: item.name, role: 'supplier', country: item.country },
    ...(item.parent ? [{ name: item.parent, role: 'parent' as const }] : []),
    ...(item.subcontractor ? [{ name: item.subcontractor, role: 'subcontractor' as const }] : []),
  ];
}

function outcomeOf(index: ScreeningIndex, item: EvaluationCase): CaseOutcome {
  const hits: NameHit[] = partiesOf(item).flatMap((party) => index.screenParty(party));
  const best = new Map<string, CaseOutcome['raised'][number]>();
  for (const hit of hits) {
    const key = entityKey(hit.entryName);
    const previous = best.get(key);
    const better =
      !previous ||
      (hit.strength === 'hit' && previous.strength !== 'hit') ||
      (hit.strength === previous.strength && hit.score > previous.score);
    if (better) {
      best.set(key, { entity: hit.entryName, strength: hit.strength, score: hit.score, list: hit.list });
    }
  }
  return { id: item.id, name: item.name, expected: item.expected, raised: [...best.values()] };
}

function figures(outcomes: CaseOutcome[], strengths: readonly HitStrength[]): Figures {
  let truePositives = 0;
  let falsePositives = 0;
  let found = 0;
  let positives = 0;
  for (const outcome of outcomes) {
    const expected = new Set(outcome.expected.map(entityKey));
    const raised = outcome.raised.filter((item) => strengths.includes(item.strength));
    const right = raised.filter((item) => expected.has(entityKey(item.entity)));
    truePositives += right.length;
    falsePositives += raised.length - right.length;
    if (expected.size > 0) {
      positives += 1;
      found += right.length > 0 ? 1 : 0;
    }
  }
  const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
  return {
    truePositives,
    falsePositives,
    found,
    positives,
    precision: ratio(truePositives, truePositives + falsePositives),
    recall: ratio(found, positives),
  };
}

export function evaluateScreening(index: ScreeningIndex, cases: readonly EvaluationCase[]): Evaluation {
  const outcomes = cases.map((item) => outcomeOf(index, item));
  const isExpected = (outcome: CaseOutcome, entity: string) =>
    outcome.expected.some((name) => entityKey(name) === entityKey(entity));
  return {
    hit: figures(outcomes, ['hit']),
    any: figures(outcomes, ['hit', 'potential']),
    outcomes,
    misses: outcomes.filter(
      (outcome) =>
        outcome.expected.length > 0 && !outcome.raised.some((item) => isExpected(outcome, item.entity)),
    ),
    falseHits: outcomes.filter((outcome) => outcome.raised.some((item) => !isExpected(outcome, item.entity))),
  };
}
