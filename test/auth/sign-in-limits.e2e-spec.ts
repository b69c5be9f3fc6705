import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { resetPassword } from '../../src/auth/reset-password.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// Sign-in limits as a caller meets them. The test client is on loopback, which TRUST_PROXY trusts by default, so
// X-Forwarded-For stands for the caller's address.

const PASSWORD = 'the right password, long enough';

describe('sign-in limits', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp();
  });

  afterAll(async () => {
    await sut.close();
  });

  async function newUser(email: string): Promise<string> {
    const created = await sut
      .as()
      .post('/users')
      .send({ email, role: 'procurement', password: PASSWORD })
      .expect(201);
    return (created.body as { id: string }).id;
  }

  function signIn(email: string, password: string, address: string) {
    return request(sut.http).post('/auth/login').set('X-Forwarded-For', address).send({ email, password });
  }

  async function auditCount(action: string, targetId: string): Promise<number> {
    const [row] = await sut.dataSource.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM audit_events WHERE action = $1 AND target_id = $2',
      [action, targetId],
    );
    return row?.n ?? -1;
  }

  it('checks only five of 30 concurrent guesses from one address, the right password among them', async () => {
    const email = 'race@vigil.test';
    await newUser(email);
    const attempts = Array.from({ length: 30 }, (_, i) => (i === 17 ? PASSWORD : `wrong guess ${i}`));

    const responses = await Promise.all(attempts.map((password) => signIn(email, password, '203.0.113.7')));

    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 401 || status === 200)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(25);
    const refused = responses.find((response) => response.status === 429);
    expect(refused?.body).toMatchObject({
      code: 'TOO_MANY_ATTEMPTS',
      details: { scope: 'account-from-address' },
    });
    expect(Number(refused?.headers['retry-after'])).toBeGreaterThan(800);
    // Refused guesses were not checked, and were not audited as failures.
    const failures = statuses.filter((status) => status === 401).length;
    expect(await auditCount('auth.login.failed', email)).toBe(failures);
  });

  it('keeps an account open from other addresses while one address is locked out of it', async () => {
    const email = 'victim@vigil.test';
    await newUser(email);
    for (let i = 0; i < 5; i++) {
      await signIn(email, 'wrong', '198.51.100.1').expect(401);
    }
    await signIn(email, PASSWORD, '198.51.100.1').expect(429);

    await signIn(email, PASSWORD, '198.51.100.2').expect(200);
    expect(await auditCount('auth.login.locked', email)).toBe(1);
  });

  it('locks an address that sprays guesses across accounts, without auditing guesses at unknown emails', async () => {
    const sprayer = '192.0.2.99';
    for (let i = 0; i < 20; i++) {
      await signIn(`nobody-${i}@vigil.test`, 'wrong', sprayer).expect(401);
    }
    const locked = await signIn('victim@vigil.test', PASSWORD, sprayer).expect(429);

    expect(locked.body.details).toMatchObject({ scope: 'address' });
    expect(locked.body.message).toMatch(/from your network address/);
    await signIn('victim@vigil.test', PASSWORD, '192.0.2.100').expect(200);
    const [unknown] = await sut.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'auth.login.failed' AND target_id LIKE 'nobody-%'`,
    );
    expect(unknown?.n).toBe(0);
    expect(await auditCount('auth.login.locked', sprayer)).toBe(1);
  });

  it('locks an account guessed at from many addresses for everyone, until the password is reset from the shell', async () => {
    const email = 'admin-under-attack@vigil.test';
    await sut.as().post('/users').send({ email, role: 'admin', password: PASSWORD }).expect(201);
    for (let i = 0; i < 50; i++) {
      await signIn(email, `guess ${i}`, `10.1.${Math.floor(i / 4)}.${i}`).expect(401);
    }
    const locked = await signIn(email, PASSWORD, '10.9.9.9').expect(429);
    expect(locked.body.details).toMatchObject({ scope: 'account' });
    expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(300);
    const session = (await signIn('victim@vigil.test', PASSWORD, '10.9.9.8').expect(200)).body as {
      token: string;
    };

    const reset = await resetPassword(sut.dataSource, ' Admin-Under-Attack@vigil.test ');

    expect(reset).toMatchObject({ email, generated: true });
    expect(reset.password.length).toBeGreaterThanOrEqual(20);
    await signIn(email, PASSWORD, '10.9.9.9').expect(401);
    await signIn(email, reset.password, '10.9.9.9').expect(200);
    expect(await auditCount('user.password.reset', email)).toBe(1);
    // Another user's session is untouched.
    await request(sut.http).get('/auth/me').set('Authorization', `Bearer ${session.token}`).expect(200);
  });

  it('ends the sessions of the user whose password is reset, and re-activates them', async () => {
    const email = 'reset-me@vigil.test';
    const id = await newUser(email);
    const { token } = (await signIn(email, PASSWORD, '10.8.0.1').expect(200)).body as { token: string };
    await sut.as().patch(`/users/${id}`).send({ active: false }).expect(200);

    await resetPassword(sut.dataSource, email, 'a chosen new password');

    await request(sut.http).get('/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
    await signIn(email, 'a chosen new password', '10.8.0.1').expect(200);
  });

  it('refuses a reset for an unknown user or a short password, changing nothing', async () => {
    await expect(resetPassword(sut.dataSource, 'ghost@vigil.test')).rejects.toThrow(
      'No user has the email ghost@vigil.test; nothing was changed.',
    );
    await expect(resetPassword(sut.dataSource, 'reset-me@vigil.test', 'short')).rejects.toThrow(
      'at least 12 characters',
    );
    await signIn('reset-me@vigil.test', 'a chosen new password', '10.8.0.2').expect(200);
  });
});
