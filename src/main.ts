import 'reflect-metadata';
import { getHeapStatistics } from 'node:v8';
import { ConsoleLogger } from '@nestjs/common';
import { createApp } from './bootstrap.js';
import { ConfigError, LOG_LEVELS, loadConfig } from './config/app-config.js';
import { EmbeddedPostgresError } from './database/embedded-postgres.js';
import { EXIT_REFUSED } from './supervisor/restart-policy.js';

/** Refusals that starting again would only repeat: the supervisor stops on these (src/supervisor/restart-policy.ts). */
function isRefusal(error: unknown): boolean {
  if (error instanceof ConfigError) {
    return true;
  }
  if (error instanceof EmbeddedPostgresError) {
    return error.code === 'EMBEDDED_DB_BUSY' || error.code === 'EMBEDDED_DB_LEGACY_DATA';
  }
  const code = (error as { code?: unknown }).code;
  return code === 'EADDRINUSE' || code === '28P01' || code === '28000' || code === '3D000';
}

function describeStartupError(error: unknown): string {
  if (error instanceof ConfigError || error instanceof EmbeddedPostgresError) {
    return error.message;
  }
  const code = (error as { code?: unknown }).code;
  if (code === 'EADDRINUSE') {
    return 'the port is already in use: set PORT to a free port';
  }
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'ETIMEDOUT') {
    return `cannot reach the database named in DATABASE_URL (${String(code)})`;
  }
  if (code === '28P01' || code === '28000') {
    return 'the database refused the credentials in DATABASE_URL';
  }
  if (code === '3D000') {
    return 'the database named in DATABASE_URL does not exist';
  }
  return error instanceof Error ? error.message : String(error);
}

async function main(): Promise<void> {
  const config = loadConfig();
  const logLevels = LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(config.logLevel) + 1);
  const logger = new ConsoleLogger({ json: config.logFormat === 'json', logLevels, breakLength: Infinity });
  const app = await createApp(config, { logger });
  await app.listen(config.port, config.host);
  const where =
    config.database.kind === 'postgres'
      ? 'PostgreSQL (DATABASE_URL)'
      : `embedded PostgreSQL in ${config.database.dir}`;
  const heapMb = Math.round(getHeapStatistics().heap_size_limit / 1024 / 1024);
  logger.log(
    `Vigil listening on http://${config.host}:${config.port} with the ${where} (JavaScript heap limit ${heapMb} MB)`,
    'Bootstrap',
  );
}

main().catch((error: unknown) => {
  console.error(`Vigil cannot start: ${describeStartupError(error)}`);
  process.exit(isRefusal(error) ? EXIT_REFUSED : 1);
});
