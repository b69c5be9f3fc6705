import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { getDataSourceToken } from '@nestjs/typeorm';
import request from 'supertest';
import type { App } from 'supertest/types.js';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/bootstrap.js';
import { loadConfig } from '../../src/config/app-config.js';
import { connectionOptions } from '../../src/database/data-source.js';
import { migrateLegacyDatabase } from '../../src/database/migrate-legacy.js';
import { MIGRATIONS } from '../../src/database/migrations/index.js';

const SILENT = { error: () => {}, warn: () => {}, log: () => {}, debug: () => {} };

/** A data folder as an earlier Vigil left it: PGlite in DATA_DIR/pgdata, one migration behind, with data. */
async function legacyDataFolder(dataDir: string): Promise<void> {
  const pglite = await PGlite.create({ dataDir: join(dataDir, 'pgdata') });
  const dataSource = new DataSource({
    ...connectionOptions('postgres://localhost/pglite'),
    migrations: MIGRATIONS.slice(0, -1),
    extra: { ...createPgConfig(pglite) },
  });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.query(
    `INSERT INTO users (email, password_hash, role) VALUES ('officer@example.test', 'not-a-real-hash', 'compliance')`,
  );
  await dataSource.query(
    `INSERT INTO audit_events (action, actor, summary) VALUES ('auth.login', 'officer@example.test', '{"note":"kept"}')`,
  );
  await dataSource.destroy();
  await pglite.close();
}

describe('npm run db:migrate-embedded (the earlier PGlite database into the embedded PostgreSQL)', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'vigil-legacy-'));
    await legacyDataFolder(dataDir);
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('moves every row, keeps the old folder renamed, and the service then starts on it', async () => {
    const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir });
    if (config.database.kind !== 'embedded') {
      throw new Error('expected the embedded database');
    }
    const report = await migrateLegacyDatabase(config.database, SILENT);
    expect(report.tables).toEqual(
      expect.arrayContaining([
        { table: 'users', rows: 1 },
        { table: 'audit_events', rows: 1 },
      ]),
    );
    expect(existsSync(join(dataDir, 'pgdata'))).toBe(false);
    expect(existsSync(join(report.keptAs, 'PG_VERSION'))).toBe(true);
    expect((await readdir(dataDir)).sort()).toEqual([
      'pgdata.migrated-' + report.keptAs.slice(-10),
      'postgres',
    ]);

    const app = await createApp(config);
    await app.init();
    try {
      const health = await request(app.getHttpServer() as App)
        .get('/health')
        .expect(200);
      expect(health.body).toMatchObject({ status: 'ok', database: { kind: 'embedded' } });
      const dataSource = app.get<DataSource>(getDataSourceToken());
      const users = await dataSource.query<{ email: string }[]>('SELECT email FROM users');
      expect(users).toEqual([{ email: 'officer@example.test' }]);
      const events = await dataSource.query<{ summary: unknown }[]>(
        `SELECT summary FROM audit_events WHERE action = 'auth.login'`,
      );
      expect(events).toEqual([{ summary: { note: 'kept' } }]);
    } finally {
      await app.close();
    }
  });

  it('refuses to run twice', async () => {
    const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir });
    if (config.database.kind !== 'embedded') {
      throw new Error('expected the embedded database');
    }
    await expect(migrateLegacyDatabase(config.database, SILENT)).rejects.toThrow(/nothing to migrate/);
  });
});
