import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../auth/roles.js';
import { ListSuppliersQuery } from './dto/list-suppliers.query.js';
import type { SupplierDetail, SupplierPage } from './dto/supplier.views.js';
import { SuppliersService } from './suppliers.service.js';

@ApiTags('suppliers')
@Controller('suppliers')
export class SuppliersController {
  constructor(private readonly suppliers: SuppliersService) {}

  @Get()
  @Allow('compliance', 'procurement', 'auditor')
  @ApiOperation({
    summary: 'Suppliers with their current score and tier; filter, sort (priority first) and page',
  })
  @ApiOkResponse()
  list(@Query() query: ListSuppliersQuery): Promise<SupplierPage> {
    return this.suppliers.list(query);
  }

  @Get(':id')
  @Allow('compliance', 'procurement', 'auditor')
  @ApiOperation({ summary: 'A supplier: profile, current assessment with its breakdown, and history' })
  get(@Param('id', new ParseUUIDPipe({ version: '4' })) id: string): Promise<SupplierDetail> {
    return this.suppliers.get(id);
  }
}
