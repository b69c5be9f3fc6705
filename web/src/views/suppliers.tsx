import { useEffect, useMemo, useState } from 'preact/hooks';
import {
  type Overview,
  RISK_TIERS,
  SECTORS,
  SUPPLIER_SORTS,
  type Sector,
  type SupplierPage,
  type SupplierSort,
} from '../api/types.js';
import { SupplierTable } from '../components/supplier-table.js';
import { EmptyState, ErrorNotice, Loading, TierIcon } from '../components/ui.js';
import { useDebounced, useResource, usePageTitle } from '../hooks.js';
import { countryCodeByName, countryName, formatCount, sectorLabel, tierLabel } from '../lib/format.js';
import { prioritySortLabel, spendCounts } from '../lib/overview.js';
import {
  effectiveOrder,
  hasFilters,
  PAGE_SIZES,
  pageCount,
  pageRange,
  parseCountryInput,
  parseSupplierQuery,
  supplierFilterString,
  supplierQueryString,
  toggleSort,
  withFilters,
  type SupplierQuery,
} from '../lib/supplier-query.js';
import { Link, useRouter } from '../router.js';

const SORT_LABELS: Record<Exclude<SupplierSort, 'priority'>, string> = {
  score: 'Score',
  name: 'Name',
  country: 'Country',
  updated: 'Last updated',
};

export function SuppliersView({ search }: { search: string }) {
  const heading = usePageTitle('Suppliers');
  const { navigate } = useRouter();
  const query = useMemo(() => parseSupplierQuery(search), [search]);
  const page = useResource<SupplierPage>(`/suppliers?${supplierQueryString(query, { forApi: true })}`);
  // Whether any supplier has a spend, for the priority order's name (the overview is cached on the server).
  const overview = useResource<Overview>('/dashboard/overview');
  const sortLabel = (sort: SupplierSort): string =>
    sort === 'priority' ? prioritySortLabel(spendCounts(overview.data)) : SORT_LABELS[sort];

  const go = (next: SupplierQuery, replace = false) => {
    const qs = supplierQueryString(next);
    navigate(qs ? `/app/suppliers?${qs}` : '/app/suppliers', { replace });
  };

  const data = page.data;
  const exportQuery = supplierFilterString(query);
  const pages = data ? pageCount(data.total, data.pageSize) : 1;
  const range = data ? pageRange(data.page, data.pageSize, data.total) : undefined;

  return (
    <>
      <div class="page-head">
        <h1 ref={heading.ref} tabIndex={-1}>
          Suppliers
        </h1>
        <p class="muted" role="status" aria-live="polite">
          {data
            ? `${formatCount(data.total)} supplier${data.total === 1 ? '' : 's'}${hasFilters(query) ? ' match the filters' : ''}`
            : ' '}
        </p>
        <label class="inline head-end">
          Sort by
          <select
            value={query.sort}
            onChange={(e) =>
              go({ ...query, sort: e.currentTarget.value as SupplierSort, order: null, page: 1 })
            }
          >
            {SUPPLIER_SORTS.map((sort) => (
              <option key={sort} value={sort}>
                {sortLabel(sort)}
              </option>
            ))}
          </select>
        </label>
        {data && data.total > 0 && (
          <a class="button" href={`/suppliers/export.xlsx${exportQuery ? `?${exportQuery}` : ''}`} download>
            Export {hasFilters(query) ? 'these' : 'all'} suppliers (xlsx)
          </a>
        )}
      </div>

      <Filters query={query} onChange={(next, replace) => go(next, replace)} />

      {page.error && <ErrorNotice error={page.error} title="The supplier list could not be loaded." />}
      {page.loading && !data && <Loading what="suppliers" />}
      {data && data.total === 0 && !hasFilters(query) && (
        <EmptyState title="No suppliers yet: upload a list">
          <p>
            <Link class="button primary" href="/app/import">
              Upload a supplier list
            </Link>
          </p>
        </EmptyState>
      )}
      {data && data.total === 0 && hasFilters(query) && (
        <EmptyState title="No supplier matches these filters">
          <p>
            <button
              type="button"
              class="button"
              onClick={() => go({ ...parseSupplierQuery(''), sort: query.sort, order: query.order })}
            >
              Clear the filters
            </button>
          </p>
        </EmptyState>
      )}
      {data && data.total > 0 && (
        <div aria-busy={page.loading}>
          <SupplierTable
            items={data.items}
            caption="Suppliers; select a column heading to sort"
            sorting={{ query, onSort: (sort) => go(toggleSort(query, sort)) }}
            rankFrom={
              query.sort === 'priority' && effectiveOrder(query) === 'desc'
                ? (data.page - 1) * data.pageSize + 1
                : undefined
            }
          />
          <nav class="pager" aria-label="Pages">
            <button
              type="button"
              class="button"
              disabled={data.page <= 1}
              onClick={() => go({ ...query, page: data.page - 1 })}
            >
              ← Previous
            </button>
            <span>
              Page {formatCount(data.page)} of {formatCount(pages)}
              {range && (
                <span class="muted">
                  {' '}
                  · showing {formatCount(range.first)}–{formatCount(range.last)} of {formatCount(data.total)}
                </span>
              )}
            </span>
            <button
              type="button"
              class="button"
              disabled={data.page >= pages}
              onClick={() => go({ ...query, page: data.page + 1 })}
            >
              Next →
            </button>
            <label class="inline">
              Rows per page
              <select
                value={String(query.pageSize)}
                onChange={(e) => go(withFilters(query, { pageSize: Number(e.currentTarget.value) }))}
              >
                {PAGE_SIZES.map((size) => (
                  <option key={size} value={String(size)}>
                    {size}
                  </option>
                ))}
              </select>
            </label>
          </nav>
        </div>
      )}
    </>
  );
}

/** The list's filters; the data-gaps page offers the same ones. */
export function Filters({
  query,
  onChange,
}: {
  query: SupplierQuery;
  onChange: (next: SupplierQuery, replace?: boolean) => void;
}) {
  const [text, setText] = useState(query.q);
  const [countryText, setCountryText] = useState(query.country.join(', '));
  const [countryError, setCountryError] = useState<string>();
  const settledText = useDebounced(text, 300);

  // Back/forward or a link changes the address: the boxes follow it.
  useEffect(() => setText(query.q), [query.q]);
  useEffect(() => setCountryText(query.country.join(', ')), [query.country.join(',')]);

  useEffect(() => {
    if (settledText.trim() !== query.q) {
      onChange(withFilters(query, { q: settledText.trim() }), true);
    }
    // Only the settled text triggers a search; the query itself changes with it.
  }, [settledText]);

  const applyCountries = () => {
    const { codes, invalid } = parseCountryInput(countryText, countryCodeByName);
    setCountryError(
      invalid.length ? `Not a country name or two-letter code: ${invalid.join(', ')}` : undefined,
    );
    if (codes.join(',') !== query.country.join(',')) {
      onChange(withFilters(query, { country: codes }));
    }
  };

  const toggleTier = (tier: (typeof RISK_TIERS)[number], on: boolean) => {
    const tiers = on ? [...query.tier, tier] : query.tier.filter((t) => t !== tier);
    onChange(withFilters(query, { tier: tiers }));
  };

  const sectorValue =
    query.sector.length === 0 ? '' : query.sector.length === 1 ? query.sector[0] : 'several';

  return (
    <form class="filters" role="search" aria-label="Filter suppliers" onSubmit={(e) => e.preventDefault()}>
      <label class="filter-search">
        Search
        <input
          type="search"
          placeholder="Name, supplier ID, address or city"
          title="Finds the text in the name, the supplier ID, the address or the city"
          value={text}
          maxLength={200}
          onInput={(e) => setText(e.currentTarget.value)}
        />
      </label>
      <fieldset class="filter-tiers">
        <legend>Tier</legend>
        {RISK_TIERS.map((tier) => (
          <label key={tier} class={`check tier-check tier-${tier}`}>
            <input
              type="checkbox"
              checked={query.tier.includes(tier)}
              onChange={(e) => toggleTier(tier, e.currentTarget.checked)}
            />
            <TierIcon tier={tier} />
            {tierLabel(tier)}
          </label>
        ))}
      </fieldset>
      <label>
        Sector
        <select
          value={sectorValue}
          onChange={(e) => {
            const value = e.currentTarget.value;
            if (value !== 'several') {
              onChange(withFilters(query, { sector: value ? [value as Sector] : [] }));
            }
          }}
        >
          <option value="">All sectors</option>
          {query.sector.length > 1 && (
            <option value="several" disabled>
              {query.sector.map(sectorLabel).join(', ')}
            </option>
          )}
          {SECTORS.map((sector) => (
            <option key={sector} value={sector}>
              {sectorLabel(sector)}
            </option>
          ))}
        </select>
      </label>
      <label class="filter-country">
        Country
        <input
          type="text"
          placeholder="e.g. Malaysia, TH"
          value={countryText}
          aria-describedby={countryError ? 'country-error' : undefined}
          aria-invalid={countryError ? true : undefined}
          title={query.country.map((c) => `${countryName(c)} (${c})`).join(', ') || undefined}
          onInput={(e) => setCountryText(e.currentTarget.value)}
          onBlur={applyCountries}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              applyCountries();
            }
          }}
        />
        {countryError && (
          <span id="country-error" class="field-error">
            {countryError}
          </span>
        )}
      </label>
      <label>
        Red flags
        <select
          value={query.redFlag === null ? '' : String(query.redFlag)}
          onChange={(e) => {
            const value = e.currentTarget.value;
            onChange(withFilters(query, { redFlag: value === '' ? null : value === 'true' }));
          }}
        >
          <option value="">Any</option>
          <option value="true">With red flags</option>
          <option value="false">Without red flags</option>
        </select>
      </label>
      {hasFilters(query) && (
        <button
          type="button"
          class="button link-button"
          onClick={() => {
            setCountryError(undefined);
            onChange({
              ...parseSupplierQuery(''),
              sort: query.sort,
              order: query.order,
              pageSize: query.pageSize,
            });
          }}
        >
          Clear filters
        </button>
      )}
    </form>
  );
}
