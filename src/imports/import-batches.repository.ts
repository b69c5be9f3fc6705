import { createReadStream } from 'node:fs';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, MoreThan, type EntityManager } from 'typeorm';
import type { ImportBatchView } from './dto/import.views.js';
import { ImportBatchEntity, type ImportChanges } from './import-batch.entity.js';
import { ImportRejectedRowEntity } from './import-rejected-row.entity.js';
import { MappingProfileEntity } from './mapping-profile.entity.js';
import { SourceListEntity } from './source-list.entity.js';
import { sourceListKey } from './domain/source-list-name.js';
import type { RejectedRow } from './staging/stage-rows.js';

/** What a completed import counted (as its view shows the counts) and changed. */
export type ImportOutcome = ImportBatchView['counts'] & { changes: ImportChanges; ruleSetHash: string };

const REJECTED_ROWS_PER_INSERT = 500;

@Injectable()
export class ImportBatchesRepository {
  constructor(@InjectDataSource() readonly dataSource: DataSource) {}

  create(
    batch: Partial<ImportBatchEntity>,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ImportBatchEntity> {
    const repository = manager.getRepository(ImportBatchEntity);
    return repository.save(repository.create(batch));
  }

  findById(id: string): Promise<ImportBatchEntity | null> {
    return this.dataSource.getRepository(ImportBatchEntity).findOneBy({ id });
  }

  recent(limit: number): Promise<ImportBatchEntity[]> {
    return this.dataSource
      .getRepository(ImportBatchEntity)
      .find({ order: { createdAt: 'DESC' }, take: limit, relations: { sourceList: true } });
  }

  findByIdWithList(id: string): Promise<ImportBatchEntity | null> {
    return this.dataSource
      .getRepository(ImportBatchEntity)
      .findOne({ where: { id }, relations: { sourceList: true } });
  }

  /** The source list of that name (case, accents and punctuation folded), created when there is none. */
  async findOrCreateSourceList(
    name: string,
    createdBy: string | null,
    manager: EntityManager,
  ): Promise<SourceListEntity> {
    const nameKey = sourceListKey(name);
    await manager.query(
      `INSERT INTO source_lists (name, name_key, created_by) VALUES ($1, $2, $3) ON CONFLICT (name_key) DO NOTHING`,
      [name, nameKey, createdBy],
    );
    return manager.getRepository(SourceListEntity).findOneByOrFail({ nameKey });
  }

  /** Every source list with its upload count and latest upload, newest first. */
  sourceLists(): Promise<
    { id: string; name: string; legacy: boolean; uploads: number; sites: number; lastUploadAt: Date | null }[]
  > {
    return this.dataSource.query(
      `SELECT l.id, l.name, l.legacy,
              (SELECT count(*)::int FROM import_batches b WHERE b.source_list_id = l.id) AS uploads,
              (SELECT count(DISTINCT s.supplier_id)::int FROM supplier_listings s WHERE s.source_list_id = l.id) AS sites,
              (SELECT max(b.created_at) FROM import_batches b WHERE b.source_list_id = l.id) AS "lastUploadAt"
         FROM source_lists l
        ORDER BY "lastUploadAt" DESC NULLS LAST, l.name`,
    );
  }

  async saveListMapping(
    listId: string,
    mapping: Record<string, string>,
    manager: EntityManager,
  ): Promise<void> {
    await manager.query('UPDATE source_lists SET mapping = $2 WHERE id = $1', [
      listId,
      JSON.stringify(mapping),
    ]);
  }

  findSourceListByKey(nameKey: string): Promise<SourceListEntity | null> {
    return this.dataSource.getRepository(SourceListEntity).findOneBy({ nameKey });
  }

  // Both only touch a batch still processing: a second run of a job that already ended must not rewrite it.
  async recordProgress(id: string, rowsRead: number): Promise<void> {
    await this.dataSource.getRepository(ImportBatchEntity).update({ id, status: 'processing' }, { rowsRead });
  }

  /**
   * An import refused while its uploader waited leaves nothing behind: its batch goes, and its source list too if
   * this upload had just created it.
   */
  async discardRefused(batchId: string, listId: string | null): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`DELETE FROM import_batches WHERE id = $1 AND status <> 'completed'`, [batchId]);
      if (listId) {
        await manager.query(
          `DELETE FROM source_lists l WHERE l.id = $1
              AND NOT EXISTS (SELECT 1 FROM import_batches b WHERE b.source_list_id = l.id)
              AND NOT EXISTS (SELECT 1 FROM supplier_listings s WHERE s.source_list_id = l.id)`,
          [listId],
        );
      }
    });
  }

  async markFailed(id: string, code: string, message: string): Promise<void> {
    await this.dataSource
      .getRepository(ImportBatchEntity)
      .update(
        { id, status: 'processing' },
        { status: 'failed', failureCode: code, failureMessage: message, finishedAt: new Date() },
      );
  }

  /**
   * A processing batch without a stored upload was being imported inline by a request; when it
   * is older than any request can take, the instance that ran it is gone.
   */
  async failOrphanedInline(olderThanSeconds: number): Promise<number> {
    const result = await this.dataSource
      .createQueryBuilder()
      .update(ImportBatchEntity)
      .set({
        status: 'failed',
        failureCode: 'INTERRUPTED',
        failureMessage:
          'The service stopped while this import ran; nothing from it was saved. Upload the file again.',
        finishedAt: () => 'now()',
      })
      .where('status IN (:...statuses)', { statuses: ['queued', 'processing'] })
      .andWhere(`created_at < now() - make_interval(secs => :seconds)`, { seconds: olderThanSeconds })
      .andWhere('NOT EXISTS (SELECT 1 FROM import_uploads u WHERE u.batch_id = import_batches.id)')
      .execute();
    return result.affected ?? 0;
  }

  /** The upload of the same source list before this one: what "no longer listed" compares with. */
  previousCompleted(
    manager: EntityManager,
    sourceListId: string,
    before: Date,
  ): Promise<ImportBatchEntity | null> {
    return manager
      .getRepository(ImportBatchEntity)
      .createQueryBuilder('b')
      .where("b.status = 'completed'")
      .andWhere('b.source_list_id = :sourceListId', { sourceListId })
      .andWhere('b.created_at < :before', { before })
      .orderBy('b.created_at', 'DESC')
      .getOne();
  }

  /** Every listed row of an import in file order, a page at a time: memory stays flat whatever their number. */
  async *rejectedRowPages(batchId: string, pageSize = 1_000): AsyncGenerator<ImportRejectedRowEntity[]> {
    let after = 0;
    for (;;) {
      const page = await this.dataSource.getRepository(ImportRejectedRowEntity).find({
        where: { batchId, rowNumber: MoreThan(after) },
        order: { rowNumber: 'ASC' },
        take: pageSize,
      });
      if (page.length > 0) {
        yield page;
      }
      if (page.length < pageSize) {
        return;
      }
      after = page[page.length - 1].rowNumber;
    }
  }

  /** The listed rows' errors grouped by column, counted in the database. */
  async rowErrorCounts(
    batchId: string,
  ): Promise<{ error: { column: string; columnLetter?: string; field: string | null }; count: number }[]> {
    const groups = await this.dataSource.query<
      { column: string; columnLetter: string | null; field: string | null; count: number }[]
    >(
      `SELECT e->>'column' AS column, e->>'columnLetter' AS "columnLetter", e->>'field' AS field, count(*)::int AS count
         FROM import_rejected_rows r, jsonb_array_elements(r.errors) AS e
        WHERE r.batch_id = $1
        GROUP BY 1, 2, 3`,
      [batchId],
    );
    return groups.map(({ column, columnLetter, field, count }) => ({
      error: { column, field, ...(columnLetter ? { columnLetter } : {}) },
      count,
    }));
  }

  rejectedRows(batchId: string, limit?: number): Promise<ImportRejectedRowEntity[]> {
    return this.dataSource
      .getRepository(ImportRejectedRowEntity)
      .find({ where: { batchId }, order: { rowNumber: 'ASC' }, ...(limit ? { take: limit } : {}) });
  }

  findMappingProfile(name: string): Promise<MappingProfileEntity | null> {
    return this.dataSource.getRepository(MappingProfileEntity).findOneBy({ name });
  }

  async saveMappingProfile(
    name: string,
    mapping: Record<string, string>,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(MappingProfileEntity)
      .values({ name, mapping })
      .orUpdate(['mapping', 'updated_at'], ['name'])
      .execute();
  }

  /** A batch's status; `forUpdate` locks its row until the transaction ends. */
  async statusOf(manager: EntityManager, id: string, forUpdate = false): Promise<string | undefined> {
    const [row] = await manager.query<{ status: string }[]>(
      `SELECT status FROM import_batches WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return row?.status;
  }

  async complete(manager: EntityManager, id: string, outcome: ImportOutcome): Promise<void> {
    await manager.query(
      `UPDATE import_batches
          SET status = 'completed', rows_total = $2, rows_read = $2, imported = $3, updated = $4, unchanged = $5,
              rejected = $6, duplicates = $7, rows_with_warnings = $8, changes = $9, rule_set_hash = $10,
              finished_at = now()
        WHERE id = $1`,
      [
        id,
        outcome.read,
        outcome.imported,
        outcome.updated,
        outcome.unchanged,
        outcome.rejected,
        outcome.duplicates,
        outcome.withWarnings,
        JSON.stringify(outcome.changes),
        outcome.ruleSetHash,
      ],
    );
  }

  /** Rejected and duplicate rows, and rows imported with warnings, kept whole for the error workbook. */
  async insertRejectedRows(
    manager: EntityManager,
    batchId: string,
    rows: readonly RejectedRow[],
  ): Promise<void> {
    for (let i = 0; i < rows.length; i += REJECTED_ROWS_PER_INSERT) {
      await manager.query(
        `INSERT INTO import_rejected_rows (batch_id, row_number, cells, errors, outcome)
         SELECT $2, row_number, cells, errors, outcome
           FROM jsonb_to_recordset($1::jsonb) AS x(row_number int, cells jsonb, errors jsonb, outcome varchar)`,
        [JSON.stringify(rows.slice(i, i + REJECTED_ROWS_PER_INSERT).map(rejectedRecord)), batchId],
      );
    }
  }

  /**
   * Rows found to list a site already placed are duplicates: each is added, or, where the row was listed for its
   * warnings, that entry becomes a duplicate carrying both. Returns how many warning entries were replaced.
   */
  async listRowsAgain(
    manager: EntityManager,
    batchId: string,
    rows: readonly RejectedRow[],
  ): Promise<number> {
    let replaced = 0;
    for (let i = 0; i < rows.length; i += REJECTED_ROWS_PER_INSERT) {
      const result = await manager.query<{ replaced: boolean }[]>(
        `INSERT INTO import_rejected_rows AS r (batch_id, row_number, cells, errors, outcome)
         SELECT $2, row_number, cells, errors, outcome
           FROM jsonb_to_recordset($1::jsonb) AS x(row_number int, cells jsonb, errors jsonb, outcome varchar)
         ON CONFLICT (batch_id, row_number) DO UPDATE
            SET outcome = EXCLUDED.outcome, errors = EXCLUDED.errors || r.errors
          WHERE r.outcome = 'warning'
         RETURNING xmax <> 0 AS replaced`,
        [JSON.stringify(rows.slice(i, i + REJECTED_ROWS_PER_INSERT).map(rejectedRecord)), batchId],
      );
      replaced += result.filter((row) => row.replaced).length;
    }
    return replaced;
  }

  /**
   * The uploaded file of a background import, stored with its batch and job, a part at a time: the whole file
   * and its encoding as one parameter (twice its size) never sit in memory together. Each part after the first
   * is appended to the stored bytes, which PostgreSQL rewrites: more database work for a large file (some 200 MB
   * written for a 50 MB one), bounded memory in the service.
   */
  async storeUpload(manager: EntityManager, batchId: string, path: string): Promise<void> {
    let first = true;
    for await (const part of createReadStream(path, { highWaterMark: UPLOAD_STORE_PART })) {
      await manager.query(
        first
          ? 'INSERT INTO import_uploads (batch_id, content) VALUES ($1, $2)'
          : 'UPDATE import_uploads SET content = content || $2 WHERE batch_id = $1',
        [batchId, part as Buffer],
      );
      first = false;
    }
    if (first) {
      await manager.query(`INSERT INTO import_uploads (batch_id, content) VALUES ($1, '\\x')`, [batchId]);
    }
  }

  /** The stored upload's size in bytes; undefined when it is gone. */
  async uploadSize(batchId: string): Promise<number | undefined> {
    const [row] = await this.dataSource.query<{ size: number }[]>(
      'SELECT octet_length(content) AS size FROM import_uploads WHERE batch_id = $1',
      [batchId],
    );
    return row?.size;
  }

  /** `length` bytes of the stored upload from `offset` (0-based); undefined when it is gone. */
  async uploadPart(batchId: string, offset: number, length: number): Promise<Buffer | undefined> {
    const [part] = await this.dataSource.query<{ chunk: Buffer }[]>(
      'SELECT substring(content FROM $2 FOR $3) AS chunk FROM import_uploads WHERE batch_id = $1',
      [batchId, offset + 1, length],
    );
    return part?.chunk;
  }

  async discardUpload(batchId: string): Promise<void> {
    await this.dataSource.query('DELETE FROM import_uploads WHERE batch_id = $1', [batchId]);
  }
}

const UPLOAD_STORE_PART = 8 * 1024 * 1024;

function rejectedRecord(row: RejectedRow): {
  row_number: number;
  cells: unknown;
  errors: unknown;
  outcome: string;
} {
  return { row_number: row.rowNumber, cells: row.cells, errors: row.errors, outcome: row.outcome };
}
