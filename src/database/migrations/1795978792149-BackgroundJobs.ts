import type { MigrationInterface, QueryRunner } from 'typeorm';

export class BackgroundJobs1795978792149 implements MigrationInterface {
  name = 'BackgroundJobs1795978792149';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "import_uploads" ("batch_id" uuid NOT NULL, "content" bytea NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_import_uploads" PRIMARY KEY ("batch_id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "rescore_jobs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "status" character varying(16) NOT NULL, "rule_set_hash" character varying(64) NOT NULL, "assessment_date" character varying(10) NOT NULL, "total" integer NOT NULL DEFAULT \'0\', "done" integer NOT NULL DEFAULT \'0\', "tier_changes" integer NOT NULL DEFAULT \'0\', "last_supplier_id" uuid, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP WITH TIME ZONE, "error" text, CONSTRAINT "pk_rescore_jobs" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "ix_rescore_jobs_started_at" ON "rescore_jobs"  ("started_at") ');
    await queryRunner.query(
      'ALTER TABLE "import_uploads" ADD CONSTRAINT "fk_import_uploads_batch" FOREIGN KEY ("batch_id") REFERENCES "import_batches"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "import_uploads" DROP CONSTRAINT "fk_import_uploads_batch"');
    await queryRunner.query('DROP INDEX "public"."ix_rescore_jobs_started_at"');
    await queryRunner.query('DROP TABLE "rescore_jobs"');
    await queryRunner.query('DROP TABLE "import_uploads"');
  }
}
