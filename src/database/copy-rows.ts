import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { EntityManager } from 'typeorm';

// Bulk writes through COPY: the server parses plain text instead of parameter arrays, and the client only joins
// strings. Used for rows that are certainly new (assessments, an import's new sites and their listings).

/** A value in COPY's text format: null as \N; backslash, tab, newline and carriage return escaped. */
export function copyValue(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) {
    return '\\N';
  }
  if (typeof value !== 'string') {
    return String(value);
  }
  return /[\\\t\n\r]/.test(value)
    ? value.replace(/[\\\t\n\r]/g, (c) =>
        c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
      )
    : value;
}

/**
 * Runs `COPY <target> FROM STDIN` with `text` (lines of tab-separated `copyValue`s), on the manager's transaction
 * when it has one, else on a connection taken for it.
 */
export async function copyRows(manager: EntityManager, target: string, text: string): Promise<void> {
  if (text === '') {
    return;
  }
  const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
  try {
    const client = (await runner.connect()) as PoolClient;
    await pipeline(Readable.from([Buffer.from(text)]), client.query(copyFrom(`COPY ${target} FROM STDIN`)));
  } finally {
    if (!manager.queryRunner) {
      await runner.release();
    }
  }
}
