import { spawn, type ChildProcess } from 'node:child_process';
import { constants } from 'node:os';
import { describeExit, onExit, RESTART_POLICY, type RestartPolicy } from './restart-policy.js';

// The production start (`npm start`, the container) runs the service under this supervisor: `node supervisor.js
// <node flags...> dist/main.js`. It starts the service as a child process, passes SIGTERM / SIGINT on to it, and
// starts it again when it stops on its own (src/supervisor/restart-policy.ts). The service is told why it was
// started again (VIGIL_RESTART_REASON) and records that in the audit trail.

const policy: RestartPolicy = {
  ...RESTART_POLICY,
  ...(process.env.VIGIL_SUPERVISOR_FIRST_DELAY_MS
    ? { firstDelayMs: Number(process.env.VIGIL_SUPERVISOR_FIRST_DELAY_MS) }
    : {}),
};
const json = (process.env.LOG_FORMAT ?? (process.env.NODE_ENV === 'production' ? 'json' : 'text')) === 'json';
const args = process.argv.slice(2);

let child: ChildProcess | undefined;
let stopping: NodeJS.Signals | undefined;
let pending: NodeJS.Timeout | undefined;
let quickCrashes = 0;
let restarts = 0;
let reason: string | undefined;

function log(level: 'log' | 'error', message: string): void {
  const line = json
    ? JSON.stringify({ level, pid: process.pid, timestamp: Date.now(), message, context: 'Supervisor' })
    : `[Supervisor] ${process.pid} - ${new Date().toISOString()} ${level.toUpperCase()} ${message}`;
  (level === 'log' ? process.stdout : process.stderr).write(`${line}\n`);
}

function start(): void {
  pending = undefined;
  const started = Date.now();
  const service = spawn(process.execPath, args, {
    stdio: 'inherit',
    env: {
      ...process.env,
      ...(reason ? { VIGIL_RESTART_REASON: reason, VIGIL_RESTARTS: String(restarts) } : {}),
    },
  });
  child = service;
  service.on('exit', (code, signal) => {
    child = undefined;
    if (stopping) {
      process.exit(code ?? 128 + (constants.signals[stopping] ?? 15));
    }
    const exit = { code, signal, ranMs: Date.now() - started };
    const decision = onExit(exit, quickCrashes, policy);
    if (!decision.restart) {
      if (code !== 0) {
        log(
          'error',
          `The service ${describeExit(exit)}: it refused to start; not started again (see above).`,
        );
      }
      process.exit(code ?? 1);
    }
    quickCrashes = decision.quickCrashes;
    restarts++;
    reason = `the service ${describeExit(exit)} after ${Math.round(exit.ranMs / 1000)} s`;
    log(
      'error',
      `Service stopped: ${reason}; starting it again in ${decision.delayMs / 1000} s (restart ${restarts}` +
        `${quickCrashes > 1 ? `, ${quickCrashes} failed starts in a row` : ''}).`,
    );
    pending = setTimeout(start, decision.delayMs);
  });
}

function stop(signal: NodeJS.Signals): void {
  stopping = signal;
  if (child) {
    child.kill(signal);
  } else {
    clearTimeout(pending);
    process.exit(0);
  }
}

process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
log('log', `Supervising the service (node ${args.join(' ')}); it is started again if it stops on its own.`);
start();
