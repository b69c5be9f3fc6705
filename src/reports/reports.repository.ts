import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AssessmentsRepository } from '../assessments/assessments.repository.js';
import type { AssessmentResult } from '../scoring/domain/assessment-result.js';
import type { ScreeningFindings } from '../scoring/domain/screening-findings.js';
import { ScreeningRepository, type SupplierHitCounts } from '../screening/screening.repository.js';
import type { FieldSources } from '../suppliers/domain/field-sources.js';
import type { SupplierRecord } from '../suppliers/domain/supplier-record.js';
import type { SupplierFilterQuery } from '../suppliers/dto/list-suppliers.query.js';
import { SuppliersRepository } from '../suppliers/suppliers.repository.js';
import type { ExportUpload } from './domain/supplier-export.js';
import { ReportEntity } from './report.entity.js';

export interface SupplierWithAssessment {
  id: string;
  profile: SupplierRecord;
  assessment?: AssessmentResult;
  screening: ScreeningFindings | null;
  /** Its hits in force, when asked for; absent: none. */
  hitCounts?: SupplierHitCounts;
}

/** A supplier in the work list: its stored priority, and the values Vigil inferred of it. */
export interface SupplierInWorkList extends SupplierWithAssessment {
  priority: number | null;
  inferred?: FieldSources['inferred'];
}

interface PriorityRow {
  id: string;
  profile: SupplierRecord;
  screening: ScreeningFindings | null;
  priority: number | null;
  inferred: FieldSources['inferred'] | null;
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
      yield* await this.withAssessments(page, options);
      after = page[page.length - 1]?.id ?? after;
    }
  }

  /**
   * The suppliers in scope in work-list order, as GET /suppliers?sort=priority lists them (priority DESC NULLS
   * LAST, then id), each with what Vigil inferred of it; a page at a time, so memory stays flat.
   */
  async *inPriorityOrder(filter: SupplierFilterQuery, pageSize = PAGE): AsyncGenerator<SupplierInWorkList> {
    // Keyset pages over ix_suppliers_priority_id: first the prioritised suppliers from the top down, then those
    // without a priority (never assessed) by id. `priority <= :priority` starts the index scan at the bookmark.
    let bookmark: { priority: number; id: string } | undefined;
    let unprioritisedAfter: string | undefined;
    for (;;) {
      const query = this.suppliers
        .filtered(filter)
        .select('s.id', 'id')
        .addSelect('s.profile', 'profile')
        .addSelect('s.screening', 'screening')
        .addSelect('s.priority', 'priority')
        .addSelect("s.sources -> 'inferred'", 'inferred');
      if (unprioritisedAfter === undefined) {
        // NULLS LAST as the index has it, though no NULL is left: PostgreSQL matches the order against the index.
        query
          .andWhere('s.priority IS NOT NULL')
          .orderBy('s.priority', 'DESC', 'NULLS LAST')
          .addOrderBy('s.id', 'ASC');
        if (bookmark) {
          query
            .andWhere('s.priority <= :priority', bookmark)
            .andWhere('(s.priority < :priority OR s.id > :id)', bookmark);
        }
      } else {
        query
          .andWhere('s.priority IS NULL')
          .andWhere('s.id > :after', { after: unprioritisedAfter })
          .orderBy('s.id', 'ASC');
      }
      const rows = await query.limit(pageSize).getRawMany<PriorityRow>();
      const enriched =
        rows.length === 0
          ? []
          : await this.withAssessments(
              rows.map((row) => ({ id: row.id, profile: row.profile, screening: row.screening })),
              {},
            );
      for (const [index, supplier] of enriched.entries()) {
        const inferred = rows[index]?.inferred;
        yield { ...supplier, priority: rows[index]?.priority ?? null, ...(inferred ? { inferred } : {}) };
      }
      const last = rows[rows.length - 1];
      if (unprioritisedAfter !== undefined) {
        if (rows.length < pageSize || !last) {
          return;
        }
        unprioritisedAfter = last.id;
      } else if (rows.length === pageSize && last && last.priority !== null) {
        bookmark = { priority: last.priority, id: last.id };
      } else {
        unprioritisedAfter = '00000000-0000-0000-0000-000000000000';
      }
    }
  }

  private async withAssessments(
    page: readonly Pick<SupplierWithAssessment, 'id' | 'profile' | 'screening'>[],
    options: { hitCounts?: boolean },
  ): Promise<SupplierWithAssessment[]> {
    const ids = page.map((s) => s.id);
    const [byId, counts] = await Promise.all([
      this.assessments.currentFor(ids),
      options.hitCounts ? this.screening.countsBySupplier(ids) : undefined,
    ]);
    return page.map((supplier) => {
      const hitCounts = counts?.get(supplier.id);
      return {
        id: supplier.id,
        profile: supplier.profile,
        assessment: byId.get(supplier.id),
        screening: supplier.screening,
        ...(hitCounts ? { hitCounts } : {}),
      };
    });
  }

  /**
   * Every completed upload, newest first, with its rows by outcome. The import counts each row it reads once:
   * as new, updated or unchanged (imported), as a duplicate (a site another row of the file, or of the list,
   * already placed) or as rejected; a row with nothing in it is read and skipped, and only `rows_read` counts it.
   */
  async importProvenance(): Promise<ExportUpload[]> {
    const rows = await this.dataSource.query<
      {
        id: string;
        file_name: string;
        file_sha256: string;
        list_name: string | null;
        uploaded_by: string;
        created_at: Date;
        rows_read: number;
        imported: number;
        updated: number;
        unchanged: number;
        duplicates: number;
        rejected: number;
        rows_with_warnings: number;
      }[]
    >(
      `SELECT b.id, b.file_name, b.file_sha256, l.name AS list_name, b.created_at,
              coalesce(b.uploaded_by, e.actor, 'unknown') AS uploaded_by,
              b.rows_read, b.imported, b.updated, b.unchanged, b.duplicates, b.rejected, b.rows_with_warnings
         FROM import_batches b
         LEFT JOIN source_lists l ON l.id = b.source_list_id
         -- One actor per upload, whatever the audit trail holds.
         LEFT JOIN LATERAL (
           SELECT a.actor FROM audit_events a
            WHERE a.action = 'import.uploaded' AND a.target_id = b.id::text
            ORDER BY a.occurred_at LIMIT 1
         ) e ON true
        WHERE b.status = 'completed'
        ORDER BY b.created_at DESC, b.id`,
    );
    return rows.map((r) => {
      const imported = r.imported + r.updated + r.unchanged;
      return {
        uploadId: r.id,
        fileName: r.file_name,
        sha256: r.file_sha256,
        list: r.list_name,
        uploadedBy: r.uploaded_by,
        uploadedAt: new Date(r.created_at).toISOString(),
        rowsRead: r.rows_read,
        rowsImported: imported,
        rowsNew: r.imported,
        rowsUpdated: r.updated,
        rowsUnchanged: r.unchanged,
        rowsDuplicate: r.duplicates,
        rowsRejected: r.rejected,
        // Rows with nothing in them are read and skipped; the import counts them in rows_read alone.
        rowsBlank: r.rows_read - imported - r.duplicates - r.rejected,
        rowsWithWarnings: r.rows_with_warnings,
      };
    });
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
