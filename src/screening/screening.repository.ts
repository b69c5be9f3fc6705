import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { ScreeningFindings } from '../scoring/domain/screening-findings.js';
import type { SupplierRecord } from '../suppliers/domain/supplier-record.js';
import type { ListKind } from './domain/enforcement-lists.js';
import type { FreshHit, HitStatus, HitStrength, StoredHit } from './domain/supplier-screening.js';
import type { RiskTier } from '../scoring/domain/assessment-result.js';
import { copyRows } from '../database/copy-rows.js';
import { HIT_COPY_TARGET, hitLine } from './domain/hit-copy-line.js';
import type { ScreeningHitView } from './dto/screening.views.js';
import { LIST_TITLES } from '../scoring/domain/screening-findings.js';

/**
 * A supplier as screening reads it: the fields it screens (not the whole profile), what screening found of it,
 * and the figures its place in the work list is computed from.
 */
export interface ScreenedRow {
  id: string;
  record: SupplierRecord;
  annualSpend: number | null;
  screening: ScreeningFindings | null;
  tier: RiskTier | null;
  score: number | null;
  redFlagCount: number;
  rangeHigh: number | null;
  confidence: number | null;
  /** As text, with PostgreSQL's microseconds. */
  updatedAt: string;
}

interface ScreenedRowData {
  id: string;
  name: string;
  country: string;
  parent: string | null;
  subcontractors: string[] | null;
  region: string | null;
  city: string | null;
  products: string[] | null;
  sector: string | null;
  sub_sector: string | null;
  annual_spend: number | null;
  screening: ScreeningFindings | null;
  current_tier: RiskTier | null;
  current_score: number | null;
  red_flag_count: number;
  range_high: number | null;
  confidence: number | null;
  updated_at: string;
}

// The profile is read once per row (jsonb_to_record), not once per field: each `->>` would unpack it again.
const SCREENED_COLUMNS = `s.id, x.name, s.country, x."parentCompany" AS parent, x.subcontractors, x.region,
  x.city, x.products, x.sector, x."subSector" AS sub_sector, x."annualSpend" AS annual_spend, s.screening,
  s.current_tier, s.current_score, s.red_flag_count, s.range_high, s.confidence, s.updated_at::text AS updated_at`;
const SCREENED_FROM = `suppliers s CROSS JOIN LATERAL jsonb_to_record(s.profile) AS x(name text,
  "parentCompany" text, subcontractors jsonb, region text, city text, products jsonb, sector text, "subSector" text,
  "annualSpend" double precision)`;

function toScreenedRow(row: ScreenedRowData): ScreenedRow {
  const record: SupplierRecord = { name: row.name, country: row.country };
  if (row.parent !== null) {
    record.parentCompany = row.parent;
  }
  if (row.subcontractors !== null) {
    record.subcontractors = row.subcontractors;
  }
  if (row.region !== null) {
    record.region = row.region;
  }
  if (row.city !== null) {
    record.city = row.city;
  }
  if (row.products !== null) {
    record.products = row.products;
  }
  if (row.sector !== null) {
    record.sector = row.sector as NonNullable<SupplierRecord['sector']>;
  }
  if (row.sub_sector !== null) {
    record.subSector = row.sub_sector;
  }
  return {
    id: row.id,
    record,
    annualSpend: row.annual_spend,
    screening: row.screening,
    tier: row.current_tier,
    score: row.current_score,
    redFlagCount: row.red_flag_count,
    rangeHigh: row.range_high,
    confidence: row.confidence,
    updatedAt: row.updated_at,
  };
}

/** A stored hit as reconciling reads it: keys and status; what a confirmation cites only for confirmed ones. */
interface StoredHitRow {
  id: string;
  supplier_id: string;
  list: ListKind;
  entry_id: string;
  entry_key: string;
  names_key: string;
  strength: HitStrength;
  score: number | null;
  status: HitStatus;
  current: boolean;
  party_role: ScreeningHitView['party']['role'];
  party_name: string | null;
  entry_name: string | null;
  listed_name: string | null;
  reason: string | null;
  decided_by: string | null;
  decided_at: Date | null;
  details: ScreeningHitView['details'] | null;
}

/**
 * An import's run: the sites the import changed (`last_import_batch_id`) that existed before its transaction (the
 * sites it created were screened as it staged them). `sitesBefore` null: every site of the import (runs recorded
 * before staging screened new sites).
 */
export interface ImportScope {
  importBatchId: string;
  sitesBefore: Date | null;
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

/** A supplier's hits in force: open ones by strength, confirmed and dismissed ones. */
export interface SupplierHitCounts {
  hits: number;
  potential: number;
  confirmed: number;
  dismissed: number;
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
  edition_source: string;
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
  e.as_of::text AS edition_as_of, e.source AS edition_source, h.status, h.current, h.reason, h.decided_by, h.decided_at, h.raised_at,
  h.screened_at`;

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
    edition: { id: row.edition_id, asOf: row.edition_as_of, source: row.edition_source },
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

  /**
   * The next page of suppliers after `after` in id order: all of them, or those of an import's scope (the stored
   * sites it changed). An import's page is a window of the table by id (the pages walk the primary key; no index on
   * the import is needed); `last` is where the next page starts, undefined at the end.
   */
  async page(
    manager: EntityManager,
    after: string,
    size: number,
    scope: ImportScope | null,
  ): Promise<{ rows: ScreenedRow[]; last: string | undefined }> {
    if (scope === null) {
      const rows = await manager.query<ScreenedRowData[]>(
        `SELECT ${SCREENED_COLUMNS} FROM ${SCREENED_FROM} WHERE s.id > $1 ORDER BY s.id LIMIT $2`,
        [after, size],
      );
      return { rows: rows.map(toScreenedRow), last: rows.at(-1)?.id };
    }
    const window = await manager.query<{ id: string }[]>(
      'SELECT id FROM suppliers WHERE id > $1 ORDER BY id LIMIT $2',
      [after, size],
    );
    if (window.length === 0) {
      return { rows: [], last: undefined };
    }
    const rows = await manager.query<ScreenedRowData[]>(
      `SELECT ${SCREENED_COLUMNS} FROM ${SCREENED_FROM}
        WHERE s.id = ANY($1::uuid[]) AND s.last_import_batch_id = $2
          AND ($3::timestamptz IS NULL OR s.created_at < $3) ORDER BY s.id`,
      [window.map((row) => row.id), scope.importBatchId, scope.sitesBefore],
    );
    return { rows: rows.map(toScreenedRow), last: window.at(-1)?.id };
  }

  /** The suppliers of `rows` still as read: not written, merged away or given other findings since. */
  async unchangedSince(manager: EntityManager, rows: readonly ScreenedRow[]): Promise<Set<string>> {
    const found = await manager.query<{ id: string }[]>(
      `SELECT s.id FROM unnest($1::uuid[], $2::timestamptz[], $3::jsonb[]) AS x(id, read_at, screening)
         JOIN suppliers s ON s.id = x.id AND s.updated_at = x.read_at
                         AND s.screening IS NOT DISTINCT FROM x.screening`,
      [
        rows.map((row) => row.id),
        rows.map((row) => row.updatedAt),
        rows.map((row) => (row.screening ? JSON.stringify(row.screening) : null)),
      ],
    );
    return new Set(found.map((row) => row.id));
  }

  async countScope(scope: ImportScope | null): Promise<number> {
    const [row] = await this.dataSource.query<{ count: number }[]>(
      scope
        ? `SELECT count(*)::int AS count FROM suppliers
            WHERE last_import_batch_id = $1 AND ($2::timestamptz IS NULL OR created_at < $2)`
        : 'SELECT count(*)::int AS count FROM suppliers',
      scope ? [scope.importBatchId, scope.sitesBefore] : [],
    );
    return row?.count ?? 0;
  }

  async read(manager: EntityManager, ids: readonly string[]): Promise<ScreenedRow[]> {
    const rows = await manager.query<ScreenedRowData[]>(
      `SELECT ${SCREENED_COLUMNS} FROM ${SCREENED_FROM} WHERE s.id = ANY($1::uuid[]) ORDER BY s.id`,
      [ids],
    );
    return rows.map(toScreenedRow);
  }

  /** Full profiles, for the suppliers whose assessment screening changes. */
  async profiles(manager: EntityManager, ids: readonly string[]): Promise<Map<string, SupplierRecord>> {
    if (ids.length === 0) {
      return new Map();
    }
    const rows = await manager.query<{ id: string; profile: SupplierRecord }[]>(
      'SELECT id, profile FROM suppliers WHERE id = ANY($1::uuid[])',
      [ids],
    );
    return new Map(rows.map((row) => [row.id, row.profile]));
  }

  /**
   * Every stored hit of these suppliers, by supplier: keys and status, and for confirmed ones what their red flag
   * cites (the other hits' texts are not needed to reconcile, and are most of the bytes).
   */
  async storedHits(
    manager: EntityManager,
    supplierIds: readonly string[],
  ): Promise<Map<string, StoredHit[]>> {
    const byId = new Map<string, StoredHit[]>();
    if (supplierIds.length === 0) {
      return byId;
    }
    const rows = await manager.query<StoredHitRow[]>(
      `SELECT id, supplier_id, list, entry_id, entry_key, names_key, strength, score, status, current, party_role,
              CASE WHEN status = 'confirmed' THEN party_name END AS party_name,
              CASE WHEN status = 'confirmed' THEN entry_name END AS entry_name,
              CASE WHEN status = 'confirmed' THEN listed_name END AS listed_name,
              reason, decided_by, decided_at, CASE WHEN status = 'confirmed' THEN details END AS details
         FROM screening_hits WHERE supplier_id = ANY($1::uuid[])`,
      [supplierIds],
    );
    for (const row of rows) {
      const list = byId.get(row.supplier_id) ?? [];
      list.push({
        id: row.id,
        list: row.list,
        entryId: row.entry_id,
        entryKey: row.entry_key,
        namesKey: row.names_key,
        strength: row.strength,
        score: row.score,
        status: row.status,
        current: row.current,
        partyRole: row.party_role,
        partyName: row.party_name ?? '',
        entryName: row.entry_name ?? '',
        listedName: row.listed_name ?? '',
        reason: row.reason,
        decidedBy: row.decided_by,
        decidedAt: row.decided_at,
        details: row.details ?? { section: '', effectiveDate: '', editionAsOf: '', reasons: [] },
      });
      byId.set(row.supplier_id, list);
    }
    return byId;
  }

  /** New hits, through COPY: a first screening of a large import raises tens of thousands. */
  async insertHits(
    manager: EntityManager,
    hits: readonly { supplierId: string; hit: FreshHit }[],
  ): Promise<void> {
    await copyRows(
      manager,
      HIT_COPY_TARGET,
      hits.map(({ supplierId, hit }) => hitLine(supplierId, hit)).join(''),
    );
  }

  /**
   * Hits raised again whose status (a withdrawn one re-opens) or match changed take the fresh match, reasons and
   * edition. A hit raised again as it was is not written.
   */
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

  /** What screening found of each supplier and, where given, its new place in the work list. */
  async setFindings(
    manager: EntityManager,
    findings: readonly { id: string; findings: ScreeningFindings | null; priority?: number }[],
  ): Promise<void> {
    if (findings.length === 0) {
      return;
    }
    await manager.query(
      `UPDATE suppliers s SET screening = x.findings, priority = COALESCE(x.priority, s.priority)
         FROM unnest($1::uuid[], $2::jsonb[], $3::double precision[]) AS x(id, findings, priority)
        WHERE s.id = x.id`,
      [
        findings.map((f) => f.id),
        findings.map((f) => (f.findings ? JSON.stringify(f.findings) : null)),
        findings.map((f) => f.priority ?? null),
      ],
    );
  }

  /** Locks these suppliers' rows until the transaction ends, in id order. */
  async lockSuppliers(manager: EntityManager, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) {
      return;
    }
    await manager.query('SELECT id FROM suppliers WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE', [
      [...ids],
    ]);
  }

  async supplierOfHit(manager: EntityManager, id: string): Promise<string | undefined> {
    const [row] = await manager.query<{ supplier_id: string }[]>(
      'SELECT supplier_id FROM screening_hits WHERE id = $1',
      [id],
    );
    return row?.supplier_id;
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

  /** The hits in force of each of these suppliers that has any. */
  async countsBySupplier(supplierIds: readonly string[]): Promise<Map<string, SupplierHitCounts>> {
    const byId = new Map<string, SupplierHitCounts>();
    if (supplierIds.length === 0) {
      return byId;
    }
    const rows = await this.dataSource.query<({ supplier_id: string } & SupplierHitCounts)[]>(
      `SELECT supplier_id,
              count(*) FILTER (WHERE status = 'open' AND strength = 'hit')::int AS hits,
              count(*) FILTER (WHERE status = 'open' AND strength = 'potential')::int AS potential,
              count(*) FILTER (WHERE status = 'confirmed')::int AS confirmed,
              count(*) FILTER (WHERE status = 'dismissed')::int AS dismissed
         FROM screening_hits WHERE current AND supplier_id = ANY($1::uuid[]) GROUP BY supplier_id`,
      [supplierIds],
    );
    for (const { supplier_id: id, ...counts } of rows) {
      byId.set(id, counts);
    }
    return byId;
  }

  /**
   * The latest run that screened this supplier: one of the whole portfolio started once the supplier existed, or
   * the run of the import that last created or changed it; completed, or past the supplier in id order (a run
   * pages through suppliers by id, and a failed or running one has screened those before its bookmark).
   */
  async lastRunCovering(supplierId: string): Promise<string | null> {
    const [row] = await this.dataSource.query<{ id: string }[]>(
      `SELECT r.id FROM screening_runs r JOIN suppliers s ON s.id = $1
        WHERE (r.status = 'completed' OR r.last_supplier_id >= s.id)
          AND (r.import_batch_id = s.last_import_batch_id
               OR (r.import_batch_id IS NULL AND r.started_at >= s.created_at))
        ORDER BY r.started_at DESC, r.id LIMIT 1`,
      [supplierId],
    );
    return row?.id ?? null;
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
