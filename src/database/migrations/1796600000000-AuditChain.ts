import type { MigrationInterface, QueryRunner } from 'typeorm';

// The audit trail chained (src/audit/domain/audit-chain.ts): events are inserted as before and sealed shortly
// after, in commit order, by the service (src/audit/audit-chain.service.ts), which sets `seq`, `prev_hash` and
// `hash` once. The append-only trigger lets exactly that one change through: the three columns from empty to set,
// nothing else on the row changed. Sealed events stay unchangeable; events already stored are sealed on the
// service's first run.

const CONTENT_COLUMNS = [
  'id',
  'occurred_at',
  'actor_id',
  'actor',
  'actor_role',
  'action',
  'target_type',
  'target_id',
  'request_id',
  'source_ip',
  'summary',
];

const tuple = (row: 'OLD' | 'NEW') => `(${CONTENT_COLUMNS.map((column) => `${row}.${column}`).join(', ')})`;

export class AuditChain1796600000000 implements MigrationInterface {
  name = 'AuditChain1796600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "audit_events" ADD "seq" bigint, ADD "prev_hash" character(64), ADD "hash" character(64)',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "uq_audit_events_seq" ON "audit_events" ("seq") ');
    await queryRunner.query(
      'CREATE INDEX "ix_audit_events_unsealed" ON "audit_events" ("occurred_at", "id") WHERE seq IS NULL',
    );
    await queryRunner.query(
      `CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF TG_OP = 'UPDATE' AND OLD.seq IS NULL AND OLD.prev_hash IS NULL AND OLD.hash IS NULL
            AND NEW.seq IS NOT NULL AND NEW.prev_hash IS NOT NULL AND NEW.hash IS NOT NULL
            AND ${tuple('NEW')} IS NOT DISTINCT FROM ${tuple('OLD')} THEN
           RETURN NEW;
         END IF;
         RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
       END $$`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
       END $$`,
    );
    await queryRunner.query('DROP INDEX "public"."ix_audit_events_unsealed"');
    await queryRunner.query('DROP INDEX "public"."uq_audit_events_seq"');
    // Dropping columns rewrites no row and fires no row trigger.
    await queryRunner.query(
      'ALTER TABLE "audit_events" DROP COLUMN "hash", DROP COLUMN "prev_hash", DROP COLUMN "seq"',
    );
  }
}
