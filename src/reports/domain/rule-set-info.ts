import type { RuleSetDefinition } from '../../rules/domain/rule-set-definition.js';
import { listInWords } from './format.js';
import type { RuleSetInfo } from './report-models.js';

// What a report says about the rules that produced it, taken from the stored rule-set version (not the active
// one), so a report on an old assessment explains that assessment.

export function ruleSetInfo(hash: string, rules: RuleSetDefinition): RuleSetInfo {
  return {
    name: rules.name,
    version: rules.version,
    hash,
    thresholds: [
      { tier: 'low', minScore: 0 },
      { tier: 'medium', minScore: rules.thresholds.medium },
      { tier: 'high', minScore: rules.thresholds.high },
      { tier: 'critical', minScore: rules.thresholds.critical },
    ],
    referenceEditions: rules.referenceTables.map((table) => ({
      table: table.title,
      publisher: table.publisher,
      edition: table.edition,
    })),
  };
}

/** Rule sets made before ranges existed charged unknowns points; their assessments are explained that way. */
function chargesUnknowns(rules: RuleSetDefinition): boolean {
  return rules.indicators.some(
    (indicator) =>
      ('missingPoints' in indicator && indicator.missingPoints !== undefined) ||
      ('notFoundPoints' in indicator && indicator.notFoundPoints !== undefined),
  );
}

/** The categories (titles, rule order) with an indicator that can raise a red flag. */
function redFlagCategories(rules: RuleSetDefinition): string[] {
  const flagging = new Set(
    rules.indicators
      .filter(
        (indicator) =>
          ('redFlag' in indicator && indicator.redFlag !== undefined) ||
          ('bands' in indicator && indicator.bands.some((band) => band.redFlag === true)),
      )
      .map((indicator) => indicator.category),
  );
  return rules.categories.filter((c) => flagging.has(c.id)).map((c) => c.title);
}

/** The methodology appendix, in sentences an auditor can follow to recompute a score by hand. */
export function methodology(rules: RuleSetDefinition): string[] {
  const risk = rules.categories.filter((c) => !c.mitigation);
  const inherent = rules.categories.filter((c) => c.inherent).map((c) => c.title);
  const flags = redFlagCategories(rules);
  const mitigation = rules.categories.find((c) => c.mitigation);
  return [
    `Each supplier is scored from 0 to 100 with the rule set "${rules.name}" version ${rules.version}. Every point comes from a named indicator, listed with its evidence in the contributions table.`,
    `Indicators are grouped in categories, each capped: ${risk.map((c) => `${c.title} (at most ${c.cap})`).join(', ')}.`,
    chargesUnknowns(rules)
      ? 'Unknown is not low risk: when a value the indicator needs is missing, the indicator charges its "missing" points, at least as much as the worst known answer would. Missing values are listed as follow-up work.'
      : 'The score counts known facts only: an indicator that cannot be decided (a value it needs is missing, or a reference table does not cover the country) adds no points and is an open question. The range is the score with every open question at its best and at its worst answer; an answer that would raise a red flag is never assumed. Data confidence is the share of the points the indicators put at stake that known facts decide.',
    `The inherent floor is the sum of the points of ${listInWords(inherent)}. ${
      mitigation
        ? `Mitigation (${mitigation.title}) takes off at most ${mitigation.cap} points, only on recent, known evidence, and never below the inherent floor.`
        : 'This rule set has no mitigation.'
    }`,
    `Tiers: low below ${rules.thresholds.medium}, medium from ${rules.thresholds.medium}, high from ${rules.thresholds.high}, critical from ${rules.thresholds.critical}. ${
      flags.length > 0
        ? `A red flag, a fact about the supplier raised by an indicator of ${listInWords(flags)}, sets a minimum tier whatever the points.`
        : 'No indicator of this rule set raises a red flag.'
    }`,
    `Reference data: ${rules.referenceTables.map((t) => `${t.title} (${t.publisher}, ${t.edition})`).join('; ')}.`,
    'The rule-set hash on the cover identifies the exact rules and reference data used; Vigil keeps every version, so the score can be recomputed.',
  ];
}
