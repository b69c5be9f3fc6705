import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { openDatabase } from '../../src/database/data-source.js';
import { freshTestDatabase, type TestDatabase } from '../support/test-database.js';

describe('migrations', () => {
  let db: TestDatabase;
  let sut: DataSource;

  beforeAll(async () => {
    db = await freshTestDatabase();
    sut = await openDatabase(db.database);
  });

  afterAll(async () => {
    await sut.destroy();
    await db.drop();
  });

  it('leave the schema exactly as the entities describe it', async () => {
    const drift = await sut.driver.createSchemaBuilder().log();
    expect(drift.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('all revert with their down() and apply again', async () => {
    for (let i = 0; i < sut.migrations.length; i++) {
      await sut.undoLastMigration({ transaction: 'each' });
    }
    const tables: { table_name: string }[] = await sut.query(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
    );
    expect(tables.map((t) => t.table_name)).toEqual(['migrations']);
    const applied = await sut.runMigrations({ transaction: 'each' });
    expect(applied).toHaveLength(sut.migrations.length);
    expect((await sut.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
  });
});
