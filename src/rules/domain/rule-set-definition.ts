import type { RiskTier } from '../../scoring/domain/assessment-result.js';
import type { Sector, SupplierField } from '../../suppliers/domain/supplier-record.js';

// The validated, normalised form of a rule set: what parseRuleSet returns, what the content hash covers and
// what is stored per version. Plain JSON data (no functions, no Maps) so it can be serialised as is.

export interface TierThresholds {
  /** A score at or above this is at least "medium". */
  medium: number;
  high: number;
  critical: number;
}

export interface CategoryDefinition {
  id: string;
  title: string;
  /** Most points the category can add (risk) or take off (mitigation). */
  cap: number;
  /** Inherent categories (country, sector, goods ...) make up the floor that mitigation cannot go below. */
  inherent: boolean;
  mitigation: boolean;
}

export type ReferenceKey = 'country' | 'good-country';

export interface ReferenceTableDefinition {
  id: string;
  /** Path relative to the rules directory, e.g. "reference/us_tip_tiers.csv". */
  file: string;
  key: ReferenceKey;
  title: string;
  publisher: string;
  /** Cited in evidence and reports, e.g. "TIP 2024". */
  edition: string;
  source?: string;
  columns: string[];
  rows: string[][];
}

export type ScalarValue = string | number | boolean;

export type FieldCondition =
  | { field: SupplierField; op: 'equals'; value: ScalarValue }
  | { field: SupplierField; op: 'in'; values: ScalarValue[] }
  | { field: SupplierField; op: 'gt' | 'gte' | 'lt' | 'lte'; value: number }
  | { field: SupplierField; op: 'between'; min: number; max: number }
  | { field: SupplierField; op: 'present' | 'missing' }
  | { field: SupplierField; op: 'containsAny'; values: string[] }
  | { field: SupplierField; op: 'withinMonths'; months: number };

export type ConditionOperator = FieldCondition['op'];

export type Condition = FieldCondition | { all: Condition[] } | { any: Condition[] };

export interface NumericBand {
  /** Inclusive lower bound; absent = no lower bound. */
  from?: number;
  /** Exclusive upper bound; absent = no upper bound. */
  to?: number;
  points: number;
  redFlag?: boolean;
}

export interface ValueBand {
  values: string[];
  points: number;
  redFlag?: boolean;
}

export interface OtherwiseBand {
  otherwise: true;
  points: number;
  redFlag?: boolean;
}

export type Band = NumericBand | ValueBand | OtherwiseBand;

/**
 * The answers an unknown may take, in points the indicator adds (before caps): the range of an assessment puts
 * each unknown at its best and at its worst. Both default to the least and the most the indicator can add without
 * raising a red flag (for a goods lookup: among the goods listed for the supplier's country).
 */
export interface UnknownAnswers {
  best?: number;
  worst?: number;
  /** What an unknown is expected to add, by where and what: shown as an expected score, never counted. */
  prior?: UnknownPrior;
}

/** Entries are tried in order; the first whose countries and sectors both match the supplier gives the points. */
export interface UnknownPrior {
  /** Where the expectation comes from (a study, an audit programme's findings): cited wherever it is shown. */
  source: string;
  expected: Array<{ countries?: string[]; sectors?: Sector[]; points: number }>;
}

export interface RedFlagDefinition {
  minimumTier: RiskTier;
}

interface IndicatorBase {
  id: string;
  title: string;
  category: string;
  description?: string;
  /** Sentence template, e.g. "Country {country}: US TIP {value} ({edition})". */
  evidence: string;
  /** What to collect when the indicator cannot be decided. */
  followUp?: string;
  actions: string[];
  redFlag?: RedFlagDefinition;
  unknown?: UnknownAnswers;
}

export interface ConditionIndicator extends IndicatorBase {
  kind: 'condition';
  when: Condition;
  points: number;
  /** Rule sets before ranges only: what an unknown was charged (kept so their assessments read back). */
  missingPoints?: number;
}

export interface ScaleIndicator extends IndicatorBase {
  kind: 'scale';
  field: SupplierField;
  bands: Band[];
  /** Rule sets before ranges only. */
  missingPoints?: number;
}

export interface LookupIndicator extends IndicatorBase {
  kind: 'lookup';
  table: string;
  column: string;
  bands: Band[];
  /** Rule sets before ranges only: charged when the products were missing. */
  missingPoints?: number;
  /** Rule sets before ranges only: charged when the country had no row or an empty cell. */
  notFoundPoints?: number;
}

export interface MitigationIndicator extends IndicatorBase {
  kind: 'mitigation';
  when: Condition;
  /** Points taken off when the condition holds on known, recent data. */
  reduction: number;
}

export type IndicatorDefinition = ConditionIndicator | ScaleIndicator | LookupIndicator | MitigationIndicator;

export interface SubSectorDefinition {
  id: string;
  title: string;
  synonyms: string[];
}

export interface SectorDefinition {
  id: Sector;
  title: string;
  synonyms: string[];
  subSectors: SubSectorDefinition[];
}

export interface GoodsDefinition {
  /** The good x country table products are matched against. */
  table: string;
  /** Extra names for a listed good, e.g. Cocoa: ["cocoa beans", "cacao"]. */
  synonyms: { good: string; names: string[] }[];
  /**
   * Names that hold a good's name but name no good ("coffee machines", 服装辅料): as the longer name they win over
   * the good's. Absent (not empty) when goods.yaml gives none, so older stored definitions keep their hash.
   */
  notGoods?: string[];
  /**
   * The listed goods a supplier's sector, or sub-sector, is evidence of when it gives no products; a sub-sector's
   * entry replaces its sector's. Absent when goods.yaml gives none, so older stored definitions keep their hash.
   */
  sectors?: SectorGoodsDefinition[];
}

export interface SectorGoodsDefinition {
  sector: Sector;
  subSector?: string;
  /** Listed goods as the table spells them; empty = evidence of no good (a sub-sector cancelling its sector's). */
  goods: string[];
}

export interface RuleSetDefinition {
  name: string;
  version: string;
  description?: string;
  thresholds: TierThresholds;
  categories: CategoryDefinition[];
  referenceTables: ReferenceTableDefinition[];
  taxonomy: SectorDefinition[];
  goods?: GoodsDefinition;
  indicators: IndicatorDefinition[];
}
