import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { PassThrough } from 'node:stream';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../auth/roles.js';
import { SupplierFilterQuery } from '../suppliers/dto/list-suppliers.query.js';
import { DashboardService } from './dashboard.service.js';
import { DataGapsService } from './data-gaps.service.js';
import { DataGapsExportQuery } from './dto/data-gaps-export.query.js';
import type { DataGaps } from './dto/data-gaps.views.js';
import type { Overview } from './dto/overview.views.js';

@ApiTags('dashboard')
@Controller('dashboard')
export class DashboardController {
  constructor(
    private readonly dashboard: DashboardService,
    private readonly dataGaps: DataGapsService,
  ) {}

  @Get('overview')
  @Allow('compliance', 'procurement', 'auditor')
  @ApiOperation({
    summary: 'Headline figures, tier/sector/country distribution, tier trend and top priorities',
  })
  overview(): Promise<Overview> {
    return this.dashboard.overview();
  }

  @Get('data-gaps')
  @Allow('compliance', 'procurement', 'auditor')
  @ApiOperation({
    summary:
      'The open questions of the suppliers in scope, ranked by how many tiers answering them would settle',
  })
  gaps(@Query() filter: SupplierFilterQuery): Promise<DataGaps> {
    return this.dataGaps.summary(filter);
  }

  @Get('data-gaps/export.xlsx')
  @Allow('compliance', 'procurement', 'auditor')
  @ApiOperation({
    summary:
      'The suppliers to ask one open question (xlsx), in the order to ask them (filters as /suppliers)',
  })
  whoToAsk(
    @Query() query: DataGapsExportQuery,
    @Res({ passthrough: true }) response: Response,
  ): StreamableFile {
    const { question, ...filter } = query;
    const indicator = this.dataGaps.question(question);
    const stream = new PassThrough();
    this.dataGaps
      .whoToAsk(filter, indicator, stream)
      .catch((error: unknown) => stream.destroy(error as Error));
    response.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const file = `vigil-who-to-ask-${question.replace(/[^a-z0-9.-]/gi, '_')}.xlsx`;
    response.setHeader('Content-Disposition', `attachment; filename="${file}"`);
    return new StreamableFile(stream);
  }
}
