import { Controller, Get, Header, Query, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Readable } from 'node:stream';
import { Allow } from '../auth/roles.js';
import { neutraliseCsvField } from '../common/spreadsheet/neutralise.js';
import type { AuditEventEntity } from './audit-event.entity.js';
import { AuditChainService, type ChainVerification } from './audit-chain.service.js';
import { AuditService } from './audit.service.js';
import { AuditVerifyDto } from './dto/audit-verify.dto.js';
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
  'seq',
  'hash',
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
  constructor(
    private readonly audit: AuditService,
    private readonly chain: AuditChainService,
  ) {}

  @Get()
  @Allow('auditor')
  @ApiOperation({ summary: 'The audit trail, newest first, with filters' })
  async list(@Query() query: AuditQueryDto): Promise<{ items: AuditEventEntity[]; total: number }> {
    await this.audit.record({ action: 'audit.viewed', summary: { ...query } });
    return this.audit.find(query);
  }

  @Get('verify')
  @Allow('auditor')
  @ApiOperation({
    summary:
      "Walks the audit trail's hash chain and reports the first break; with seq and hash, also checks a head kept outside the database",
  })
  async verify(@Query() query: AuditVerifyDto): Promise<ChainVerification> {
    const anchor = query.seq && query.hash ? { seq: query.seq, hash: query.hash } : undefined;
    const result = await this.chain.verify(anchor);
    await this.audit.record({
      action: 'audit.verified',
      summary: {
        intact: result.intact,
        verified: result.verified,
        head: result.head,
        ...(result.firstBreak ? { firstBreak: result.firstBreak } : {}),
        ...(result.anchor ? { anchor: result.anchor } : {}),
      },
    });
    return result;
  }

  @Get('export.csv')
  @Allow('auditor')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="vigil-audit-trail.csv"')
  @ApiOperation({ summary: 'The filtered audit trail as csv (formula-safe)' })
  async exportCsv(@Query() query: AuditQueryDto): Promise<StreamableFile> {
    const { limit: _limit, offset: _offset, ...filter } = query;
    await this.audit.record({ action: 'audit.exported', summary: { ...filter } });
    const pages = this.audit.pages(filter);
    // Written a page at a time as the client reads: any length of trail in flat memory.
    const lines = async function* () {
      yield `\uFEFF${csvRow([...COLUMNS])}\r\n`;
      for await (const page of pages) {
        yield page.map((event) => `${csvRow(cellsOf(event))}\r\n`).join('');
      }
    };
    return new StreamableFile(Readable.from(lines(), { objectMode: false }));
  }
}
