import { beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { fileURLToPath } from 'node:url';
import { compileRuleSet, type CompiledRuleSet } from '../../rules/domain/compile-rule-set.js';
import { loadRuleSetFiles } from '../../rules/domain/load-rule-files.js';
import { parseRuleSet } from '../../rules/domain/parse-rule-set.js';
import type { SupplierRecord } from '../../suppliers/domain/supplier-record.js';
import type { AssessmentResult } from './assessment-result.js';
import { scoreSupplier } from './scoring-engine.js';
import { compactAssessment, expandAssessment, isCompact } from './stored-assessment.js';
import { supplierArbitrary } from './testing/supplier-arbitrary.js';
import { TEST_RULE_FILES, makeSupplier, withFile } from './testing/test-rule-set.js';

const DATE = '2025-06-30';
/** Known by name and country only, as many rows of a first upload are. */
const SPARSE: SupplierRecord = { name: 'Sparse', country: 'MY' };

const ruleSets: Record<string, CompiledRuleSet> = {};

beforeAll(async () => {
  ruleSets['test rules'] = compileRuleSet(parseRuleSet([...TEST_RULE_FILES]));
  const dir = fileURLToPath(new URL('../../../rules/', import.meta.url));
  ruleSets['default rules'] = compileRuleSet(parseRuleSet(await loadRuleSetFiles(dir)));
});

/** Through the database and back: what the jsonb column gives to the reader. */
function roundTrip(result: AssessmentResult, rules: CompiledRuleSet): AssessmentResult {
  const stored = JSON.parse(JSON.stringify(compactAssessment(result, rules))) as ReturnType<
    typeof compactAssessment
  >;
  return expandAssessment(stored, rules);
}

describe.each(['test rules', 'default rules'])('stored assessments on the %s', (name) => {
  it('give back exactly the assessment the engine made, for any supplier', () => {
    const rules = ruleSets[name];
    fc.assert(
      fc.property(supplierArbitrary, (supplier) => {
        const result = scoreSupplier(supplier, rules, DATE);
        const stored = compactAssessment(result, rules);
        expect(isCompact(stored)).toBe(true);
        expect(roundTrip(result, rules)).toStrictEqual(result);
      }),
      { numRuns: 300 },
    );
  });

  it('keep a supplier known by name and country in a fraction of the whole result', () => {
    const rules = ruleSets[name];
    const result = scoreSupplier(SPARSE, rules, DATE);
    expect(result.missingData.length).toBeGreaterThan(3);
    const whole = JSON.stringify(result).length;
    const compact = JSON.stringify(compactAssessment(result, rules)).length;
    expect(compact).toBeLessThan(whole / 3);
  });
});

describe('stored assessments that cannot be compacted', () => {
  it('keep evidence that differs from the rule set sentence as written', () => {
    const rules = ruleSets['default rules'];
    const result = scoreSupplier(SPARSE, rules, DATE);
    const edited: AssessmentResult = {
      ...result,
      contributions: result.contributions.map((c, i) =>
        i === 0 ? { ...c, evidence: 'Written by hand' } : c,
      ),
      missingData: result.missingData.map((m, i) => (i === 0 ? { ...m, followUp: 'Call the agent' } : m)),
      recommendedActions: ['Visit the site'],
    };
    expect(roundTrip(edited, rules)).toStrictEqual(edited);
  });

  it('store the whole result when it names a title the rule set does not have', () => {
    const rules = ruleSets['default rules'];
    const result = scoreSupplier(SPARSE, rules, DATE);
    const renamed = {
      ...result,
      contributions: result.contributions.map((c) => ({ ...c, title: `${c.title} (old)` })),
    };
    const stored = compactAssessment(renamed, rules);
    expect(isCompact(stored)).toBe(false);
    expect(expandAssessment(stored, rules)).toStrictEqual(renamed);
  });

  it('read rows stored whole before the compact form existed', () => {
    const rules = ruleSets['test rules'];
    const result = scoreSupplier(makeSupplier({ name: 'Old', country: 'CN' }), rules, DATE);
    expect(expandAssessment(JSON.parse(JSON.stringify(result)) as AssessmentResult, rules)).toStrictEqual(
      result,
    );
  });

  it('refuse to explain an assessment with another rule set', () => {
    const rules = ruleSets['test rules'];
    const other = compileRuleSet(
      parseRuleSet(withFile('ruleset.yaml', (content) => content.replace(/version: .*/, 'version: other'))),
    );
    const stored = compactAssessment(scoreSupplier(makeSupplier({ country: 'CN' }), rules, DATE), rules);
    expect(() => expandAssessment(stored, other)).toThrow(/cannot be explained with rule set/);
  });
});
