// A workbook's shared-strings table, packed. Every xlsx reader must hold the whole table while it reads the rows
// (cells refer to its entries by number); as an array of strings, the 600,000 entries of a 100,000-row supplier
// list took some 21 MB of heap in the import's worker. Packed, blocks of entries are joined into one string each
// with the offsets where each entry ends: about the text's own size, plus four bytes an entry.

/** A shared string longer than the cell limit is kept only as its length. */
export interface OversizedString {
  oversizedLength: number;
}

/** Entries per block: small enough that a block is joined without holding much, large enough to be few. */
const BLOCK = 4096;

export class SharedStringTable {
  private readonly blocks: string[] = [];
  private readonly bounds: Uint32Array[] = [];
  private readonly oversized = new Map<number, number>();
  private pending: string[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(value: string): void {
    this.pending.push(value);
    this.count++;
    if (this.pending.length === BLOCK) {
      this.seal();
    }
  }

  /** An entry too long to keep: only its length is. */
  addOversized(length: number): void {
    this.oversized.set(this.count, length);
    this.add('');
  }

  /** Ends the table: the last entries are packed. */
  finish(): this {
    if (this.pending.length > 0) {
      this.seal();
    }
    return this;
  }

  /** The entry at `index` of the finished table; undefined past the end (a damaged workbook). */
  get(index: number): string | OversizedString | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.count) {
      return undefined;
    }
    const length = this.oversized.get(index);
    if (length !== undefined) {
      return { oversizedLength: length };
    }
    const block = Math.floor(index / BLOCK);
    const ends = this.bounds[block];
    const at = index - block * BLOCK;
    return this.blocks[block].slice(at === 0 ? 0 : ends[at - 1], ends[at]);
  }

  private seal(): void {
    const ends = new Uint32Array(this.pending.length);
    let end = 0;
    this.pending.forEach((value, i) => {
      end += value.length;
      ends[i] = end;
    });
    this.blocks.push(this.pending.join(''));
    this.bounds.push(ends);
    this.pending = [];
  }
}
