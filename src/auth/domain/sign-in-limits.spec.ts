import { describe, expect, it } from '@jest/globals';
import {
  countAttempt,
  forgiveAttempt,
  signInKeys,
  type AttemptCount,
  type SignInLimit,
} from './sign-in-limits.js';

const LIMIT: SignInLimit = { max: 3, windowSeconds: 600, lockSeconds: 300 };
const T0 = new Date('2026-12-07T10:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

function run(times: number[], start?: AttemptCount) {
  let count = start;
  return times.map((seconds) => {
    const decision = countAttempt(count, LIMIT, at(seconds));
    if (decision.allowed) {
      count = decision.next;
    }
    return decision;
  });
}

describe('countAttempt', () => {
  it('lets the first attempt through and starts the window', () => {
    expect(countAttempt(undefined, LIMIT, T0)).toEqual({
      allowed: true,
      lockStarted: false,
      next: { attempts: 1, windowStartedAt: T0, lockedUntil: null },
    });
  });

  it('checks the attempt that reaches the limit, locks with it, and refuses the next until the lock ends', () => {
    const [first, second, third, fourth] = run([0, 10, 20, 30]);

    expect(first).toMatchObject({ allowed: true, lockStarted: false });
    expect(second).toMatchObject({ allowed: true, lockStarted: false });
    expect(third).toMatchObject({
      allowed: true,
      lockStarted: true,
      next: { attempts: 3, lockedUntil: at(320) },
    });
    expect(fourth).toEqual({ allowed: false, retryAfterSeconds: 290 });
  });

  it('does not lengthen a lock for attempts made while it holds', () => {
    const decisions = run([0, 1, 2, 100, 200, 301]);

    expect(decisions.slice(3)).toEqual([
      { allowed: false, retryAfterSeconds: 202 },
      { allowed: false, retryAfterSeconds: 102 },
      { allowed: false, retryAfterSeconds: 1 },
    ]);
  });

  it('starts counting afresh once a lock has ended', () => {
    const decisions = run([0, 1, 2, 302]);

    expect(decisions[3]).toMatchObject({
      allowed: true,
      lockStarted: false,
      next: { attempts: 1, windowStartedAt: at(302), lockedUntil: null },
    });
  });

  it('forgets attempts older than the window', () => {
    const decisions = run([0, 10, 610]);

    expect(decisions[2]).toMatchObject({ allowed: true, next: { attempts: 1, windowStartedAt: at(610) } });
  });

  it('counts attempts within the window towards the limit', () => {
    const decisions = run([0, 599, 599.5]);

    expect(decisions[2]).toMatchObject({ allowed: true, lockStarted: true, next: { attempts: 3 } });
  });
});

describe('forgiveAttempt', () => {
  it('takes back one attempt and lifts the lock it started', () => {
    const locked: AttemptCount = { attempts: 3, windowStartedAt: T0, lockedUntil: at(300) };

    expect(forgiveAttempt(locked, LIMIT)).toEqual({ attempts: 2, windowStartedAt: T0, lockedUntil: null });
  });

  it('keeps a lock earned by more failures than the one forgiven', () => {
    const locked: AttemptCount = { attempts: 5, windowStartedAt: T0, lockedUntil: at(300) };

    expect(forgiveAttempt(locked, LIMIT).lockedUntil).toEqual(at(300));
    expect(forgiveAttempt({ attempts: 0, windowStartedAt: T0, lockedUntil: null }, LIMIT).attempts).toBe(0);
  });
});

describe('signInKeys', () => {
  it('names the address, the account from that address, and the account', () => {
    expect(signInKeys('a@x.test', '203.0.113.7')).toEqual({
      address: 'address:203.0.113.7',
      'account-from-address': 'account:a@x.test|address:203.0.113.7',
      account: 'account:a@x.test',
    });
  });
});
