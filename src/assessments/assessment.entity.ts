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
import type { RiskTier } from '../scoring/domain/assessment-result.js';
import type { StoredAssessment } from '../scoring/domain/stored-assessment.js';
import { RuleSetEntity } from '../rules/rule-set.entity.js';
import { SupplierEntity } from '../suppliers/supplier.entity.js';

export type AssessmentTrigger = 'import' | 'rescore' | 'merge' | 'screening';

/** One scoring of one supplier with one rule set; rows are only ever added, the newest is current. */
@Entity({ name: 'assessments' })
@Index('ix_assessments_supplier_assessed_at', ['supplierId', 'assessedAt'])
@Index('ix_assessments_rule_set_hash', ['ruleSetHash'])
export class AssessmentEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_assessments' })
  id!: string;

  @Column({ name: 'supplier_id', type: 'uuid' })
  supplierId!: string;

  @ManyToOne(() => SupplierEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'supplier_id', foreignKeyConstraintName: 'fk_assessments_supplier' })
  supplier?: Relation<SupplierEntity>;

  @Column({ name: 'rule_set_hash', type: 'varchar', length: 64 })
  ruleSetHash!: string;

  @ManyToOne(() => RuleSetEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'rule_set_hash', foreignKeyConstraintName: 'fk_assessments_rule_set' })
  ruleSet?: Relation<RuleSetEntity>;

  @Column({ name: 'import_batch_id', type: 'uuid', nullable: true })
  importBatchId!: string | null;

  /** Why this assessment was made: an import, a re-score after a rule change, or two sites merged into one. */
  @Column({ type: 'varchar', length: 16 })
  trigger!: AssessmentTrigger;

  @Column({ name: 'assessment_date', type: 'date' })
  assessmentDate!: string;

  @Column({ type: 'double precision' })
  score!: number;

  @Column({ type: 'varchar', length: 10 })
  tier!: RiskTier;

  @Column({ type: 'json' })
  /** Compact: read it through AssessmentsRepository, which gives back the whole assessment. */
  result!: StoredAssessment;

  @CreateDateColumn({ name: 'assessed_at', type: 'timestamptz' })
  assessedAt!: Date;
}
