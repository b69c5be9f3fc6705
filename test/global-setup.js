// Decides once per run where the integration tests run: PostgreSQL when one is reachable (DATABASE_URL or the
// local server), the embedded database otherwise. VIGIL_TEST_DB=embedded forces the embedded database.
import pg from 'pg';

const LOCAL_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

async function isReachable(url) {
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

export default async function globalSetup() {
  process.env.TZ = 'UTC';
  // One id per run: the browser tests of a run build the web page once between them (test/support/browser.ts).
  process.env.VIGIL_TEST_RUN = `${process.pid}-${Date.now()}`;
  if (process.env.VIGIL_TEST_DB === 'embedded') {
    process.env.VIGIL_TEST_ADMIN_URL = '';
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
  }
  console.log(
    `\nIntegration tests run on ${process.env.VIGIL_TEST_DB === 'postgres' ? 'PostgreSQL' : 'the embedded database'}.`,
  );
}
