import { Global, Module } from '@nestjs/common';
import { AuditController } from './audit.controller.js';
import { AuditChainService } from './audit-chain.service.js';
import { AuditService } from './audit.service.js';

@Global()
@Module({
  controllers: [AuditController],
  providers: [AuditService, AuditChainService],
  exports: [AuditService, AuditChainService],
})
export class AuditModule {}
