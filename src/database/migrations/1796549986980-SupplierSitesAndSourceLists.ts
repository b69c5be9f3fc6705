import type { MigrationInterface, QueryRunner } from 'typeorm';
import { claimValues, type FieldSources } from '../../suppliers/domain/field-sources.js';
import { siteKey } from '../../suppliers/domain/site-key.js';
import { sourceListKey } from '../../imports/domain/source-list-name.js';
import type { SupplierRecord } from '../../suppliers/domain/supplier-record.js';

// Suppliers become sites, uploads belong to source lists, and every field value keeps its provenance. Existing
// data is carried over whole: the uploads made so far form one list, "Before source lists", which becomes the
// identity and the provenance of every existing supplier (from its last import, row unknown), and each supplier
// gets its site key. Two existing suppliers that now share a site key (same name, no address, each with its own
// reference) keep apart: the later one's key is made unique with its id, so neither is merged away.

const LEGACY_LIST = 'Before source lists';
const PAGE = 1000;

interface LegacySupplier {
  id: string;
  country: string;
  externalRef: string | null;
  name: string;
  profile: SupplierRecord;
  lastBatch: string | null;
  updatedAt: Date;
}

export class SupplierSitesAndSourceLists1796549986980 implements MigrationInterface {
  name = 'SupplierSitesAndSourceLists1796549986980';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "source_lists" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "name_key" text NOT NULL, "legacy" boolean NOT NULL DEFAULT false, "created_by" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_source_lists" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_source_lists_name_key" ON "source_lists"  ("name_key") ',
    );
    await queryRunner.query(
      'CREATE TABLE "supplier_listings" ("source_list_id" uuid NOT NULL, "supplier_id" uuid NOT NULL, "external_ref" text, "country" character varying(2) NOT NULL, "site_key" text NOT NULL, "name" text NOT NULL, "match_evidence" character varying(16) NOT NULL, "first_batch_id" uuid, "last_batch_id" uuid, "row_number" integer, CONSTRAINT "pk_supplier_listings" PRIMARY KEY ("source_list_id", "supplier_id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_supplier_listings_supplier" ON "supplier_listings"  ("supplier_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_supplier_listings_list_batch" ON "supplier_listings"  ("source_list_id", "last_batch_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_supplier_listings_country_site_key" ON "supplier_listings"  ("country", "site_key") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_supplier_listings_list_ref" ON "supplier_listings"  ("source_list_id", "external_ref") WHERE external_ref IS NOT NULL',
    );
    await queryRunner.query(
      'ALTER TABLE "import_batches" ADD "rows_with_warnings" integer NOT NULL DEFAULT \'0\'',
    );
    await queryRunner.query('ALTER TABLE "import_batches" ADD "source_list_id" uuid');
    await queryRunner.query(
      'ALTER TABLE "import_rejected_rows" ADD "outcome" character varying(10) NOT NULL DEFAULT \'rejected\'',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_import_batches_source_list_created_at" ON "import_batches"  ("source_list_id", "created_at") ',
    );
    await queryRunner.query(
      'ALTER TABLE "import_batches" ADD CONSTRAINT "fk_import_batches_source_list" FOREIGN KEY ("source_list_id") REFERENCES "source_lists"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "supplier_listings" ADD CONSTRAINT "fk_supplier_listings_list" FOREIGN KEY ("source_list_id") REFERENCES "source_lists"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "supplier_listings" ADD CONSTRAINT "fk_supplier_listings_supplier" FOREIGN KEY ("supplier_id") REFERENCES "suppliers"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query('ALTER TABLE "suppliers" ADD "site_key" text');
    await queryRunner.query('ALTER TABLE "suppliers" ADD "sources" jsonb');
    await this.carryOver(queryRunner);
    await queryRunner.query('ALTER TABLE "suppliers" ALTER COLUMN "site_key" SET NOT NULL');
    await queryRunner.query('ALTER TABLE "suppliers" ALTER COLUMN "sources" SET NOT NULL');
    await queryRunner.query('DROP INDEX "public"."uq_suppliers_name_key_country"');
    await queryRunner.query('DROP INDEX "public"."uq_suppliers_external_ref"');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_suppliers_country_site_key" ON "suppliers"  ("country", "site_key") ',
    );
  }

  private async carryOver(queryRunner: QueryRunner): Promise<void> {
    const [{ suppliers, batches }] = (await queryRunner.query(
      'SELECT (SELECT count(*)::int FROM suppliers) AS suppliers, (SELECT count(*)::int FROM import_batches) AS batches',
    )) as { suppliers: number; batches: number }[];
    if (suppliers === 0 && batches === 0) {
      return;
    }
    const [{ id: listId }] = (await queryRunner.query(
      'INSERT INTO source_lists (name, name_key, legacy) VALUES ($1, $2, true) RETURNING id',
      [LEGACY_LIST, sourceListKey(LEGACY_LIST)],
    )) as { id: string }[];
    await queryRunner.query('UPDATE import_batches SET source_list_id = $1', [listId]);
    const taken = new Set<string>();
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const page = (await queryRunner.query(
        `SELECT id, country, external_ref AS "externalRef", name, profile, last_import_batch_id AS "lastBatch",
                updated_at AS "updatedAt"
           FROM suppliers WHERE id > $1 ORDER BY id LIMIT ${PAGE}`,
        [after],
      )) as LegacySupplier[];
      if (page.length === 0) {
        return;
      }
      after = page[page.length - 1].id;
      const keys = page.map((supplier) => {
        let key = siteKey(supplier.profile);
        if (taken.has(`${supplier.country}|${key}`)) {
          key = `${key}|#${supplier.id}`;
        }
        taken.add(`${supplier.country}|${key}`);
        return key;
      });
      const sources = page.map((supplier): FieldSources => ({
        identity: listId,
        lists: {
          [listId]: {
            batch: supplier.lastBatch,
            row: null,
            at: new Date(supplier.updatedAt).toISOString(),
            values: claimValues(supplier.profile),
            since: {},
          },
        },
      }));
      await queryRunner.query(
        `UPDATE suppliers s SET site_key = x.site_key, sources = x.sources::jsonb
           FROM unnest($1::uuid[], $2::text[], $3::text[]) AS x(id, site_key, sources) WHERE s.id = x.id`,
        [page.map((s) => s.id), keys, sources.map((s) => JSON.stringify(s))],
      );
      await queryRunner.query(
        `INSERT INTO supplier_listings (source_list_id, supplier_id, external_ref, country, site_key, name,
           match_evidence, first_batch_id, last_batch_id, row_number)
         SELECT $1, x.id, x.external_ref, x.country, x.site_key, x.name, 'new', x.batch, x.batch, NULL
           FROM unnest($2::uuid[], $3::text[], $4::varchar[], $5::text[], $6::text[], $7::uuid[])
             AS x(id, external_ref, country, site_key, name, batch)`,
        [
          listId,
          page.map((s) => s.id),
          page.map((s) => s.externalRef),
          page.map((s) => s.country),
          keys,
          page.map((s) => s.name),
          page.map((s) => s.lastBatch),
        ],
      );
    }
  }

  // Going back fails, by design, once sites sharing a name and country have been imported without references:
  // the old unique key cannot hold them.
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "supplier_listings" DROP CONSTRAINT "fk_supplier_listings_supplier"',
    );
    await queryRunner.query('ALTER TABLE "supplier_listings" DROP CONSTRAINT "fk_supplier_listings_list"');
    await queryRunner.query('ALTER TABLE "import_batches" DROP CONSTRAINT "fk_import_batches_source_list"');
    await queryRunner.query('DROP INDEX "public"."ix_import_batches_source_list_created_at"');
    await queryRunner.query('DROP INDEX "public"."uq_suppliers_country_site_key"');
    await queryRunner.query('ALTER TABLE "import_rejected_rows" DROP COLUMN "outcome"');
    await queryRunner.query('ALTER TABLE "import_batches" DROP COLUMN "source_list_id"');
    await queryRunner.query('ALTER TABLE "import_batches" DROP COLUMN "rows_with_warnings"');
    await queryRunner.query('ALTER TABLE "suppliers" DROP COLUMN "sources"');
    await queryRunner.query('ALTER TABLE "suppliers" DROP COLUMN "site_key"');
    await queryRunner.query('DROP INDEX "public"."uq_supplier_listings_list_ref"');
    await queryRunner.query('DROP INDEX "public"."ix_supplier_listings_country_site_key"');
    await queryRunner.query('DROP INDEX "public"."ix_supplier_listings_list_batch"');
    await queryRunner.query('DROP INDEX "public"."ix_supplier_listings_supplier"');
    await queryRunner.query('DROP TABLE "supplier_listings"');
    await queryRunner.query('DROP INDEX "public"."uq_source_lists_name_key"');
    await queryRunner.query('DROP TABLE "source_lists"');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_suppliers_external_ref" ON "suppliers" USING btree ("external_ref") WHERE (external_ref IS NOT NULL)',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_suppliers_name_key_country" ON "suppliers" USING btree ("name_key", "country") WHERE (external_ref IS NULL)',
    );
  }
}
