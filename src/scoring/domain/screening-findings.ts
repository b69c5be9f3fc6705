import type { RedFlag } from './assessment-result.js';

// What screening against the enforcement lists tells the scoring engine about one supplier: the hits a compliance
// officer confirmed (each a critical red flag citing the list) and how many hits still await a decision (they set
// no tier, but move the supplier up the work list: ask first). Made by the screening module, read by the engine.

export type ScreenedListKind = 'uflpa' | 'cbp-wro';

/** A confirmed hit as the red flag cites it. */
export interface ConfirmedListing {
  list: ScreenedListKind;
  /** The edition screened against: its as-of date. */
  editionAsOf: string;
  /** The entry as listed ("Hetian Taida Apparel Co., Ltd.") or, for an order on an area, its merchandise. */
  entryName: string;
  /** UFLPA: the section as the list writes it ("2(d)(2)(B)(v)"); CBP: the order type ("WRO", "Finding"). */
  section: string;
  /** The entry's effective date (UFLPA) or the order's date (CBP). */
  effectiveDate: string;
  /** What matched: the listed name or alias, or the area and goods of an order on an area. */
  matched: string;
  /** The supplier's side: "supplier name Hotan Taida Apparel", "parent company ...", "region Xinjiang, cotton". */
  party: string;
  decidedBy: string | null;
  /** YYYY-MM-DD. */
  decidedOn: string;
  reason: string;
}

export interface ScreeningFindings {
  confirmed: readonly ConfirmedListing[];
  /** Current hits and potential hits nobody has decided yet. */
  openHits: number;
  /** Current hits dismissed (only when there are some): they change nothing in the assessment. */
  dismissed?: number;
  /**
   * What the latest screening raised (a digest of its hits' keys): a screening that raises the same again has
   * nothing to change and skips the supplier's stored hits.
   */
  screenedKey?: string;
}

export const LIST_TITLES: Readonly<Record<ScreenedListKind, string>> = {
  uflpa: 'UFLPA Entity List',
  'cbp-wro': 'CBP withhold release orders and findings',
};

const FLAG_TITLES: Readonly<Record<ScreenedListKind, string>> = {
  uflpa: 'Named on the UFLPA Entity List',
  'cbp-wro': 'Covered by a CBP withhold release order or finding',
};

/** The indicator id a confirmed hit's red flag carries (not a rule-file indicator: screening raises it). */
export function screeningFlagId(list: ScreenedListKind): string {
  return `screening.${list}`;
}

export function isScreeningFlag(indicatorId: string): boolean {
  return indicatorId.startsWith('screening.');
}

export const SCREENING_ACTIONS: Readonly<Record<ScreenedListKind, string>> = {
  uflpa:
    'Stop imports into the US of goods made wholly or in part by the listed entity: they are presumed made with ' +
    'forced labour (UFLPA); escalate to legal counsel and map which of your products contain its goods.',
  'cbp-wro':
    'Goods covered by the order are detained at US ports: stop such shipments, escalate to legal counsel and ' +
    'trace the covered goods in your supply chain.',
};

/** How a citation names an entry's section: "section 2(d)(2)(B)(v)", "sections ...; ...", a CBP order's type. */
export function citedSection(list: ScreenedListKind, section: string): string {
  return list === 'uflpa' ? `section${section.includes(';') ? 's' : ''} ${section}` : section;
}

/** "UFLPA Entity List (edition as of 2026-08-03), section 2(d)(2)(B)(v), effective 2023-06-09: ..." */
export function confirmedListingEvidence(listing: ConfirmedListing): string {
  const section = citedSection(listing.list, listing.section);
  const decided = `confirmed ${listing.decidedBy ? `by ${listing.decidedBy} ` : ''}on ${listing.decidedOn}`;
  return (
    `${LIST_TITLES[listing.list]} (edition as of ${listing.editionAsOf}), ${section}, effective ` +
    `${listing.effectiveDate}: "${listing.entryName}" matched as "${listing.matched}" on the ${listing.party}; ` +
    `${decided}: ${listing.reason}`
  );
}

/** One critical red flag per confirmed hit, in the order given. */
export function screeningRedFlags(findings: ScreeningFindings | undefined): RedFlag[] {
  return (findings?.confirmed ?? []).map((listing) => ({
    indicatorId: screeningFlagId(listing.list),
    title: FLAG_TITLES[listing.list],
    minimumTier: 'critical',
    evidence: confirmedListingEvidence(listing),
  }));
}

/**
 * What every role sees of a supplier's screening: confirmed, a hit confirmed by a compliance officer (a critical
 * red flag); open, hits awaiting a decision; clear, no hit in force.
 */
export interface ScreeningStatus {
  status: 'confirmed' | 'open' | 'clear';
  confirmed: number;
  open: number;
}

export function screeningStatus(findings: ScreeningFindings | null | undefined): ScreeningStatus {
  const confirmed = findings?.confirmed.length ?? 0;
  const open = findings?.openHits ?? 0;
  return { status: confirmed > 0 ? 'confirmed' : open > 0 ? 'open' : 'clear', confirmed, open };
}
