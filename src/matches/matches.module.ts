import { Module } from '@nestjs/common';
import { RulesModule } from '../rules/rules.module.js';
import { ScreeningModule } from '../screening/screening.module.js';
import { MatchesController } from './matches.controller.js';
import { MatchesRepository } from './matches.repository.js';
import { MatchesService } from './matches.service.js';

@Module({
  imports: [RulesModule, ScreeningModule],
  controllers: [MatchesController],
  providers: [MatchesRepository, MatchesService],
})
export class MatchesModule {}
