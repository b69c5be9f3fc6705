import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { MAX_JSON_DEPTH } from '../src/common/http/request-shape.js';
import { startTestApp, TEST_ADMIN, type TestApp } from './support/test-app.js';

// Bad requests, as careless clients and probes send them, get a 400 that says what is wrong: never a 500, and
// nothing written.

/** A YAML file whose aliases double nine times: a billion-laughs bomb in small. */
function aliasBomb(): string {
  const lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
  for (let i = 1; i <= 9; i++) {
    const previous = `*a${i - 1}`;
    lines.push(`a${i}: &a${i} [${Array.from({ length: 10 }, () => previous).join(', ')}]`);
  }
  return lines.join('\n');
}

describe('bad requests', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp();
  });

  afterAll(async () => {
    await sut.close();
  });

  it('refuses a NUL character in a search or an audit filter', async () => {
    const search = await sut.as().get('/suppliers?q=Saigon%00Footwear').expect(400);
    expect(search.body).toMatchObject({
      code: 'NUL_CHARACTER',
      message: expect.stringContaining('NUL character'),
    });
    const audit = await sut.as('auditor').get('/audit?actor=admin%00@vigil.test').expect(400);
    expect(audit.body.code).toBe('NUL_CHARACTER');
    const path = await sut.as().get('/suppliers/abc%00def').expect(400);
    expect(path.body.code).toBe('NUL_CHARACTER');
  });

  it('refuses an audit page beyond any count with a message naming the parameter', async () => {
    const response = await sut.as('auditor').get('/audit?offset=100000000000000000000').expect(400);
    expect(response.body.message).toContain('offset must be at most');
  });

  it('refuses JSON nested deeper than any request, and a NUL character in a JSON field, on sign-in', async () => {
    const deep = `${'['.repeat(2_000)}${']'.repeat(2_000)}`;
    const nested = await request(sut.http)
      .post('/auth/login')
      .set('Content-Type', 'application/json')
      .send(`{"email":"admin@vigil.test","password":${deep}}`)
      .expect(400);
    expect(nested.body).toMatchObject({
      code: 'REQUEST_TOO_DEEP',
      message: expect.stringContaining(`${MAX_JSON_DEPTH} levels`),
    });
    const nul = await request(sut.http)
      .post('/auth/login')
      .send({ email: 'admin\u0000@vigil.test', password: TEST_ADMIN.password })
      .expect(400);
    expect(nul.body).toMatchObject({ code: 'NUL_CHARACTER', message: expect.stringContaining('"email"') });
    // The refusals are not failed sign-ins: the account signs in.
    await request(sut.http).post('/auth/login').send(TEST_ADMIN).expect(200);
  });

  it('answers a YAML alias bomb in a draft rule set with the file and what to do', async () => {
    const ruleset = readFileSync(join('rules', 'ruleset.yaml'), 'utf8');
    const response = await sut
      .as()
      .post('/rulesets/validate')
      .send({
        files: [
          { path: 'ruleset.yaml', content: `${ruleset}\nlaughs:\n  ${aliasBomb().replace(/\n/g, '\n  ')}\n` },
        ],
      })
      .expect(400);
    expect(response.body.code).toBe('RULESET_INVALID');
    expect(response.body.details.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: 'ruleset.yaml', message: expect.stringContaining('aliases') }),
      ]),
    );
  });

  it('keeps a column headed __proto__ as an extra attribute under a safe name', async () => {
    const csv = 'Supplier,Country,__proto__,constructor\nSaigon Footwear,Viet Nam,polluted,built\n';
    const response = await sut
      .as()
      .post('/imports')
      .field('list', 'Prototype probe')
      .attach('file', Buffer.from(csv), 'probe.csv')
      .expect(201);
    expect(response.body.counts).toMatchObject({ imported: 1, rejected: 0 });
    const list = await sut.as().get('/suppliers?q=Saigon%20Footwear').expect(200);
    const detail = await sut.as().get(`/suppliers/${list.body.items[0].id}`).expect(200);
    expect(detail.body.profile.extra).toEqual({
      '__proto__ (column C)': 'polluted',
      'constructor (column D)': 'built',
    });
  });

  it('refuses a NUL character in an upload form field and imports nothing', async () => {
    const before = await sut.dataSource.query('SELECT count(*)::int AS n FROM import_batches');
    const response = await sut
      .as()
      .post('/imports')
      .field('list', 'Vendor\u0000Master')
      .attach('file', Buffer.from('Supplier,Country\nSaigon Footwear,Viet Nam\n'), 'suppliers.csv')
      .expect(400);
    expect(response.body).toMatchObject({
      code: 'NUL_CHARACTER',
      message: expect.stringContaining('"list"'),
    });
    expect(await sut.dataSource.query('SELECT count(*)::int AS n FROM import_batches')).toEqual(before);
    await request(sut.http).get('/health').expect(200);
  });
});
