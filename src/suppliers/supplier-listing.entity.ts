import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { SourceListEntity } from '../imports/source-list.entity.js';
import { SupplierEntity } from './supplier.entity.js';

export const MATCH_EVIDENCE = [
  'new',
  'reference',
  'site-key',
  'name-city',
  'name-country',
  'fuzzy',
  'confirmed',
] as const;
/**
 * How a listing was tied to its site: created by it, matched by the list's reference, the site key, a name or
 * similarity, or moved onto it when an officer confirmed its site to be the same as this one.
 */
export type MatchEvidence = (typeof MATCH_EVIDENCE)[number];

/**
 * One entry of a source list and the site it is: the list's own reference and spelling, and the upload that last
 * listed it. Entries are keyed within their list (see `listingEntry`); several entries of one list may be one site
 * (an officer confirmed two of its rows to be the same site, or a row's spelling changed between uploads).
 */
@Entity({ name: 'supplier_listings' })
// References are scoped to their list: two lists may both use "1001".
@Index('uq_supplier_listings_list_ref', ['sourceListId', 'externalRef'], {
  unique: true,
  where: 'external_ref IS NOT NULL',
})
// The list's spelling finds its site again on the next upload of any list.
@Index('ix_supplier_listings_country_site_key', ['country', 'siteKey'])
// Upload first: a probe by list and entry must find only the primary key (migration ListingBatchIndex).
@Index('ix_supplier_listings_batch_list', ['lastBatchId', 'sourceListId'])
@Index('ix_supplier_listings_supplier', ['supplierId'])
export class SupplierListingEntity {
  @PrimaryColumn({ name: 'source_list_id', type: 'uuid', primaryKeyConstraintName: 'pk_supplier_listings' })
  sourceListId!: string;

  /** The entry's key within its list (see `listingEntry`). */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_supplier_listings' })
  entry!: string;

  @Column({ name: 'supplier_id', type: 'uuid' })
  supplierId!: string;

  @ManyToOne(() => SourceListEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'source_list_id', foreignKeyConstraintName: 'fk_supplier_listings_list' })
  sourceList?: Relation<SourceListEntity>;

  @ManyToOne(() => SupplierEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'supplier_id', foreignKeyConstraintName: 'fk_supplier_listings_supplier' })
  supplier?: Relation<SupplierEntity>;

  @Column({ name: 'external_ref', type: 'text', nullable: true })
  externalRef!: string | null;

  /** ISO 3166-1 alpha-2 of the site. */
  @Column({ type: 'varchar', length: 2 })
  country!: string;

  /** The site key of the list's own spelling (see site-key.ts). */
  @Column({ name: 'site_key', type: 'text' })
  siteKey!: string;

  /** The name as this list writes it. */
  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'match_evidence', type: 'varchar', length: 16 })
  matchEvidence!: MatchEvidence;

  @Column({ name: 'first_batch_id', type: 'uuid', nullable: true })
  firstBatchId!: string | null;

  @Column({ name: 'last_batch_id', type: 'uuid', nullable: true })
  lastBatchId!: string | null;

  @Column({ name: 'row_number', type: 'integer', nullable: true })
  rowNumber!: number | null;
}
