import type { ScreeningStatus, ScreeningSummary } from '../api/types.js';
import { formatCount } from '../lib/format.js';
import { hrefFor } from '../lib/route.js';
import { screeningStatusDetail, screeningStatusLabel } from '../lib/screening.js';
import { Stat } from './ui.js';

/** A supplier's screening status as a tag: the words say it, the tag's border style repeats it. */
export function ScreeningStatusTag({ screening }: { screening: ScreeningStatus }) {
  return (
    <span class={`tag screening-${screening.status}`} title={screeningStatusDetail(screening)}>
      {screening.status === 'confirmed' && <span aria-hidden="true">⚑ </span>}
      {screeningStatusLabel(screening.status)}
    </span>
  );
}

/** Open, confirmed and dismissed hits; `linked` leads each figure to its hits (for the roles that may see them). */
export function ScreeningCounts({ summary, linked }: { summary: ScreeningSummary; linked: boolean }) {
  const href = (status: 'open' | 'confirmed' | 'dismissed') =>
    linked ? hrefFor({ view: 'screening', status }) : undefined;
  return (
    <dl class="stats stats-4 screening-counts">
      <Stat
        label="Hits to review"
        value={formatCount(summary.open.hits)}
        detail={`${formatCount(summary.open.suppliers)} ${summary.open.suppliers === 1 ? 'supplier awaits' : 'suppliers await'} review`}
        href={href('open')}
      />
      <Stat
        label="Potential hits"
        value={formatCount(summary.open.potential)}
        detail="weaker matches and questions of origin"
        href={href('open')}
      />
      <Stat
        label="Confirmed hits"
        value={formatCount(summary.confirmed.hits)}
        detail={`${formatCount(summary.confirmed.suppliers)} ${summary.confirmed.suppliers === 1 ? 'supplier' : 'suppliers'} critical`}
        href={href('confirmed')}
      />
      <Stat
        label="Dismissed"
        value={formatCount(summary.dismissed)}
        detail="each with the reason recorded"
        href={href('dismissed')}
      />
    </dl>
  );
}
