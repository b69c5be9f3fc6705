import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { AuditService } from './audit.service.js';

/** A start after the service stopped on its own (the supervisor says so) is an event in the audit trail. */
@Injectable()
export class ServiceRestartAudit implements OnApplicationBootstrap {
  private readonly logger = new Logger('Supervisor');

  constructor(
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const restarted = this.config.restartedAfter;
    if (!restarted) {
      return;
    }
    this.logger.warn(`Started again: ${restarted.reason} (restart ${restarted.restarts})`);
    await this.audit.record({
      action: 'service.restarted',
      targetType: 'service',
      summary: { reason: restarted.reason, restarts: restarted.restarts },
      actor: { id: null, label: 'supervisor', role: null },
    });
  }
}
