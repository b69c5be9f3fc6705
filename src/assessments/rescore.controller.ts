import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../auth/roles.js';
import { RuleSetDraftDto } from '../rules/dto/rule-set-draft.dto.js';
import type { RescoreJob, RuleSetReloaded } from './dto/rescore-job.view.js';
import type { SimulationResult } from './dto/simulation.views.js';
import { RescoreService } from './rescore.service.js';
import { SimulationService } from './simulation.service.js';

/** The rule-set routes that read or write stored scores: served here, so the rules feature knows nothing of them. */
@ApiTags('rulesets')
@Controller('rulesets')
export class RescoreController {
  constructor(
    private readonly rescore: RescoreService,
    private readonly simulation: SimulationService,
  ) {}

  @Post('reload')
  @Allow('compliance')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Re-read rules/ and re-score the portfolio in the background; invalid rules are refused',
  })
  reload(): Promise<RuleSetReloaded> {
    return this.rescore.reloadRules();
  }

  @Get('rescore/:id')
  @Allow('compliance', 'procurement', 'auditor')
  @ApiOperation({ summary: 'Progress of a re-scoring job' })
  job(@Param('id', new ParseUUIDPipe()) id: string): Promise<RescoreJob> {
    return this.rescore.job(id);
  }

  @Post('simulate')
  @Allow('compliance', 'procurement')
  @HttpCode(200)
  @ApiOperation({
    summary: 'What-if: score the portfolio with a draft rule set, without saving; tier changes',
  })
  simulate(@Body() draft: RuleSetDraftDto): Promise<SimulationResult> {
    return this.simulation.simulate(draft.files);
  }
}
