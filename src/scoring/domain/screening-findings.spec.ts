import { describe, expect, it } from '@jest/globals';
import { compileRuleSet } from '../../rules/domain/compile-rule-set.js';
import { parseRuleSet } from '../../rules/domain/parse-rule-set.js';
import { makeSupplier, TEST_RULE_FILES } from './testing/test-rule-set.js';
import { scoreSupplier } from './scoring-engine.js';
import { compactAssessment, expandAssessment } from './stored-assessment.js';
import { confirmedListingEvidence, screeningRedFlags, type ConfirmedListing } from './screening-findings.js';

const TAIDA: ConfirmedListing = {
  list: 'uflpa',
  editionAsOf: '2026-08-03',
  entryName: 'Hetian Taida Apparel Co., Ltd',
  section: '2(d)(2)(B)(i); 2(d)(2)(B)(v)',
  effectiveDate: '2022-06-21',
  matched: 'Hetian TEDA Garment',
  party: 'supplier name "Hotan Teda Garment Factory"',
  decidedBy: 'officer@brand.example',
  decidedOn: '2026-12-07',
  reason: 'Same registration number as the listed entity',
};

describe(confirmedListingEvidence.name, () => {
  it('cites the list, its edition, the sections, the effective date, both names and the decision', () => {
    expect(confirmedListingEvidence(TAIDA)).toBe(
      'UFLPA Entity List (edition as of 2026-08-03), sections 2(d)(2)(B)(i); 2(d)(2)(B)(v), effective ' +
        '2022-06-21: "Hetian Taida Apparel Co., Ltd" matched as "Hetian TEDA Garment" on the supplier name ' +
        '"Hotan Teda Garment Factory"; confirmed by officer@brand.example on 2026-12-07: Same registration ' +
        'number as the listed entity',
    );
  });

  it('cites a CBP order by its type and date', () => {
    const order: ConfirmedListing = {
      ...TAIDA,
      list: 'cbp-wro',
      editionAsOf: '2026-06-23',
      entryName: 'Turkmenistan: Cotton (all Turkmenistan cotton ...)',
      section: 'WRO',
      effectiveDate: '2018-05-18',
      matched: 'Turkmenistan: cotton',
      party: 'site (Turkmenistan; Cotton yarn)',
      decidedBy: null,
    };
    expect(confirmedListingEvidence(order)).toMatch(
      /^CBP withhold release orders and findings \(edition as of 2026-06-23\), WRO, effective 2018-05-18: .* on the site \(Turkmenistan; Cotton yarn\); confirmed on 2026-12-07: /,
    );
  });
});

describe('scoring with screening findings', () => {
  const rules = compileRuleSet(parseRuleSet([...TEST_RULE_FILES]));
  const supplier = makeSupplier({ country: 'DE', sector: 'services' });

  it('makes a confirmed hit a critical red flag whatever the points, with its action first', () => {
    const without = scoreSupplier(supplier, rules, '2026-12-07');
    const sut = scoreSupplier(supplier, rules, '2026-12-07', { confirmed: [TAIDA], openHits: 0 });
    expect(without.tier).not.toBe('critical');
    expect(sut.tier).toBe('critical');
    expect(sut.pointsTier).toBe(without.pointsTier);
    expect(sut.score).toBe(without.score);
    expect(sut.redFlags).toEqual([
      ...without.redFlags,
      ...screeningRedFlags({ confirmed: [TAIDA], openHits: 0 }),
    ]);
    expect(sut.redFlags.at(-1)).toMatchObject({
      indicatorId: 'screening.uflpa',
      title: 'Named on the UFLPA Entity List',
      minimumTier: 'critical',
    });
    expect(sut.recommendedActions[0]).toMatch(/^Stop imports into the US of goods made wholly or in part/);
    expect(sut.uncertainty?.couldReach).toBeUndefined();
  });

  it('sets no tier for hits that only await a decision', () => {
    const sut = scoreSupplier(supplier, rules, '2026-12-07', { confirmed: [], openHits: 3 });
    expect(sut).toEqual(scoreSupplier(supplier, rules, '2026-12-07'));
  });

  it('stores an assessment with a confirmed hit and gives it back as made', () => {
    const sut = scoreSupplier(supplier, rules, '2026-12-07', { confirmed: [TAIDA], openHits: 0 });
    expect(expandAssessment(compactAssessment(sut, rules), rules)).toEqual(sut);
  });
});
