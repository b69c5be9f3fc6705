import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { SourceListEntity } from './source-list.entity.js';

export const IMPORT_STATUSES = ['queued', 'processing', 'completed', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

export interface ImportColumn {
  index: number;
  header: string;
  field: string | null;
}

export interface ImportChanges {
  created: number;
  updated: { supplierId: string; name: string; fields: string[] }[];
  noLongerListed: { supplierId: string; name: string }[];
  /** New sites flagged as possible duplicates of stored ones, waiting in GET /matches. */
  possibleDuplicates?: number;
}

@Entity({ name: 'import_batches' })
@Index('ix_import_batches_created_at', ['createdAt'])
@Index('ix_import_batches_source_list_created_at', ['sourceListId', 'createdAt'])
export class ImportBatchEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_import_batches' })
  id!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: ImportStatus;

  /** The name the file had on the uploader's machine; shown in reports, never used as a path. */
  @Column({ name: 'file_name', type: 'text' })
  fileName!: string;

  @Column({ name: 'file_sha256', type: 'varchar', length: 64 })
  fileSha256!: string;

  @Column({ name: 'file_size', type: 'bigint' })
  fileSize!: string;

  @Column({ type: 'varchar', length: 8, nullable: true })
  format!: string | null;

  @Column({ name: 'sheet_name', type: 'text', nullable: true })
  sheetName!: string | null;

  @Column({ name: 'header_row', type: 'integer', nullable: true })
  headerRow!: number | null;

  @Column({ name: 'uploaded_by', type: 'text', nullable: true })
  uploadedBy!: string | null;

  @Column({ name: 'rows_total', type: 'integer', nullable: true })
  rowsTotal!: number | null;

  @Column({ name: 'rows_read', type: 'integer', default: 0 })
  rowsRead!: number;

  @Column({ type: 'integer', default: 0 })
  imported!: number;

  @Column({ type: 'integer', default: 0 })
  updated!: number;

  @Column({ type: 'integer', default: 0 })
  unchanged!: number;

  @Column({ type: 'integer', default: 0 })
  rejected!: number;

  @Column({ type: 'integer', default: 0 })
  duplicates!: number;

  /** Rows imported with a cell left empty because its value was impossible (e.g. 110 % migrant workers). */
  @Column({ name: 'rows_with_warnings', type: 'integer', default: 0 })
  rowsWithWarnings!: number;

  /** The source list this upload belongs to. */
  @Column({ name: 'source_list_id', type: 'uuid', nullable: true })
  sourceListId!: string | null;

  @ManyToOne(() => SourceListEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'source_list_id', foreignKeyConstraintName: 'fk_import_batches_source_list' })
  sourceList?: Relation<SourceListEntity>;

  /** Headers as uploaded and the canonical field each one went to. */
  @Column({ type: 'jsonb', nullable: true })
  columns!: ImportColumn[] | null;

  /** What the import says about the file as a whole (e.g. a text encoding it could only guess). */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  notes!: string[];

  /** What changed since the previous upload: new suppliers, updated fields, suppliers no longer listed. */
  @Column({ type: 'jsonb', nullable: true })
  changes!: ImportChanges | null;

  @Column({ name: 'rule_set_hash', type: 'varchar', length: 64, nullable: true })
  ruleSetHash!: string | null;

  @Column({ name: 'failure_code', type: 'varchar', length: 64, nullable: true })
  failureCode!: string | null;

  @Column({ name: 'failure_message', type: 'text', nullable: true })
  failureMessage!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
