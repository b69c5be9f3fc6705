import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import { JOB_QUEUE, type JobQueue } from '../../src/jobs/job-queue.js';
import { lockSiteWrites } from '../../src/suppliers/site-writes-lock.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { xlsxBuffer } from '../support/workbooks.js';

// Re-scoring reads a page of suppliers, scores it, then writes it. An import that commits in between scored its
// rows from the newer profile: the re-scoring must leave those rows alone rather than write a score made from
// the profile it read before.
describe('re-scoring while an import writes suppliers', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp();
    const rows = [
      ['Supplier', 'Country', 'Sector', '% Migrant workers'],
      ['Race Seafood Packing', 'Thailand', 'seafood', '60%'],
      ['Race Services', 'France', 'services', '0%'],
      ['Race Cocoa Traders', 'Ghana', 'cocoa', ''],
    ];
    await sut
      .as()
      .post('/imports')
      .attach('file', await xlsxBuffer(rows), 'race.xlsx')
      .expect(201);
  });

  afterAll(async () => {
    await sut.close();
  });

  it('scores a supplier an import wrote between the page read and its write from its newer profile', async () => {
    const queue = sut.app.get<JobQueue>(JOB_QUEUE);
    const suppliers = await sut.dataSource.query<{ id: string; name: string }[]>(
      'SELECT id, name FROM suppliers ORDER BY id',
    );
    expect(suppliers).toHaveLength(3);
    const written = suppliers.find((s) => s.name === 'Race Services')?.id ?? '';
    const hash = ((await sut.as().get('/rulesets/active').expect(200)).body as { hash: string }).hash;

    // An import in the middle of its apply: it holds the site-writes lock and has not committed.
    const importer = sut.dataSource.createQueryRunner();
    await importer.connect();
    try {
      await importer.startTransaction();
      await lockSiteWrites(importer.manager);

      const [job] = await sut.dataSource.query<{ id: string }[]>(
        `INSERT INTO rescore_jobs (status, rule_set_hash, assessment_date)
           VALUES ('running', $1, '2026-01-15') RETURNING id`,
        [hash],
      );
      const jobId = job?.id ?? '';
      await queue.send('rescore', { jobId });

      // The re-scoring has read and scored its page and now waits for the import to commit.
      await until(async () => {
        const [waiting] = await sut.dataSource.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM pg_stat_activity
              WHERE datname = current_database() AND wait_event_type = 'Lock'
                AND query LIKE '%pg_advisory_xact_lock_shared%'`,
        );
        return (waiting?.n ?? 0) > 0;
      });

      // What the import writes for the supplier it changed: the new profile and the score it made from it.
      await importer.manager.query(
        `UPDATE suppliers
              SET profile = profile || '{"migrantWorkerPct": 95}'::jsonb, current_score = 99.5,
                  current_tier = 'critical', assessed_at = now(), updated_at = now()
            WHERE id = $1`,
        [written],
      );
      await importer.commitTransaction();

      await queue.idle();
      const status = (await sut.as('auditor').get(`/rulesets/rescore/${jobId}`).expect(200)).body as unknown;
      expect(status).toMatchObject({ status: 'completed', total: 3, done: 3 });
    } finally {
      if (importer.isTransactionActive) {
        await importer.rollbackTransaction();
      }
      await importer.release();
    }

    // The supplier written meanwhile is scored again from its newer profile (95 % migrant workers), not left
    // with the writer's score nor scored from the page's stale read (0 %).
    const [latest] = await sut.dataSource.query<{ score: number; tier: string }[]>(
      'SELECT current_score AS score, current_tier AS tier FROM suppliers WHERE id = $1',
      [written],
    );
    expect(latest?.score).not.toBe(99.5);
    const rescored = await sut.dataSource.query<{ id: string }[]>(
      `SELECT supplier_id AS id FROM assessments WHERE trigger = 'rescore' ORDER BY supplier_id`,
    );
    expect(rescored.map((r) => r.id)).toEqual(suppliers.map((s) => s.id));
    const detail = (await sut.as().get(`/suppliers/${written}`).expect(200)).body as {
      currentScore: number;
      assessment: { score: number; contributions: { indicatorId: string; evidence: string }[] };
    };
    expect(detail.assessment.score).toBe(latest?.score);
    const migrants = detail.assessment.contributions.find((c) => c.indicatorId === 'workforce.migrant-share');
    expect(migrants?.evidence).toContain('95');
  });
});

async function until(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      throw new Error('timed out waiting for the re-scoring to wait for the import');
    }
    await sleep(50);
  }
}
