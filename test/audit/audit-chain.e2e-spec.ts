import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import request from 'supertest';
import { AuditChainService } from '../../src/audit/audit-chain.service.js';
import { RefusedRequestAudit } from '../../src/audit/refused-requests.js';
import { startTestApp, TEST_ADMIN, type TestApp } from '../support/test-app.js';

// The audit trail's hash chain against real tampering: as the database owner (who can switch the append-only
// trigger off) a change is found by GET /audit/verify; as a role with only INSERT and SELECT, it is refused.

interface Verification {
  intact: boolean;
  verified: number;
  unsealed: number;
  head: { seq: string; hash: string } | null;
  firstBreak: { seq: string; reason: string } | null;
  anchor?: { seq: string; hash: string; matches: boolean };
}

describe('the audit trail hash chain', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp();
    for (let i = 0; i < 3; i++) {
      await request(sut.http).post('/auth/login').send(TEST_ADMIN).expect(200);
    }
  });

  afterAll(async () => {
    await sut.close();
  });

  async function verify(query = ''): Promise<Verification> {
    return (await sut.as('auditor').get(`/audit/verify${query}`).expect(200)).body as Verification;
  }

  it('seals every event and verifies an untouched trail', async () => {
    const result = await verify();

    expect(result).toMatchObject({ intact: true, unsealed: 0, firstBreak: null });
    const [{ n }] = await sut.dataSource.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM audit_events WHERE seq IS NOT NULL',
    );
    expect(result.verified).toBe(n);
    expect(result.head?.seq).toBe(String(n));
    // The verification is itself audited (and sealed by the next one).
    const again = await verify();
    expect(again.verified).toBe(n + 1);
  });

  it('checks a head kept outside the database against the chain', async () => {
    const kept = (await verify()).head;
    await request(sut.http).post('/auth/login').send(TEST_ADMIN).expect(200);

    const later = await verify(`?seq=${kept?.seq}&hash=${kept?.hash}`);
    const forged = await verify(`?seq=${kept?.seq}&hash=${'a'.repeat(64)}`);

    expect(later).toMatchObject({ intact: true, anchor: { matches: true } });
    expect(forged).toMatchObject({ intact: false, firstBreak: null, anchor: { matches: false } });
    const bad = await sut.as('auditor').get('/audit/verify?seq=12&hash=xyz').expect(400);
    expect(bad.body.details).toEqual(['hash must be the 64 hexadecimal characters of a chain hash']);
  });

  it('refuses, even to the owner, to change a sealed event or to seal one differently', async () => {
    await verify();
    await expect(
      sut.dataSource.query(`UPDATE audit_events SET hash = repeat('b', 64) WHERE seq = 1`),
    ).rejects.toThrow(/append-only/);
    await expect(
      sut.dataSource.query(`UPDATE audit_events SET seq = NULL, prev_hash = NULL, hash = NULL WHERE seq = 1`),
    ).rejects.toThrow(/append-only/);
    // An unsealed event may only be sealed, not changed while being sealed.
    await sut.dataSource.query(`INSERT INTO audit_events (action, summary) VALUES ('test.unsealed', '{}')`);
    await expect(
      sut.dataSource.query(
        `UPDATE audit_events SET seq = 999999, prev_hash = repeat('0', 64), hash = repeat('c', 64), action = 'test.changed'
          WHERE action = 'test.unsealed'`,
      ),
    ).rejects.toThrow(/append-only/);
    expect((await verify()).intact).toBe(true);
  });

  it('finds the event the owner changed with the trigger switched off, and the one removed', async () => {
    const before = await verify();
    await sut.dataSource.transaction(async (manager) => {
      await manager.query('SET LOCAL session_replication_role = replica');
      await manager.query(`UPDATE audit_events SET summary = '{"forged": true}' WHERE seq = 2`);
    });

    const changed = await verify();

    expect(before.intact).toBe(true);
    expect(changed).toMatchObject({
      intact: false,
      verified: 1,
      firstBreak: { seq: '2', reason: 'content-hash' },
    });

    await sut.dataSource.transaction(async (manager) => {
      await manager.query('SET LOCAL session_replication_role = replica');
      await manager.query('DELETE FROM audit_events WHERE seq = 1');
    });
    expect((await verify()).firstBreak).toMatchObject({ seq: '2', reason: 'missing' });
  });

  it('seals events committed by another instance, one sealer at a time', async () => {
    const other = new AuditChainService(sut.dataSource, sut.config);
    await sut.app.get(AuditChainService).seal();
    await sut.dataSource.query(
      `INSERT INTO audit_events (action, summary) SELECT 'test.bulk', jsonb_build_object('n', n) FROM generate_series(1, 4500) AS n`,
    );

    const [mine, theirs] = await Promise.all([sut.app.get(AuditChainService).seal(), other.seal()]);

    expect(mine + theirs).toBe(4500);
    const [{ unsealed, seqs, span }] = await sut.dataSource.query<
      { unsealed: number; seqs: number; span: number }[]
    >(
      `SELECT count(*) FILTER (WHERE seq IS NULL)::int AS unsealed, count(DISTINCT seq)::int AS seqs,
              (max(seq) - min(seq) + 1)::int AS span
         FROM audit_events WHERE action = 'test.bulk'`,
    );
    expect({ unsealed, seqs, span }).toEqual({ unsealed: 0, seqs: 4500, span: 4500 });
  });
});

describe('the audit trail as csv', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp();
  });

  afterAll(async () => {
    await sut.close();
  });

  it('streams every event the filter selects, across pages, newest first, each once', async () => {
    await sut.dataSource.query(
      `INSERT INTO audit_events (action, target_id, summary, occurred_at)
       SELECT 'test.export', 'n' || n, '{}', timestamp '2026-12-01 10:00' + n * interval '1 microsecond'
         FROM generate_series(1, 4500) AS n`,
    );

    const csv = await sut.as('auditor').get('/audit/export.csv?action=test.export').expect(200);

    const lines = csv.text.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^\uFEFF"occurredAt","actor"/);
    const rows = lines.slice(1).map((line) => line.slice(1, -1).split('","'));
    const targets = rows.map((cells) => cells[5]);
    expect(targets).toHaveLength(4500);
    expect(new Set(targets).size).toBe(4500);
    // Newest first to the millisecond (events a microsecond apart share one; the download keys its pages on it).
    const times = rows.map((cells) => cells[0] ?? '');
    expect(times).toEqual([...times].sort().reverse());
  });
});

describe('refused requests in the audit trail', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp();
  });

  afterAll(async () => {
    await sut.close();
  });

  it('writes a flood of refusals as one counted event per caller, route and reason', async () => {
    for (let i = 0; i < 25; i++) {
      await request(sut.http).get('/suppliers').set('X-Forwarded-For', '203.0.113.50').expect(401);
    }
    await sut.as('procurement').post('/rulesets/reload').expect(403);
    await sut.as('procurement').post('/rulesets/reload').expect(403);

    await sut.app.get(RefusedRequestAudit).flush();

    const events = await sut.dataSource.query<
      {
        actor: string;
        target_id: string;
        source_ip: string | null;
        summary: { status: number; count: number };
      }[]
    >(
      `SELECT actor, target_id, source_ip, summary FROM audit_events WHERE action = 'request.refused' ORDER BY target_id`,
    );
    expect(events).toEqual([
      expect.objectContaining({
        actor: 'anonymous',
        target_id: 'GET /suppliers',
        source_ip: '203.0.113.50',
        summary: expect.objectContaining({ status: 401, code: 'NOT_SIGNED_IN', count: 25 }),
      }),
      expect.objectContaining({
        actor: 'token:test procurement',
        target_id: 'POST /rulesets/reload',
        summary: expect.objectContaining({ status: 403, count: 2 }),
      }),
    ]);
  });
});

describe('the audit trail of a service that runs as a role not owning it (DATABASE_MIGRATION_URL)', () => {
  let sut: TestApp;
  let admin: pg.Client;
  let client: pg.Client;
  const role = `vigil_app_${randomBytes(4).toString('hex')}`;
  const password = randomBytes(12).toString('hex');

  beforeAll(async () => {
    // A superuser ignores grants: the service's role is an ordinary login role, made here.
    admin = new pg.Client({ connectionString: process.env.VIGIL_TEST_ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD '${password}'`);
    sut = await startTestApp({}, { runAs: { role, password } });
    await request(sut.http).post('/auth/login').send(TEST_ADMIN).expect(200);
    client = new pg.Client({ connectionString: (sut.dataSource.options as { url: string }).url });
    await client.connect();
  });

  afterAll(async () => {
    await client?.end();
    await sut?.close();
    await admin.query(`DROP ROLE IF EXISTS ${role}`);
    await admin.end();
  });

  it('works as that role, and says on /health that the trail is protected', async () => {
    const [{ user }] = await sut.dataSource.query<{ user: string }[]>('SELECT current_user AS user');
    expect(user).toBe(role);
    const csv = 'Vendor No.,Supplier name,Country,Sector\nR1,Role Test Textiles,Viet Nam,garments\n';
    await sut.as().post('/imports').attach('file', Buffer.from(csv), 'role.csv').expect(201);

    expect((await request(sut.http).get('/health').expect(200)).body).toMatchObject({
      auditTrail: 'separate-owner',
    });
    const verified = (await sut.as('auditor').get('/audit/verify').expect(200)).body as Verification;
    expect(verified).toMatchObject({ intact: true, unsealed: 0 });
    expect(verified.verified).toBeGreaterThan(3);
  });

  it('refuses that role every way of rewriting the trail, and lets it append', async () => {
    await client.query(`INSERT INTO audit_events (action, summary) VALUES ('test.appended', '{}')`);
    const attempts = [
      `UPDATE audit_events SET summary = '{"forged": true}' WHERE seq = 1`,
      'DELETE FROM audit_events WHERE seq = 1',
      'TRUNCATE audit_events',
      'SET session_replication_role = replica',
      'ALTER TABLE audit_events DISABLE TRIGGER ALL',
      'DROP TRIGGER audit_events_no_update_delete ON audit_events',
      `CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$`,
      `UPDATE audit_events SET hash = repeat('d', 64) WHERE seq = 1`,
      'DROP TABLE audit_events',
    ];
    const outcomes: string[] = [];
    for (const sql of attempts) {
      const refused = await client.query(sql).then(
        () => false,
        () => true,
      );
      outcomes.push(refused ? 'refused' : `allowed: ${sql}`);
    }

    expect(outcomes).toEqual(attempts.map(() => 'refused'));
    const result = (await sut.as('auditor').get('/audit/verify').expect(200)).body as Verification;
    expect(result).toMatchObject({ intact: true, unsealed: 0 });
  });
});
