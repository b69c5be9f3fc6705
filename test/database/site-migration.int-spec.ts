import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { openDatabase } from '../../src/database/data-source.js';
import { fieldOrigins, type FieldSources, mergedRecord } from '../../src/suppliers/domain/field-sources.js';
import type { SupplierRecord } from '../../src/suppliers/domain/supplier-record.js';
import { freshTestDatabase, type TestDatabase } from '../support/test-database.js';

// Suppliers written by the version before source lists (one row per name + country, references unique across
// everything) must reach the site model whole: every field, reference and import kept.

const BEFORE: { ref: string | null; profile: SupplierRecord }[] = [
  {
    ref: 'V-100',
    profile: {
      externalRef: 'V-100',
      name: 'Saigon Garment Co., Ltd',
      country: 'VN',
      address: '12 Nguyen Van Linh',
      city: 'Ho Chi Minh City',
      sector: 'garments',
      products: ['T-shirts'],
      workerCount: 1250,
      migrantWorkerPct: 35,
      recruitmentFeesPaidByWorkers: true,
      extra: { Buyer: 'Anna' },
    },
  },
  // Two suppliers of one name without an address, told apart by their references only.
  {
    ref: 'V-200',
    profile: { externalRef: 'V-200', name: 'Dhaka Knit Ltd', country: 'BD', workerCount: 500 },
  },
  {
    ref: 'V-201',
    profile: { externalRef: 'V-201', name: 'Dhaka Knit Ltd', country: 'BD', workerCount: 900 },
  },
  { ref: null, profile: { name: 'Abidjan Cocoa Cooperative', country: 'CI', products: ['Cocoa beans'] } },
];

describe('the site migration on a database of the previous version', () => {
  let db: TestDatabase;
  let sut: DataSource;
  let batchId: string;

  beforeAll(async () => {
    db = await freshTestDatabase();
    sut = await openDatabase(db.database);
    // Back to the schema before sites: undo that migration and every later one.
    const sites = sut.migrations.findIndex((m) => m.name?.startsWith('SupplierSitesAndSourceLists'));
    expect(sites).toBeGreaterThan(0);
    for (let i = sut.migrations.length; i > sites; i--) {
      await sut.undoLastMigration({ transaction: 'each' });
    }
    [{ id: batchId }] = await sut.query(
      `INSERT INTO import_batches (status, file_name, file_sha256, file_size, rows_read, imported, finished_at)
       VALUES ('completed', 'suppliers.xlsx', $1, 1000, 4, 4, now()) RETURNING id`,
      ['a'.repeat(64)],
    );
    for (const { ref, profile } of BEFORE) {
      await sut.query(
        `INSERT INTO suppliers (external_ref, name, name_key, country, sector, profile, last_import_batch_id)
         VALUES ($1, $2, lower($2), $3, $4, $5, $6)`,
        [ref, profile.name, profile.country, profile.sector ?? null, JSON.stringify(profile), batchId],
      );
    }
    await sut.runMigrations({ transaction: 'each' });
  });

  afterAll(async () => {
    await sut.destroy();
    await db.drop();
  });

  it('keeps every supplier and every field, with provenance "before source lists"', async () => {
    const rows: { name: string; profile: SupplierRecord; sources: FieldSources; siteKey: string }[] =
      await sut.query(
        'SELECT name, profile, sources, site_key AS "siteKey" FROM suppliers ORDER BY external_ref NULLS LAST',
      );
    expect(rows.map((r) => r.profile)).toEqual(BEFORE.map((b) => b.profile));
    const [legacy] = await sut.query('SELECT id, name, legacy FROM source_lists');
    expect(legacy).toMatchObject({ name: 'Before source lists', legacy: true });
    for (const row of rows) {
      expect(mergedRecord(row.sources)).toEqual(row.profile);
      expect(row.sources.identity).toBe(legacy.id);
      expect(Object.values(fieldOrigins(row.sources))).toEqual(
        Object.values(fieldOrigins(row.sources)).map(() =>
          expect.objectContaining({ listId: legacy.id, batch: batchId, row: null }),
        ),
      );
    }
    const dhaka = rows.filter((r) => r.name === 'Dhaka Knit Ltd');
    expect(new Set(dhaka.map((r) => r.siteKey)).size).toBe(2);
  });

  it('puts the earlier uploads and references in that list', async () => {
    const [batch] = await sut.query('SELECT source_list_id AS "listId" FROM import_batches WHERE id = $1', [
      batchId,
    ]);
    const listings: { externalRef: string | null; entry: string; listId: string; lastBatchId: string }[] =
      await sut.query(
        `SELECT external_ref AS "externalRef", entry, source_list_id AS "listId", last_batch_id AS "lastBatchId"
           FROM supplier_listings ORDER BY external_ref NULLS LAST`,
      );
    expect(listings.map((l) => l.externalRef)).toEqual(['V-100', 'V-200', 'V-201', null]);
    // Each is an entry of the list: by its reference, else by the site key of its spelling.
    expect(listings.map((l) => l.entry)).toEqual([
      'ref:V-100',
      'ref:V-200',
      'ref:V-201',
      expect.stringMatching(/^key:CI\|abidjan cocoa/),
    ]);
    for (const listing of listings) {
      expect(listing).toMatchObject({ listId: batch.listId, lastBatchId: batchId });
    }
  });
});
