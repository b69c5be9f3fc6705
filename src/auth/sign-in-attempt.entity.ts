import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Counted sign-in attempts per key (an address, an account from an address, an account): a store of their own,
 * not derived from the audit trail, so counting and checking are one locked step (src/auth/sign-in-attempts.store.ts).
 */
@Entity({ name: 'sign_in_attempts' })
@Index('ix_sign_in_attempts_window', ['windowStartedAt'])
export class SignInAttemptEntity {
  @PrimaryColumn({ type: 'varchar', length: 600, primaryKeyConstraintName: 'pk_sign_in_attempts' })
  key!: string;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'window_started_at', type: 'timestamptz' })
  windowStartedAt!: Date;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil!: Date | null;
}
