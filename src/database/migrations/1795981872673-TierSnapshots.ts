import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TierSnapshots1795981872673 implements MigrationInterface {
  name = 'TierSnapshots1795981872673';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "tier_snapshots" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "taken_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "low" integer NOT NULL, "medium" integer NOT NULL, "high" integer NOT NULL, "critical" integer NOT NULL, CONSTRAINT "pk_tier_snapshots" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "ix_tier_snapshots_taken_at" ON "tier_snapshots"  ("taken_at") ');
    // Backfill one snapshot per past month from the assessments already stored (each supplier's last of the month).
    await queryRunner.query(
      `INSERT INTO tier_snapshots (taken_at, low, medium, high, critical)
       SELECT max(assessed_at), count(*) FILTER (WHERE tier = 'low'), count(*) FILTER (WHERE tier = 'medium'),
              count(*) FILTER (WHERE tier = 'high'), count(*) FILTER (WHERE tier = 'critical')
         FROM (SELECT DISTINCT ON (supplier_id, date_trunc('month', assessed_at)) assessed_at, tier
                 FROM assessments
                ORDER BY supplier_id, date_trunc('month', assessed_at), assessed_at DESC) latest
        GROUP BY date_trunc('month', assessed_at)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."ix_tier_snapshots_taken_at"');
    await queryRunner.query('DROP TABLE "tier_snapshots"');
  }
}
