import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AssessmentsRepository } from '../assessments/assessments.repository.js';
import type { AssessmentResult } from '../scoring/domain/assessment-result.js';
import type { ScreeningFindings } from '../scoring/domain/screening-findings.js';
import { ScreeningRepository, type SupplierHitCounts } from '../screening/screening.repository.js';
import type { SupplierRecord } from '../suppliers/domain/supplier-record.js';
import type { SupplierFilterQuery } from '../suppliers/dto/list-suppliers.query.js';
import { SuppliersRepository } from '../suppliers/suppliers.repository.js';
import { ReportEntity } from './report.entity.js';

export interface SupplierWithAssessment {
  id: string;
  profile: SupplierRecord;
  assessment?: AssessmentResult;
  screening: ScreeningFindings | null;
  /** Its hits in force, when asked for; absent: none. */
  hitCounts?: SupplierHitCounts;
}

const PAGE = 1000;

@Injectable()
export class ReportsRepository {
  constructor(
    @InjectDataSource() readonly dataSource: DataSource,
    private readonly suppliers: SuppliersRepository,
    private readonly assessments: AssessmentsRepository,
    private readonly screening: ScreeningRepository,
  ) {}

  /**
   * Suppliers in scope with their current assessment and screening findings (with `hitCounts`, their hits in
   * force counted too), a page at a time, so memory stays flat.
   */
  async *inScope(
    filter: SupplierFilterQuery,
    options: { hitCounts?: boolean } = {},
  ): AsyncGenerator<SupplierWithAssessment> {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const page = await this.suppliers
        .filtered(filter)
        .select(['s.id', 's.profile', 's.screening'])
        .andWhere('s.id > :after', { after })
        .orderBy('s.id')
        .limit(PAGE)
        .getMany();
      if (page.length === 0) {
        return;
      }
      const ids = page.map((s) => s.id);
      const [byId, counts] = await Promise.all([
        this.assessments.currentFor(ids),
        options.hitCounts ? this.screening.countsBySupplier(ids) : undefined,
      ]);
      for (const supplier of page) {
        const hitCounts = counts?.get(supplier.id);
        yield {
          id: supplier.id,
          profile: supplier.profile,
          assessment: byId.get(supplier.id),
          screening: supplier.screening,
          ...(hitCounts ? { hitCounts } : {}),
        };
      }
      after = page[page.length - 1]?.id ?? after;
    }
  }

  async importProvenance(): Promise<
    {
      fileName: string;
      sha256: string;
      uploadedBy: string;
      uploadedAt: string;
      read: number;
      imported: number;
      rejected: number;
    }[]
  > {
    const rows = await this.dataSource.query<
      {
        file_name: string;
        file_sha256: string;
        uploaded_by: string;
        created_at: Date;
        rows_read: number;
        imported: number;
        rejected: number;
      }[]
    >(
      `SELECT b.file_name, b.file_sha256, coalesce(b.uploaded_by, e.actor, 'unknown') AS uploaded_by, b.created_at,
              b.rows_read, b.imported + b.updated + b.unchanged AS imported, b.rejected
         FROM import_batches b
         LEFT JOIN audit_events e ON e.action = 'import.uploaded' AND e.target_id = b.id::text
        WHERE b.status = 'completed'
        ORDER BY b.created_at DESC LIMIT 20`,
    );
    return rows.map((r) => ({
      fileName: r.file_name,
      sha256: r.file_sha256,
      uploadedBy: r.uploaded_by,
      uploadedAt: new Date(r.created_at).toISOString(),
      read: r.rows_read,
      imported: r.imported,
      rejected: r.rejected,
    }));
  }

  async ruleSetContent(hash: string): Promise<unknown> {
    const rows = await this.dataSource.query<{ content: unknown }[]>(
      'SELECT content FROM rule_sets WHERE hash = $1',
      [hash],
    );
    return rows[0]?.content;
  }

  create(
    report: Partial<ReportEntity>,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ReportEntity> {
    const repository = manager.getRepository(ReportEntity);
    return repository.save(repository.create(report));
  }

  // Completing, failing and progress only touch a report still processing, so a second run of the same job
  // (after its instance was presumed dead) cannot complete it twice or undo the first run's result.

  /** True when this call completed the report. */
  async complete(
    id: string,
    content: Buffer,
    sha256: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<boolean> {
    const result = await manager
      .getRepository(ReportEntity)
      .update(
        { id, status: 'processing' },
        { status: 'completed', content, sha256, sizeBytes: content.length, progress: null },
      );
    return (result.affected ?? 0) > 0;
  }

  async progress(id: string, progress: ReportEntity['progress']): Promise<void> {
    await this.dataSource.getRepository(ReportEntity).update({ id, status: 'processing' }, { progress });
  }

  async fail(id: string, failure: string): Promise<void> {
    await this.dataSource
      .getRepository(ReportEntity)
      .update({ id, status: 'processing' }, { status: 'failed', failure });
  }

  findById(id: string): Promise<ReportEntity | null> {
    return this.dataSource.getRepository(ReportEntity).findOneBy({ id });
  }

  async content(id: string): Promise<Buffer | null> {
    const row = await this.dataSource
      .getRepository(ReportEntity)
      .createQueryBuilder('r')
      .addSelect('r.content')
      .where('r.id = :id', { id })
      .getOne();
    return row?.content ?? null;
  }

  findBySha256(sha256: string): Promise<ReportEntity | null> {
    return this.dataSource.getRepository(ReportEntity).findOneBy({ sha256, status: 'completed' });
  }

  recent(limit: number): Promise<ReportEntity[]> {
    return this.dataSource.getRepository(ReportEntity).find({ order: { generatedAt: 'DESC' }, take: limit });
  }
}
