import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  OneToOne,
  PrimaryColumn,
  type Relation,
} from 'typeorm';
import { ImportBatchEntity } from './import-batch.entity.js';

/**
 * The uploaded bytes of a background import on PostgreSQL, readable by whichever instance claims the job; removed
 * when the import ends, however it ends.
 */
@Entity({ name: 'import_uploads' })
export class ImportUploadEntity {
  @PrimaryColumn({ name: 'batch_id', type: 'uuid', primaryKeyConstraintName: 'pk_import_uploads' })
  batchId!: string;

  @OneToOne(() => ImportBatchEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'batch_id', foreignKeyConstraintName: 'fk_import_uploads_batch' })
  batch?: Relation<ImportBatchEntity>;

  @Column({ type: 'bytea', select: false })
  content!: Buffer;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
