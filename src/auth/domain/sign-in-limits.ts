// How many sign-in attempts a key may make, and what happens past that. The keys are an address, an account seen
// from one address, and an account from anywhere; each has its own window and lock. The decision is taken before
// the password is checked, in the same step that counts the attempt (src/auth/sign-in-attempts.store.ts holds
// the key's row locked meanwhile), so concurrent guesses cannot all slip under the limit.

export interface SignInLimit {
  /** Attempts counted in one window; the attempt that reaches this number is the last one checked. */
  max: number;
  windowSeconds: number;
  /** How long the key is refused once it reached `max`. */
  lockSeconds: number;
}

export type SignInKeyKind = 'address' | 'account-from-address' | 'account';

/**
 * Limits per key kind. One address may guess one account's password five times per quarter hour (so a guesser is
 * slowed without locking the account for anyone else), and twenty times across all accounts (password
 * spraying). Fifty failures on one account from many addresses lock it for everybody, but only for five minutes:
 * a distributed attack cannot keep an administrator out for long, and `npm run user:reset-password` is the way
 * back in from the server's shell.
 */
export const SIGN_IN_LIMITS: Record<SignInKeyKind, SignInLimit> = {
  'account-from-address': { max: 5, windowSeconds: 15 * 60, lockSeconds: 15 * 60 },
  address: { max: 20, windowSeconds: 15 * 60, lockSeconds: 15 * 60 },
  account: { max: 50, windowSeconds: 15 * 60, lockSeconds: 5 * 60 },
};

export interface AttemptCount {
  attempts: number;
  windowStartedAt: Date;
  lockedUntil: Date | null;
}

export type AttemptDecision =
  { allowed: true; next: AttemptCount; lockStarted: boolean } | { allowed: false; retryAfterSeconds: number };

/** Counts one attempt against `current` (undefined: the key's first), or refuses it while the key is locked. */
export function countAttempt(
  current: AttemptCount | undefined,
  limit: SignInLimit,
  now: Date,
): AttemptDecision {
  if (current?.lockedUntil && current.lockedUntil > now) {
    // A refused attempt is not counted: hammering a locked key does not make the lock longer.
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil((current.lockedUntil.getTime() - now.getTime()) / 1000)),
    };
  }
  const fresh =
    !current ||
    current.lockedUntil !== null ||
    now.getTime() - current.windowStartedAt.getTime() >= limit.windowSeconds * 1000;
  const attempts = fresh ? 1 : current.attempts + 1;
  const lockStarted = attempts >= limit.max;
  return {
    allowed: true,
    lockStarted,
    next: {
      attempts,
      windowStartedAt: fresh ? now : current.windowStartedAt,
      lockedUntil: lockStarted ? new Date(now.getTime() + limit.lockSeconds * 1000) : null,
    },
  };
}

/**
 * Takes back one counted attempt that turned out to be a successful sign-in (for the address: a user who signs in
 * is not guessing); the lock it may have started is lifted if the count drops below the limit.
 */
export function forgiveAttempt(current: AttemptCount, limit: SignInLimit): AttemptCount {
  const attempts = Math.max(0, current.attempts - 1);
  return { ...current, attempts, lockedUntil: attempts < limit.max ? null : current.lockedUntil };
}

/** The row keys of one sign-in: the address's, the account's from that address, and the account's. */
export function signInKeys(email: string, address: string): Record<SignInKeyKind, string> {
  return {
    address: `address:${address}`,
    'account-from-address': `account:${email}|address:${address}`,
    account: `account:${email}`,
  };
}
