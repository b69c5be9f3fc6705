import { Global, Module } from '@nestjs/common';
import { AuditController } from './audit.controller.js';
import { AuditChainService } from './audit-chain.service.js';
import { AuditService } from './audit.service.js';
import { RefusedRequestAudit } from './refused-requests.js';
import { ServiceRestartAudit } from './service-restart-audit.js';

@Global()
@Module({
  controllers: [AuditController],
  providers: [AuditService, AuditChainService, RefusedRequestAudit, ServiceRestartAudit],
  exports: [AuditService, AuditChainService, RefusedRequestAudit],
})
export class AuditModule {}
