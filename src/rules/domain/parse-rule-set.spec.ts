import { describe, expect, it } from '@jest/globals';
import { TEST_RULE_FILES, withFile } from '../../scoring/domain/testing/test-rule-set.js';
import { parseRuleSet, type RuleFile } from './parse-rule-set.js';
import { RuleSetValidationError, type RuleSetIssue } from './rule-set-validation-error.js';

function issuesOf(files: RuleFile[]): RuleSetIssue[] {
  try {
    parseRuleSet(files);
  } catch (error) {
    if (error instanceof RuleSetValidationError) {
      return error.issues;
    }
    throw error;
  }
  throw new Error('expected the rule set to be rejected');
}

/** Replaces one exact piece of a test rule file, failing loudly if the piece is not there. */
function edit(path: string, from: string, to: string): RuleFile[] {
  return withFile(path, (content) => {
    if (!content.includes(from)) {
      throw new Error(`${path} does not contain ${from}`);
    }
    return content.replace(from, to);
  });
}

function lineOf(files: RuleFile[], path: string, text: string): number {
  const content = files.find((file) => file.path === path)?.content ?? '';
  return content.split('\n').findIndex((line) => line.includes(text)) + 1;
}

describe(parseRuleSet.name, () => {
  it('accepts the test rule set and normalises it', () => {
    const definition = parseRuleSet([...TEST_RULE_FILES]);
    expect(definition.name).toBe('Test rules');
    expect(definition.thresholds).toEqual({ medium: 20, high: 40, critical: 60 });
    expect(definition.indicators.find((indicator) => indicator.id === 'recruitment.agency')).toEqual({
      id: 'recruitment.agency',
      title: 'Labour agency',
      category: 'recruitment',
      kind: 'condition',
      when: { field: 'usesLabourAgency', op: 'equals', value: true },
      points: 4,
      evidence: 'Recruits through labour agencies',
      actions: ['List the agencies used.'],
    });
    expect(definition.referenceTables[0].rows[0]).toEqual(['BD', 'Bangladesh', 'Tier 2']);
  });

  it('names a misspelt supplier field with a suggestion, the file, indicator, field and line', () => {
    const files = edit('indicators/workforce.yaml', 'field: migrantWorkerPct }', 'field: migrantWorkerPtc }');
    expect(issuesOf(files)).toEqual([
      {
        file: 'indicators/workforce.yaml',
        line: lineOf(files, 'indicators/workforce.yaml', 'migrantWorkerPtc'),
        indicatorId: 'workforce.migrants',
        field: 'scale.field',
        message: 'unknown supplier field "migrantWorkerPtc" (did you mean "migrantWorkerPct"?)',
      },
    ]);
  });

  it('names a misspelt supplier field inside a nested condition', () => {
    const files = edit(
      'indicators/workforce.yaml',
      '- { field: migrantWorkerPct, gte: 30 }',
      '- { field: migrantWorkersPct, gte: 30 }',
    );
    expect(issuesOf(files)).toEqual([
      expect.objectContaining({
        file: 'indicators/workforce.yaml',
        indicatorId: 'recruitment.indebted-migrants',
        field: 'when.all[0].field',
        message: 'unknown supplier field "migrantWorkersPct" (did you mean "migrantWorkerPct"?)',
      }),
    ]);
  });

  it('names an unknown key in an indicator', () => {
    const files = edit(
      'indicators/workforce.yaml',
      'points: 4\n    evidence: "Recruits',
      'pionts: 4\n    evidence: "Recruits',
    );
    expect(issuesOf(files)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          file: 'indicators/workforce.yaml',
          indicatorId: 'recruitment.agency',
          field: 'pionts',
          message: 'unknown key "pionts" (did you mean "points"?)',
        }),
      ]),
    );
  });

  it('names an unknown operator', () => {
    const files = edit(
      'indicators/workforce.yaml',
      '{ field: usesLabourAgency, equals: true }',
      '{ field: usesLabourAgency, equal: true }',
    );
    expect(issuesOf(files)).toEqual([
      expect.objectContaining({
        file: 'indicators/workforce.yaml',
        indicatorId: 'recruitment.agency',
        field: 'when.equal',
        message: 'unknown operator "equal" (did you mean "equals"?)',
      }),
    ]);
  });

  it('names a lookup into a reference table that is not declared', () => {
    const files = edit(
      'indicators/country.yaml',
      'lookup: { table: tip, column: tier }',
      'lookup: { table: tips, column: tier }',
    );
    expect(issuesOf(files)).toEqual([
      expect.objectContaining({
        file: 'indicators/country.yaml',
        indicatorId: 'country.tip',
        field: 'lookup.table',
        message: 'unknown reference table "tips" (did you mean "tip"?)',
      }),
    ]);
  });

  it('names a lookup into a column the table does not have', () => {
    const files = edit(
      'indicators/country.yaml',
      'lookup: { table: tip, column: tier }',
      'lookup: { table: tip, column: teir }',
    );
    expect(issuesOf(files)).toEqual([
      expect.objectContaining({
        indicatorId: 'country.tip',
        field: 'lookup.column',
        message: 'table tip has no column "teir" (did you mean "tier"?) (columns: country, tier)',
      }),
    ]);
  });

  it('names a declared reference table whose csv file is missing', () => {
    const files = TEST_RULE_FILES.filter((file) => file.path !== 'reference/tip.csv');
    expect(issuesOf(files)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          file: 'ruleset.yaml',
          field: 'referenceTables[0].file',
          message: 'reference table file "reference/tip.csv" is not in the rule set',
        }),
      ]),
    );
  });

  it('names a duplicate indicator id and where it was first defined', () => {
    const files = edit('indicators/sector.yaml', 'id: sector.base', 'id: country.tip');
    expect(issuesOf(files)).toEqual([
      expect.objectContaining({
        file: 'indicators/sector.yaml',
        indicatorId: 'country.tip',
        field: 'id',
        message: 'duplicate indicator id "country.tip" (first defined in indicators/country.yaml)',
      }),
    ]);
  });

  it('rejects thresholds out of order', () => {
    const files = edit(
      'ruleset.yaml',
      '{ medium: 20, high: 40, critical: 60 }',
      '{ medium: 20, high: 70, critical: 60 }',
    );
    expect(issuesOf(files)).toEqual([
      expect.objectContaining({
        file: 'ruleset.yaml',
        field: 'thresholds.critical',
        message: 'thresholds out of order: critical (60) must be above high (70)',
      }),
    ]);
  });

  it('rejects bands out of order', () => {
    const files = edit(
      'indicators/workforce.yaml',
      '- { from: 10, to: 30, points: 4 }\n      - { from: 30, to: 60, points: 8 }',
      '- { from: 30, to: 60, points: 8 }\n      - { from: 10, to: 30, points: 4 }',
    );
    expect(issuesOf(files)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          file: 'indicators/workforce.yaml',
          indicatorId: 'workforce.migrants',
          field: 'bands[2].from',
          message:
            'bands out of order: band 3 starts at 10, before band 2 ends at 60; list bands from low to high without overlap',
        }),
      ]),
    );
  });

  it('reports a YAML syntax error with its line', () => {
    const files = edit(
      'indicators/mitigation.yaml',
      '    reduction: 3\n    evidence: "Grievance',
      '    reduction: [3\n    evidence: "Grievance',
    );
    const issues = issuesOf(files);
    expect(issues).toHaveLength(issues.filter((issue) => issue.file === 'indicators/mitigation.yaml').length);
    expect(issues[0].message).toMatch(/^YAML syntax error: /);
    expect(issues[0].line).toBeGreaterThanOrEqual(
      lineOf(files, 'indicators/mitigation.yaml', 'reduction: [3'),
    );
  });

  it('rejects wrong types and says what was expected', () => {
    const files = edit(
      'indicators/workforce.yaml',
      'points: 4\n    evidence: "Recruits',
      'points: four\n    evidence: "Recruits',
    );
    expect(issuesOf(files)).toEqual([
      expect.objectContaining({
        indicatorId: 'recruitment.agency',
        field: 'points',
        message: 'expected a number, found text "four"',
      }),
    ]);
    expect(issuesOf(edit('ruleset.yaml', 'version: "t1"', 'version: 1.10'))).toEqual([
      expect.objectContaining({
        file: 'ruleset.yaml',
        field: 'version',
        message: 'expected text (quote it: version: "1.10"), found number 1.1',
      }),
    ]);
  });

  it('names an unknown category', () => {
    const files = edit(
      'indicators/workforce.yaml',
      'category: recruitment\n    when: { field: usesLabourAgency',
      'category: recrutment\n    when: { field: usesLabourAgency',
    );
    expect(issuesOf(files)).toEqual([
      expect.objectContaining({
        indicatorId: 'recruitment.agency',
        field: 'category',
        message: 'unknown category "recrutment" (did you mean "recruitment"?)',
      }),
    ]);
  });

  it('refuses the retired missingPoints, saying what replaced it', () => {
    const files = edit('indicators/workforce.yaml', 'points: 6\n', 'points: 6\n    missingPoints: 6\n');
    expect(issuesOf(files)).toEqual([
      expect.objectContaining({
        indicatorId: 'recruitment.fees',
        field: 'missingPoints',
        message: expect.stringContaining(
          '"missingPoints" is no longer used: an unknown adds nothing to the assessed score, it widens the range',
        ),
      }),
    ]);
  });

  it('takes the answers an unknown may reach, and refuses one the indicator cannot give', () => {
    const narrowed = edit(
      'indicators/workforce.yaml',
      'points: 6\n',
      'points: 6\n    unknown: { worst: 0 }\n',
    );
    expect(
      parseRuleSet(narrowed).indicators.find((indicator) => indicator.id === 'recruitment.fees')?.unknown,
    ).toEqual({ worst: 0 });
    const impossible = edit(
      'indicators/workforce.yaml',
      'points: 6\n',
      'points: 6\n    unknown: { worst: 4 }\n',
    );
    expect(issuesOf(impossible)).toEqual([
      expect.objectContaining({
        indicatorId: 'recruitment.fees',
        field: 'unknown.worst',
        message: 'worst: 4 is not an answer this indicator can give without a red flag (it gives 0, 6)',
      }),
    ]);
    const backwards = edit(
      'indicators/workforce.yaml',
      'points: 6\n',
      'points: 6\n    unknown: { best: 6, worst: 0 }\n',
    );
    expect(issuesOf(backwards)).toEqual([
      expect.objectContaining({
        indicatorId: 'recruitment.fees',
        message: 'best (6) must not add more than worst (0)',
      }),
    ]);
  });

  it('refuses "missing" in a risk indicator, which would add points for an unknown', () => {
    const files = edit(
      'indicators/workforce.yaml',
      'when: { field: recruitmentFeesPaidByWorkers, equals: true }',
      'when: { field: recruitmentFeesPaidByWorkers, missing: true }',
    );
    expect(issuesOf(files)).toEqual([
      expect.objectContaining({
        indicatorId: 'recruitment.fees',
        message:
          'missing: true would add points for an unknown; an unknown adds nothing to the assessed score, it widens the range',
      }),
    ]);
  });

  it('refuses "present" in a risk indicator, where a missing value would lower the score', () => {
    const files = edit(
      'indicators/workforce.yaml',
      '{ field: usesLabourAgency, equals: true }',
      '{ field: usesLabourAgency, present: true }',
    );
    expect(issuesOf(files)).toEqual([
      expect.objectContaining({ indicatorId: 'recruitment.agency', field: 'when.present' }),
    ]);
  });

  it('names an unknown placeholder in an evidence template', () => {
    const files = edit(
      'indicators/workforce.yaml',
      '"Recruits through labour agencies"',
      '"Recruits through {agencyName}"',
    );
    expect(issuesOf(files)).toEqual([
      expect.objectContaining({
        indicatorId: 'recruitment.agency',
        field: 'evidence',
        message: expect.stringMatching(/^unknown placeholder \{agencyName\}/),
      }),
    ]);
  });

  it('names a reference row whose country is not an alpha-2 code', () => {
    const files = edit('reference/tip.csv', 'DE,Germany,Tier 1', 'Deu,Germany,Tier 1');
    expect(issuesOf(files)).toEqual([
      { file: 'reference/tip.csv', line: 5, field: 'alpha2', message: '"Deu" is not an ISO alpha-2 code' },
    ]);
  });

  it('requires a band for every value a lookup column holds', () => {
    const files = edit('indicators/country.yaml', '      - { value: Tier 3, points: 15 }\n', '');
    expect(issuesOf(files)).toEqual([
      expect.objectContaining({
        indicatorId: 'country.tip',
        field: 'bands',
        message: 'no band for "Tier 3" found in column tier of tip: add them or a band "otherwise: true"',
      }),
    ]);
  });

  it('refuses a word that names two sectors in the taxonomy', () => {
    const files = edit(
      'taxonomy.yaml',
      'synonyms: [textiles, apparel]',
      'synonyms: [textiles, apparel, farming]',
    );
    expect(issuesOf(files)).toEqual([
      expect.objectContaining({
        file: 'taxonomy.yaml',
        field: 'sectors.garments.synonyms[2]',
        message: '"farming" is listed under both agriculture and garments: a synonym must name one sector',
      }),
    ]);
  });

  it('names a goods synonym for a good the table does not list', () => {
    const files = edit('goods.yaml', 'Cocoa: [cocoa beans, cacao]', 'Cocoaa: [cocoa beans, cacao]');
    expect(issuesOf(files)).toEqual([
      expect.objectContaining({
        file: 'goods.yaml',
        field: 'synonyms.Cocoaa',
        message: '"Cocoaa" is not a good in table goods (did you mean "Cocoa"?)',
      }),
    ]);
  });

  it('refuses points on a mitigation: mitigations take a reduction', () => {
    const files = edit(
      'indicators/mitigation.yaml',
      'reduction: 3\n    evidence: "Grievance',
      'points: 3\n    evidence: "Grievance',
    );
    expect(issuesOf(files)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ indicatorId: 'mitigation.grievance', field: 'points' }),
        expect.objectContaining({ indicatorId: 'mitigation.grievance', field: 'reduction' }),
      ]),
    );
  });

  it('reports every problem at once, across files', () => {
    let files = edit('indicators/workforce.yaml', 'field: migrantWorkerPct }', 'field: migrantWorkerPtc }');
    files = files.map((file) =>
      file.path === 'ruleset.yaml'
        ? { ...file, content: file.content.replace('high: 40, critical: 60', 'high: 70, critical: 60') }
        : file.path === 'indicators/country.yaml'
          ? { ...file, content: file.content.replace('column: tier', 'column: teir') }
          : file,
    );
    const issues = issuesOf(files);
    expect(issues.map((issue) => [issue.file, issue.field])).toEqual(
      expect.arrayContaining([
        ['ruleset.yaml', 'thresholds.critical'],
        ['indicators/country.yaml', 'lookup.column'],
        ['indicators/workforce.yaml', 'scale.field'],
      ]),
    );
  });

  it('says when ruleset.yaml is missing', () => {
    expect(issuesOf(TEST_RULE_FILES.filter((file) => file.path !== 'ruleset.yaml'))).toEqual(
      expect.arrayContaining([
        { file: 'ruleset.yaml', message: 'ruleset.yaml is missing from the rule set' },
      ]),
    );
  });
});
