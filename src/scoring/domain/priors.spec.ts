import { describe, expect, it } from '@jest/globals';
import { compileRuleSet } from '../../rules/domain/compile-rule-set.js';
import { parseRuleSet, type RuleFile } from '../../rules/domain/parse-rule-set.js';
import { formatIssue, RuleSetValidationError } from '../../rules/domain/rule-set-validation-error.js';
import { scoreSupplier } from './scoring-engine.js';
import { compactAssessment, expandAssessment } from './stored-assessment.js';
import { makeSupplier, TEST_RULE_FILES } from './testing/test-rule-set.js';

// A rule file may give a prior for an unknown: what the answer is expected to add, by country and sector. It makes
// an expected score beside the range and is never counted in the assessed score or tier.

const DATE = '2025-06-30';
const FEES = `    points: 6
    evidence: "Workers paid recruitment fees"`;

function withFeesPrior(prior: string): RuleFile[] {
  return TEST_RULE_FILES.map((file) =>
    file.path === 'indicators/workforce.yaml'
      ? { ...file, content: file.content.replace(FEES, `${FEES}\n    unknown:\n      prior:\n${prior}`) }
      : file,
  );
}

const PRIOR = `        source: Audit findings of the brand's 2024 programme (test)
        expected:
          - { countries: [MY], sectors: [electronics], points: 4.5 }
          - { sectors: [garments], points: 3 }
`;

function issues(files: RuleFile[]): string[] {
  try {
    parseRuleSet(files);
  } catch (error) {
    if (error instanceof RuleSetValidationError) {
      return error.issues.map(formatIssue);
    }
    throw error;
  }
  throw new Error('expected the rule set to be refused');
}

describe('priors for unknowns', () => {
  const rules = compileRuleSet(parseRuleSet(withFeesPrior(PRIOR)));
  const plain = compileRuleSet(parseRuleSet([...TEST_RULE_FILES]));
  const open = makeSupplier({
    country: 'MY',
    sector: 'electronics',
    recruitmentFeesPaidByWorkers: undefined,
  });

  it('shows the expected score beside the range and leaves the assessed score, tier and range alone', () => {
    const result = scoreSupplier(open, rules, DATE);
    const without = scoreSupplier(open, plain, DATE);
    expect(result.score).toBe(without.score);
    expect(result.tier).toBe(without.tier);
    expect(result.uncertainty!.range).toEqual(without.uncertainty!.range);
    expect(without.uncertainty!.expected).toBeUndefined();
    // Fees are the one open question: expected = assessed + 4.5 (the recruitment cap of 12 is not reached).
    expect(result.uncertainty!.expected).toEqual({ score: result.score + 4.5, questions: 1 });
    expect(result.uncertainty!.openQuestions.find((q) => q.indicatorId === 'recruitment.fees')).toMatchObject(
      { expected: 4.5, priorSource: "Audit findings of the brand's 2024 programme (test)" },
    );
  });

  it('takes the first entry that matches the country and the sector, and none when nothing matches', () => {
    const garments = scoreSupplier({ ...open, country: 'BD', sector: 'garments' }, rules, DATE);
    expect(garments.uncertainty!.expected?.score).toBe(garments.score + 3);
    const elsewhere = scoreSupplier({ ...open, country: 'DE', sector: 'electronics' }, rules, DATE);
    expect(elsewhere.uncertainty!.expected).toBeUndefined();
    // An answered question has no prior: the fact counts.
    const answered = scoreSupplier({ ...open, recruitmentFeesPaidByWorkers: true }, rules, DATE);
    expect(answered.uncertainty!.expected).toBeUndefined();
  });

  it('keeps the expected score through storing and reading back', () => {
    const result = scoreSupplier(open, rules, DATE);
    const stored = compactAssessment(result, rules);
    expect(stored).toMatchObject({ format: 3 });
    expect(expandAssessment(stored, rules)).toEqual(result);
  });

  it('refuses a prior without a source, outside the answers, or with unknown countries or sectors', () => {
    expect(issues(withFeesPrior('        expected: [{ points: 2 }]\n')).join('\n')).toMatch(/source/);
    expect(
      issues(withFeesPrior('        source: x\n        expected: [{ points: 7 }]\n')).join('\n'),
    ).toMatch(/7 must lie between the unknown's best and worst answers \(0 to 6\)/);
    expect(
      issues(
        withFeesPrior('        source: x\n        expected: [{ countries: [Malaysia], points: 2 }]\n'),
      ).join('\n'),
    ).toMatch(/ISO 3166 alpha-2/);
    expect(
      issues(
        withFeesPrior('        source: x\n        expected: [{ sectors: [textiles], points: 2 }]\n'),
      ).join('\n'),
    ).toMatch(/sectors must be among .* \(found "textiles"\)/);
  });
});
