import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type ReportKind = 'supplier' | 'portfolio';
export type ReportStatus = 'processing' | 'completed' | 'failed';

/** Every generated report, kept with its bytes and sha256 so an auditor can download it again and verify a copy. */
@Entity({ name: 'reports' })
@Index('ix_reports_sha256', ['sha256'])
@Index('ix_reports_generated_at', ['generatedAt'])
export class ReportEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_reports' })
  id!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: ReportKind;

  @Column({ type: 'varchar', length: 16 })
  status!: ReportStatus;

  @Column({ name: 'supplier_id', type: 'uuid', nullable: true })
  supplierId!: string | null;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'jsonb', default: {} })
  filters!: Record<string, unknown>;

  @Column({ type: 'jsonb', nullable: true })
  progress!: { phase: string; completed: number; total: number } | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  sha256!: string | null;

  @Column({ name: 'rule_set_hash', type: 'varchar', length: 64 })
  ruleSetHash!: string;

  @Column({ name: 'generated_by', type: 'text' })
  generatedBy!: string;

  @CreateDateColumn({ name: 'generated_at', type: 'timestamptz' })
  generatedAt!: Date;

  @Column({ name: 'size_bytes', type: 'integer', nullable: true })
  sizeBytes!: number | null;

  @Column({ type: 'bytea', nullable: true, select: false })
  content!: Buffer | null;

  @Column({ type: 'text', nullable: true })
  failure!: string | null;
}
