// A process of its own that starts the embedded server on a folder, as a second `npm start` would: prints one JSON
// line ({ started, answered } or { code, message }), holds the server for the given milliseconds, then stops it.
// Run from the sources: node --import ./scripts/ts-loader.js test/support/embedded-start-process.ts <dir> <holdMs>
import pg from 'pg';
import { EmbeddedPostgres, EmbeddedPostgresError } from '../../src/database/embedded-postgres.js';

const [dir, holdMs] = process.argv.slice(2);
if (!dir) {
  throw new Error('usage: embedded-start-process.ts <dir> <holdMs>');
}
try {
  const server = await EmbeddedPostgres.start({ dir });
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  const { rows } = await client.query<{ answer: number }>('SELECT 42 AS answer');
  await client.end();
  console.log(JSON.stringify({ started: true, answered: rows[0]?.answer }));
  await new Promise((resolve) => setTimeout(resolve, Number(holdMs ?? 0)));
  await server.stop();
} catch (error) {
  if (!(error instanceof EmbeddedPostgresError)) {
    throw error;
  }
  console.log(JSON.stringify({ code: error.code, message: error.message }));
}
