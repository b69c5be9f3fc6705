import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';

// The real service as a child process (`node dist/main.js`), driven over HTTP like any client would.

export const ADMIN_EMAIL = 'bench@vigil.invalid';
export const ADMIN_PASSWORD = 'bench-password-0123456789';

export interface ServiceOptions {
  root: string;
  port: number;
  env: Record<string, string>;
  logFile: string;
  /** Extra node flags, e.g. --cpu-prof. */
  nodeFlags?: string[];
}

export class Service {
  private token = '';

  private constructor(
    readonly process: ChildProcess,
    readonly baseUrl: string,
  ) {}

  get pid(): number {
    if (this.process.pid === undefined) {
      throw new Error('the service process has no pid');
    }
    return this.process.pid;
  }

  static async start(options: ServiceOptions): Promise<Service> {
    const log = createWriteStream(options.logFile, { flags: 'a' });
    // Started as `npm start` starts it (same Node settings); a build from before the launcher runs dist/main.js.
    const launcher = existsSync(join(options.root, 'scripts/serve.sh'));
    const [command, args] = launcher
      ? ['sh', ['scripts/serve.sh', ...(options.nodeFlags ?? [])]]
      : [process.execPath, [...(options.nodeFlags ?? []), 'dist/main.js']];
    const child = spawn(command, args, {
      cwd: options.root,
      env: {
        PATH: process.env.PATH ?? '',
        TZ: 'UTC',
        NODE_ENV: 'production',
        LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
        HOST: '127.0.0.1',
        PORT: String(options.port),
        ADMIN_EMAIL,
        ADMIN_PASSWORD,
        UPLOAD_MAX_MB: '200',
        // The service process itself is measured (its pid, its database's processes as its children): the
        // supervisor of `npm start` (a separate, small process) is left out.
        VIGIL_SUPERVISOR: 'off',
        // The heap cap of scripts/serve.sh, to measure another one.
        ...(process.env.VIGIL_HEAP_MB ? { VIGIL_HEAP_MB: process.env.VIGIL_HEAP_MB } : {}),
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    const service = new Service(child, `http://127.0.0.1:${options.port}`);
    const deadline = Date.now() + 120_000;
    for (;;) {
      if (child.exitCode !== null) {
        // Output may still be in flight from the exited process: stop piping before closing the log.
        child.stdout?.unpipe(log);
        child.stderr?.unpipe(log);
        log.end();
        const tail = (await readFile(options.logFile, 'utf8').catch(() => ''))
          .split('\n')
          .slice(-15)
          .join('\n');
        throw new Error(`the service exited with code ${child.exitCode} on start:\n${tail}`);
      }
      try {
        const response = await fetch(`${service.baseUrl}/health`);
        if (response.ok) {
          break;
        }
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) {
        await service.stop();
        throw new Error(`the service did not become healthy in 120 s; see ${options.logFile}`);
      }
      await sleep(200);
    }
    await service.login();
    return service;
  }

  private async login(): Promise<void> {
    const response = await fetch(`${this.baseUrl}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
    });
    if (!response.ok) {
      throw new Error(`login failed: ${response.status} ${await response.text()}`);
    }
    this.token = ((await response.json()) as { token: string }).token;
  }

  get authorization(): string {
    return `Bearer ${this.token}`;
  }

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('authorization', this.authorization);
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, { ...init, headers });
    } catch (error) {
      // A refused or reset connection usually means the service died: say so, with its exit code or signal.
      await sleep(500);
      const exit = this.process.exitCode ?? this.process.signalCode;
      if (exit !== null) {
        throw new Error(`${init.method ?? 'GET'} ${path}: the service exited (${exit}); see its log`, {
          cause: error,
        });
      }
      throw error;
    }
    if (!response.ok) {
      throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
    }
    return response;
  }

  async json<T>(path: string, init: RequestInit = {}): Promise<T> {
    return (await (await this.request(path, init)).json()) as T;
  }

  /** Reads a response to the end without keeping it; returns its size in bytes. */
  async drain(path: string): Promise<{ bytes: number; body?: Buffer }> {
    const response = await this.request(path);
    let bytes = 0;
    if (!response.body) {
      return { bytes };
    }
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.byteLength;
    }
    return { bytes };
  }

  async stop(): Promise<void> {
    if (this.process.exitCode !== null || this.process.signalCode !== null) {
      return;
    }
    const exited = once(this.process, 'exit');
    this.process.kill('SIGTERM');
    const timeout = sleep(30_000).then(() => 'timeout');
    if ((await Promise.race([exited, timeout])) === 'timeout') {
      this.process.kill('SIGKILL');
      await exited;
    }
  }
}

/**
 * Peak resident memory of a process over a phase. Resets the kernel's high-water mark (VmHWM) at the start
 * where allowed, and also polls VmRSS, so a phase's peak is its own and not the start-up's.
 */
export class MemoryWatch {
  private peakKb = 0;
  private readonly timer: NodeJS.Timeout;
  private hwmReset = false;

  private constructor(private readonly pid: number) {
    // unref: a step that fails before stop() must not keep the bench alive.
    this.timer = setInterval(() => void this.poll(), 50).unref();
  }

  static async start(pid: number): Promise<MemoryWatch> {
    const watch = new MemoryWatch(pid);
    try {
      await writeFile(`/proc/${pid}/clear_refs`, '5');
      watch.hwmReset = true;
    } catch {
      // Not allowed here: the VmRSS polling alone gives the figure.
    }
    await watch.poll();
    return watch;
  }

  private async status(): Promise<{ rss: number; hwm: number }> {
    const text = await readFile(`/proc/${this.pid}/status`, 'utf8');
    const field = (name: string): number => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(text)?.[1] ?? 0);
    return { rss: field('VmRSS'), hwm: field('VmHWM') };
  }

  private async poll(): Promise<void> {
    try {
      const { rss } = await this.status();
      this.peakKb = Math.max(this.peakKb, rss);
    } catch {
      // the process has gone
    }
  }

  /** Peak RSS in MB since start. */
  async stop(): Promise<number> {
    clearInterval(this.timer);
    try {
      const { rss, hwm } = await this.status();
      this.peakKb = Math.max(this.peakKb, rss, this.hwmReset ? hwm : 0);
    } catch {
      // the process has gone
    }
    return this.peakKb / 1024;
  }
}

/** Which processes are the database's: the service's own embedded server, or a PostgreSQL server of the machine. */
export type DatabaseProcesses = { kind: 'children-of'; pid: number } | { kind: 'all-postgres' };

async function processTable(): Promise<{ pid: number; ppid: number; comm: string }[]> {
  const rows: { pid: number; ppid: number; comm: string }[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) {
      continue;
    }
    try {
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid ...: comm may hold spaces, so read around the last parenthesis.
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const ppid = Number(stat.slice(close + 2).split(' ')[1]);
      rows.push({ pid: Number(entry), ppid, comm });
    } catch {
      // gone meanwhile
    }
  }
  return rows;
}

async function databasePids(which: DatabaseProcesses): Promise<number[]> {
  const table = await processTable();
  if (which.kind === 'all-postgres') {
    return table.filter((p) => p.comm === 'postgres' || p.comm.startsWith('postgres:')).map((p) => p.pid);
  }
  const found = new Set<number>([which.pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const p of table) {
      if (found.has(p.ppid) && !found.has(p.pid)) {
        found.add(p.pid);
        grew = true;
      }
    }
  }
  found.delete(which.pid);
  return [...found];
}

async function pssKb(pid: number): Promise<number> {
  try {
    const text = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8');
    return Number(/^Pss:\s+(\d+)/m.exec(text)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/**
 * The database's memory through a step: the sum of PSS over its processes (shared memory counted once across
 * them), sampled every second, with the service's RSS at the same moments for the peak of the two together.
 */
export class DatabaseMemoryWatch {
  private peakKb = 0;
  private peakTogetherKb = 0;
  private readonly timer: NodeJS.Timeout;
  private polling = false;
  private pids: number[] = [];
  private polls = 0;

  private constructor(
    private readonly servicePid: number,
    private readonly which: DatabaseProcesses,
  ) {
    // Cheap enough not to take CPU from the service it measures: a sample a second, the process list every fifth.
    this.timer = setInterval(() => void this.poll(), 1_000).unref();
  }

  static async start(servicePid: number, which: DatabaseProcesses): Promise<DatabaseMemoryWatch> {
    const watch = new DatabaseMemoryWatch(servicePid, which);
    await watch.poll();
    return watch;
  }

  private async poll(): Promise<void> {
    if (this.polling) {
      return;
    }
    this.polling = true;
    try {
      if (this.polls++ % 5 === 0) {
        this.pids = await databasePids(this.which);
      }
      let sum = 0;
      for (const pid of this.pids) {
        sum += await pssKb(pid);
      }
      const service = Number(
        /VmRSS:\s+(\d+)/.exec(
          await readFile(`/proc/${this.servicePid}/status`, 'utf8').catch(() => ''),
        )?.[1] ?? 0,
      );
      this.peakKb = Math.max(this.peakKb, sum);
      this.peakTogetherKb = Math.max(this.peakTogetherKb, sum + service);
    } finally {
      this.polling = false;
    }
  }

  /** Peak database PSS and peak service RSS + database PSS, in MB. */
  async stop(): Promise<{ databaseMb: number; togetherMb: number }> {
    clearInterval(this.timer);
    await this.poll();
    return { databaseMb: this.peakKb / 1024, togetherMb: this.peakTogetherKb / 1024 };
  }
}
