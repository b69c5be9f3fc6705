import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { ScreeningFindings } from '../scoring/domain/screening-findings.js';
import type { SupplierRecord } from '../suppliers/domain/supplier-record.js';
import type { ListKind } from './domain/enforcement-lists.js';
import type { FreshHit, HitStatus, StoredHit } from './domain/supplier-screening.js';
import type { ScreeningHitView } from './dto/screening.views.js';
import { LIST_TITLES } from '../scoring/domain/screening-findings.js';

/** A supplier as screening reads it. */
export interface ScreenedRow {
  id: string;
  profile: SupplierRecord;
  screening: ScreeningFindings | null;
}

export interface HitFilter {
  id?: string;
  status?: HitStatus;
  list?: ListKind;
  supplierId?: string;
  /** Only hits raised by the latest screening (or confirmations in force). */
  current?: boolean;
  limit: number;
  offset: number;
}

interface HitRow {
  id: string;
  supplier_id: string;
  supplier_name: string;
  supplier_country: string;
  supplier_tier: ScreeningHitView['supplier']['tier'];
  list: ListKind;
  entry_id: string;
  entry_key: string;
  names_key: string;
  kind: ScreeningHitView['kind'];
  strength: ScreeningHitView['strength'];
  score: number | null;
  party_role: ScreeningHitView['party']['role'];
  party_name: string;
  entry_name: string;
  listed_name: string;
  details: ScreeningHitView['details'];
  edition_id: string;
  edition_as_of: string;
  status: HitStatus;
  current: boolean;
  reason: string | null;
  decided_by: string | null;
  decided_at: Date | null;
  raised_at: Date;
  screened_at: Date;
}

const HIT_COLUMNS = `h.id, h.supplier_id, s.name AS supplier_name, s.country AS supplier_country,
  s.current_tier AS supplier_tier, h.list, h.entry_id, h.entry_key, h.names_key, h.kind, h.strength, h.score,
  h.party_role, h.party_name, h.entry_name, h.listed_name, h.details, h.edition_id,
  e.as_of::text AS edition_as_of, h.status, h.current, h.reason, h.decided_by, h.decided_at, h.raised_at,
  h.screened_at`;

function toStored(row: HitRow): StoredHit {
  return {
    id: row.id,
    list: row.list,
    entryId: row.entry_id,
    entryKey: row.entry_key,
    namesKey: row.names_key,
    status: row.status,
    current: row.current,
    partyRole: row.party_role,
    partyName: row.party_name,
    entryName: row.entry_name,
    listedName: row.listed_name,
    reason: row.reason,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    details: row.details,
  };
}

export function toHitView(row: HitRow): ScreeningHitView {
  return {
    id: row.id,
    supplier: {
      id: row.supplier_id,
      name: row.supplier_name,
      country: row.supplier_country,
      tier: row.supplier_tier,
    },
    list: row.list,
    listTitle: LIST_TITLES[row.list],
    entryId: row.entry_id,
    kind: row.kind,
    strength: row.strength,
    score: row.score,
    party: { role: row.party_role, name: row.party_name },
    entryName: row.entry_name,
    listedName: row.listed_name,
    details: row.details,
    edition: { id: row.edition_id, asOf: row.edition_as_of },
    status: row.status,
    current: row.current,
    reason: row.reason,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at?.toISOString() ?? null,
    raisedAt: row.raised_at.toISOString(),
    screenedAt: row.screened_at.toISOString(),
  };
}

/** The screening tables: hits, their decisions, and what suppliers carry of them. */
@Injectable()
export class ScreeningRepository {
  constructor(@InjectDataSource() readonly dataSource: DataSource) {}

  /** Suppliers after `after` in id order: all of them, or those an import created or changed. */
  page(
    manager: EntityManager,
    after: string,
    size: number,
    importBatchId: string | null,
  ): Promise<ScreenedRow[]> {
    return importBatchId
      ? manager.query<ScreenedRow[]>(
          `SELECT id, profile, screening FROM suppliers
            WHERE id > $1 AND last_import_batch_id = $3 ORDER BY id LIMIT $2`,
          [after, size, importBatchId],
        )
      : manager.query<ScreenedRow[]>(
          'SELECT id, profile, screening FROM suppliers WHERE id > $1 ORDER BY id LIMIT $2',
          [after, size],
        );
  }

  async countScope(importBatchId: string | null): Promise<number> {
    const [row] = await this.dataSource.query<{ count: number }[]>(
      importBatchId
        ? 'SELECT count(*)::int AS count FROM suppliers WHERE last_import_batch_id = $1'
        : 'SELECT count(*)::int AS count FROM suppliers',
      importBatchId ? [importBatchId] : [],
    );
    return row?.count ?? 0;
  }

  async read(manager: EntityManager, ids: readonly string[]): Promise<ScreenedRow[]> {
    return manager.query<ScreenedRow[]>(
      'SELECT id, profile, screening FROM suppliers WHERE id = ANY($1::uuid[]) ORDER BY id',
      [ids],
    );
  }

  /** Every stored hit of these suppliers, by supplier. */
  async storedHits(
    manager: EntityManager,
    supplierIds: readonly string[],
  ): Promise<Map<string, StoredHit[]>> {
    const byId = new Map<string, StoredHit[]>();
    if (supplierIds.length === 0) {
      return byId;
    }
    const rows = await manager.query<HitRow[]>(
      `SELECT ${HIT_COLUMNS}
         FROM screening_hits h JOIN suppliers s ON s.id = h.supplier_id JOIN list_editions e ON e.id = h.edition_id
        WHERE h.supplier_id = ANY($1::uuid[])`,
      [supplierIds],
    );
    for (const row of rows) {
      const list = byId.get(row.supplier_id) ?? [];
      list.push(toStored(row));
      byId.set(row.supplier_id, list);
    }
    return byId;
  }

  async insertHits(
    manager: EntityManager,
    hits: readonly { supplierId: string; hit: FreshHit }[],
  ): Promise<void> {
    if (hits.length === 0) {
      return;
    }
    await manager.query(
      `INSERT INTO screening_hits (supplier_id, list, entry_id, entry_key, names_key, kind, strength, score,
                                   party_role, party_name, entry_name, listed_name, details, edition_id)
       SELECT x.supplier_id, x.list, x.entry_id, x.entry_key, x.names_key, x.kind, x.strength, x.score,
              x.party_role, x.party_name, x.entry_name, x.listed_name, x.details, x.edition_id
         FROM jsonb_to_recordset($1::jsonb) AS x(supplier_id uuid, list varchar, entry_id text, entry_key char(64),
              names_key char(64), kind varchar, strength varchar, score real, party_role varchar, party_name text,
              entry_name text, listed_name text, details jsonb, edition_id uuid)`,
      [JSON.stringify(hits.map(({ supplierId, hit }) => hitRecord(supplierId, hit)))],
    );
  }

  /** Hits raised again: fresh details, current, a withdrawn one open again. */
  async touchHits(
    manager: EntityManager,
    hits: readonly { id: string; hit: FreshHit; status: HitStatus }[],
  ): Promise<void> {
    if (hits.length === 0) {
      return;
    }
    await manager.query(
      `UPDATE screening_hits h
          SET strength = x.strength, score = x.score, party_role = x.party_role, party_name = x.party_name,
              entry_name = x.entry_name, listed_name = x.listed_name, details = x.details,
              edition_id = x.edition_id, status = x.status, current = true, screened_at = now()
         FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, strength varchar, score real, party_role varchar,
              party_name text, entry_name text, listed_name text, details jsonb, edition_id uuid, status varchar)
        WHERE h.id = x.id`,
      [JSON.stringify(hits.map(({ id, hit, status }) => ({ ...hitRecord('', hit), id, status })))],
    );
  }

  /** Hits no longer raised: not current; an open one withdrawn. */
  async lapseHits(manager: EntityManager, hits: readonly { id: string; status: HitStatus }[]): Promise<void> {
    if (hits.length === 0) {
      return;
    }
    await manager.query(
      `UPDATE screening_hits h SET status = x.status, current = false, screened_at = now()
         FROM unnest($1::uuid[], $2::varchar[]) AS x(id, status) WHERE h.id = x.id`,
      [hits.map((hit) => hit.id), hits.map((hit) => hit.status)],
    );
  }

  async setFindings(
    manager: EntityManager,
    findings: readonly { id: string; findings: ScreeningFindings | null }[],
  ): Promise<void> {
    if (findings.length === 0) {
      return;
    }
    await manager.query(
      `UPDATE suppliers s SET screening = x.findings
         FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, findings jsonb) WHERE s.id = x.id`,
      [JSON.stringify(findings)],
    );
  }

  async setPriorities(
    manager: EntityManager,
    writes: readonly { supplierId: string; priority: number }[],
  ): Promise<void> {
    if (writes.length === 0) {
      return;
    }
    await manager.query(
      `UPDATE suppliers s SET priority = x.priority
         FROM unnest($1::uuid[], $2::double precision[]) AS x(id, priority) WHERE s.id = x.id`,
      [writes.map((write) => write.supplierId), writes.map((write) => write.priority)],
    );
  }

  async lockHit(manager: EntityManager, id: string): Promise<HitRow | undefined> {
    const [row] = await manager.query<HitRow[]>(
      `SELECT ${HIT_COLUMNS}
         FROM screening_hits h JOIN suppliers s ON s.id = h.supplier_id JOIN list_editions e ON e.id = h.edition_id
        WHERE h.id = $1 FOR UPDATE OF h`,
      [id],
    );
    return row;
  }

  async decide(
    manager: EntityManager,
    id: string,
    status: 'confirmed' | 'dismissed',
    reason: string,
    decidedBy: string | null,
    at: Date,
  ): Promise<void> {
    await manager.query(
      'UPDATE screening_hits SET status = $2, reason = $3, decided_by = $4, decided_at = $5 WHERE id = $1',
      [id, status, reason, decidedBy, at],
    );
  }

  async hitPage(filter: HitFilter): Promise<{ items: ScreeningHitView[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown): void => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.id) {
      add('h.id = ?', filter.id);
    }
    if (filter.status) {
      add('h.status = ?', filter.status);
    }
    if (filter.list) {
      add('h.list = ?', filter.list);
    }
    if (filter.supplierId) {
      add('h.supplier_id = ?', filter.supplierId);
    }
    if (filter.current !== undefined) {
      add('h.current = ?', filter.current);
    }
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const [counted] = await this.dataSource.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM screening_hits h ${clause}`,
      params,
    );
    // Open hits first, hits before potential hits, the best score first; decided ones the latest first.
    const rows = await this.dataSource.query<HitRow[]>(
      `SELECT ${HIT_COLUMNS}
         FROM screening_hits h JOIN suppliers s ON s.id = h.supplier_id JOIN list_editions e ON e.id = h.edition_id
         ${clause}
        ORDER BY (h.status = 'open' AND h.current) DESC, h.current DESC, (h.strength = 'hit') DESC,
                 h.decided_at DESC NULLS FIRST, h.score DESC NULLS LAST, s.name, h.id
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, filter.limit, filter.offset],
    );
    return { items: rows.map(toHitView), total: counted?.count ?? 0 };
  }

  async counts(): Promise<{
    openHits: number;
    openPotential: number;
    openSuppliers: number;
    confirmedHits: number;
    confirmedSuppliers: number;
    dismissed: number;
  }> {
    const [row] = await this.dataSource.query<
      {
        open_hits: number;
        open_potential: number;
        open_suppliers: number;
        confirmed_hits: number;
        confirmed_suppliers: number;
        dismissed: number;
      }[]
    >(
      `SELECT count(*) FILTER (WHERE status = 'open' AND strength = 'hit')::int AS open_hits,
              count(*) FILTER (WHERE status = 'open' AND strength = 'potential')::int AS open_potential,
              count(DISTINCT supplier_id) FILTER (WHERE status = 'open')::int AS open_suppliers,
              count(*) FILTER (WHERE status = 'confirmed')::int AS confirmed_hits,
              count(DISTINCT supplier_id) FILTER (WHERE status = 'confirmed')::int AS confirmed_suppliers,
              count(*) FILTER (WHERE status = 'dismissed')::int AS dismissed
         FROM screening_hits WHERE current`,
    );
    return {
      openHits: row?.open_hits ?? 0,
      openPotential: row?.open_potential ?? 0,
      openSuppliers: row?.open_suppliers ?? 0,
      confirmedHits: row?.confirmed_hits ?? 0,
      confirmedSuppliers: row?.confirmed_suppliers ?? 0,
      dismissed: row?.dismissed ?? 0,
    };
  }

  /**
   * A merge moves the merged-away site's hits (and their decisions) onto the site it joins; where both have the
   * same hit, the joined site's stays.
   */
  async moveHits(manager: EntityManager, from: string, into: string): Promise<void> {
    await manager.query(
      `DELETE FROM screening_hits f USING screening_hits i
        WHERE f.supplier_id = $1 AND i.supplier_id = $2 AND f.list = i.list AND f.entry_id = i.entry_id
          AND f.entry_key = i.entry_key AND f.names_key = i.names_key`,
      [from, into],
    );
    await manager.query('UPDATE screening_hits SET supplier_id = $2 WHERE supplier_id = $1', [from, into]);
  }
}

function hitRecord(supplierId: string, hit: FreshHit) {
  return {
    supplier_id: supplierId,
    list: hit.list,
    entry_id: hit.entryId,
    entry_key: hit.entryKey,
    names_key: hit.namesKey,
    kind: hit.kind,
    strength: hit.strength,
    score: hit.score,
    party_role: hit.partyRole,
    party_name: hit.partyName,
    entry_name: hit.entryName,
    listed_name: hit.listedName,
    details: hit.details,
    edition_id: hit.editionId,
  };
}
