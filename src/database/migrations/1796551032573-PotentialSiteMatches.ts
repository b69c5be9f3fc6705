import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PotentialSiteMatches1796551032573 implements MigrationInterface {
  name = 'PotentialSiteMatches1796551032573';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "site_matches" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "site_id" uuid, "candidate_id" uuid NOT NULL, "site_name" text NOT NULL, "site_address" text, "score" real NOT NULL, "evidence" character varying(10) NOT NULL, "conflict" character varying(10), "status" character varying(10) NOT NULL DEFAULT \'pending\', "batch_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "decided_at" TIMESTAMP WITH TIME ZONE, "decided_by" text, CONSTRAINT "pk_site_matches" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "ix_site_matches_candidate" ON "site_matches"  ("candidate_id") ');
    await queryRunner.query(
      'CREATE INDEX "ix_site_matches_status_created_at" ON "site_matches"  ("status", "created_at") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_site_matches_pair" ON "site_matches"  ("site_id", "candidate_id") ',
    );
    await queryRunner.query(
      'ALTER TABLE "site_matches" ADD CONSTRAINT "fk_site_matches_site" FOREIGN KEY ("site_id") REFERENCES "suppliers"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "site_matches" ADD CONSTRAINT "fk_site_matches_candidate" FOREIGN KEY ("candidate_id") REFERENCES "suppliers"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "site_matches" DROP CONSTRAINT "fk_site_matches_candidate"');
    await queryRunner.query('ALTER TABLE "site_matches" DROP CONSTRAINT "fk_site_matches_site"');
    await queryRunner.query('DROP INDEX "public"."uq_site_matches_pair"');
    await queryRunner.query('DROP INDEX "public"."ix_site_matches_status_created_at"');
    await queryRunner.query('DROP INDEX "public"."ix_site_matches_candidate"');
    await queryRunner.query('DROP TABLE "site_matches"');
  }
}
