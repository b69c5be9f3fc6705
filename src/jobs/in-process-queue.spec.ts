import { describe, expect, it } from '@jest/globals';
import { InProcessJobQueue } from './in-process-queue.js';

interface Payload {
  n: number;
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe(InProcessJobQueue.name, () => {
  it('is not durable: its jobs end with the process', () => {
    expect(new InProcessJobQueue().durable).toBe(false);
  });

  it('runs the jobs of one queue one at a time, in the order they were sent', async () => {
    const queue = new InProcessJobQueue();
    const events: string[] = [];
    const gate = deferred();
    await queue.work<Payload>('import', async ({ n }) => {
      events.push(`start ${n}`);
      if (n === 1) {
        await gate.promise;
      }
      events.push(`end ${n}`);
    });
    await queue.send<Payload>('import', { n: 1 });
    await queue.send<Payload>('import', { n: 2 });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(events).toEqual(['start 1']);
    gate.resolve();
    await queue.idle();
    expect(events).toEqual(['start 1', 'end 1', 'start 2', 'end 2']);
  });

  it('lets different queues run side by side', async () => {
    const queue = new InProcessJobQueue();
    const gate = deferred();
    const done: string[] = [];
    await queue.work<Payload>('import', async () => {
      await gate.promise;
      done.push('import');
    });
    await queue.work<Payload>('rescore', () => {
      done.push('rescore');
      return Promise.resolve();
    });
    await queue.send<Payload>('import', { n: 1 });
    await queue.send<Payload>('rescore', { n: 2 });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(done).toEqual(['rescore']);
    gate.resolve();
    await queue.idle();
    expect(done).toEqual(['rescore', 'import']);
  });

  it('keeps jobs sent before a worker registers and runs them once it does', async () => {
    const queue = new InProcessJobQueue();
    const seen: number[] = [];
    await queue.send<Payload>('portfolio-report', { n: 7 });
    await queue.send<Payload>('portfolio-report', { n: 8 });
    await queue.work<Payload>('portfolio-report', ({ n }) => {
      seen.push(n);
      return Promise.resolve();
    });
    await queue.idle();
    expect(seen).toEqual([7, 8]);
  });

  it('logs a failed job and goes on with the next one', async () => {
    const logged: unknown[] = [];
    const queue = new InProcessJobQueue({ error: (message: unknown) => logged.push(message) });
    const seen: number[] = [];
    await queue.work<Payload>('import', ({ n }) => {
      if (n === 1) {
        return Promise.reject(new Error('broken file'));
      }
      seen.push(n);
      return Promise.resolve();
    });
    await queue.send<Payload>('import', { n: 1 });
    await queue.send<Payload>('import', { n: 2 });
    await queue.idle();
    expect(seen).toEqual([2]);
    expect(logged).toEqual([{ message: 'Background job failed', job: 'import' }]);
  });

  it('refuses a second worker for the same queue', async () => {
    const queue = new InProcessJobQueue();
    await queue.work('import', () => Promise.resolve());
    await expect(queue.work('import', () => Promise.resolve())).rejects.toThrow(/already registered/);
  });

  it('waits for started jobs when closed and refuses new ones afterwards', async () => {
    const queue = new InProcessJobQueue();
    const gate = deferred();
    let finished = false;
    await queue.work<Payload>('import', async () => {
      await gate.promise;
      finished = true;
    });
    await queue.send<Payload>('import', { n: 1 });
    const closing = queue.close();
    gate.resolve();
    await closing;
    expect(finished).toBe(true);
    await expect(queue.send<Payload>('import', { n: 2 })).rejects.toThrow(/closed/);
  });
});
