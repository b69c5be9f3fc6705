import type { RiskTier } from '../../scoring/domain/assessment-result.js';
import type { Sector, SupplierField, SupplierRecord } from '../../suppliers/domain/supplier-record.js';
import type {
  CategoryDefinition,
  IndicatorDefinition,
  ReferenceTableDefinition,
  RuleSetDefinition,
  TierThresholds,
} from './rule-set-definition.js';

// The compiled, ready-to-score form of a rule set. Everything the scoring engine needs per supplier is
// precomputed here (lookup maps, band finders, phrase indexes, parsed templates): nothing is parsed per score.
// Points are held in hundredths ("centipoints") so that sums and caps are exact integers.

export interface SectorMatch {
  sector: Sector;
  subSector?: string;
}

export interface ReferenceEdition {
  id: string;
  title: string;
  publisher: string;
  edition: string;
  source?: string;
  file: string;
  rows: number;
}

export interface GoodMatch {
  /** The supplier's product text. */
  product: string;
  /** The good as the reference table names it. */
  good: string;
}

/** The assessment date, split once per score: recency conditions are relative to it. */
export interface EvaluationContext {
  year: number;
  month: number;
  day: number;
  /** e.g. 20250131, for comparisons. */
  yyyymmdd: number;
}

export type TruthValue = 'true' | 'false' | 'unknown';

export interface CompiledAtom {
  kind: 'atom';
  field: SupplierField;
  /** "missing" atoms are true exactly when the field is missing; "value" atoms test a present value. */
  mode: 'value' | 'missing' | 'present';
  test: (value: unknown, context: EvaluationContext) => boolean;
}

export type CompiledCondition = CompiledAtom | { kind: 'all' | 'any'; children: CompiledCondition[] };

export interface BandHit {
  centipoints: number;
  redFlag: boolean;
}

/** An evidence template, split once at compile time into text and resolved placeholders. */
export type TemplatePart =
  | string
  | { kind: 'field'; field: SupplierField }
  | { kind: 'points' | 'title' | 'value' | 'table' | 'edition' | 'publisher' | 'good' | 'product' }
  | { kind: 'row'; column: number };

interface CompiledIndicatorBase {
  definition: IndicatorDefinition;
  categoryIndex: number;
  /** Supplier fields the indicator reads. */
  fields: SupplierField[];
  evidence: TemplatePart[];
  followUp: string;
  redFlagTier?: RiskTier;
  /**
   * Centipoints the indicator adds (or, for a mitigation, takes off) at the best and at the worst answer an unknown
   * may take: the rule file's "unknown:" entry, else the least and the most it can give without a red flag.
   */
  unknownBest: number;
  unknownWorst: number;
  /** Some answer would raise a red flag: an unknown here is an open red-flag question. */
  flagPossible: boolean;
  /** The most minus the least it can give: the points it puts at stake (data confidence weighs by them). */
  stake: number;
  /** Centipoints of every answer that raises no red flag, ascending (a mitigation's: the reductions). */
  answers: readonly number[];
  /** The rule file's prior for an unknown: expected centipoints for a supplier's country and sector, if any. */
  prior?: CompiledPrior;
}

export interface CompiledPrior {
  source: string;
  expected(country: string | undefined, sector: Sector | undefined): number | undefined;
}

export interface CompiledConditionIndicator extends CompiledIndicatorBase {
  kind: 'condition';
  when: CompiledCondition;
  centipoints: number;
  missingCentipoints: number;
}

export interface CompiledMitigationIndicator extends CompiledIndicatorBase {
  kind: 'mitigation';
  when: CompiledCondition;
  reductionCentipoints: number;
}

export interface CompiledScaleIndicator extends CompiledIndicatorBase {
  kind: 'scale';
  field: SupplierField;
  /** Undefined when no band covers the value (cannot happen for a validated rule set). */
  band: (value: unknown) => BandHit | undefined;
  /** Rule sets before ranges: what an unknown was charged (only to read their assessments back). */
  missingCentipoints: number;
}

export interface CompiledCountryLookup extends CompiledIndicatorBase {
  kind: 'country-lookup';
  table: ReferenceTableDefinition;
  columnIndex: number;
  rows: ReadonlyMap<string, readonly string[]>;
  band: (cell: string) => BandHit | undefined;
  notFoundCentipoints: number;
  missingCentipoints: number;
}

export interface CompiledGoodsLookup extends CompiledIndicatorBase {
  kind: 'goods-lookup';
  table: ReferenceTableDefinition;
  columnIndex: number;
  /** alpha2 -> good name -> row */
  rows: ReadonlyMap<string, ReadonlyMap<string, readonly string[]>>;
  band: (cell: string) => BandHit | undefined;
  matchGoods: (products: readonly string[]) => GoodMatch[];
  /** Per country: the most a listed good can add without a red flag, and whether one could raise a red flag. */
  countryWorst: ReadonlyMap<string, { worst: number; flag: boolean }>;
  missingCentipoints: number;
}

export type CompiledIndicator =
  | CompiledConditionIndicator
  | CompiledMitigationIndicator
  | CompiledScaleIndicator
  | CompiledCountryLookup
  | CompiledGoodsLookup;

export interface CompiledCategory {
  definition: CategoryDefinition;
  capCentipoints: number;
  /** Positions in CompiledRuleSet.indicators of the category's indicators, in rule order. */
  indicatorIndexes: readonly number[];
}

export interface CompiledRuleSet {
  /** sha256 of the canonical definition including the reference rows. */
  readonly hash: string;
  readonly name: string;
  readonly version: string;
  readonly thresholds: TierThresholds;
  readonly editions: readonly ReferenceEdition[];
  /** Supplier fields the rules read; data completeness is measured against them. */
  readonly fieldsRead: readonly SupplierField[];
  /** The full canonical definition with reference rows: store it per version to explain old assessments. */
  readonly content: RuleSetDefinition;
  readonly categories: readonly CompiledCategory[];
  readonly indicators: readonly CompiledIndicator[];
  /** Centipoints all indicators put at stake together: data confidence is the share of them decided. */
  readonly totalStake: number;
  /** Canonical sector (and sub-sector) for an uploaded sector text, from the taxonomy synonyms. */
  resolveSector(text: string): SectorMatch | undefined;
  /** The sector most of the products point to, for suppliers uploaded without one. */
  inferSector(products: readonly string[]): SectorMatch | undefined;
  /** The canonical sub-sector id for a free-text sub-sector, if the taxonomy knows it. */
  resolveSubSector(text: string): string | undefined;
  /** Goods of the goods table that the products name (case, plural and synonym insensitive). */
  matchGoods(products: readonly string[]): GoodMatch[];
  /** The products that name no good of the goods table at all, whatever the country (each once; none without a table). */
  unrecognisedProducts(products: readonly string[]): string[];
  /**
   * The listed goods (as the table spells them) that a supplier's sector is evidence of, from goods.yaml "sectors:":
   * the sub-sector's entry when it has one (id or text the taxonomy knows), else the sector's; empty when none.
   */
  goodsOfSector(sector: Sector | undefined, subSector: string | undefined): readonly string[];
  /** Reads a supplier field, folding empty text and lists into "missing". */
  readField(supplier: SupplierRecord, field: SupplierField): unknown;
}
