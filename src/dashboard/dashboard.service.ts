import { Injectable } from '@nestjs/common';
import { countryDisplayName } from '../scoring/domain/country-names.js';
import { toImportBatchView } from '../imports/dto/import.views.js';
import { RISK_TIERS } from '../scoring/domain/assessment-result.js';
import type { CountryFigures, Overview } from './dto/overview.views.js';
import { toSupplierSummary } from '../suppliers/dto/supplier.views.js';
import { DashboardRepository, type GroupRow } from './dashboard.repository.js';

const TOP_COUNTRIES = 15;
const TOP_PRIORITY = 10;

const score = (value: number | null): number => value ?? -1;

/** Ties of one risk figure: the other one, then more high or critical suppliers, then more suppliers. */
function byRisk(a: GroupRow, b: GroupRow): number {
  return (
    score(b.maxScore) - score(a.maxScore) ||
    score(b.averageScore) - score(a.averageScore) ||
    b.hc - a.hc ||
    b.count - a.count ||
    String(a.key).localeCompare(String(b.key))
  );
}

function topCountries(rows: GroupRow[], order: (a: GroupRow, b: GroupRow) => number): CountryFigures[] {
  return [...rows]
    .sort(order)
    .slice(0, TOP_COUNTRIES)
    .map((g) => ({
      country: g.key ?? '',
      name: countryDisplayName(g.key ?? ''),
      count: g.count,
      averageScore: g.averageScore,
      maxScore: g.maxScore,
      highOrCritical: g.hc,
    }));
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

  constructor(private readonly store: DashboardRepository) {}

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
    this.versionRead ??= this.store.dataVersion().finally(() => {
      this.versionRead = undefined;
    });
    return this.versionRead;
  }

  private async compute(): Promise<Overview> {
    const groups = await this.store.groups();
    const trendRows = await this.store.monthlyTiers();
    const top = await this.store.topPriority(TOP_PRIORITY);
    const lastImport = await this.store.lastImport();
    const of = (by: GroupRow['by']): GroupRow[] => groups.filter((g) => g.by === by);
    const totals = of('all')[0];
    const byCount = (a: GroupRow, b: GroupRow): number =>
      b.count - a.count || String(a.key).localeCompare(String(b.key));
    const countries = of('country').filter((g) => g.key !== null);
    const scored = countries.filter((g) => g.assessed > 0);
    return {
      suppliers: totals?.count ?? 0,
      assessed: totals?.assessed ?? 0,
      suppliersWithSpend: totals?.withSpend ?? 0,
      tiers: RISK_TIERS.map((tier) => ({ tier, count: of('tier').find((t) => t.key === tier)?.count ?? 0 })),
      highOrCriticalShare: totals?.assessed ? totals.hc / totals.assessed : 0,
      suppliersWithRedFlags: totals?.flagged ?? 0,
      averageCompleteness: totals?.completeness ?? null,
      lastImport: lastImport ? toImportBatchView(lastImport) : null,
      bySector: of('sector')
        .sort(byCount)
        .map((g) => ({ sector: g.key ?? 'unknown', count: g.count, highOrCritical: g.hc })),
      byCountry: topCountries(countries, byCount),
      byCountryRisk: {
        averageScore: topCountries(
          scored,
          (a, b) => score(b.averageScore) - score(a.averageScore) || byRisk(a, b),
        ),
        maxScore: topCountries(scored, (a, b) => score(b.maxScore) - score(a.maxScore) || byRisk(a, b)),
      },
      countries: { total: countries.length, scored: scored.length, shown: TOP_COUNTRIES },
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
