import type { MigrationInterface, QueryRunner } from 'typeorm';

// Scores keep the two decimals rule points may have (smallint rounded 47.25 to 47 beside an assessment that says
// 47.25). The import looks suppliers up by normalised name + country also among those with a reference, which the
// partial unique index (external_ref IS NULL) cannot serve: without this index every chunk scanned the table.
export class FractionalScoresAndImportLookup1795987200000 implements MigrationInterface {
  name = 'FractionalScoresAndImportLookup1795987200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "suppliers" ALTER COLUMN "current_score" TYPE double precision');
    await queryRunner.query('ALTER TABLE "assessments" ALTER COLUMN "score" TYPE double precision');
    await queryRunner.query(
      'CREATE INDEX "ix_suppliers_name_key_country" ON "suppliers" ("name_key", "country") ',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."ix_suppliers_name_key_country"');
    await queryRunner.query(
      'ALTER TABLE "assessments" ALTER COLUMN "score" TYPE smallint USING round("score")::smallint',
    );
    await queryRunner.query(
      'ALTER TABLE "suppliers" ALTER COLUMN "current_score" TYPE smallint USING round("current_score")::smallint',
    );
  }
}
