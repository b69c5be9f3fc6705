import type { MigrationInterface, QueryRunner } from 'typeorm';

// The supplier row copies its current assessment's range and data confidence, like its score and tier, so the
// list shows them and the work list can say why a supplier is where it is without reading assessments. Filled
// from each supplier's newest assessment (stored compact, range as [low, high], or whole, as { low, high });
// assessments made before ranges existed leave them empty.

export class SupplierRanges1796560000000 implements MigrationInterface {
  name = 'SupplierRanges1796560000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "suppliers" ADD "range_low" real, ADD "range_high" real, ADD "confidence" real',
    );
    await queryRunner.query(
      `UPDATE suppliers s
          SET range_low = coalesce(u->'range'->>0, u->'range'->>'low')::real,
              range_high = coalesce(u->'range'->>1, u->'range'->>'high')::real,
              confidence = (u->>'confidence')::real
         FROM (
           SELECT DISTINCT ON (supplier_id) supplier_id, result->'uncertainty' AS u
             FROM assessments ORDER BY supplier_id, assessed_at DESC, id DESC
         ) a
        WHERE a.supplier_id = s.id AND json_typeof(a.u->'range') IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "suppliers" DROP COLUMN "confidence", DROP COLUMN "range_high", DROP COLUMN "range_low"',
    );
  }
}
