import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../config/app-config.js';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from './migrations/index.js';

/** TypeORM does not close the embedded database it was given; this data source does, so shutdown is clean. */
export class EmbeddedDataSource extends DataSource {
  constructor(
    options: DataSourceOptions,
    readonly pglite: PGlite,
  ) {
    super(options);
  }

  override async destroy(): Promise<void> {
    if (this.isInitialized) {
      await super.destroy();
    }
    if (!this.pglite.closed) {
      await this.pglite.close();
    }
  }
}

const COMMON = {
  type: 'postgres',
  entities: ENTITIES,
  migrations: MIGRATIONS,
  migrationsTableName: 'migrations',
  synchronize: false,
  migrationsRun: false,
  logging: false,
  // gen_random_uuid() is built into PostgreSQL 13+ and PGlite: no extension to install.
  uuidExtension: 'pgcrypto',
  installExtensions: false,
} as const;

export interface EmbeddedOptions {
  /** A dump made by PGlite's dumpDataDir (tests start from a migrated snapshot instead of running initdb). */
  loadDataDir?: Blob;
}

const CREATE_SCRIPT = fileURLToPath(new URL('./create-embedded-database.js', import.meta.url));

/**
 * Creates a new embedded database in a short-lived process of its own (see create-embedded-database.ts): the
 * service then opens it at about half the memory. Run from the sources (tests), it is created in this process.
 */
async function createEmbeddedDatabase(dataDir: string): Promise<void> {
  if (!existsSync(CREATE_SCRIPT)) {
    await (await PGlite.create({ dataDir })).close();
    return;
  }
  try {
    await promisify(execFile)(process.execPath, [CREATE_SCRIPT, dataDir]);
  } catch (error) {
    const reason = (error as { stderr?: string }).stderr?.trim().split('\n')[0];
    throw new Error(`cannot create the embedded database in ${dataDir}: ${reason || String(error)}`, {
      cause: error,
    });
  }
}

/** Builds (but does not initialise) the data source for PostgreSQL or for the embedded PGlite database. */
export async function createDataSource(
  database: DatabaseConfig,
  embedded: EmbeddedOptions = {},
): Promise<DataSource> {
  if (database.kind === 'postgres') {
    return new DataSource({ ...COMMON, url: database.url, extra: { max: 10 } });
  }
  if (database.dataDir !== 'memory') {
    mkdirSync(database.dataDir, { recursive: true });
    if (!embedded.loadDataDir && !existsSync(join(database.dataDir, 'PG_VERSION'))) {
      await createEmbeddedDatabase(database.dataDir);
    }
  }
  const pglite = await PGlite.create({
    ...(database.dataDir === 'memory' ? {} : { dataDir: database.dataDir }),
    ...(embedded.loadDataDir ? { loadDataDir: embedded.loadDataDir } : {}),
  });
  return new EmbeddedDataSource(
    {
      ...COMMON,
      extra: { ...createPgConfig(pglite) },
    },
    pglite,
  );
}

/** Initialises the data source and applies pending migrations (each in its own transaction). */
export async function openDatabase(
  database: DatabaseConfig,
  embedded: EmbeddedOptions = {},
): Promise<DataSource> {
  const dataSource = await createDataSource(database, embedded);
  try {
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
  } catch (error) {
    await dataSource.destroy().catch(() => undefined);
    throw error;
  }
  return dataSource;
}
