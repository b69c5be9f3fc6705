import type { DataSource, EntityManager } from 'typeorm';
import {
  countAttempt,
  forgiveAttempt,
  SIGN_IN_LIMITS,
  signInKeys,
  type AttemptCount,
  type SignInKeyKind,
} from './domain/sign-in-limits.js';

/** Key kinds in the order their rows are locked: every sign-in locks in this order, so two never deadlock. */
const KINDS: SignInKeyKind[] = ['address', 'account-from-address', 'account'];
/** Rows idle this long (no lock in force) are removed as sign-ins go by. */
const FORGET_AFTER_HOURS = 24;

export type Reservation =
  | { allowed: true; locksStarted: SignInKeyKind[] }
  | { allowed: false; refusedBy: SignInKeyKind; retryAfterSeconds: number };

interface AttemptRow {
  key: string;
  attempts: number;
  window_started_at: Date;
  locked_until: Date | null;
}

/**
 * Counts sign-in attempts in the database, shared by every instance. `reserve` counts an attempt before its
 * password is checked, with the key rows locked: of concurrent guesses, only as many as the limit allows are
 * checked at all.
 */
export class SignInAttemptsStore {
  constructor(private readonly dataSource: DataSource) {}

  async reserve(email: string, address: string, now: Date): Promise<Reservation> {
    const keys = signInKeys(email, address);
    await this.forgetIdle(now);
    return this.dataSource.transaction(async (manager) => {
      const rows = await this.lockRows(manager, keys, now);
      const next: [string, AttemptCount][] = [];
      const locksStarted: SignInKeyKind[] = [];
      for (const kind of KINDS) {
        const decision = countAttempt(rows.get(keys[kind]), SIGN_IN_LIMITS[kind], now);
        if (!decision.allowed) {
          return { allowed: false, refusedBy: kind, retryAfterSeconds: decision.retryAfterSeconds };
        }
        next.push([keys[kind], decision.next]);
        if (decision.lockStarted) {
          locksStarted.push(kind);
        }
      }
      for (const [key, count] of next) {
        await this.write(manager, key, count);
      }
      return { allowed: true, locksStarted };
    });
  }

  /** A sign-in succeeded: the account's counts start again, and the address gets its attempt back. */
  async succeeded(email: string, address: string, now: Date): Promise<void> {
    const keys = signInKeys(email, address);
    await this.dataSource.transaction(async (manager) => {
      const rows = await this.lockRows(manager, keys, now);
      const addressCount = rows.get(keys.address);
      if (addressCount) {
        await this.write(manager, keys.address, forgiveAttempt(addressCount, SIGN_IN_LIMITS.address));
      }
      await manager.query('DELETE FROM sign_in_attempts WHERE key = ANY($1)', [
        [keys['account-from-address'], keys.account],
      ]);
    });
  }

  /** Lifts every count and lock on an account (the password reset from the server's shell). */
  async clearAccount(manager: EntityManager, email: string): Promise<void> {
    const { account } = signInKeys(email, '');
    await manager.query(`DELETE FROM sign_in_attempts WHERE key = $1 OR starts_with(key, $2)`, [
      account,
      `${account}|`,
    ]);
  }

  private async lockRows(
    manager: EntityManager,
    keys: Record<SignInKeyKind, string>,
    now: Date,
  ): Promise<Map<string, AttemptCount>> {
    const ordered = KINDS.map((kind) => keys[kind]);
    // The rows must exist to be locked; a new one counts nothing yet.
    await manager.query(
      `INSERT INTO sign_in_attempts (key, attempts, window_started_at)
       SELECT key, 0, $2 FROM unnest($1::varchar[]) WITH ORDINALITY AS k(key, n) ORDER BY n
       ON CONFLICT (key) DO NOTHING`,
      [ordered, now],
    );
    const rows = await manager.query<AttemptRow[]>(
      `SELECT key, attempts, window_started_at, locked_until FROM sign_in_attempts
        WHERE key = ANY($1) ORDER BY array_position($1, key) FOR UPDATE`,
      [ordered],
    );
    return new Map(
      rows
        .filter((row) => row.attempts > 0 || row.locked_until !== null)
        .map((row) => [
          row.key,
          { attempts: row.attempts, windowStartedAt: row.window_started_at, lockedUntil: row.locked_until },
        ]),
    );
  }

  /**
   * Removes rows idle for a day, a few at a time, on its own (outside any sign-in's transaction) and skipping rows
   * a sign-in holds, so it never waits on one.
   */
  private async forgetIdle(now: Date): Promise<void> {
    const before = new Date(now.getTime() - FORGET_AFTER_HOURS * 3600_000);
    await this.dataSource.query(
      `DELETE FROM sign_in_attempts WHERE key IN (
         SELECT key FROM sign_in_attempts
          WHERE window_started_at < $1 AND (locked_until IS NULL OR locked_until < $1)
          LIMIT 100 FOR UPDATE SKIP LOCKED)`,
      [before],
    );
  }

  private async write(manager: EntityManager, key: string, count: AttemptCount): Promise<void> {
    await manager.query(
      'UPDATE sign_in_attempts SET attempts = $2, window_started_at = $3, locked_until = $4 WHERE key = $1',
      [key, count.attempts, count.windowStartedAt, count.lockedUntil],
    );
  }
}
