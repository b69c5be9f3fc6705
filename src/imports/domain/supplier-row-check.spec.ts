import { describe, expect, it } from '@jest/globals';
import { validateSync } from 'class-validator';
import fc from 'fast-check';
import { SECTORS, type SupplierField } from '../../suppliers/domain/supplier-record.js';
import { certainlyValid } from './supplier-row-check.js';
import { SupplierRowDto } from './supplier-row.dto.js';

function dtoProblems(values: Partial<Record<SupplierField, unknown>>, asOf: string): string[] {
  const dto = Object.assign(new SupplierRowDto(), values, { asOf });
  return validateSync(dto, { stopAtFirstError: true, forbidUnknownValues: true }).map(
    (issue) => issue.property,
  );
}

const ASOF = '2026-06-30';

// Values near every constraint's edges, good and bad, drawn per field.
const text = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constant(''),
  fc.string({ minLength: 190, maxLength: 1_100 }),
  fc.integer(),
  fc.constant(null),
);
const numberish = fc.oneof(
  fc.double({ min: -500, max: 500 }),
  fc.integer({ min: -5, max: 2_000_000 }),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0, 0, 1, 90, 90.000001, 100, 100.5, 180, -180.1),
  fc.constant('12'),
);
const boolish = fc.oneof(fc.boolean(), fc.constantFrom('yes', 0, 1, null));
const listish = fc.oneof(
  fc.array(fc.string({ maxLength: 30 }), { maxLength: 5 }),
  fc.array(fc.string({ minLength: 400, maxLength: 1_100 }), { maxLength: 2 }),
  fc.constant(Array.from({ length: 501 }, () => 'x')),
  fc.array(fc.integer(), { minLength: 1, maxLength: 2 }),
  fc.constant('T-shirts'),
);
const dateish = fc.oneof(
  fc.constantFrom(
    '2024-02-29',
    '2023-02-29',
    '2026-06-30',
    '2026-07-01',
    '2026-13-01',
    '0999-01-01',
    '2024-1-5',
  ),
  fc
    .integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2030, 11, 31) })
    .map((time) => new Date(time).toISOString().slice(0, 10)),
  fc.constant('2024-03-01T00:00:00Z'),
);

/** Mostly a good value, sometimes one at or past an edge, so that whole valid rows are drawn often. */
function mostly<T>(good: fc.Arbitrary<T>, edgy: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof({ arbitrary: good, weight: 12 }, { arbitrary: edgy, weight: 1 });
}

const goodText = fc.string({ maxLength: 40 });
const goodNumber = (min: number, max: number): fc.Arbitrary<number> => fc.double({ min, max, noNaN: true });
const goodCount = fc.integer({ min: 0, max: 100_000 });

const row = fc.record(
  {
    name: mostly(fc.string({ minLength: 1, maxLength: 40 }), text),
    country: mostly(
      fc.constantFrom('DE', 'CN', 'VN', 'BD', 'US'),
      fc.constantFrom('XX', 'de', 'Germany', ''),
    ),
    externalRef: mostly(goodText, text),
    city: mostly(goodText, text),
    address: mostly(goodText, text),
    subSector: mostly(goodText, text),
    sector: mostly(fc.constantFrom(...SECTORS), fc.constantFrom('textiles', 'Garments')),
    latitude: mostly(goodNumber(-90, 90), numberish),
    longitude: mostly(goodNumber(-180, 180), numberish),
    migrantWorkerPct: mostly(goodNumber(0, 100), numberish),
    femaleWorkerPct: mostly(goodNumber(0, 100), numberish),
    workerCount: mostly(goodCount, numberish),
    supplyChainTier: mostly(fc.integer({ min: 1, max: 5 }), numberish),
    annualSpend: mostly(goodNumber(0, 1e9), numberish),
    currency: mostly(fc.constantFrom('USD', 'EUR', 'CNY'), fc.constantFrom('usd', 'XYZ', '$')),
    products: mostly(fc.array(fc.string({ maxLength: 30 }), { maxLength: 5 }), listish),
    certifications: mostly(fc.array(fc.string({ maxLength: 30 }), { maxLength: 3 }), listish),
    wagesWithheld: mostly(fc.boolean(), boolish),
    grievanceMechanism: mostly(fc.boolean(), boolish),
    lastAuditDate: dateish,
  },
  { requiredKeys: [] },
);

describe(certainlyValid.name, () => {
  it('is never looser than the SupplierRowDto: when it says valid, class-validator finds nothing', () => {
    let certain = 0;
    fc.assert(
      fc.property(row, (values) => {
        if (certainlyValid(values, ASOF)) {
          certain++;
          expect(dtoProblems(values, ASOF)).toEqual([]);
        }
      }),
      { numRuns: 3_000 },
    );
    // The property says something only if valid rows are drawn often enough.
    expect(certain).toBeGreaterThan(100);
  });

  it('says valid for an ordinary normalised row, so the import skips class-validator for it', () => {
    const values = {
      externalRef: 'V-10023',
      name: 'Saigon Garment Co., Ltd',
      country: 'VN',
      sector: 'garments',
      products: ['T-shirts', 'polo shirts'],
      workerCount: 1250,
      migrantWorkerPct: 35,
      identityDocumentsRetained: false,
      lastAuditDate: '2024-04-03',
      annualSpend: 1_250_000,
      currency: 'USD',
    };
    expect(certainlyValid(values, ASOF)).toBe(true);
    expect(dtoProblems(values, ASOF)).toEqual([]);
  });

  it.each([
    ['a missing name', { country: 'VN' }],
    ['a percentage over 100', { name: 'Mill', country: 'VN', migrantWorkerPct: 110 }],
    ['an audit after the import date', { name: 'Mill', country: 'VN', lastAuditDate: '2026-07-01' }],
    ['a field it does not know', { name: 'Mill', country: 'VN', somethingElse: 1 }],
  ])('leaves the decision to class-validator for %s', (_what, values) => {
    expect(certainlyValid(values as Partial<Record<SupplierField, unknown>>, ASOF)).toBe(false);
  });
});
