import { Global, Inject, Module, type BeforeApplicationShutdown } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { connectionUrl } from '../database/data-source.js';
import { JOB_QUEUE, type JobQueue } from './job-queue.js';
import { PgBossJobQueue } from './pg-boss-queue.js';

/** Jobs in the database (pg-boss), shared by every instance on it: DATABASE_URL's server or the embedded one. */
export async function createJobQueue(config: AppConfig, dataSource: DataSource): Promise<PgBossJobQueue> {
  return PgBossJobQueue.start({
    connectionString: connectionUrl(dataSource),
    timeoutSeconds: config.jobs.timeoutSeconds,
  });
}

@Global()
@Module({
  providers: [
    {
      provide: JOB_QUEUE,
      inject: [APP_CONFIG, getDataSourceToken()],
      useFactory: (config: AppConfig, dataSource: DataSource) => createJobQueue(config, dataSource),
    },
  ],
  exports: [JOB_QUEUE],
})
export class JobsModule implements BeforeApplicationShutdown {
  constructor(@Inject(JOB_QUEUE) private readonly queue: JobQueue) {}

  async beforeApplicationShutdown(): Promise<void> {
    if (this.queue instanceof PgBossJobQueue) {
      await this.queue.close();
    }
  }
}
