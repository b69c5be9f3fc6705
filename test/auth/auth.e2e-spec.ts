import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startTestApp, TEST_ADMIN, type TestApp } from '../support/test-app.js';

function cookiesOf(response: request.Response): Record<string, string> {
  const raw = response.headers['set-cookie'] as unknown as string[] | undefined;
  return Object.fromEntries((raw ?? []).map((c) => c.split(';')[0]?.split('=') as [string, string]));
}

describe('sign-in, sessions, tokens and the audit trail', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp();
  });

  afterAll(async () => {
    await sut.close();
  });

  it('refuses a wrong password without saying whether the account exists', async () => {
    const wrong = await request(sut.http)
      .post('/auth/login')
      .send({ email: TEST_ADMIN.email, password: 'nope' })
      .expect(401);
    const unknown = await request(sut.http)
      .post('/auth/login')
      .send({ email: 'who@x.test', password: 'nope' })
      .expect(401);
    expect(wrong.body.message).toBe(unknown.body.message);
  });

  it('limits failed sign-ins per account', async () => {
    const email = 'target@vigil.test';
    await sut
      .as()
      .post('/users')
      .send({ email, role: 'procurement', password: 'a long enough password' })
      .expect(201);
    for (let i = 0; i < 5; i++) {
      await request(sut.http).post('/auth/login').send({ email, password: 'wrong' }).expect(401);
    }
    const blocked = await request(sut.http)
      .post('/auth/login')
      .send({ email, password: 'a long enough password' });
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('TOO_MANY_ATTEMPTS');
  });

  it('keeps the browser session in an httpOnly SameSite cookie and requires the CSRF header for changes', async () => {
    const login = await request(sut.http).post('/auth/login').send(TEST_ADMIN).expect(200);
    const setCookie = (login.headers['set-cookie'] as unknown as string[]).join('\n');
    expect(setCookie).toMatch(/vigil_session=[^;]+;.*HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    const cookies = cookiesOf(login);
    const cookieHeader = `vigil_session=${cookies.vigil_session}; vigil_csrf=${cookies.vigil_csrf}`;
    await request(sut.http).get('/auth/me').set('Cookie', cookieHeader).expect(200);
    const withoutCsrf = await request(sut.http)
      .post('/rulesets/reload')
      .set('Cookie', cookieHeader)
      .expect(403);
    expect(withoutCsrf.body.code).toBe('CSRF_TOKEN_MISSING');
    await request(sut.http)
      .post('/rulesets/reload')
      .set('Cookie', cookieHeader)
      .set('X-CSRF-Token', cookies.vigil_csrf ?? '')
      .expect(200);
    await request(sut.http)
      .post('/auth/logout')
      .set('Cookie', cookieHeader)
      .set('X-CSRF-Token', cookies.vigil_csrf ?? '')
      .expect(204);
    await request(sut.http).get('/auth/me').set('Cookie', cookieHeader).expect(401);
  });

  it('trades a one-time sign-in link for a browser session, once', async () => {
    const login = await request(sut.http).post('/auth/login').send(TEST_ADMIN).expect(200);
    const link = await request(sut.http).get(`/auth/link?token=${login.body.token}`).expect(303);
    expect(link.headers.location).toBe('/');
    const cookies = cookiesOf(link);
    await request(sut.http)
      .get('/auth/me')
      .set('Cookie', `vigil_session=${cookies.vigil_session}`)
      .expect(200);
    await request(sut.http).get(`/auth/link?token=${login.body.token}`).expect(401);
    await request(sut.http).get('/auth/link?token=vgs_forged').expect(401);
  });

  it('shows an API token once, stores only its hash, and stops accepting it when revoked', async () => {
    const created = await sut
      .as()
      .post('/auth/tokens')
      .send({ name: 'ERP nightly', role: 'compliance' })
      .expect(201);
    const token = created.body.token as string;
    expect(token).toMatch(/^vgt_/);
    const stored = await sut.dataSource.query('SELECT token_hash FROM api_tokens WHERE id = $1', [
      created.body.id,
    ]);
    expect(stored[0].token_hash).not.toContain(token);
    expect(JSON.stringify((await sut.as().get('/auth/tokens').expect(200)).body)).not.toContain(token);
    await request(sut.http).get('/auth/me').set('Authorization', `Bearer ${token}`).expect(200);
    await sut.as().delete(`/auth/tokens/${created.body.id}`).expect(200);
    await request(sut.http).get('/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
  });

  it('keeps one active admin, and revokes the API tokens of a user who is deactivated', async () => {
    const users = (await sut.as().get('/users').expect(200)).body as { id: string; email: string }[];
    const me = users.find((user) => user.email === TEST_ADMIN.email)!;
    for (const change of [{ active: false }, { role: 'compliance' }]) {
      const refused = await sut.as().patch(`/users/${me.id}`).send(change).expect(409);
      expect(refused.body).toMatchObject({
        code: 'LAST_ADMIN',
        message: expect.stringContaining('only active admin'),
      });
    }
    expect((await sut.as().get('/auth/me').expect(200)).body).toMatchObject({ role: 'admin' });

    // A second admin signs in and creates a token for an integration; deactivating them stops both.
    const second = { email: 'second.admin@example.com', password: 'another long passphrase' };
    const created = await sut
      .as()
      .post('/users')
      .send({ ...second, role: 'admin' })
      .expect(201);
    const login = await request(sut.http).post('/auth/login').send(second).expect(200);
    const session = login.body.token as string;
    const token = (
      await request(sut.http)
        .post('/auth/tokens')
        .set('Authorization', `Bearer ${session}`)
        .send({ name: 'ERP of the second admin', role: 'compliance' })
        .expect(201)
    ).body.token as string;
    await request(sut.http).get('/auth/me').set('Authorization', `Bearer ${token}`).expect(200);
    await sut.as().patch(`/users/${created.body.id}`).send({ active: false }).expect(200);
    await request(sut.http).get('/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
    await request(sut.http).get('/auth/me').set('Authorization', `Bearer ${session}`).expect(401);
    const tokens = (await sut.as().get('/auth/tokens').expect(200)).body as {
      name: string;
      revokedAt: unknown;
    }[];
    expect(tokens.find((t) => t.name === 'ERP of the second admin')?.revokedAt).toEqual(expect.any(String));
  });

  it('records who did what, and the database refuses to change or delete an audit event', async () => {
    const trail = await sut.as('auditor').get('/audit?action=auth.login').expect(200);
    expect(trail.body.items.length).toBeGreaterThan(0);
    expect(trail.body.items[0]).toMatchObject({ action: expect.stringMatching(/^auth\.login/) });
    await expect(sut.dataSource.query("UPDATE audit_events SET action = 'tampered'")).rejects.toThrow(
      /append-only/,
    );
    await expect(sut.dataSource.query('DELETE FROM audit_events')).rejects.toThrow(/append-only/);
    await expect(sut.dataSource.query('TRUNCATE audit_events')).rejects.toThrow(/append-only/);
    const csv = await sut.as('auditor').get('/audit/export.csv').expect(200);
    expect(csv.text.split('\r\n')[0]).toContain('occurredAt');
  });

  it('sends security headers and no stack traces', async () => {
    const response = await request(sut.http).get('/health').expect(200);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    const bad = await sut.as().get('/suppliers/not-a-uuid').expect(400);
    expect(JSON.stringify(bad.body)).not.toMatch(/at .*\.ts:\d+/);
  });
});
