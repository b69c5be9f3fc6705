import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ImportBatchEntity } from '../imports/import-batch.entity.js';
import type { RiskTier } from '../scoring/domain/assessment-result.js';
import { SupplierEntity } from '../suppliers/supplier.entity.js';

const HIGH_OR_CRITICAL = "current_tier IN ('high', 'critical')";
// As priority.ts reads it: a number above zero (a JSON path comparison is false, not an error, for a string).
const HAS_SPEND = "profile @? '$.annualSpend ? (@ > 0)'";

/** A portfolio total (`all`) or one group of a breakdown by tier, sector or country. */
export interface GroupRow {
  by: 'all' | 'tier' | 'sector' | 'country';
  key: string | null;
  count: number;
  assessed: number;
  hc: number;
  flagged: number;
  completeness: number | null;
  /** Of the scored suppliers; null when none is. */
  averageScore: number | null;
  maxScore: number | null;
  /** Suppliers with an annual spend above zero: the priority order weighs spend only for them. */
  withSpend: number;
}

export type TrendRow = { month: string } & Record<RiskTier, number>;

/** The overview's reads: aggregates computed in SQL, so the page never loads every supplier. */
@Injectable()
export class DashboardRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Changes whenever an import or a re-scoring commits (each writes a tier snapshot) or an import ends. */
  async dataVersion(): Promise<string> {
    const [row] = await this.dataSource.query<{ version: string }[]>(
      `SELECT concat_ws('|', (SELECT max(taken_at) FROM tier_snapshots)::text,
                              (SELECT max(coalesce(finished_at, created_at)) FROM import_batches)::text,
                              (SELECT count(*) FROM import_batches)::text) AS version`,
    );
    return row?.version ?? '';
  }

  /** One scan of suppliers for the totals and the three breakdowns. */
  groups(): Promise<GroupRow[]> {
    return this.dataSource.query<GroupRow[]>(
      `SELECT CASE WHEN GROUPING(current_tier) = 0 THEN 'tier' WHEN GROUPING(sector) = 0 THEN 'sector'
                   WHEN GROUPING(country) = 0 THEN 'country' ELSE 'all' END AS by,
              coalesce(current_tier, sector, country) AS key,
              count(*)::int AS count, count(current_tier)::int AS assessed,
              count(*) FILTER (WHERE ${HIGH_OR_CRITICAL})::int AS hc,
              count(*) FILTER (WHERE red_flag_count > 0)::int AS flagged,
              avg(data_completeness)::float AS completeness,
              avg(current_score)::float AS "averageScore", max(current_score)::float AS "maxScore",
              count(*) FILTER (WHERE ${HAS_SPEND})::int AS "withSpend"
         FROM suppliers
        GROUP BY GROUPING SETS ((), (current_tier), (sector), (country))`,
    );
  }

  /** The last tier snapshot of each of the last twelve months. */
  monthlyTiers(): Promise<TrendRow[]> {
    return this.dataSource.query<TrendRow[]>(
      `SELECT DISTINCT ON (date_trunc('month', taken_at)) to_char(date_trunc('month', taken_at), 'YYYY-MM') AS month,
              low, medium, high, critical
         FROM tier_snapshots
        WHERE taken_at >= date_trunc('month', now()) - interval '11 months'
        ORDER BY date_trunc('month', taken_at), taken_at DESC`,
    );
  }

  topPriority(limit: number): Promise<SupplierEntity[]> {
    return (
      this.dataSource
        .getRepository(SupplierEntity)
        .createQueryBuilder('s')
        .where('s.priority IS NOT NULL')
        // NULLS LAST (moot after the filter) so that the scan reads ix_suppliers_priority_id instead of sorting.
        .orderBy('s.priority', 'DESC', 'NULLS LAST')
        .addOrderBy('s.id')
        .limit(limit)
        .getMany()
    );
  }

  lastImport(): Promise<ImportBatchEntity | null> {
    return this.dataSource
      .getRepository(ImportBatchEntity)
      .findOne({ where: {}, order: { createdAt: 'DESC' } });
  }
}
