import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createApp } from '../../src/bootstrap.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { xlsxBuffer } from '../support/workbooks.js';

// A release or an edit of rules/ while the service is down: the service that starts with the new rules finds
// suppliers scored with another rule set and re-scores them, as a reload would. A second instance on the same
// PostgreSQL database stands for the restarted service (the embedded database lives in one process).

const RULES = new URL('../../rules/', import.meta.url).pathname;

describe('re-scoring at start when the rules changed meanwhile', () => {
  let sut: TestApp;
  let rulesDir: string;
  const started: INestApplication[] = [];

  beforeAll(async () => {
    rulesDir = await mkdtemp(join(tmpdir(), 'vigil-rules-'));
    await cp(RULES, rulesDir, { recursive: true });
    sut = await startTestApp({ RULES_DIR: rulesDir });
    const rows = [
      ['Supplier', 'Country', 'Sector'],
      ['Start Seafood Packing', 'Thailand', 'seafood'],
      ['Start Services', 'France', 'services'],
      ['Start Cocoa Traders', 'Ghana', 'cocoa'],
    ];
    await sut
      .as()
      .post('/imports')
      .attach('file', await xlsxBuffer(rows), 'start.xlsx')
      .expect(201);
  });

  afterAll(async () => {
    for (const app of started) {
      await app.close();
    }
    await sut.close();
    await rm(rulesDir, { recursive: true, force: true });
  });

  async function startAnother(): Promise<INestApplication> {
    const app = await createApp(sut.config, { logger: false });
    started.push(app);
    await app.init();
    return app;
  }

  const currentHashes = async (): Promise<string[]> =>
    (
      await sut.dataSource.query<{ hash: string }[]>(
        `SELECT DISTINCT a.rule_set_hash AS hash FROM suppliers s
          CROSS JOIN LATERAL (SELECT rule_set_hash FROM assessments WHERE supplier_id = s.id
                               ORDER BY assessed_at DESC, id DESC LIMIT 1) a`,
      )
    ).map((row) => row.hash);

  it('re-scores every supplier with the rules it starts with, and starts nothing when all are current', async () => {
    const before = (await sut.as().get('/rulesets/active').expect(200)).body.hash as string;
    expect(await currentHashes()).toEqual([before]);

    // Nothing changed: a new instance starts no job.
    await startAnother();
    const [none] = await sut.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM rescore_jobs');
    expect(none?.n).toBe(0);

    const ruleset = join(rulesDir, 'ruleset.yaml');
    await writeFile(ruleset, (await readFile(ruleset, 'utf8')).replace('medium: 20', 'medium: 19'));
    await startAnother();
    const jobs = await sut.dataSource.query<{ hash: string }[]>(
      'SELECT rule_set_hash AS hash FROM rescore_jobs',
    );
    expect(jobs).toHaveLength(1);
    const after = jobs[0].hash;
    expect(after).not.toBe(before);
    const deadline = Date.now() + 30_000;
    for (;;) {
      const [job] = await sut.dataSource.query<{ status: string; done: number }[]>(
        'SELECT status, done FROM rescore_jobs',
      );
      if (job?.status === 'completed') {
        expect(job.done).toBe(3);
        break;
      }
      expect(job?.status).toBe('running');
      if (Date.now() > deadline) {
        throw new Error('the re-scoring started at start-up did not complete');
      }
      await sleep(100);
    }
    expect(await currentHashes()).toEqual([after]);
  });
});
