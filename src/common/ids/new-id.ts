import { randomUUID } from 'node:crypto';
import { flatString } from '../text/flat-string.js';

/**
 * A random UUID as one flat string. `randomUUID()` returns a rope of a dozen short pieces (about 500 bytes of heap
 * instead of about 60); an id kept for the length of an import (the sites a 100,000-row upload claimed) held some
 * 80 MB that way.
 */
export function newId(): string {
  return flatString(randomUUID());
}
