import type { MigrationInterface, QueryRunner } from 'typeorm';

// Every re-score and re-import rewrites each supplier row (score, tier, priority, assessed_at). With full pages
// PostgreSQL must place the new row version elsewhere and add it to all ten indexes; with room left on the page a
// row whose indexed values did not change is updated in place (a HOT update) and no index is touched. Applies to
// pages written from now on.
export class SuppliersRoomForUpdates1795989000000 implements MigrationInterface {
  name = 'SuppliersRoomForUpdates1795989000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "suppliers" SET (fillfactor = 80)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "suppliers" RESET (fillfactor)');
  }
}
