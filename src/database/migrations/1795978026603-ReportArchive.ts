import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ReportArchive1795978026603 implements MigrationInterface {
  name = 'ReportArchive1795978026603';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "reports" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(16) NOT NULL, "status" character varying(16) NOT NULL, "supplier_id" uuid, "title" text NOT NULL, "filters" jsonb NOT NULL DEFAULT \'{}\', "progress" jsonb, "sha256" character varying(64), "rule_set_hash" character varying(64) NOT NULL, "generated_by" text NOT NULL, "generated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "size_bytes" integer, "content" bytea, "failure" text, CONSTRAINT "pk_reports" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "ix_reports_generated_at" ON "reports"  ("generated_at") ');
    await queryRunner.query('CREATE INDEX "ix_reports_sha256" ON "reports"  ("sha256") ');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."ix_reports_sha256"');
    await queryRunner.query('DROP INDEX "public"."ix_reports_generated_at"');
    await queryRunner.query('DROP TABLE "reports"');
  }
}
