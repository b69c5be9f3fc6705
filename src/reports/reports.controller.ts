import {
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { readFile, rm } from 'node:fs/promises';
import { PassThrough } from 'node:stream';
import { Allow } from '../auth/roles.js';
import { SupplierFilterQuery } from '../suppliers/dto/list-suppliers.query.js';
import { NotAPdfError } from './reports.errors.js';
import type { ReportView, VerifyResult } from './dto/report.views.js';
import { ReportsService } from './reports.service.js';

const PDF = 'application/pdf';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function pdf(response: Response, report: ReportView, content: Buffer, name: string): StreamableFile {
  response.setHeader('Content-Type', PDF);
  response.setHeader('Content-Disposition', `attachment; filename="${name}"`);
  response.setHeader('X-Report-Id', report.id);
  response.setHeader('X-Report-Sha256', report.sha256 ?? '');
  return new StreamableFile(content);
}

@ApiTags('reports')
@Controller()
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('suppliers/export.xlsx')
  @Allow('compliance', 'procurement', 'auditor')
  @ApiOperation({
    summary:
      'Suppliers in work-list order (as /suppliers?sort=priority, filters as /suppliers) with place, scores, tiers, flags and follow-ups, and every completed upload, as xlsx',
  })
  export(
    @Query() filter: SupplierFilterQuery,
    @Res({ passthrough: true }) response: Response,
  ): StreamableFile {
    const stream = new PassThrough();
    this.reports.export(filter, stream).catch((error: unknown) => stream.destroy(error as Error));
    response.setHeader('Content-Type', XLSX);
    response.setHeader('Content-Disposition', 'attachment; filename="vigil-suppliers.xlsx"');
    return new StreamableFile(stream);
  }

  @Get('suppliers/:id/report.pdf')
  @Allow('compliance', 'procurement', 'auditor')
  @ApiOperation({ summary: "Generate, archive and download a supplier's due-diligence report" })
  async supplierReport(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const { report, content } = await this.reports.supplierReport(id);
    return pdf(response, report, content, `vigil-supplier-${id}.pdf`);
  }

  @Get('reports/portfolio.pdf')
  @Allow('compliance', 'procurement', 'auditor')
  @ApiOperation({ summary: 'Generate and download a portfolio report now (filters as /suppliers)' })
  async portfolio(
    @Query() filter: SupplierFilterQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const { report, content } = await this.reports.portfolioReport(filter);
    return pdf(response, report, content, `vigil-portfolio-${report.id}.pdf`);
  }

  @Post('reports/portfolio')
  @Allow('compliance', 'procurement', 'auditor')
  @HttpCode(202)
  @ApiOperation({ summary: 'Start a portfolio report in the background; poll /reports/:id/status' })
  startPortfolio(@Query() filter: SupplierFilterQuery): Promise<ReportView> {
    return this.reports.startPortfolioReport(filter);
  }

  @Get('reports')
  @Allow('compliance', 'procurement', 'auditor')
  @ApiOperation({ summary: 'The report archive, newest first' })
  list(): Promise<{ items: ReportView[] }> {
    return this.reports.list();
  }

  @Get('reports/:id/status')
  @Allow('compliance', 'procurement', 'auditor')
  status(@Param('id', new ParseUUIDPipe()) id: string): Promise<ReportView> {
    return this.reports.status(id);
  }

  @Get('reports/:id')
  @Allow('compliance', 'procurement', 'auditor')
  @ApiOperation({ summary: 'Download an archived report: the same bytes as when it was generated' })
  async download(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const { report, content } = await this.reports.download(id);
    return pdf(response, report, content, `vigil-report-${id}.pdf`);
  }

  @Post('reports/verify')
  @Allow('compliance', 'auditor')
  @HttpCode(200)
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiOperation({ summary: 'Upload a PDF: is it exactly an archived report, and which one?' })
  async verify(@UploadedFile() file: Express.Multer.File | undefined): Promise<VerifyResult> {
    if (!file) {
      throw new NotAPdfError();
    }
    try {
      return await this.reports.verify(await readFile(file.path));
    } finally {
      await rm(file.path, { force: true });
    }
  }
}
