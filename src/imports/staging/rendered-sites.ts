import { copyUnescaped } from '../../database/copy-text.js';

// The new sites of a staged chunk as the bytes the apply copies into the database. Staging renders each row's
// site, assessment and listing as COPY lines into one buffer that moves to the main thread without a copy; the
// main thread writes the lines of the rows that do make new sites as they are, and reads a row's profile, sources
// or stored assessment back out only when the row matched a stored site instead.
//
// Per row, nine offsets into the bytes: where the site line starts (0), its profile (1-2) and sources (3-4) start
// and end, where the assessment line starts (5, the site line's end), its stored result (6-7), and where the
// listing line starts (8); it ends where the next row starts (the offsets end with the end of the bytes).

const MARKS = 9;

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
}

/** Renders rows into one buffer, kept and reused from chunk to chunk. */
export class RenderedWriter {
  private buffer = Buffer.allocUnsafeSlow(1 << 20);
  private used = 0;
  private offsets: number[] = [];

  add(row: RenderedRow): void {
    this.mark();
    this.write(row.siteHead);
    this.mark();
    this.write(row.profile);
    this.mark();
    this.write('\t');
    this.mark();
    this.write(row.sources);
    this.mark();
    this.write('\n');
    this.mark();
    this.write(row.assessmentHead);
    this.mark();
    this.write(row.stored);
    this.mark();
    this.write('\n');
    this.mark();
    this.write(row.listing);
  }

  /** The rows added since the last call, in buffers of their own (transferable); the writer starts again. */
  take(): RenderedBytes {
    this.mark();
    const bytes = new Uint8Array(this.used);
    bytes.set(this.buffer.subarray(0, this.used));
    const offsets = Uint32Array.from(this.offsets);
    this.used = 0;
    this.offsets = [];
    return { bytes, offsets };
  }

  private mark(): void {
    this.offsets.push(this.used);
  }

  private write(text: string): void {
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

/** Reads a chunk's rendered rows. */
export class RenderedSites {
  private readonly bytes: Buffer;

  constructor(
    rendered: RenderedBytes,
    private readonly offsets = rendered.offsets,
  ) {
    const { bytes } = rendered;
    this.bytes = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if ((offsets.length - 1) % MARKS !== 0 || offsets[offsets.length - 1] !== bytes.byteLength) {
      throw new Error('Rendered rows whose offsets do not fit their bytes');
    }
  }

  get size(): number {
    return (this.offsets.length - 1) / MARKS;
  }

  /** The site's line of `COPY suppliers`. */
  siteLine(row: number): Buffer {
    return this.slice(row, 0, 5);
  }

  /** The site's assessment's line of `COPY assessments`. */
  assessmentLine(row: number): Buffer {
    return this.slice(row, 5, 8);
  }

  /** The line of `COPY supplier_listings` of the row's entry. */
  listingLine(row: number): Buffer {
    return this.slice(row, 8, MARKS);
  }

  /** JSON of the site's merged record. */
  profile(row: number): string {
    return this.text(row, 1, 2);
  }

  /** JSON of the site's field sources. */
  sources(row: number): string {
    return this.text(row, 3, 4);
  }

  /** JSON of the site's stored (compact) assessment. */
  stored(row: number): string {
    return this.text(row, 6, 7);
  }

  private slice(row: number, from: number, to: number): Buffer {
    const base = row * MARKS;
    return this.bytes.subarray(this.offsets[base + from], this.offsets[base + to]);
  }

  private text(row: number, from: number, to: number): string {
    return copyUnescaped(this.slice(row, from, to).toString('utf8'));
  }
}
