import { addressKey, siteEvidence, type SiteIdentity } from './site-key.js';
import { type PreparedSite, prepareSite, rankCandidates, type SiteConflict } from './site-similarity.js';
import type { SupplierRecord } from './supplier-record.js';

// Which stored site an uploaded row describes. In order: the list's own entry for the row (its reference, scoped
// to the list, else the site key of the spelling it listed before), the exact site key (the site's own or any list's spelling of it), then the same name where one
// side has no address, matched on the city when both give one, else on the country: the weaker evidence is
// recorded with the listing. Then the fuzzy similarity of name and address (site-similarity.ts): above the
// automatic threshold the row is that site; between the thresholds it becomes a new site flagged as a possible
// duplicate for an officer to decide; below, a new site. A group's factories are not merged away.

export type SiteMatchEvidence = 'reference' | 'site-key' | 'name-city' | 'name-country' | 'fuzzy';

/** A stored site a new site may be the same as, for an officer to confirm or reject. */
export interface PotentialMatch<T extends StoredSite> {
  site: T;
  score: number;
  evidence: 'address' | 'city' | 'country';
  conflict: SiteConflict | null;
}

/** The row being placed: its identity, and the list's reference when it gives one. */
export type UploadedSite = SiteIdentity & { externalRef?: string };

export interface StoredSite {
  id: string;
  country: string;
  profile: SupplierRecord;
}

export interface SiteLookup<T extends StoredSite> {
  /**
   * The site the list's own entry for this row points to: the entry under the row's reference, or, for a row
   * without one, under the site key of its spelling. Only entries of the list being uploaded count.
   */
  byEntry?: T;
  /** Sites whose key, or a list's spelling of it, equals the row's key. */
  byKey: readonly T[];
  /** Sites of the same normalised name in the same country. */
  byName: readonly T[];
}

export interface SiteMatch<T extends StoredSite> {
  site: T;
  evidence: SiteMatchEvidence;
  /** The similarity of a fuzzy match. */
  score?: number;
}

export interface SiteMatchOutcome<T extends StoredSite> {
  match?: SiteMatch<T>;
  /** For a new site: the stored sites it may be the same as, best first. */
  potential: PotentialMatch<T>[];
}

function cityKey(site: SiteIdentity): string {
  return addressKey(site.city);
}

/**
 * The stored site a row matches, or none (a new site) with the sites it may be the same as. `claimed` holds the
 * sites already matched or created by another row of the same upload: one file lists a site once, so they are not
 * candidates again.
 */
export function matchSite<T extends StoredSite>(
  row: UploadedSite,
  lookup: SiteLookup<T>,
  claimed: { has(id: string): boolean },
  /** A site's comparable form; pass a cached one when the same sites are compared with many rows. */
  prepare: (site: T) => PreparedSite = (site) => prepareSite({ ...site.profile, country: site.country }),
): SiteMatchOutcome<T> {
  const exact = matchExactly(row, lookup, claimed);
  if (exact) {
    return { match: exact, potential: [] };
  }
  if (!lookup.byName.some((site) => !claimed.has(site.id))) {
    return { potential: [] };
  }
  const candidates = lookup.byName
    .filter((site) => !claimed.has(site.id))
    .map((site) => ({ ...site.profile, country: site.country, site }));
  const ranked = rankCandidates(row, candidates, (candidate) => prepare(candidate.site));
  const best = ranked[0];
  if (best?.decision === 'automatic') {
    return {
      match: { site: best.candidate.site, evidence: 'fuzzy', score: best.similarity.score },
      potential: [],
    };
  }
  return {
    potential: ranked
      .filter((entry) => entry.decision === 'potential')
      .map((entry) => ({
        site: entry.candidate.site,
        score: entry.similarity.score,
        evidence: entry.similarity.evidence,
        conflict: entry.similarity.conflict,
      })),
  };
}

function matchExactly<T extends StoredSite>(
  row: UploadedSite,
  lookup: SiteLookup<T>,
  claimed: { has(id: string): boolean },
): SiteMatch<T> | undefined {
  const free = (site: T | undefined): site is T => site !== undefined && !claimed.has(site.id);
  if (free(lookup.byEntry)) {
    return { site: lookup.byEntry, evidence: row.externalRef ? 'reference' : 'site-key' };
  }
  const byKey = lookup.byKey.filter(free);
  if (byKey.length === 1) {
    return { site: byKey[0], evidence: 'site-key' };
  }
  const rowHasAddress = siteEvidence(row) === 'address';
  const rowCity = cityKey(row);
  const weak = lookup.byName.filter(free).filter((site) => {
    const siteHasAddress = siteEvidence(site.profile) === 'address';
    if (rowHasAddress && siteHasAddress) {
      // Both give an address and the keys differ: another site of the same name, unless a fuzzy match says so.
      return false;
    }
    const siteCity = cityKey(site.profile);
    return rowCity === '' || siteCity === '' || rowCity === siteCity;
  });
  if (weak.length !== 1) {
    return undefined;
  }
  const site = weak[0];
  const cityAgrees = rowCity !== '' && rowCity === cityKey(site.profile);
  return { site, evidence: cityAgrees ? 'name-city' : 'name-country' };
}
