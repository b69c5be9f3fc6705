import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { JOB_QUEUE, type JobQueue } from '../../src/jobs/job-queue.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// A job may run a second time: after the instance that held it died, or when a lost instance's run overlaps
// with the one that took over. These scenarios send a job again on one instance (PostgreSQL or embedded) and
// check that the second run adds nothing and a resumed one continues where the first stopped.

const SUPPLIERS = 2_500;

function supplierCsv(): Buffer {
  const lines = ['Vendor ID,Supplier name,Country,Sector'];
  for (let i = 0; i < SUPPLIERS; i++) {
    lines.push(`R-${i},Rerun Supplier ${i},${i % 2 ? 'Viet Nam' : 'Ghana'},${i % 2 ? 'garments' : 'cocoa'}`);
  }
  return Buffer.from(`${lines.join('\n')}\n`);
}

async function count(sut: TestApp, sql: string, values: unknown[] = []): Promise<number> {
  const [row] = await sut.dataSource.query<{ n: number }[]>(sql, values);
  return row?.n ?? -1;
}

describe('background jobs run again', () => {
  let sut: TestApp;
  let queue: JobQueue;
  let batchId: string;

  beforeAll(async () => {
    sut = await startTestApp({ IMPORT_BACKGROUND_THRESHOLD_KB: '0' });
    queue = sut.app.get<JobQueue>(JOB_QUEUE);
    const accepted = await sut.as().post('/imports').attach('file', supplierCsv(), 'rerun.csv').expect(202);
    batchId = (accepted.body as { id: string }).id;
    await queue.idle();
  });

  afterAll(async () => {
    await sut.close();
  });

  it('leaves a completed import alone when its job runs again', async () => {
    const before = (await sut.as().get(`/imports/${batchId}`).expect(200)).body as unknown;
    expect(before).toMatchObject({ status: 'completed', counts: { imported: SUPPLIERS } });

    await queue.send('import', { batchId, originalName: 'rerun.csv' });
    await queue.idle();

    expect((await sut.as().get(`/imports/${batchId}`).expect(200)).body).toEqual(before);
    expect(
      await count(sut, 'SELECT count(*)::int AS n FROM assessments WHERE import_batch_id = $1', [batchId]),
    ).toBe(SUPPLIERS);
    expect(await count(sut, 'SELECT count(*)::int AS n FROM suppliers')).toBe(SUPPLIERS);
    expect(await count(sut, 'SELECT count(*)::int AS n FROM import_uploads')).toBe(0);
  });

  it('resumes a re-scoring after its bookmark, scoring only the suppliers not yet done', async () => {
    const ids = await sut.dataSource.query<{ id: string }[]>('SELECT id FROM suppliers ORDER BY id');
    const bookmark = ids[999]?.id;
    const hash = ((await sut.as().get('/rulesets/active').expect(200)).body as { hash: string }).hash;
    // As a crashed run leaves it: the first 1,000 suppliers committed, the job still "running".
    const [job] = await sut.dataSource.query<{ id: string }[]>(
      `INSERT INTO rescore_jobs (status, rule_set_hash, assessment_date, total, done, last_supplier_id)
       VALUES ('running', $1, '2026-01-15', $2, 1000, $3) RETURNING id`,
      [hash, SUPPLIERS, bookmark],
    );
    const jobId = job?.id ?? '';

    await queue.send('rescore', { jobId });
    await queue.idle();

    const status = (await sut.as('auditor').get(`/rulesets/rescore/${jobId}`).expect(200)).body as unknown;
    expect(status).toMatchObject({ status: 'completed', done: SUPPLIERS, total: SUPPLIERS });
    expect(
      await count(
        sut,
        `SELECT count(*)::int AS n FROM assessments WHERE trigger = 'rescore' AND supplier_id <= $1`,
        [bookmark],
      ),
    ).toBe(0);
    expect(
      await count(
        sut,
        `SELECT count(DISTINCT supplier_id)::int AS n FROM assessments
          WHERE trigger = 'rescore' AND supplier_id > $1 AND assessment_date = '2026-01-15'`,
        [bookmark],
      ),
    ).toBe(SUPPLIERS - 1000);
    expect(await count(sut, `SELECT count(*)::int AS n FROM assessments WHERE trigger = 'rescore'`)).toBe(
      SUPPLIERS - 1000,
    );

    // And once completed, a further run adds nothing.
    await queue.send('rescore', { jobId });
    await queue.idle();
    expect(await count(sut, `SELECT count(*)::int AS n FROM assessments WHERE trigger = 'rescore'`)).toBe(
      SUPPLIERS - 1000,
    );
  });

  it('completes a portfolio report once when its job runs again', async () => {
    const started = await sut.as().post('/reports/portfolio?country=GH').expect(202);
    const reportId = (started.body as { id: string }).id;
    await queue.idle();
    const first = (await sut.as().get(`/reports/${reportId}/status`).expect(200)).body as unknown;
    expect(first).toMatchObject({ status: 'completed' });

    await queue.send('portfolio-report', { reportId });
    await queue.idle();

    expect((await sut.as().get(`/reports/${reportId}/status`).expect(200)).body).toEqual(first);
    expect(
      await count(
        sut,
        `SELECT count(*)::int AS n FROM audit_events WHERE action = 'report.generated' AND target_id = $1`,
        [reportId],
      ),
    ).toBe(1);
  });

  it('runs an import again from its kept upload when the database connection drops mid-apply', async () => {
    const rows = 20_000;
    const lines = ['Vendor ID,Supplier name,Country,Sector'];
    for (let i = 0; i < rows; i++) {
      lines.push(`D-${i},Dropped Connection Supplier ${i},India,garments`);
    }
    const accepted = await sut
      .as()
      .post('/imports')
      .attach('file', Buffer.from(`${lines.join('\n')}\n`), 'dropped.csv')
      .expect(202);
    const dropped = (accepted.body as { id: string }).id;

    // The apply writes with COPY inside its transaction: end that session from the server side, as a failover
    // or a restarted database would.
    let terminated = 0;
    for (let tries = 0; tries < 4_000 && terminated === 0; tries++) {
      const [row] = await sut.dataSource.query<{ n: number }[]>(
        `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid() AND query ILIKE 'COPY %'`,
      );
      terminated = row?.n ?? 0;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    expect(terminated).toBeGreaterThan(0);
    await queue.idle();

    const batch = (await sut.as().get(`/imports/${dropped}`).expect(200)).body as unknown;
    expect(batch).toMatchObject({ status: 'completed', counts: { imported: rows } });
    expect(
      await count(sut, 'SELECT count(*)::int AS n FROM assessments WHERE import_batch_id = $1', [dropped]),
    ).toBe(rows);
    expect(
      await count(
        sut,
        `SELECT count(*)::int AS n FROM suppliers WHERE name LIKE 'Dropped Connection Supplier %'`,
      ),
    ).toBe(rows);
    expect(await count(sut, 'SELECT count(*)::int AS n FROM import_uploads')).toBe(0);
  });
});
