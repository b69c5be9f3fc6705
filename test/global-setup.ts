// Decides once per run where the integration tests run: PostgreSQL when one is reachable (DATABASE_URL or the
// local server), the embedded database otherwise. VIGIL_TEST_DB=embedded forces the embedded database: the same
// PostgreSQL server the service runs by default, started here in a temporary folder for the run (and stopped by
// global-teardown.js). Each test file then gets a database of its own on whichever server was chosen.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const LOCAL_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

async function isReachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export default async function globalSetup(): Promise<void> {
  process.env.TZ = 'UTC';
  // One id per run: the browser tests of a run build the web page once between them (test/support/browser.ts).
  process.env.VIGIL_TEST_RUN = `${process.pid}-${Date.now()}`;
  if (process.env.VIGIL_TEST_DB === 'embedded') {
    await startEmbedded();
  } else if (process.env.DATABASE_URL) {
    if (!(await isReachable(process.env.DATABASE_URL))) {
      throw new Error(
        'DATABASE_URL is set but the database does not answer: start it, or unset DATABASE_URL.',
      );
    }
    process.env.VIGIL_TEST_DB = 'postgres';
    process.env.VIGIL_TEST_ADMIN_URL = process.env.DATABASE_URL;
  } else if (await isReachable(LOCAL_SERVER_URL)) {
    process.env.VIGIL_TEST_DB = 'postgres';
    process.env.VIGIL_TEST_ADMIN_URL = LOCAL_SERVER_URL;
  } else {
    process.env.VIGIL_TEST_DB = 'embedded';
    await startEmbedded();
  }
  console.log(
    `\nIntegration tests run on ${process.env.VIGIL_TEST_DB === 'postgres' ? 'PostgreSQL' : 'the embedded database'}.`,
  );
}

type EmbeddedModule = typeof import('../src/database/embedded-postgres.js');

async function startEmbedded(): Promise<void> {
  // Jest compiles this file to CommonJS and requires the TypeScript source through its hook, which finds the file
  // without an extension (the ".js" spelling of the sources' own imports is mapped for tests, not for setup).
  const source = '../src/database/embedded-postgres';
  const { EmbeddedPostgres } = (await import(source)) as EmbeddedModule;
  const dir = join(mkdtempSync(join(tmpdir(), 'vigil-test-pg-')), 'postgres');
  const server = await EmbeddedPostgres.start({ dir, database: 'postgres' });
  (globalThis as { vigilEmbeddedServer?: unknown }).vigilEmbeddedServer = server;
  process.env.VIGIL_TEST_ADMIN_URL = server.ownerUrl;
}
