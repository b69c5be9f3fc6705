import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ScoringAndImportDetails1795976568275 implements MigrationInterface {
  name = 'ScoringAndImportDetails1795976568275';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "rule_sets" ("hash" character varying(64) NOT NULL, "name" text NOT NULL, "version" text NOT NULL, "content" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_rule_sets" PRIMARY KEY ("hash"))',
    );
    await queryRunner.query(
      'CREATE TABLE "assessments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "supplier_id" uuid NOT NULL, "rule_set_hash" character varying(64) NOT NULL, "import_batch_id" uuid, "trigger" character varying(16) NOT NULL, "assessment_date" date NOT NULL, "score" smallint NOT NULL, "tier" character varying(10) NOT NULL, "result" jsonb NOT NULL, "assessed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_assessments" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_assessments_rule_set_hash" ON "assessments"  ("rule_set_hash") ',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_assessments_supplier_assessed_at" ON "assessments"  ("supplier_id", "assessed_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "import_rejected_rows" ("batch_id" uuid NOT NULL, "row_number" integer NOT NULL, "cells" jsonb NOT NULL, "errors" jsonb NOT NULL, CONSTRAINT "pk_import_rejected_rows" PRIMARY KEY ("batch_id", "row_number"))',
    );
    await queryRunner.query(
      'CREATE TABLE "mapping_profiles" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "mapping" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_mapping_profiles" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_mapping_profiles_name" ON "mapping_profiles"  ("name") ',
    );
    await queryRunner.query('ALTER TABLE "suppliers" ADD "current_score" smallint');
    await queryRunner.query('ALTER TABLE "suppliers" ADD "current_tier" character varying(10)');
    await queryRunner.query('ALTER TABLE "suppliers" ADD "red_flag_count" integer NOT NULL DEFAULT \'0\'');
    await queryRunner.query('ALTER TABLE "suppliers" ADD "priority" double precision');
    await queryRunner.query('ALTER TABLE "suppliers" ADD "data_completeness" real');
    await queryRunner.query('ALTER TABLE "suppliers" ADD "assessed_at" TIMESTAMP WITH TIME ZONE');
    await queryRunner.query('ALTER TABLE "import_batches" ADD "duplicates" integer NOT NULL DEFAULT \'0\'');
    await queryRunner.query('ALTER TABLE "import_batches" ADD "columns" jsonb');
    await queryRunner.query('ALTER TABLE "import_batches" ADD "changes" jsonb');
    await queryRunner.query('ALTER TABLE "import_batches" ADD "rule_set_hash" character varying(64)');
    await queryRunner.query('CREATE INDEX "ix_suppliers_priority" ON "suppliers"  ("priority") ');
    await queryRunner.query('CREATE INDEX "ix_suppliers_current_tier" ON "suppliers"  ("current_tier") ');
    await queryRunner.query(
      'ALTER TABLE "assessments" ADD CONSTRAINT "fk_assessments_supplier" FOREIGN KEY ("supplier_id") REFERENCES "suppliers"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "assessments" ADD CONSTRAINT "fk_assessments_rule_set" FOREIGN KEY ("rule_set_hash") REFERENCES "rule_sets"("hash") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "import_rejected_rows" ADD CONSTRAINT "fk_import_rejected_rows_batch" FOREIGN KEY ("batch_id") REFERENCES "import_batches"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "import_rejected_rows" DROP CONSTRAINT "fk_import_rejected_rows_batch"',
    );
    await queryRunner.query('ALTER TABLE "assessments" DROP CONSTRAINT "fk_assessments_rule_set"');
    await queryRunner.query('ALTER TABLE "assessments" DROP CONSTRAINT "fk_assessments_supplier"');
    await queryRunner.query('DROP INDEX "public"."ix_suppliers_current_tier"');
    await queryRunner.query('DROP INDEX "public"."ix_suppliers_priority"');
    await queryRunner.query('ALTER TABLE "import_batches" DROP COLUMN "rule_set_hash"');
    await queryRunner.query('ALTER TABLE "import_batches" DROP COLUMN "changes"');
    await queryRunner.query('ALTER TABLE "import_batches" DROP COLUMN "columns"');
    await queryRunner.query('ALTER TABLE "import_batches" DROP COLUMN "duplicates"');
    await queryRunner.query('ALTER TABLE "suppliers" DROP COLUMN "assessed_at"');
    await queryRunner.query('ALTER TABLE "suppliers" DROP COLUMN "data_completeness"');
    await queryRunner.query('ALTER TABLE "suppliers" DROP COLUMN "priority"');
    await queryRunner.query('ALTER TABLE "suppliers" DROP COLUMN "red_flag_count"');
    await queryRunner.query('ALTER TABLE "suppliers" DROP COLUMN "current_tier"');
    await queryRunner.query('ALTER TABLE "suppliers" DROP COLUMN "current_score"');
    await queryRunner.query('DROP INDEX "public"."uq_mapping_profiles_name"');
    await queryRunner.query('DROP TABLE "mapping_profiles"');
    await queryRunner.query('DROP TABLE "import_rejected_rows"');
    await queryRunner.query('DROP INDEX "public"."ix_assessments_supplier_assessed_at"');
    await queryRunner.query('DROP INDEX "public"."ix_assessments_rule_set_hash"');
    await queryRunner.query('DROP TABLE "assessments"');
    await queryRunner.query('DROP TABLE "rule_sets"');
  }
}
