import type { SupplierField } from '../../suppliers/domain/supplier-record.js';

/** One open question across the suppliers in scope: who to ask and what the answers would settle. */
export interface DataGapQuestion {
  indicatorId: string;
  title: string;
  /** What to collect, as the active rule set words it. */
  followUp: string;
  fields: SupplierField[];
  /** Suppliers for whom the question is open. */
  suppliers: number;
  /** Of those, the suppliers whose tier becomes certain once it is answered, whatever the answer. */
  settlesTier: number;
  /** Of those, the suppliers for whom an answer could raise a red flag. */
  couldRaiseRedFlag: number;
  /** How far the answers would narrow the ranges, summed over the suppliers (points). */
  openPoints: number;
  /** The figures in one sentence. */
  summary: string;
}

export interface DataGaps {
  /** Suppliers in scope (the list filters applied). */
  suppliers: number;
  /** Suppliers whose current assessment has a range (those made before ranges existed have none). */
  withRange: number;
  /** Of those, suppliers whose whole range already lies in one tier. */
  settled: number;
  /** The active rule set whose thresholds and wording are used. */
  ruleSetHash: string;
  /** Most tiers settled first, then red-flag questions, then points narrowed. */
  questions: DataGapQuestion[];
}
