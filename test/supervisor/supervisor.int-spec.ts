import { afterAll, afterEach, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { tempFolder } from '../../src/imports/domain/testing/temp-files.js';
import { startTestApp } from '../support/test-app.js';

// The supervisor of `npm start` as a process, around a stand-in service that records each start (its pid and why
// it was started again) and then runs, crashes or refuses as told.

const folder = tempFolder();
const FAKE_SERVICE = `
const { appendFileSync } = require('node:fs');
appendFileSync(process.env.STARTS_FILE, JSON.stringify({ pid: process.pid, reason: process.env.VIGIL_RESTART_REASON ?? null }) + '\\n');
const mode = process.env.FAKE_MODE;
if (mode === 'crash') process.exit(3);
if (mode === 'refuse') { console.error('Vigil cannot start: PORT must be a number'); process.exit(78); }
process.on('SIGTERM', () => process.exit(0));
setInterval(() => {}, 1000);
`;

interface Start {
  pid: number;
  reason: string | null;
}

let supervisor: ChildProcess | undefined;
let output = '';

function supervise(mode: string, name: string): { starts: () => Promise<Start[]> } {
  const script = folder.write(`${name}.cjs`, FAKE_SERVICE);
  const startsFile = folder.write(`${name}.starts`, '');
  output = '';
  supervisor = spawn(
    process.execPath,
    ['--import', './scripts/ts-loader.js', 'src/supervisor/supervisor.ts', script],
    {
      env: {
        ...process.env,
        STARTS_FILE: startsFile,
        FAKE_MODE: mode,
        VIGIL_SUPERVISOR_FIRST_DELAY_MS: '100',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  supervisor.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  supervisor.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return {
    starts: async () =>
      (await readFile(startsFile, 'utf8'))
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Start),
  };
}

async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > deadline) {
      return value;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

afterEach(async () => {
  if (supervisor && supervisor.exitCode === null && supervisor.signalCode === null) {
    supervisor.kill('SIGKILL');
    await once(supervisor, 'exit');
  }
  supervisor = undefined;
});

afterAll(() => folder.remove());

describe('the supervisor', () => {
  it('starts the service again when it is killed, saying why, and stops it with itself', async () => {
    const { starts } = supervise('run', 'killed');
    const [first] = await until(starts, (s) => s.length === 1);
    expect(first?.reason).toBeNull();

    process.kill(first?.pid ?? 0, 'SIGKILL');
    const after = await until(starts, (s) => s.length === 2);

    expect(after[1]?.pid).not.toBe(first?.pid);
    expect(after[1]?.reason).toMatch(/^the service was killed \(SIGKILL\) after \d+ s$/);
    expect(output).toMatch(
      /Service stopped: the service was killed \(SIGKILL\).*starting it again in 0.1 s \(restart 1\)/,
    );

    const exited = once(supervisor as ChildProcess, 'exit');
    supervisor?.kill('SIGTERM');
    const [code] = (await exited) as [number | null];
    expect(code).toBe(0);
    // The service went with it.
    expect(() => process.kill(after[1]?.pid ?? 0, 0)).toThrow();
  });

  it('waits longer after each crash at start-up', async () => {
    const { starts } = supervise('crash', 'crashing');
    const seen = await until(starts, (s) => s.length >= 4, 10_000);

    expect(seen.length).toBeGreaterThanOrEqual(4);
    expect(output).toContain('starting it again in 0.1 s (restart 1)');
    expect(output).toContain('starting it again in 0.2 s (restart 2, 2 failed starts in a row)');
    expect(output).toContain('starting it again in 0.4 s (restart 3, 3 failed starts in a row)');
  });

  it('does not start again a service that refused to start, and exits with its code', async () => {
    const { starts } = supervise('refuse', 'refusing');
    const [code] = (await once(supervisor as ChildProcess, 'exit')) as [number | null];

    expect(code).toBe(78);
    expect(await starts()).toHaveLength(1);
    expect(output).toContain('Vigil cannot start: PORT must be a number');
    expect(output).toContain('not started again');
  });
});

describe('a service started again by its supervisor', () => {
  it('records the restart and its reason in the audit trail', async () => {
    const sut = await startTestApp({
      VIGIL_RESTART_REASON: 'the service was killed (SIGKILL) after 42 s',
      VIGIL_RESTARTS: '2',
    });
    try {
      const trail = await sut.as('auditor').get('/audit?action=service.restarted').expect(200);
      expect(trail.body.items).toEqual([
        expect.objectContaining({
          actor: 'supervisor',
          summary: { reason: 'the service was killed (SIGKILL) after 42 s', restarts: 2 },
        }),
      ]);
    } finally {
      await sut.close();
    }
  });
});
