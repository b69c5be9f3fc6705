import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A named header mapping saved with an upload, so the next export from the same ERP maps itself. */
@Entity({ name: 'mapping_profiles' })
@Index('uq_mapping_profiles_name', ['name'], { unique: true })
export class MappingProfileEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_mapping_profiles' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  /** Header as uploaded -> canonical field name, or "ignore". */
  @Column({ type: 'jsonb' })
  mapping!: Record<string, string>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
