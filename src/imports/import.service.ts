import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { CLOCK, type Clock, isoDate } from '../common/clock/clock.js';
import { NotFoundError } from '../common/errors/domain-error.js';
import { currentRequest } from '../common/http/request-context.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { AuditService } from '../audit/audit.service.js';
import { recordTierSnapshot } from '../dashboard/tier-snapshots.js';
import { JOB_QUEUE, type JobQueue } from '../jobs/job-queue.js';
import { type ActiveRuleSet, RulesService } from '../rules/rules.service.js';
import { assessmentWrite, insertAssessments } from '../assessments/assessment-writes.js';
import type {
  ImportBatchView,
  ImportRejectedRowView,
  SourceListView,
  SourceListsView,
} from './dto/import.views.js';
import { toImportBatchView } from './dto/import.views.js';
import type { UploadImportDto } from './dto/upload-import.dto.js';
import {
  changedFields,
  type ExistingSite,
  insertPotentialMatches,
  insertSites,
  listedAgainRow,
  type ListingWrite,
  type PotentialMatchWrite,
  lookUpSites,
  noLongerListed,
  type SiteWrite,
  updateSites,
  upsertListings,
  withRowsListedAgain,
} from './import-apply.js';
import { applyListedRow, mergedRecord, withInferredRegion } from '../suppliers/domain/field-sources.js';
import { canonicalJson } from '../rules/domain/canonical-json.js';
import { inferredRegionValue } from './domain/region-inference.js';
import { matchSite, type SiteLookup } from '../suppliers/domain/site-match.js';
import { type PreparedSite, prepareSite } from '../suppliers/domain/site-similarity.js';
import { lockSiteWrites } from '../suppliers/site-writes-lock.js';
import { proposeListName, sourceListKey } from './domain/source-list-name.js';
import type { ImportBatchEntity, ImportChanges } from './import-batch.entity.js';
import { ImportBatchesRepository } from './import-batches.repository.js';
import { ImportMappingService } from './import-mapping.service.js';
import { ImportError } from './domain/import-error.js';
import {
  type ExplicitMapping,
  type HeaderMapping,
  headerRecogniser,
  mapHeaders,
} from './domain/header-mapping.js';
import { openSpreadsheet, type OpenedSpreadsheet } from './domain/spreadsheet.js';
import { writeErrorWorkbook } from './domain/error-workbook.js';
import { buildTemplateWorkbook } from './domain/template-workbook.js';
import { spreadsheetLimits } from './upload-reading.js';
import {
  type RejectedRow,
  type SiteRow,
  siteRow,
  type StagedSupplier,
  type StagingInput,
  type StagingSummary,
} from './staging/stage-rows.js';
import type { SupplierRecord } from '../suppliers/domain/supplier-record.js';
import { StagingRun } from './staging/staging-run.js';
import { ProgressWriter } from './staging/progress-writer.js';

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
}

// Another writer of the same rows got there first (unique violation, deadlock, serialisation failure): the whole
// apply runs again on what is now committed.
const RETRIED_CODES = new Set(['23505', '40P01', '40001']);
const CHUNK = 500;
const PREPARED_SITES_KEPT = 5_000;
const UPLOAD_READ_CHUNK = 4 * 1024 * 1024;
const ORPHANED_INLINE_SECONDS = 3_600;

@Injectable()
export class ImportService implements OnApplicationBootstrap {
  private readonly logger = new Logger(ImportService.name);

  constructor(
    private readonly batches: ImportBatchesRepository,
    private readonly mappings: ImportMappingService,
    private readonly rules: RulesService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
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
    await this.queue.work<ImportJobData>('import', (data) => this.runJob(data));
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
      const sha256 = await sha256Of(file.path);
      const opened = await openSpreadsheet(file.path, {
        originalName: file.originalName,
        sheetName: options.sheet,
        isKnownHeader: headerRecogniser(resolved.explicit),
        limits: spreadsheetLimits(this.config.uploads),
      });
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
          background ? explicit : null,
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
        await this.process(
          batch,
          { batchId: batch.id, originalName: file.originalName, mapping: explicit },
          file.path,
        );
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
    /** For a background import: its explicit mapping (undefined when mapped by the headers alone). */
    background: ExplicitMapping | undefined | null,
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
          },
        },
        manager,
      );
      if (background !== null) {
        // The bytes, the batch and the job commit together: no job without its file, no file without its job.
        await manager.query('INSERT INTO import_uploads (batch_id, content) VALUES ($1, $2)', [
          batch.id,
          await readFile(file.path),
        ]);
        await this.queue.send<ImportJobData>(
          'import',
          {
            batchId: batch.id,
            originalName: file.originalName,
            ...(background ? { mapping: background } : {}),
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
  private async runJob(data: ImportJobData): Promise<void> {
    const batch = await this.batches.findById(data.batchId);
    if (!batch || batch.status !== 'processing') {
      await this.discardUpload(data);
      return;
    }
    this.logger.log({ message: 'Import job claimed', batchId: batch.id });
    let path: string | undefined;
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
      await this.process(batch, data, path);
    } catch (error) {
      // process() records a failure on the batch; anything else (the database gone) leaves the job to be retried.
      const now = await this.batches.findById(batch.id).catch(() => null);
      if (!now || now.status === 'processing') {
        if (error instanceof ImportError) {
          await this.batches.markFailed(batch.id, error.code, error.message);
        } else {
          throw error;
        }
      }
    } finally {
      if (path) {
        await rm(path, { force: true });
      }
      await this.discardUpload(data);
    }
  }

  /** Copies a stored upload to a local file, a chunk at a time; undefined when it is gone. */
  private async materialiseUpload(batchId: string): Promise<string | undefined> {
    const [row] = await this.batches.dataSource.query<{ size: number }[]>(
      'SELECT octet_length(content) AS size FROM import_uploads WHERE batch_id = $1',
      [batchId],
    );
    if (!row) {
      return undefined;
    }
    await mkdir(this.config.uploads.tmpDir, { recursive: true });
    const path = join(this.config.uploads.tmpDir, `job-${randomUUID()}`);
    const out = createWriteStream(path, { mode: 0o600 });
    try {
      for (let offset = 0; offset < row.size; offset += UPLOAD_READ_CHUNK) {
        const [part] = await this.batches.dataSource.query<{ chunk: Buffer }[]>(
          'SELECT substring(content FROM $2 FOR $3) AS chunk FROM import_uploads WHERE batch_id = $1',
          [batchId, offset + 1, UPLOAD_READ_CHUNK],
        );
        if (!part) {
          throw new Error(`The upload of import ${batchId} disappeared while it was read`);
        }
        if (!out.write(part.chunk)) {
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
    await this.batches.dataSource.query('DELETE FROM import_uploads WHERE batch_id = $1', [data.batchId]);
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
    return toImportBatchView(batch);
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
    const rows = await this.batches.rejectedRows(id);
    await writeErrorWorkbook(out, {
      fileName: batch.fileName,
      headers: (batch.columns ?? []).map((c) => c.header),
      counts: {
        read: batch.rowsRead,
        imported: batch.imported,
        updated: batch.updated,
        rejected: batch.rejected,
        duplicates: batch.duplicates,
        withWarnings: batch.rowsWithWarnings,
      },
      rows: rows.map((r) => ({ rowNumber: r.rowNumber, cells: r.cells, errors: r.errors })),
    });
  }

  template(): Promise<Buffer> {
    return buildTemplateWorkbook(this.clock.now());
  }

  private async process(batch: ImportBatchEntity, data: ImportJobData, uploadPath: string): Promise<void> {
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
      limits: spreadsheetLimits(this.config.uploads),
      asOf: isoDate(this.clock.now()),
      listId,
      batchId: batch.id,
      at: batch.createdAt.toISOString(),
    };
    const progress = new ProgressWriter((read) => this.batches.recordProgress(batch.id, read));
    try {
      const started = performance.now();
      const summary = await this.applyWithRetry(batch, rules, input, () =>
        StagingRun.start(this.config.uploads.staging, input, rules, (read) => progress.record(read)),
      );
      this.logger.log({
        message: 'Import finished',
        batchId: batch.id,
        rows: summary?.read,
        ms: Math.round(performance.now() - started),
      });
    } catch (error) {
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
      await progress.stop();
      await rm(uploadPath, { force: true });
    }
  }

  /**
   * Two imports of overlapping lists may both find a supplier missing and both insert it; the unique keys make
   * the second one fail, and a retry then finds the row the first one committed and updates it instead.
   */
  private async applyWithRetry(
    batch: ImportBatchEntity,
    rules: ActiveRuleSet,
    input: StagingInput,
    stage: () => StagingRun,
  ): Promise<StagingSummary | undefined> {
    for (let attempt = 1; ; attempt++) {
      const staging = stage();
      try {
        return await this.apply(batch, rules, input, staging);
      } catch (error) {
        const code = (error as { driverError?: { code?: string } }).driverError?.code;
        if (!RETRIED_CODES.has(code ?? '') || attempt >= 5) {
          throw error;
        }
        this.logger.warn({
          message: 'Import met a concurrent writer; retrying',
          batchId: batch.id,
          attempt,
          code,
        });
      } finally {
        await staging.stop();
      }
    }
  }

  /**
   * Applies the rows as staging hands them over, in one transaction: all of the import lands, or none of it.
   * Staging (a worker thread unless IMPORT_STAGING=main) reads, validates and scores each row as a new site; here
   * each row is matched against the stored sites, merged, and re-scored only when a stored site changes the record.
   */
  private async apply(
    batch: ImportBatchEntity,
    rules: ActiveRuleSet,
    { listId, asOf, at }: StagingInput,
    staging: StagingRun,
  ): Promise<StagingSummary | undefined> {
    // The file is opened (and refused if it cannot be read) before the transaction takes the site-writes lock.
    const columns = new Set(await staging.opened());
    const changes: ImportChanges = { created: 0, updated: [], noLongerListed: [] };
    let unchanged = 0;
    let possibleDuplicates = 0;
    return this.batches.dataSource.transaction(async (manager) => {
      // Appliers run one at a time: a second run of the same job waits here, then sees the batch done.
      await lockSiteWrites(manager);
      const [current] = await manager.query<{ status: string }[]>(
        'SELECT status FROM import_batches WHERE id = $1',
        [batch.id],
      );
      if (current?.status !== 'processing') {
        this.logger.warn({
          message: 'Import already finished elsewhere; not applied again',
          batchId: batch.id,
        });
        return undefined;
      }
      const [{ now: assessedAt }] = await manager.query<{ now: string }[]>('SELECT now()::text AS now');
      // Sites matched or created by a row of this upload, with that row: one file lists a site once.
      const claimed = new Map<string, number>();
      // Rows whose entry of the list is a site another row of this upload was placed on: the list names one site
      // twice (an officer confirmed two of its entries to be the same site). Reported like duplicates.
      const listedAgain: RejectedRow[] = [];
      // A stored site is compared with every row of its name: its comparable form is made once and kept while
      // the rows of that name are near. The cache is emptied when full, so memory stays flat on a large list.
      const prepared = new Map<string, PreparedSite>();
      const prepare = (site: ExistingSite): PreparedSite => {
        let form = prepared.get(site.id);
        if (!form) {
          if (prepared.size >= PREPARED_SITES_KEPT) {
            prepared.clear();
          }
          form = prepareSite({ ...site.profile, country: site.country });
          prepared.set(site.id, form);
        }
        return form;
      };
      /** A matched site after this row: its merged record, scored again only when it differs from the row's own. */
      const remerged = (
        item: StagedSupplier,
        site: ExistingSite,
      ): { row: SiteRow; record: SupplierRecord } => {
        const listed = applyListedRow(site.sources, {
          listId,
          batch: batch.id,
          row: item.rowNumber,
          at,
          columns,
          record: item.record,
        });
        const { sources, record } = withInferredRegion(listed, mergedRecord(listed), inferredRegionValue);
        // The same record scores the same: staging's assessment stands (the usual re-upload).
        if (canonicalJson(record) === canonicalJson(JSON.parse(item.asNew.profile))) {
          return { row: siteRow(record, sources, item.asNew.assessment, item.asNew.priority), record };
        }
        const result = rules.score(record, asOf);
        const assessment = assessmentWrite(result, rules.compiled);
        return {
          row: siteRow(record, sources, assessment, rules.priority(result, record.annualSpend)),
          record,
        };
      };
      // Matching and merging need no database once a chunk's candidates are read: each chunk is placed while the
      // writes of the one before run, and the next chunk's lookup is queued before those writes. The lookups do
      // not depend on the chunk before: its sites are claimed (never candidates again), and keys and references
      // are unique within the file.
      const place = (
        chunk: StagedSupplier[],
        lookups: Map<StagedSupplier, SiteLookup<ExistingSite>>,
      ): PlacedChunk => {
        const inserts: SiteWrite[] = [];
        const updates: SiteWrite[] = [];
        const listings: ListingWrite[] = [];
        const questions: PotentialMatchWrite[] = [];
        for (const item of chunk) {
          const lookup = lookups.get(item)!;
          const own = lookup.byEntry;
          const firstRow = own && claimed.get(own.id);
          if (own && firstRow !== undefined) {
            listedAgain.push(listedAgainRow(item, firstRow, own));
            listings.push({
              supplierId: own.id,
              externalRef: item.record.externalRef ?? null,
              country: item.record.country,
              siteKey: item.siteKey,
              name: item.record.name,
              evidence: null,
              rowNumber: item.rowNumber,
            });
            continue;
          }
          const { match, potential } = matchSite<ExistingSite>(item.record, lookup, claimed, prepare);
          const merged = match ? remerged(item, match.site) : undefined;
          const site = merged?.row ?? item.asNew;
          const id = match?.site.id ?? randomUUID();
          claimed.set(id, item.rowNumber);
          // A site keeps the key it was created with; each list's spelling of it is kept with its listing. A new
          // site whose key another row of this upload already took (through its reference) is kept apart.
          const key = match
            ? match.site.siteKey
            : lookup.byKey.length > 0
              ? `${item.siteKey}|#${id}`
              : item.siteKey;
          const write: SiteWrite = { ...site, id, siteKey: key };
          listings.push({
            supplierId: id,
            externalRef: item.record.externalRef ?? null,
            country: item.record.country,
            siteKey: item.siteKey,
            name: item.record.name,
            evidence: match?.evidence ?? 'new',
            rowNumber: item.rowNumber,
          });
          if (!match || !merged) {
            inserts.push(write);
            for (const candidate of potential) {
              questions.push({
                siteId: id,
                candidateId: candidate.site.id,
                siteName: item.record.name,
                siteAddress: item.record.address ?? null,
                score: candidate.score,
                evidence: candidate.evidence,
                conflict: candidate.conflict,
              });
            }
            continue;
          }
          const fields = changedFields(match.site.profile, merged.record);
          if (fields.length === 0) {
            unchanged++;
          } else {
            changes.updated.push({ supplierId: id, name: merged.record.name, fields });
          }
          updates.push(write);
        }
        changes.created += inserts.length;
        possibleDuplicates += questions.length;
        return { inserts, updates, listings, questions };
      };
      const persist = async ({ inserts, updates, listings, questions }: PlacedChunk): Promise<void> => {
        await insertSites(manager, inserts, batch.id, assessedAt);
        await updateSites(manager, updates, batch.id);
        await upsertListings(manager, listId, batch.id, listings);
        await insertPotentialMatches(manager, batch.id, questions);
        await insertAssessments(
          manager,
          [...inserts, ...updates].map((w) => ({ supplierId: w.id, assessment: w.assessment })),
          'import',
          batch.id,
        );
      };
      const chunks = staging.chunks();
      let chunk = await chunks.next();
      let lookup = chunk.done ? undefined : lookUpSites(manager, listId, chunk.value);
      let writing: Promise<void> = Promise.resolve();
      while (!chunk.done && lookup) {
        const lookups = await lookup;
        const next = await chunks.next();
        lookup = next.done ? undefined : lookUpSites(manager, listId, next.value);
        // Awaited in its turn; this only keeps a failure from being reported as unhandled meanwhile.
        lookup?.catch(() => undefined);
        const placed = place(chunk.value, lookups);
        await writing;
        writing = persist(placed);
        writing.catch(() => undefined);
        chunk = next;
      }
      await writing;
      const staged = staging.summary;
      const { rows: rejected, warningsReplaced } = withRowsListedAgain(staging.rejected, listedAgain);
      for (let i = 0; i < rejected.length; i += CHUNK) {
        await manager.query(
          `INSERT INTO import_rejected_rows (batch_id, row_number, cells, errors, outcome)
           SELECT $2, row_number, cells, errors, outcome
             FROM jsonb_to_recordset($1::jsonb) AS x(row_number int, cells jsonb, errors jsonb, outcome varchar)`,
          [
            JSON.stringify(
              rejected.slice(i, i + CHUNK).map((r) => ({
                row_number: r.rowNumber,
                cells: r.cells,
                errors: r.errors,
                outcome: r.outcome,
              })),
            ),
            batch.id,
          ],
        );
      }
      changes.possibleDuplicates = possibleDuplicates;
      // The batch row is locked only now, so progress could be recorded meanwhile; a batch marked failed in the
      // meantime (an orphan sweep) keeps that outcome and nothing of this run lands.
      const [still] = await manager.query<{ status: string }[]>(
        'SELECT status FROM import_batches WHERE id = $1 FOR UPDATE',
        [batch.id],
      );
      if (still?.status !== 'processing') {
        throw new Error(`Import ${batch.id} was marked ${still?.status ?? 'missing'} while it was applied`);
      }
      const previous = await this.batches.previousCompleted(manager, listId, batch.createdAt);
      if (previous) {
        changes.noLongerListed = await noLongerListed(manager, listId, previous.id, batch.id);
      }
      await manager.query(
        `UPDATE import_batches
            SET status = 'completed', rows_total = $2, rows_read = $2, imported = $3, updated = $4, unchanged = $5,
                rejected = $6, duplicates = $7, rows_with_warnings = $8, changes = $9, rule_set_hash = $10,
                finished_at = now()
          WHERE id = $1`,
        [
          batch.id,
          staged.read,
          changes.created,
          staged.valid - changes.created - unchanged - listedAgain.length,
          unchanged,
          // Duplicates and rows with warnings are counted on their own; all three kinds are in the error workbook.
          staging.rejected.length - staged.duplicates - staged.withWarnings,
          staged.duplicates + listedAgain.length,
          staged.withWarnings - warningsReplaced,
          JSON.stringify(changes),
          rules.hash,
        ],
      );
      await recordTierSnapshot(manager);
      return staged;
    });
  }
}

interface PlacedChunk {
  inserts: SiteWrite[];
  updates: SiteWrite[];
  listings: ListingWrite[];
  questions: PotentialMatchWrite[];
}

export function mappingToSave(mapping: HeaderMapping): Record<string, string> {
  return Object.fromEntries(
    mapping.columns.filter((c) => !c.annotation).map((c) => [c.header, c.field ?? 'ignore']),
  );
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
  }
  return hash.digest('hex');
}
