// When the supervisor starts the service again after it stopped on its own (src/supervisor/supervisor.ts).

/** Exit code of a start-up refusal that starting again cannot cure (bad settings, data folder in use, port taken). */
export const EXIT_REFUSED = 78;

export interface RestartPolicy {
  /** A run shorter than this counts as a crash at start-up. */
  quickExitMs: number;
  /** Wait before starting again after a run that lasted, and after the first crash at start-up. */
  firstDelayMs: number;
  /** The longest wait: crashes at start-up in a row double the wait up to this. */
  maxDelayMs: number;
}

export const RESTART_POLICY: RestartPolicy = { quickExitMs: 30_000, firstDelayMs: 1_000, maxDelayMs: 60_000 };

export type ExitDecision = { restart: true; delayMs: number; quickCrashes: number } | { restart: false };

/**
 * What to do when the service exits by itself. A clean exit (0) and a refusal at start-up end the supervisor too;
 * anything else (a crash, a kill, the heap limit) starts it again, at once after a long run, and ever more slowly
 * while it keeps failing at start-up (e.g. its database not reachable).
 */
export function onExit(
  exit: { code: number | null; signal: string | null; ranMs: number },
  quickCrashesBefore: number,
  policy: RestartPolicy = RESTART_POLICY,
): ExitDecision {
  if (exit.signal === null && (exit.code === 0 || exit.code === EXIT_REFUSED)) {
    return { restart: false };
  }
  const quickCrashes = exit.ranMs < policy.quickExitMs ? quickCrashesBefore + 1 : 0;
  const delayMs = Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** Math.max(0, quickCrashes - 1));
  return { restart: true, delayMs, quickCrashes };
}

export function describeExit(exit: { code: number | null; signal: string | null }): string {
  return exit.signal ? `was killed (${exit.signal})` : `exited with code ${exit.code ?? 'unknown'}`;
}
