import type { ScreeningFindings } from '../scoring/domain/screening-findings.js';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { RiskTier } from '../scoring/domain/assessment-result.js';
import type { FieldSources } from './domain/field-sources.js';
import type { SupplierRecord } from './domain/supplier-record.js';

@Entity({ name: 'suppliers' })
// A supplier is a site. Its key (name, address, city; site-key.ts) is unique within a country, so two concurrent
// imports cannot create the same site twice; references belong to source lists (supplier_listings).
@Index('uq_suppliers_country_site_key', ['country', 'siteKey'], { unique: true })
@Index('ix_suppliers_country', ['country'])
// Sites known by the same name: the candidates of a row matched on name + city or name + country.
@Index('ix_suppliers_name_key_country', ['nameKey', 'country'])
@Index('ix_suppliers_sector', ['sector'])
@Index('ix_suppliers_current_tier', ['currentTier'])
// The list's sort orders with the id tie-breaker (see suppliers.repository.ts). The first two are DESC NULLS LAST,
// which @Index cannot express: migration SupplierListIndexes creates them, synchronize: false keeps TypeORM off them.
// sort=country reads ix_suppliers_country and sorts one country's rows by id; sort=updated has no index (a full sort,
// ~60 ms at 100,000 suppliers), since every index slows each import and re-score.
@Index('ix_suppliers_priority_id', { synchronize: false })
@Index('ix_suppliers_current_score_id', { synchronize: false })
@Index('ix_suppliers_name_id', ['name', 'id'])
export class SupplierEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_suppliers' })
  id!: string;

  /** The reference of the list the site's identity comes from (each list's own is in supplier_listings). */
  @Column({ name: 'external_ref', type: 'text', nullable: true })
  externalRef!: string | null;

  @Column({ type: 'text' })
  name!: string;

  /** The candidate key of site matching (site-key.ts nameMatchKey): legal forms, plurals and spaces folded. */
  @Column({ name: 'name_key', type: 'text' })
  nameKey!: string;

  /** ISO 3166-1 alpha-2. */
  @Column({ type: 'varchar', length: 2 })
  country!: string;

  /** Normalised name, address and city (site-key.ts): the site's identity within its country. */
  @Column({ name: 'site_key', type: 'text' })
  siteKey!: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  sector!: string | null;

  /** The merged record (every canonical field plus extra attributes): what the rules read and reports print. */
  @Column({ type: 'jsonb' })
  profile!: SupplierRecord;

  /** What each source list says about the site, with upload, row and date: the provenance of every field. */
  @Column({ type: 'jsonb' })
  sources!: FieldSources;

  /** What screening against the enforcement lists found: confirmed hits in force and open ones (null: none). */
  @Column({ type: 'jsonb', nullable: true })
  screening!: ScreeningFindings | null;

  @Column({ name: 'last_import_batch_id', type: 'uuid', nullable: true })
  lastImportBatchId!: string | null;

  // The current assessment, copied here so lists and dashboards filter and sort without a join.
  @Column({ name: 'current_score', type: 'double precision', nullable: true })
  currentScore!: number | null;

  @Column({ name: 'current_tier', type: 'varchar', length: 10, nullable: true })
  currentTier!: RiskTier | null;

  @Column({ name: 'red_flag_count', type: 'integer', default: 0 })
  redFlagCount!: number;

  /** Higher = act first (tier, red flags, reach when little is known, score, spend: scoring/domain/priority.ts). */
  @Column({ type: 'double precision', nullable: true })
  priority!: number | null;

  @Column({ name: 'data_completeness', type: 'real', nullable: true })
  dataCompleteness!: number | null;

  /** The current assessment's range and data confidence; null for assessments made before ranges existed. */
  @Column({ name: 'range_low', type: 'real', nullable: true })
  rangeLow!: number | null;

  @Column({ name: 'range_high', type: 'real', nullable: true })
  rangeHigh!: number | null;

  @Column({ type: 'real', nullable: true })
  confidence!: number | null;

  @Column({ name: 'assessed_at', type: 'timestamptz', nullable: true, default: () => 'now()' })
  assessedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
