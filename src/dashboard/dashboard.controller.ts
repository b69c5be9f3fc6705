import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../auth/roles.js';
import { SupplierFilterQuery } from '../suppliers/dto/list-suppliers.query.js';
import { DashboardService } from './dashboard.service.js';
import { DataGapsService } from './data-gaps.service.js';
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
    summary: 'The open questions of the suppliers in scope, ranked by how many tiers answering them would settle',
  })
  gaps(@Query() filter: SupplierFilterQuery): Promise<DataGaps> {
    return this.dataGaps.summary(filter);
  }
}
