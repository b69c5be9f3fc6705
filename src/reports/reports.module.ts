import { Module } from '@nestjs/common';
import { AssessmentsModule } from '../assessments/assessments.module.js';
import { UploadsModule } from '../common/http/uploads.module.js';
import { RulesModule } from '../rules/rules.module.js';
import { ScreeningModule } from '../screening/screening.module.js';
import { SuppliersModule } from '../suppliers/suppliers.module.js';
import { ReportsController } from './reports.controller.js';
import { ReportsRepository } from './reports.repository.js';
import { ReportsService } from './reports.service.js';

@Module({
  imports: [AssessmentsModule, RulesModule, ScreeningModule, SuppliersModule, UploadsModule],
  controllers: [ReportsController],
  providers: [ReportsRepository, ReportsService],
})
export class ReportsModule {}
