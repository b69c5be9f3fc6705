import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { ImportBatchEntity } from './import-batch.entity.js';

export interface StoredRowError {
  column: string;
  columnLetter?: string;
  field: string | null;
  value: string;
  message: string;
}

export const ROW_OUTCOMES = ['rejected', 'duplicate', 'warning'] as const;
/** Rejected (name or country unusable), a duplicate of an earlier row of the file, or imported with warnings. */
export type RowOutcome = (typeof ROW_OUTCOMES)[number];

/**
 * A row the import could not take, or took with a cell left empty, kept whole with every reason, for the
 * annotated error workbook.
 */
@Entity({ name: 'import_rejected_rows' })
export class ImportRejectedRowEntity {
  @PrimaryColumn({ name: 'batch_id', type: 'uuid', primaryKeyConstraintName: 'pk_import_rejected_rows' })
  batchId!: string;

  @PrimaryColumn({ name: 'row_number', type: 'integer', primaryKeyConstraintName: 'pk_import_rejected_rows' })
  rowNumber!: number;

  @ManyToOne(() => ImportBatchEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'batch_id', foreignKeyConstraintName: 'fk_import_rejected_rows_batch' })
  batch?: Relation<ImportBatchEntity>;

  /** The cells as uploaded, in column order. */
  @Column({ type: 'jsonb' })
  cells!: (string | number | boolean | null)[];

  @Column({ type: 'jsonb' })
  errors!: StoredRowError[];

  @Column({ type: 'varchar', length: 10, default: 'rejected' })
  outcome!: RowOutcome;
}
