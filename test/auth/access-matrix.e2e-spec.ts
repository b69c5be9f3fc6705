import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Express } from 'express';
import request from 'supertest';
import { ROLES, type Role } from '../../src/auth/roles.js';
import { clientFor, startTestApp, TEST_ADMIN, type TestApp } from '../support/test-app.js';

// Who may call what. A route registered in the app but missing here fails the first test, so a new endpoint
// cannot ship without someone deciding its roles; the second test proves every cell of the matrix.
const ALL: Role[] = [...ROLES];
const READERS: Role[] = ['admin', 'compliance', 'procurement', 'auditor'];
const COMPLIANCE: Role[] = ['admin', 'compliance'];
const OVERSIGHT: Role[] = ['admin', 'compliance', 'auditor'];
const ADMIN: Role[] = ['admin'];

const EXPECTED: Record<string, 'public' | Role[]> = {
  'GET /health': 'public',
  // The dashboard's page and assets: static files, no data (the data comes from the API below).
  'GET /': 'public',
  'GET /app': 'public',
  'GET /app/*path': 'public',
  'GET /assets/*path': 'public',
  'POST /auth/login': 'public',
  'GET /auth/link': 'public',
  'POST /auth/logout': ALL,
  'GET /auth/me': ALL,
  'GET /auth/tokens': ADMIN,
  'POST /auth/tokens': ADMIN,
  'DELETE /auth/tokens/:id': ADMIN,
  'GET /users': ADMIN,
  'POST /users': ADMIN,
  'PATCH /users/:id': ADMIN,
  'GET /audit': ['admin', 'auditor'],
  'GET /audit/export.csv': ['admin', 'auditor'],
  'GET /audit/verify': ['admin', 'auditor'],
  'GET /suppliers': READERS,
  'GET /suppliers/:id': READERS,
  'GET /dashboard/overview': READERS,
  'GET /dashboard/data-gaps': READERS,
  'GET /dashboard/data-gaps/export.xlsx': READERS,
  'GET /rulesets/active': READERS,
  'GET /rulesets/active/files': READERS,
  // Trying a draft changes nothing: procurement may see what a rule change would do (reloading stays compliance's).
  'POST /rulesets/validate': ['admin', 'compliance', 'procurement'],
  'POST /rulesets/reload': COMPLIANCE,
  'GET /rulesets/rescore/:id': READERS,
  'POST /rulesets/simulate': ['admin', 'compliance', 'procurement'],
  'POST /imports': COMPLIANCE,
  'GET /imports': OVERSIGHT,
  'GET /imports/template.xlsx': READERS,
  'GET /imports/:id': OVERSIGHT,
  'GET /imports/:id/errors.xlsx': OVERSIGHT,
  'GET /imports/:id/errors': OVERSIGHT,
  'GET /imports/source-lists': OVERSIGHT,
  'GET /matches': OVERSIGHT,
  'POST /matches/:id/decision': COMPLIANCE,
  'GET /suppliers/export.xlsx': READERS,
  'GET /suppliers/:id/report.pdf': READERS,
  'GET /reports/portfolio.pdf': READERS,
  'POST /reports/portfolio': READERS,
  'GET /reports': READERS,
  'GET /reports/:id/status': READERS,
  'GET /reports/:id': READERS,
  'POST /reports/verify': OVERSIGHT,
  // Procurement sees each supplier's screening status (suppliers, overview, summary); hits, reasons and list
  // editions are for compliance, who decides, and auditors, who read every decision.
  'GET /screening/summary': READERS,
  'GET /screening/hits': OVERSIGHT,
  'POST /screening/hits/:id/decision': COMPLIANCE,
  'POST /screening/run': COMPLIANCE,
  'GET /screening/runs/:id': READERS,
  'GET /screening/lists': OVERSIGHT,
  'POST /screening/lists/:kind': COMPLIANCE,
};

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
}

function registeredRoutes(sut: TestApp): string[] {
  const express = sut.app.getHttpAdapter().getInstance() as Express;
  const stack = (express.router as unknown as { stack: Layer[] }).stack;
  return stack
    .flatMap((layer) =>
      layer.route
        ? Object.keys(layer.route.methods)
            .filter((m) => m !== '_all')
            .map((m) => `${m.toUpperCase()} ${layer.route?.path ?? ''}`)
        : [],
    )
    .filter((route) => !route.includes(' /api/docs'));
}

describe('access control: every endpoint x every role', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp();
  });

  afterAll(async () => {
    await sut.close();
  });

  it('has a decision for every registered route, and no decision for a route that does not exist', () => {
    expect(registeredRoutes(sut).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('%s answers each role as declared', async (route, allowed) => {
    const [method, template] = route.split(' ') as [string, string];
    const path = template.replace(':id', '00000000-0000-4000-8000-000000000000');
    const call = (token: string | undefined) => {
      const client = clientFor(sut.http, token);
      const verb = method.toLowerCase() as 'get' | 'post' | 'patch' | 'delete';
      return client[verb](path).send(method === 'GET' || method === 'DELETE' ? undefined : {});
    };
    const anonymous = await call(undefined);
    if (allowed === 'public') {
      // The guard lets anyone through (the handler may still refuse a bad sign-in on its own terms).
      expect(['NOT_SIGNED_IN', 'FORBIDDEN', 'ACCESS_NOT_DECLARED']).not.toContain(anonymous.body.code);
      return;
    }
    expect(anonymous.status).toBe(401);
    for (const role of ROLES) {
      // Signing out revokes the session: give the admin a session of its own for that call.
      const token =
        route === 'POST /auth/logout' && role === 'admin'
          ? (await request(sut.http).post('/auth/login').send(TEST_ADMIN)).body.token
          : sut.tokens[role];
      const response = await call(token);
      if (allowed.includes(role)) {
        expect({ role, status: response.status }).not.toEqual({ role, status: 403 });
        expect(response.status).not.toBe(401);
      } else {
        expect({ role, status: response.status, code: response.body.code }).toEqual({
          role,
          status: 403,
          code: 'FORBIDDEN',
        });
      }
    }
  });
});
