import { ListEditionsService } from '../screening/list-editions.service.js';
import { ScreeningService } from '../screening/screening.service.js';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { TextDecoder } from 'node:util';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { CLOCK, type Clock, isoDate } from '../common/clock/clock.js';
import { NotFoundError } from '../common/errors/domain-error.js';
import { currentRequest } from '../common/http/request-context.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { AuditService } from '../audit/audit.service.js';
import { JOB_QUEUE, type JobAttempt, type JobQueue } from '../jobs/job-queue.js';
import { RulesService } from '../rules/rules.service.js';
import type {
  ImportBatchView,
  ImportRejectedRowView,
  SourceListView,
  SourceListsView,
} from './dto/import.views.js';
import { toImportBatchView } from './dto/import.views.js';
import type { UploadImportDto } from './dto/upload-import.dto.js';
import { ImportApplier } from './import-applier.js';
import { proposeListName, sourceListKey } from './domain/source-list-name.js';
import type { ImportBatchEntity } from './import-batch.entity.js';
import { ImportBatchesRepository } from './import-batches.repository.js';
import { ImportMappingService } from './import-mapping.service.js';
import { ImportError } from './domain/import-error.js';
import type { CsvFormat } from './domain/csv-reader.js';
import {
  type ExplicitMapping,
  type HeaderMapping,
  headerRecogniser,
  mapHeaders,
} from './domain/header-mapping.js';
import { openSpreadsheet, type OpenedSpreadsheet } from './domain/spreadsheet.js';
import { tallyRowErrors, writeErrorWorkbook } from './domain/error-workbook.js';
import { buildTemplateWorkbook } from './domain/template-workbook.js';
import { spreadsheetLimits } from './upload-reading.js';
import type { StagingInput } from './staging/stage-rows.js';
import { StagingRun } from './staging/staging-run.js';
import { ProgressWriter } from './staging/progress-writer.js';
import { ImportTimeBudget } from './staging/time-budget.js';
import { isConnectionLoss } from '../database/connection-loss.js';

export interface UploadedFile {
  path: string;
  originalName: string;
  size: number;
}

/** What a background import job needs besides its batch row; kept in the job itself. */
export interface ImportJobData {
  batchId: string;
  originalName: string;
  /** The explicit mapping of the upload (sent or from a saved profile), so a re-run maps the same way. */
  mapping?: ExplicitMapping;
  /** A csv's format, detected when the upload was checked (the stored upload has the same bytes). */
  csvFormat?: CsvFormat;
}

const UPLOAD_READ_CHUNK = 4 * 1024 * 1024;
const ORPHANED_INLINE_SECONDS = 3_600;

@Injectable()
export class ImportService implements OnApplicationBootstrap {
  private readonly logger = new Logger(ImportService.name);

  constructor(
    private readonly batches: ImportBatchesRepository,
    private readonly applier: ImportApplier,
    private readonly mappings: ImportMappingService,
    private readonly rules: RulesService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    private readonly screening: ScreeningService,
    private readonly editions: ListEditionsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Jobs are resumed by whichever instance claims them, so only imports answered inline (no stored upload) can
    // be orphaned, and only once older than any request can last.
    const interrupted = await this.batches.failOrphanedInline(
      Math.max(ORPHANED_INLINE_SECONDS, this.config.jobs.timeoutSeconds),
    );
    if (interrupted > 0) {
      this.logger.warn(`${interrupted} import(s) were interrupted by a restart and are marked failed`);
    }
    await this.queue.work<ImportJobData>('import', (data, attempt) => this.runJob(data, attempt));
  }

  /** Waits for background jobs (tests and shutdown). */
  async idle(): Promise<void> {
    await this.queue.idle();
  }

  /**
   * Checks the file up to its header row before anything is written, so a file that cannot be read is refused
   * with a 4xx and leaves the database as it was. Small files are imported before answering; large ones run in
   * the background and the caller polls GET /imports/:id.
   */
  async upload(
    file: UploadedFile,
    options: UploadImportDto,
  ): Promise<{ batch: ImportBatchView; background: boolean }> {
    // The service owns the uploaded file from here: it is removed when the import ends, however it ends.
    let handedOver = false;
    try {
      const resolved = await this.mappings.resolve(file.originalName, options);
      const { sha256, validUtf8 } = await scanUpload(file.path);
      const opened = await openSpreadsheet(file.path, {
        originalName: file.originalName,
        sheetName: options.sheet,
        isKnownHeader: headerRecogniser(resolved.explicit),
        limits: spreadsheetLimits(this.config.uploads),
        known: { validUtf8 },
      });
      const csvFormat = opened.csv?.format;
      let mapping: HeaderMapping;
      let batch: ImportBatchEntity;
      const explicit = this.mappings.forHeaders(resolved, opened.headers);
      try {
        mapping = mapHeaders(opened.headers, explicit);
        const blocking = mapping.problems.filter((p) => p.severity === 'error');
        if (blocking.length > 0) {
          throw new ImportError('INVALID_MAPPING', blocking.map((p) => p.message).join(' '), {
            sheetName: opened.sheetName,
            row: opened.headerRowNumber,
          });
        }
        const background = file.size > this.config.uploads.backgroundThresholdBytes;
        batch = await this.createBatch(
          file,
          sha256,
          opened,
          mapping,
          options,
          resolved.listName,
          background ? { mapping: explicit, csvFormat } : null,
        );
      } catch (error) {
        await opened.close();
        throw error;
      }
      this.logger.log({
        message: 'Import started',
        batchId: batch.id,
        format: opened.format,
        bytes: file.size,
      });
      if (file.size <= this.config.uploads.backgroundThresholdBytes) {
        handedOver = true;
        await opened.close();
        try {
          await this.process(
            batch,
            { batchId: batch.id, originalName: file.originalName, mapping: explicit, csvFormat },
            file.path,
            { number: 1, last: true },
            { refuseInline: true },
          );
        } catch (error) {
          if (error instanceof ImportError) {
            // Refused while the caller waits: a 4xx like any refusal before the batch existed, and nothing kept but
            // the audit trail's record of the upload and its refusal.
            await this.batches.discardRefused(batch.id, batch.sourceListId);
            await this.audit.record({
              action: 'import.refused',
              targetType: 'import',
              targetId: batch.id,
              summary: { fileName: batch.fileName, code: error.code },
            });
          }
          throw error;
        }
        // The caller waits: it gets the sites screened against the enforcement lists too.
        await this.screening.screenImport(batch.id);
        return { batch: await this.get(batch.id), background: false };
      }
      // The job has its own copy of the file in import_uploads and opens it where it runs.
      await opened.close();
      return { batch: toImportBatchView(batch), background: true };
    } finally {
      if (!handedOver) {
        await rm(file.path, { force: true });
      }
    }
  }

  private async createBatch(
    file: UploadedFile,
    sha256: string,
    opened: OpenedSpreadsheet,
    mapping: HeaderMapping,
    options: UploadImportDto,
    listName: string,
    /**
     * For a background import: its explicit mapping (undefined when mapped by the headers alone) and a csv's
     * format, kept in its job.
     */
    background: { mapping: ExplicitMapping | undefined; csvFormat: CsvFormat | undefined } | null,
  ): Promise<ImportBatchEntity> {
    return this.batches.dataSource.transaction(async (manager) => {
      if (options.saveMappingAs) {
        await this.batches.saveMappingProfile(options.saveMappingAs, mappingToSave(mapping), manager);
      }
      const uploadedBy = currentRequest()?.principal?.label ?? null;
      const list = await this.batches.findOrCreateSourceList(listName, uploadedBy, manager);
      if (options.saveMappingForList === 'true') {
        await this.batches.saveListMapping(list.id, mappingToSave(mapping), manager);
      }
      const batch = await this.batches.create(
        {
          status: 'processing',
          sourceListId: list.id,
          sourceList: list,
          uploadedBy,
          fileName: file.originalName.slice(0, 255),
          fileSha256: sha256,
          fileSize: String(file.size),
          format: opened.format,
          sheetName: opened.sheetName,
          headerRow: opened.headerRowNumber,
          columns: mapping.columns.map((c) => ({ index: c.index, header: c.header, field: c.field ?? null })),
          notes: opened.csv?.encodingNote ? [opened.csv.encodingNote] : [],
        },
        manager,
      );
      await this.audit.record(
        {
          action: 'import.uploaded',
          targetType: 'import',
          targetId: batch.id,
          summary: {
            fileName: batch.fileName,
            sourceList: list.name,
            sha256,
            bytes: file.size,
            format: opened.format,
            ...(opened.csv
              ? { encoding: opened.csv.encoding, encodingCertain: !opened.csv.encodingNote }
              : {}),
          },
        },
        manager,
      );
      if (background !== null) {
        // The bytes, the batch and the job commit together: no job without its file, no file without its job.
        await this.batches.storeUpload(manager, batch.id, file.path);
        await this.queue.send<ImportJobData>(
          'import',
          {
            batchId: batch.id,
            originalName: file.originalName,
            ...(background.mapping ? { mapping: background.mapping } : {}),
            ...(background.csvFormat ? { csvFormat: background.csvFormat } : {}),
          },
          manager,
        );
      }
      return batch;
    });
  }

  /**
   * A background import, wherever it runs. Safe to run again (after the instance that held it died): a batch that
   * is no longer processing is left alone, and the apply step re-checks that inside its transaction.
   */
  private async runJob(data: ImportJobData, attempt: JobAttempt): Promise<void> {
    const batch = await this.batches.findById(data.batchId);
    if (!batch || batch.status !== 'processing') {
      await this.discardUpload(data);
      return;
    }
    this.logger.log({ message: 'Import job claimed', batchId: batch.id, attempt: attempt.number });
    let path: string | undefined;
    // The stored upload is kept while the job may run again, and removed once the import finished or failed.
    let retrying = false;
    try {
      path = await this.materialiseUpload(batch.id);
      if (!path) {
        await this.batches.markFailed(
          batch.id,
          'INTERRUPTED',
          'The uploaded file was no longer available when the import started; nothing from it was saved. Upload the file again.',
        );
        return;
      }
      await this.process(batch, data, path, attempt);
    } catch (error) {
      // process() records a failure on the batch; anything else (the database gone) leaves the job to be retried.
      const now = await this.batches.findById(batch.id).catch(() => null);
      if (!now || now.status === 'processing') {
        if (error instanceof ImportError) {
          await this.batches.markFailed(batch.id, error.code, error.message);
        } else {
          retrying = !attempt.last;
          throw error;
        }
      }
    } finally {
      if (path) {
        await rm(path, { force: true });
      }
      if (!retrying) {
        await this.discardUpload(data).catch((error: unknown) =>
          this.logger.warn({
            message: 'Import upload not removed; it is removed when the job runs again',
            batchId: batch.id,
            error: error instanceof Error ? error.message : String(error),
          }),
        );
      }
    }
  }

  /** Copies a stored upload to a local file, a chunk at a time; undefined when it is gone. */
  private async materialiseUpload(batchId: string): Promise<string | undefined> {
    const size = await this.batches.uploadSize(batchId);
    if (size === undefined) {
      return undefined;
    }
    await mkdir(this.config.uploads.tmpDir, { recursive: true });
    const path = join(this.config.uploads.tmpDir, `job-${randomUUID()}`);
    const out = createWriteStream(path, { mode: 0o600 });
    try {
      for (let offset = 0; offset < size; offset += UPLOAD_READ_CHUNK) {
        const part = await this.batches.uploadPart(batchId, offset, UPLOAD_READ_CHUNK);
        if (!part) {
          throw new Error(`The upload of import ${batchId} disappeared while it was read`);
        }
        if (!out.write(part)) {
          await once(out, 'drain');
        }
      }
    } finally {
      out.end();
      await once(out, 'close');
    }
    return path;
  }

  private async discardUpload(data: ImportJobData): Promise<void> {
    await this.batches.discardUpload(data.batchId);
  }

  async sourceLists(proposeFor?: string): Promise<SourceListsView> {
    const items: SourceListView[] = (await this.batches.sourceLists()).map((l) => ({
      ...l,
      lastUploadAt: l.lastUploadAt ? new Date(l.lastUploadAt).toISOString() : null,
    }));
    if (proposeFor === undefined) {
      return { items };
    }
    const name = proposeListName(proposeFor);
    const existing = await this.batches.findSourceListByKey(sourceListKey(name));
    return {
      items,
      proposal: {
        name: existing?.name ?? name,
        existing: items.find((item) => item.id === existing?.id) ?? null,
      },
    };
  }

  async recent(): Promise<{ items: ImportBatchView[] }> {
    return { items: (await this.batches.recent(100)).map(toImportBatchView) };
  }

  async get(id: string): Promise<ImportBatchView> {
    const batch = await this.batches.findByIdWithList(id);
    if (!batch) {
      throw new NotFoundError('Import', id);
    }
    return { ...toImportBatchView(batch), screening: await this.screening.runForImport(id) };
  }

  /** The rejected rows with their errors, for the import page's table (the workbook has all of them). */
  async rowErrors(id: string, limit: number): Promise<{ total: number; items: ImportRejectedRowView[] }> {
    const batch = await this.get(id);
    const rows = await this.batches.rejectedRows(id, limit);
    return {
      total: batch.counts.rejected + batch.counts.duplicates + batch.counts.withWarnings,
      items: rows.map((r) => ({
        rowNumber: r.rowNumber,
        cells: r.cells,
        outcome: r.outcome,
        errors: r.errors,
      })),
    };
  }

  async writeErrors(id: string, out: Writable): Promise<void> {
    const batch = await this.batches.findById(id);
    if (!batch) {
      throw new NotFoundError('Import', id);
    }
    const headers = (batch.columns ?? []).map((c) => c.header);
    const pages = this.batches.rejectedRowPages(id);
    const rows = async function* () {
      for await (const page of pages) {
        for (const r of page) {
          yield { rowNumber: r.rowNumber, cells: r.cells, errors: r.errors };
        }
      }
    };
    await this.audit.record({
      action: 'import.errors.downloaded',
      targetType: 'import',
      targetId: id,
      summary: { rows: batch.rejected + batch.duplicates + batch.rowsWithWarnings },
    });
    await writeErrorWorkbook(out, {
      fileName: batch.fileName,
      headers,
      counts: {
        read: batch.rowsRead,
        imported: batch.imported,
        updated: batch.updated,
        rejected: batch.rejected,
        duplicates: batch.duplicates,
        withWarnings: batch.rowsWithWarnings,
      },
      errorsByColumn: tallyRowErrors(await this.batches.rowErrorCounts(id), headers),
      rows: rows(),
    });
  }

  template(): Promise<Buffer> {
    return buildTemplateWorkbook(this.clock.now());
  }

  private async process(
    batch: ImportBatchEntity,
    data: ImportJobData,
    uploadPath: string,
    attempt: JobAttempt = { number: 1, last: true },
    options: { refuseInline?: boolean } = {},
  ): Promise<void> {
    const listId = batch.sourceListId;
    if (!listId) {
      throw new Error(`Import ${batch.id} has no source list`);
    }
    const rules = this.rules.active();
    const input: StagingInput = {
      path: uploadPath,
      originalName: data.originalName,
      sheetName: batch.sheetName ?? undefined,
      mapping: data.mapping,
      ...(data.csvFormat ? { csvFormat: data.csvFormat } : {}),
      limits: spreadsheetLimits(this.config.uploads),
      asOf: isoDate(this.clock.now()),
      listId,
      batchId: batch.id,
      at: batch.createdAt.toISOString(),
      // New sites are screened as they are staged; the run the import starts then finds them screened.
      screening: await this.editions.stored(await this.editions.inForceIds()),
    };
    const progress = new ProgressWriter((read) => this.batches.recordProgress(batch.id, read));
    const budget = new ImportTimeBudget(this.config.uploads.maxSeconds);
    try {
      const started = performance.now();
      const summary = await this.applier.apply(batch, rules, input, () =>
        budget.watch(
          StagingRun.start(this.config.uploads.staging, input, rules, (read) => progress.record(read)),
        ),
      );
      // The import committed its screening run's job: this instance takes it up now, not at its next poll.
      this.queue.nudge();
      this.logger.log({
        message: 'Import finished',
        batchId: batch.id,
        rows: summary?.read,
        ms: Math.round(performance.now() - started),
      });
    } catch (error) {
      if (isConnectionLoss(error) && !attempt.last) {
        // Nothing was saved (the transaction went with the connection): the job runs again from the start.
        this.logger.warn({
          message: 'Import interrupted: the database connection was lost; it will run again',
          batchId: batch.id,
          attempt: attempt.number,
        });
        throw error;
      }
      if (error instanceof ImportError && options.refuseInline) {
        throw error;
      }
      const code = error instanceof ImportError ? error.code : 'IMPORT_FAILED';
      const message =
        error instanceof ImportError
          ? error.message
          : 'The import stopped on an unexpected error; nothing from it was saved. Try again or contact support.';
      this.logger.error(
        { message: 'Import failed', batchId: batch.id, code },
        error instanceof Error ? error.stack : undefined,
      );
      await this.batches.markFailed(batch.id, code, message);
      if (!(error instanceof ImportError)) {
        throw error;
      }
    } finally {
      budget.stop();
      await progress.stop();
      await rm(uploadPath, { force: true });
    }
  }
}

export function mappingToSave(mapping: HeaderMapping): Record<string, string> {
  return Object.fromEntries(
    mapping.columns.filter((c) => !c.annotation).map((c) => [c.header, c.field ?? 'ignore']),
  );
}

/**
 * One read of the upload for its sha256 and whether it is valid UTF-8 throughout (what a csv's encoding detection
 * would otherwise read the whole file again for).
 */
async function scanUpload(path: string): Promise<{ sha256: string; validUtf8: boolean }> {
  const hash = createHash('sha256');
  let decoder: TextDecoder | undefined = new TextDecoder('utf-8', { fatal: true });
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    try {
      decoder?.decode(chunk as Buffer, { stream: true });
    } catch {
      decoder = undefined;
    }
  }
  let validUtf8 = decoder !== undefined;
  try {
    decoder?.decode();
  } catch {
    validUtf8 = false;
  }
  return { sha256: hash.digest('hex'), validUtf8 };
}
