import { describe, expect, it } from '@jest/globals';
import { compileRuleSet } from '../../rules/domain/compile-rule-set.js';
import { parseRuleSet } from '../../rules/domain/parse-rule-set.js';
import type { SupplierRecord } from '../../suppliers/domain/supplier-record.js';
import type { AssessmentResult } from './assessment-result.js';
import { explainSupplierScore, scoreSupplier } from './scoring-engine.js';
import { ScoringError } from './scoring-error.js';
import { TEST_RULE_FILES, makeSupplier } from './testing/test-rule-set.js';

// Golden scenarios on the small test rule set (src/scoring/testing/test-rule-set.ts). Its weights, in short:
//   country  (cap 20, inherent): TIP Tier 1 0 / Tier 2 5 / Watch List 10 / Tier 3 15, not in table 10;
//                                 Xinjiang region in CN 5 (red flag critical)
//   sector   (cap 10, inherent): fishing 8, agriculture/garments/mining 6, electronics 5, construction 4,
//                                 manufacturing/other 3, services 1; high-risk sub-sector 4
//   goods    (cap 15, inherent): DOL forced labour 10 (red flag high), child labour 5
//   workforce (cap 15): migrants <10% 0, 10-30% 4, 30-60% 8, >=60% 12; temporary >=25% 3
//   recruitment (cap 12): agency 4, fees 6, housing 3, >=30% migrants who paid fees 2
//   ilo (cap 10): debt bondage 2 (critical), documents 2 (critical), overtime 2 (high), child labour 2 (high)
//   mitigation (cap 10): audit within 12 months 6, grievance 3, certification 3
//   tiers: medium >= 20, high >= 40, critical >= 60. Unknown values add nothing; they make the range.

const rules = compileRuleSet(parseRuleSet([...TEST_RULE_FILES]));
const DATE = '2025-06-30';

function assess(supplier: SupplierRecord): AssessmentResult {
  return scoreSupplier(supplier, rules, DATE);
}

function pointsById(result: AssessmentResult): Record<string, number> {
  return Object.fromEntries(result.contributions.map((c) => [c.indicatorId, c.points]));
}

function redFlagIds(result: AssessmentResult): string[] {
  return result.redFlags.map((flag) => flag.indicatorId);
}

function missingFields(result: AssessmentResult): string[] {
  return result.missingData.map((datum) => datum.field);
}

describe(scoreSupplier.name, () => {
  describe('garments', () => {
    it('a cut-make-trim factory in a Tier 2 Watch List country with 40% migrant workers who paid recruitment fees', () => {
      const result = assess(
        makeSupplier({
          country: 'MY',
          sector: 'garments',
          subSector: 'cut-make-trim',
          products: ['t-shirts'],
          migrantWorkerPct: 40,
          recruitmentFeesPaidByWorkers: true,
        }),
      );
      // country: MY Watch List 10 | sector: garments 6 + cut-make-trim 4 = 10
      // goods: t-shirts = Garments, not listed for MY -> 0 | workforce: 40% migrants -> 8
      // recruitment: fees 6 + migrants who paid fees 2 = 8 | total 10 + 10 + 8 + 8 = 36 -> medium
      expect(pointsById(result)).toEqual({
        'country.tip': 10,
        'sector.base': 6,
        'sector.high-risk-sub-sector': 4,
        'workforce.migrants': 8,
        'recruitment.fees': 6,
        'recruitment.indebted-migrants': 2,
      });
      expect(result.score).toBe(36);
      expect(result.tier).toBe('medium');
      expect(result.redFlags).toEqual([]);
      expect(result.contributions.find((c) => c.indicatorId === 'country.tip')?.evidence).toBe(
        'Country MY: US TIP Tier 2 Watch List (TIP test)',
      );
    });

    it('a Bangladeshi garment factory reporting debt bondage is critical whatever its points', () => {
      const result = assess(
        makeSupplier({
          country: 'BD',
          sector: 'garments',
          subSector: 'cut-make-trim',
          products: ['apparel'],
          debtBondage: true,
        }),
      );
      // country: BD Tier 2 5 | sector 6 + 4 = 10 | goods: apparel = Garments, BD child labour 5, forced no
      // ilo: debt bondage 2 | total 5 + 10 + 5 + 2 = 22 -> medium by points, critical by the red flag
      expect(pointsById(result)).toEqual({
        'country.tip': 5,
        'sector.base': 6,
        'sector.high-risk-sub-sector': 4,
        'goods.child-labour': 5,
        'ilo.debt-bondage': 2,
      });
      expect(result.score).toBe(22);
      expect(result.pointsTier).toBe('medium');
      expect(result.tier).toBe('critical');
      expect(redFlagIds(result)).toEqual(['ilo.debt-bondage']);
      expect(result.recommendedActions[0]).toBe('Escalate to the human-rights lead.');
    });

    it('a cotton spinner in Xinjiang is critical and cites the region', () => {
      const result = assess(
        makeSupplier({
          country: 'CN',
          region: 'Xinjiang Uyghur Autonomous Region',
          sector: 'garments',
          subSector: 'spinning',
          products: ['cotton yarn'],
        }),
      );
      // country: CN Tier 3 15 + Xinjiang 5 = 20 (cap 20) | sector 6 + 4 = 10
      // goods: "cotton yarn" names Cotton (the test goods table has no Thread/Yarn): forced 10 + child 5 = 15
      // total 20 + 10 + 15 = 45 -> high by points; red flags critical (Xinjiang) and high (goods) -> critical
      expect(pointsById(result)).toEqual({
        'country.tip': 15,
        'country.xinjiang': 5,
        'sector.base': 6,
        'sector.high-risk-sub-sector': 4,
        'goods.forced-labour': 10,
        'goods.child-labour': 5,
      });
      expect(result.score).toBe(45);
      expect(result.pointsTier).toBe('high');
      expect(result.tier).toBe('critical');
      expect(redFlagIds(result)).toEqual(['country.xinjiang', 'goods.forced-labour']);
      expect(result.redFlags[0].evidence).toBe(
        'Region Xinjiang Uyghur Autonomous Region is under the UFLPA import ban',
      );
    });

    it('mitigation stops at its cap of 10 even when more is earned', () => {
      const result = assess(
        makeSupplier({
          country: 'BD',
          sector: 'garments',
          subSector: 'cut-make-trim',
          products: ['t-shirts'],
          migrantWorkerPct: 40,
          recruitmentFeesPaidByWorkers: true,
          lastAuditDate: '2025-01-20',
          auditScheme: 'SMETA 4-pillar',
          grievanceMechanism: true,
          certifications: ['SA8000'],
        }),
      );
      // risk: country 5 + sector 10 + goods (Garments BD child) 5 + workforce 8 + recruitment 6 + 2 = 36
      // floor (inherent) = 5 + 10 + 5 = 20; mitigation earned 6 + 3 + 3 = 12, capped at 10 (the last gets 1)
      // relief = min(10, 36 - 20) = 10 -> score 26, medium
      expect(pointsById(result)).toMatchObject({
        'mitigation.audit': -6,
        'mitigation.grievance': -3,
        'mitigation.certification': -1,
      });
      expect(result.score).toBe(26);
      expect(result.tier).toBe('medium');
    });

    it('a supplier with a sector but nothing else known scores what is known and shows the rest as a range', () => {
      const result = assess({ name: 'Unknown distributor', country: 'DE', sector: 'services' });
      // known: country 0 | sector: services 1 (the sub-sector test is false for services: nothing open there)
      // worst: goods - nothing listed for DE | workforce 12 + 3 = 15 | recruitment 4 + 6 + 3 + 2 = 15, capped 12
      // ILO indicators and child labour would be red flags: never assumed -> 1 + 15 + 12 = 28
      // best: the same 1 (mitigation cannot go below the inherent floor of 1)
      expect(result.score).toBe(1);
      expect(result.tier).toBe('low');
      expect(result.redFlags).toEqual([]);
      expect(result.contributions.map((c) => c.indicatorId)).toEqual(['sector.base']);
      expect(result.uncertainty).toMatchObject({ range: { low: 1, high: 28 }, couldReach: 'medium' });
      const questions = result.uncertainty!.openQuestions;
      expect(questions.slice(0, 4).map((q) => [q.indicatorId, q.couldRaiseRedFlag])).toEqual([
        ['ilo.debt-bondage', true],
        ['ilo.documents', true],
        ['ilo.overtime', true],
        ['ilo.child-labour', true],
      ]);
      // Then by the points each leaves open: 40 %+ migrants (12) before fees (6) before the capped housing.
      expect(questions[4]).toMatchObject({
        indicatorId: 'workforce.migrants',
        best: 0,
        worst: 12,
        openPoints: 12,
      });
      expect(missingFields(result)).not.toContain('subSector');
      expect(missingFields(result)).not.toContain('products');
    });
  });

  describe('agriculture', () => {
    it('a cocoa cooperative in Côte d’Ivoire is flagged for a forced-labour good', () => {
      const result = assess(
        makeSupplier({ country: 'CI', sector: 'agriculture', subSector: 'cocoa', products: ['Cocoa Beans'] }),
      );
      // country: CI Tier 2 5 | sector 6 + 4 = 10 | goods: Cocoa CI forced 10 + child 5 = 15
      // total 30 -> medium by points, high by the forced-labour red flag
      expect(pointsById(result)).toEqual({
        'country.tip': 5,
        'sector.base': 6,
        'sector.high-risk-sub-sector': 4,
        'goods.forced-labour': 10,
        'goods.child-labour': 5,
      });
      expect(result.score).toBe(30);
      expect(result.pointsTier).toBe('medium');
      expect(result.tier).toBe('high');
      expect(result.redFlags[0].evidence).toBe(
        // The table's "Côte d'Ivoire" is Vigil's name with another apostrophe: given as Vigil spells it.
        'Cocoa Beans: Cocoa from Côte d’Ivoire is listed for forced labour (DOL test)',
      );
    });

    it('a Fairtrade cocoa exporter with a grievance mechanism earns relief above its floor', () => {
      const result = explainSupplierScore(
        makeSupplier({
          country: 'CI',
          sector: 'agriculture',
          subSector: 'cocoa',
          products: ['cacao'],
          migrantWorkerPct: 20,
          temporaryWorkerPct: 40,
          certifications: ['Fairtrade'],
          grievanceMechanism: true,
        }),
        rules,
        DATE,
      );
      // inherent: country 5 + sector 10 + goods 15 = 30 | workforce: 20% migrants 4 + 40% temporary 3 = 7
      // risk 37; relief: grievance 3 + certification 3 = 6 <= 37 - 30 -> score 31 (medium), red flag -> high
      expect(result.breakdown.inherentFloor).toBe(30);
      expect(result.breakdown.riskPoints).toBe(37);
      expect(result.breakdown.mitigationPoints).toBe(6);
      expect(result.result.score).toBe(31);
      expect(result.result.tier).toBe('high');
    });

    it('a Thai shrimp processor that answered nothing is assessed on what is known, and could reach critical', () => {
      const result = assess({
        name: 'Shrimp processor',
        country: 'TH',
        sector: 'agriculture',
        subSector: 'seafood',
        products: ['shrimp'],
      });
      // known: country TH Tier 2 5 | sector 6 + 4 = 10 | goods: Shrimp TH forced 10 (red flag high) -> 25
      // worst: + workforce 12 + 3 = 15 | recruitment 4 + 6 + 3 + 2 = 15, capped 12 -> 52
      // best: audit 6 + grievance 3 + certification 3 = 12, capped 10, but the floor is 25 -> 25
      expect(pointsById(result)).toEqual({
        'country.tip': 5,
        'sector.base': 6,
        'sector.high-risk-sub-sector': 4,
        'goods.forced-labour': 10,
      });
      expect(result.score).toBe(25);
      expect(result.tier).toBe('high');
      expect(result.uncertainty).toMatchObject({ range: { low: 25, high: 52 }, confidenceLevel: 'low' });
      expect(result.uncertainty!.couldReach).toBeUndefined();
    });

    it('an agricultural supplier with an unknown sub-sector has the sub-sector points open', () => {
      const result = assess(makeSupplier({ sector: 'agriculture', products: ['apples'] }));
      // known: country DE 0 | sector: agriculture 6 | goods: "apples" names no listed good -> open, none for DE
      expect(pointsById(result)).toEqual({ 'sector.base': 6 });
      expect(result.score).toBe(6);
      expect(result.tier).toBe('low');
      expect(result.uncertainty!.range).toEqual({ low: 6, high: 10 });
      expect(result.uncertainty!.openQuestions).toContainEqual(
        expect.objectContaining({
          indicatorId: 'sector.high-risk-sub-sector',
          fields: ['subSector'],
          followUp: 'Ask the supplier for the sub-sector.',
          best: 0,
          worst: 4,
          openPoints: 4,
        }),
      );
    });

    it('a supplier with no sector has both sector indicators open, answered by one sector', () => {
      const result = assess(makeSupplier({ sector: undefined }));
      // worst: fishing 8 has no high-risk sub-sector; agriculture 6 + 4 = 10 (the cap) | best: services 1
      expect(pointsById(result)).toEqual({});
      expect(result.score).toBe(0);
      expect(result.uncertainty!.range).toEqual({ low: 1, high: 10 });
    });
  });

  describe('electronics', () => {
    it('a smartphone assembler in Guangdong gets no relief from its audit: the floor holds', () => {
      const result = explainSupplierScore(
        makeSupplier({
          country: 'CN',
          region: 'Guangdong',
          sector: 'electronics',
          subSector: 'assembly',
          products: ['smartphones'],
          lastAuditDate: '2025-03-01',
          auditScheme: 'RBA VAP',
        }),
        rules,
        DATE,
      );
      // country: CN Tier 3 15, Guangdong is not Xinjiang | sector 5 + 4 = 9 | goods: Electronics CN forced 10
      // risk 34 = floor 34 -> the audit's 6 points cannot apply -> 34 (medium), red flag -> high
      expect(pointsById(result.result)).toEqual({
        'country.tip': 15,
        'sector.base': 5,
        'sector.high-risk-sub-sector': 4,
        'goods.forced-labour': 10,
        'mitigation.audit': 0,
      });
      expect(result.breakdown.inherentFloor).toBe(34);
      expect(result.result.score).toBe(34);
      expect(result.result.tier).toBe('high');
      expect(
        result.result.contributions.find((c) => c.indicatorId === 'mitigation.audit')?.evidence,
      ).toContain('mitigation cannot go below the inherent-risk floor of 34');
    });

    it('a Malaysian PCB maker with many migrants, an agency and dormitories, recently audited', () => {
      const result = assess(
        makeSupplier({
          country: 'MY',
          sector: 'electronics',
          subSector: 'components',
          products: ['printed circuit boards'],
          migrantWorkerPct: 70,
          usesLabourAgency: true,
          employerProvidedHousing: true,
          lastAuditDate: '2024-11-15',
          auditScheme: 'RBA',
          grievanceMechanism: true,
        }),
      );
      // country 10 | sector 5 + 4 = 9 | goods: Electronics MY forced 10 | workforce: 70% -> 12
      // recruitment: agency 4 + housing 3 = 7 | risk 48, floor 29
      // relief: audit 6 + grievance 3 = 9 <= 48 - 29 -> 39, medium by points, high by the red flag
      expect(pointsById(result)).toEqual({
        'country.tip': 10,
        'sector.base': 5,
        'sector.high-risk-sub-sector': 4,
        'goods.forced-labour': 10,
        'workforce.migrants': 12,
        'recruitment.agency': 4,
        'recruitment.housing': 3,
        'mitigation.audit': -6,
        'mitigation.grievance': -3,
      });
      expect(result.score).toBe(39);
      expect(result.tier).toBe('high');
    });

    it('child labour reported at a laptop assembler raises the tier to high', () => {
      const result = assess(
        makeSupplier({
          country: 'MY',
          sector: 'electronics',
          subSector: 'assembly',
          products: ['laptops'],
          childLabourReported: true,
        }),
      );
      // country 10 | sector 5 + 4 = 9 | goods: laptops are not a listed good in the test table -> 0
      // ilo: child labour 2 | total 21 -> medium by points, high by the red flag
      expect(result.score).toBe(21);
      expect(result.pointsTier).toBe('medium');
      expect(result.tier).toBe('high');
      expect(redFlagIds(result)).toEqual(['ilo.child-labour']);
    });

    it('a Chinese supplier with no region recorded has an open question that could raise a red flag', () => {
      const result = assess(makeSupplier({ country: 'CN' }));
      // known: country Tier 3 15 | sector: manufacturing 3 -> 18, low; the region is never assumed to be Xinjiang
      expect(pointsById(result)).toEqual({ 'country.tip': 15, 'sector.base': 3 });
      expect(result.score).toBe(18);
      expect(result.tier).toBe('low');
      expect(result.redFlags).toEqual([]);
      expect(result.uncertainty!.openQuestions[0]).toMatchObject({
        indicatorId: 'country.xinjiang',
        fields: ['region'],
        followUp: 'Record the province of the site.',
        couldRaiseRedFlag: true,
      });
    });
  });

  describe('any sector', () => {
    it('a fully answered German machine-parts maker is low risk', () => {
      const result = assess(makeSupplier());
      // sector: manufacturing 3; everything else known and clear; audit fields absent earn nothing
      expect(pointsById(result)).toEqual({ 'sector.base': 3 });
      expect(result.score).toBe(3);
      expect(result.tier).toBe('low');
      expect(missingFields(result)).toEqual(['lastAuditDate', 'auditScheme', 'certifications']);
      expect(result.recommendedActions).toEqual([]);
    });

    it('a question whose field another open question of its category reads settles the tier only if both answers do', () => {
      // recruitment (cap 12): agency 4 known; fees 0..6 and indebted migrants 0..2 both read the fees field, housing
      // 0..3 open. Fees answered "no" still leaves 37..40 (medium to high), so the fees question does not settle.
      const supplier = makeSupplier({
        country: 'CI',
        region: 'Xinjiang',
        sector: 'electronics',
        subSector: 'solar',
        products: ['smartphones'],
        migrantWorkerPct: 60,
        temporaryWorkerPct: 25,
        usesLabourAgency: true,
        identityDocumentsRetained: true,
        debtBondage: true,
        excessiveOvertime: true,
        childLabourReported: true,
        lastAuditDate: '2022-01-01',
        auditScheme: 'SMETA',
        certifications: ['RSPO'],
      });
      delete supplier.recruitmentFeesPaidByWorkers;
      delete supplier.employerProvidedHousing;
      const settles = (result: AssessmentResult): Record<string, boolean | undefined> =>
        Object.fromEntries(result.uncertainty!.openQuestions.map((q) => [q.indicatorId, q.settlesTier]));
      const open = assess(supplier);
      expect(settles(open)).toMatchObject({
        'recruitment.fees': false,
        'recruitment.indebted-migrants': false,
      });
      const answeredNo = assess({ ...supplier, recruitmentFeesPaidByWorkers: false });
      expect([open.uncertainty!.range, answeredNo.uncertainty!.range]).toEqual([
        { low: 37, high: 45 },
        { low: 37, high: 40 },
      ]);
      expect(settles(answeredNo)).toEqual({ 'recruitment.housing': true });
    });

    it('a country missing from the TIP table leaves the indicator open, with nothing to ask the supplier', () => {
      const result = assess(makeSupplier({ country: 'FR' }));
      // known: sector 3 | TIP open from Tier 1 (0) to Tier 3 (15)
      expect(pointsById(result)).toEqual({ 'sector.base': 3 });
      expect(result.score).toBe(3);
      expect(result.uncertainty!.range).toEqual({ low: 3, high: 18 });
      expect(result.uncertainty!.openQuestions).toEqual([
        expect.objectContaining({
          indicatorId: 'country.tip',
          fields: [],
          followUp:
            "TIP tiers (TIP test) has no value for the supplier's country: the indicator stays open until the table covers it",
        }),
        ...result.uncertainty!.openQuestions.slice(1),
      ]);
    });

    it('migrants at exactly 30% fall in the 30-60% band', () => {
      // sector 3 + migrants 8 = 11
      expect(assess(makeSupplier({ migrantWorkerPct: 30 })).score).toBe(11);
      // sector 3 + migrants 4 = 7
      expect(assess(makeSupplier({ migrantWorkerPct: 29.9 })).score).toBe(7);
    });

    it('several ILO indicators: each is a red flag, actions are listed once', () => {
      const result = assess(
        makeSupplier({
          debtBondage: true,
          identityDocumentsRetained: true,
          excessiveOvertime: true,
          childLabourReported: true,
        }),
      );
      // sector 3 + ilo 2 + 2 + 2 + 2 = 11 -> low by points; critical by debt bondage / documents
      expect(result.score).toBe(11);
      expect(result.tier).toBe('critical');
      expect(redFlagIds(result)).toEqual([
        'ilo.debt-bondage',
        'ilo.documents',
        'ilo.overtime',
        'ilo.child-labour',
      ]);
      expect(result.recommendedActions).toEqual([
        'Escalate to the human-rights lead.',
        'Ask for working-hours records.',
        'Start child-labour remediation.',
      ]);
    });

    it('an audit exactly 12 months old counts; one day older does not', () => {
      const base = { migrantWorkerPct: 15, grievanceMechanism: true, auditScheme: 'SMETA' };
      // risk: sector 3 + migrants 4 = 7, floor 3 -> at most 4 can be taken off
      // 2024-06-30: audit 6 + grievance 3 = 9, limited to 4 -> 3 (the floor)
      expect(assess(makeSupplier({ ...base, lastAuditDate: '2024-06-30' })).score).toBe(3);
      // 2024-06-29: the audit is stale; grievance 3 -> 4
      expect(assess(makeSupplier({ ...base, lastAuditDate: '2024-06-29' })).score).toBe(4);
    });

    it('an audit dated after the assessment date, or under an unrecognised scheme, earns nothing', () => {
      const base = { migrantWorkerPct: 15 };
      // sector 3 + migrants 4 = 7 in both cases
      expect(assess(makeSupplier({ ...base, lastAuditDate: '2025-07-01', auditScheme: 'SMETA' })).score).toBe(
        7,
      );
      expect(
        assess(makeSupplier({ ...base, lastAuditDate: '2025-05-01', auditScheme: 'ISO 9001' })).score,
      ).toBe(7);
    });

    it('reports data completeness against the fields the rules read', () => {
      const result = assess(makeSupplier());
      // The test rules read 18 fields; makeSupplier leaves region, subSector, lastAuditDate, auditScheme
      // and certifications out: 13 / 18 = 0.722
      expect(rules.fieldsRead).toHaveLength(18);
      expect(result.dataCompleteness).toBe(0.722);
      expect(result.ruleSetHash).toBe(rules.hash);
      expect(result.assessmentDate).toBe(DATE);
    });

    it('refuses an assessment date that is not a calendar date', () => {
      expect(() => scoreSupplier(makeSupplier(), rules, '2025-02-30')).toThrow(ScoringError);
      expect(() => scoreSupplier(makeSupplier(), rules, '30/06/2025')).toThrow(/YYYY-MM-DD/);
    });
  });
});
