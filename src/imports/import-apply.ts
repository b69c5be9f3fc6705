import type { EntityManager } from 'typeorm';
import type { AssessmentWrite } from '../assessments/assessment-writes.js';
import type { SupplierRecord } from '../suppliers/domain/supplier-record.js';

// Set-based writes for the import: one statement per chunk for lookups, inserts, updates and assessments, so a
// 100k-row import costs a few hundred round trips, on PostgreSQL and on the embedded database alike.

export interface StagedSupplier {
  rowNumber: number;
  nameKey: string;
  record: SupplierRecord;
}

export interface ExistingSupplier {
  id: string;
  externalRef: string | null;
  nameKey: string;
  country: string;
  profile: SupplierRecord;
}

/** A staged row with its new assessment, before it is matched to a stored supplier. */
export interface ScoredSupplier {
  item: StagedSupplier;
  assessment: AssessmentWrite;
  priority: number;
}

export interface ScoredWrite {
  id: string;
  nameKey: string;
  record: SupplierRecord;
  assessment: AssessmentWrite;
  priority: number;
}

export async function findExisting(
  manager: EntityManager,
  chunk: StagedSupplier[],
): Promise<ExistingSupplier[]> {
  const refs = chunk.flatMap((s) => (s.record.externalRef ? [s.record.externalRef] : []));
  // One index lookup per key. Written as one OR, or as a join, PostgreSQL scans the whole table for every chunk:
  // during an import the table grows inside one transaction, so the planner's statistics still describe it as
  // small. OFFSET 0 keeps the lateral lookup from being turned back into such a join.
  return manager.query(
    `SELECT id, external_ref AS "externalRef", name_key AS "nameKey", country, profile
       FROM suppliers
      WHERE id IN (SELECT id FROM suppliers WHERE external_ref = ANY($1::text[])
                   UNION ALL
                   SELECT s.id FROM unnest($2::text[], $3::text[]) AS k(name_key, country)
                     CROSS JOIN LATERAL (SELECT id FROM suppliers
                                          WHERE name_key = k.name_key AND country = k.country OFFSET 0) s)`,
    [refs, chunk.map((s) => s.nameKey), chunk.map((s) => s.record.country)],
  );
}

/** Re-upload matching: the customer's own reference first, else normalised name + country. */
export function matchExisting(
  staged: StagedSupplier,
  existing: ExistingSupplier[],
): ExistingSupplier | undefined {
  const ref = staged.record.externalRef;
  if (ref) {
    const byRef = existing.find((e) => e.externalRef === ref);
    if (byRef) {
      return byRef;
    }
  }
  const byName = existing.filter((e) => e.nameKey === staged.nameKey && e.country === staged.record.country);
  // A row with a reference may adopt a supplier known only by name; never one that has another reference.
  return (
    byName.find((e) => e.externalRef === null) ??
    (ref ? undefined : byName.length === 1 ? byName[0] : undefined)
  );
}

/** The supplier columns an import writes, one array per column (see insertAssessments for why arrays). */
function supplierColumns(writes: ScoredWrite[], batchId: string): unknown[] {
  return [
    writes.map((w) => w.id),
    writes.map((w) => w.record.externalRef ?? null),
    writes.map((w) => w.record.name),
    writes.map((w) => w.nameKey),
    writes.map((w) => w.record.country),
    writes.map((w) => w.record.sector ?? null),
    writes.map((w) => JSON.stringify(w.record)),
    writes.map((w) => w.assessment.score),
    writes.map((w) => w.assessment.tier),
    writes.map((w) => w.assessment.redFlagCount),
    writes.map((w) => w.priority),
    writes.map((w) => w.assessment.dataCompleteness),
    batchId,
  ];
}

const SUPPLIER_COLUMNS = `unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::varchar[], $6::varchar[],
  $7::text[], $8::double precision[], $9::varchar[], $10::int[], $11::double precision[], $12::real[])
  AS x(id, external_ref, name, name_key, country, sector, profile, score, tier, red_flags, priority, completeness)`;

export async function insertSuppliers(
  manager: EntityManager,
  writes: ScoredWrite[],
  batchId: string,
): Promise<void> {
  if (writes.length === 0) {
    return;
  }
  await manager.query(
    `INSERT INTO suppliers (id, external_ref, name, name_key, country, sector, profile, last_import_batch_id,
       current_score, current_tier, red_flag_count, priority, data_completeness, assessed_at)
     SELECT id, external_ref, name, name_key, country, sector, profile::jsonb, $13, score, tier, red_flags, priority,
       completeness, now()
       FROM ${SUPPLIER_COLUMNS}`,
    supplierColumns(writes, batchId),
  );
}

export async function updateSuppliers(
  manager: EntityManager,
  writes: ScoredWrite[],
  batchId: string,
): Promise<void> {
  if (writes.length === 0) {
    return;
  }
  await manager.query(
    `UPDATE suppliers s
        SET external_ref = x.external_ref, name = x.name, name_key = x.name_key, country = x.country,
            sector = x.sector, profile = x.profile::jsonb, last_import_batch_id = $13, current_score = x.score,
            current_tier = x.tier, red_flag_count = x.red_flags, priority = x.priority,
            data_completeness = x.completeness, assessed_at = now(), updated_at = now()
       FROM ${SUPPLIER_COLUMNS}
      WHERE s.id = x.id`,
    supplierColumns(writes, batchId),
  );
}

/** Fields whose value differs, in canonical field order; extra attributes count as one field, "extra". */
export function changedFields(before: SupplierRecord, after: SupplierRecord): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys]
    .filter(
      (key) =>
        canonicalJson(before[key as keyof SupplierRecord]) !==
        canonicalJson(after[key as keyof SupplierRecord]),
    )
    .sort();
}

export function canonicalJson(value: unknown): string {
  if (value === undefined) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
