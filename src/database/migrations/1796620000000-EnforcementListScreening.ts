import type { MigrationInterface, QueryRunner } from 'typeorm';

// Screening against forced-labour enforcement lists (UFLPA Entity List, CBP withhold release orders):
// - list_editions: every edition loaded, shipped or uploaded, whole with its sha256; the one in force for a list is
//   the latest as-of date (then the latest loaded);
// - screening_runs: a screening of the portfolio or of an import's sites, as a background job with progress;
// - screening_hits: a supplier against a list entry, keyed by the entry's content and the supplier's screened names,
//   so a decision holds until either changes;
// - suppliers.screening: what the scoring engine reads of a supplier's hits (confirmed ones, open count).

export class EnforcementListScreening1796620000000 implements MigrationInterface {
  name = 'EnforcementListScreening1796620000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "list_editions" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "kind" character varying(16) NOT NULL,
        "file" text NOT NULL,
        "as_of" date NOT NULL,
        "source" text NOT NULL,
        "coverage" text,
        "row_count" integer NOT NULL,
        "sha256" character(64) NOT NULL,
        "content" bytea NOT NULL,
        "shipped" boolean NOT NULL,
        "loaded_by" text,
        "loaded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_list_editions" PRIMARY KEY ("id"),
        CONSTRAINT "ck_list_editions_kind" CHECK ("kind" IN ('uflpa', 'cbp-wro')),
        CONSTRAINT "uq_list_editions_kind_sha256" UNIQUE ("kind", "sha256"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "screening_runs" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "status" character varying(16) NOT NULL,
        "reason" character varying(16) NOT NULL,
        "import_batch_id" uuid,
        "edition_ids" uuid[] NOT NULL,
        "total" integer NOT NULL DEFAULT 0,
        "done" integer NOT NULL DEFAULT 0,
        "raised" integer NOT NULL DEFAULT 0,
        "last_supplier_id" uuid,
        "requested_by" text,
        "started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "finished_at" TIMESTAMP WITH TIME ZONE,
        "error" text,
        CONSTRAINT "pk_screening_runs" PRIMARY KEY ("id"),
        CONSTRAINT "ck_screening_runs_status" CHECK ("status" IN ('running', 'completed', 'failed')),
        CONSTRAINT "ck_screening_runs_reason" CHECK ("reason" IN ('import', 'edition', 'request', 'start')))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_screening_runs_started_at" ON "screening_runs" ("started_at")`);
    await queryRunner.query(
      `CREATE TABLE "screening_hits" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "supplier_id" uuid NOT NULL,
        "list" character varying(16) NOT NULL,
        "entry_id" text NOT NULL,
        "entry_key" character(64) NOT NULL,
        "names_key" character(64) NOT NULL,
        "kind" character varying(8) NOT NULL,
        "strength" character varying(12) NOT NULL,
        "score" real,
        "party_role" character varying(16),
        "party_name" text NOT NULL,
        "entry_name" text NOT NULL,
        "listed_name" text NOT NULL,
        "details" jsonb NOT NULL,
        "edition_id" uuid NOT NULL,
        "status" character varying(12) NOT NULL DEFAULT 'open',
        "current" boolean NOT NULL DEFAULT true,
        "reason" text,
        "decided_by" text,
        "decided_at" TIMESTAMP WITH TIME ZONE,
        "raised_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "screened_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_screening_hits" PRIMARY KEY ("id"),
        CONSTRAINT "ck_screening_hits_status" CHECK ("status" IN ('open', 'confirmed', 'dismissed', 'withdrawn')),
        CONSTRAINT "ck_screening_hits_strength" CHECK ("strength" IN ('hit', 'potential')),
        CONSTRAINT "ck_screening_hits_kind" CHECK ("kind" IN ('name', 'area')),
        CONSTRAINT "ck_screening_hits_decision" CHECK (("status" IN ('confirmed', 'dismissed')) = ("reason" IS NOT NULL)),
        CONSTRAINT "uq_screening_hits_key" UNIQUE ("supplier_id", "list", "entry_id", "entry_key", "names_key"),
        CONSTRAINT "fk_screening_hits_supplier" FOREIGN KEY ("supplier_id") REFERENCES "suppliers"("id") ON DELETE CASCADE,
        CONSTRAINT "fk_screening_hits_edition" FOREIGN KEY ("edition_id") REFERENCES "list_editions"("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_screening_hits_status" ON "screening_hits" ("status", "current", "raised_at")`,
    );
    await queryRunner.query(`ALTER TABLE "suppliers" ADD "screening" jsonb`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "suppliers" DROP COLUMN "screening"');
    await queryRunner.query('DROP TABLE "screening_hits"');
    await queryRunner.query('DROP TABLE "screening_runs"');
    await queryRunner.query('DROP TABLE "list_editions"');
  }
}
