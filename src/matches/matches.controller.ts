import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../auth/roles.js';
import { DecideMatchDto, ListMatchesQuery } from './dto/decide-match.dto.js';
import type { PotentialMatchPage } from './dto/match.views.js';
import { MatchesService } from './matches.service.js';
import type { MatchStatus } from './potential-match.entity.js';

@ApiTags('matches')
@Controller('matches')
export class MatchesController {
  constructor(private readonly matches: MatchesService) {}

  @Get()
  @Allow('compliance', 'auditor')
  @ApiOperation({
    summary: 'Possible duplicate sites raised by uploads (pending by default), best score first',
  })
  list(@Query() query: ListMatchesQuery): Promise<PotentialMatchPage> {
    return this.matches.list(query.status);
  }

  @Post(':id/decision')
  @HttpCode(200)
  @Allow('compliance')
  @ApiOperation({
    summary: 'Say whether a possible duplicate is the same site (merge) or a different one (keep)',
  })
  decide(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: DecideMatchDto,
  ): Promise<{ status: MatchStatus; siteId: string }> {
    return this.matches.decide(id, body.decision);
  }
}
