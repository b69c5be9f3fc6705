import { Logger } from '@nestjs/common';
import PgBoss from 'pg-boss';
import type { EntityManager } from 'typeorm';
import { JOB_NAMES, type JobHandler, type JobName, type JobQueue } from './job-queue.js';

export interface PgBossQueueOptions {
  connectionString: string;
  /** An active job older than this is taken to be lost with its instance and handed to another worker. */
  timeoutSeconds: number;
  /** How often a worker looks for new jobs. */
  pollingIntervalSeconds?: number;
}

// pg-boss keeps its own tables in this schema and upgrades them itself (see docs/scaling.md).
const SCHEMA = 'pgboss';
// A job is run again when its worker vanished (timeout) or its handler threw (the database went away under it);
// handlers record failures for good themselves and return. Runs after the first wait 2, 4, 8 s.
const RETRY_LIMIT = 3;
const RETRY_DELAY_SECONDS = 2;
/** How long closing waits for running jobs. */
const CLOSE_WAIT_MS = 30_000;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Jobs kept in PostgreSQL by pg-boss: any instance may claim a job, and a job survives the one that held it. */
export class PgBossJobQueue implements JobQueue {
  private readonly logger = new Logger('Jobs');
  private readonly worked = new Set<JobName>();
  private readonly workers: Promise<void>[] = [];
  private readonly wakers = new Set<() => void>();
  private stopping = false;

  private constructor(
    private readonly boss: PgBoss,
    private readonly options: PgBossQueueOptions,
  ) {}

  static async start(options: PgBossQueueOptions): Promise<PgBossJobQueue> {
    const boss = new PgBoss({
      connectionString: options.connectionString,
      schema: SCHEMA,
      application_name: 'vigil-jobs',
      max: 4,
      // Expiry is checked by the maintenance pass: run it often enough that a lost job waits about its timeout.
      maintenanceIntervalSeconds: Math.max(1, Math.min(120, Math.floor(options.timeoutSeconds / 4))),
      // The state monitor and the cron scheduler are not used.
      schedule: false,
    });
    const queue = new PgBossJobQueue(boss, options);
    boss.on('error', (error: Error) => queue.logger.error(`Job queue: ${error.message}`, error.stack));
    await boss.start();
    for (const name of JOB_NAMES) {
      // Idempotent: every instance declares the queues at start; the first one creates them.
      await boss.createQueue(name, {
        name,
        retryLimit: RETRY_LIMIT,
        retryDelay: RETRY_DELAY_SECONDS,
        retryBackoff: true,
        expireInSeconds: options.timeoutSeconds,
      });
    }
    return queue;
  }

  async send<T extends object>(name: JobName, data: T, manager?: EntityManager): Promise<void> {
    const runner = manager?.queryRunner;
    await this.boss.send(name, data, {
      retryLimit: RETRY_LIMIT,
      retryDelay: RETRY_DELAY_SECONDS,
      retryBackoff: true,
      expireInSeconds: this.options.timeoutSeconds,
      // Inside the caller's transaction: the job is committed, or rolled back, with the rows it works on.
      ...(runner
        ? {
            db: {
              executeSql: async (text: string, values: unknown[]) => ({
                rows: (await runner.query(text, values, true)).records as unknown[],
              }),
            },
          }
        : {}),
    });
  }

  async work<T extends object>(name: JobName, handler: JobHandler<T>): Promise<void> {
    if (this.worked.has(name)) {
      throw new Error(`A worker for "${name}" is already registered`);
    }
    this.worked.add(name);
    this.workers.push(this.claimJobs(name, handler));
    return Promise.resolve();
  }

  /**
   * Claims the queue's jobs one at a time and runs each to its end, however long it takes. (pg-boss's own worker
   * fails a job whose handler runs longer than its expiry and hands it out again while the first run goes on, so a
   * long import ran two or three times at once.) An instance that vanishes stops the heartbeat, and the queue's
   * maintenance hands its job to another instance about one timeout later.
   */
  private async claimJobs<T extends object>(name: JobName, handler: JobHandler<T>): Promise<void> {
    const pollMs = (this.options.pollingIntervalSeconds ?? 0.5) * 1000;
    while (!this.stopping) {
      let jobs: PgBoss.JobWithMetadata<T>[] = [];
      try {
        jobs = await this.boss.fetch<T>(name, { batchSize: 1, includeMetadata: true });
      } catch (error) {
        this.logger.error(`Job queue: cannot claim a ${name} job: ${messageOf(error)}`);
      }
      if (jobs.length === 0) {
        await this.pause(pollMs);
        continue;
      }
      for (const job of jobs) {
        const heartbeat = this.keepAlive(name, job.id);
        try {
          await handler(job.data, { number: job.retryCount + 1, last: job.retryCount >= job.retryLimit });
          await this.boss.complete(name, job.id);
        } catch (error) {
          // Run again after the retry delay, up to the retry limit (the handler was told which run is its last).
          await this.boss
            .fail(name, job.id, { message: messageOf(error) })
            .catch((failure: unknown) =>
              this.logger.error(
                `Job queue: cannot record the failure of a ${name} job: ${messageOf(failure)}`,
              ),
            );
        } finally {
          clearInterval(heartbeat);
        }
      }
    }
  }

  nudge(): void {
    for (const wake of [...this.wakers]) {
      wake();
    }
  }

  /** Waits between polls; cut short when the queue closes or is nudged. */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wakers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakers.add(done);
    });
  }

  /**
   * pg-boss 10 has no heartbeat: an active job expires `timeoutSeconds` after it started, even while its worker
   * is busy. Moving its start forward while the handler runs keeps a long job with its worker, so the timeout
   * only has to cover a vanished instance (a job then waits about one timeout before another instance resumes it).
   */
  private keepAlive(name: JobName, id: string): NodeJS.Timeout {
    const timer = setInterval(
      () => {
        this.boss
          .getDb()
          .executeSql(
            `UPDATE ${SCHEMA}.job SET started_on = now() WHERE name = $1 AND id = $2 AND state = 'active'`,
            [name, id],
          )
          .catch((error: unknown) =>
            this.logger.warn(
              `Job heartbeat failed: ${error instanceof Error ? error.message : String(error)}`,
            ),
          );
      },
      Math.max(500, (this.options.timeoutSeconds * 1000) / 4),
    );
    timer.unref();
    return timer;
  }

  async idle(): Promise<void> {
    for (;;) {
      let pending = 0;
      for (const name of this.worked) {
        // Counts created, retry and active jobs, whichever instance holds them.
        pending += await this.boss.getQueueSize(name, { before: 'completed' });
      }
      if (pending === 0) {
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /**
   * Stops claiming jobs, lets running ones finish (up to 30 s; a job still running then is handed out again after
   * the timeout, as if the instance had vanished), and closes the pool.
   */
  async close(): Promise<void> {
    this.stopping = true;
    for (const wake of [...this.wakers]) {
      wake();
    }
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled(this.workers),
      new Promise((resolve) => (timer = setTimeout(resolve, CLOSE_WAIT_MS))),
    ]);
    clearTimeout(timer);
    await this.boss.stop({ graceful: true, wait: true, timeout: CLOSE_WAIT_MS });
  }
}
