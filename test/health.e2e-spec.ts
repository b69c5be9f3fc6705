import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('GET /health', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp();
  });

  afterAll(async () => {
    await sut.close();
  });

  it('reports a reachable database with every migration applied', async () => {
    const response = await request(sut.http).get('/health').expect(200);
    expect(response.body).toEqual({
      status: 'ok',
      database: { kind: sut.config.database.kind, reachable: true },
      migrations: { applied: sut.dataSource.migrations.length, pending: [] },
      // The tests connect as the tables' owner: the audit trail is then protected by its hash chain only.
      auditTrail: 'tamper-evident',
    });
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('echoes a well-formed request id from the caller', async () => {
    const response = await request(sut.http).get('/health').set('X-Request-Id', 'trace-12345678').expect(200);
    expect(response.headers['x-request-id']).toBe('trace-12345678');
  });

  it('answers an unknown route with a coded 404 body', async () => {
    const response = await request(sut.http).get('/no-such-thing').expect(404);
    expect(response.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
  });

  it('serves the OpenAPI document', async () => {
    const response = await sut.as().get('/api/docs-json').expect(200);
    expect(response.body.paths).toHaveProperty('/health');
  });
});
