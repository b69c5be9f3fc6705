import type { ScreeningFindings } from '../../scoring/domain/screening-findings.js';
import type { SupplierRecord } from '../../suppliers/domain/supplier-record.js';
import {
  parseCbpEdition,
  parseUflpaEdition,
  type CbpEdition,
  type ListKind,
  type UflpaEdition,
} from './enforcement-lists.js';
import { ScreeningIndex } from './name-matching.js';
import {
  entryCatalog,
  screenedKeyOf,
  screenSupplier,
  type AreaHitMemo,
  type EntryCatalog,
  type FreshHit,
} from './supplier-screening.js';

// The list editions a screening runs against, parsed and indexed: built by the service for its runs, and by an
// import's staging (in its worker thread) to screen the new sites it makes.

/** An edition as stored: what building the index needs, and what crosses to a worker thread. */
export interface StoredEdition {
  id: string;
  kind: ListKind;
  file: string;
  asOf: string;
  source: string;
  coverage: string | null;
  content: Buffer | string;
}

export interface ScreeningLists {
  /** The edition ids, sorted: what a run records. */
  editionIds: string[];
  uflpa?: { id: string; edition: UflpaEdition };
  cbp?: { id: string; edition: CbpEdition };
  index: ScreeningIndex;
  catalog: EntryCatalog;
}

export function screeningLists(editions: readonly StoredEdition[]): ScreeningLists {
  const lists: Omit<ScreeningLists, 'index' | 'catalog'> = {
    editionIds: editions.map((edition) => edition.id).sort(),
  };
  for (const stored of editions) {
    const input = {
      file: stored.file,
      content: stored.content,
      asOf: stored.asOf,
      source: stored.source,
      ...(stored.coverage ? { coverage: stored.coverage } : {}),
    };
    if (stored.kind === 'uflpa') {
      lists.uflpa = { id: stored.id, edition: parseUflpaEdition(input) };
    } else {
      lists.cbp = { id: stored.id, edition: parseCbpEdition(input) };
    }
  }
  return {
    ...lists,
    index: new ScreeningIndex({ uflpa: lists.uflpa?.edition, cbp: lists.cbp?.edition }),
    catalog: entryCatalog(lists),
  };
}

/** A new site screened: its hits (all open) and what its supplier row carries of them. */
export interface NewSiteScreening {
  hits: FreshHit[];
  findings: ScreeningFindings | null;
}

/** Screens a site that has no stored hits yet (an import's new site). */
export function screenNewSite(
  lists: ScreeningLists,
  record: SupplierRecord,
  memo?: AreaHitMemo,
): NewSiteScreening {
  const hits = screenSupplier(lists.index, lists.catalog, record, memo);
  return {
    hits,
    findings:
      hits.length === 0 ? null : { confirmed: [], openHits: hits.length, screenedKey: screenedKeyOf(hits) },
  };
}
