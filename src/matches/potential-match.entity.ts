import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { SupplierEntity } from '../suppliers/supplier.entity.js';

export const MATCH_STATUSES = ['pending', 'confirmed', 'rejected'] as const;
/** pending: an officer has to say; confirmed: the same site, merged; rejected: different sites, kept apart. */
export type MatchStatus = (typeof MATCH_STATUSES)[number];

/**
 * A new site an upload created although it looked like a stored one (a fuzzy score between the thresholds, or the
 * same name where an address is missing): "possible duplicate of X", for a compliance officer to decide.
 */
@Entity({ name: 'site_matches' })
@Index('uq_site_matches_pair', ['siteId', 'candidateId'], { unique: true })
@Index('ix_site_matches_status_created_at', ['status', 'createdAt'])
@Index('ix_site_matches_candidate', ['candidateId'])
export class PotentialMatchEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_site_matches' })
  id!: string;

  /** The site the upload created; null once it was merged into the candidate. */
  @Column({ name: 'site_id', type: 'uuid', nullable: true })
  siteId!: string | null;

  @ManyToOne(() => SupplierEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'site_id', foreignKeyConstraintName: 'fk_site_matches_site' })
  site?: Relation<SupplierEntity>;

  /** The stored site it may be the same as. */
  @Column({ name: 'candidate_id', type: 'uuid' })
  candidateId!: string;

  @ManyToOne(() => SupplierEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'candidate_id', foreignKeyConstraintName: 'fk_site_matches_candidate' })
  candidate?: Relation<SupplierEntity>;

  /** The new site's name and address as the upload gave them, kept after a merge. */
  @Column({ name: 'site_name', type: 'text' })
  siteName!: string;

  @Column({ name: 'site_address', type: 'text', nullable: true })
  siteAddress!: string | null;

  /** Similarity 0..1 (site-similarity.ts) and what it rests on: both addresses, the city or only the country. */
  @Column({ type: 'real' })
  score!: number;

  @Column({ type: 'varchar', length: 10 })
  evidence!: string;

  /** What kept the pair from an automatic match (a different number, place or name word), if anything. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  conflict!: string | null;

  @Column({ type: 'varchar', length: 10, default: 'pending' })
  status!: MatchStatus;

  /** The upload that raised the question. */
  @Column({ name: 'batch_id', type: 'uuid', nullable: true })
  batchId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ name: 'decided_by', type: 'text', nullable: true })
  decidedBy!: string | null;
}
