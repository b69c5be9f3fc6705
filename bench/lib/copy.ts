import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Writable } from 'node:stream';
import { once } from 'node:events';

// PostgreSQL COPY into a plain table of 15 text columns: the fastest way the server takes the same rows, the
// write half of the "stream-read + COPY" baseline.

export const COPY_COLUMNS = 15;

export interface CopyTarget {
  write(line: string): Promise<void>;
  finish(): Promise<number>;
}

function csvText(value: unknown): string {
  if (value === null || value === undefined) {
    return '';
  }
  const text =
    value instanceof Date
      ? value.toISOString()
      : typeof value === 'string'
        ? value
        : typeof value === 'number' || typeof value === 'boolean'
          ? String(value)
          : JSON.stringify(value); // exceljs rich text or formula cells
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One csv line for COPY, padded or cut to the table's 15 columns. */
export function copyLine(cells: readonly unknown[]): string {
  const fields: string[] = [];
  for (let i = 0; i < COPY_COLUMNS; i++) {
    fields.push(csvText(cells[i]));
  }
  return `${fields.join(',')}\n`;
}

export async function openCopy(databaseUrl: string): Promise<{ target: CopyTarget; close(): Promise<void> }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const table = `bench_copy_${process.pid}`;
  const columns = Array.from({ length: COPY_COLUMNS }, (_, i) => `c${i + 1} text`).join(', ');
  await client.query(`DROP TABLE IF EXISTS ${table}`);
  await client.query(`CREATE TABLE ${table} (${columns})`);
  const stream: Writable = client.query(copyFrom(`COPY ${table} FROM STDIN (FORMAT csv)`));
  let pending = '';
  const flush = async (): Promise<void> => {
    if (pending && !stream.write(pending)) {
      await once(stream, 'drain');
    }
    pending = '';
  };
  const target: CopyTarget = {
    // Lines go out in 64 kB writes, as a file stream would send them.
    async write(line) {
      pending += line;
      if (pending.length >= 65_536) {
        await flush();
      }
    },
    async finish() {
      await flush();
      stream.end();
      await once(stream, 'finish');
      const [{ count }] = (await client.query(`SELECT count(*)::int AS count FROM ${table}`)).rows as {
        count: number;
      }[];
      return count;
    },
  };
  return {
    target,
    async close() {
      await client.query(`DROP TABLE IF EXISTS ${table}`);
      await client.end();
    },
  };
}
