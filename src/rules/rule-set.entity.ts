import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Every rule-set version ever used, stored whole, so any past assessment can still be explained. */
@Entity({ name: 'rule_sets' })
export class RuleSetEntity {
  /** sha256 of the canonical rule definition plus its reference data. */
  @PrimaryColumn({ type: 'varchar', length: 64, primaryKeyConstraintName: 'pk_rule_sets' })
  hash!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  version!: string;

  @Column({ type: 'jsonb' })
  content!: unknown;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
