import { Check, Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { ListKind } from './domain/enforcement-lists.js';

/**
 * An edition of an enforcement list as loaded: shipped in rules/reference/lists/ or uploaded by a compliance
 * officer, kept whole (its bytes and sha256) so every screening can name and reproduce what it screened against.
 * The edition in force for a list is the one with the latest as-of date, then the latest loaded.
 */
@Entity({ name: 'list_editions' })
@Unique('uq_list_editions_kind_sha256', ['kind', 'sha256'])
@Check('ck_list_editions_kind', `"kind" IN ('uflpa', 'cbp-wro')`)
export class ListEditionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_list_editions' })
  id!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: ListKind;

  @Column({ type: 'text' })
  file!: string;

  @Column({ name: 'as_of', type: 'date' })
  asOf!: string;

  @Column({ type: 'text' })
  source!: string;

  @Column({ type: 'text', nullable: true })
  coverage!: string | null;

  @Column({ name: 'row_count', type: 'integer' })
  rowCount!: number;

  @Column({ type: 'char', length: 64 })
  sha256!: string;

  @Column({ type: 'bytea', select: false })
  content!: Buffer;

  @Column({ type: 'boolean' })
  shipped!: boolean;

  @Column({ name: 'loaded_by', type: 'text', nullable: true })
  loadedBy!: string | null;

  @Column({ name: 'loaded_at', type: 'timestamptz', default: () => 'now()' })
  loadedAt!: Date;
}
