import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DataSource } from 'typeorm';
import { ConfigError, loadConfig } from '../config/app-config.js';
import { resetPassword } from '../auth/reset-password.js';
import { createDataSource, openDatabase } from './data-source.js';
import { migrateLegacyDatabase } from './migrate-legacy.js';

// `npm run migration:run | migration:revert | migration:generate -- Name`, against the configured database
// (DATABASE_URL, or the embedded one under DATA_DIR), `npm run db:migrate-embedded` (the earlier PGlite
// database into the embedded PostgreSQL) and `npm run user:reset-password -- email` (src/auth/reset-password.ts). Works on the compiled build, as the app does.

const MIGRATIONS_SOURCE_DIR = fileURLToPath(new URL('../../src/database/migrations/', import.meta.url));

async function generate(dataSource: DataSource, name: string): Promise<void> {
  if (!/^[A-Z][A-Za-z0-9]+$/.test(name)) {
    throw new Error('Give the migration a PascalCase name: npm run migration:generate -- AddSupplierScores');
  }
  const sql = await dataSource.driver.createSchemaBuilder().log();
  if (sql.upQueries.length === 0) {
    console.log('No changes: the entities match the database.');
    return;
  }
  const timestamp = Date.now();
  const className = `${name}${timestamp}`;
  const quote = (query: string): string => JSON.stringify(query);
  const up = sql.upQueries.map((q) => `    await queryRunner.query(${quote(q.query)});`).join('\n');
  const down = sql.downQueries
    .reverse()
    .map((q) => `    await queryRunner.query(${quote(q.query)});`)
    .join('\n');
  const file = `${MIGRATIONS_SOURCE_DIR}${timestamp}-${name}.ts`;
  writeFileSync(
    file,
    `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
${up}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${down}
  }
}
`,
  );
  console.log(`Wrote ${file}\nAdd ${className} to src/database/migrations/index.ts, then build and run it.`);
}

async function migrateEmbedded(): Promise<void> {
  const { database } = loadConfig();
  if (database.kind !== 'embedded') {
    throw new Error(
      'DATABASE_URL is set: this command moves the embedded database only; unset it and run again',
    );
  }
  const report = await migrateLegacyDatabase(database, {
    error: (message) => console.error(message),
    warn: (message) => console.warn(message),
    log: (message) => console.log(message),
    debug: () => undefined,
  });
  for (const { table, rows } of report.tables) {
    console.log(`  ${table}: ${rows} rows`);
  }
  console.log(
    `Moved the database to the embedded PostgreSQL in ${database.dir}. The old folder is kept as ${report.keptAs}: remove it once the service runs as expected.`,
  );
}

async function main(): Promise<void> {
  const [command, name] = process.argv.slice(2);
  if (command === 'migrate-embedded') {
    await migrateEmbedded();
    return;
  }
  const { database } = loadConfig();
  // The password reset migrates first: it may be the first thing run on a database a newer build has not opened.
  const dataSource =
    command === 'reset-password'
      ? await openDatabase(database)
      : await createDataSource(database, { as: 'owner' });
  if (!dataSource.isInitialized) {
    await dataSource.initialize();
  }
  try {
    switch (command) {
      case 'run': {
        const applied = await dataSource.runMigrations({ transaction: 'each' });
        console.log(
          applied.length ? `Applied ${applied.map((m) => m.name).join(', ')}` : 'Nothing to apply.',
        );
        break;
      }
      case 'revert':
        await dataSource.undoLastMigration({ transaction: 'each' });
        console.log('Reverted the last migration.');
        break;
      case 'generate':
        await generate(dataSource, name ?? '');
        break;
      case 'reset-password': {
        const reset = await resetPassword(dataSource, name ?? '', process.env.VIGIL_NEW_PASSWORD);
        console.log(
          reset.generated
            ? `The password of ${reset.email} is now ${reset.password} (shown only now); their sessions were ended and sign-in locks lifted.`
            : `The password of ${reset.email} is now the one in VIGIL_NEW_PASSWORD; their sessions were ended and sign-in locks lifted.`,
        );
        break;
      }
      default:
        throw new Error(
          'Usage: cli.js run | revert | generate Name | migrate-embedded | reset-password email',
        );
    }
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError || error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
