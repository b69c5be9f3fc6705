import { readFile, rm } from 'node:fs/promises';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, AnyRole } from '../auth/roles.js';
import { ListEditionError } from './domain/list-edition-error.js';
import { DecideHitDto, ListHitsQuery, ListKindParam, UploadEditionDto } from './dto/screening.dto.js';
import type {
  ListEditionView,
  ScreeningHitPage,
  ScreeningHitView,
  ScreeningRunView,
  ScreeningSummary,
} from './dto/screening.views.js';
import { ListEditionsService } from './list-editions.service.js';
import { ScreeningService } from './screening.service.js';

@ApiTags('screening')
@Controller('screening')
export class ScreeningController {
  constructor(
    private readonly screening: ScreeningService,
    private readonly editions: ListEditionsService,
  ) {}

  @Get('summary')
  @AnyRole()
  @ApiOperation({
    summary: 'Open, confirmed and dismissed hits, the list editions in force and the latest run',
  })
  summary(): Promise<ScreeningSummary> {
    return this.screening.summary();
  }

  @Get('hits')
  @Allow('compliance', 'auditor')
  @ApiOperation({
    summary: 'Hits against the enforcement lists (open by default), with the supplier’s and the list’s names',
  })
  hits(@Query() query: ListHitsQuery): Promise<ScreeningHitPage> {
    return this.screening.hits({
      ...(query.status === 'all' ? {} : { status: query.status }),
      ...(query.list ? { list: query.list } : {}),
      ...(query.supplier ? { supplierId: query.supplier } : {}),
      limit: query.limit,
      offset: query.offset,
    });
  }

  @Post('hits/:id/decision')
  @HttpCode(200)
  @Allow('compliance')
  @ApiOperation({ summary: 'Confirm or dismiss an open hit, with the reason (audited)' })
  decide(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: DecideHitDto,
  ): Promise<ScreeningHitView> {
    return this.screening.decide(id, body.decision, body.reason.trim());
  }

  @Post('run')
  @HttpCode(202)
  @Allow('compliance')
  @ApiOperation({ summary: 'Screen the whole portfolio against the editions in force, in the background' })
  run(): Promise<ScreeningRunView> {
    return this.screening.start('request');
  }

  @Get('runs/:id')
  @AnyRole()
  @ApiOperation({ summary: 'Progress of a screening run' })
  runView(@Param('id', new ParseUUIDPipe()) id: string): Promise<ScreeningRunView> {
    return this.screening.runView(id);
  }

  @Get('lists')
  @Allow('compliance', 'auditor')
  @ApiOperation({ summary: 'Every list edition loaded, shipped or uploaded, with the ones in force' })
  lists(): Promise<{ items: ListEditionView[] }> {
    return this.editions.list();
  }

  @Post('lists/:kind')
  @Allow('compliance')
  @UseInterceptors(FileInterceptor('file'))
  @ApiOperation({
    summary:
      'Load a newer edition of a list (csv, the shipped file’s columns); a malformed one is refused with every line at fault and the edition in force stays',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file', 'asOf', 'source'],
      properties: {
        file: { type: 'string', format: 'binary' },
        asOf: { type: 'string', example: '2026-11-20' },
        source: { type: 'string' },
        coverage: { type: 'string' },
      },
    },
  })
  async load(
    @Param() params: ListKindParam,
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body() body: UploadEditionDto,
  ): Promise<{ edition: ListEditionView; inForce: boolean; run: ScreeningRunView | null }> {
    if (!file) {
      throw new ListEditionError([
        {
          file: '(none)',
          message: 'Attach the list as the form field "file" (csv, the columns of the shipped file).',
        },
      ]);
    }
    try {
      const loaded = await this.editions.load({
        kind: params.kind,
        file: file.originalname,
        content: await readFile(file.path),
        asOf: body.asOf,
        source: body.source,
        ...(body.coverage ? { coverage: body.coverage } : {}),
      });
      const run = loaded.inForce ? await this.screening.start('edition') : null;
      return { ...loaded, run };
    } finally {
      await rm(file.path, { force: true });
    }
  }
}
