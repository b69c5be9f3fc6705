import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SourceListMapping1796551732186 implements MigrationInterface {
  name = 'SourceListMapping1796551732186';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "source_lists" ADD "mapping" jsonb');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "source_lists" DROP COLUMN "mapping"');
  }
}
