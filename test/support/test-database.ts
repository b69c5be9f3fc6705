import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createHash, randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { DatabaseConfig } from '../../src/config/app-config.js';
import { EmbeddedDataSource, type EmbeddedOptions, openDatabase } from '../../src/database/data-source.js';
import { MIGRATIONS } from '../../src/database/migrations/index.js';

// Each test file gets a database of its own: a new PostgreSQL database (dropped afterwards) on the server that
// global setup chose, or an in-memory embedded database started from a migrated snapshot.

export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  database: DatabaseConfig;
  embedded: EmbeddedOptions;
  /** Drops the throwaway PostgreSQL database; the embedded one lives in memory and goes with its data source. */
  drop(): Promise<void>;
}

export function testTarget(): 'postgres' | 'embedded' {
  return process.env.VIGIL_TEST_DB === 'postgres' ? 'postgres' : 'embedded';
}

/** initdb inside PGlite costs seconds and ~750 MB; a migrated snapshot, shared by the run's workers, costs ~0.5 s. */
async function embeddedSnapshot(): Promise<Blob> {
  const key = createHash('sha256')
    .update(MIGRATIONS.map((m) => m.name).join(','))
    .digest('hex')
    .slice(0, 16);
  const dir = join(tmpdir(), 'vigil-test-snapshots');
  const file = join(dir, `migrated-${key}.tar`);
  try {
    return new Blob([await readFile(file)]);
  } catch {
    const dataSource = await openDatabase({ kind: 'embedded', dataDir: 'memory' });
    if (!(dataSource instanceof EmbeddedDataSource)) {
      throw new Error('expected the embedded data source');
    }
    const dump = await dataSource.pglite.dumpDataDir('none');
    await dataSource.destroy();
    await mkdir(dir, { recursive: true });
    // Write then rename, so a worker never reads a half-written snapshot.
    const partial = `${file}.${process.pid}.partial`;
    await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
    await rename(partial, file);
    return dump;
  }
}

export async function freshTestDatabase(): Promise<TestDatabase> {
  const adminUrl = process.env.VIGIL_TEST_ADMIN_URL;
  if (testTarget() === 'postgres' && adminUrl) {
    const name = `vigil_test_${randomBytes(6).toString('hex')}`;
    await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
    return {
      database: { kind: 'postgres', url: databaseUrl(adminUrl, name) },
      embedded: {},
      drop: () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
    };
  }
  return {
    database: { kind: 'embedded', dataDir: 'memory' },
    embedded: { loadDataDir: await embeddedSnapshot() },
    drop: () => Promise.resolve(),
  };
}
