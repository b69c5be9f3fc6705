import { describe, expect, it } from '@jest/globals';
import {
  applyListedRow,
  columnKeys,
  disagreements,
  fieldOrigins,
  type FieldSources,
  type ListedRow,
  mergedRecord,
  nameAliases,
} from './field-sources.js';
import type { SupplierRecord } from './supplier-record.js';

const MAP = 'list-manufacturing-map';
const BRAND = 'list-brand-facilities';

function makeRow(overrides: Partial<ListedRow> & { record: SupplierRecord }): ListedRow {
  const { record } = overrides;
  return {
    listId: MAP,
    batch: 'batch-1',
    row: 2,
    at: '2026-01-10T09:00:00.000Z',
    columns: columnKeys(
      Object.keys(record).filter((k) => k !== 'extra'),
      Object.keys(record.extra ?? {}),
    ),
    ...overrides,
  };
}

const SITE: SupplierRecord = {
  name: 'Shenzhou Knitting Co., Ltd.',
  country: 'CN',
  address: '18 Industrial Road',
  city: 'Ningbo',
  workerCount: 26000,
  products: ['knitwear'],
  migrantWorkerPct: 40,
};

describe(applyListedRow.name, () => {
  it('makes the first list the identity of a new site and keeps every value with its row', () => {
    const sut = applyListedRow(undefined, makeRow({ record: SITE }));
    expect(sut.identity).toBe(MAP);
    expect(mergedRecord(sut)).toEqual(SITE);
    expect(fieldOrigins(sut).workerCount).toEqual({
      listId: MAP,
      batch: 'batch-1',
      row: 2,
      since: '2026-01-10T09:00:00.000Z',
    });
  });

  it('leaves a field alone when the second list has no column for it', () => {
    const first = applyListedRow(undefined, makeRow({ record: SITE }));
    const sut = applyListedRow(
      first,
      makeRow({
        listId: BRAND,
        batch: 'batch-2',
        at: '2026-02-01T00:00:00.000Z',
        record: { name: 'SHENZHOU KNITTING CO LTD', country: 'CN', address: '18 Industrial Rd.' },
      }),
    );
    expect(mergedRecord(sut)).toEqual(SITE);
    expect(nameAliases(sut)).toEqual(['SHENZHOU KNITTING CO LTD']);
  });

  it('does not let a blank cell of another list erase a value', () => {
    const first = applyListedRow(undefined, makeRow({ record: SITE }));
    const sut = applyListedRow(
      first,
      makeRow({
        listId: BRAND,
        batch: 'batch-2',
        at: '2026-02-01T00:00:00.000Z',
        record: { name: 'Shenzhou Knitting', country: 'CN' },
        columns: new Set(['name', 'country', 'workerCount', 'products', 'migrantWorkerPct']),
      }),
    );
    expect(mergedRecord(sut).workerCount).toBe(26000);
    expect(mergedRecord(sut).migrantWorkerPct).toBe(40);
  });

  it('lets a blank cell withdraw what its own list said before', () => {
    const first = applyListedRow(undefined, makeRow({ record: SITE }));
    const { migrantWorkerPct: _dropped, ...rest } = SITE;
    const sut = applyListedRow(
      first,
      makeRow({
        batch: 'batch-2',
        at: '2026-03-01T00:00:00.000Z',
        record: rest,
        columns: new Set([...Object.keys(rest), 'migrantWorkerPct']),
      }),
    );
    expect(mergedRecord(sut).migrantWorkerPct).toBeUndefined();
  });

  it('takes the value most recently changed by its list and records the disagreement', () => {
    const first = applyListedRow(undefined, makeRow({ record: SITE }));
    const second = applyListedRow(
      first,
      makeRow({
        listId: BRAND,
        batch: 'batch-2',
        row: 40,
        at: '2026-02-01T00:00:00.000Z',
        record: { name: SITE.name, country: 'CN', workerCount: 24000 },
      }),
    );
    expect(mergedRecord(second).workerCount).toBe(24000);
    expect(disagreements(second)).toEqual([
      {
        field: 'workerCount',
        values: [
          { listId: BRAND, value: 24000, since: '2026-02-01T00:00:00.000Z', batch: 'batch-2', row: 40 },
          { listId: MAP, value: 26000, since: '2026-01-10T09:00:00.000Z', batch: 'batch-1', row: 2 },
        ],
      },
    ]);

    // Re-uploading the first list unchanged does not make its old value newer: nothing flips back.
    const reupload = applyListedRow(
      second,
      makeRow({ batch: 'batch-3', at: '2026-03-01T00:00:00.000Z', record: SITE }),
    );
    expect(mergedRecord(reupload).workerCount).toBe(24000);
    expect(fieldOrigins(reupload).products).toEqual({
      listId: MAP,
      batch: 'batch-3',
      row: 2,
      since: '2026-01-10T09:00:00.000Z',
    });

    // Changing it in the first list does.
    const changed = applyListedRow(
      reupload,
      makeRow({ batch: 'batch-4', at: '2026-04-01T00:00:00.000Z', record: { ...SITE, workerCount: 27000 } }),
    );
    expect(mergedRecord(changed).workerCount).toBe(27000);
  });

  it('never lets another list overwrite the name, address or country, but fills a blank one', () => {
    const first = applyListedRow(
      undefined,
      makeRow({ record: { name: 'Hirdaramani Apparel', country: 'LK' } }),
    );
    const sut = applyListedRow(
      first,
      makeRow({
        listId: BRAND,
        at: '2026-05-01T00:00:00.000Z',
        record: { name: 'HIRDARAMANI APPAREL (PVT) LTD', country: 'LK', address: 'Mihila, Agalawatta' },
      }),
    );
    expect(mergedRecord(sut)).toMatchObject({
      name: 'Hirdaramani Apparel',
      country: 'LK',
      address: 'Mihila, Agalawatta',
    });
    expect(disagreements(sut)).toEqual([]);
  });

  it('lists the value in use first where lists disagree on the address', () => {
    const first = applyListedRow(undefined, makeRow({ record: SITE }));
    const sut = applyListedRow(
      first,
      makeRow({
        listId: BRAND,
        at: '2026-05-01T00:00:00.000Z',
        record: { name: SITE.name, country: 'CN', address: '20 Xingye Road' },
      }),
    );
    expect(mergedRecord(sut).address).toBe(SITE.address);
    expect(disagreements(sut)[0]).toMatchObject({
      field: 'address',
      values: [
        { listId: MAP, value: SITE.address },
        { listId: BRAND, value: '20 Xingye Road' },
      ],
    });
  });

  it('keeps extra attributes per header and never drops one a file does not have', () => {
    const first = applyListedRow(
      undefined,
      makeRow({ record: { name: 'A', country: 'VN', extra: { 'Factory ID': 'F-1', Buyer: 'Men' } } }),
    );
    const sut = applyListedRow(
      first,
      makeRow({
        batch: 'b2',
        at: '2026-06-01T00:00:00.000Z',
        record: { name: 'A', country: 'VN', extra: { Buyer: 'Kids' } },
      }),
    );
    expect(mergedRecord(sut).extra).toEqual({ 'Factory ID': 'F-1', Buyer: 'Kids' });
  });

  it('merges the same way whatever order the lists are stored in', () => {
    const a = applyListedRow(undefined, makeRow({ record: SITE }));
    const b = applyListedRow(
      a,
      makeRow({ listId: BRAND, at: '2026-01-10T09:00:00.000Z', record: { ...SITE, workerCount: 1 } }),
    );
    const reversed: FieldSources = {
      identity: b.identity,
      lists: Object.fromEntries(Object.entries(b.lists).reverse()),
    };
    expect(mergedRecord(reversed)).toEqual(mergedRecord(b));
  });
});
