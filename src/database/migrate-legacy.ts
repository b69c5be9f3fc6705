import { existsSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import type { DatabaseConfig } from '../config/app-config.js';
import { EmbeddedDataSource, connectionOptions } from './data-source.js';
import { EmbeddedPostgres, EmbeddedPostgresError, type EmbeddedPostgresLog } from './embedded-postgres.js';
import { MIGRATIONS } from './migrations/index.js';

// Moves the database of an earlier Vigil, whose embedded default was PGlite (PostgreSQL compiled to WebAssembly,
// in DATA_DIR/pgdata), into the embedded PostgreSQL server (DATA_DIR/postgres): `npm run db:migrate-embedded`.
// The old folder is kept, renamed, until the officer removes it. PGlite is needed by this command only.

export interface LegacyMigrationReport {
  tables: { table: string; rows: number }[];
  keptAs: string;
}

interface LegacyDatabase {
  query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  close(): Promise<void>;
}

const BATCH_ROWS = 2_000;

export async function migrateLegacyDatabase(
  database: Extract<DatabaseConfig, { kind: 'embedded' }>,
  log: EmbeddedPostgresLog,
): Promise<LegacyMigrationReport> {
  if (existsSync(join(database.dir, 'PG_VERSION'))) {
    throw new EmbeddedPostgresError(
      'EMBEDDED_DB_LEGACY_DATA',
      `${database.dir} already holds the embedded PostgreSQL database: there is nothing to migrate`,
    );
  }
  if (!existsSync(join(database.legacyDir, 'PG_VERSION'))) {
    throw new EmbeddedPostgresError(
      'EMBEDDED_DB_LEGACY_DATA',
      `${database.legacyDir} holds no database of an earlier Vigil: there is nothing to migrate`,
    );
  }
  const legacy = await openLegacy(database.legacyDir, log);
  let server: EmbeddedPostgres | undefined;
  const tables: { table: string; rows: number }[] = [];
  try {
    await upgradeLegacySchema(legacy);
    server = await EmbeddedPostgres.start({ dir: database.dir, log });
    const target = new EmbeddedDataSource(connectionOptions(server.ownerUrl), server);
    await target.initialize();
    try {
      await target.runMigrations({ transaction: 'each' });
      const names = (
        await legacy.query<{ table_name: string }>(
          `SELECT table_name FROM information_schema.tables
            WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'migrations'
            ORDER BY table_name`,
        )
      ).rows.map((row) => row.table_name);
      await target.transaction(async (manager) => {
        // Rows go in table by table: foreign keys and the audit trail's append-only trigger wait until the end.
        await manager.query('SET LOCAL session_replication_role = replica');
        await manager.query(`TRUNCATE ${names.map(quote).join(', ')}`);
        for (const table of names) {
          let copied = 0;
          for (;;) {
            const { rows } = await legacy.query<{ rows: string | null }>(
              `SELECT json_agg(t)::text AS rows FROM (SELECT * FROM ${quote(table)} ORDER BY ctid LIMIT $1 OFFSET $2) t`,
              [BATCH_ROWS, copied],
            );
            const batch = rows[0]?.rows;
            if (!batch) {
              break;
            }
            const inserted = await manager.query<unknown[]>(
              `INSERT INTO ${quote(table)} SELECT * FROM json_populate_recordset(NULL::${quote(table)}, $1::json) RETURNING 1`,
              [batch],
            );
            copied += inserted.length;
          }
          const [{ n }] = await manager.query<{ n: number }[]>(
            `SELECT count(*)::int AS n FROM ${quote(table)}`,
          );
          const {
            rows: [{ n: expected }],
          } = await legacy.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${quote(table)}`);
          if (n !== expected) {
            throw new Error(`${table}: ${expected} rows in the old database, ${n} copied`);
          }
          tables.push({ table, rows: n });
        }
      });
    } finally {
      await target.destroy();
      server = undefined;
    }
  } catch (error) {
    await server?.stop();
    await legacy.close();
    throw error;
  }
  await legacy.close();
  const keptAs = `${database.legacyDir}.migrated-${new Date().toISOString().slice(0, 10)}`;
  await rename(database.legacyDir, keptAs);
  return { tables, keptAs };
}

async function openLegacy(dir: string, log: EmbeddedPostgresLog): Promise<LegacyDatabase> {
  let PGlite: { create(options: { dataDir: string }): Promise<LegacyDatabase> };
  try {
    ({ PGlite } = (await import('@electric-sql/pglite')) as unknown as { PGlite: typeof PGlite });
  } catch {
    throw new EmbeddedPostgresError(
      'EMBEDDED_DB_LEGACY_DATA',
      'reading the earlier database needs PGlite: run `npm install @electric-sql/pglite`, then this command again',
    );
  }
  log.log(`Opening the earlier database in ${dir}`);
  return PGlite.create({ dataDir: dir });
}

/** An old folder may predate some migrations: the copy needs the same tables and columns on both sides. */
async function upgradeLegacySchema(legacy: LegacyDatabase): Promise<void> {
  const applied = new Set(
    (await legacy.query<{ name: string }>('SELECT name FROM migrations')).rows.map((row) => row.name),
  );
  const pending = MIGRATIONS.filter((migration) => !applied.has(migration.name));
  if (pending.length === 0) {
    return;
  }
  const { createPgConfig } = (await import('@electric-sql/pglite/node-postgres')) as unknown as {
    createPgConfig: (db: LegacyDatabase) => Record<string, unknown>;
  };
  const dataSource = new DataSource({
    ...connectionOptions('postgres://localhost/pglite'),
    extra: { ...createPgConfig(legacy) },
  });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    if (dataSource.isInitialized) {
      await dataSource.destroy();
    }
  }
}

function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
