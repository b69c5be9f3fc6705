import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import request from 'supertest';
import type { App } from 'supertest/types.js';
import type { DataSource } from 'typeorm';
import { createApp } from '../../src/bootstrap.js';
import { loadConfig, type AppConfig } from '../../src/config/app-config.js';
import { EmbeddedDataSource, createDataSource } from '../../src/database/data-source.js';
import { EmbeddedPostgres, EmbeddedPostgresError } from '../../src/database/embedded-postgres.js';

// The service's default database: a PostgreSQL server it runs itself on DATA_DIR/postgres. Each test here starts
// the whole app (or the server) on a folder of its own, as `npm start` does, whatever server the rest of the run
// uses.

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

function configFor(dataDir: string): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    ADMIN_EMAIL: 'admin@example.test',
    ADMIN_PASSWORD: 'correct horse battery staple',
  });
}

async function serverOf(app: INestApplication): Promise<EmbeddedPostgres> {
  const dataSource = app.get<DataSource>(getDataSourceToken());
  if (!(dataSource instanceof EmbeddedDataSource)) {
    throw new Error('expected the embedded data source');
  }
  return Promise.resolve(dataSource.server);
}

async function supplierCount(app: INestApplication): Promise<number> {
  const rows = await app
    .get<DataSource>(getDataSourceToken())
    .query<{ n: number }[]>('SELECT count(*)::int AS n FROM suppliers');
  return rows[0].n;
}

/** A statement as the tables' owner (the embedded server's superuser), as an operator's one-off command runs. */
async function asOwner(server: EmbeddedPostgres, sql: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: server.ownerUrl });
  await client.connect();
  try {
    return (await client.query(sql)).rows as unknown[];
  } finally {
    await client.end();
  }
}

async function countOf(dataSource: DataSource, table: string): Promise<number> {
  const rows = await dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${table}`);
  return rows[0].n;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('embedded PostgreSQL (the default database)', () => {
  let root: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'vigil-embedded-'));
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('is created on first start, keeps its data across a restart and stops with the app', async () => {
    const dataDir = join(root, 'restart');
    const config = configFor(dataDir);
    const first = await createApp(config);
    await first.init();
    const health = await request(first.getHttpServer() as App)
      .get('/health')
      .expect(200);
    expect(health.body).toMatchObject({ status: 'ok', database: { kind: 'embedded', reachable: true } });
    const server = await serverOf(first);
    const pid = server.pid ?? 0;
    expect(pid).toBeGreaterThan(0);
    await asOwner(
      server,
      `CREATE TABLE restart_probe (note text); INSERT INTO restart_probe VALUES ('kept')`,
    );
    // Reachable only through the socket in its own folder: nothing listens on TCP.
    const settings = await first
      .get<DataSource>(getDataSourceToken())
      .query<{ listen: string }[]>(`SELECT current_setting('listen_addresses') AS listen`);
    expect(settings[0].listen).toBe('');
    await first.close();
    expect(isRunning(pid)).toBe(false);
    expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);

    const second = await createApp(config);
    await second.init();
    const kept = await asOwner(await serverOf(second), 'SELECT note FROM restart_probe');
    expect(kept).toEqual([{ note: 'kept' }]);
    await second.close();
  });

  it('runs the service as a role that owns no table, so the audit trail cannot be rewritten by the service', async () => {
    const app = await createApp(configFor(join(root, 'roles')));
    await app.init();
    try {
      const health = await request(app.getHttpServer() as App)
        .get('/health')
        .expect(200);
      expect(health.body).toMatchObject({ auditTrail: 'separate-owner' });
      const dataSource = app.get<DataSource>(getDataSourceToken());
      const [who] = await dataSource.query<{ role: string; superuser: boolean }[]>(
        `SELECT current_user AS role, rolsuper AS superuser FROM pg_roles WHERE rolname = current_user`,
      );
      expect(who).toEqual({ role: 'vigil_service', superuser: false });
      const [owners] = await dataSource.query<{ owners: string[] }[]>(
        `SELECT array_agg(DISTINCT tableowner::text) AS owners FROM pg_tables WHERE schemaname = 'public'`,
      );
      expect(owners.owners).toEqual(['vigil']);
      expect(await countOf(dataSource, 'audit_events')).toBeGreaterThan(0);
      for (const attempt of [
        `UPDATE audit_events SET action = 'forged'`,
        `DELETE FROM audit_events`,
        `TRUNCATE audit_events`,
        `ALTER TABLE audit_events DISABLE TRIGGER USER`,
        `SET session_replication_role = replica`,
        `DROP TABLE audit_events`,
        `CREATE TABLE public.forged (note text)`,
      ]) {
        await expect(dataSource.query(attempt)).rejects.toThrow(/permission denied|must be owner/);
      }
      // It still works: reads, writes data, appends to the trail.
      await request(app.getHttpServer() as App)
        .post('/auth/login')
        .send({ email: 'admin@example.test', password: 'correct horse battery staple' })
        .expect(200);
      expect(await supplierCount(app)).toBe(0);
    } finally {
      await app.close();
    }
  });

  it('hands the job queue over to the service role in a folder made while the service was its owner', async () => {
    const config = configFor(join(root, 'handover'));
    const first = await createApp(config);
    await first.init();
    const server = await serverOf(first);
    // As an earlier version left it: the queue's schema and tables owned by the owner.
    await asOwner(
      server,
      `DO $$ DECLARE t record; BEGIN
         ALTER SCHEMA pgboss OWNER TO vigil;
         FOR t IN SELECT c.oid::regclass AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                   WHERE n.nspname = 'pgboss' AND c.relkind IN ('r', 'p') LOOP
           EXECUTE format('ALTER TABLE %s OWNER TO vigil', t.name);
         END LOOP;
       END $$`,
    );
    await first.close();
    const second = await createApp(config);
    await second.init();
    try {
      const owners = await asOwner(
        await serverOf(second),
        `SELECT DISTINCT pg_get_userbyid(c.relowner) AS owner FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = 'pgboss' AND c.relkind IN ('r', 'p')
         UNION SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = 'pgboss'`,
      );
      expect(owners).toEqual([{ owner: 'vigil_service' }]);
    } finally {
      await second.close();
    }
  });

  it('refuses a second service on the same data folder and leaves the first one working', async () => {
    const config = configFor(join(root, 'busy'));
    const first = await createApp(config);
    await first.init();
    try {
      await expect(createApp(config)).rejects.toMatchObject({
        code: 'EMBEDDED_DB_BUSY',
        message: expect.stringContaining(`process ${process.pid}`) as unknown,
      });
      expect(await supplierCount(first)).toBe(0);
    } finally {
      await first.close();
    }
  });

  it('lets exactly one of two services started together on a new folder initialise it and run', async () => {
    const dir = join(root, 'race', 'postgres');
    const startProcess = (): Promise<{ started?: boolean; answered?: number; code?: string }> =>
      new Promise((resolve, reject) => {
        const child = spawn(
          process.execPath,
          ['--import', './scripts/ts-loader.js', 'test/support/embedded-start-process.ts', dir, '3000'],
          { cwd: PROJECT_ROOT, env: { ...process.env, NODE_OPTIONS: '' }, stdio: ['ignore', 'pipe', 'pipe'] },
        );
        let out = '';
        let err = '';
        child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
        child.on('error', reject);
        child.on('exit', (code) =>
          code === 0 ? resolve(JSON.parse(out.trim())) : reject(new Error(`exit ${code}: ${err}`)),
        );
      });

    const outcomes = await Promise.all([startProcess(), startProcess()]);

    expect(outcomes.filter((o) => o.started)).toEqual([{ started: true, answered: 42 }]);
    expect(outcomes.filter((o) => !o.started)).toEqual([
      expect.objectContaining({ code: 'EMBEDDED_DB_BUSY' }),
    ]);
    // The folder the winner made is whole: it starts again and answers.
    const again = await EmbeddedPostgres.start({ dir });
    try {
      const client = new pg.Client({ connectionString: again.url });
      await client.connect();
      const { rows } = await client.query<{ n: number }>('SELECT 1 AS n');
      await client.end();
      expect(rows).toEqual([{ n: 1 }]);
    } finally {
      await again.stop();
    }
  }, 120_000);

  it('starts its server again when the server process is killed under it', async () => {
    const first = await createApp(configFor(join(root, 'killed')));
    await first.init();
    try {
      const server = await serverOf(first);
      const pid = server.pid ?? 0;
      process.kill(pid, 'SIGKILL');
      // Connections open at the kill may still answer for a moment: wait for the new server, then use it.
      const deadline = Date.now() + 60_000;
      while ((server.pid === undefined || server.pid === pid) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(server.pid).toBeGreaterThan(0);
      expect(server.pid).not.toBe(pid);
      let count: number | undefined;
      while (count === undefined && Date.now() < deadline) {
        count = await supplierCount(first).catch(() => undefined);
      }
      expect(count).toBe(0);
    } finally {
      await first.close();
    }
  });

  it('takes over from a service that died without stopping its server', async () => {
    const dir = join(root, 'orphan', 'postgres');
    // Another service: a module instance of its own, as in another process.
    let orphaned: EmbeddedPostgres | undefined;
    await jest.isolateModulesAsync(async () => {
      const other = await import('../../src/database/embedded-postgres.js');
      orphaned = await other.EmbeddedPostgres.start({ dir });
    });
    const orphanPid = orphaned?.pid ?? 0;
    // Its service is gone: nothing is left to start the server again once it is stopped (a private flag, set here
    // in place of killing a process of its own).
    Object.assign(orphaned ?? {}, { stopping: true });
    // The service that started it is gone: its lock names a process that has exited.
    const gone = spawnSync(process.execPath, [
      '-e',
      'process.stdout.write(String(process.pid))',
    ]).stdout.toString();
    await writeFile(`${dir}.vigil-service.pid`, gone);
    const next = await EmbeddedPostgres.start({ dir });
    try {
      expect(isRunning(orphanPid)).toBe(false);
      expect(next.pid).toBeGreaterThan(0);
      expect((await readFile(`${dir}.vigil-service.pid`, 'utf8')).trim()).toBe(String(process.pid));
    } finally {
      await next.stop();
    }
  });

  it('refuses a data folder holding the earlier PGlite database, names the command and changes nothing', async () => {
    const dataDir = join(root, 'legacy');
    const legacy = join(dataDir, 'pgdata');
    await mkdir(legacy, { recursive: true });
    await writeFile(join(legacy, 'PG_VERSION'), '17\n');
    const error = await createDataSource(configFor(dataDir).database).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmbeddedPostgresError);
    expect(error).toMatchObject({ code: 'EMBEDDED_DB_LEGACY_DATA' });
    expect((error as Error).message).toContain('npm run db:migrate-embedded');
    expect(await readdir(dataDir)).toEqual(['pgdata']);
    expect(await readdir(legacy)).toEqual(['PG_VERSION']);
  });
});
