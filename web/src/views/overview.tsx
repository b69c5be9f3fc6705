import { useState } from 'preact/hooks';
import type { Overview, ScreeningSummary } from '../api/types.js';
import { SplitBars, TierBars, TierMixTrend } from '../components/charts.js';
import { ScreeningCounts } from '../components/screening.js';
import { EmptyState, ErrorNotice, Loading, NotAllowed, Section, Stat } from '../components/ui.js';
import { SupplierTable } from '../components/supplier-table.js';
import { useResource, usePageTitle } from '../hooks.js';
import {
  countryName,
  formatCount,
  formatPercent,
  formatRelative,
  formatScore,
  sectorLabel,
} from '../lib/format.js';
import { importOutcome } from '../lib/imports.js';
import {
  COUNTRY_RANKS,
  countryListTitle,
  countryRankLabel,
  type CountryRank,
  priorityOrderText,
  rankedCountries,
  rankedOutOf,
} from '../lib/overview.js';
import { notAllowedReason } from '../lib/roles.js';
import { editionTitle } from '../lib/screening.js';
import { Link } from '../router.js';
import { useSession } from '../session.js';

export function OverviewView() {
  const heading = usePageTitle('Overview');
  const overview = useResource<Overview>('/dashboard/overview');
  return (
    <>
      <div class="page-head">
        <h1 ref={heading.ref} tabIndex={-1}>
          Portfolio overview
        </h1>
      </div>
      {overview.loading && !overview.data && <Loading what="the portfolio" />}
      {overview.error && <ErrorNotice error={overview.error} title="The overview could not be loaded." />}
      {overview.data && <OverviewBody overview={overview.data} />}
    </>
  );
}

function OverviewBody({ overview }: { overview: Overview }) {
  const { me, can } = useSession();
  if (overview.suppliers === 0) {
    return (
      <EmptyState title="No suppliers yet: upload a list">
        <p>
          Upload your supplier list as it comes out of your ERP or procurement sheet (xlsx or csv). Vigil maps
          the columns, scores every supplier and explains each score.
        </p>
        {!can.uploadImports && (
          <NotAllowed>{notAllowedReason('uploadImports', me?.role)} Ask one to upload the list.</NotAllowed>
        )}
        <p class="actions">
          {can.uploadImports && (
            <Link class="button primary" href="/app/import">
              Upload a supplier list
            </Link>
          )}
          <a class="button" href="/imports/template.xlsx">
            Download the template
          </a>
        </p>
      </EmptyState>
    );
  }
  const highOrCritical = overview.tiers
    .filter((t) => t.tier === 'high' || t.tier === 'critical')
    .reduce((sum, t) => sum + t.count, 0);
  const last = overview.lastImport;
  return (
    <>
      <dl class="stats">
        <Stat
          label="Suppliers"
          value={formatCount(overview.suppliers)}
          detail={
            overview.assessed === overview.suppliers
              ? 'all scored'
              : `${formatCount(overview.assessed)} scored`
          }
          href="/app/suppliers"
        />
        <Stat
          label="High or critical"
          value={formatPercent(overview.highOrCriticalShare)}
          detail={`${formatCount(highOrCritical)} suppliers`}
          href="/app/suppliers?tier=high,critical"
        />
        <Stat
          label="With red flags"
          value={formatCount(overview.suppliersWithRedFlags)}
          detail="need follow-up now"
          href="/app/suppliers?redFlag=true"
        />
        <Stat
          label="Data completeness"
          value={formatPercent(overview.averageCompleteness)}
          detail="average of the fields the rules read"
        />
        <Stat
          label="Last import"
          value={last ? formatRelative(last.createdAt, new Date()) : 'none'}
          detail={last ? importOutcome(last) : undefined}
          href={last ? `/app/import/${last.id}` : '/app/import'}
        />
      </dl>

      <ScreeningOverview />

      <div class="grid-2">
        <Section title="Suppliers by tier" id="by-tier">
          <TierBars tiers={overview.tiers} total={overview.assessed} />
        </Section>
        <Section title="Tier mix over time" id="trend">
          <TierMixTrend trend={overview.trend} />
        </Section>
      </div>

      <div class="grid-2">
        <Section title="By sector" id="by-sector">
          <SplitBars
            label="Suppliers per sector"
            items={overview.bySector.map((row) => ({
              key: row.sector,
              label: sectorLabel(row.sector),
              // Suppliers without a sector cannot be filtered for; the link then lists everyone.
              href: row.sector === 'unknown' ? '/app/suppliers' : `/app/suppliers?sector=${row.sector}`,
              count: row.count,
              highOrCritical: row.highOrCritical,
            }))}
          />
        </Section>
        <Countries overview={overview} />
      </div>

      <Section
        title="Top priorities"
        id="priorities"
        actions={<Link href="/app/suppliers">All suppliers by priority</Link>}
      >
        <p class="muted priority-order">{priorityOrderText(overview)}</p>
        <SupplierTable
          items={overview.topPriority}
          caption={`The ${formatCount(overview.topPriority.length)} suppliers with the highest priority`}
        />
      </Section>
    </>
  );
}

/**
 * The countries three ways: the most suppliers, and the highest average and maximum score, so that a country of
 * one or two high-risk suppliers is not hidden behind the large ones. Each links to its suppliers.
 */
function Countries({ overview }: { overview: Overview }) {
  const [rank, setRank] = useState<CountryRank>('count');
  const rows = rankedCountries(overview, rank);
  const title = countryListTitle(rank, rows.length, rankedOutOf(overview, rank));
  const sortedBy = (column: CountryRank) => (column === rank ? 'descending' : undefined);
  return (
    <Section title={title} id="by-country">
      <fieldset class="rank-choice">
        <legend>Rank by</legend>
        {COUNTRY_RANKS.map((choice) => (
          <label key={choice}>
            <input
              type="radio"
              name="country-rank"
              value={choice}
              checked={rank === choice}
              onChange={() => setRank(choice)}
            />
            {countryRankLabel(choice)}
          </label>
        ))}
      </fieldset>
      {rows.length === 0 ? (
        <p class="muted">No supplier is scored yet.</p>
      ) : (
        <div class="table-wrap">
          <table class="countries">
            <caption class="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">Country</th>
                <th scope="col" class="num" aria-sort={sortedBy('count')}>
                  Suppliers
                </th>
                <th scope="col" class="num">
                  High or critical
                </th>
                <th scope="col" class="num" aria-sort={sortedBy('averageScore')}>
                  Average score
                </th>
                <th scope="col" class="num" aria-sort={sortedBy('maxScore')}>
                  Highest score
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.country}>
                  <th scope="row">
                    <Link href={`/app/suppliers?country=${row.country}`} title={row.country}>
                      {countryName(row.country)}
                    </Link>
                  </th>
                  <td class="num">{formatCount(row.count)}</td>
                  <td class="num">
                    {row.highOrCritical > 0 ? formatCount(row.highOrCritical) : <span class="muted">0</span>}
                  </td>
                  <td class="num">{formatScore(row.averageScore)}</td>
                  <td class="num">{formatScore(row.maxScore)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}

/** The hits against the enforcement lists; the roles that may review them follow each figure to its hits. */
function ScreeningOverview() {
  const { can } = useSession();
  // A server without screening leaves the section out.
  const summary = useResource<ScreeningSummary>('/screening/summary', { optional: true });
  if (summary.unavailable) {
    return null;
  }
  return (
    <Section
      title="Enforcement-list screening"
      id="screening"
      actions={can.viewScreening && <Link href="/app/screening">Review the hits</Link>}
    >
      {summary.error && (
        <ErrorNotice error={summary.error} title="The screening figures could not be loaded." />
      )}
      {summary.loading && !summary.data && <Loading what="the screening figures" />}
      {summary.data && (
        <>
          <ScreeningCounts summary={summary.data} linked={can.viewScreening} />
          <p class="muted screening-editions">
            {summary.data.editions.length > 0
              ? `Screened against the ${summary.data.editions.map(editionTitle).join(' and the ')}.`
              : 'No list edition is loaded: nothing is screened.'}
          </p>
        </>
      )}
    </Section>
  );
}
