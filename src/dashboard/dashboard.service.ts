import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { countryByAlpha2 } from '../common/countries/country-resolver.js';
import { toImportBatchView } from '../imports/dto/import.views.js';
import { ImportBatchEntity } from '../imports/import-batch.entity.js';
import { RISK_TIERS, type RiskTier } from '../scoring/domain/assessment-result.js';
import type { Overview } from './dto/overview.views.js';
import { toSupplierSummary } from '../suppliers/dto/supplier.views.js';
import { SupplierEntity } from '../suppliers/supplier.entity.js';

const HIGH_OR_CRITICAL = "current_tier IN ('high', 'critical')";
const TOP_COUNTRIES = 15;

interface GroupRow {
  by: 'all' | 'tier' | 'sector' | 'country';
  key: string | null;
  count: number;
  assessed: number;
  hc: number;
  flagged: number;
  completeness: number | null;
}

/**
 * Portfolio aggregates computed in SQL: the page never loads every supplier. The figures only change when an import
 * or a re-scoring commits (each writes a tier snapshot) or an import ends, so the overview is computed again only
 * when one of those has happened since; any instance sees the same version in the database.
 */
@Injectable()
export class DashboardService {
  private cached?: { version: string; overview: Promise<Overview> };
  private versionRead?: Promise<string>;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async overview(): Promise<Overview> {
    const version = await this.dataVersion();
    if (this.cached?.version !== version) {
      const overview = this.compute();
      // A failed computation is not kept: the next request tries again.
      overview.catch(() => {
        if (this.cached?.overview === overview) {
          this.cached = undefined;
        }
      });
      this.cached = { version, overview };
    }
    return this.cached.overview;
  }

  /**
   * Requests that arrive while the version is being read share that read: under many clients this is one query
   * per round instead of one each. A request gets the version as read at most one query earlier than it arrived.
   */
  private dataVersion(): Promise<string> {
    this.versionRead ??= this.dataSource
      .query<{ version: string }[]>(
        `SELECT concat_ws('|', (SELECT max(taken_at) FROM tier_snapshots)::text,
                                (SELECT max(coalesce(finished_at, created_at)) FROM import_batches)::text,
                                (SELECT count(*) FROM import_batches)::text) AS version`,
      )
      .then(([row]) => row?.version ?? '')
      .finally(() => {
        this.versionRead = undefined;
      });
    return this.versionRead;
  }

  private async compute(): Promise<Overview> {
    // One scan of suppliers for the totals and the three breakdowns.
    const groups = await this.dataSource.query<GroupRow[]>(
      `SELECT CASE WHEN GROUPING(current_tier) = 0 THEN 'tier' WHEN GROUPING(sector) = 0 THEN 'sector'
                   WHEN GROUPING(country) = 0 THEN 'country' ELSE 'all' END AS by,
              coalesce(current_tier, sector, country) AS key,
              count(*)::int AS count, count(current_tier)::int AS assessed,
              count(*) FILTER (WHERE ${HIGH_OR_CRITICAL})::int AS hc,
              count(*) FILTER (WHERE red_flag_count > 0)::int AS flagged,
              avg(data_completeness)::float AS completeness
         FROM suppliers
        GROUP BY GROUPING SETS ((), (current_tier), (sector), (country))`,
    );
    const trendRows = await this.dataSource.query<({ month: string } & Record<RiskTier, number>)[]>(
      `SELECT DISTINCT ON (date_trunc('month', taken_at)) to_char(date_trunc('month', taken_at), 'YYYY-MM') AS month,
              low, medium, high, critical
         FROM tier_snapshots
        WHERE taken_at >= date_trunc('month', now()) - interval '11 months'
        ORDER BY date_trunc('month', taken_at), taken_at DESC`,
    );
    const top = await this.dataSource
      .getRepository(SupplierEntity)
      .createQueryBuilder('s')
      .where('s.priority IS NOT NULL')
      // NULLS LAST (moot after the filter) so that the scan reads ix_suppliers_priority_id instead of sorting.
      .orderBy('s.priority', 'DESC', 'NULLS LAST')
      .addOrderBy('s.id')
      .limit(10)
      .getMany();
    const lastImport = await this.dataSource
      .getRepository(ImportBatchEntity)
      .findOne({ where: {}, order: { createdAt: 'DESC' } });
    const of = (by: GroupRow['by']): GroupRow[] => groups.filter((g) => g.by === by);
    const totals = of('all')[0];
    const byCount = (a: GroupRow, b: GroupRow): number =>
      b.count - a.count || String(a.key).localeCompare(String(b.key));
    return {
      suppliers: totals?.count ?? 0,
      assessed: totals?.assessed ?? 0,
      tiers: RISK_TIERS.map((tier) => ({ tier, count: of('tier').find((t) => t.key === tier)?.count ?? 0 })),
      highOrCriticalShare: totals?.assessed ? totals.hc / totals.assessed : 0,
      suppliersWithRedFlags: totals?.flagged ?? 0,
      averageCompleteness: totals?.completeness ?? null,
      lastImport: lastImport ? toImportBatchView(lastImport) : null,
      bySector: of('sector')
        .sort(byCount)
        .map((g) => ({ sector: g.key ?? 'unknown', count: g.count, highOrCritical: g.hc })),
      byCountry: of('country')
        .filter((g) => g.key !== null)
        .sort(byCount)
        .slice(0, TOP_COUNTRIES)
        .map((g) => ({
          country: g.key ?? '',
          name: countryByAlpha2(g.key ?? '')?.name ?? g.key ?? '',
          count: g.count,
          highOrCritical: g.hc,
        })),
      trend: trendRows.map((r) => ({
        month: r.month,
        low: r.low,
        medium: r.medium,
        high: r.high,
        critical: r.critical,
      })),
      topPriority: top.map(toSupplierSummary),
    };
  }
}
