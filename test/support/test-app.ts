import { ConsoleLogger, type INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import request from 'supertest';
import type { App } from 'supertest/types.js';
import type { Role } from '../../src/auth/roles.js';
import { loadConfig, type AppConfig } from '../../src/config/app-config.js';
import { createApp } from '../../src/bootstrap.js';
import { freshTestDatabase } from './test-database.js';

export const TEST_ADMIN = { email: 'admin@vigil.test', password: 'correct horse battery staple' };

export interface Client {
  get(url: string): request.Test;
  post(url: string): request.Test;
  patch(url: string): request.Test;
  put(url: string): request.Test;
  delete(url: string): request.Test;
}

export interface TestApp {
  app: INestApplication;
  http: App;
  dataSource: DataSource;
  config: AppConfig;
  /** Bearer tokens: the admin's session and an API token for each other role. */
  tokens: Record<Role, string>;
  /** Requests authenticated as a role (admin by default). */
  as(role?: Role): Client;
  close(): Promise<void>;
}

export function clientFor(http: App, token: string | undefined): Client {
  const auth = (test: request.Test): request.Test =>
    token ? test.set('Authorization', `Bearer ${token}`) : test;
  return {
    get: (url) => auth(request(http).get(url)),
    post: (url) => auth(request(http).post(url)),
    patch: (url) => auth(request(http).patch(url)),
    put: (url) => auth(request(http).put(url)),
    delete: (url) => auth(request(http).delete(url)),
  };
}

/** Boots the whole app, as main.ts does, on a fresh migrated database of its own, with a user per role. */
/**
 * `runAs`: a login role of the server the service connects as, while the migrations run as the database's owner
 * (DATABASE_MIGRATION_URL); the test creates the role and drops it after close().
 */
export async function startTestApp(
  env: Record<string, string> = {},
  options: { runAs?: { role: string; password: string } } = {},
): Promise<TestApp> {
  const db = await freshTestDatabase();
  const ownerUrl = db.database.kind === 'postgres' ? db.database.url : '';
  const runtimeUrl = new URL(ownerUrl);
  if (options.runAs) {
    runtimeUrl.username = options.runAs.role;
    runtimeUrl.password = options.runAs.password;
  }
  const config: AppConfig = {
    ...loadConfig({
      NODE_ENV: 'test',
      ADMIN_EMAIL: TEST_ADMIN.email,
      ADMIN_PASSWORD: TEST_ADMIN.password,
      ...env,
    }),
    database: options.runAs
      ? { kind: 'postgres', url: runtimeUrl.toString(), migrationUrl: ownerUrl }
      : db.database,
  };
  // VIGIL_TEST_LOG=1 shows the service's own log (errors with their stack) while debugging a test.
  const logger = process.env.VIGIL_TEST_LOG ? new ConsoleLogger() : false;
  const app = await createApp(config, { logger });
  await app.init();
  const http = app.getHttpServer() as App;
  const login = await request(http).post('/auth/login').send(TEST_ADMIN).expect(200);
  const admin = (login.body as { token: string }).token;
  const tokens = { admin } as Record<Role, string>;
  for (const role of ['compliance', 'procurement', 'auditor'] as const) {
    const created = await clientFor(http, admin)
      .post('/auth/tokens')
      .send({ name: `test ${role}`, role })
      .expect(201);
    tokens[role] = (created.body as { token: string }).token;
  }
  return {
    app,
    http,
    dataSource: app.get<DataSource>(getDataSourceToken()),
    config,
    tokens,
    as: (role = 'admin') => clientFor(http, tokens[role]),
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}
