import { assessmentLineHead } from '../../assessments/assessment-copy-line.js';
import { copyValue } from '../../database/copy-text.js';
import type { AssessmentWrite } from '../../scoring/domain/assessment-write.js';
import type { FieldSources } from '../../suppliers/domain/field-sources.js';
import { nameMatchKey } from '../../suppliers/domain/site-key.js';
import type { SupplierRecord } from '../../suppliers/domain/supplier-record.js';
import { newListingLine, siteLineHead } from '../site-copy-lines.js';
import { hitLine } from '../../screening/domain/hit-copy-line.js';
import type { NewSiteScreening } from '../../screening/domain/screening-context.js';
import type { FreshHit } from '../../screening/domain/supplier-screening.js';
import {
  linesOf,
  type RenderedBytes,
  RenderedSites,
  type RenderedTable,
  type RenderedWriter,
} from './rendered-sites.js';

// What staging hands the apply for each valid row: its keys and record, and the new site it makes when it matches
// no stored one, already rendered as the lines the apply copies into the database.

/**
 * A supplier row ready to write: its columns, the profile and field sources as the JSON the database stores, and
 * its assessment.
 */
export interface SiteRow {
  nameKey: string;
  externalRef: string | null;
  name: string;
  country: string;
  sector: string | null;
  /** JSON of the merged record (the `profile` column). */
  profile: string;
  /** JSON of the field sources. */
  sources: string;
  assessment: AssessmentWrite;
  priority: number;
  /** JSON of what screening found of a new site (the `screening` column); null: nothing, or not screened here. */
  screening: string | null;
  /** A new site's hits against the enforcement lists, all open. */
  hits: readonly FreshHit[];
}

export function siteRow(
  record: SupplierRecord,
  sources: FieldSources,
  assessment: AssessmentWrite,
  priority: number,
  nameKey = nameMatchKey(record.name),
  screening?: NewSiteScreening,
): SiteRow {
  return {
    nameKey,
    externalRef: record.externalRef ?? null,
    name: record.name,
    country: record.country,
    sector: record.sector ?? null,
    profile: JSON.stringify(record),
    sources: JSON.stringify(sources),
    assessment,
    priority,
    screening: screening?.findings ? JSON.stringify(screening.findings) : null,
    hits: screening?.hits ?? [],
  };
}

/** A staged row as it crosses between threads; its new site's JSON and lines travel in the chunk's bytes. */
export interface StagedHead {
  rowNumber: number;
  nameKey: string;
  siteKey: string;
  record: SupplierRecord;
  /** The id of the site the row makes if it matches no stored one. */
  id: string;
  priority: number;
  assessment: Omit<AssessmentWrite, 'stored'>;
  /** JSON of what screening found of the new site (its hits travel as lines in the chunk's bytes). */
  screening: string | null;
}

export interface StagedChunk {
  heads: StagedHead[];
  rendered: RenderedBytes;
}

/** A staged row as the apply places it. */
export interface StagedSupplier {
  rowNumber: number;
  nameKey: string;
  siteKey: string;
  record: SupplierRecord;
  /** The site the row makes when it matches no stored one: merged, region inferred, scored, rendered. */
  asNew: StagedSite;
}

/** The new site a staged row makes, read out of its chunk's bytes when needed. */
export class StagedSite {
  constructor(
    /** The chunk it was rendered in, and its row there. */
    readonly sites: RenderedSites,
    readonly index: number,
    private readonly head: StagedHead,
  ) {}

  get id(): string {
    return this.head.id;
  }

  get priority(): number {
    return this.head.priority;
  }

  /** JSON of its merged record. */
  profile(): string {
    return this.sites.profile(this.index);
  }

  /** JSON of its field sources. */
  sources(): string {
    return this.sites.sources(this.index);
  }

  assessment(): AssessmentWrite {
    return { ...this.head.assessment, stored: this.sites.stored(this.index) };
  }

  /** Its row as staging made it. */
  row(): SiteRow {
    const profile = this.profile();
    const record = JSON.parse(profile) as SupplierRecord;
    return {
      nameKey: this.head.nameKey,
      externalRef: record.externalRef ?? null,
      name: record.name,
      country: record.country,
      sector: record.sector ?? null,
      profile,
      sources: this.sources(),
      assessment: this.assessment(),
      priority: this.head.priority,
      screening: this.head.screening,
      // Its hit lines are in the chunk's bytes (`line('hit')`).
      hits: [],
    };
  }

  /**
   * Its line of `COPY suppliers` (with the row's own site key), of `COPY assessments`, or of `COPY
   * supplier_listings` (the row's entry, on the new site).
   */
  line(table: RenderedTable): Buffer {
    return linesOf([this], table)[0];
  }
}

/** A chunk as the apply takes it. */
export function stagedSuppliers(chunk: StagedChunk): StagedSupplier[] {
  const sites = new RenderedSites(chunk.rendered);
  if (sites.size !== chunk.heads.length) {
    throw new Error(`A staged chunk of ${chunk.heads.length} rows rendered ${sites.size}`);
  }
  return chunk.heads.map((head, i) => ({
    rowNumber: head.rowNumber,
    nameKey: head.nameKey,
    siteKey: head.siteKey,
    record: head.record,
    asNew: new StagedSite(sites, i, head),
  }));
}

/** Where a new site's lines are written: its import (list and upload). */
export interface RenderContext {
  listId: string;
  batchId: string;
}

/** Renders the new site a row makes and gives back what crosses with it. */
export function renderNewSite(
  writer: RenderedWriter,
  context: RenderContext,
  row: { rowNumber: number; siteKey: string; record: SupplierRecord },
  site: SiteRow,
  id: string,
): StagedHead {
  const { stored, ...assessment } = site.assessment;
  writer.add({
    siteHead: siteLineHead({ ...site, id, siteKey: row.siteKey }, context.batchId),
    profile: copyValue(site.profile),
    sources: copyValue(site.sources),
    assessmentHead: assessmentLineHead(id, assessment, 'import', context.batchId),
    stored: copyValue(stored),
    hits: site.hits.map((hit) => hitLine(id, hit)).join(''),
    listing: newListingLine(context.listId, context.batchId, {
      supplierId: id,
      externalRef: row.record.externalRef ?? null,
      country: row.record.country,
      siteKey: row.siteKey,
      name: row.record.name,
      rowNumber: row.rowNumber,
    }),
  });
  return {
    rowNumber: row.rowNumber,
    nameKey: site.nameKey,
    siteKey: row.siteKey,
    record: row.record,
    id,
    priority: site.priority,
    assessment,
    screening: site.screening,
  };
}
