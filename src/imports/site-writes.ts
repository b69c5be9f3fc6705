import type { EntityManager } from 'typeorm';
import { copyRows } from '../database/copy-rows.js';
import { listingEntry } from '../suppliers/domain/listing-entry.js';
import type { SiteLookup } from '../suppliers/domain/site-match.js';
import type { ExistingSite, ListingWrite, PotentialMatchWrite, SiteWrite } from './domain/site-placement.js';
import { LISTING_COPY_TARGET, SITE_COPY_TARGET, siteLine } from './site-copy-lines.js';
import type { StagedSupplier } from './staging/staged-chunk.js';

// Set-based reads and writes of the import's apply step: one statement per chunk for the lookups, the sites, their
// listings and their assessments, so a 100k-row import costs a few hundred round trips on either database.

interface Hit {
  via: 'entry' | 'key' | 'name';
  probe: string;
  id: string;
}

/** The list's entry a staged row is: its reference, else the site key of its spelling. */
export function entryOf(item: StagedSupplier): string {
  return listingEntry(item.record.externalRef, item.record.country, item.siteKey);
}

/** Everything a chunk's rows could match: by the list's own entries, by site key, and by name within a country. */
export async function lookUpSites(
  manager: EntityManager,
  listId: string,
  chunk: readonly StagedSupplier[],
): Promise<Map<StagedSupplier, SiteLookup<ExistingSite>>> {
  const entries = chunk.map(entryOf);
  const countries = chunk.map((s) => s.record.country);
  // One index probe per key (OFFSET 0 keeps each lateral lookup from being planned as a join that scans the
  // table: inside the import's transaction the tables grow while the planner still thinks them small).
  const hits: Hit[] = await manager.query(
    `SELECT 'entry' AS via, e.entry AS probe, h.id
       FROM unnest($2::text[]) AS e(entry)
       CROSS JOIN LATERAL (SELECT supplier_id AS id FROM supplier_listings
                            WHERE source_list_id = $1 AND entry = e.entry OFFSET 0) h
     UNION ALL
     SELECT 'key', k.country || '|' || k.site_key, h.id
       FROM unnest($3::varchar[], $4::text[]) AS k(country, site_key)
       CROSS JOIN LATERAL (SELECT id FROM suppliers WHERE country = k.country AND site_key = k.site_key
                           UNION SELECT supplier_id FROM supplier_listings
                                  WHERE country = k.country AND site_key = k.site_key OFFSET 0) h
     UNION ALL
     SELECT 'name', k.country || '|' || k.name_key, h.id
       FROM unnest($3::varchar[], $5::text[]) AS k(country, name_key)
       CROSS JOIN LATERAL (SELECT id FROM suppliers
                            WHERE country = k.country AND name_key = k.name_key OFFSET 0) h`,
    [listId, entries, countries, chunk.map((s) => s.siteKey), chunk.map((s) => s.nameKey)],
  );
  // A site is often hit by its key and its name: its profile and sources are read once.
  const ids = [...new Set(hits.map((hit) => hit.id))];
  const rows: ExistingSite[] =
    ids.length === 0
      ? []
      : await manager.query(
          `SELECT s.id, s.country, s.site_key AS "siteKey", s.profile, s.sources, s.screening
             FROM unnest($1::uuid[]) AS d(id)
             CROSS JOIN LATERAL (SELECT id, country, site_key, profile, sources, screening FROM suppliers
                                  WHERE id = d.id OFFSET 0) s`,
          [ids],
        );
  const sites = new Map(rows.map((site) => [site.id, site]));
  const found = new Map<string, ExistingSite[]>();
  for (const hit of hits) {
    const site = sites.get(hit.id);
    if (!site) {
      continue;
    }
    const key = `${hit.via}:${hit.probe}`;
    const list = found.get(key) ?? [];
    if (!list.some((s) => s.id === site.id)) {
      list.push(site);
    }
    found.set(key, list);
  }
  return new Map(
    chunk.map((s, i) => [
      s,
      {
        byEntry: found.get(`entry:${entries[i]}`)?.[0],
        byKey: found.get(`key:${s.record.country}|${s.siteKey}`) ?? [],
        byName: found.get(`name:${s.record.country}|${s.nameKey}`) ?? [],
      },
    ]),
  );
}

/** The supplier columns an import writes, one array per column (see insertAssessments for why arrays). */
function siteColumns(writes: readonly SiteWrite[], batchId: string): unknown[] {
  return [
    writes.map((w) => w.id),
    writes.map((w) => w.externalRef),
    writes.map((w) => w.name),
    writes.map((w) => w.nameKey),
    writes.map((w) => w.country),
    writes.map((w) => w.sector),
    writes.map((w) => w.profile),
    writes.map((w) => w.assessment.score),
    writes.map((w) => w.assessment.tier),
    writes.map((w) => w.assessment.redFlagCount),
    writes.map((w) => w.priority),
    writes.map((w) => w.assessment.dataCompleteness),
    batchId,
    writes.map((w) => w.siteKey),
    writes.map((w) => w.sources),
    writes.map((w) => w.assessment.rangeLow),
    writes.map((w) => w.assessment.rangeHigh),
    writes.map((w) => w.assessment.confidence),
  ];
}

const SITE_COLUMNS = `unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::varchar[], $6::varchar[],
  $7::text[], $8::double precision[], $9::varchar[], $10::int[], $11::double precision[], $12::real[], $14::text[],
  $15::text[], $16::real[], $17::real[], $18::real[])
  AS x(id, external_ref, name, name_key, country, sector, profile, score, tier, red_flags, priority, completeness,
       site_key, sources, range_low, range_high, confidence)`;

/** Adds new sites with COPY: `rendered`, lines staging rendered, and `writes`. */
export async function insertSites(
  manager: EntityManager,
  rendered: readonly Uint8Array[],
  writes: readonly SiteWrite[],
  batchId: string,
): Promise<void> {
  let text = '';
  for (const w of writes) {
    text += siteLine(w, batchId);
  }
  await copyRows(manager, SITE_COPY_TARGET, [...rendered, text]);
}

export async function updateSites(
  manager: EntityManager,
  writes: readonly SiteWrite[],
  batchId: string,
): Promise<void> {
  if (writes.length === 0) {
    return;
  }
  await manager.query(
    `UPDATE suppliers s
        SET external_ref = x.external_ref, name = x.name, name_key = x.name_key, country = x.country,
            site_key = x.site_key, sector = x.sector, profile = x.profile::jsonb, sources = x.sources::jsonb,
            last_import_batch_id = $13, current_score = x.score, current_tier = x.tier, red_flag_count = x.red_flags,
            priority = x.priority, data_completeness = x.completeness, range_low = x.range_low,
            range_high = x.range_high, confidence = x.confidence, assessed_at = now(), updated_at = now()
       FROM ${SITE_COLUMNS}
      WHERE s.id = x.id`,
    siteColumns(writes, batchId),
  );
}

/**
 * Records that this upload of the list listed each site, with the list's reference, spelling and row. An entry
 * keeps its key within the list (`entryOf`) and points to the site its row was placed on. `rendered`: the entries
 * of new sites, as staging rendered them (new to the list: a row's entry would have matched its site); `listings`:
 * entries on stored sites, upserted.
 */
export async function upsertListings(
  manager: EntityManager,
  listId: string,
  batchId: string,
  rendered: readonly Uint8Array[],
  listings: readonly ListingWrite[],
): Promise<void> {
  await copyRows(manager, LISTING_COPY_TARGET, rendered);
  const matched = listings.filter((l) => l.evidence !== null);
  const again = listings.filter((l) => l.evidence === null);
  if (matched.length > 0) {
    await manager.query(
      `INSERT INTO supplier_listings (source_list_id, entry, supplier_id, external_ref, country, site_key, name,
         match_evidence, first_batch_id, last_batch_id, row_number)
       SELECT $1, x.entry, x.supplier_id, x.external_ref, x.country, x.site_key, x.name, x.evidence, $2, $2,
              x.row_number
         FROM unnest($3::text[], $4::uuid[], $5::text[], $6::varchar[], $7::text[], $8::text[], $9::varchar[],
                     $10::int[])
           AS x(entry, supplier_id, external_ref, country, site_key, name, evidence, row_number)
       ON CONFLICT (source_list_id, entry) DO UPDATE
          SET supplier_id = excluded.supplier_id, external_ref = excluded.external_ref,
              country = excluded.country, site_key = excluded.site_key, name = excluded.name,
              match_evidence = excluded.match_evidence, last_batch_id = excluded.last_batch_id,
              row_number = excluded.row_number`,
      [listId, batchId, ...listingColumns(matched)],
    );
  }
  if (again.length > 0) {
    // Rows listing a site another row of this upload was placed on: their entries exist and stay as they are,
    // listed by this upload at their row.
    await manager.query(
      `UPDATE supplier_listings l SET name = x.name, last_batch_id = $2, row_number = x.row_number
         FROM unnest($3::text[], $4::uuid[], $5::text[], $6::varchar[], $7::text[], $8::text[], $9::varchar[],
                     $10::int[])
           AS x(entry, supplier_id, external_ref, country, site_key, name, evidence, row_number)
        WHERE l.source_list_id = $1 AND l.entry = x.entry`,
      [listId, batchId, ...listingColumns(again)],
    );
  }
}

function listingColumns(listings: readonly ListingWrite[]): unknown[] {
  return [
    listings.map((l) => listingEntry(l.externalRef, l.country, l.siteKey)),
    listings.map((l) => l.supplierId),
    listings.map((l) => l.externalRef),
    listings.map((l) => l.country),
    listings.map((l) => l.siteKey),
    listings.map((l) => l.name),
    listings.map((l) => l.evidence),
    listings.map((l) => l.rowNumber),
  ];
}

/** New sites that may be stored ones, for an officer to decide (site_matches). */
export async function insertPotentialMatches(
  manager: EntityManager,
  batchId: string,
  matches: readonly PotentialMatchWrite[],
): Promise<void> {
  if (matches.length === 0) {
    return;
  }
  await manager.query(
    `INSERT INTO site_matches (site_id, candidate_id, site_name, site_address, score, evidence, conflict, batch_id)
     SELECT x.site_id, x.candidate_id, x.site_name, x.site_address, x.score, x.evidence, x.conflict, $1
       FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::real[], $7::varchar[], $8::varchar[])
         AS x(site_id, candidate_id, site_name, site_address, score, evidence, conflict)
     ON CONFLICT (site_id, candidate_id) DO NOTHING`,
    [
      batchId,
      matches.map((m) => m.siteId),
      matches.map((m) => m.candidateId),
      matches.map((m) => m.siteName),
      matches.map((m) => m.siteAddress),
      matches.map((m) => m.score),
      matches.map((m) => m.evidence),
      matches.map((m) => m.conflict),
    ],
  );
}

/**
 * The sites the previous upload of the list listed and this one did not. A site the list now lists under another
 * entry (a new spelling, a reference it lacked) is still listed.
 */
export function noLongerListed(
  manager: EntityManager,
  listId: string,
  previousBatchId: string,
  batchId: string,
): Promise<{ supplierId: string; name: string }[]> {
  return manager.query(
    `SELECT s.id AS "supplierId", s.name
       FROM suppliers s
      WHERE s.id IN (SELECT supplier_id FROM supplier_listings WHERE source_list_id = $1 AND last_batch_id = $2)
        AND NOT EXISTS (SELECT 1 FROM supplier_listings l
                         WHERE l.source_list_id = $1 AND l.supplier_id = s.id AND l.last_batch_id = $3)
      ORDER BY s.name LIMIT 1000`,
    [listId, previousBatchId, batchId],
  );
}
