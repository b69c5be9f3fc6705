import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { RiskTier } from '../scoring/domain/assessment-result.js';
import type { ScreeningFindings } from '../scoring/domain/screening-findings.js';
import type { SupplierRecord } from '../suppliers/domain/supplier-record.js';
import { RescoreJobEntity } from './rescore-job.entity.js';

/** A supplier as a page of the re-scoring reads it; `updated_at` as text keeps PostgreSQL's microseconds. */
export interface RescoreRow {
  id: string;
  profile: SupplierRecord;
  /** Enforcement-list findings: confirmed hits stay critical red flags under any rule set. */
  screening: ScreeningFindings | null;
  current_tier: RiskTier | null;
  updated_at: string;
}

/** The re-scoring job's reads and writes: its job row, and the suppliers a page at a time. */
@Injectable()
export class RescoreRepository {
  constructor(@InjectDataSource() readonly dataSource: DataSource) {}

  /** Whether any supplier's current assessment was made with another rule set than `hash`. */
  async anyScoredWithOther(hash: string): Promise<boolean> {
    const [row] = await this.dataSource.query<{ stale: boolean }[]>(
      `SELECT EXISTS (
         SELECT 1 FROM suppliers s
          CROSS JOIN LATERAL (
            SELECT rule_set_hash FROM assessments a WHERE a.supplier_id = s.id
             ORDER BY a.assessed_at DESC, a.id DESC LIMIT 1
          ) a
          WHERE a.rule_set_hash <> $1) AS stale`,
      [hash],
    );
    return row?.stale ?? false;
  }

  /** Serialises starting jobs across instances until the transaction ends. */
  async lockStarting(manager: EntityManager): Promise<void> {
    await manager.query("SELECT pg_advisory_xact_lock(hashtext('vigil.rescore'))");
  }

  findJob(id: string): Promise<RescoreJobEntity | null> {
    return this.dataSource.getRepository(RescoreJobEntity).findOneBy({ id });
  }

  async countSuppliers(): Promise<number> {
    const [counted] = await this.dataSource.query<{ count: number }[]>(
      'SELECT count(*)::int AS count FROM suppliers',
    );
    return counted?.count ?? 0;
  }

  /** The job's status and bookmark, its row locked until the transaction ends. */
  async lockJob(
    manager: EntityManager,
    id: string,
  ): Promise<{ status: string; last: string | null } | undefined> {
    const [state] = await manager.query<{ status: string; last: string | null }[]>(
      'SELECT status, last_supplier_id AS last FROM rescore_jobs WHERE id = $1 FOR UPDATE',
      [id],
    );
    return state;
  }

  /** Moves the job's bookmark past a written page. */
  async advance(
    manager: EntityManager,
    id: string,
    page: { done: number; tierChanges: number; last: string },
  ): Promise<void> {
    await manager.query(
      `UPDATE rescore_jobs SET done = done + $2, tier_changes = tier_changes + $3, last_supplier_id = $4
        WHERE id = $1`,
      [id, page.done, page.tierChanges, page.last],
    );
  }

  /**
   * The suppliers still as read at `readAt` (not written, nor merged away, since) and with the screening findings
   * read (a decision on an enforcement-list hit since then changes what they score).
   */
  async unchangedSince(
    manager: EntityManager,
    read: readonly { supplierId: string; readAt: string; screening: ScreeningFindings | null }[],
  ): Promise<Set<string>> {
    const rows = await manager.query<{ id: string }[]>(
      `SELECT s.id FROM unnest($1::uuid[], $2::timestamptz[], $3::jsonb[]) AS x(id, read_at, screening)
         JOIN suppliers s ON s.id = x.id AND s.updated_at = x.read_at
                         AND s.screening IS NOT DISTINCT FROM x.screening`,
      [
        read.map((row) => row.supplierId),
        read.map((row) => row.readAt),
        read.map((row) => (row.screening ? JSON.stringify(row.screening) : null)),
      ],
    );
    return new Set(rows.map((row) => row.id));
  }

  /** Suppliers as they are now (those merged away are gone). */
  read(manager: EntityManager, ids: readonly string[]): Promise<RescoreRow[]> {
    return manager.query<RescoreRow[]>(
      `SELECT id, profile, screening, current_tier, updated_at::text AS updated_at FROM suppliers WHERE id = ANY($1::uuid[])`,
      [ids],
    );
  }

  /** Every supplier after `start` in id order, a page at a time (keyset paging keeps memory flat). */
  async *pages(start: string, size: number): AsyncGenerator<RescoreRow[]> {
    let after = start;
    for (;;) {
      const rows = await this.dataSource.query<RescoreRow[]>(
        `SELECT id, profile, screening, current_tier, updated_at::text AS updated_at
           FROM suppliers WHERE id > $1 ORDER BY id LIMIT $2`,
        [after, size],
      );
      if (rows.length === 0) {
        return;
      }
      yield rows;
      after = rows[rows.length - 1]?.id ?? after;
    }
  }
}
