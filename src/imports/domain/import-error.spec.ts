import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DomainError } from '../../common/errors/domain-error.js';
import {
  columnLetter,
  columnNumber,
  IMPORT_ERROR_CODES,
  ImportError,
  importErrorKind,
} from './import-error.js';

describe(ImportError.name, () => {
  it('is a DomainError carrying its code, a 4xx kind and structured details', () => {
    const error = new ImportError('CELL_TOO_LONG', 'Cell C3 is too long.', { row: 3, column: 'C' });

    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({
      name: 'ImportError',
      code: 'CELL_TOO_LONG',
      kind: 'invalid-input',
      details: { row: 3, column: 'C' },
    });
  });

  it.each([
    ['LEGACY_XLS', 'unsupported-media'],
    ['ENCRYPTED_WORKBOOK', 'unsupported-media'],
    ['UNSUPPORTED_FORMAT', 'unsupported-media'],
    ['ZIP_BOMB', 'payload-too-large'],
    ['TOO_MANY_ROWS', 'payload-too-large'],
    ['TOO_MANY_CELLS', 'payload-too-large'],
    ['IMPORT_TIME_LIMIT', 'payload-too-large'],
    ['NO_HEADER_ROW', 'invalid-input'],
  ] as const)('%s is %s', (code, kind) => {
    expect(importErrorKind(code)).toBe(kind);
  });

  it('gives every code a client-error kind', () => {
    for (const code of IMPORT_ERROR_CODES) {
      expect(['invalid-input', 'unsupported-media', 'payload-too-large']).toContain(importErrorKind(code));
    }
  });
});

describe(columnLetter.name, () => {
  it.each([
    [1, 'A'],
    [26, 'Z'],
    [27, 'AA'],
    [52, 'AZ'],
    [703, 'AAA'],
    [16384, 'XFD'],
    [20000, 'ACOF'],
  ])('%d -> %s', (n, letters) => {
    expect(columnLetter(n)).toBe(letters);
    expect(columnNumber(letters)).toBe(n);
  });

  it('round-trips with columnNumber for any column', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (n) => columnNumber(columnLetter(n)) === n),
    );
  });

  it('columnNumber refuses anything but letters', () => {
    expect(columnNumber('A1')).toBeUndefined();
    expect(columnNumber('')).toBeUndefined();
    expect(columnNumber('ab')).toBe(28);
  });
});
