import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type ScreeningRunStatus = 'running' | 'completed' | 'failed';
/** import: an upload's new and changed sites; edition: a list edition loaded; request: on demand; start: at start-up, suppliers never screened against the editions in force. */
export type ScreeningRunReason = 'import' | 'edition' | 'request' | 'start';

/** One screening of the portfolio (or of an import's sites) against the list editions in force, run in the background. */
@Entity({ name: 'screening_runs' })
@Index('ix_screening_runs_started_at', ['startedAt'])
@Check('ck_screening_runs_status', `"status" IN ('running', 'completed', 'failed')`)
@Check('ck_screening_runs_reason', `"reason" IN ('import', 'edition', 'request', 'start')`)
export class ScreeningRunEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_screening_runs' })
  id!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: ScreeningRunStatus;

  @Column({ type: 'varchar', length: 16 })
  reason!: ScreeningRunReason;

  /** Set for an import's run: only the sites that import created or changed are screened. */
  @Column({ name: 'import_batch_id', type: 'uuid', nullable: true })
  importBatchId!: string | null;

  /**
   * An import's run: the sites it covers are those created before this time (the import's transaction), the stored
   * sites the import changed; the sites the import created were screened as it staged them.
   */
  @Column({ name: 'sites_before', type: 'timestamptz', nullable: true })
  sitesBefore!: Date | null;

  /** The editions screened against. */
  @Column({ name: 'edition_ids', type: 'uuid', array: true })
  editionIds!: string[];

  @Column({ type: 'integer', default: 0 })
  total!: number;

  @Column({ type: 'integer', default: 0 })
  done!: number;

  /** Hits raised for the first time (an import's run: with those its new sites raised as they were staged). */
  @Column({ type: 'integer', default: 0 })
  raised!: number;

  /** Bookmark: a resumed run continues after it. */
  @Column({ name: 'last_supplier_id', type: 'uuid', nullable: true })
  lastSupplierId!: string | null;

  @Column({ name: 'requested_by', type: 'text', nullable: true })
  requestedBy!: string | null;

  @Column({ name: 'started_at', type: 'timestamptz', default: () => 'now()' })
  startedAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;
}
