import { copyUnescaped } from '../../database/copy-text.js';

// The new sites of a staged chunk as the bytes the apply copies into the database. Staging renders each row's
// site, assessment and listing as COPY lines into one buffer that moves to the main thread without a copy; the
// main thread writes the lines of the rows that do make new sites as they are, and reads a row's profile, sources
// or stored assessment back out only when the row matched a stored site instead.
//
// The bytes hold four regions, one per table: every row's site line, then every row's assessment line, then every
// row's listing line, then every row's hit lines (none or several: its hits against the enforcement lists), so the
// lines of consecutive rows are one run of bytes (when a whole chunk makes new sites, the usual first upload of a
// list, each table's COPY is one slice of the chunk). Per row, eight offsets: where its site line starts, its
// profile (start, end) and sources (start, end), where its assessment line starts, its stored result (start,
// end); then, after the rows, where each row's listing line starts, then where its hit lines start; then where each
// region ends. A row's lines end where the next row's of the same table start, the last one's where its region
// ends.

const SITE_MARKS = 8;
const SITE = 0;
const PROFILE = 1;
const SOURCES = 3;
const ASSESSMENT = 5;
const STORED = 6;

/** A chunk's rendered rows, as they cross between threads. */
export interface RenderedBytes {
  bytes: Uint8Array<ArrayBuffer>;
  offsets: Uint32Array<ArrayBuffer>;
}

/** The escaped values and line heads of one row, as site-copy-lines.ts and assessment-copy-line.ts make them. */
export interface RenderedRow {
  siteHead: string;
  profile: string;
  sources: string;
  assessmentHead: string;
  stored: string;
  listing: string;
  /** Its hit lines, one after the other; '' for none. */
  hits: string;
}

/** A buffer that grows, kept and reused from chunk to chunk. */
class Region {
  buffer = Buffer.allocUnsafeSlow(1 << 18);
  used = 0;

  write(text: string): void {
    // UTF-8 takes at most three bytes per UTF-16 code unit.
    const needed = this.used + text.length * 3;
    if (needed > this.buffer.length) {
      const grown = Buffer.allocUnsafeSlow(Math.max(needed, this.buffer.length * 2));
      this.buffer.copy(grown, 0, 0, this.used);
      this.buffer = grown;
    }
    this.used += this.buffer.write(text, this.used, 'utf8');
  }
}

/** Renders rows, a chunk at a time. */
export class RenderedWriter {
  private readonly sites = new Region();
  private readonly assessments = new Region();
  private readonly listings = new Region();
  private readonly hits = new Region();
  private marks: number[] = [];
  private listingStarts: number[] = [];
  private hitStarts: number[] = [];

  add(row: RenderedRow): void {
    // A mark where each piece starts: the row's eight offsets.
    const pieces: [Region, string][] = [
      [this.sites, row.siteHead],
      [this.sites, row.profile],
      [this.sites, '\t'],
      [this.sites, row.sources],
      [this.sites, '\n'],
      [this.assessments, row.assessmentHead],
      [this.assessments, row.stored],
      [this.assessments, '\n'],
    ];
    for (const [region, text] of pieces) {
      this.marks.push(region.used);
      region.write(text);
    }
    this.listingStarts.push(this.listings.used);
    this.listings.write(row.listing);
    this.hitStarts.push(this.hits.used);
    this.hits.write(row.hits);
  }

  /** The rows added since the last call, in buffers of their own (transferable); the writer starts again. */
  take(): RenderedBytes {
    const { sites, assessments, listings, hits } = this;
    const assessmentsAt = sites.used;
    const listingsAt = assessmentsAt + assessments.used;
    const hitsAt = listingsAt + listings.used;
    const bytes = new Uint8Array(hitsAt + hits.used);
    bytes.set(sites.buffer.subarray(0, sites.used), 0);
    bytes.set(assessments.buffer.subarray(0, assessments.used), assessmentsAt);
    bytes.set(listings.buffer.subarray(0, listings.used), listingsAt);
    bytes.set(hits.buffer.subarray(0, hits.used), hitsAt);
    const rows = this.listingStarts.length;
    const offsets = new Uint32Array(rows * SITE_MARKS + 2 * rows + 4);
    this.marks.forEach((mark, i) => {
      offsets[i] = i % SITE_MARKS >= ASSESSMENT ? mark + assessmentsAt : mark;
    });
    this.listingStarts.forEach((start, i) => {
      offsets[rows * SITE_MARKS + i] = start + listingsAt;
    });
    this.hitStarts.forEach((start, i) => {
      offsets[rows * SITE_MARKS + rows + i] = start + hitsAt;
    });
    // Where the regions end: sites, assessments, listings, hits.
    offsets.set([assessmentsAt, listingsAt, hitsAt, bytes.length], rows * SITE_MARKS + 2 * rows);
    sites.used = assessments.used = listings.used = hits.used = 0;
    this.marks = [];
    this.listingStarts = [];
    this.hitStarts = [];
    return { bytes, offsets };
  }
}

/** The tables a new site's lines go to. */
export type RenderedTable = 'site' | 'assessment' | 'listing' | 'hit';

const REGION: Readonly<Record<RenderedTable, number>> = { site: 0, assessment: 1, listing: 2, hit: 3 };

/** Reads a chunk's rendered rows. */
export class RenderedSites {
  readonly size: number;
  private readonly bytes: Buffer;
  private readonly offsets: Uint32Array;

  constructor({ bytes, offsets }: RenderedBytes) {
    this.bytes = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.offsets = offsets;
    this.size = (offsets.length - 4) / (SITE_MARKS + 2);
    if (!Number.isInteger(this.size) || offsets[offsets.length - 1] !== bytes.byteLength) {
      throw new Error('Rendered rows whose offsets do not fit their bytes');
    }
  }

  /** Where row `row`'s line of `table` starts; `row` = size gives where the table's region ends. */
  start(table: RenderedTable, row: number): number {
    const { size, offsets } = this;
    if (row === size) {
      return offsets[size * SITE_MARKS + 2 * size + REGION[table]];
    }
    switch (table) {
      case 'site':
        return offsets[row * SITE_MARKS + SITE];
      case 'assessment':
        return offsets[row * SITE_MARKS + ASSESSMENT];
      case 'listing':
        return offsets[size * SITE_MARKS + row];
      case 'hit':
        return offsets[size * SITE_MARKS + size + row];
    }
  }

  /** The bytes from one offset to another: the lines of a run of rows. */
  slice(from: number, to: number): Buffer {
    return this.bytes.subarray(from, to);
  }

  /** JSON of the site's merged record. */
  profile(row: number): string {
    return this.text(row, PROFILE);
  }

  /** JSON of the site's field sources. */
  sources(row: number): string {
    return this.text(row, SOURCES);
  }

  /** JSON of the site's stored (compact) assessment. */
  stored(row: number): string {
    return this.text(row, STORED);
  }

  private text(row: number, mark: number): string {
    const at = row * SITE_MARKS + mark;
    return copyUnescaped(this.bytes.subarray(this.offsets[at], this.offsets[at + 1]).toString('utf8'));
  }
}

/**
 * The lines of `table` of these rows of one chunk, in order, as runs of bytes: consecutive rows share a run, so a
 * chunk whose rows all make new sites is one run per table.
 */
export function linesOf(
  rows: readonly { sites: RenderedSites; index: number }[],
  table: RenderedTable,
): Buffer[] {
  const runs: Buffer[] = [];
  let i = 0;
  while (i < rows.length) {
    const { sites, index: first } = rows[i];
    let last = first;
    while (i + 1 < rows.length && rows[i + 1].sites === sites && rows[i + 1].index === last + 1) {
      i++;
      last++;
    }
    runs.push(sites.slice(sites.start(table, first), sites.start(table, last + 1)));
    i++;
  }
  return runs;
}
