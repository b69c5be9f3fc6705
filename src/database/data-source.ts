import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../config/app-config.js';
import { EmbeddedPostgres, EmbeddedPostgresError, type EmbeddedPostgresLog } from './embedded-postgres.js';
import { ENTITIES } from './entities.js';
import { grantRuntimeRole } from './runtime-role.js';
import { MIGRATIONS } from './migrations/index.js';

/** A data source on the embedded server: closing it stops the server too, so that shutdown is clean. */
export class EmbeddedDataSource extends DataSource {
  constructor(
    options: DataSourceOptions,
    readonly server: EmbeddedPostgres,
  ) {
    super(options);
  }

  override async destroy(): Promise<void> {
    try {
      if (this.isInitialized) {
        await super.destroy();
      }
    } finally {
      await this.server.stop();
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
  // gen_random_uuid() is built into PostgreSQL 13+: no extension to install.
  uuidExtension: 'pgcrypto',
  installExtensions: false,
} as const;

/** What an earlier Vigil left in DATA_DIR: the PGlite database folder that the embedded default used to be. */
export function legacyEmbeddedFolder(
  database: Extract<DatabaseConfig, { kind: 'embedded' }>,
): string | undefined {
  if (existsSync(join(database.dir, 'PG_VERSION'))) {
    return undefined;
  }
  return existsSync(join(database.legacyDir, 'PG_VERSION')) ? database.legacyDir : undefined;
}

export const MIGRATE_LEGACY_COMMAND = 'npm run db:migrate-embedded';

/**
 * The TypeORM options for a PostgreSQL connection string. TypeORM reads host, port and database out of the URL
 * itself and cannot read a Unix socket folder from it (the embedded server's `?host=`): node-postgres is given the
 * string as well and reads it whole.
 */
export function connectionOptions(url: string): DataSourceOptions {
  return { ...COMMON, url, extra: { max: 10, connectionString: url } };
}

export interface OpenOptions {
  /** Where the embedded server's log lines go (at the service's log level). */
  log?: EmbeddedPostgresLog;
  /**
   * Whose connection: the service's role (the default), or the tables' owner, for the one-off commands that change
   * the schema (DATABASE_MIGRATION_URL's role when it is set; the embedded server's owner).
   */
  as?: 'service' | 'owner';
}

/**
 * Builds (but does not initialise) the data source: on DATABASE_URL's server, or on the embedded server, which it
 * starts (initialising its folder on first start).
 */
export async function createDataSource(
  database: DatabaseConfig,
  options: OpenOptions = {},
): Promise<DataSource> {
  if (database.kind === 'postgres') {
    const url = options.as === 'owner' ? (database.migrationUrl ?? database.url) : database.url;
    return new DataSource(connectionOptions(url));
  }
  const legacy = legacyEmbeddedFolder(database);
  if (legacy) {
    throw new EmbeddedPostgresError(
      'EMBEDDED_DB_LEGACY_DATA',
      `${legacy} holds the database of an earlier Vigil (PGlite). Nothing has been changed: run \`${MIGRATE_LEGACY_COMMAND}\` once to move it to the embedded PostgreSQL, then start again`,
    );
  }
  const server = await EmbeddedPostgres.start({
    dir: database.dir,
    ...(options.log ? { log: options.log } : {}),
  });
  return new EmbeddedDataSource(
    connectionOptions(options.as === 'owner' ? server.ownerUrl : server.url),
    server,
  );
}

/** The connection string of an open data source (DATABASE_URL, or the embedded server's). */
export function connectionUrl(dataSource: DataSource): string {
  const url = (dataSource.options as { url?: string }).url;
  if (!url) {
    throw new Error('the data source has no connection string');
  }
  return url;
}

/**
 * Initialises the data source (as the service's role) and applies pending migrations (each in its own
 * transaction). When the tables have an owner of their own (DATABASE_MIGRATION_URL, or the embedded server, which
 * always has one) the migrations run as the owner, which then grants the service's role what it needs.
 */
export async function openDatabase(
  database: DatabaseConfig,
  options: Omit<OpenOptions, 'as'> = {},
): Promise<DataSource> {
  const dataSource = await createDataSource(database, options);
  try {
    await dataSource.initialize();
    const ownerUrl =
      dataSource instanceof EmbeddedDataSource
        ? dataSource.server.ownerUrl
        : database.kind === 'postgres'
          ? database.migrationUrl
          : undefined;
    if (ownerUrl) {
      const [{ role }] = await dataSource.query<{ role: string }[]>('SELECT current_user AS role');
      await migrateAsOwner(ownerUrl, role);
    } else {
      await dataSource.runMigrations({ transaction: 'each' });
    }
  } catch (error) {
    await dataSource.destroy().catch(() => undefined);
    throw error;
  }
  return dataSource;
}

async function migrateAsOwner(migrationUrl: string, runtimeRole: string): Promise<void> {
  const owner = new DataSource(connectionOptions(migrationUrl));
  await owner.initialize();
  try {
    await owner.runMigrations({ transaction: 'each' });
    const [{ role }] = await owner.query<{ role: string }[]>('SELECT current_user AS role');
    if (role !== runtimeRole) {
      await grantRuntimeRole(owner, runtimeRole);
    }
  } finally {
    await owner.destroy().catch(() => undefined);
  }
}
