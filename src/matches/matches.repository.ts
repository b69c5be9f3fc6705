import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { FieldSources } from '../suppliers/domain/field-sources.js';
import type { SupplierRecord } from '../suppliers/domain/supplier-record.js';
import { setCurrentScores, type AssessmentWrite } from '../assessments/assessment-writes.js';
import type { MatchStatus } from './potential-match.entity.js';
import type { MatchSiteView, PotentialMatchView } from './dto/match.views.js';

interface MatchRow {
  id: string;
  status: MatchStatus;
  siteId: string | null;
  candidateId: string;
  siteName: string;
  siteAddress: string | null;
  score: number;
  evidence: string;
  conflict: string | null;
  batchId: string | null;
  fileName: string | null;
  listName: string | null;
  createdAt: Date;
  decidedAt: Date | null;
  decidedBy: string | null;
}

export interface LockedSite {
  id: string;
  name: string;
  profile: SupplierRecord;
  sources: FieldSources;
  lastImportBatchId: string | null;
}

const PAGE = 500;

/** The possible-duplicate queue (site_matches) and the merge of two sites an officer confirmed as one. */
@Injectable()
export class MatchesRepository {
  constructor(@InjectDataSource() readonly dataSource: DataSource) {}

  async page(status: MatchStatus): Promise<{ items: PotentialMatchView[]; total: number }> {
    const rows = await this.dataSource.query<MatchRow[]>(
      `SELECT m.id, m.status, m.site_id AS "siteId", m.candidate_id AS "candidateId", m.site_name AS "siteName",
              m.site_address AS "siteAddress", m.score, m.evidence, m.conflict, m.batch_id AS "batchId",
              b.file_name AS "fileName", l.name AS "listName", m.created_at AS "createdAt",
              m.decided_at AS "decidedAt", m.decided_by AS "decidedBy"
         FROM site_matches m
         LEFT JOIN import_batches b ON b.id = m.batch_id
         LEFT JOIN source_lists l ON l.id = b.source_list_id
        WHERE m.status = $1
        ORDER BY m.score DESC, m.created_at, m.id
        LIMIT ${PAGE}`,
      [status],
    );
    const [{ total }] = await this.dataSource.query<{ total: number }[]>(
      'SELECT count(*)::int AS total FROM site_matches WHERE status = $1',
      [status],
    );
    const sites = await this.sites(
      rows.flatMap((r) => (r.siteId ? [r.siteId, r.candidateId] : [r.candidateId])),
    );
    return {
      total,
      items: rows.map((row) => ({
        id: row.id,
        status: row.status,
        site: row.siteId ? (sites.get(row.siteId) ?? null) : null,
        siteName: row.siteName,
        siteAddress: row.siteAddress,
        candidate: sites.get(row.candidateId)!,
        similarity: row.score,
        evidence: row.evidence,
        conflict: row.conflict,
        upload:
          row.batchId && row.fileName
            ? { id: row.batchId, fileName: row.fileName, list: row.listName }
            : null,
        createdAt: new Date(row.createdAt).toISOString(),
        decidedAt: row.decidedAt ? new Date(row.decidedAt).toISOString() : null,
        decidedBy: row.decidedBy,
      })),
    };
  }

  private async sites(ids: string[]): Promise<Map<string, MatchSiteView>> {
    if (ids.length === 0) {
      return new Map();
    }
    const rows = await this.dataSource.query<(MatchSiteView & { profile: SupplierRecord })[]>(
      `SELECT s.id, s.name, s.country, s.profile, s.current_score AS score, s.current_tier AS tier,
              coalesce((SELECT array_agg(DISTINCT sl.name ORDER BY sl.name) FROM supplier_listings x
                          JOIN source_lists sl ON sl.id = x.source_list_id WHERE x.supplier_id = s.id), '{}') AS lists
         FROM suppliers s WHERE s.id = ANY($1::uuid[])`,
      [[...new Set(ids)]],
    );
    return new Map(
      rows.map(({ profile, ...site }) => [
        site.id,
        { ...site, address: profile.address ?? null, city: profile.city ?? null },
      ]),
    );
  }

  /** The question, locked against a second decision made at the same moment. */
  async lockMatch(manager: EntityManager, id: string): Promise<MatchRow | undefined> {
    const [row] = await manager.query<MatchRow[]>(
      `SELECT id, status, site_id AS "siteId", candidate_id AS "candidateId", site_name AS "siteName",
              decided_at AS "decidedAt", decided_by AS "decidedBy"
         FROM site_matches WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return row;
  }

  async lockSites(manager: EntityManager, ids: string[]): Promise<Map<string, LockedSite>> {
    const rows = await manager.query<LockedSite[]>(
      `SELECT id, name, profile, sources, last_import_batch_id AS "lastImportBatchId"
         FROM suppliers WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
      [ids],
    );
    return new Map(rows.map((row) => [row.id, row]));
  }

  async decide(
    manager: EntityManager,
    id: string,
    status: 'confirmed' | 'rejected',
    decidedBy: string | null,
  ): Promise<void> {
    await manager.query(
      `UPDATE site_matches SET status = $2, decided_at = now(), decided_by = $3 WHERE id = $1`,
      [id, status, decidedBy],
    );
  }

  /**
   * Moves everything of `fromId` onto `intoId` and deletes `fromId`: its listings (every entry, also where one list
   * listed both sites: that list's next upload finds the surviving site from either row), its assessments (its
   * history), and its other open questions.
   */
  async mergeInto(manager: EntityManager, fromId: string, intoId: string): Promise<void> {
    await manager.query(
      `UPDATE supplier_listings SET supplier_id = $2, match_evidence = 'confirmed' WHERE supplier_id = $1`,
      [fromId, intoId],
    );
    await manager.query('UPDATE assessments SET supplier_id = $2 WHERE supplier_id = $1', [fromId, intoId]);
    // Other questions about the merged site now ask about the surviving one, unless that makes a pair with
    // itself or one already asked.
    await manager.query(
      `DELETE FROM site_matches m
        WHERE m.status = 'pending' AND (
              (m.site_id = $1 AND (m.candidate_id = $2
                 OR EXISTS (SELECT 1 FROM site_matches o WHERE o.site_id = $2 AND o.candidate_id = m.candidate_id)))
           OR (m.candidate_id = $1 AND (m.site_id = $2
                 OR EXISTS (SELECT 1 FROM site_matches o WHERE o.candidate_id = $2 AND o.site_id = m.site_id))))`,
      [fromId, intoId],
    );
    await manager.query(`UPDATE site_matches SET site_id = $2 WHERE site_id = $1 AND status = 'pending'`, [
      fromId,
      intoId,
    ]);
    await manager.query(`UPDATE site_matches SET candidate_id = $2 WHERE candidate_id = $1`, [
      fromId,
      intoId,
    ]);
    await manager.query('DELETE FROM suppliers WHERE id = $1', [fromId]);
  }

  async writeMerged(
    manager: EntityManager,
    id: string,
    record: SupplierRecord,
    sources: FieldSources,
    assessment: AssessmentWrite,
    priority: number,
  ): Promise<void> {
    await manager.query(
      `UPDATE suppliers SET profile = $2::jsonb, sources = $3::jsonb, sector = $4, updated_at = now() WHERE id = $1`,
      [id, JSON.stringify(record), JSON.stringify(sources), record.sector ?? null],
    );
    await setCurrentScores(manager, [{ supplierId: id, assessment, priority }]);
  }
}
