import { Module } from '@nestjs/common';
import { UploadsModule } from '../common/http/uploads.module.js';
import { RulesModule } from '../rules/rules.module.js';
import { ListEditionsService } from './list-editions.service.js';
import { ScreeningController } from './screening.controller.js';
import { ScreeningRepository } from './screening.repository.js';
import { ScreeningService } from './screening.service.js';

@Module({
  imports: [RulesModule, UploadsModule],
  controllers: [ScreeningController],
  providers: [ListEditionsService, ScreeningRepository, ScreeningService],
  exports: [ScreeningService, ScreeningRepository, ListEditionsService],
})
export class ScreeningModule {}
