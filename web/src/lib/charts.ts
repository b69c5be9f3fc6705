import { RISK_TIERS, type RiskTier, type TierCounts } from '../api/types.js';

// Layout arithmetic for the charts, kept apart from drawing so it can be tested with plain numbers.

/** The smallest 1, 2 or 5 x 10^n at or above `value` (an axis end that reads well); at least 1. */
export function niceCeiling(value: number): number {
  if (!Number.isFinite(value) || value <= 1) {
    return 1;
  }
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((factor) => factor * magnitude >= value) ?? 10;
  return step * magnitude;
}

/** A bar's length in percent of the axis; a non-zero value stays visible (at least 1%). */
export function barPercent(value: number, axisMax: number): number {
  if (value <= 0 || axisMax <= 0) {
    return 0;
  }
  return Math.max(1, Math.min(100, (value / axisMax) * 100));
}

/** Every month from the first to the last one in the data, the missing ones as zeros. */
export function fillMonths<T extends { month: string }>(rows: T[], empty: (month: string) => T): T[] {
  const parse = (month: string): number | undefined => {
    const match = /^(\d{4})-(\d{2})$/.exec(month);
    return match ? Number(match[1]) * 12 + Number(match[2]) - 1 : undefined;
  };
  const byIndex = new Map<number, T>();
  for (const row of rows) {
    const index = parse(row.month);
    if (index !== undefined) {
      byIndex.set(index, row);
    }
  }
  if (byIndex.size === 0) {
    return [];
  }
  const indexes = [...byIndex.keys()];
  const [first, last] = [Math.min(...indexes), Math.max(...indexes)];
  const months: T[] = [];
  for (let index = first; index <= last; index++) {
    const month = `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
    months.push(byIndex.get(index) ?? empty(month));
  }
  return months;
}

export interface StackSegment {
  tier: RiskTier;
  count: number;
  /** Share of the column, 0-1. */
  share: number;
  /** Where the segment starts, 0-1 from the bottom. */
  offset: number;
}

export interface StackColumn {
  month: string;
  total: number;
  segments: StackSegment[];
}

/** The tier mix of each month as a 100% stacked column, low at the bottom, critical on top. */
export function tierMixColumns(trend: ({ month: string } & TierCounts)[]): StackColumn[] {
  const months = fillMonths(trend, (month) => ({ month, low: 0, medium: 0, high: 0, critical: 0 }));
  return months.map((row) => {
    const total = RISK_TIERS.reduce((sum, tier) => sum + row[tier], 0);
    let offset = 0;
    const segments = RISK_TIERS.map((tier) => {
      const share = total ? row[tier] / total : 0;
      const segment = { tier, count: row[tier], share, offset };
      offset += share;
      return segment;
    });
    return { month: row.month, total, segments };
  });
}
