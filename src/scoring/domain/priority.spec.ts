import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { RISK_TIERS, type RiskTier } from './assessment-result.js';
import { compareByPriority, priorityReason, priorityScore, type PrioritisedItem } from './priority.js';

const item = (tier: RiskTier, score: number, annualSpend?: number, redFlags = 0): PrioritisedItem => ({
  result: { tier, score, redFlags: Array.from({ length: redFlags }, () => ({})) },
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

  it('puts a supplier with a reported red flag before one ranked in the same tier by points alone', () => {
    const unknownEverything = item('critical', 77);
    const passportsRetained = item('critical', 75, undefined, 1);
    const twoFlags = item('critical', 60, undefined, 2);
    const sorted = [unknownEverything, passportsRetained, twoFlags].sort(
      (a, b) => priorityScore(b.result, b.annualSpend) - priorityScore(a.result, a.annualSpend),
    );
    expect(sorted).toEqual([twoFlags, passportsRetained, unknownEverything]);
    expect(priorityScore(item('high', 99, undefined, 9).result)).toBeLessThan(
      priorityScore(item('critical', 0).result),
    );
  });

  it('within a tier and its red flags, ranks a supplier the rules know little about by how high its range reaches', () => {
    const known = {
      tier: 'medium' as const,
      score: 45,
      uncertainty: { range: { high: 48 }, confidenceLevel: 'high' },
    };
    const littleKnown = {
      tier: 'medium' as const,
      score: 30,
      uncertainty: { range: { high: 70 }, confidenceLevel: 'low' },
    };
    const flagged = { tier: 'medium' as const, score: 20, redFlags: [{}] };
    const sorted = [known, littleKnown, flagged].sort((a, b) => priorityScore(b) - priorityScore(a));
    expect(sorted).toEqual([flagged, littleKnown, known]);
    expect(compareByPriority({ result: littleKnown }, { result: known })).toBeLessThan(0);
    expect(priorityReason(littleKnown)).toBe(
      'medium assessed tier, little known: its range reaches 70 (ask first)',
    );
    expect(priorityReason(flagged)).toBe('medium assessed tier, 1 red flag, score 20');
  });

  it('within a tier and its red flags, asks first about a supplier with an enforcement-list hit awaiting review', () => {
    const littleKnown = {
      tier: 'high' as const,
      score: 50,
      uncertainty: { range: { high: 95 }, confidenceLevel: 'low' },
    };
    const awaiting = { tier: 'high' as const, score: 41, openScreeningHits: 1 };
    const flagged = { tier: 'high' as const, score: 30, redFlags: [{}] };
    const worseTier = { tier: 'critical' as const, score: 0 };
    const sorted = [littleKnown, awaiting, flagged, worseTier].sort(
      (a, b) => priorityScore(b) - priorityScore(a),
    );
    expect(sorted).toEqual([worseTier, flagged, awaiting, littleKnown]);
    expect(compareByPriority({ result: awaiting }, { result: littleKnown })).toBeLessThan(0);
    expect(priorityReason(awaiting)).toBe(
      'high assessed tier, 1 enforcement-list hit awaiting review (ask first)',
    );
    expect(priorityScore({ ...awaiting, openScreeningHits: 0 })).toBe(
      priorityScore({ tier: 'high', score: 41 }),
    );
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
      flags: fc.integer({ min: 0, max: 12 }),
      high: fc.option(
        fc.integer({ min: 0, max: 1000 }).map((t) => t / 10),
        { nil: undefined },
      ),
    });
    fc.assert(
      fc.property(itemArbitrary, itemArbitrary, (a, b) => {
        const withReach = (i: PrioritisedItem, high: number | undefined): PrioritisedItem =>
          high === undefined
            ? i
            : { ...i, result: { ...i.result, uncertainty: { range: { high }, confidenceLevel: 'low' } } };
        const x = withReach(item(a.tier, a.score, a.spend, a.flags), a.high);
        const y = withReach(item(b.tier, b.score, b.spend, b.flags), b.high);
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
