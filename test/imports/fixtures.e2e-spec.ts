import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import type { SupplierRecord } from '../../src/suppliers/domain/supplier-record.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// Every committed sample list goes through POST /imports as a compliance officer would upload it.

const FIXTURES = new URL('../../fixtures/', import.meta.url).pathname;

interface ExpectedRow {
  row: number;
  outcome: 'imported' | 'duplicate' | 'rejected' | 'warning';
  /** For a row imported with warnings: the fields left empty. */
  absent?: string[];
  record?: SupplierRecord;
  duplicateOf?: number;
  errors?: { column: string; field: string; value: string }[];
}

interface Expected {
  sheet: string;
  headerRow: number;
  counts: { read: number; imported: number; duplicates: number; rejected: number };
  rows: ExpectedRow[];
}

async function upload(sut: TestApp, name: string) {
  return sut
    .as('compliance')
    .post('/imports')
    .attach('file', readFileSync(`${FIXTURES}${name}`), name)
    .expect(201);
}

async function profiles(sut: TestApp): Promise<SupplierRecord[]> {
  const rows = await sut.dataSource.query('SELECT profile FROM suppliers ORDER BY name');
  return rows.map((r: { profile: SupplierRecord }) => r.profile);
}

describe('the messy ERP export, row by row', () => {
  let sut: TestApp;
  const expected = JSON.parse(readFileSync(`${FIXTURES}messy-suppliers.expected.json`, 'utf8')) as Expected;

  beforeAll(async () => {
    sut = await startTestApp();
  });

  afterAll(async () => {
    await sut.close();
  });

  it('imports every good row field by field and reports every other row with its reason', async () => {
    const response = await upload(sut, 'messy-suppliers.xlsx');
    expect(response.body).toMatchObject({
      sheetName: expected.sheet,
      headerRow: expected.headerRow,
      counts: expected.counts,
    });
    const stored = await profiles(sut);
    const rejected = await sut.dataSource.query(
      'SELECT row_number AS "row", errors, outcome FROM import_rejected_rows WHERE batch_id = $1',
      [response.body.id],
    );
    const byRow = new Map<number, { column: string; field: string; value: string; message: string }[]>(
      rejected.map((r: { row: number; errors: never[] }) => [r.row, r.errors]),
    );
    const outcomes = new Map<number, string>(
      rejected.map((r: { row: number; outcome: string }) => [r.row, r.outcome]),
    );
    for (const row of expected.rows) {
      if (row.outcome === 'imported' && row.record) {
        const match = stored.find((p) => p.name === row.record?.name && p.country === row.record?.country);
        // The sector may be inferred and a sub-sector resolved: the expected record lists what the file says.
        const { subSector, ...comparable } = match ?? ({} as SupplierRecord);
        expect({ row: row.row, stored: comparable }).toEqual({ row: row.row, stored: row.record });
      } else if (row.outcome === 'duplicate') {
        expect({ row: row.row, message: byRow.get(row.row)?.[0]?.message }).toEqual({
          row: row.row,
          message: expect.stringContaining(`Rows ${row.duplicateOf} and ${row.row}`),
        });
      } else {
        expect({ row: row.row, outcome: outcomes.get(row.row) }).toEqual({
          row: row.row,
          outcome: row.outcome,
        });
        if (row.outcome === 'warning') {
          const site = stored.find((p) => p.name === row.record?.name && p.country === row.record?.country);
          expect({ row: row.row, imported: site !== undefined }).toEqual({ row: row.row, imported: true });
          for (const field of row.absent ?? []) {
            expect({ row: row.row, field, value: site?.[field as keyof SupplierRecord] }).toEqual({
              row: row.row,
              field,
              value: undefined,
            });
          }
        }
        const errors = byRow.get(row.row) ?? [];
        for (const error of row.errors ?? []) {
          expect({ row: row.row, errors }).toEqual({
            row: row.row,
            errors: expect.arrayContaining([
              expect.objectContaining({ column: error.column, field: error.field, value: error.value }),
            ]),
          });
        }
      }
    }
    expect(stored).toHaveLength(expected.counts.imported);
  });
});

describe('the sector lists and the csv encodings', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp();
  });

  afterAll(async () => {
    await sut.close();
  });

  it.each([
    ['agriculture-suppliers.xlsx', 25, 'agriculture'],
    ['electronics-suppliers.xlsx', 20, 'electronics'],
    ['garments-suppliers.csv', 24, 'garments'],
  ])('imports %s completely and scores every supplier', async (name, rows, sector) => {
    const response = await upload(sut, name);
    expect(response.body.counts).toMatchObject({ read: rows, imported: rows, rejected: 0, duplicates: 0 });
    const batchSuppliers = await sut.dataSource.query(
      'SELECT sector, current_tier, country FROM suppliers WHERE last_import_batch_id = $1',
      [response.body.id],
    );
    expect(batchSuppliers).toHaveLength(rows);
    for (const supplier of batchSuppliers) {
      expect(['low', 'medium', 'high', 'critical']).toContain(supplier.current_tier);
      expect(supplier.country).toMatch(/^[A-Z]{2}$/);
    }
    const inSector = batchSuppliers.filter((s: { sector: string }) => s.sector === sector).length;
    expect(inSector).toBeGreaterThan(rows / 2);
  });

  it('reads the same list identically from UTF-8 with BOM, UTF-16, Windows-1252, semicolon and tab files', async () => {
    const variants = [
      'suppliers-utf8-bom.csv',
      'suppliers-utf16le.csv',
      'suppliers-cp1252.csv',
      'suppliers-semicolon.csv',
      'suppliers-tab.csv',
    ];
    const seen: SupplierRecord[][] = [];
    for (const name of variants) {
      const response = await upload(sut, name);
      expect({ name, counts: response.body.counts }).toMatchObject({
        name,
        counts: { read: 8, rejected: 0 },
      });
      const rows = await sut.dataSource.query(
        'SELECT profile FROM suppliers WHERE last_import_batch_id = $1 ORDER BY name',
        [response.body.id],
      );
      seen.push(rows.map((r: { profile: SupplierRecord }) => r.profile));
    }
    expect(seen[0]).toHaveLength(8);
    expect(seen[0]?.map((p) => p.name)).toEqual(expect.arrayContaining(['Société Générale Textile']));
    for (const profilesOfVariant of seen.slice(1)) {
      expect(profilesOfVariant).toEqual(seen[0]);
    }
  });
});
