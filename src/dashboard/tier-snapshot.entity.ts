import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The portfolio's tier mix after each import and each re-scoring, written in the same transaction: the overview's
 * trend reads a few rows from here instead of sorting every assessment.
 */
@Entity({ name: 'tier_snapshots' })
@Index('ix_tier_snapshots_taken_at', ['takenAt'])
export class TierSnapshotEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_tier_snapshots' })
  id!: string;

  @CreateDateColumn({ name: 'taken_at', type: 'timestamptz' })
  takenAt!: Date;

  @Column({ type: 'integer' })
  low!: number;

  @Column({ type: 'integer' })
  medium!: number;

  @Column({ type: 'integer' })
  high!: number;

  @Column({ type: 'integer' })
  critical!: number;
}
