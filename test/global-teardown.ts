// Stops the embedded PostgreSQL server global-setup.ts started for the run, and removes its folder.
import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';

import type { EmbeddedPostgres } from '../src/database/embedded-postgres.js';

export default async function globalTeardown(): Promise<void> {
  const server = (globalThis as { vigilEmbeddedServer?: EmbeddedPostgres }).vigilEmbeddedServer;
  if (server) {
    await server.stop();
    await rm(dirname(server.dir), { recursive: true, force: true });
  }
}
