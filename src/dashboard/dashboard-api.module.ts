import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { RulesModule } from '../rules/rules.module.js';
import { SuppliersModule } from '../suppliers/suppliers.module.js';
import { DashboardController } from './dashboard.controller.js';
import { DashboardRepository } from './dashboard.repository.js';
import { DashboardService } from './dashboard.service.js';
import { DataGapsRepository } from './data-gaps.repository.js';
import { DataGapsService } from './data-gaps.service.js';

@Module({
  imports: [AuditModule, RulesModule, SuppliersModule],
  controllers: [DashboardController],
  providers: [DashboardRepository, DashboardService, DataGapsRepository, DataGapsService],
})
export class DashboardApiModule {}
