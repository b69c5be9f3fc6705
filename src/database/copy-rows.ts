import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { EntityManager } from 'typeorm';

// Bulk writes through COPY: the server parses plain text instead of parameter arrays, and the client only sends
// lines (copy-text.ts) it or an import's staging worker rendered. Used for rows that are certainly new (assessments, an import's new sites and their listings).

/**
 * Runs `COPY <target> FROM STDIN` with `lines`: lines of tab-separated `copyValue`s, as text or already encoded,
 * in pieces sent as they are (not joined first). On the manager's transaction when it has one, else on a
 * connection taken for it.
 */
export async function copyRows(
  manager: EntityManager,
  target: string,
  lines: string | readonly (string | Uint8Array)[],
): Promise<void> {
  const pieces = (typeof lines === 'string' ? [lines] : lines)
    .filter((piece) => piece.length > 0)
    .map((piece) => (typeof piece === 'string' ? Buffer.from(piece) : piece));
  if (pieces.length === 0) {
    return;
  }
  const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
  try {
    const client = (await runner.connect()) as PoolClient;
    await pipeline(Readable.from(pieces), client.query(copyFrom(`COPY ${target} FROM STDIN`)));
  } finally {
    if (!manager.queryRunner) {
      await runner.release();
    }
  }
}
