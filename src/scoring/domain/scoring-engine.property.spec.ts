import { beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { fileURLToPath } from 'node:url';
import { compileRuleSet, type CompiledRuleSet } from '../../rules/domain/compile-rule-set.js';
import { loadRuleSetFiles } from '../../rules/domain/load-rule-files.js';
import { parseRuleSet } from '../../rules/domain/parse-rule-set.js';
import { ILO_INDICATORS, type SupplierRecord } from '../../suppliers/domain/supplier-record.js';
import { RISK_TIERS } from './assessment-result.js';
import { explainSupplierScore, scoreSupplier } from './scoring-engine.js';
import { OPTIONAL_FIELDS, supplierArbitrary } from './testing/supplier-arbitrary.js';
import { TEST_RULE_FILES } from './testing/test-rule-set.js';

// Properties that must hold for any supplier, on the test rules and on the shipped default rules.

const DATE = '2025-06-30';
const RUNS = { numRuns: 150 };

function without(supplier: SupplierRecord, field: keyof SupplierRecord): SupplierRecord {
  const copy = { ...supplier };
  delete copy[field];
  return copy;
}

const rank = (tier: (typeof RISK_TIERS)[number]): number => RISK_TIERS.indexOf(tier);

const ruleSets: Record<string, CompiledRuleSet> = {};

beforeAll(async () => {
  ruleSets['test rules'] = compileRuleSet(parseRuleSet([...TEST_RULE_FILES]));
  const dir = fileURLToPath(new URL('../../../rules/', import.meta.url));
  ruleSets['default rules'] = compileRuleSet(parseRuleSet(await loadRuleSetFiles(dir)));
});

describe.each(['test rules', 'default rules'])(`${scoreSupplier.name} properties on the %s`, (name) => {
  it('unknown is not low risk: removing any field never lowers the score', () => {
    const rules = ruleSets[name];
    fc.assert(
      fc.property(supplierArbitrary, fc.constantFrom(...OPTIONAL_FIELDS), (supplier, field) => {
        const before = scoreSupplier(supplier, rules, DATE).score;
        const after = scoreSupplier(without(supplier, field), rules, DATE).score;
        expect(after).toBeGreaterThanOrEqual(before);
      }),
      RUNS,
    );
  });

  it('keeps the score within 0-100 and the tier at least the points tier', () => {
    const rules = ruleSets[name];
    fc.assert(
      fc.property(supplierArbitrary, (supplier) => {
        const result = scoreSupplier(supplier, rules, DATE);
        expect(result.score).toBeGreaterThanOrEqual(0);
        expect(result.score).toBeLessThanOrEqual(100);
        expect(rank(result.tier)).toBeGreaterThanOrEqual(rank(result.pointsTier));
        for (const flag of result.redFlags) {
          expect(rank(result.tier)).toBeGreaterThanOrEqual(rank(flag.minimumTier));
        }
      }),
      RUNS,
    );
  });

  it('adding a reported ILO indicator or child labour never lowers the tier', () => {
    const rules = ruleSets[name];
    const flags = [...ILO_INDICATORS, 'childLabourReported'] as const;
    fc.assert(
      fc.property(supplierArbitrary, fc.constantFrom(...flags), (supplier, flag) => {
        const before = scoreSupplier(supplier, rules, DATE);
        const after = scoreSupplier({ ...supplier, [flag]: true }, rules, DATE);
        expect(rank(after.tier)).toBeGreaterThanOrEqual(rank(before.tier));
        expect(after.score).toBeGreaterThanOrEqual(before.score);
      }),
      RUNS,
    );
  });

  it('mitigation never takes the score below the inherent floor and never clears a red flag', () => {
    const rules = ruleSets[name];
    const mitigated = {
      lastAuditDate: '2025-05-01',
      auditScheme: 'SMETA',
      certifications: ['SA8000', 'Fairtrade'],
      grievanceMechanism: true,
    };
    fc.assert(
      fc.property(supplierArbitrary, (supplier) => {
        const before = explainSupplierScore(supplier, rules, DATE);
        const after = explainSupplierScore({ ...supplier, ...mitigated }, rules, DATE);
        expect(after.result.score).toBeGreaterThanOrEqual(Math.min(100, after.breakdown.inherentFloor));
        expect(after.result.score).toBeLessThanOrEqual(before.result.score);
        expect(after.result.redFlags.map((flag) => flag.indicatorId)).toEqual(
          before.result.redFlags.map((flag) => flag.indicatorId),
        );
      }),
      RUNS,
    );
  });

  it('is deterministic: the same inputs give the same assessment', () => {
    const rules = ruleSets[name];
    const recompiled = compileRuleSet(rules.content);
    fc.assert(
      fc.property(supplierArbitrary, (supplier) => {
        expect(scoreSupplier(supplier, recompiled, DATE)).toEqual(scoreSupplier(supplier, rules, DATE));
      }),
      { numRuns: 50 },
    );
  });
});
