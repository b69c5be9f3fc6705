import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../auth/roles.js';
import { DashboardService } from './dashboard.service.js';
import type { Overview } from './dto/overview.views.js';

@ApiTags('dashboard')
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get('overview')
  @Allow('compliance', 'procurement', 'auditor')
  @ApiOperation({
    summary: 'Headline figures, tier/sector/country distribution, tier trend and top priorities',
  })
  overview(): Promise<Overview> {
    return this.dashboard.overview();
  }
}
