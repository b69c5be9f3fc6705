import { afterAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { ImportError } from './import-error.js';
import { openSpreadsheet } from './spreadsheet.js';
import { fixture, tempFolder } from './testing/temp-files.js';

// Damaged uploads must end in an ImportError (a 4xx), never in another exception, a hang or a crash.

const temp = tempFolder();
afterAll(() => temp.remove());

const SEEDS = [
  'messy-suppliers.xlsx',
  'electronics-suppliers.xlsx',
  'garments-suppliers.csv',
  'suppliers-utf16le.csv',
].map((name) => ({ name, bytes: readFileSync(fixture(name)) }));
const isKnownHeader = (text: string): boolean =>
  /^(supplier name|facility name|factory name|country)/i.test(text);

type Damage =
  | { kind: 'truncate'; at: number }
  | { kind: 'flip'; positions: number[]; value: number }
  | { kind: 'insert'; at: number; bytes: number[] };

const damage: fc.Arbitrary<Damage> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({
    kind: fc.constant('flip' as const),
    positions: fc.array(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), {
      minLength: 1,
      maxLength: 20,
    }),
    value: fc.integer({ min: 0, max: 255 }),
  }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 64 }),
  }),
);

function apply(source: Buffer, change: Damage): Buffer {
  const at = (fraction: number): number => Math.floor(fraction * source.length);
  switch (change.kind) {
    case 'truncate':
      return source.subarray(0, at(change.at));
    case 'flip': {
      const copy = Buffer.from(source);
      for (const position of change.positions) {
        copy[at(position)] = change.value;
      }
      return copy;
    }
    case 'insert':
      return Buffer.concat([
        source.subarray(0, at(change.at)),
        Buffer.from(change.bytes),
        source.subarray(at(change.at)),
      ]);
  }
}

describe(`${openSpreadsheet.name} on damaged files`, () => {
  it('answers every damaged file with rows or an ImportError', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: SEEDS.length - 1 }), damage, async (seed, change) => {
        const { name, bytes } = SEEDS[seed];
        const path = temp.write(`damaged-${run++}`, apply(bytes, change));
        try {
          const opened = await openSpreadsheet(path, { originalName: name, isKnownHeader });
          for await (const row of opened.rows) {
            expect(row.rowNumber).toBeGreaterThan(opened.headerRowNumber);
          }
        } catch (error) {
          expect(error).toBeInstanceOf(ImportError);
        }
      }),
      { numRuns: 120, seed: 20250115 },
    );
  });
});
