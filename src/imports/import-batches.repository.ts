import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ImportBatchEntity } from './import-batch.entity.js';
import { ImportRejectedRowEntity } from './import-rejected-row.entity.js';
import { MappingProfileEntity } from './mapping-profile.entity.js';
import { SourceListEntity } from './source-list.entity.js';
import { sourceListKey } from './domain/source-list-name.js';

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
}
