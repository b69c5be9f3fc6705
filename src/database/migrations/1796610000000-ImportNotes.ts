import type { MigrationInterface, QueryRunner } from 'typeorm';

// Notes about an uploaded file as a whole, shown with its import: first, a csv's text encoding that could only be
// guessed (src/imports/domain/csv-encoding.ts), so that a list read in the wrong code page is never silent.

export class ImportNotes1796610000000 implements MigrationInterface {
  name = 'ImportNotes1796610000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "import_batches" ADD "notes" jsonb NOT NULL DEFAULT '[]'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "import_batches" DROP COLUMN "notes"');
  }
}
