import { beforeAll, describe, expect, it } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { compileRuleSet, type CompiledRuleSet } from '../../rules/domain/compile-rule-set.js';
import { loadRuleSetFiles } from '../../rules/domain/load-rule-files.js';
import { parseRuleSet } from '../../rules/domain/parse-rule-set.js';
import type { AssessmentResult } from './assessment-result.js';
import { compareByPriority, scoreSupplier } from './scoring-engine.js';
import { GOLDEN_CASES, GOLDEN_DATE, type GoldenCaseId } from './testing/golden-cases.js';

// The golden cases (testing/golden-cases.ts) on the shipped rules/, each figure worked out by hand from the
// reference rows the evidence quotes. Thresholds: medium 20, high 40, critical 70.

const RULES_DIR = fileURLToPath(new URL('../../../rules/', import.meta.url));

let rules: CompiledRuleSet;
const assessed = new Map<GoldenCaseId, AssessmentResult>();

beforeAll(async () => {
  rules = compileRuleSet(parseRuleSet(await loadRuleSetFiles(RULES_DIR)));
  for (const golden of GOLDEN_CASES) {
    assessed.set(golden.id, scoreSupplier(golden.supplier, rules, GOLDEN_DATE));
  }
});

function points(id: GoldenCaseId): Record<string, number> {
  return Object.fromEntries(assessed.get(id)!.contributions.map((c) => [c.indicatorId, c.points]));
}

describe('golden cases on the shipped rules', () => {
  it('a US print shop known by name and address: low, a range above it, low confidence', () => {
    const result = assessed.get('us-print-shop')!;
    // TIP tier 1: 0 | GSI 3.3 per 1,000: 2 | ITUC 4: 2 | no sector, no products (no goods listed for the US).
    expect(points('us-print-shop')).toEqual({ 'country.gsi-prevalence': 2, 'country.ituc-rights': 2 });
    expect(result.score).toBe(4);
    expect(result.tier).toBe('low');
    expect(result.redFlags).toEqual([]);
    // Whatever its sector, it adds at least 2 (services); at worst fishing with every workforce answer adverse.
    expect(result.uncertainty!.range).toEqual({ low: 6, high: 40 });
    expect(result.uncertainty!.confidenceLevel).toBe('low');
    // The US has no listed goods: no goods question is open at all.
    expect(result.uncertainty!.openQuestions.some((q) => q.indicatorId.startsWith('goods.'))).toBe(false);
  });

  it('a garment factory in Myanmar: high from country, sector and the garments listed for Myanmar', () => {
    const result = assessed.get('myanmar-garments')!;
    // TIP tier 3: 12 | GSI 12.1: 8 | response 42: 2 | ITUC 5+: 4 -> 26 | garments 8 | Garments MM forced labour 10.
    expect(points('myanmar-garments')).toEqual({
      'country.us-tip-tier': 12,
      'country.gsi-prevalence': 8,
      'country.gsi-government-response': 2,
      'country.ituc-rights': 4,
      'sector.base': 8,
      'goods.dol-forced-labour': 10,
    });
    expect(result.score).toBe(44);
    expect(result.tier).toBe('high');
    expect(result.redFlags).toEqual([]);
    const goods = result.contributions.find((c) => c.indicatorId === 'goods.dol-forced-labour')!;
    expect(goods.evidence).toContain('garments (sector; no product on record names a good)');
    // Vigil's name for the country, the DOL list's own in quotes.
    expect(goods.evidence).toContain('Garments from Myanmar (listed as "Burma") is on the US DOL List');
    const tip = result.contributions.find((c) => c.indicatorId === 'country.us-tip-tier')!;
    expect(tip.evidence).toMatch(/^Country Myanmar \(listed as "Burma"\) \(MM\): US TIP Tier 3 /);
    // A product on record would replace the sector's evidence: the goods stay open both ways.
    expect(result.uncertainty!.range.low).toBe(34);
    expect(
      result.uncertainty!.openQuestions.find((q) => q.indicatorId === 'goods.dol-forced-labour'),
    ).toMatchObject({
      fields: ['products'],
      best: 0,
      worst: 10,
    });
  });

  it('an apparel factory in Guangdong: inherent risk only, high but not critical, ranked below one with an ILO indicator', () => {
    const result = assessed.get('guangdong-apparel')!;
    // TIP tier 3: 12 | GSI 4.0: 4 | response 40: 2 | ITUC 5: 3 -> 21 | garments 8 | Garments CN forced 10 + inputs 3.
    expect(points('guangdong-apparel')).toEqual({
      'country.us-tip-tier': 12,
      'country.gsi-prevalence': 4,
      'country.gsi-government-response': 2,
      'country.ituc-rights': 3,
      'sector.base': 8,
      'goods.dol-forced-labour': 10,
      'goods.dol-forced-labour-inputs': 3,
    });
    expect(result.score).toBe(42);
    expect(result.tier).toBe('high');
    expect(result.redFlags).toEqual([]);
    const reported = assessed.get('guangdong-apparel-ilo')!;
    expect(reported.redFlags.map((f) => f.indicatorId)).toEqual(['ilo.wages-withheld']);
    const order = [
      { result, annualSpend: 5_000_000 },
      { result: reported, annualSpend: 1_000 },
    ].sort(compareByPriority);
    expect(order[0].result).toBe(reported);
  });

  it('the same factory in Xinjiang: critical, from the import-ban red flag', () => {
    const result = assessed.get('xinjiang-apparel')!;
    expect(result.score).toBe(52);
    expect(result.pointsTier).toBe('high');
    expect(result.tier).toBe('critical');
    expect(result.redFlags.map((f) => f.indicatorId)).toEqual(['country.xinjiang-uflpa']);
  });

  it('a Bangladeshi garment factory scores lower with a recent audit and a grievance mechanism, never below its floor', () => {
    const without = assessed.get('bangladesh-garments')!;
    const mitigated = assessed.get('bangladesh-garments-mitigated')!;
    // Inherent: TIP 2: 4 | GSI 7.1: 6 | response 49: 2 | ITUC 5: 3 | garments 8 | Garments BD forced 10 + child 5
    // (6, capped at 15) = 38. Agencies 3 + fees 5 = 46, high.
    expect(without.score).toBe(46);
    expect(without.tier).toBe('high');
    // Audit -6 and grievance -3 would take 9; the floor of 38 leaves 8.
    expect(points('bangladesh-garments-mitigated')).toMatchObject({
      'mitigation.social-audit': -6,
      'mitigation.grievance-mechanism': -2,
    });
    expect(mitigated.score).toBe(38);
    expect(mitigated.tier).toBe('medium');
    expect(mitigated.uncertainty!.range.high).toBeLessThan(without.uncertainty!.range.high);
  });

  it('a German supplier known only by name: low, its questions a range', () => {
    const result = assessed.get('german-name-only')!;
    expect(result.score).toBe(0);
    expect(result.tier).toBe('low');
    expect(result.uncertainty!.range).toEqual({ low: 2, high: 36 });
    expect(result.uncertainty!.couldReach).toBe('medium');
  });

  it('charges no point of any golden case for an unknown', () => {
    for (const golden of GOLDEN_CASES) {
      expect(assessed.get(golden.id)!.contributions.filter((c) => c.missingData)).toEqual([]);
    }
  });
});
