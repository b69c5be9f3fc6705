import { describe, expect, it } from '@jest/globals';
import { describeExit, EXIT_REFUSED, onExit, RESTART_POLICY } from './restart-policy.js';

const crashAfter = (ranMs: number) => ({ code: 1, signal: null, ranMs });

describe('onExit', () => {
  it('starts a service that ran a while again after a second, whatever killed it', () => {
    expect(onExit(crashAfter(3_600_000), 0)).toEqual({ restart: true, delayMs: 1_000, quickCrashes: 0 });
    expect(onExit({ code: null, signal: 'SIGKILL', ranMs: 45_000 }, 4)).toEqual({
      restart: true,
      delayMs: 1_000,
      quickCrashes: 0,
    });
  });

  it('waits twice as long after each crash at start-up in a row, up to a minute', () => {
    const delays: number[] = [];
    let quick = 0;
    for (let i = 0; i < 9; i++) {
      const decision = onExit(crashAfter(2_000), quick);
      if (!decision.restart) {
        throw new Error('expected a restart');
      }
      delays.push(decision.delayMs);
      quick = decision.quickCrashes;
    }

    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000]);
  });

  it('does not start again a service that stopped cleanly or refused to start', () => {
    expect(onExit({ code: 0, signal: null, ranMs: 10 }, 0)).toEqual({ restart: false });
    expect(onExit({ code: EXIT_REFUSED, signal: null, ranMs: 10 }, 3)).toEqual({ restart: false });
  });

  it('counts a run of exactly the start-up window as a run that lasted', () => {
    expect(onExit(crashAfter(RESTART_POLICY.quickExitMs), 5)).toMatchObject({ quickCrashes: 0 });
    expect(onExit(crashAfter(RESTART_POLICY.quickExitMs - 1), 5)).toMatchObject({ quickCrashes: 6 });
  });
});

describe('describeExit', () => {
  it('names the signal or the exit code', () => {
    expect(describeExit({ code: null, signal: 'SIGKILL' })).toBe('was killed (SIGKILL)');
    expect(describeExit({ code: 134, signal: null })).toBe('exited with code 134');
  });
});
