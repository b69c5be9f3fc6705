import { Global, Inject, Module, type BeforeApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { InProcessJobQueue } from './in-process-queue.js';
import { JOB_QUEUE, type JobQueue } from './job-queue.js';
import { PgBossJobQueue } from './pg-boss-queue.js';

/** On PostgreSQL, jobs in the database (pg-boss) shared by every instance; on the embedded database, in-process. */
export async function createJobQueue(config: AppConfig): Promise<PgBossJobQueue | InProcessJobQueue> {
  if (config.database.kind === 'postgres') {
    return PgBossJobQueue.start({
      connectionString: config.database.url,
      timeoutSeconds: config.jobs.timeoutSeconds,
    });
  }
  return new InProcessJobQueue();
}

@Global()
@Module({
  providers: [
    {
      provide: JOB_QUEUE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => createJobQueue(config),
    },
  ],
  exports: [JOB_QUEUE],
})
export class JobsModule implements BeforeApplicationShutdown {
  constructor(@Inject(JOB_QUEUE) private readonly queue: JobQueue) {}

  async beforeApplicationShutdown(): Promise<void> {
    if (this.queue instanceof PgBossJobQueue || this.queue instanceof InProcessJobQueue) {
      await this.queue.close();
    }
  }
}
