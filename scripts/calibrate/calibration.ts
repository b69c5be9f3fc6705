import type { CompiledRuleSet } from '../../src/rules/domain/compiled-rule-set.js';
import {
  RISK_TIERS,
  type AssessmentResult,
  type ConfidenceLevel,
  type RiskTier,
} from '../../src/scoring/domain/assessment-result.js';
import {
  explainSupplierScore,
  scoreSupplier,
  type ScoreBreakdown,
} from '../../src/scoring/domain/scoring-engine.js';
import type { GoldenCase } from '../../src/scoring/domain/testing/golden-cases.js';
import type { TierThresholds } from '../../src/rules/domain/rule-set-definition.js';
import type { SupplierRecord } from '../../src/suppliers/domain/supplier-record.js';
import type { UploadReading } from './read-upload.js';

/** What reading a list as an upload gave, without the records. */
export type ImportSummary = Omit<UploadReading, 'records'>;

// The calibration figures: supplier records + compiled rules + one assessment date -> figures, which
// calibration-markdown.ts turns into docs/calibration.md. Pure: no file, clock or environment is read here
// (read-upload.ts and build-document.ts do that).

/**
 * Countries taken to carry low inherent risk: high-income economies, chosen by hand rather than read from the
 * rules so that the check on them tests the rules instead of restating them. The document prints the country
 * points the rules give those in the portfolio.
 */
// prettier-ignore
export const LOW_INHERENT_RISK_COUNTRIES: readonly string[] = [
  'AT', 'AU', 'BE', 'CA', 'CH', 'DE', 'DK', 'ES', 'FI', 'FR', 'GB', 'IE', 'IT', 'JP', 'LU', 'NL', 'NO', 'NZ',
  'PT', 'SE', 'US',
];

/** Cells smaller than this are listed but not held to "not all equal": two suppliers may well be alike. */
export const MIN_CELL = 5;

export const NO_SECTOR = '(none)';

export interface AssessedSupplier {
  record: SupplierRecord;
  result: AssessmentResult;
  breakdown: ScoreBreakdown;
}

export function assessAll(
  records: readonly SupplierRecord[],
  rules: CompiledRuleSet,
  assessmentDate: string,
): AssessedSupplier[] {
  return records.map((record) => {
    const { result, breakdown } = explainSupplierScore(record, rules, assessmentDate);
    return { record, result, breakdown };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Figures

export interface Spread {
  median: number;
  p90: number;
  max: number;
}

export interface CellFigures {
  country: string;
  sector: string;
  suppliers: number;
  /** Distinct (score, range high, confidence) among the cell's suppliers. */
  combinations: number;
  scores: number;
  score: { min: number; max: number };
  high: { min: number; max: number };
  confidence: { min: number; max: number };
  /** The product lists the cell's rows give (distinct, at most PRODUCT_SAMPLE), to show why a cell is uniform. */
  products: string[];
}

const PRODUCT_SAMPLE = 6;

export interface CountryFigures {
  country: string;
  suppliers: number;
  /** Country-category points (after its cap); min and max over the country's suppliers. */
  countryPoints: { min: number; max: number };
  score: Spread;
  tiers: Record<RiskTier, number>;
}

export interface DatasetFigures {
  suppliers: number;
  tiers: Record<RiskTier, number>;
  /** Contributions charged for a missing value (missingData): the model allows none. */
  unknownCharges: { contributions: number; points: number };
  range: {
    width: Spread;
    /** Range high minus the assessed score: what the unknowns could still add. */
    above: Spread;
    /** Of all the points the suppliers could reach at worst (sum of range highs), the share not yet assessed. */
    openShare: number;
  };
  confidence: { levels: Record<ConfidenceLevel, number>; median: number; min: number; max: number };
  /** Suppliers whose range reaches a tier above their assessed one, by that tier. */
  couldReach: Record<RiskTier, number>;
  redFlags: { indicatorId: string; title: string; minimumTier: RiskTier; suppliers: number }[];
  critical: { total: number; withoutRedFlag: number; fromPoints: number };
  /** Tiers reached with neither a red flag nor a supplier-specific point: inherent risk alone. */
  fromInherentOnly: { high: number; critical: number };
  lowRiskCountries: {
    suppliers: number;
    tiers: Record<RiskTier, number>;
    aboveMediumWithoutSupplierFact: number;
    maxScoreWithoutSupplierFact: number;
  };
  cells: CellFigures[];
  /** Suppliers with no sector known, per country: nothing the list gives tells them apart. */
  unsectored: CellFigures[];
  countries: CountryFigures[];
  /** Suppliers per sector after the import (NO_SECTOR when none was given or inferred). */
  sectors: { sector: string; suppliers: number }[];
  /** The product lists of the suppliers left without a sector, most frequent first. */
  unsectoredProducts: { products: string; suppliers: number }[];
  inherentMax: number;
}

/** Code-point order: the same on every machine, whatever its locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function tierCounts(): Record<RiskTier, number> {
  return { low: 0, medium: 0, high: 0, critical: 0 };
}

/** Nearest-rank percentile of sorted values (p in 0-100). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) {
    return 0;
  }
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

function spread(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: median(sorted), p90: percentile(sorted, 90), max: sorted[sorted.length - 1] ?? 0 };
}

function median(sorted: readonly number[]): number {
  if (sorted.length === 0) {
    return 0;
  }
  const mid = Math.floor(sorted.length / 2);
  // Scores have at most two decimals and confidences three: the mean of two keeps to four.
  return sorted.length % 2 === 1
    ? sorted[mid]
    : Math.round(((sorted[mid - 1] + sorted[mid]) / 2) * 10_000) / 10_000;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

function categoryPoints(supplier: AssessedSupplier, id: string): number {
  return supplier.breakdown.categories.find((category) => category.id === id)?.points ?? 0;
}

/** Points from the site's own facts: any risk category that is not inherent. */
export function supplierSpecificPoints(supplier: AssessedSupplier): number {
  return supplier.breakdown.categories
    .filter((category) => !category.inherent && !category.mitigation)
    .reduce((sum, category) => sum + category.points, 0);
}

/** A fact about this site raises its assessment: a red flag (its address, a reported indicator) or its own points. */
export function hasSupplierFact(supplier: AssessedSupplier): boolean {
  return supplier.result.redFlags.length > 0 || supplierSpecificPoints(supplier) > 0;
}

function isAboveMedium(tier: RiskTier): boolean {
  return tier === 'high' || tier === 'critical';
}

/** The most inherent categories can add without a red flag: each capped sum of its indicators' best answers. */
export function inherentMaxWithoutRedFlag(rules: CompiledRuleSet): number {
  let total = 0;
  for (const category of rules.categories) {
    if (!category.definition.inherent) {
      continue;
    }
    const most = category.indicatorIndexes.reduce(
      (sum, index) => sum + Math.max(0, ...rules.indicators[index].answers),
      0,
    );
    total += Math.min(most, category.capCentipoints);
  }
  return total / 100;
}

function productText(record: SupplierRecord): string {
  return (record.products ?? []).join(', ') || '(blank)';
}

function cellFigures(country: string, sector: string, members: readonly AssessedSupplier[]): CellFigures {
  const scores = members.map((m) => m.result.score);
  const highs = members.map((m) => m.result.uncertainty?.range.high ?? m.result.score);
  const confidences = members.map((m) => m.result.uncertainty?.confidence ?? 1);
  const combinations = new Set(members.map((_, i) => `${scores[i]}|${highs[i]}|${confidences[i]}`));
  return {
    country,
    sector,
    suppliers: members.length,
    combinations: combinations.size,
    scores: new Set(scores).size,
    score: { min: Math.min(...scores), max: Math.max(...scores) },
    high: { min: Math.min(...highs), max: Math.max(...highs) },
    confidence: { min: Math.min(...confidences), max: Math.max(...confidences) },
    products: [...new Set(members.map((m) => productText(m.record)))].sort().slice(0, PRODUCT_SAMPLE),
  };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) {
      group.push(item);
    } else {
      groups.set(k, [item]);
    }
  }
  return groups;
}

export function datasetFigures(
  suppliers: readonly AssessedSupplier[],
  rules: CompiledRuleSet,
): DatasetFigures {
  const tiers = tierCounts();
  const couldReach = tierCounts();
  const levels: Record<ConfidenceLevel, number> = { low: 0, medium: 0, high: 0 };
  const flags = new Map<string, DatasetFigures['redFlags'][number]>();
  const unknownCharges = { contributions: 0, points: 0 };
  const critical = { total: 0, withoutRedFlag: 0, fromPoints: 0 };
  const lowRisk = {
    suppliers: 0,
    tiers: tierCounts(),
    aboveMediumWithoutSupplierFact: 0,
    maxScoreWithoutSupplierFact: 0,
  };
  const fromInherentOnly = { high: 0, critical: 0 };
  let sumHigh = 0;
  let sumAbove = 0;
  for (const supplier of suppliers) {
    const { result } = supplier;
    const uncertainty = result.uncertainty;
    tiers[result.tier]++;
    for (const contribution of result.contributions) {
      if (contribution.missingData) {
        unknownCharges.contributions++;
        unknownCharges.points += contribution.points;
      }
    }
    const high = uncertainty?.range.high ?? result.score;
    sumHigh += high;
    sumAbove += high - result.score;
    if (uncertainty) {
      levels[uncertainty.confidenceLevel]++;
      if (uncertainty.couldReach) {
        couldReach[uncertainty.couldReach]++;
      }
    }
    for (const flag of result.redFlags) {
      const entry = flags.get(flag.indicatorId) ?? {
        indicatorId: flag.indicatorId,
        title: flag.title,
        minimumTier: flag.minimumTier,
        suppliers: 0,
      };
      entry.suppliers++;
      flags.set(flag.indicatorId, entry);
    }
    const fact = hasSupplierFact(supplier);
    if (result.tier === 'critical') {
      critical.total++;
      critical.withoutRedFlag += result.redFlags.length === 0 ? 1 : 0;
      critical.fromPoints += result.pointsTier === 'critical' ? 1 : 0;
    }
    if ((result.tier === 'high' || result.tier === 'critical') && !fact) {
      fromInherentOnly[result.tier]++;
    }
    if (LOW_INHERENT_RISK_COUNTRIES.includes(supplier.record.country)) {
      lowRisk.suppliers++;
      lowRisk.tiers[result.tier]++;
      if (!fact) {
        lowRisk.aboveMediumWithoutSupplierFact += isAboveMedium(result.tier) ? 1 : 0;
        lowRisk.maxScoreWithoutSupplierFact = Math.max(lowRisk.maxScoreWithoutSupplierFact, result.score);
      }
    }
  }
  const confidences = suppliers.map((s) => s.result.uncertainty?.confidence ?? 1).sort((a, b) => a - b);
  const cells: CellFigures[] = [];
  const unsectored: CellFigures[] = [];
  const byCell = groupBy(suppliers, (s) => `${s.record.country}|${s.record.sector ?? NO_SECTOR}`);
  for (const [key, members] of [...byCell].sort(([a], [b]) => compareText(a, b))) {
    const [country, sector] = key.split('|');
    (sector === NO_SECTOR ? unsectored : cells).push(cellFigures(country, sector, members));
  }
  const countries = [...groupBy(suppliers, (s) => s.record.country)]
    .map(([country, members]): CountryFigures => {
      const points = members.map((m) => categoryPoints(m, 'country'));
      const countryTiers = tierCounts();
      members.forEach((m) => countryTiers[m.result.tier]++);
      return {
        country,
        suppliers: members.length,
        countryPoints: { min: Math.min(...points), max: Math.max(...points) },
        score: spread(members.map((m) => m.result.score)),
        tiers: countryTiers,
      };
    })
    .sort((a, b) => b.suppliers - a.suppliers || compareText(a.country, b.country));
  return {
    suppliers: suppliers.length,
    tiers,
    unknownCharges: { contributions: unknownCharges.contributions, points: round2(unknownCharges.points) },
    range: {
      width: spread(
        suppliers.map((s) =>
          s.result.uncertainty ? s.result.uncertainty.range.high - s.result.uncertainty.range.low : 0,
        ),
      ),
      above: spread(
        suppliers.map((s) => (s.result.uncertainty?.range.high ?? s.result.score) - s.result.score),
      ),
      openShare: sumHigh === 0 ? 0 : sumAbove / sumHigh,
    },
    confidence: {
      levels,
      median: median(confidences),
      min: confidences[0] ?? 0,
      max: confidences[confidences.length - 1] ?? 0,
    },
    couldReach,
    redFlags: [...flags.values()].sort(
      (a, b) => b.suppliers - a.suppliers || compareText(a.indicatorId, b.indicatorId),
    ),
    critical,
    fromInherentOnly,
    lowRiskCountries: lowRisk,
    cells,
    unsectored,
    countries,
    sectors: [...groupBy(suppliers, (s) => s.record.sector ?? NO_SECTOR)]
      .map(([sector, members]) => ({ sector, suppliers: members.length }))
      .sort((a, b) => b.suppliers - a.suppliers || compareText(a.sector, b.sector)),
    unsectoredProducts: [
      ...groupBy(
        suppliers.filter((s) => !s.record.sector),
        (s) => productText(s.record),
      ),
    ]
      .map(([products, members]) => ({ products, suppliers: members.length }))
      .sort((a, b) => b.suppliers - a.suppliers || compareText(a.products, b.products)),
    inherentMax: inherentMaxWithoutRedFlag(rules),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// A Sedex-Radar-shaped proxy, built from Vigil's own component points (no Sedex data is used or shown).

/** Category caps the comparison reads, from the compiled rules. */
export interface InherentCaps {
  country: number;
  importBan: number;
  sector: number;
  goods: number;
}

export function inherentCaps(rules: CompiledRuleSet): InherentCaps {
  const cap = (id: string): number => {
    const category = rules.categories.find((c) => c.definition.id === id);
    if (!category) {
      throw new Error(`The rule set has no "${id}" category; the Radar comparison reads it.`);
    }
    return category.capCentipoints / 100;
  };
  return {
    country: cap('country'),
    importBan: cap('import-ban'),
    sector: cap('sector'),
    goods: cap('goods'),
  };
}

/**
 * Vigil's country, sector and goods points rescaled to Radar's published ranges (country 1-6, sector 1-4,
 * goods 0-2), summed and capped at 10. A reading of Vigil's own figures on Radar's scale, not a Radar score.
 */
export function radarProxy(supplier: AssessedSupplier, caps: InherentCaps): number {
  const country = 1 + (5 * categoryPoints(supplier, 'country')) / caps.country;
  const sector = 1 + (3 * categoryPoints(supplier, 'sector')) / caps.sector;
  const goods = (2 * categoryPoints(supplier, 'goods')) / caps.goods;
  return Math.min(10, country + sector + goods);
}

export function inherentPoints(supplier: AssessedSupplier): number {
  return supplier.breakdown.categories
    .filter((category) => category.inherent)
    .reduce((sum, category) => sum + category.points, 0);
}

function ranks(values: readonly number[]): number[] {
  const order = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
  const result = new Array<number>(values.length);
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end + 1 < order.length && order[end + 1].value === order[start].value) {
      end++;
    }
    // Ties share the mean of the ranks they span.
    const rank = (start + end) / 2 + 1;
    for (let i = start; i <= end; i++) {
      result[order[i].index] = rank;
    }
    start = end + 1;
  }
  return result;
}

/** Spearman's rank correlation (Pearson on ranks, ties averaged). */
export function spearman(a: readonly number[], b: readonly number[]): number {
  const ra = ranks(a);
  const rb = ranks(b);
  const n = ra.length;
  const mean = (n + 1) / 2;
  let cov = 0;
  let va = 0;
  let vb = 0;
  for (let i = 0; i < n; i++) {
    cov += (ra[i] - mean) * (rb[i] - mean);
    va += (ra[i] - mean) ** 2;
    vb += (rb[i] - mean) ** 2;
  }
  return va === 0 || vb === 0 ? 0 : cov / Math.sqrt(va * vb);
}

export interface RadarComparison {
  caps: InherentCaps;
  /** Rank correlation of the proxy with Vigil's inherent points, over all suppliers and without the red-flag region. */
  rho: number;
  rhoWithoutImportBan: number;
  suppliers: number;
  /** The proxy's spread within each Vigil tier (inherent-only suppliers). */
  byTier: { tier: RiskTier; suppliers: number; proxy: Spread; min: number }[];
}

export function radarComparison(
  suppliers: readonly AssessedSupplier[],
  rules: CompiledRuleSet,
): RadarComparison {
  const caps = inherentCaps(rules);
  const proxy = suppliers.map((s) => radarProxy(s, caps));
  const inherent = suppliers.map(inherentPoints);
  const byTier = RISK_TIERS.map((tier) => {
    const values = suppliers.flatMap((s, i) => (s.result.tier === tier ? [proxy[i]] : []));
    const sorted = [...values].sort((x, y) => x - y);
    return {
      tier,
      suppliers: values.length,
      proxy: spread(values.map(round2)),
      min: round2(sorted[0] ?? 0),
    };
  }).filter((row) => row.suppliers > 0);
  return {
    caps,
    rho: spearman(proxy, inherent),
    rhoWithoutImportBan: spearman(
      proxy,
      inherent.map((points, i) => points - categoryPoints(suppliers[i], 'import-ban')),
    ),
    suppliers: suppliers.length,
    byTier,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Everything the document shows.

export interface DatasetInput {
  /** Path from the repository root, as the document names it. */
  title: string;
  reading: ImportSummary;
  records: readonly SupplierRecord[];
}

export interface CalibrationInput {
  rules: CompiledRuleSet;
  assessmentDate: string;
  portfolio: DatasetInput;
  fixtures: readonly DatasetInput[];
  goldenCases: readonly GoldenCase[];
}

export interface DatasetCalibration {
  title: string;
  reading: ImportSummary;
  figures: DatasetFigures;
}

export interface GoldenFigures {
  id: string;
  description: string;
  expected: string;
  score: number;
  tier: RiskTier;
  range: { low: number; high: number } | undefined;
  confidence: number | undefined;
  confidenceLevel: ConfidenceLevel | undefined;
  couldReach: RiskTier | undefined;
  redFlags: string[];
}

export interface CalibrationFigures {
  rules: {
    name: string;
    version: string;
    hash: string;
    thresholds: TierThresholds;
    categories: { id: string; title: string; cap: number; inherent: boolean; mitigation: boolean }[];
    fieldsRead: readonly string[];
  };
  assessmentDate: string;
  portfolio: DatasetCalibration & { radar: RadarComparison };
  fixtures: DatasetCalibration[];
  golden: GoldenFigures[];
}

export function calibrationFigures(input: CalibrationInput): CalibrationFigures {
  const { rules, assessmentDate } = input;
  const calibrate = (
    dataset: DatasetInput,
  ): { calibration: DatasetCalibration; assessed: AssessedSupplier[] } => {
    const assessed = assessAll(dataset.records, rules, assessmentDate);
    return {
      calibration: {
        title: dataset.title,
        reading: dataset.reading,
        figures: datasetFigures(assessed, rules),
      },
      assessed,
    };
  };
  const portfolio = calibrate(input.portfolio);
  return {
    rules: {
      name: rules.name,
      version: rules.version,
      hash: rules.hash,
      thresholds: rules.thresholds,
      categories: rules.categories.map(({ definition }) => ({
        id: definition.id,
        title: definition.title,
        cap: definition.cap,
        inherent: definition.inherent,
        mitigation: definition.mitigation,
      })),
      fieldsRead: rules.fieldsRead,
    },
    assessmentDate,
    portfolio: { ...portfolio.calibration, radar: radarComparison(portfolio.assessed, rules) },
    fixtures: input.fixtures.map((fixture) => calibrate(fixture).calibration),
    golden: input.goldenCases.map((golden) => {
      const result = scoreSupplier(golden.supplier, rules, assessmentDate);
      return {
        id: golden.id,
        description: golden.description,
        expected: golden.expected,
        score: result.score,
        tier: result.tier,
        range: result.uncertainty?.range,
        confidence: result.uncertainty?.confidence,
        confidenceLevel: result.uncertainty?.confidenceLevel,
        couldReach: result.uncertainty?.couldReach,
        redFlags: result.redFlags.map((flag) => flag.title),
      };
    }),
  };
}
