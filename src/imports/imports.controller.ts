import {
  Body,
  Controller,
  Get,
  Header,
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
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { PassThrough } from 'node:stream';
import { Allow } from '../auth/roles.js';
import type { ImportBatchView, ImportPreviewView, SourceListsView } from './dto/import.views.js';
import { ImportPreviewService } from './import-preview.service.js';
import { UploadQueryDto } from './dto/upload-query.dto.js';
import { SourceListsQueryDto } from './dto/source-lists-query.dto.js';
import { UploadImportDto } from './dto/upload-import.dto.js';
import { ImportError } from './domain/import-error.js';
import { ImportService } from './import.service.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('imports')
@Controller('imports')
export class ImportsController {
  constructor(
    private readonly imports: ImportService,
    private readonly previews: ImportPreviewService,
  ) {}

  @Post()
  @Allow('compliance')
  @UseInterceptors(FileInterceptor('file'))
  @ApiOperation({
    summary:
      'Upload a supplier list (xlsx or csv); small files answer 201 when done, large ones 202; ?preview=true reads the head of the file and answers what the import would do, writing nothing',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: { type: 'string', format: 'binary' },
        list: { type: 'string' },
        saveMappingForList: { type: 'string', enum: ['true', 'false'] },
        sheet: { type: 'string' },
        mapping: { type: 'string' },
        mappingProfile: { type: 'string' },
        saveMappingAs: { type: 'string' },
      },
    },
  })
  @ApiCreatedResponse({ description: 'Imported; the batch with its counts and row errors link' })
  @ApiAcceptedResponse({ description: 'Importing in the background; poll GET /imports/:id' })
  @ApiOkResponse({ description: 'With ?preview=true: what the import would do; nothing is written' })
  async upload(
    @UploadedFile() file: Express.Multer.File | undefined,
    @Body() options: UploadImportDto,
    @Query() query: UploadQueryDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ImportBatchView | ImportPreviewView> {
    if (!file) {
      throw new ImportError('NO_FILE', 'Attach the supplier list as the form field "file" (xlsx or csv).');
    }
    const uploaded = { path: file.path, originalName: file.originalname, size: file.size };
    if (query.preview === 'true') {
      response.status(200);
      return this.previews.preview(uploaded, options);
    }
    const { batch, background } = await this.imports.upload(uploaded, options);
    response.status(background ? 202 : 201);
    return batch;
  }

  @Get()
  @Allow('compliance', 'auditor')
  @ApiOperation({ summary: 'The 100 most recent imports, newest first' })
  list(): Promise<{ items: ImportBatchView[] }> {
    return this.imports.recent();
  }

  @Get('source-lists')
  @Allow('compliance', 'auditor')
  @ApiOperation({
    summary:
      'The source lists uploads belong to, with their uploads and sites; with proposeFor, the list proposed for that file name',
  })
  @ApiQuery({
    name: 'proposeFor',
    required: false,
    description: 'An upload file name, e.g. Vendor_Master_2024-03.xlsx',
  })
  sourceLists(@Query() query: SourceListsQueryDto): Promise<SourceListsView> {
    return this.imports.sourceLists(query.proposeFor);
  }

  @Get('template.xlsx')
  @Allow('compliance', 'procurement', 'auditor')
  @ApiOperation({ summary: 'A blank supplier list with every column Vigil reads, and what each one means' })
  @Header('Content-Type', XLSX)
  @Header('Content-Disposition', 'attachment; filename="vigil-supplier-template.xlsx"')
  async template(): Promise<StreamableFile> {
    return new StreamableFile(await this.imports.template());
  }

  @Get(':id')
  @Allow('compliance', 'auditor')
  @ApiOperation({ summary: 'Status, progress and result of an import' })
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<ImportBatchView> {
    return this.imports.get(id);
  }

  @Get(':id/errors')
  @Allow('compliance', 'auditor')
  @ApiOperation({ summary: 'The first 500 rejected rows with every error (all of them are in errors.xlsx)' })
  rowErrors(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.imports.rowErrors(id, 500);
  }

  @Get(':id/errors.xlsx')
  @Allow('compliance', 'auditor')
  @ApiOperation({ summary: 'The rejected rows as uploaded, each with its errors, to fix and upload again' })
  async errors(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    await this.imports.get(id);
    const stream = new PassThrough();
    this.imports.writeErrors(id, stream).catch((error: unknown) => stream.destroy(error as Error));
    response.setHeader('Content-Type', XLSX);
    response.setHeader('Content-Disposition', `attachment; filename="import-${id}-errors.xlsx"`);
    return new StreamableFile(stream);
  }
}
