import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Append-only: a database trigger refuses UPDATE, DELETE and TRUNCATE on this table, but for the one update that
 * seals an event into the hash chain (src/database/migrations/1796600000000-AuditChain.ts).
 */
@Entity({ name: 'audit_events' })
@Index('ix_audit_events_occurred_at', ['occurredAt'])
@Index('ix_audit_events_action', ['action'])
@Index('uq_audit_events_seq', ['seq'], { unique: true })
@Index('ix_audit_events_unsealed', ['occurredAt', 'id'], { where: 'seq IS NULL' })
export class AuditEventEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_audit_events' })
  id!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz', default: () => 'now()' })
  occurredAt!: Date;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  /** The user's email or the API token's name, as it was at the time. */
  @Column({ type: 'text', nullable: true })
  actor!: string | null;

  @Column({ name: 'actor_role', type: 'varchar', length: 16, nullable: true })
  actorRole!: string | null;

  @Column({ type: 'varchar', length: 64 })
  action!: string;

  @Column({ name: 'target_type', type: 'varchar', length: 32, nullable: true })
  targetType!: string | null;

  @Column({ name: 'target_id', type: 'text', nullable: true })
  targetId!: string | null;

  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true })
  requestId!: string | null;

  @Column({ name: 'source_ip', type: 'varchar', length: 64, nullable: true })
  sourceIp!: string | null;

  @Column({ type: 'jsonb', default: {} })
  summary!: Record<string, unknown>;

  /** Position in the hash chain; null until the event is sealed (within seconds of its commit). */
  @Column({ type: 'bigint', nullable: true })
  seq!: string | null;

  @Column({ name: 'prev_hash', type: 'char', length: 64, nullable: true })
  prevHash!: string | null;

  @Column({ type: 'char', length: 64, nullable: true })
  hash!: string | null;
}
