import type { EntityManager } from 'typeorm';

/** The background jobs the service runs; each name is a queue. */
export const JOB_NAMES = ['import', 'rescore', 'portfolio-report', 'screening'] as const;
export type JobName = (typeof JOB_NAMES)[number];

/** Which run of a job this is: a handler that throws is run again until its last attempt. */
export interface JobAttempt {
  /** 1 for the first run. */
  number: number;
  /** No run follows this one: a handler should record a failure for good rather than throw. */
  last: boolean;
}

export type JobHandler<T> = (data: T, attempt: JobAttempt) => Promise<void>;

/**
 * Background work, claimed by exactly one worker. The jobs live in the database (pg-boss) and survive the instance
 * that sent or held them.
 * Handlers must be safe to run again: after a crash, or when a handler throws, a job is handed to a worker again
 * from the start (a few times, a little later each time).
 */
export interface JobQueue {
  /**
   * Queues a job. With `manager`, the job is written in that transaction, so the job exists exactly when the rows
   * it works on do.
   */
  send<T extends object>(name: JobName, data: T, manager?: EntityManager): Promise<void>;
  /** Runs `handler` for every job of that name this instance claims, one at a time. */
  work<T extends object>(name: JobName, handler: JobHandler<T>): Promise<void>;
  /**
   * Jobs were just committed (sent in a transaction that has ended): this instance's idle workers look now rather
   * than at their next poll.
   */
  nudge(): void;
  /** Resolves once no job is waiting or running in the queues this instance works on (tests, shutdown). */
  idle(): Promise<void>;
}

export const JOB_QUEUE = Symbol('JOB_QUEUE');
