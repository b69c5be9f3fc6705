import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DatabaseConfig } from '../../src/config/app-config.js';

// Each test file gets a database of its own: a new database (dropped afterwards) on the server that global setup
// chose, a PostgreSQL server of the machine or the embedded one it started for the run.

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
  /** Drops the throwaway database. */
  drop(): Promise<void>;
}

/** Where this run's integration tests run: a PostgreSQL server of the machine, or the embedded one. */
export function testTarget(): 'postgres' | 'embedded' {
  return process.env.VIGIL_TEST_DB === 'postgres' ? 'postgres' : 'embedded';
}

export async function freshTestDatabase(): Promise<TestDatabase> {
  const adminUrl = process.env.VIGIL_TEST_ADMIN_URL;
  if (!adminUrl) {
    throw new Error('no test database server: run the tests through jest (test/global-setup.ts starts one)');
  }
  const name = `vigil_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
  return {
    database: { kind: 'postgres', url: databaseUrl(adminUrl, name) },
    drop: () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}
