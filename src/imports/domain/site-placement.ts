import type { CompiledRuleSet } from '../../rules/domain/compiled-rule-set.js';
import { canonicalJson } from '../../rules/domain/canonical-json.js';
import { assessmentWrite } from '../../scoring/domain/assessment-write.js';
import { priorityScore, scoreSupplier } from '../../scoring/domain/scoring-engine.js';
import type { ScreeningFindings } from '../../scoring/domain/screening-findings.js';
import {
  applyListedRow,
  type FieldSources,
  mergedRecord,
  withInferredRegion,
} from '../../suppliers/domain/field-sources.js';
import {
  matchSite,
  type SiteLookup,
  type SiteMatchEvidence,
  type StoredSite,
} from '../../suppliers/domain/site-match.js';
import { type PreparedSite, prepareSite } from '../../suppliers/domain/site-similarity.js';
import type { SupplierRecord } from '../../suppliers/domain/supplier-record.js';
import type { RejectedRow } from '../staging/stage-rows.js';
import { type SiteRow, siteRow, type StagedSite, type StagedSupplier } from '../staging/staged-chunk.js';
import { inferredRegionValue } from './region-inference.js';

// Where each row of an upload lands: on a stored site (merged with what the other lists say, scored again only
// when that changes the record) or on a new site, possibly flagged as a duplicate of a stored one. Pure: the
// stored sites a chunk could match come in as lookups, the writes go out as a placed chunk, so the applier only
// reads, writes and keeps the transaction.

/** A stored site as the apply reads it. */
export interface ExistingSite extends StoredSite {
  siteKey: string;
  sources: FieldSources;
  /** Its enforcement-list hits: confirmed ones stay critical red flags whatever the row says. */
  screening: ScreeningFindings | null;
}

/** A site row to insert or update. */
export interface SiteWrite extends SiteRow {
  id: string;
  siteKey: string;
}

/** The entry of the list a row is, on the stored site the row was placed on. */
export interface ListingWrite {
  supplierId: string;
  externalRef: string | null;
  country: string;
  siteKey: string;
  name: string;
  /** How the row was tied to its site; null keeps what the entry says (a row listing a site again). */
  evidence: SiteMatchEvidence | null;
  rowNumber: number;
}

/** A new site that may be a stored one, for an officer to decide. */
export interface PotentialMatchWrite {
  siteId: string;
  candidateId: string;
  siteName: string;
  siteAddress: string | null;
  score: number;
  evidence: string;
  conflict: string | null;
}

export interface PlacedChunk {
  /** Rows that make new sites: their assessments and listings are written as staging rendered them. */
  created: StagedSite[];
  /** Of those, the sites written as staging rendered them; */
  asStaged: StagedSite[];
  /** the others, whose key had to be kept apart from a stored site's. */
  inserts: SiteWrite[];
  /** Stored sites the rows were placed on, merged. */
  updates: SiteWrite[];
  /** The rows' entries on stored sites. */
  listings: ListingWrite[];
  questions: PotentialMatchWrite[];
}

export interface SiteChange {
  supplierId: string;
  name: string;
  fields: string[];
}

export interface PlacementContext {
  listId: string;
  batchId: string;
  /** When the upload was made (provenance of its values). */
  at: string;
  /** The assessment date of scores made again. */
  asOf: string;
  /** The fields the file has a column for: an absent column never touches a field. */
  columns: ReadonlySet<string>;
  rules: CompiledRuleSet;
}

/** Stored sites' comparable forms kept while rows of their name are near; emptied when full. */
const PREPARED_SITES_KEPT = 5_000;

/** One upload's placement, a chunk at a time; the sites it claims span the whole upload. */
export class SitePlacement {
  created = 0;
  unchanged = 0;
  possibleDuplicates = 0;
  readonly updated: SiteChange[] = [];
  /**
   * Rows whose entry of the list is a site another row of this upload was placed on: the list names one site
   * twice (an officer confirmed two of its entries to be the same site). Reported like duplicates.
   */
  readonly listedAgain: RejectedRow[] = [];
  /** Sites matched or created by a row of this upload, with that row: one file lists a site once. */
  private readonly claimed = new Map<string, number>();
  private readonly prepared = new Map<string, PreparedSite>();

  constructor(private readonly context: PlacementContext) {}

  place(
    chunk: readonly StagedSupplier[],
    lookups: Map<StagedSupplier, SiteLookup<ExistingSite>>,
  ): PlacedChunk {
    const placed: PlacedChunk = {
      created: [],
      asStaged: [],
      inserts: [],
      updates: [],
      listings: [],
      questions: [],
    };
    for (const item of chunk) {
      const lookup = lookups.get(item);
      if (!lookup) {
        throw new Error(`No lookup for row ${item.rowNumber}`);
      }
      this.placeRow(item, lookup, placed);
    }
    this.created += placed.created.length;
    this.possibleDuplicates += placed.questions.length;
    return placed;
  }

  private placeRow(item: StagedSupplier, lookup: SiteLookup<ExistingSite>, placed: PlacedChunk): void {
    // The row's entry of the list, on a stored site (a new site's entry is rendered by staging).
    const listing = (supplierId: string, evidence: ListingWrite['evidence']): ListingWrite => ({
      supplierId,
      externalRef: item.record.externalRef ?? null,
      country: item.record.country,
      siteKey: item.siteKey,
      name: item.record.name,
      rowNumber: item.rowNumber,
      evidence,
    });
    const own = lookup.byEntry;
    const firstRow = own && this.claimed.get(own.id);
    if (own && firstRow !== undefined) {
      this.listedAgain.push(listedAgainRow(item, firstRow, own));
      placed.listings.push(listing(own.id, null));
      return;
    }
    const { match, potential } = matchSite<ExistingSite>(item.record, lookup, this.claimed, (site) =>
      this.prepare(site),
    );
    if (!match) {
      const site = item.asNew;
      const { id } = site;
      this.claimed.set(id, item.rowNumber);
      placed.created.push(site);
      if (lookup.byKey.length > 0) {
        // A new site whose key a stored site has (one this upload already took, through its reference) is kept
        // apart.
        placed.inserts.push({ ...site.row(), id, siteKey: `${item.siteKey}|#${id}` });
      } else {
        placed.asStaged.push(site);
      }
      for (const candidate of potential) {
        placed.questions.push({
          siteId: id,
          candidateId: candidate.site.id,
          siteName: item.record.name,
          siteAddress: item.record.address ?? null,
          score: candidate.score,
          evidence: candidate.evidence,
          conflict: candidate.conflict,
        });
      }
      return;
    }
    const { site } = match;
    this.claimed.set(site.id, item.rowNumber);
    const merged = this.remerged(item, site);
    // A site keeps the key it was created with; each list's spelling of it is kept with its listing.
    placed.updates.push({ ...merged.row, id: site.id, siteKey: site.siteKey });
    placed.listings.push(listing(site.id, match.evidence));
    const fields = changedFields(site.profile, merged.record);
    if (fields.length === 0) {
      this.unchanged++;
    } else {
      this.updated.push({ supplierId: site.id, name: merged.record.name, fields });
    }
  }

  /** A stored site is compared with every row of its name: its comparable form is made once and kept. */
  private prepare(site: ExistingSite): PreparedSite {
    let form = this.prepared.get(site.id);
    if (!form) {
      if (this.prepared.size >= PREPARED_SITES_KEPT) {
        this.prepared.clear();
      }
      form = prepareSite({ ...site.profile, country: site.country });
      this.prepared.set(site.id, form);
    }
    return form;
  }

  /** A matched site after this row: its merged record, scored again only when it differs from the row's own. */
  private remerged(item: StagedSupplier, site: ExistingSite): { row: SiteRow; record: SupplierRecord } {
    const { listId, batchId, at, columns, asOf, rules } = this.context;
    const listed = applyListedRow(site.sources, {
      listId,
      batch: batchId,
      row: item.rowNumber,
      at,
      columns,
      record: item.record,
    });
    const { sources, record } = withInferredRegion(listed, mergedRecord(listed), inferredRegionValue);
    // The same record scores the same: staging's assessment stands (the usual re-upload), unless screening found
    // something staging does not know of.
    if (!site.screening && canonicalJson(record) === canonicalJson(JSON.parse(item.asNew.profile()))) {
      return { row: siteRow(record, sources, item.asNew.assessment(), item.asNew.priority), record };
    }
    const screening = site.screening ?? undefined;
    const result = scoreSupplier(record, rules, asOf, screening);
    return {
      row: siteRow(
        record,
        sources,
        assessmentWrite(result, rules),
        priorityScore({ ...result, openScreeningHits: screening?.openHits }, record.annualSpend),
      ),
      record,
    };
  }
}

/** Fields whose value differs, in canonical field order; extra attributes count as one field, "extra". */
export function changedFields(before: SupplierRecord, after: SupplierRecord): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys]
    .filter(
      (key) =>
        canonicalJson(before[key as keyof SupplierRecord]) !==
        canonicalJson(after[key as keyof SupplierRecord]),
    )
    .sort();
}

/**
 * A row whose entry of the list is a site an earlier row of the upload was placed on: the list names that site
 * twice. Its values are not used; it is reported like a duplicate. Its cells are not at hand here (staging keeps
 * only the cells of rows it reports), so the workbook shows the message on an empty row unless the row also had
 * a warning.
 */
export function listedAgainRow(item: StagedSupplier, firstRow: number, site: StoredSite): RejectedRow {
  const byRef = Boolean(item.record.externalRef);
  return {
    rowNumber: item.rowNumber,
    cells: [],
    outcome: 'duplicate',
    errors: [
      {
        column: byRef ? 'externalRef' : 'name',
        field: byRef ? 'externalRef' : 'name',
        value: byRef ? (item.record.externalRef ?? '') : item.record.name,
        message:
          `Rows ${firstRow} and ${item.rowNumber} are the same site, "${site.profile.name}": row ` +
          `${item.rowNumber}'s entry in this list (its ${byRef ? 'reference' : 'spelling'} in earlier uploads) ` +
          `points to the site row ${firstRow} was placed on, as when an officer confirmed two rows to be one ` +
          `site. Row ${item.rowNumber}'s values were not used: keep the site’s details on one row.`,
      },
    ],
  };
}
