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
}

export interface ConditionIndicator extends IndicatorBase {
  kind: 'condition';
  when: Condition;
  points: number;
  missingPoints: number;
}

export interface ScaleIndicator extends IndicatorBase {
  kind: 'scale';
  field: SupplierField;
  bands: Band[];
  missingPoints: number;
}

export interface LookupIndicator extends IndicatorBase {
  kind: 'lookup';
  table: string;
  column: string;
  bands: Band[];
  /** Charged when a supplier field the lookup needs (products) is missing. */
  missingPoints: number;
  /** Charged when the country is not in a country-keyed table or its cell is empty. */
  notFoundPoints: number;
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
