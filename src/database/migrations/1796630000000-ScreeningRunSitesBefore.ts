import type { MigrationInterface, QueryRunner } from 'typeorm';

// An import screens the sites it creates as it stages them; the screening run it starts covers the stored sites it
// changed, those created before the import's transaction began (`sites_before`, that transaction's time).

export class ScreeningRunSitesBefore1796630000000 implements MigrationInterface {
  name = 'ScreeningRunSitesBefore1796630000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "screening_runs" ADD "sites_before" TIMESTAMP WITH TIME ZONE`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "screening_runs" DROP COLUMN "sites_before"');
  }
}
