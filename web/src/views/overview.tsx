import type { Overview, ScreeningSummary } from '../api/types.js';
import { SplitBars, TierBars, TierMixTrend } from '../components/charts.js';
import { ScreeningCounts } from '../components/screening.js';
import { EmptyState, ErrorNotice, Loading, NotAllowed, Section, Stat } from '../components/ui.js';
import { SupplierTable } from '../components/supplier-table.js';
import { useResource, usePageTitle } from '../hooks.js';
import { countryName, formatCount, formatPercent, formatRelative, sectorLabel } from '../lib/format.js';
import { importOutcome } from '../lib/imports.js';
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
        <Section title={`By country (top ${overview.byCountry.length})`} id="by-country">
          <SplitBars
            label="Suppliers per country"
            items={overview.byCountry.map((row) => ({
              key: row.country,
              label: countryName(row.country),
              href: `/app/suppliers?country=${row.country}`,
              count: row.count,
              highOrCritical: row.highOrCritical,
            }))}
          />
        </Section>
      </div>

      <Section
        title="Top priorities"
        id="priorities"
        actions={<Link href="/app/suppliers">All suppliers by priority</Link>}
      >
        <p class="muted">
          The head of the work list: worst assessed tier first, then red flags, then, for suppliers little is
          known about, how high their range reaches; then score and spend. Each supplier's page says why it is
          here.
        </p>
        <SupplierTable items={overview.topPriority} caption="The ten suppliers with the highest priority" />
      </Section>
    </>
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
