import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795976344873 implements MigrationInterface {
  name = 'Initial1795976344873';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "import_batches" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "status" character varying(16) NOT NULL, "file_name" text NOT NULL, "file_sha256" character varying(64) NOT NULL, "file_size" bigint NOT NULL, "format" character varying(8), "sheet_name" text, "header_row" integer, "uploaded_by" text, "rows_total" integer, "rows_read" integer NOT NULL DEFAULT \'0\', "imported" integer NOT NULL DEFAULT \'0\', "updated" integer NOT NULL DEFAULT \'0\', "unchanged" integer NOT NULL DEFAULT \'0\', "rejected" integer NOT NULL DEFAULT \'0\', "failure_code" character varying(64), "failure_message" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "pk_import_batches" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_import_batches_created_at" ON "import_batches"  ("created_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "suppliers" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "external_ref" text, "name" text NOT NULL, "name_key" text NOT NULL, "country" character varying(2) NOT NULL, "sector" character varying(32), "profile" jsonb NOT NULL, "last_import_batch_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_suppliers" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "ix_suppliers_sector" ON "suppliers"  ("sector") ');
    await queryRunner.query('CREATE INDEX "ix_suppliers_country" ON "suppliers"  ("country") ');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_suppliers_name_key_country" ON "suppliers"  ("name_key", "country") WHERE external_ref IS NULL',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_suppliers_external_ref" ON "suppliers"  ("external_ref") WHERE external_ref IS NOT NULL',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."uq_suppliers_external_ref"');
    await queryRunner.query('DROP INDEX "public"."uq_suppliers_name_key_country"');
    await queryRunner.query('DROP INDEX "public"."ix_suppliers_country"');
    await queryRunner.query('DROP INDEX "public"."ix_suppliers_sector"');
    await queryRunner.query('DROP TABLE "suppliers"');
    await queryRunner.query('DROP INDEX "public"."ix_import_batches_created_at"');
    await queryRunner.query('DROP TABLE "import_batches"');
  }
}
