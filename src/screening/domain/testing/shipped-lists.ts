import { readFileSync } from 'node:fs';
import {
  parseCbpEdition,
  parseUflpaEdition,
  type CbpEdition,
  type UflpaEdition,
} from '../enforcement-lists.js';
import { ScreeningIndex } from '../name-matching.js';
import { SHIPPED_EDITIONS } from '../shipped-editions.js';

// The shipped editions, read from rules/reference/lists/ for specs.

const LISTS_DIR = new URL('../../../../rules/reference/lists/', import.meta.url);

export function shippedBytes(file: string): Buffer {
  return readFileSync(new URL(file, LISTS_DIR));
}

function input(kind: 'uflpa' | 'cbp-wro') {
  const edition = SHIPPED_EDITIONS.find((candidate) => candidate.kind === kind)!;
  return { ...edition, content: shippedBytes(edition.file) };
}

let cached: { uflpa: UflpaEdition; cbp: CbpEdition; index: ScreeningIndex } | undefined;

export function shippedLists(): { uflpa: UflpaEdition; cbp: CbpEdition; index: ScreeningIndex } {
  if (!cached) {
    const uflpa = parseUflpaEdition(input('uflpa'));
    const cbp = parseCbpEdition(input('cbp-wro'));
    cached = { uflpa, cbp, index: new ScreeningIndex({ uflpa, cbp }) };
  }
  return cached;
}
