import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import request from 'supertest';
import { binary } from '../support/binary.js';
import { freshTestDatabase, type TestDatabase } from '../support/test-database.js';

// Two real service processes on one PostgreSQL database. Work goes to both; the instance holding a job is
// killed with SIGKILL in the middle of it (no shutdown hook runs) and started again. Every import, the
// re-scoring and a portfolio report must still finish, and each exactly once in effect.

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const ADMIN = { email: 'admin@vigil.test', password: 'correct horse battery staple' };
const FILES = 4;
const ROWS = 12_000;
const STRIDE = 10_000; // consecutive files share 2,000 suppliers
// Short, so a job lost with its instance is handed over within seconds (the default is a minute). Jobs that run
// longer than this keep their claim through the queue's heartbeat.
const JOB_TIMEOUT_SECONDS = 4;
const WAIT_MS = 150_000;

const run = promisify(execFile);

interface Instance {
  name: string;
  port: number;
  process: ChildProcess;
  output: string[];
  url: string;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, limitMs = WAIT_MS): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`Gave up waiting for ${what}`);
    }
    await sleep(50);
  }
}

/** Supplier S-k is in file i when i * STRIDE <= k < i * STRIDE + ROWS; every 50th is in Bangladesh. */
function supplierCsv(file: number): Buffer {
  const lines = ['Vendor ID,Supplier name,Country,Sector,Total workers'];
  for (let k = file * STRIDE; k < file * STRIDE + ROWS; k++) {
    lines.push(
      `S-${k},Scale Supplier ${k},${k % 50 === 0 ? 'Bangladesh' : 'Viet Nam'},garments,${100 + (k % 900)}`,
    );
  }
  return Buffer.from(`${lines.join('\n')}\n`);
}

const EXPECTED_SUPPLIERS = (FILES - 1) * STRIDE + ROWS;

describe('two instances on one PostgreSQL database', () => {
  let buildDir: string;
  let rulesDir: string;
  let db: TestDatabase;
  let sql: pg.Client;
  let token: string;
  const instances = new Map<string, Instance>();

  async function start(name: string): Promise<Instance> {
    const port = await freePort();
    const output: string[] = [];
    const child = spawn(process.execPath, [join(buildDir, 'dist', 'main.js')], {
      cwd: REPO,
      env: {
        PATH: process.env.PATH,
        TZ: 'UTC',
        NODE_ENV: 'test',
        HOST: '127.0.0.1',
        PORT: String(port),
        DATABASE_URL: db.database.kind === 'postgres' ? db.database.url : '',
        DATA_DIR: join(buildDir, `data-${name}`),
        UPLOAD_TMP_DIR: join(buildDir, `uploads-${name}`),
        RULES_DIR: rulesDir,
        IMPORT_BACKGROUND_THRESHOLD_KB: '0',
        JOB_TIMEOUT_SECONDS: String(JOB_TIMEOUT_SECONDS),
        LOG_FORMAT: 'json',
        ADMIN_EMAIL: ADMIN.email,
        ADMIN_PASSWORD: ADMIN.password,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    const instance = { name, port, process: child, output, url: `http://127.0.0.1:${port}` };
    instances.set(name, instance);
    await until(`${name} to answer /health`, async () => {
      if (child.exitCode !== null) {
        throw new Error(`${name} exited with ${child.exitCode}:\n${output.join('')}`);
      }
      const ok = await request(instance.url)
        .get('/health')
        .then((r) => r.status === 200)
        .catch(() => false);
      return ok ? true : undefined;
    });
    return instance;
  }

  async function kill(instance: Instance): Promise<void> {
    const exited = new Promise((resolve) => instance.process.once('exit', resolve));
    instance.process.kill('SIGKILL');
    await exited;
    instances.delete(instance.name);
  }

  /** The instance whose log says it claimed the job (whose id the line names), once it has. */
  function holder(message: string, id: string): Instance | undefined {
    return [...instances.values()].find((i) =>
      i.output.some((chunk) => chunk.includes(message) && chunk.includes(id)),
    );
  }

  async function query<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
    return (await sql.query<T>(text, values)).rows;
  }

  beforeAll(async () => {
    // A build of our own, so the test does not race `npm run build`; dist/ resolves rules/, package.json
    // ("type": "module") and node_modules from its parent folder, which these links provide.
    buildDir = await mkdtemp(join(tmpdir(), 'vigil-scale-'));
    await run(join(REPO, 'node_modules', '.bin', 'tsc'), [
      '-p',
      join(REPO, 'tsconfig.build.json'),
      '--outDir',
      join(buildDir, 'dist'),
    ]);
    for (const entry of ['package.json', 'node_modules', 'rules']) {
      await symlink(join(REPO, entry), join(buildDir, entry));
    }
    rulesDir = join(buildDir, 'rules-active');
    await cp(join(REPO, 'rules'), rulesDir, { recursive: true });
    db = await freshTestDatabase();
    if (db.database.kind !== 'postgres') {
      throw new Error('expected a PostgreSQL test database');
    }
    sql = new pg.Client({ connectionString: db.database.url });
    // One after the other: the first applies the migrations and creates the admin.
    const a = await start('a');
    await start('b');
    await sql.connect();
    const login = await request(a.url).post('/auth/login').send(ADMIN).expect(200);
    token = (login.body as { token: string }).token;
  }, 120_000);

  afterAll(async () => {
    for (const instance of instances.values()) {
      instance.process.kill('SIGKILL');
    }
    await sql?.end().catch(() => undefined);
    await db?.drop();
    if (buildDir) {
      await rm(buildDir, { recursive: true, force: true });
    }
  });

  it('finishes every import exactly once when the instance running one is killed', async () => {
    const [a, b] = [instances.get('a'), instances.get('b')];
    if (!a || !b) {
      throw new Error('both instances should be running');
    }
    const uploads = await Promise.all(
      Array.from({ length: FILES }, (_, file) =>
        request(file % 2 === 0 ? a.url : b.url)
          .post('/imports')
          .set('Authorization', `Bearer ${token}`)
          .attach('file', supplierCsv(file), `suppliers-${file}.csv`),
      ),
    );
    expect(uploads.map((u) => u.status)).toEqual(Array(FILES).fill(202));
    const batchIds = uploads.map((u) => (u.body as { id: string }).id);

    // Kill whichever instance is reading an import, while that import is halfway.
    const { victim, batchId } = await until('an import in progress', async () => {
      for (const id of batchIds) {
        const owner = holder('Import job claimed', id);
        const [row] = await query<{ status: string; rows_read: number }>(
          'SELECT status, rows_read FROM import_batches WHERE id = $1',
          [id],
        );
        if (owner && row?.status === 'processing' && row.rows_read > 0) {
          return { victim: owner, batchId: id };
        }
      }
      return undefined;
    });
    await kill(victim);
    const [interrupted] = await query<{ status: string }>('SELECT status FROM import_batches WHERE id = $1', [
      batchId,
    ]);
    expect(interrupted?.status).toBe('processing');
    await start(victim.name);

    const batches = await until('every import to end', async () => {
      const rows = await query<{
        id: string;
        status: string;
        imported: number;
        updated: number;
        unchanged: number;
        failure: string | null;
      }>(
        `SELECT id, status, imported, updated, unchanged, failure_code || ': ' || failure_message AS failure
           FROM import_batches WHERE id = ANY($1::uuid[])`,
        [batchIds],
      );
      return rows.every((r) => r.status !== 'processing') ? rows : undefined;
    });
    // The failure, if any, is part of what is compared, so a red run says why.
    expect(batches.map((r) => [r.status, r.failure])).toEqual(Array(FILES).fill(['completed', null]));
    for (const batch of batches) {
      expect(batch.imported + batch.updated + batch.unchanged).toBe(ROWS);
    }
    // The killed import was finished by a second run, not applied twice.
    expect(holder('Import job claimed', batchId)).toBeDefined();
    const [suppliers] = await query<{ rows: number; refs: number }>(
      'SELECT count(*)::int AS rows, count(DISTINCT external_ref)::int AS refs FROM suppliers',
    );
    expect(suppliers).toEqual({ rows: EXPECTED_SUPPLIERS, refs: EXPECTED_SUPPLIERS });
    const perBatch = await query<{ batch: string; assessments: number; suppliers: number }>(
      `SELECT import_batch_id AS batch, count(*)::int AS assessments, count(DISTINCT supplier_id)::int AS suppliers
         FROM assessments WHERE trigger = 'import' GROUP BY import_batch_id`,
    );
    expect(perBatch.sort((x, y) => batchIds.indexOf(x.batch) - batchIds.indexOf(y.batch))).toEqual(
      batchIds.map((batch) => ({ batch, assessments: ROWS, suppliers: ROWS })),
    );
    const [rejected] = await query<{ n: number }>('SELECT count(*)::int AS n FROM import_rejected_rows');
    expect(rejected?.n).toBe(0);
    const [uploadsLeft] = await query<{ n: number }>('SELECT count(*)::int AS n FROM import_uploads');
    expect(uploadsLeft?.n).toBe(0);
  }, 300_000);

  it('resumes a re-scoring after its instance is killed, scoring every supplier once', async () => {
    const rulesetPath = join(rulesDir, 'ruleset.yaml');
    const yaml = await readFile(rulesetPath, 'utf8');
    await writeFile(rulesetPath, yaml.replace('medium: 20', 'medium: 19'));
    const entry = instances.get('b') ?? [...instances.values()][0];
    if (!entry) {
      throw new Error('no instance running');
    }
    const reload = await request(entry.url)
      .post('/rulesets/reload')
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    const jobId = (reload.body as { changed: boolean; job: { id: string } }).job.id;

    const victim = await until('the re-scoring to be under way', async () => {
      const owner = holder('Re-scoring job claimed', jobId);
      const [row] = await query<{ status: string; done: number }>(
        'SELECT status, done FROM rescore_jobs WHERE id = $1',
        [jobId],
      );
      return owner && row?.status === 'running' && row.done > 0 ? owner : undefined;
    });
    await kill(victim);
    const [cut] = await query<{ status: string; done: number; total: number }>(
      'SELECT status, done, total FROM rescore_jobs WHERE id = $1',
      [jobId],
    );
    expect(cut?.status).toBe('running');
    expect(cut?.done).toBeLessThan(EXPECTED_SUPPLIERS);
    await start(victim.name);

    // Any instance answers for the job: its state is in the database.
    const other = [...instances.values()].find((i) => i.name !== victim.name) ?? victim;
    const finished = await until('the re-scoring to end', async () => {
      const response = await request(other.url)
        .get(`/rulesets/rescore/${jobId}`)
        .set('Authorization', `Bearer ${token}`)
        .expect(200);
      const job = response.body as { status: string; done: number; total: number };
      return job.status === 'running' ? undefined : job;
    });
    expect(finished).toMatchObject({
      status: 'completed',
      done: EXPECTED_SUPPLIERS,
      total: EXPECTED_SUPPLIERS,
    });
    const [rescored] = await query<{ assessments: number; suppliers: number }>(
      `SELECT count(*)::int AS assessments, count(DISTINCT supplier_id)::int AS suppliers
         FROM assessments WHERE trigger = 'rescore'`,
    );
    expect(rescored).toEqual({ assessments: EXPECTED_SUPPLIERS, suppliers: EXPECTED_SUPPLIERS });
  }, 300_000);

  it('completes a portfolio report once when the instance generating it is killed', async () => {
    const entry = [...instances.values()][0];
    if (!entry) {
      throw new Error('no instance running');
    }
    const started = await request(entry.url)
      .post('/reports/portfolio?country=BD')
      .set('Authorization', `Bearer ${token}`)
      .expect(202);
    const reportId = (started.body as { id: string }).id;
    const victim = await until('the report job to be claimed', () =>
      Promise.resolve(holder('Portfolio report job claimed', reportId)),
    );
    await kill(victim);
    const [cut] = await query<{ status: string }>('SELECT status FROM reports WHERE id = $1', [reportId]);
    expect(cut?.status).toBe('processing');
    await start(victim.name);

    const report = await until('the report to end', async () => {
      const [row] = await query<{ status: string; sha256: string | null }>(
        'SELECT status, sha256 FROM reports WHERE id = $1',
        [reportId],
      );
      return row && row.status !== 'processing' ? row : undefined;
    });
    expect(report.status).toBe('completed');
    const [generated] = await query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'report.generated' AND target_id = $1`,
      [reportId],
    );
    expect(generated?.n).toBe(1);
    const live = [...instances.values()][0];
    if (!live) {
      throw new Error('no instance running');
    }
    const download = await request(live.url)
      .get(`/reports/${reportId}`)
      .set('Authorization', `Bearer ${token}`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(
      createHash('sha256')
        .update(download.body as Buffer)
        .digest('hex'),
    ).toBe(report.sha256);
  }, 300_000);
});
