import { LIST_TITLES } from '../../../src/scoring/domain/screening-findings.js';
import {
  HIT_STATUSES,
  type HitDecision,
  type HitStatus,
  type ListEdition,
  type ListKind,
  type ScreeningHit,
  type ScreeningRun,
  type ScreeningStatus,
} from '../api/types.js';
import { formatCount, formatDate, formatDateTime } from './format.js';
import { similarityPercent } from './matches.js';

// Screening against the enforcement lists in words: what a hit rests on, what was decided, how far a run is
// (src/screening). Pure, like format.ts.

export type HitStatusFilter = HitStatus | 'all';
export const HIT_STATUS_FILTERS: readonly HitStatusFilter[] = [...HIT_STATUSES, 'all'];

/** What the Screening page lists: one status (open by default), optionally one list and one supplier. */
export interface ScreeningFilter {
  status: HitStatusFilter;
  list?: ListKind;
  supplier?: string;
}

export const HITS_PAGE_SIZE = 50;

/** The API address of a page of hits for the filter. */
export function hitsPath(filter: ScreeningFilter, offset = 0, limit = HITS_PAGE_SIZE): string {
  const query = new URLSearchParams({ status: filter.status });
  if (filter.list) {
    query.set('list', filter.list);
  }
  if (filter.supplier) {
    query.set('supplier', filter.supplier);
  }
  query.set('limit', String(limit));
  query.set('offset', String(offset));
  return `/screening/hits?${query.toString()}`;
}

export function listTitle(kind: ListKind): string {
  return LIST_TITLES[kind];
}

const TABS: Record<HitStatusFilter, { label: string; empty: string }> = {
  open: { label: 'To review', empty: 'No hit waits for a decision.' },
  confirmed: { label: 'Confirmed', empty: 'No hit has been confirmed.' },
  dismissed: { label: 'Dismissed', empty: 'No hit has been dismissed.' },
  withdrawn: { label: 'No longer raised', empty: 'No hit has been withdrawn.' },
  all: { label: 'All', empty: 'No hit has been raised.' },
};

export function hitTabLabel(status: HitStatusFilter): string {
  return TABS[status].label;
}

/** What an empty list says; narrowed to a list or a supplier, it says so. */
export function noHitsText(filter: ScreeningFilter): string {
  const empty = TABS[filter.status].empty;
  return filter.list || filter.supplier ? `${empty.slice(0, -1)} with these filters.` : empty;
}

export function strengthText(strength: ScreeningHit['strength']): string {
  return strength === 'hit' ? 'Hit' : 'Potential hit';
}

/** A name hit's score as a percentage; an order on an area matches place and products, not a name. */
export function scoreText(hit: Pick<ScreeningHit, 'kind' | 'score'>): string {
  if (hit.kind === 'area' || hit.score === null) {
    return 'none: place and products, not a name';
  }
  return `${similarityPercent(hit.score)} name match`;
}

const PARTY_ROLES: Record<NonNullable<ScreeningHit['party']['role']>, string> = {
  supplier: 'Supplier name',
  parent: 'Parent company',
  subcontractor: 'Subcontractor',
};

/** Which of the supplier's names matched, or its place and products for an order on an area. */
export function partyRoleText(role: ScreeningHit['party']['role']): string {
  return role ? PARTY_ROLES[role] : 'Place and products';
}

/** The card's heading: a question while open, the two sides once decided. */
export function hitHeading(
  hit: Pick<ScreeningHit, 'kind' | 'status' | 'current' | 'party' | 'listedName' | 'supplier'>,
): string {
  const open = hit.status === 'open' && hit.current;
  // An order on an area is named by its area and goods ("Turkmenistan: cotton"); the entry itself is long.
  if (hit.kind === 'area') {
    return open
      ? `Does the order on “${hit.listedName}” cover “${hit.supplier.name}”?`
      : `“${hit.supplier.name}” and the order on “${hit.listedName}”`;
  }
  return open
    ? `Is “${hit.party.name}” the listed “${hit.listedName}”?`
    : `“${hit.party.name}” and “${hit.listedName}”`;
}

/** Where the entry stands in its list: section or order type, date, edition and source. */
export function citationFacts(
  hit: Pick<ScreeningHit, 'list' | 'details' | 'edition'>,
): { label: string; value: string }[] {
  const uflpa = hit.list === 'uflpa';
  return [
    {
      label: uflpa ? (hit.details.section.includes(';') ? 'Sections' : 'Section') : 'Order type',
      value: hit.details.section,
    },
    { label: uflpa ? 'Effective' : 'Order date', value: formatDate(hit.details.effectiveDate) },
    { label: 'Edition', value: `as of ${formatDate(hit.edition.asOf)}` },
    { label: 'Source', value: hit.edition.source },
  ];
}

/** "hetian, taida" from the matcher's words; undefined when there are none to show. */
export function wordsText(words: readonly string[] | undefined): string | undefined {
  return words && words.length > 0 ? words.join(', ') : undefined;
}

/** "Confirmed by Ana on 3 Dec 2026, 10:15" for a decided hit; why a hit no longer counts. */
export function decisionText(
  hit: Pick<ScreeningHit, 'status' | 'current' | 'decidedBy' | 'decidedAt'>,
  timeZone?: string,
): string | undefined {
  switch (hit.status) {
    case 'open':
      return undefined;
    case 'withdrawn':
      return 'No longer raised: the supplier or the list entry has changed since.';
    case 'confirmed':
    case 'dismissed': {
      const who = hit.decidedBy ? ` by ${hit.decidedBy}` : '';
      const when = hit.decidedAt ? ` on ${formatDateTime(hit.decidedAt, timeZone)}` : '';
      return `${hit.status === 'confirmed' ? 'Confirmed' : 'Dismissed'}${who}${when}`;
    }
  }
}

/** A decision from an earlier screening, since replaced: the entry or the supplier's names changed. */
export function supersededText(hit: Pick<ScreeningHit, 'status' | 'current'>): string | undefined {
  return !hit.current && (hit.status === 'confirmed' || hit.status === 'dismissed')
    ? 'From an earlier screening: the list entry or the supplier’s names have changed since, and are asked about again.'
    : undefined;
}

/** What the page says once the officer has decided. */
export function outcomeText(
  decision: HitDecision,
  hit: Pick<ScreeningHit, 'kind' | 'supplier' | 'listTitle'>,
): string {
  return decision === 'confirm'
    ? `Confirmed: “${hit.supplier.name}” is now critical, with a red flag citing the ${hit.listTitle}.`
    : `Dismissed: not raised again for “${hit.supplier.name}” while the list entry and the supplier’s ${
        hit.kind === 'area' ? 'place and products' : 'names'
      } stay as they are.`;
}

export const REASON_MIN_LENGTH = 10;

/** Why a reason cannot be sent yet (the service asks for one of at least 10 characters), or undefined. */
export function reasonProblem(reason: string): string | undefined {
  const length = reason.trim().length;
  if (length === 0) {
    return 'Say why: what was checked and what it showed.';
  }
  return length < REASON_MIN_LENGTH
    ? `Say why in at least ${REASON_MIN_LENGTH} characters: what was checked and what it showed.`
    : undefined;
}

const SUPPLIER_STATUS: Record<ScreeningStatus['status'], string> = {
  confirmed: 'Confirmed',
  open: 'Awaiting review',
  clear: 'Clear',
};

/** A supplier's screening status in a word or two, for the list and the page. */
export function screeningStatusLabel(status: ScreeningStatus['status']): string {
  return SUPPLIER_STATUS[status];
}

function plural(count: number, one: string, many: string): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}

/** The sentence beside it: how many hits, and what they mean for the supplier. */
export function screeningStatusDetail(screening: ScreeningStatus): string {
  switch (screening.status) {
    case 'confirmed': {
      const open =
        screening.open > 0 ? `; ${plural(screening.open, 'more awaits', 'more await')} review` : '';
      return `${plural(screening.confirmed, 'confirmed hit', 'confirmed hits')} on an enforcement list: a critical red flag${open}.`;
    }
    case 'open':
      return `${plural(screening.open, 'hit awaits', 'hits await')} review by a compliance officer; until then it sets no tier.`;
    case 'clear':
      return 'No hit on the list editions in force.';
  }
}

const RUN_REASONS: Record<ScreeningRun['reason'], string> = {
  import: 'the sites of an upload',
  edition: 'the portfolio, after a new list edition',
  request: 'the portfolio, on request',
  start: 'the portfolio, at start-up',
};

/** A running screening's progress bar: 0-1, or null before the run knows how many suppliers it screens. */
export function runFraction(run: Pick<ScreeningRun, 'total' | 'done'>): number | null {
  return run.total > 0 ? Math.min(1, run.done / run.total) : null;
}

/** "Last screening: the portfolio, on request, 3 Dec 2026, 10:15: 45 suppliers screened, 2 new hits raised." */
export function runText(run: ScreeningRun, timeZone?: string): string {
  const what = `${RUN_REASONS[run.reason]}, ${formatDateTime(run.startedAt, timeZone)}`;
  switch (run.status) {
    case 'running':
      return run.total > 0
        ? `Screening ${what}: ${formatCount(run.done)} of ${plural(run.total, 'supplier', 'suppliers')} so far.`
        : `Screening ${what}: starting.`;
    case 'completed':
      return `Last screening: ${what}: ${plural(run.total, 'supplier', 'suppliers')} screened, ${
        run.raised === 0 ? 'no new hit' : `${plural(run.raised, 'new hit', 'new hits')} raised`
      }.`;
    case 'failed':
      return `Last screening: ${what}: ${run.error ?? 'it stopped before the end.'}`;
  }
}

/** What an import's screening found, for its result page; nothing when it raised no new hit. */
export function importScreeningText(run: ScreeningRun | null | undefined): string | undefined {
  if (!run) {
    return undefined;
  }
  switch (run.status) {
    case 'running':
      return 'The new and changed sites are being screened against the enforcement lists';
    case 'completed':
      return run.raised > 0
        ? `Screening against the enforcement lists raised ${plural(run.raised, 'new hit', 'new hits')}`
        : undefined;
    case 'failed':
      return run.error ?? 'Screening against the enforcement lists stopped before the end';
  }
}

/** "UFLPA Entity List as of 3 Aug 2026". */
export function editionTitle(edition: Pick<ListEdition, 'kind' | 'asOf'>): string {
  return `${listTitle(edition.kind)} as of ${formatDate(edition.asOf)}`;
}

/** Who loaded an edition: shipped with Vigil, or uploaded by someone on a day. */
export function editionLoadedText(edition: Pick<ListEdition, 'shipped' | 'loadedBy' | 'loadedAt'>): string {
  if (edition.shipped) {
    return 'shipped with Vigil';
  }
  return `loaded${edition.loadedBy ? ` by ${edition.loadedBy}` : ''} on ${formatDate(edition.loadedAt)}`;
}

/** How many hits the page shows: "3 hits.", or which of many. */
export function hitsCountText(shown: number, total: number, offset: number): string {
  if (total > shown) {
    return `Hits ${formatCount(offset + 1)}–${formatCount(offset + shown)} of ${formatCount(total)}.`;
  }
  return `${plural(total, 'hit', 'hits')}.`;
}
