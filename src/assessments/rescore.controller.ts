import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../auth/roles.js';
import type { RescoreJob, RuleSetReloaded } from './dto/rescore-job.view.js';
import { RescoreService } from './rescore.service.js';

/** The rule-set routes that touch stored scores: served here, so the rules feature knows nothing of them. */
@ApiTags('rulesets')
@Controller('rulesets')
export class RescoreController {
  constructor(private readonly rescore: RescoreService) {}

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
  @Allow('compliance', 'auditor')
  @ApiOperation({ summary: 'Progress of a re-scoring job' })
  job(@Param('id', new ParseUUIDPipe()) id: string): Promise<RescoreJob> {
    return this.rescore.job(id);
  }
}
