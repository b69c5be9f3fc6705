import { RISK_TIERS, type RiskTier, type TierCounts } from '../api/types.js';
import { barPercent, niceCeiling, tierMixColumns } from '../lib/charts.js';
import { formatCount, formatMonth, formatPercent, tierLabel } from '../lib/format.js';
import { Link } from '../router.js';
import { TierBadge } from './ui.js';

// Charts drawn with HTML and CSS: real text a screen reader reads, patterns as well as colours per tier, and
// each bar a link to the suppliers behind it.

export function TierBars({ tiers, total }: { tiers: { tier: RiskTier; count: number }[]; total: number }) {
  const max = Math.max(1, ...tiers.map((t) => t.count));
  return (
    <ul class="bars" aria-label="Suppliers per tier">
      {tiers.map(({ tier, count }) => (
        <li key={tier} class="bar-row">
          <Link class="bar-label" href={`/app/suppliers?tier=${tier}`}>
            <TierBadge tier={tier} />
          </Link>
          <span class="bar-track">
            <span class={`bar fill-${tier}`} style={{ width: `${barPercent(count, max)}%` }} />
          </span>
          <span class="bar-value">
            {formatCount(count)} <span class="muted">({formatPercent(total ? count / total : 0)})</span>
          </span>
        </li>
      ))}
    </ul>
  );
}

export interface SplitBarItem {
  key: string;
  label: string;
  href: string;
  count: number;
  highOrCritical: number;
}

/** Ranked bars: the whole bar is every supplier, the hatched part the high or critical ones. */
export function SplitBars({ items, label }: { items: SplitBarItem[]; label: string }) {
  const axis = niceCeiling(Math.max(1, ...items.map((item) => item.count)));
  return (
    <>
      <ul class="bars" aria-label={label}>
        {items.map((item) => (
          <li key={item.key} class="bar-row">
            <Link class="bar-label" href={item.href} title={item.label}>
              {item.label}
            </Link>
            <span class="bar-track">
              <span class="bar fill-portfolio" style={{ width: `${barPercent(item.count, axis)}%` }}>
                <span
                  class="bar fill-hc"
                  style={{ width: `${item.count ? (item.highOrCritical / item.count) * 100 : 0}%` }}
                />
              </span>
            </span>
            <span class="bar-value">
              {formatCount(item.count)}
              {item.highOrCritical > 0 && (
                <span class="muted"> · {formatCount(item.highOrCritical)} high/critical</span>
              )}
            </span>
          </li>
        ))}
      </ul>
      <p class="legend" aria-hidden="true">
        <span class="swatch fill-portfolio" /> all suppliers <span class="swatch fill-hc" /> high or critical
      </p>
    </>
  );
}

/** The tier mix per month as 100% stacked columns, with the numbers in a table for those who prefer it. */
export function TierMixTrend({ trend }: { trend: ({ month: string } & TierCounts)[] }) {
  const columns = tierMixColumns(trend);
  if (columns.length === 0) {
    return <p class="muted">No assessments yet: the trend starts with the first import.</p>;
  }
  return (
    <figure class="trend">
      <div class="trend-plot" role="img" aria-label={describeTrend(columns)}>
        <div class="trend-axis" aria-hidden="true">
          <span>100%</span>
          <span>50%</span>
          <span>0%</span>
        </div>
        <div class="trend-columns">
          {columns.map((column) => (
            <div
              key={column.month}
              class="trend-column"
              title={`${formatMonth(column.month)}: ${formatCount(column.total)} suppliers assessed`}
            >
              <div class="trend-stack">
                {[...column.segments]
                  .reverse()
                  .map((segment) =>
                    segment.count > 0 ? (
                      <span
                        key={segment.tier}
                        class={`trend-segment fill-${segment.tier}`}
                        style={{ height: `${segment.share * 100}%` }}
                        title={`${tierLabel(segment.tier)}: ${formatCount(segment.count)} (${formatPercent(segment.share)})`}
                      />
                    ) : null,
                  )}
              </div>
              <span class="trend-month">{formatMonth(column.month)}</span>
            </div>
          ))}
        </div>
      </div>
      <figcaption class="legend">
        {RISK_TIERS.map((tier) => (
          <span key={tier} class="legend-item">
            <span class={`swatch fill-${tier}`} aria-hidden="true" />
            {tierLabel(tier)}
          </span>
        ))}
      </figcaption>
      <details class="data-table">
        <summary>Show the numbers</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">Month</th>
              {RISK_TIERS.map((tier) => (
                <th key={tier} scope="col" class="num">
                  {tierLabel(tier)}
                </th>
              ))}
              <th scope="col" class="num">
                Assessed
              </th>
            </tr>
          </thead>
          <tbody>
            {columns.map((column) => (
              <tr key={column.month}>
                <th scope="row">{formatMonth(column.month)}</th>
                {column.segments.map((segment) => (
                  <td key={segment.tier} class="num">
                    {formatCount(segment.count)}
                  </td>
                ))}
                <td class="num">{formatCount(column.total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

function describeTrend(columns: ReturnType<typeof tierMixColumns>): string {
  const last = columns[columns.length - 1];
  const mix = last.segments.map((s) => `${tierLabel(s.tier)} ${formatPercent(s.share)}`).join(', ');
  return `Tier mix over ${columns.length} month${columns.length === 1 ? '' : 's'}; ${formatMonth(last.month)}: ${mix}`;
}
