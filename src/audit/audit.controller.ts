import { Controller, Get, Header, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../auth/roles.js';
import { neutraliseCsvField } from '../common/spreadsheet/neutralise.js';
import type { AuditEventEntity } from './audit-event.entity.js';
import { AuditService } from './audit.service.js';
import { AuditQueryDto } from './dto/audit-query.dto.js';

const COLUMNS = [
  'occurredAt',
  'actor',
  'actorRole',
  'action',
  'targetType',
  'targetId',
  'requestId',
  'sourceIp',
  'summary',
] as const;

function csvRow(values: string[]): string {
  return values.map((v) => `"${neutraliseCsvField(v).replace(/"/g, '""')}"`).join(',');
}

function cellsOf(event: AuditEventEntity): string[] {
  return COLUMNS.map((column) => {
    const value = event[column];
    if (value instanceof Date) {
      return value.toISOString();
    }
    return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value ?? '');
  });
}

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Allow('auditor')
  @ApiOperation({ summary: 'The audit trail, newest first, with filters' })
  async list(@Query() query: AuditQueryDto): Promise<{ items: AuditEventEntity[]; total: number }> {
    await this.audit.record({ action: 'audit.viewed', summary: { ...query } });
    return this.audit.find(query);
  }

  @Get('export.csv')
  @Allow('auditor')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="vigil-audit-trail.csv"')
  @ApiOperation({ summary: 'The filtered audit trail as csv (formula-safe)' })
  async exportCsv(@Query() query: AuditQueryDto): Promise<StreamableFile> {
    const { items } = await this.audit.find({ ...query, limit: 100_000, offset: 0 });
    await this.audit.record({ action: 'audit.exported', summary: { rows: items.length } });
    const lines = [csvRow([...COLUMNS]), ...items.map((e) => csvRow(cellsOf(e)))];
    return new StreamableFile(Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8'));
  }
}
