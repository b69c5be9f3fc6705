import { beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { fileURLToPath } from 'node:url';
import { compileRuleSet, type CompiledRuleSet } from '../../rules/domain/compile-rule-set.js';
import { loadRuleSetFiles } from '../../rules/domain/load-rule-files.js';
import { parseRuleSet } from '../../rules/domain/parse-rule-set.js';
import { ILO_INDICATORS, SECTORS, type SupplierRecord } from '../../suppliers/domain/supplier-record.js';
import { RISK_TIERS } from './assessment-result.js';
import { explainSupplierScore, scoreSupplier, tierForScore } from './scoring-engine.js';
import {
  answeredSupplierArbitrary,
  OPTIONAL_FIELDS,
  supplierArbitrary,
} from './testing/supplier-arbitrary.js';
import { TEST_RULE_FILES } from './testing/test-rule-set.js';

// Properties that must hold for any supplier, on the test rules and on the shipped default rules.

const DATE = '2025-06-30';
const RUNS = { numRuns: 150 };

function without(supplier: SupplierRecord, ...fields: (keyof SupplierRecord)[]): SupplierRecord {
  const copy = { ...supplier };
  for (const field of fields) {
    delete copy[field];
  }
  return copy;
}

/** Open indicators no answer of the supplier can settle: a reference table without the country, unknown products. */
function referenceGaps(rules: CompiledRuleSet, supplier: SupplierRecord): number {
  const result = scoreSupplier(supplier, rules, DATE);
  const unrecognised = (supplier.products ?? []).filter(
    (product) => !rules.matchGoods([product]).some((match) => match.product === product),
  );
  return result.uncertainty!.openQuestions.filter((q) => q.fields.length === 0).length + unrecognised.length;
}

/**
 * Every combination of candidate answers for the removed fields, from the values the rules test: the engine's range
 * must be the lowest and highest score among them.
 */
function* completions(
  rules: CompiledRuleSet,
  supplier: SupplierRecord,
  removed: readonly (keyof SupplierRecord)[],
): Generator<SupplierRecord> {
  const [field, ...rest] = removed;
  if (field === undefined) {
    yield supplier;
    return;
  }
  for (const value of candidates(rules, supplier, field)) {
    yield* completions(rules, { ...supplier, [field]: value }, rest);
  }
}

function candidates(
  rules: CompiledRuleSet,
  supplier: SupplierRecord,
  field: keyof SupplierRecord,
): unknown[] {
  const definitions = rules.indicators.filter((i) => i.fields.includes(field as never));
  const texts = new Set<string>(['something else']);
  const numbers = new Set<number>([0, 1]);
  const visit = (condition: unknown): void => {
    if (!condition || typeof condition !== 'object') {
      return;
    }
    const c = condition as Record<string, unknown>;
    if (Array.isArray(c.all) || Array.isArray(c.any)) {
      ((c.all ?? c.any) as unknown[]).forEach(visit);
      return;
    }
    if (c.field !== field) {
      return;
    }
    for (const v of [c.value, ...((c.values as unknown[]) ?? [])]) {
      if (typeof v === 'string') {
        texts.add(v);
      } else if (typeof v === 'number') {
        numbers
          .add(v)
          .add(v - 1)
          .add(v + 1);
      }
    }
  };
  for (const indicator of definitions) {
    const d = indicator.definition;
    if ('when' in d) {
      visit(d.when);
    }
    if ('bands' in d) {
      for (const band of d.bands) {
        if ('from' in band && band.from !== undefined) {
          numbers.add(band.from);
        }
        if ('to' in band && band.to !== undefined) {
          numbers.add(band.to - 0.5);
        }
        if ('values' in band) {
          band.values.forEach((v) => texts.add(v));
        }
      }
    }
  }
  if (field === 'sector') {
    return [...SECTORS];
  }
  if (field === 'subSector') {
    return [...rules.content.taxonomy.flatMap((s) => s.subSectors.map((sub) => sub.id)), 'something else'];
  }
  if (field === 'products') {
    const table = rules.content.referenceTables.find((t) => t.key === 'good-country')!;
    const [alpha2, good] = [table.columns.indexOf('alpha2'), table.columns.indexOf('good')];
    const listed = table.rows.filter((row) => row[alpha2] === supplier.country).map((row) => row[good]);
    const elsewhere = table.rows.map((row) => row[good]).find((g) => !listed.includes(g))!;
    // The listed goods that raise no red flag together reach every goods indicator's worst unflagged answer.
    const flags = scoreSupplier({ ...supplier, products: [elsewhere] }, rules, DATE).redFlags.length;
    const unflagged = listed.filter(
      (g) => scoreSupplier({ ...supplier, products: [g] }, rules, DATE).redFlags.length === flags,
    );
    return [[elsewhere], ...[listed, unflagged].filter((l) => l.length > 0), ...listed.map((g) => [g])];
  }
  if (field === 'lastAuditDate') {
    return ['2025-06-01', '2019-01-01'];
  }
  if (field === 'certifications') {
    return [...texts].map((t) => [t]);
  }
  const sample = full[field];
  if (typeof sample === 'boolean') {
    return [true, false];
  }
  if (typeof sample === 'number') {
    return [...numbers].filter((n) => n >= (field === 'supplyChainTier' ? 1 : 0) && n <= 100);
  }
  return [...texts];
}

/** A supplier with every optional field given: what the type of each field is. */
const full: Partial<Record<keyof SupplierRecord, unknown>> = {
  region: 'x',
  auditScheme: 'x',
  supplyChainTier: 1,
  migrantWorkerPct: 1,
  temporaryWorkerPct: 1,
  usesLabourAgency: true,
  recruitmentFeesPaidByWorkers: true,
  employerProvidedHousing: true,
  undisclosedSubcontracting: true,
  identityDocumentsRetained: true,
  wagesWithheld: true,
  debtBondage: true,
  movementRestricted: true,
  isolation: true,
  physicalOrSexualViolence: true,
  intimidationAndThreats: true,
  abusiveLivingConditions: true,
  excessiveOvertime: true,
  deception: true,
  abuseOfVulnerability: true,
  childLabourReported: true,
  grievanceMechanism: true,
};

const rank = (tier: (typeof RISK_TIERS)[number]): number => RISK_TIERS.indexOf(tier);

const ruleSets: Record<string, CompiledRuleSet> = {};

beforeAll(async () => {
  ruleSets['test rules'] = compileRuleSet(parseRuleSet([...TEST_RULE_FILES]));
  const dir = fileURLToPath(new URL('../../../rules/', import.meta.url));
  ruleSets['default rules'] = compileRuleSet(parseRuleSet(await loadRuleSetFiles(dir)));
});

describe.each(['test rules', 'default rules'])(`${scoreSupplier.name} properties on the %s`, (name) => {
  it('an unknown is never counted: removing a field never lowers the upper end, and no contribution is charged for it', () => {
    const rules = ruleSets[name];
    fc.assert(
      fc.property(supplierArbitrary, fc.constantFrom(...OPTIONAL_FIELDS), (supplier, field) => {
        const before = scoreSupplier(supplier, rules, DATE);
        const after = scoreSupplier(without(supplier, field), rules, DATE);
        // A reported red-flag fact that becomes unknown is the one exception: red flags are never assumed.
        fc.pre(before.redFlags.length === after.redFlags.length);
        expect(after.uncertainty!.range.high).toBeGreaterThanOrEqual(before.uncertainty!.range.high);
        for (const result of [before, after]) {
          expect(result.contributions.filter((c) => c.missingData)).toEqual([]);
          expect(result.uncertainty!.range.high).toBeGreaterThanOrEqual(result.score);
        }
      }),
      RUNS,
    );
  });

  it('puts the range ends exactly on the best and worst completions of the unknowns, red flags never assumed', () => {
    const rules = ruleSets[name];
    fc.assert(
      fc.property(
        answeredSupplierArbitrary,
        fc.uniqueArray(fc.constantFrom(...OPTIONAL_FIELDS), { minLength: 1, maxLength: 2 }),
        (full, removed) => {
          const supplier = without(full, ...removed);
          // Only unknowns a completion can answer: products the goods table knows, countries every table covers.
          fc.pre(referenceGaps(rules, supplier) === 0);
          const result = scoreSupplier(supplier, rules, DATE);
          const flags = new Set(result.redFlags.map((flag) => flag.indicatorId));
          let low = Infinity;
          let high = -Infinity;
          for (const completed of completions(rules, supplier, removed)) {
            const scored = scoreSupplier(completed, rules, DATE);
            if (scored.redFlags.some((flag) => !flags.has(flag.indicatorId))) {
              continue;
            }
            low = Math.min(low, scored.score);
            high = Math.max(high, scored.score);
          }
          expect(result.uncertainty!.range).toEqual({ low, high });
        },
      ),
      { numRuns: 120 },
    );
  });

  it('a question settles the tier exactly when every answer to it leaves the range in one tier', () => {
    const rules = ruleSets[name];
    const tierOf = (score: number): string => tierForScore(score, rules);
    let settling = 0;
    let unsettled = 0;
    fc.assert(
      fc.property(
        answeredSupplierArbitrary,
        fc.uniqueArray(fc.constantFrom(...OPTIONAL_FIELDS), { minLength: 1, maxLength: 3 }),
        (full, removed) => {
          const supplier = without(full, ...removed);
          fc.pre(referenceGaps(rules, supplier) === 0);
          const result = scoreSupplier(supplier, rules, DATE);
          const flags = new Set(result.redFlags.map((flag) => flag.indicatorId));
          const { range, openQuestions } = result.uncertainty!;
          if (tierOf(range.low) === tierOf(range.high)) {
            expect(openQuestions.filter((q) => q.settlesTier)).toEqual([]);
            return;
          }
          // The other way: a question on one removed field (read by no other open question) said not to settle has
          // an answer that leaves the range across tiers or raises a red flag, so "settles" is never missed.
          for (const question of openQuestions.filter((q) => !q.settlesTier && q.fields.length === 1)) {
            const [field] = question.fields as (keyof SupplierRecord)[];
            const shared = openQuestions.some((q) => q !== question && q.fields.includes(field));
            if (!removed.includes(field as never) || field === 'sector' || field === 'subSector' || shared) {
              continue;
            }
            unsettled += 1;
            const straddles = candidates(rules, supplier, field).some((value) => {
              const answered = scoreSupplier({ ...supplier, [field]: value }, rules, DATE);
              const { low, high } = answered.uncertainty!.range;
              return (
                answered.redFlags.some((flag) => !flags.has(flag.indicatorId)) || tierOf(low) !== tierOf(high)
              );
            });
            expect([question.indicatorId, straddles]).toEqual([question.indicatorId, true]);
          }
          for (const question of openQuestions.filter((q) => q.settlesTier)) {
            // Only questions one removed field answers (the sector pair's span is tried jointly).
            const [field] = question.fields as (keyof SupplierRecord)[];
            if (question.fields.length !== 1 || !removed.includes(field as never) || field === 'sector') {
              continue;
            }
            settling += 1;
            for (const value of candidates(rules, supplier, field)) {
              const answered = scoreSupplier({ ...supplier, [field]: value }, rules, DATE);
              if (answered.redFlags.some((flag) => !flags.has(flag.indicatorId))) {
                continue;
              }
              const { low, high } = answered.uncertainty!.range;
              expect([question.indicatorId, field, value, tierOf(low)]).toEqual([
                question.indicatorId,
                field,
                value,
                tierOf(high),
              ]);
            }
          }
        },
      ),
      { numRuns: 200 },
    );
    // Not vacuous: some generated suppliers had a settling question, and some a question that does not settle.
    expect(settling).toBeGreaterThan(0);
    expect(unsettled).toBeGreaterThan(0);
  });

  it('adding an adverse fact never lowers the assessed score', () => {
    const rules = ruleSets[name];
    const adverse = [
      'usesLabourAgency',
      'recruitmentFeesPaidByWorkers',
      'employerProvidedHousing',
      'undisclosedSubcontracting',
    ] as const;
    fc.assert(
      fc.property(supplierArbitrary, fc.constantFrom(...adverse), (supplier, fact) => {
        const before = scoreSupplier(supplier, rules, DATE);
        const after = scoreSupplier({ ...supplier, [fact]: true }, rules, DATE);
        expect(after.score).toBeGreaterThanOrEqual(before.score);
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
