import type { MigrationInterface, QueryRunner } from 'typeorm';

// A listing is one entry of a source list: the row the list keeps under its reference or, without one, under the
// site key of its spelling. Until now a list could list a site once, so confirming that two entries of one list
// are the same site dropped the second entry, and the next upload of that list made the merged site again.
// Entries are now keyed within their list ("ref:<reference>" or "key:<country>|<site key>"), several entries of
// one list may point to one site, and an entry keeps pointing to its site across uploads.

export class ListingEntries1796570000000 implements MigrationInterface {
  name = 'ListingEntries1796570000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "supplier_listings" ADD "entry" text');
    // Entries without a reference that share a spelling within a list (never made by an import, but possible in
    // hand-edited data) keep apart by their site.
    await queryRunner.query(
      `UPDATE supplier_listings l
          SET entry = CASE WHEN x.n = 1 THEN x.entry ELSE x.entry || '|' || l.supplier_id END
         FROM (SELECT source_list_id, supplier_id,
                      CASE WHEN external_ref IS NOT NULL THEN 'ref:' || external_ref
                           ELSE 'key:' || country || '|' || site_key END AS entry,
                      count(*) OVER (PARTITION BY source_list_id,
                                       CASE WHEN external_ref IS NOT NULL THEN 'ref:' || external_ref
                                            ELSE 'key:' || country || '|' || site_key END) AS n
                 FROM supplier_listings) x
        WHERE x.source_list_id = l.source_list_id AND x.supplier_id = l.supplier_id`,
    );
    await queryRunner.query('ALTER TABLE "supplier_listings" ALTER COLUMN "entry" SET NOT NULL');
    await queryRunner.query('ALTER TABLE "supplier_listings" DROP CONSTRAINT "pk_supplier_listings"');
    await queryRunner.query(
      'ALTER TABLE "supplier_listings" ADD CONSTRAINT "pk_supplier_listings" PRIMARY KEY ("source_list_id", "entry")',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // A list keeps one entry per site again: its most recently listed one.
    await queryRunner.query(
      `DELETE FROM supplier_listings l
        USING (SELECT s.source_list_id, s.entry,
                      row_number() OVER (PARTITION BY s.source_list_id, s.supplier_id
                                         ORDER BY b.created_at DESC NULLS LAST, s.entry) AS n
                 FROM supplier_listings s LEFT JOIN import_batches b ON b.id = s.last_batch_id) x
        WHERE x.source_list_id = l.source_list_id AND x.entry = l.entry AND x.n > 1`,
    );
    await queryRunner.query('ALTER TABLE "supplier_listings" DROP CONSTRAINT "pk_supplier_listings"');
    await queryRunner.query(
      'ALTER TABLE "supplier_listings" ADD CONSTRAINT "pk_supplier_listings" PRIMARY KEY ("source_list_id", "supplier_id")',
    );
    await queryRunner.query('ALTER TABLE "supplier_listings" DROP COLUMN "entry"');
  }
}
