import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A named supplier list that uploads belong to ("Vendor Master", "Brand X facility list"): its references are its
 * own, and "no longer listed" compares an upload with the previous upload of the same list.
 */
@Entity({ name: 'source_lists' })
@Index('uq_source_lists_name_key', ['nameKey'], { unique: true })
export class SourceListEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_source_lists' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  /** Folded name, so "vendor master" and "Vendor Master" are one list. */
  @Column({ name: 'name_key', type: 'text' })
  nameKey!: string;

  /** The list the data from before source lists was put in (created by a migration). */
  @Column({ type: 'boolean', default: false })
  legacy!: boolean;

  /** The list's mapping profile (header as uploaded -> field or "ignore"), applied to its next uploads. */
  @Column({ type: 'jsonb', nullable: true })
  mapping!: Record<string, string> | null;

  @Column({ name: 'created_by', type: 'text', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
