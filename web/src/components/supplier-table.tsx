import type { SupplierSort, SupplierSummary } from '../api/types.js';
import {
  countryName,
  formatCount,
  formatDate,
  formatPercent,
  formatScore,
  sectorLabel,
} from '../lib/format.js';
import { effectiveOrder, type SupplierQuery } from '../lib/supplier-query.js';
import { confidenceLabel, formatRange, priorityReasonText } from '../lib/uncertainty.js';
import { Link } from '../router.js';
import { ScreeningStatusTag } from './screening.js';
import { TierBadge } from './ui.js';

interface Sorting {
  query: SupplierQuery;
  onSort: (sort: SupplierSort) => void;
}

function SortHeader({
  sort,
  label,
  sorting,
  num,
}: {
  sort: SupplierSort;
  label: string;
  sorting?: Sorting;
  num?: boolean;
}) {
  if (!sorting) {
    return (
      <th scope="col" class={num ? 'num' : undefined}>
        {label}
      </th>
    );
  }
  const active = sorting.query.sort === sort;
  const order = effectiveOrder(sorting.query);
  return (
    <th
      scope="col"
      class={num ? 'num' : undefined}
      aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : undefined}
    >
      <button type="button" class="sort" onClick={() => sorting.onSort(sort)}>
        {label}
        <span class="sort-mark" aria-hidden="true">
          {active ? (order === 'asc' ? '▲' : '▼') : '↕'}
        </span>
        <span class="visually-hidden">
          {active ? `, sorted ${order === 'asc' ? 'ascending' : 'descending'}` : ', sort'}
        </span>
      </button>
    </th>
  );
}

/** The city, and the address under it; what a list did not give is left out, not guessed. */
function SiteCell({ supplier }: { supplier: SupplierSummary }) {
  if (!supplier.city && !supplier.address) {
    return <span class="muted">not given</span>;
  }
  return (
    <>
      {supplier.city && <span class="site-city">{supplier.city}</span>}
      {supplier.address && <span class="site-address">{supplier.address}</span>}
    </>
  );
}

/** Suppliers with their tier and score; `rankFrom` numbers the rows (the priority list). */
export function SupplierTable({
  items,
  caption,
  sorting,
  rankFrom,
}: {
  items: SupplierSummary[];
  caption: string;
  sorting?: Sorting;
  rankFrom?: number;
}) {
  return (
    <div class="table-wrap">
      <table class="suppliers">
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {rankFrom !== undefined && (
              <th scope="col" class="num">
                #
              </th>
            )}
            <SortHeader sort="name" label="Supplier" sorting={sorting} />
            <th scope="col" title="Where the site is: sites of one group often share a name">
              Site
            </th>
            <SortHeader sort="country" label="Country" sorting={sorting} />
            <th scope="col">Sector</th>
            <th scope="col">Tier</th>
            <SortHeader sort="score" label="Score" sorting={sorting} num />
            <th
              scope="col"
              class="num"
              title="The score once the open questions are answered, at best and at worst"
            >
              Range
            </th>
            <th scope="col" class="num">
              Red flags
            </th>
            <th
              scope="col"
              title="Against the US forced-labour enforcement lists (UFLPA Entity List, CBP orders)"
            >
              Screening
            </th>
            <th scope="col" title="Share of the points the rules weigh that known facts decide">
              Confidence
            </th>
            <SortHeader sort="updated" label="Updated" sorting={sorting} />
          </tr>
        </thead>
        <tbody>
          {items.map((supplier, index) => (
            <tr key={supplier.id}>
              {rankFrom !== undefined && <td class="num muted">{rankFrom + index}</td>}
              <td class="supplier-name">
                <Link href={`/app/suppliers/${supplier.id}`}>{supplier.name}</Link>
                {supplier.externalRef && <span class="ref">{supplier.externalRef}</span>}
                {supplier.priorityReason && (
                  <span class="why-here">{priorityReasonText(supplier.priorityReason)}</span>
                )}
              </td>
              <td class="site">
                <SiteCell supplier={supplier} />
              </td>
              <td>
                <span title={supplier.country}>{countryName(supplier.country)}</span>
              </td>
              <td>{sectorLabel(supplier.sector)}</td>
              <td>
                <TierBadge tier={supplier.tier} />
              </td>
              <td class="num">{formatScore(supplier.score)}</td>
              <td class="num nowrap range">
                {supplier.range ? formatRange(supplier.range) : <span class="muted">–</span>}
              </td>
              <td class="num">
                {supplier.redFlagCount > 0 ? (
                  <span class="flag-count">
                    <span aria-hidden="true">⚑ </span>
                    {formatCount(supplier.redFlagCount)}
                  </span>
                ) : (
                  <span class="muted">none</span>
                )}
              </td>
              <td class="nowrap screening">
                <ScreeningStatusTag screening={supplier.screening} />
              </td>
              <td class="nowrap">
                {supplier.confidenceLevel ? (
                  <span
                    title={`${formatPercent(supplier.confidence)} of the points at stake decided by known facts`}
                  >
                    {confidenceLabel(supplier.confidenceLevel)}
                  </span>
                ) : (
                  <span class="muted">–</span>
                )}
              </td>
              <td class="nowrap">{formatDate(supplier.updatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
