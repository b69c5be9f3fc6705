import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { parseDocument, stringify } from 'yaml';
import { TEST_RULE_FILES, withFile } from '../../scoring/domain/testing/test-rule-set.js';
import { compileRuleSet } from './compile-rule-set.js';
import { parseRuleSet, type RuleFile } from './parse-rule-set.js';

function hashOf(files: readonly RuleFile[]): string {
  return compileRuleSet(parseRuleSet([...files])).hash;
}

/** Rewrites every YAML file with its mapping keys in an order drawn from the seed, and new whitespace. */
function reorderKeys(files: readonly RuleFile[], seed: number): RuleFile[] {
  let state = seed >>> 0 || 1;
  const random = (): number => {
    // xorshift32: a deterministic shuffle per seed
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  const shuffle = (value: unknown): unknown => {
    if (Array.isArray(value)) {
      return value.map(shuffle);
    }
    if (typeof value === 'object' && value !== null) {
      const entries = Object.entries(value).map(([key, item]) => [key, shuffle(item)] as const);
      for (let i = entries.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [entries[i], entries[j]] = [entries[j], entries[i]];
      }
      return Object.fromEntries(entries);
    }
    return value;
  };
  return files.map((file) =>
    file.path.endsWith('.yaml')
      ? { path: file.path, content: stringify(shuffle(parseDocument(file.content).toJS()), { indent: 4 }) }
      : file,
  );
}

describe(compileRuleSet.name, () => {
  const baseline = hashOf(TEST_RULE_FILES);

  it('gives the same hash whatever the key order and layout of the YAML files', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        expect(hashOf(reorderKeys(TEST_RULE_FILES, seed))).toBe(baseline);
      }),
      { numRuns: 25 },
    );
  });

  it('ignores comments', () => {
    expect(hashOf(withFile('ruleset.yaml', (content) => `# reviewed by compliance\n${content}`))).toBe(
      baseline,
    );
  });

  it('changes the hash when a weight changes', () => {
    const files = withFile('indicators/workforce.yaml', (content) =>
      content.replace('points: 6\n', 'points: 7\n'),
    );
    expect(hashOf(files)).not.toBe(baseline);
  });

  it('changes the hash when a reference row changes', () => {
    const files = withFile('reference/tip.csv', (content) =>
      content.replace('MY,Malaysia,Tier 2 Watch List', 'MY,Malaysia,Tier 2'),
    );
    expect(hashOf(files)).not.toBe(baseline);
  });

  it('stores a content that is plain JSON and compiles back to the same hash', () => {
    const rules = compileRuleSet(parseRuleSet([...TEST_RULE_FILES]));
    const stored = JSON.parse(JSON.stringify(rules.content)) as typeof rules.content;
    expect(stored).toEqual(rules.content);
    expect(compileRuleSet(stored).hash).toBe(rules.hash);
  });

  it('exposes what reports and the importer need', () => {
    const rules = compileRuleSet(parseRuleSet([...TEST_RULE_FILES]));
    expect(rules).toMatchObject({
      name: 'Test rules',
      version: 't1',
      thresholds: { medium: 20, high: 40, critical: 60 },
    });
    expect(rules.editions).toEqual([
      {
        id: 'tip',
        title: 'TIP tiers',
        publisher: 'US DoS',
        edition: 'TIP test',
        file: 'reference/tip.csv',
        rows: 6,
      },
      {
        id: 'goods',
        title: 'DOL goods',
        publisher: 'US DOL',
        edition: 'DOL test',
        file: 'reference/goods.csv',
        rows: 6,
      },
    ]);
    expect(rules.fieldsRead.slice(0, 5)).toEqual(['country', 'region', 'sector', 'subSector', 'products']);
    expect(rules.resolveSector('Apparel')).toEqual({ sector: 'garments' });
    expect(rules.resolveSector('sewing')).toEqual({ sector: 'garments', subSector: 'cut-make-trim' });
    expect(rules.resolveSubSector('Cocoa Beans')).toBe('cocoa');
    expect(rules.inferSector(['smartphones', 'laptops', 'cacao'])).toEqual({
      sector: 'electronics',
      subSector: 'assembly',
    });
    expect(rules.matchGoods(['Cocoa beans', 'T-Shirts'])).toEqual([
      { product: 'Cocoa beans', good: 'Cocoa' },
      { product: 'T-Shirts', good: 'Garments' },
    ]);
    expect(Object.isFrozen(rules.content)).toBe(true);
  });
});
