import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { countryByAlpha2 } from '../common/countries/country-resolver.js';
import { toImportBatchView, type ImportBatchView } from '../imports/dto/import.views.js';
import { ImportBatchEntity } from '../imports/import-batch.entity.js';
import { RISK_TIERS, type RiskTier } from '../scoring/assessment-result.js';
import { toSupplierSummary, type SupplierSummary } from '../suppliers/dto/supplier.views.js';
import { SupplierEntity } from '../suppliers/supplier.entity.js';

export interface Overview {
  suppliers: number;
  assessed: number;
  tiers: { tier: RiskTier; count: number }[];
  highOrCriticalShare: number;
  suppliersWithRedFlags: number;
  averageCompleteness: number | null;
  lastImport: ImportBatchView | null;
  bySector: { sector: string; count: number; highOrCritical: number }[];
  byCountry: { country: string; name: string; count: number; highOrCritical: number }[];
  trend: ({ month: string } & Record<RiskTier, number>)[];
  topPriority: SupplierSummary[];
}

const HIGH_OR_CRITICAL = "current_tier IN ('high', 'critical')";

/** Portfolio aggregates computed in SQL: the page never loads every supplier. */
@Injectable()
export class DashboardService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async overview(): Promise<Overview> {
    const q = <T>(sql: string): Promise<T[]> => this.dataSource.query(sql);
    const [totals] = await q<{
      suppliers: number;
      assessed: number;
      hc: number;
      flagged: number;
      completeness: number | null;
    }>(
      `SELECT count(*)::int AS suppliers, count(current_tier)::int AS assessed,
              count(*) FILTER (WHERE ${HIGH_OR_CRITICAL})::int AS hc,
              count(*) FILTER (WHERE red_flag_count > 0)::int AS flagged,
              avg(data_completeness)::float AS completeness
         FROM suppliers`,
    );
    const tiers = await q<{ tier: RiskTier; count: number }>(
      'SELECT current_tier AS tier, count(*)::int AS count FROM suppliers WHERE current_tier IS NOT NULL GROUP BY 1',
    );
    const bySector = await q<{ sector: string; count: number; highOrCritical: number }>(
      `SELECT coalesce(sector, 'unknown') AS sector, count(*)::int AS count,
              count(*) FILTER (WHERE ${HIGH_OR_CRITICAL})::int AS "highOrCritical"
         FROM suppliers GROUP BY 1 ORDER BY 2 DESC, 1`,
    );
    const byCountry = await q<{ country: string; count: number; highOrCritical: number }>(
      `SELECT country, count(*)::int AS count, count(*) FILTER (WHERE ${HIGH_OR_CRITICAL})::int AS "highOrCritical"
         FROM suppliers GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 15`,
    );
    // The tier mix per month: each supplier counted once a month, with its last assessment of that month.
    const trendRows = await q<{ month: string; tier: RiskTier; count: number }>(
      `SELECT month, tier, count(*)::int AS count
         FROM (SELECT DISTINCT ON (supplier_id, date_trunc('month', assessed_at))
                      to_char(date_trunc('month', assessed_at), 'YYYY-MM') AS month, tier
                 FROM assessments
                WHERE assessed_at >= date_trunc('month', now()) - interval '11 months'
                ORDER BY supplier_id, date_trunc('month', assessed_at), assessed_at DESC) latest
        GROUP BY 1, 2 ORDER BY 1`,
    );
    const top = await this.dataSource
      .getRepository(SupplierEntity)
      .createQueryBuilder('s')
      .where('s.priority IS NOT NULL')
      .orderBy('s.priority', 'DESC')
      .addOrderBy('s.id')
      .limit(10)
      .getMany();
    const lastImport = await this.dataSource
      .getRepository(ImportBatchEntity)
      .findOne({ where: {}, order: { createdAt: 'DESC' } });
    const trend = new Map<string, { month: string } & Record<RiskTier, number>>();
    for (const row of trendRows) {
      const entry = trend.get(row.month) ?? { month: row.month, low: 0, medium: 0, high: 0, critical: 0 };
      entry[row.tier] = row.count;
      trend.set(row.month, entry);
    }
    return {
      suppliers: totals?.suppliers ?? 0,
      assessed: totals?.assessed ?? 0,
      tiers: RISK_TIERS.map((tier) => ({ tier, count: tiers.find((t) => t.tier === tier)?.count ?? 0 })),
      highOrCriticalShare: totals?.assessed ? totals.hc / totals.assessed : 0,
      suppliersWithRedFlags: totals?.flagged ?? 0,
      averageCompleteness: totals?.completeness ?? null,
      lastImport: lastImport ? toImportBatchView(lastImport) : null,
      bySector,
      byCountry: byCountry.map((c) => ({ ...c, name: countryByAlpha2(c.country)?.name ?? c.country })),
      trend: [...trend.values()],
      topPriority: top.map(toSupplierSummary),
    };
  }
}
