import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { PgBossJobQueue } from '../../src/jobs/pg-boss-queue.js';
import { freshTestDatabase, type TestDatabase } from '../support/test-database.js';

// The job queue on its own, on a database of its own: a job that runs longer than the queue's timeout keeps its
// worker (a 1,000,000-row import takes minutes against a one-minute timeout) and is neither failed nor handed out
// a second time while it runs.

const TIMEOUT_SECONDS = 4;

async function jobStates(url: string, name: string): Promise<{ state: string; retries: number }[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ state: string; retries: number }>(
      'SELECT state, retry_count AS retries FROM pgboss.job WHERE name = $1',
      [name],
    );
    return rows;
  } finally {
    await client.end();
  }
}

describe('the job queue', () => {
  let db: TestDatabase;
  let url: string;
  let queue: PgBossJobQueue;

  beforeAll(async () => {
    db = await freshTestDatabase();
    if (db.database.kind !== 'postgres') {
      throw new Error('expected a PostgreSQL test database');
    }
    url = db.database.url;
    queue = await PgBossJobQueue.start({
      connectionString: url,
      timeoutSeconds: TIMEOUT_SECONDS,
      pollingIntervalSeconds: 0.5,
    });
  });

  afterAll(async () => {
    await queue.close();
    await db.drop();
  });

  it('runs a job longer than its timeout once, to completion', async () => {
    const runs: number[] = [];
    await queue.work<{ n: number }>('rescore', async (data, attempt) => {
      runs.push(attempt.number);
      // Three timeouts' worth, with the queue's maintenance expiring lost jobs every second meanwhile.
      await new Promise((resolve) => setTimeout(resolve, TIMEOUT_SECONDS * 3_000));
      expect(data).toEqual({ n: 1 });
    });
    await queue.send('rescore', { n: 1 });
    await queue.idle();
    expect(runs).toEqual([1]);
    expect(await jobStates(url, 'rescore')).toEqual([{ state: 'completed', retries: 0 }]);
  }, 60_000);

  it('runs a job whose handler throws again, telling the handler which run is the last', async () => {
    const runs: { number: number; last: boolean }[] = [];
    await queue.work('portfolio-report', (_data, attempt) => {
      runs.push(attempt);
      return attempt.last ? Promise.resolve() : Promise.reject(new Error('the database went away'));
    });
    await queue.send('portfolio-report', {});
    await queue.idle();
    expect(runs).toEqual([
      { number: 1, last: false },
      { number: 2, last: false },
      { number: 3, last: false },
      { number: 4, last: true },
    ]);
    expect(await jobStates(url, 'portfolio-report')).toEqual([{ state: 'completed', retries: 3 }]);
  }, 60_000);
});
