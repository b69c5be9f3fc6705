import { Module } from '@nestjs/common';
import { UploadsModule } from '../common/http/uploads.module.js';
import { RulesModule } from '../rules/rules.module.js';
import { ScreeningModule } from '../screening/screening.module.js';
import { ImportApplier } from './import-applier.js';
import { ImportBatchesRepository } from './import-batches.repository.js';
import { ImportService } from './import.service.js';
import { ImportMappingService } from './import-mapping.service.js';
import { ImportPreviewService } from './import-preview.service.js';
import { ImportsController } from './imports.controller.js';

@Module({
  imports: [RulesModule, UploadsModule, ScreeningModule],
  controllers: [ImportsController],
  providers: [
    ImportBatchesRepository,
    ImportApplier,
    ImportMappingService,
    ImportPreviewService,
    ImportService,
  ],
})
export class ImportsModule {}
