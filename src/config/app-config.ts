import { isIP } from 'node:net';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

// The one place that reads process.env. Everything else receives the typed AppConfig.

export const LOG_LEVELS = ['error', 'warn', 'log', 'debug', 'verbose'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type DatabaseConfig =
  | {
      kind: 'postgres';
      url: string;
      /**
       * DATABASE_MIGRATION_URL: the tables' owner, for migrations only; the service then runs as DATABASE_URL's
       * role with the privileges it needs (src/database/runtime-role.ts), which cannot rewrite the audit trail.
       */
      migrationUrl?: string;
    }
  | {
      kind: 'embedded';
      /** The embedded PostgreSQL server's data folder. */
      dir: string;
      /** Where the earlier embedded database (PGlite) kept its files: found there, it must be migrated first. */
      legacyDir: string;
    };

export interface AppConfig {
  env: 'production' | 'development' | 'test';
  host: string;
  port: number;
  database: DatabaseConfig;
  dataDir: string;
  rulesDir: string;
  logLevel: LogLevel;
  logFormat: 'json' | 'text';
  uploads: {
    maxBytes: number;
    maxRows: number;
    maxColumns: number;
    maxCellLength: number;
    /** Cells read per sheet or csv, blank ones included. */
    maxCells: number;
    /** Entries of an xlsx shared-strings table. */
    maxSharedStrings: number;
    /** Characters of text of an xlsx shared-strings table. */
    maxTextChars: number;
    /** Unpacked bytes of one xlsx part. */
    maxPartBytes: number;
    /** Longest an import may run before it is stopped. */
    maxSeconds: number;
    /** Imports of files over this size answer 202 and run in the background. */
    backgroundThresholdBytes: number;
    /** Private folder for uploads while they are checked and imported (random names, removed afterwards). */
    tmpDir: string;
    /**
     * Where an import reads, validates and scores its rows: a worker thread, on the other core (faster, more
     * memory), or the main thread between its database writes (IMPORT_STAGING; see docs/benchmarks.md).
     */
    staging: 'worker' | 'main';
  };
  corsOrigins: string[];
  jobs: {
    /** A background job whose instance has not signalled for this long is taken to be lost and is resumed elsewhere. */
    timeoutSeconds: number;
  };
  /** The first admin, created when there are no users (ADMIN_EMAIL / ADMIN_PASSWORD). */
  admin: { email?: string; password?: string };
  /** Send session cookies with the Secure flag (behind HTTPS). */
  cookieSecure: boolean;
  /**
   * Which peers' X-Forwarded-For names the client (Express's `trust proxy`): false (the peer is the client), a
   * number of proxy hops, or a list of addresses / subnets / `loopback`, `linklocal`, `uniquelocal`.
   */
  trustProxy: boolean | number | string;
  /** Set by the supervisor when it started the service again after it stopped on its own. */
  restartedAfter?: { reason: string; restarts: number };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

class EnvReader {
  readonly problems: string[] = [];

  constructor(private readonly env: Env) {}

  private raw(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === '' ? undefined : value;
  }

  string(name: string, fallback: string): string {
    return this.raw(name) ?? fallback;
  }

  optional(name: string): string | undefined {
    return this.raw(name);
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const value = this.raw(name);
    if (value === undefined) {
      return fallback;
    }
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
      this.problems.push(`${name} must be a whole number from ${min} to ${max} (got "${value}")`);
      return fallback;
    }
    return Number(value);
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.raw(name);
    if (value === undefined) {
      return fallback;
    }
    if (!(allowed as readonly string[]).includes(value)) {
      this.problems.push(`${name} must be one of ${allowed.join(', ')} (got "${value}")`);
      return fallback;
    }
    return value as T;
  }
}

/** Never echoes the value: a database URL carries a password. */
function checkDatabaseUrl(value: string, problems: string[], name = 'DATABASE_URL'): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    problems.push(`${name} is not a valid URL (expected postgres://user:password@host:5432/database)`);
    return;
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    problems.push(`${name} must start with postgres:// or postgresql:// (got ${url.protocol}//...)`);
  } else if (!url.hostname || url.pathname.length <= 1) {
    problems.push(`${name} must name a host and a database (postgres://user:password@host:5432/database)`);
  }
}

const MB = 1024 * 1024;

/** Builds and validates the configuration once at boot; throws ConfigError naming every bad variable. */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): AppConfig {
  const read = new EnvReader(env);
  const nodeEnv = read.oneOf('NODE_ENV', ['production', 'development', 'test'], 'development');
  const dataDir = resolvePath(read.string('DATA_DIR', './data'), cwd);
  const databaseUrl = read.optional('DATABASE_URL');
  if (databaseUrl !== undefined) {
    checkDatabaseUrl(databaseUrl, read.problems);
  }
  const migrationUrl = read.optional('DATABASE_MIGRATION_URL');
  if (migrationUrl !== undefined) {
    if (databaseUrl === undefined) {
      read.problems.push(
        'DATABASE_MIGRATION_URL needs DATABASE_URL (the embedded database sets up its own roles)',
      );
    }
    checkDatabaseUrl(migrationUrl, read.problems, 'DATABASE_MIGRATION_URL');
  }
  const embeddedDir = read.optional('EMBEDDED_DB_DIR');
  const config: AppConfig = {
    env: nodeEnv,
    host: read.string('HOST', '127.0.0.1'),
    port: read.integer('PORT', 3000, 0, 65535),
    database:
      databaseUrl !== undefined
        ? { kind: 'postgres', url: databaseUrl, ...(migrationUrl ? { migrationUrl } : {}) }
        : {
            kind: 'embedded',
            dir: resolvePath(embeddedDir ?? `${dataDir}/postgres`, cwd),
            legacyDir: resolvePath(`${dataDir}/pgdata`, cwd),
          },
    dataDir,
    rulesDir: resolvePath(read.string('RULES_DIR', './rules'), cwd),
    logLevel: read.oneOf('LOG_LEVEL', LOG_LEVELS, 'log'),
    logFormat: read.oneOf(
      'LOG_FORMAT',
      ['json', 'text'] as const,
      nodeEnv === 'production' ? 'json' : 'text',
    ),
    uploads: {
      maxBytes: read.integer('UPLOAD_MAX_MB', 50, 1, 2048) * MB,
      maxRows: read.integer('IMPORT_MAX_ROWS', 1_000_000, 1, 10_000_000),
      maxColumns: read.integer('IMPORT_MAX_COLUMNS', 500, 10, 16_384),
      maxCellLength: read.integer('IMPORT_MAX_CELL_LENGTH', 10_000, 100, 32_767),
      maxCells: read.integer('IMPORT_MAX_CELLS', 50_000_000, 1_000, 500_000_000),
      maxSharedStrings: read.integer('IMPORT_MAX_SHARED_STRINGS', 10_000_000, 1_000, 100_000_000),
      maxTextChars: read.integer('IMPORT_MAX_TEXT_CHARS', 100_000_000, 100_000, 1_000_000_000),
      maxPartBytes: read.integer('IMPORT_MAX_PART_MB', 512, 1, 4096) * MB,
      maxSeconds: read.integer('IMPORT_MAX_MINUTES', 60, 1, 24 * 60) * 60,
      backgroundThresholdBytes: read.integer('IMPORT_BACKGROUND_THRESHOLD_KB', 512, 0, 2_097_152) * 1024,
      tmpDir: resolvePath(read.string('UPLOAD_TMP_DIR', join(tmpdir(), 'vigil-uploads')), cwd),
      staging: read.oneOf('IMPORT_STAGING', ['worker', 'main'] as const, 'worker'),
    },
    jobs: { timeoutSeconds: read.integer('JOB_TIMEOUT_SECONDS', 60, 4, 86_400) },
    admin: { email: read.optional('ADMIN_EMAIL'), password: read.optional('ADMIN_PASSWORD') },
    trustProxy: trustProxySetting(read.optional('TRUST_PROXY'), read.problems),
    ...(read.optional('VIGIL_RESTART_REASON')
      ? {
          restartedAfter: {
            reason: read.optional('VIGIL_RESTART_REASON') ?? '',
            restarts: read.integer('VIGIL_RESTARTS', 1, 1, Number.MAX_SAFE_INTEGER),
          },
        }
      : {}),
    cookieSecure:
      read.oneOf('COOKIE_SECURE', ['true', 'false'] as const, nodeEnv === 'production' ? 'true' : 'false') ===
      'true',
    corsOrigins: (read.optional('CORS_ORIGINS') ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
  };
  const adminPassword = read.optional('ADMIN_PASSWORD');
  if (adminPassword !== undefined && adminPassword.length < 12) {
    read.problems.push('ADMIN_PASSWORD must be at least 12 characters long');
  }
  const adminEmail = read.optional('ADMIN_EMAIL');
  if (adminEmail !== undefined && !/^[^@\s]+@[^@\s]+$/.test(adminEmail)) {
    read.problems.push('ADMIN_EMAIL must be an email address');
  }
  if (read.problems.length > 0) {
    throw new ConfigError(read.problems);
  }
  return config;
}

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * TRUST_PROXY: unset, `loopback` (a reverse proxy on the same host); `false`; a hop count; or a comma list of
 * addresses, subnets and the names above. `true` is refused: trusting every peer lets any client choose its
 * address, and with it dodge the sign-in limits.
 */
function trustProxySetting(value: string | undefined, problems: string[]): boolean | number | string {
  const setting = value?.trim() ?? 'loopback';
  if (setting === 'false') {
    return false;
  }
  if (/^\d+$/.test(setting)) {
    return Number(setting);
  }
  const entries = setting.split(',').map((entry) => entry.trim());
  const bad = entries.filter((entry) => {
    const [address, bits, ...rest] = entry.split('/');
    const family = isIP(address ?? '');
    if (PROXY_NAMES.has(entry)) {
      return false;
    }
    if (family === 0 || rest.length > 0) {
      return true;
    }
    return bits !== undefined && !(/^\d+$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
  });
  if (setting === 'true' || bad.length > 0) {
    problems.push(
      `TRUST_PROXY must be false, a number of proxy hops, or addresses / subnets / loopback, linklocal, ` +
        `uniquelocal separated by commas (got "${setting}"; true would let any client choose its address)`,
    );
    return false;
  }
  return entries.join(',');
}

function resolvePath(path: string, cwd: string): string {
  return isAbsolute(path) ? path : resolve(cwd, path);
}
