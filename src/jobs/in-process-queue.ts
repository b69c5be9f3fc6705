import { Logger } from '@nestjs/common';
import type { JobHandler, JobName, JobQueue } from './job-queue.js';

/**
 * The embedded database has one connection and one process: jobs run here, in order per queue, and are lost with
 * the process (start-up code marks what they left unfinished as interrupted).
 */
export class InProcessJobQueue implements JobQueue {
  readonly durable = false;
  private readonly handlers = new Map<JobName, JobHandler<object>>();
  private readonly waiting = new Map<JobName, object[]>();
  private readonly tails = new Map<JobName, Promise<void>>();
  private readonly running = new Set<Promise<void>>();
  private closed = false;

  constructor(private readonly logger: Pick<Logger, 'error'> = new Logger('Jobs')) {}

  send<T extends object>(name: JobName, data: T): Promise<void> {
    if (this.closed) {
      return Promise.reject(new Error(`The job queue is closed; "${name}" was not queued`));
    }
    const handler = this.handlers.get(name);
    if (!handler) {
      // Kept until a worker registers, as a durable queue would keep it.
      this.waiting.set(name, [...(this.waiting.get(name) ?? []), data]);
      return Promise.resolve();
    }
    this.schedule(name, handler, data);
    return Promise.resolve();
  }

  work<T extends object>(name: JobName, handler: JobHandler<T>): Promise<void> {
    if (this.handlers.has(name)) {
      return Promise.reject(new Error(`A worker for "${name}" is already registered`));
    }
    const typed = handler as JobHandler<object>;
    this.handlers.set(name, typed);
    for (const data of this.waiting.get(name) ?? []) {
      this.schedule(name, typed, data);
    }
    this.waiting.delete(name);
    return Promise.resolve();
  }

  async idle(): Promise<void> {
    while (this.running.size > 0) {
      await Promise.allSettled([...this.running]);
    }
  }

  /** Stops taking jobs and waits for those already started. */
  async close(): Promise<void> {
    this.closed = true;
    await this.idle();
  }

  private schedule(name: JobName, handler: JobHandler<object>, data: object): void {
    // One job at a time per queue; the next starts after the previous one ends, however it ends.
    const previous = this.tails.get(name) ?? Promise.resolve();
    const run = previous.then(async () => {
      // A macrotask first, so the sender's own transaction and response go out before the job starts.
      await new Promise<void>((resolve) => setImmediate(resolve));
      try {
        await handler(data);
      } catch (error) {
        this.logger.error(
          { message: 'Background job failed', job: name },
          error instanceof Error ? error.stack : undefined,
        );
      }
    });
    this.tails.set(name, run);
    this.running.add(run);
    void run.finally(() => {
      this.running.delete(run);
      if (this.tails.get(name) === run) {
        this.tails.delete(name);
      }
    });
  }
}
