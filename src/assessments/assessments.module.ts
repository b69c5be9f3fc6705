import { Module } from '@nestjs/common';
import { RulesModule } from '../rules/rules.module.js';
import { AssessmentsRepository } from './assessments.repository.js';
import { RescoreController } from './rescore.controller.js';
import { RescoreRepository } from './rescore.repository.js';
import { RescoreService } from './rescore.service.js';
import { SimulationService } from './simulation.service.js';

@Module({
  imports: [RulesModule],
  controllers: [RescoreController],
  providers: [AssessmentsRepository, RescoreRepository, RescoreService, SimulationService],
  exports: [AssessmentsRepository],
})
export class AssessmentsModule {}
