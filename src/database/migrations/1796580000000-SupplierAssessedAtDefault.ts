import type { MigrationInterface, QueryRunner } from 'typeorm';

// An import's staging worker renders the rows of its new sites as COPY lines before the apply's transaction has
// begun, so it cannot know that transaction's time. The column's default gives it: `now()` is the transaction's
// start, what the apply's other writes (updates, re-scores) set. Only imports insert suppliers, and always with
// a score.

export class SupplierAssessedAtDefault1796580000000 implements MigrationInterface {
  name = 'SupplierAssessedAtDefault1796580000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "suppliers" ALTER COLUMN "assessed_at" SET DEFAULT now()');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "suppliers" ALTER COLUMN "assessed_at" DROP DEFAULT');
  }
}
