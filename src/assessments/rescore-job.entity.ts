import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type RescoreStatus = 'running' | 'completed' | 'failed';

/**
 * A re-scoring of the whole portfolio after a rule change, and how far it got: a job resumed on another instance
 * continues after `lastSupplierId` (suppliers are scored in id order), so no supplier gets a second assessment.
 */
@Entity({ name: 'rescore_jobs' })
@Index('ix_rescore_jobs_started_at', ['startedAt'])
export class RescoreJobEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_rescore_jobs' })
  id!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: RescoreStatus;

  @Column({ name: 'rule_set_hash', type: 'varchar', length: 64 })
  ruleSetHash!: string;

  /** The assessment date every score of this job uses, also when it is resumed the next day. */
  @Column({ name: 'assessment_date', type: 'varchar', length: 10 })
  assessmentDate!: string;

  @Column({ type: 'integer', default: 0 })
  total!: number;

  @Column({ type: 'integer', default: 0 })
  done!: number;

  @Column({ name: 'tier_changes', type: 'integer', default: 0 })
  tierChanges!: number;

  @Column({ name: 'last_supplier_id', type: 'uuid', nullable: true })
  lastSupplierId!: string | null;

  @CreateDateColumn({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;
}
