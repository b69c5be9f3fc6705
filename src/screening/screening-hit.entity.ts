import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
  Unique,
} from 'typeorm';
import { SupplierEntity } from '../suppliers/supplier.entity.js';
import { ListEditionEntity } from './list-edition.entity.js';
import type { ListKind } from './domain/enforcement-lists.js';
import type { PartyRole } from './domain/name-matching.js';
import type { HitDetails, HitKind, HitStatus, HitStrength } from './domain/supplier-screening.js';

/**
 * A supplier against one list entry: raised by a screening, decided by a compliance officer. Keyed by the entry's
 * content and the supplier's screened names, so a decision holds until either changes. `current`: raised by the
 * latest screening (a confirmation: its entry is still on the list in force).
 */
@Entity({ name: 'screening_hits' })
@Unique('uq_screening_hits_key', ['supplierId', 'list', 'entryId', 'entryKey', 'namesKey'])
@Index('ix_screening_hits_status', ['status', 'current', 'raisedAt'])
@Check('ck_screening_hits_status', `"status" IN ('open', 'confirmed', 'dismissed', 'withdrawn')`)
@Check('ck_screening_hits_strength', `"strength" IN ('hit', 'potential')`)
@Check('ck_screening_hits_kind', `"kind" IN ('name', 'area')`)
@Check('ck_screening_hits_decision', `("status" IN ('confirmed', 'dismissed')) = ("reason" IS NOT NULL)`)
export class ScreeningHitEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_screening_hits' })
  id!: string;

  @Column({ name: 'supplier_id', type: 'uuid' })
  supplierId!: string;

  @ManyToOne(() => SupplierEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'supplier_id', foreignKeyConstraintName: 'fk_screening_hits_supplier' })
  supplier?: Relation<SupplierEntity>;

  @Column({ type: 'varchar', length: 16 })
  list!: ListKind;

  @Column({ name: 'entry_id', type: 'text' })
  entryId!: string;

  @Column({ name: 'entry_key', type: 'char', length: 64 })
  entryKey!: string;

  @Column({ name: 'names_key', type: 'char', length: 64 })
  namesKey!: string;

  @Column({ type: 'varchar', length: 8 })
  kind!: HitKind;

  @Column({ type: 'varchar', length: 12 })
  strength!: HitStrength;

  @Column({ type: 'real', nullable: true })
  score!: number | null;

  @Column({ name: 'party_role', type: 'varchar', length: 16, nullable: true })
  partyRole!: PartyRole | null;

  @Column({ name: 'party_name', type: 'text' })
  partyName!: string;

  @Column({ name: 'entry_name', type: 'text' })
  entryName!: string;

  @Column({ name: 'listed_name', type: 'text' })
  listedName!: string;

  @Column({ type: 'jsonb' })
  details!: HitDetails;

  @Column({ name: 'edition_id', type: 'uuid' })
  editionId!: string;

  @ManyToOne(() => ListEditionEntity)
  @JoinColumn({ name: 'edition_id', foreignKeyConstraintName: 'fk_screening_hits_edition' })
  edition?: Relation<ListEditionEntity>;

  @Column({ type: 'varchar', length: 12, default: 'open' })
  status!: HitStatus;

  @Column({ type: 'boolean', default: true })
  current!: boolean;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ name: 'decided_by', type: 'text', nullable: true })
  decidedBy!: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ name: 'raised_at', type: 'timestamptz', default: () => 'now()' })
  raisedAt!: Date;

  @Column({ name: 'screened_at', type: 'timestamptz', default: () => 'now()' })
  screenedAt!: Date;
}
