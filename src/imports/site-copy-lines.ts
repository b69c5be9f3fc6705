import { copyValue } from '../database/copy-text.js';
import { listingEntry } from '../suppliers/domain/listing-entry.js';
import type { ListingWrite, SiteWrite } from './domain/site-placement.js';

// An import's new sites and their listings as lines of COPY: rendered by the staging worker for the rows it scores
// as new sites, and by the apply for the few it writes otherwise. `assessed_at` is the column's default, the
// transaction's time, as `now()` gives every other write of the apply.

export const SITE_COPY_TARGET = `suppliers (id, external_ref, name, name_key, country, site_key, sector,
  last_import_batch_id, current_score, current_tier, red_flag_count, priority, data_completeness, range_low,
  range_high, confidence, screening, profile, sources)`;

/** The line up to its last two columns, profile and sources (`copyValue` of each, a tab between, a newline). */
export function siteLineHead(w: Omit<SiteWrite, 'profile' | 'sources'>, batchId: string): string {
  const a = w.assessment;
  return `${w.id}\t${copyValue(w.externalRef)}\t${copyValue(w.name)}\t${copyValue(w.nameKey)}\t${w.country}\t${copyValue(w.siteKey)}\t${copyValue(w.sector)}\t${batchId}\t${a.score}\t${a.tier}\t${a.redFlagCount}\t${w.priority}\t${a.dataCompleteness}\t${copyValue(a.rangeLow)}\t${copyValue(a.rangeHigh)}\t${copyValue(a.confidence)}\t${copyValue(w.screening)}\t`;
}

export function siteLine(w: SiteWrite, batchId: string): string {
  return `${siteLineHead(w, batchId)}${copyValue(w.profile)}\t${copyValue(w.sources)}\n`;
}

export const LISTING_COPY_TARGET = `supplier_listings (source_list_id, entry, supplier_id, external_ref, country,
  site_key, name, match_evidence, first_batch_id, last_batch_id, row_number)`;

/** The entry of the list a new site's row makes: new to the list, first and last listed by this upload. */
export function newListingLine(listId: string, batchId: string, l: Omit<ListingWrite, 'evidence'>): string {
  const entry = listingEntry(l.externalRef, l.country, l.siteKey);
  return `${listId}\t${copyValue(entry)}\t${l.supplierId}\t${copyValue(l.externalRef)}\t${l.country}\t${copyValue(l.siteKey)}\t${copyValue(l.name)}\tnew\t${batchId}\t${batchId}\t${l.rowNumber}\n`;
}
