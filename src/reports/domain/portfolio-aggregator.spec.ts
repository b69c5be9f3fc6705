import { describe, expect, it } from '@jest/globals';
import { compileRuleSet } from '../../rules/domain/compile-rule-set.js';
import { parseRuleSet } from '../../rules/domain/parse-rule-set.js';
import type { AssessmentResult, RiskTier } from '../../scoring/domain/assessment-result.js';
import type { ScreeningFindings } from '../../scoring/domain/screening-findings.js';
import { priorityReason, priorityScore } from '../../scoring/domain/priority.js';
import { scoreSupplier } from '../../scoring/domain/scoring-engine.js';
import {
  makeSupplier as makeScoringSupplier,
  TEST_RULE_FILES,
} from '../../scoring/domain/testing/test-rule-set.js';
import type { SupplierField } from '../../suppliers/domain/supplier-record.js';
import {
  comparePriority,
  MOST_OPEN_QUESTIONS,
  NO_SECTOR,
  PortfolioAggregator,
  PRIORITY_ORDER,
  type PortfolioContext,
  type PortfolioItem,
} from './portfolio-aggregator.js';
import {
  makeAssessment,
  makeContribution,
  makeOpenQuestion,
  makeRangedAssessment,
  makeRuleSetInfo,
  makeSupplier,
  makeUncertainty,
  METHODOLOGY,
  SCREENING_EDITIONS,
} from './testing/report-factories.js';

const context: PortfolioContext = {
  reportId: 'RPT-AGG-1',
  generatedAt: '2025-02-01T10:00:00.000Z',
  generatedBy: 'auditor@example.com',
  filters: [],
  ruleSet: makeRuleSetInfo(),
  imports: [],
  screening: { editions: SCREENING_EDITIONS, lastRun: null },
  methodology: METHODOLOGY,
};

function item(
  name: string,
  tier: RiskTier,
  score: number,
  overrides: Partial<PortfolioItem> = {},
): PortfolioItem {
  return {
    supplier: makeSupplier({ name, externalRef: name }),
    assessment: makeAssessment({ tier, pointsTier: tier, score, redFlags: [] }),
    ...overrides,
  };
}

describe(PortfolioAggregator.name, () => {
  it('counts suppliers per tier, sector and country, and leaves unassessed suppliers out of the shares', () => {
    const sut = new PortfolioAggregator();
    sut.add(item('a', 'high', 60));
    sut.add(
      item('b', 'low', 10, { supplier: makeSupplier({ name: 'b', country: 'PL', sector: undefined }) }),
    );
    sut.add({ supplier: makeSupplier({ name: 'not yet scored' }) });

    const data = sut.build(context);

    expect(data.totals).toEqual({ suppliers: 3, assessed: 2, redFlagged: 0, averageScore: 35 });
    expect(data.tierCounts).toEqual({ low: 1, medium: 0, high: 1, critical: 0 });
    expect(data.bySector.map((entry) => [entry.key, entry.count])).toEqual([
      ['garments', 1],
      [NO_SECTOR, 1],
    ]);
    expect(data.byCountry.map((entry) => entry.key)).toEqual(['PL', 'VN']);
  });

  it('gives each country its average and highest score, and lists every country riskiest first', () => {
    const sut = new PortfolioAggregator();
    const at = (country: string) => ({ supplier: makeSupplier({ name: `site in ${country}`, country }) });
    for (let i = 0; i < 6; i++) {
      sut.add(item(`cn ${i}`, 'medium', 40 + i, at('CN')));
    }
    sut.add(item('mm', 'critical', 88, at('MM')));
    sut.add(item('ru a', 'high', 60, at('RU')));
    sut.add(item('ru b', 'critical', 88, at('RU')));

    const data = sut.build(context);

    expect(
      data.byCountry.map((entry) => [entry.key, entry.count, entry.averageScore, entry.maxScore]),
    ).toEqual([
      ['CN', 6, 42.5, 45],
      ['RU', 2, 74, 88],
      ['MM', 1, 88, 88],
    ]);
    // Same highest score: the higher average first; the country of most suppliers last.
    expect(data.countriesByRisk.map((entry) => entry.key)).toEqual(['MM', 'RU', 'CN']);
  });

  it('averages the score per country and sector cell and counts the high or critical ones', () => {
    const sut = new PortfolioAggregator();
    sut.add(item('a', 'critical', 80));
    sut.add(item('b', 'medium', 40));

    const cell = sut.build(context).heatTable.cells.find((candidate) => candidate.country === 'VN');

    expect(cell).toEqual({
      country: 'VN',
      sector: 'garments',
      count: 2,
      averageScore: 60,
      highOrCritical: 1,
    });
  });

  it('keeps the 50 suppliers to act on first, in order', async () => {
    const items = Array.from({ length: 120 }, (_, index) =>
      item(`supplier ${String(index).padStart(3, '0')}`, index % 2 === 0 ? 'high' : 'medium', index % 50, {
        supplier: makeSupplier({
          name: `supplier ${String(index).padStart(3, '0')}`,
          annualSpend: index * 1000,
        }),
      }),
    );
    items.push(item('critical one', 'critical', 20));

    const data = (await new PortfolioAggregator().addAll(items)).build(context);

    expect(data.priorityList).toHaveLength(50);
    expect(data.priorityList[0]).toMatchObject({ rank: 1, name: 'critical one' });
    // Highest high-tier score is 48 (indexes 48 and 98); the larger spend (index 98) comes first.
    expect(data.priorityList[1]).toMatchObject({ rank: 2, name: 'supplier 098', score: 48 });
    expect(data.priorityList[2]).toMatchObject({ name: 'supplier 048', score: 48 });
    const sorted = [...data.priorityList].sort(comparePriority);
    expect(sorted.map((entry) => entry.name)).toEqual(data.priorityList.map((entry) => entry.name));
    expect(data.priorityList.every((entry) => entry.tier !== 'medium')).toBe(true);
  });

  describe('the order of the priority list', () => {
    const flag = {
      indicatorId: 'ilo.debt-bondage',
      title: 'Debt bondage',
      minimumTier: 'critical' as const,
      evidence: 'Debt bondage: yes',
    };
    function ranked(
      name: string,
      assessment: Partial<AssessmentResult>,
      annualSpend?: number,
      supplierId?: string,
    ): PortfolioItem {
      return {
        supplierId,
        supplier: makeSupplier({ name, externalRef: name, annualSpend }),
        assessment: makeAssessment({ redFlags: [], ...assessment }),
      };
    }
    const lowConfidence = (high: number) =>
      makeUncertainty({ range: { low: 10, high }, confidence: 0.3, confidenceLevel: 'low' });
    const awaiting = (openHits: number): ScreeningFindings => ({ confirmed: [], openHits });

    it('takes the steps PRIORITY_ORDER names one after the other: tier, red flags, reach, score, spend', () => {
      expect(PRIORITY_ORDER).toMatch(
        /tier.*red flags.*top of the scale.*hit awaiting review.*top of the range.*score and annual spend/,
      );
      const expected = [
        ranked('critical, no flag', { tier: 'critical', score: 20 }),
        ranked('high, two flags', { tier: 'high', score: 50, redFlags: [flag, flag] }),
        ranked('high, one flag', { tier: 'high', score: 60, redFlags: [flag] }),
        // An enforcement-list hit awaiting review ranks it at the top of the scale: ask first.
        {
          ...ranked('open enforcement-list hit, score 35', { tier: 'high', score: 35 }),
          screening: awaiting(1),
        },
        ranked('little known, reaches 90, score 40', {
          tier: 'high',
          score: 40,
          uncertainty: lowConfidence(90),
        }),
        ranked('little known, reaches 90, score 30', {
          tier: 'high',
          score: 30,
          uncertainty: lowConfidence(90),
        }),
        // Known well enough: ranked by its score, not by the top of its range.
        ranked('score 70, reaches 95', {
          tier: 'high',
          score: 70,
          uncertainty: makeUncertainty({ range: { low: 60, high: 95 }, confidenceLevel: 'medium' }),
        }),
        ranked('score 60, large spend', { tier: 'high', score: 60 }, 5_000_000),
        ranked('score 60, small spend', { tier: 'high', score: 60 }, 10_000),
        ranked('score 60, spend unknown', { tier: 'high', score: 60 }, undefined),
        ranked('medium', { tier: 'medium', score: 45, uncertainty: lowConfidence(70) }),
      ];
      const shuffled = expected.map((entry, index) => expected[(index * 7) % expected.length]);

      const sut = new PortfolioAggregator();
      shuffled.forEach((entry) => sut.add(entry));
      const list = sut.build(context).priorityList;

      expect(list.map((entry) => entry.name)).toEqual(expected.map((entry) => entry.supplier.name));
      expect(list.map((entry) => entry.rank)).toEqual(expected.map((_, index) => index + 1));
    });

    it('equals the supplier list sorted by priority: the stored priority, highest first, then the supplier id', () => {
      // Scores within 0.1 and spends within one log step tie in the stored priority; the list then goes by id.
      const items = [
        ranked('b', { tier: 'high', score: 55.04 }, 100_000, 'c1f0a000-0000-4000-8000-000000000002'),
        ranked('a', { tier: 'high', score: 55.01 }, 100_100, '0a9e0000-0000-4000-8000-000000000001'),
        ranked('c', { tier: 'high', score: 55.2 }, 1_000, 'ffff0000-0000-4000-8000-000000000003'),
        ranked('d', { tier: 'low', score: 5, redFlags: [] }, 0, '00000000-0000-4000-8000-000000000004'),
      ];
      const sut = new PortfolioAggregator();
      items.forEach((entry) => sut.add(entry));

      const list = sut.build(context).priorityList;

      const supplierList = items
        .map((entry) => ({
          id: entry.supplierId ?? '',
          priority: priorityScore(entry.assessment!, entry.supplier.annualSpend),
        }))
        .sort((x, y) => y.priority - x.priority || (x.id < y.id ? -1 : 1));
      expect(list.map((entry) => entry.supplierId)).toEqual(supplierList.map((entry) => entry.id));
      expect(list.map((entry) => entry.name)).toEqual(['c', 'a', 'b', 'd']);
    });

    it('says why each supplier is where it is, as the supplier list does', () => {
      const assessment = makeAssessment({ tier: 'high', score: 40, uncertainty: lowConfidence(88) });
      const sut = new PortfolioAggregator();
      sut.add({ supplier: makeSupplier(), assessment });

      const [entry] = sut.build(context).priorityList;

      expect(entry.reason).toBe(priorityReason(assessment));
      expect(entry.reason).toContain('its range reaches 88 (ask first)');
      expect(entry.priority).toBe(priorityScore(assessment, makeSupplier().annualSpend));
    });

    it("ranks and explains a supplier with hits awaiting review by its findings, as the supplier list's stored priority does", () => {
      const assessment = makeAssessment({
        tier: 'medium',
        score: 30,
        redFlags: [],
        uncertainty: lowConfidence(45),
      });
      const sut = new PortfolioAggregator();
      // Without its open hits, the first would come second: its range reaches lower.
      sut.add({ ...ranked('two open hits', assessment, 10_000), screening: awaiting(2) });
      sut.add(ranked('little known', { tier: 'medium', score: 38, uncertainty: lowConfidence(60) }));

      const [first, second] = sut.build(context).priorityList;

      expect([first.name, second.name]).toEqual(['two open hits', 'little known']);
      const withHits = { ...assessment, openScreeningHits: 2 };
      expect(first.reason).toBe(priorityReason(withHits));
      expect(first.reason).toBe('medium assessed tier, 2 enforcement-list hits awaiting review (ask first)');
      // What the screening service stores as the supplier's priority (RulesService.priority).
      expect(first.priority).toBe(priorityScore(withHits, 10_000));
      expect(first.priority).toBeGreaterThan(priorityScore(assessment, 10_000));
    });
  });

  describe('screening', () => {
    it('counts the hits in force of every supplier in scope, assessed or not, and carries the editions', () => {
      const sut = new PortfolioAggregator();
      sut.add({
        ...item('Hotan Taida Apparel', 'critical', 40),
        screeningHits: { hits: 0, potential: 1, confirmed: 1, dismissed: 0 },
      });
      sut.add({
        ...item('Dhaka Knit Composite Ltd', 'medium', 30),
        screeningHits: { hits: 0, potential: 1, confirmed: 0, dismissed: 1 },
      });
      sut.add({
        supplier: makeSupplier({ name: 'not yet scored' }),
        screeningHits: { hits: 2, potential: 0, confirmed: 0, dismissed: 0 },
      });
      sut.add(item('nothing raised', 'low', 10));

      const { screening } = sut.build(context);

      expect(screening).toEqual({
        editions: SCREENING_EDITIONS,
        lastRun: null,
        open: { hits: 2, potential: 2, suppliers: 3 },
        confirmed: { hits: 1, suppliers: 1 },
        dismissed: 1,
      });
    });
  });

  it('names the three contributions with the most points as main drivers', () => {
    const sut = new PortfolioAggregator();
    sut.add(
      item('a', 'high', 60, {
        assessment: makeAssessment({
          contributions: [
            makeContribution({ title: 'small', points: 2 }),
            makeContribution({ title: 'largest', points: 20 }),
            makeContribution({ title: 'mitigation', points: -5 }),
            makeContribution({ title: 'second', points: 12 }),
            makeContribution({ title: 'third', points: 8 }),
          ],
        }),
      }),
    );

    const drivers = sut.build(context).priorityList[0].mainDrivers;

    expect(drivers).toEqual([
      { title: 'largest', points: 20 },
      { title: 'second', points: 12 },
      { title: 'third', points: 8 },
    ]);
  });

  it('lists every red-flagged supplier with its flags, most severe first', () => {
    const sut = new PortfolioAggregator();
    const flag = {
      indicatorId: 'ilo-debt',
      title: 'Debt bondage reported',
      minimumTier: 'critical' as const,
      evidence: 'Debt bondage: yes',
    };
    sut.add(
      item('high one', 'high', 55, {
        assessment: makeAssessment({ tier: 'high', score: 55, redFlags: [flag] }),
      }),
    );
    sut.add(
      item('critical one', 'critical', 30, {
        assessment: makeAssessment({ tier: 'critical', score: 30, redFlags: [flag, flag] }),
      }),
    );
    sut.add(item('clean', 'low', 5));

    const data = sut.build(context);

    expect(data.totals.redFlagged).toBe(2);
    expect(data.redFlagged.map((supplier) => [supplier.name, supplier.redFlags.length])).toEqual([
      ['critical one', 2],
      ['high one', 1],
    ]);
  });

  it('measures completeness bands and the fields most often missing', () => {
    const sut = new PortfolioAggregator();
    const missing = (field: string) => ({ field, indicatorId: field, followUp: `collect ${field}` });
    sut.add(
      item('a', 'low', 5, {
        assessment: makeAssessment({
          dataCompleteness: 0.3,
          missingData: [missing('debtBondage'), missing('debtBondage')],
        }),
      }),
    );
    sut.add(
      item('b', 'low', 5, {
        assessment: makeAssessment({
          dataCompleteness: 0.8,
          missingData: [missing('debtBondage'), missing('isolation')],
        }),
      }),
    );

    const quality = sut.build(context).dataQuality;

    expect(quality.averageCompleteness).toBeCloseTo(0.55);
    expect(quality.completenessBands.map((band) => band.count)).toEqual([1, 0, 1]);
    expect(quality.mostMissingFields).toEqual([
      { field: 'debtBondage', missing: 2 },
      { field: 'isolation', missing: 1 },
    ]);
    expect(quality.missingFieldCount).toBe(2);
  });

  describe('data confidence', () => {
    const question = (indicatorId: string, couldRaiseRedFlag = false) =>
      makeOpenQuestion({ indicatorId, title: `Question ${indicatorId}`, couldRaiseRedFlag });

    it('counts levels, "could reach" by target tier and each open question once per supplier', () => {
      const sut = new PortfolioAggregator();
      sut.add(
        item('a', 'high', 56, {
          assessment: makeRangedAssessment({
            uncertainty: makeUncertainty({
              confidenceLevel: 'low',
              couldReach: 'critical',
              // The same indicator twice (two fields): one supplier, flagged because one entry could raise a flag.
              openQuestions: [question('debt', true), question('debt'), question('housing')],
            }),
          }),
        }),
      );
      sut.add(
        item('b', 'medium', 30, {
          assessment: makeRangedAssessment({
            uncertainty: makeUncertainty({
              confidenceLevel: 'low',
              couldReach: 'high',
              openQuestions: [question('debt'), question('housing')],
            }),
          }),
        }),
      );
      sut.add(
        item('c', 'low', 5, {
          assessment: makeRangedAssessment({
            uncertainty: makeUncertainty({
              confidenceLevel: 'high',
              couldReach: undefined,
              openQuestions: [],
            }),
          }),
        }),
      );
      sut.add(item('made before ranges', 'high', 60));
      sut.add({ supplier: makeSupplier({ name: 'not yet scored' }) });

      const data = sut.build(context);

      expect(data.dataConfidence).toEqual({
        withRange: 3,
        withoutRange: 1,
        byLevel: { low: 2, medium: 0, high: 1 },
        couldReach: { low: 0, medium: 0, high: 1, critical: 1 },
        distinctQuestions: 2,
        mostOpenQuestions: [
          { indicatorId: 'debt', title: 'Question debt', suppliers: 2, couldRaiseRedFlag: 1 },
          { indicatorId: 'housing', title: 'Question housing', suppliers: 2, couldRaiseRedFlag: 0 },
        ],
      });
      expect(data.totals.assessed).toBe(data.dataConfidence.withRange + data.dataConfidence.withoutRange);
    });

    it(`keeps the ${MOST_OPEN_QUESTIONS} questions open for the most suppliers and counts all of them`, () => {
      const sut = new PortfolioAggregator();
      // Question i is open for i + 1 suppliers.
      for (let supplier = 0; supplier < 15; supplier++) {
        const open = Array.from({ length: 15 }, (_, index) => index).filter((index) => index >= supplier);
        sut.add(
          item(`s${supplier}`, 'medium', 30, {
            assessment: makeRangedAssessment({
              uncertainty: makeUncertainty({ openQuestions: open.map((index) => question(`q${index}`)) }),
            }),
          }),
        );
      }

      const confidence = sut.build(context).dataConfidence;

      expect(confidence.distinctQuestions).toBe(15);
      expect(confidence.mostOpenQuestions.map((entry) => [entry.indicatorId, entry.suppliers])).toEqual(
        Array.from({ length: MOST_OPEN_QUESTIONS }, (_, rank) => [`q${14 - rank}`, 15 - rank]),
      );
    });

    it('leaves assessments made before ranges out of every confidence figure', () => {
      const sut = new PortfolioAggregator();
      sut.add(item('old', 'high', 60));

      const confidence = sut.build(context).dataConfidence;

      expect(confidence).toEqual({
        withRange: 0,
        withoutRange: 1,
        byLevel: { low: 0, medium: 0, high: 0 },
        couldReach: { low: 0, medium: 0, high: 0, critical: 0 },
        distinctQuestions: 0,
        mostOpenQuestions: [],
      });
    });

    it("agrees with the engine's own assessments, supplier by supplier", () => {
      const rules = compileRuleSet(parseRuleSet([...TEST_RULE_FILES]));
      const removable: SupplierField[] = [
        'sector',
        'products',
        'migrantWorkerPct',
        'usesLabourAgency',
        'debtBondage',
        'movementRestricted',
        'recruitmentFeesPaidByWorkers',
      ];
      // Each supplier lacks a different subset of the fields, so levels, reach and questions vary.
      const assessments: AssessmentResult[] = Array.from({ length: 40 }, (_, index) => {
        const supplier = makeScoringSupplier({ country: index % 2 === 0 ? 'MY' : 'DE' });
        removable.forEach((field, bit) => {
          if ((index * 37) & (1 << bit)) {
            delete supplier[field];
          }
        });
        return scoreSupplier(supplier, rules, '2025-06-30');
      });
      const sut = new PortfolioAggregator();
      assessments.forEach((assessment, index) =>
        sut.add({ supplier: makeSupplier({ name: `s${index}` }), assessment }),
      );

      const confidence = sut.build(context).dataConfidence;

      const ranged = assessments.flatMap((assessment) =>
        assessment.uncertainty ? [assessment.uncertainty] : [],
      );
      expect(ranged).toHaveLength(assessments.length);
      expect(confidence.withRange).toBe(ranged.length);
      for (const level of ['low', 'medium', 'high'] as const) {
        expect(confidence.byLevel[level]).toBe(ranged.filter((u) => u.confidenceLevel === level).length);
      }
      for (const tier of ['medium', 'high', 'critical'] as const) {
        expect(confidence.couldReach[tier]).toBe(ranged.filter((u) => u.couldReach === tier).length);
      }
      expect(confidence.mostOpenQuestions.length).toBeGreaterThan(0);
      for (const entry of confidence.mostOpenQuestions) {
        const openFor = ranged.filter((u) =>
          u.openQuestions.some((q) => q.indicatorId === entry.indicatorId),
        );
        const flagFor = openFor.filter((u) =>
          u.openQuestions.some((q) => q.indicatorId === entry.indicatorId && q.couldRaiseRedFlag),
        );
        expect([entry.suppliers, entry.couldRaiseRedFlag]).toEqual([openFor.length, flagFor.length]);
      }
      expect(new Set(ranged.map((u) => u.confidenceLevel)).size).toBeGreaterThan(1);
    });
  });
});
