import type { INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { App } from 'supertest/types.js';
import { loadConfig, type AppConfig } from '../../src/config/app-config.js';
import { createApp } from '../../src/bootstrap.js';
import { freshTestDatabase } from './test-database.js';

export interface TestApp {
  app: INestApplication;
  http: App;
  dataSource: DataSource;
  config: AppConfig;
  close(): Promise<void>;
}

/** Boots the whole app, as main.ts does, on a fresh migrated database of its own. */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const db = await freshTestDatabase();
  const config: AppConfig = { ...loadConfig({ NODE_ENV: 'test', ...env }), database: db.database };
  const app = await createApp(config, { embedded: db.embedded });
  await app.init();
  return {
    app,
    http: app.getHttpServer() as App,
    dataSource: app.get<DataSource>(getDataSourceToken()),
    config,
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}
