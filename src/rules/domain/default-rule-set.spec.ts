import { beforeAll, describe, expect, it } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { scoreSupplier } from '../../scoring/domain/scoring-engine.js';
import { makeSupplier } from '../../scoring/domain/testing/test-rule-set.js';
import { SECTORS } from '../../suppliers/domain/supplier-record.js';
import { compileRuleSet, type CompiledRuleSet } from './compile-rule-set.js';
import { loadRuleSetFiles } from './load-rule-files.js';
import { parseRuleSet, type RuleFile } from './parse-rule-set.js';
import { formatIssue, RuleSetValidationError } from './rule-set-validation-error.js';

// The shipped rules/ directory: it must load, and its weights must behave as rules/README.md says.
// Expected scores are worked out from the reference csv rows quoted in each comment.

const RULES_DIR = fileURLToPath(new URL('../../../rules/', import.meta.url));
const DATE = '2025-06-30';

let files: RuleFile[];
let rules: CompiledRuleSet;

beforeAll(async () => {
  files = await loadRuleSetFiles(RULES_DIR);
  try {
    rules = compileRuleSet(parseRuleSet(files));
  } catch (error) {
    // Show every issue, not only the count, when the shipped rules break.
    throw error instanceof RuleSetValidationError
      ? new Error(error.issues.map(formatIssue).join('\n'))
      : error;
  }
});

function pointsById(supplier: Parameters<typeof scoreSupplier>[0]): Record<string, number> {
  return Object.fromEntries(
    scoreSupplier(supplier, rules, DATE).contributions.map((c) => [c.indicatorId, c.points]),
  );
}

describe('the shipped rules/ directory', () => {
  it('loads and validates, with every reference table and its edition', () => {
    expect(files.map((file) => file.path)).toEqual(expect.arrayContaining(['ruleset.yaml', 'taxonomy.yaml']));
    expect(rules.editions.map((edition) => edition.id)).toEqual([
      'us-tip-tiers',
      'gsi-prevalence',
      'gsi-government-response',
      'ituc-rights-index',
      'us-dol-goods',
    ]);
    expect(rules.editions.every((edition) => edition.rows > 100 && edition.edition !== '')).toBe(true);
    expect(rules.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('raises red flags only for facts about the site: the 11 ILO indicators, child labour, an import-ban region', () => {
    const flagged = rules.content.indicators
      .filter((indicator) => indicator.redFlag)
      .map((indicator) => indicator.id);
    expect(flagged.filter((id) => id.startsWith('ilo.'))).toHaveLength(11);
    expect(flagged.filter((id) => !id.startsWith('ilo.')).sort()).toEqual([
      'child-labour.reported',
      'country.xinjiang-uflpa',
    ]);
  });

  it('describes every canonical sector in the taxonomy', () => {
    expect(rules.content.taxonomy.map((sector) => sector.id)).toEqual([...SECTORS]);
  });

  it('cocoa from Côte d’Ivoire carries the forced and child labour goods as inherent risk, not as a red flag', () => {
    const supplier = makeSupplier({
      country: 'CI',
      sector: 'agriculture',
      subSector: 'cocoa',
      products: ['cocoa beans'],
    });
    const result = scoreSupplier(supplier, rules, DATE);
    // country: TIP Tier 2 4 + GSI 7.3/1000 6 + government response 37 4 + ITUC 3 1 = 15
    // sector: agriculture 8 + cocoa 5 = 13 | goods: Cocoa CI forced 10 + child 6 = 16, capped 15
    // total 15 + 13 + 15 = 43 -> medium; a listed good is inherent risk with its evidence, not a red flag
    expect(pointsById(supplier)).toEqual({
      'country.us-tip-tier': 4,
      'country.gsi-prevalence': 6,
      'country.gsi-government-response': 4,
      'country.ituc-rights': 1,
      'sector.base': 8,
      'sector.high-risk-sub-sector': 5,
      'goods.dol-forced-labour': 10,
      'goods.dol-child-labour': 5,
    });
    // Inherent risk alone reaches high (from 40), never critical (from 70): no red flag.
    expect(result.score).toBe(43);
    expect(result.tier).toBe('high');
    expect(result.redFlags).toEqual([]);
    expect(result.contributions.find((c) => c.indicatorId === 'goods.dol-forced-labour')?.evidence).toBe(
      'Product "cocoa beans": Cocoa from Côte d’Ivoire is on the US DOL List of Goods Produced by Child Labor or Forced Labor for forced labour (DOL 2024)',
    );
  });

  it('a fully answered German machine-parts maker is low risk', () => {
    const result = scoreSupplier(makeSupplier(), rules, DATE);
    // country: Tier 1 0 + GSI 0.6 0 + response 62 0 + ITUC 1 0 | sector: manufacturing 4 | goods: none
    expect(result.score).toBe(4);
    expect(result.tier).toBe('low');
  });

  it('a supplier known only by name and country scores what is known, with the unknowns as a range', () => {
    const result = scoreSupplier({ name: 'Unknown GmbH', country: 'DE' }, rules, DATE);
    // Known: country 0 (Tier 1, GSI 0.6, response 62, ITUC 1); nothing else is charged.
    // Best answers: services 2, nothing else, mitigation cannot go below the floor of 2 -> 2.
    // Worst answers: agriculture 8 + a high-risk sub-sector 5 = 13 (fishing's 10 has no such sub-sector, and one
    // sector answers both) | no goods listed for DE | workforce 5 + 3 = 8 | recruitment 3 + 5 = 8 | living 3
    // supply chain 3 + 1 = 4 | ILO indicators and child labour are red flags, never assumed -> 36
    expect(result.score).toBe(0);
    expect(result.tier).toBe('low');
    expect(result.redFlags).toEqual([]);
    expect(result.contributions).toEqual([]);
    expect(result.uncertainty).toMatchObject({
      range: { low: 2, high: 36 },
      confidenceLevel: 'low',
      couldReach: 'medium',
    });
    const questions = result.uncertainty!.openQuestions;
    expect(questions.filter((q) => q.couldRaiseRedFlag).map((q) => q.indicatorId)).toHaveLength(12);
    expect(questions.slice(0, 12).every((q) => q.couldRaiseRedFlag)).toBe(true);
    expect(questions.find((q) => q.indicatorId.startsWith('goods.'))).toBeUndefined();
    expect(result.dataCompleteness).toBe(0.036);
  });

  it('a spinner in Xinjiang is critical', () => {
    const supplier = makeSupplier({
      country: 'CN',
      region: 'Xinjiang',
      sector: 'garments',
      subSector: 'spinning',
      products: ['cotton yarn'],
    });
    const result = scoreSupplier(supplier, rules, DATE);
    // country: Tier 3 12 + GSI 4.0 4 + response 40 2 + ITUC 5 3 = 21 | import ban 10
    // sector: garments 8 + spinning 5 = 13 | goods: "cotton yarn" = Thread/Yarn, CN forced labour (2022 row) 10
    // total 21 + 10 + 13 + 10 = 54 -> high by points, critical by the UFLPA region
    expect(pointsById(supplier)).toMatchObject({
      'country.xinjiang-uflpa': 10,
      'goods.dol-forced-labour': 10,
    });
    expect(result.score).toBe(54);
    expect(result.tier).toBe('critical');
  });

  it('nitrile gloves from Malaysia match the listed Rubber Gloves', () => {
    const result = scoreSupplier(
      makeSupplier({
        country: 'MY',
        sector: 'manufacturing',
        subSector: 'medical-gloves',
        products: ['nitrile gloves'],
      }),
      rules,
      DATE,
    );
    // country: Tier 2 4 + GSI 6.3 4 + response 45 2 + ITUC 5 3 = 13 | sector: manufacturing 4 | goods: forced 10
    expect(result.score).toBe(27);
    expect(result.tier).toBe('medium');
    expect(result.contributions.map((c) => c.indicatorId)).toContain('goods.dol-forced-labour');
  });

  it('polysilicon from China carries its listed good even outside Xinjiang', () => {
    const result = scoreSupplier(
      makeSupplier({
        country: 'CN',
        region: 'Jiangsu',
        sector: 'electronics',
        subSector: 'solar',
        products: ['Polysilicon'],
      }),
      rules,
      DATE,
    );
    // country 21 | sector: electronics 7 + solar 5 = 12 | goods: Polysilicon CN forced 10 -> 43, high
    expect(result.score).toBe(43);
    expect(result.tier).toBe('high');
    expect(result.redFlags).toEqual([]);
  });

  it('maps uploaded sector texts and products onto the taxonomy', () => {
    expect(rules.resolveSector('Textiles & Apparel')).toEqual({ sector: 'garments' });
    expect(rules.resolveSector('Agriculture - Cocoa')).toEqual({ sector: 'agriculture', subSector: 'cocoa' });
    expect(rules.resolveSector('CMT')).toEqual({ sector: 'garments', subSector: 'cut-make-trim' });
    expect(rules.resolveSector('Electronics manufacturing services')).toEqual({ sector: 'electronics' });
    expect(rules.resolveSector('Gold mining')).toEqual({ sector: 'mining' });
    expect(rules.resolveSector('IT services')).toEqual({ sector: 'services' });
    expect(rules.resolveSector('Zzz')).toBeUndefined();
    expect(rules.inferSector(['cotton yarn', 'dyed fabric', 'cocoa'])).toEqual({
      sector: 'garments',
      subSector: 'spinning',
    });
    expect(rules.inferSector(['office chairs'])).toBeUndefined();
  });

  it('matches products to listed goods regardless of case, plural and synonym', () => {
    const goods = (product: string): string[] => rules.matchGoods([product]).map((match) => match.good);
    expect(goods('Cocoa Beans')).toEqual(['Cocoa']);
    expect(goods('GARMENTS')).toEqual(['Garments']);
    expect(goods('garment')).toEqual(['Garments']);
    expect(goods('cotton yarn')).toEqual(['Thread/Yarn']);
    expect(goods('cotton shirts')).toEqual(['Cotton', 'Garments']);
    expect(goods('tin ore')).toEqual(['Tin ore (cassiterite)']);
    expect(goods('Tomato')).toEqual(['Tomatoes']);
    expect(goods('office chairs')).toEqual([]);
  });
});
