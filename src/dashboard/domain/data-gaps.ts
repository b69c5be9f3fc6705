import type { CompiledRuleSet } from '../../rules/domain/compiled-rule-set.js';
import { questionFollowUp } from '../../scoring/domain/scoring-engine.js';
import type { SupplierField } from '../../suppliers/domain/supplier-record.js';
import type { DataGapQuestion } from '../dto/data-gaps.views.js';

// The portfolio's open questions, ranked by what asking them would settle (docs/scoring.md, "Data gaps").

/** One question's figures as the database adds them up over the current assessments in scope. */
export interface QuestionTally {
  indicatorId: string;
  suppliers: number;
  settlesTier: number;
  couldRaiseRedFlag: number;
  openPoints: number;
}

const plural = (count: number, one: string, many = `${one}s`): string =>
  `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`;

export function questionSummary(tally: Omit<QuestionTally, 'indicatorId'>): string {
  const parts = [`Open for ${plural(tally.suppliers, 'supplier')}`];
  if (tally.settlesTier > 0) {
    parts.push(`answering it settles the tier of ${plural(tally.settlesTier, 'supplier')}`);
  }
  if (tally.couldRaiseRedFlag > 0) {
    parts.push(`an answer could raise a red flag for ${plural(tally.couldRaiseRedFlag, 'supplier')}`);
  }
  if (tally.openPoints > 0) {
    parts.push(`it narrows the ranges by ${Math.round(tally.openPoints * 10) / 10} points in all`);
  }
  return `${parts.join('; ')}.`;
}

/** Titles and follow-ups from the active rule set (an indicator it no longer has keeps its id). */
export function rankQuestions(tallies: readonly QuestionTally[], rules: CompiledRuleSet): DataGapQuestion[] {
  const byId = new Map(rules.indicators.map((indicator) => [indicator.definition.id, indicator]));
  return tallies
    .map((tally): DataGapQuestion => {
      const indicator = byId.get(tally.indicatorId);
      const fields: SupplierField[] = indicator?.fields ?? [];
      return {
        ...tally,
        openPoints: Math.round(tally.openPoints * 100) / 100,
        title: indicator?.definition.title ?? tally.indicatorId,
        followUp: indicator ? questionFollowUp(indicator, fields) : '',
        fields,
        summary: questionSummary(tally),
      };
    })
    .sort(
      (a, b) =>
        b.settlesTier - a.settlesTier ||
        b.couldRaiseRedFlag - a.couldRaiseRedFlag ||
        b.openPoints - a.openPoints ||
        b.suppliers - a.suppliers ||
        a.indicatorId.localeCompare(b.indicatorId),
    );
}
