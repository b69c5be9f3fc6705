import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { RISK_TIERS, type RiskTier } from './assessment-result.js';
import { compareByPriority, priorityScore, type PrioritisedItem } from './priority.js';

const item = (tier: RiskTier, score: number, annualSpend?: number): PrioritisedItem => ({
  result: { tier, score },
  ...(annualSpend === undefined ? {} : { annualSpend }),
});

describe(priorityScore.name, () => {
  it('puts the worse tier first, then the higher score, then the larger spend', () => {
    const items = [
      item('medium', 45, 5_000_000),
      item('critical', 30),
      item('high', 62, 1_000),
      item('high', 62, 2_000_000),
      item('high', 70),
      item('low', 5, 90_000_000),
    ];
    const sorted = [...items].sort(
      (a, b) => priorityScore(b.result, b.annualSpend) - priorityScore(a.result, a.annualSpend),
    );
    expect(sorted).toEqual([items[1], items[4], items[3], items[2], items[0], items[5]]);
  });

  it('treats an unknown spend as no spend, never as a reason to rank higher', () => {
    expect(priorityScore({ tier: 'high', score: 50 })).toBeLessThan(
      priorityScore({ tier: 'high', score: 50 }, 1),
    );
  });

  it('orders like the exact comparator for any scores and spends', () => {
    const itemArbitrary = fc.record({
      tier: fc.constantFrom(...RISK_TIERS),
      // Assessment scores carry at most two decimals; the rank resolves 0.1 steps.
      score: fc.integer({ min: 0, max: 1000 }).map((tenths) => tenths / 10),
      spend: fc.option(fc.integer({ min: 0, max: 10_000_000_000 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(itemArbitrary, itemArbitrary, (a, b) => {
        const x = item(a.tier, a.score, a.spend);
        const y = item(b.tier, b.score, b.spend);
        const byRank = Math.sign(
          priorityScore(y.result, y.annualSpend) - priorityScore(x.result, x.annualSpend),
        );
        const exact = Math.sign(compareByPriority(x, y));
        // The rank may tie where spends differ slightly (log scale); it never contradicts the comparator.
        expect(byRank === 0 || byRank === exact).toBe(true);
      }),
    );
  });
});
