import type { MigrationInterface, QueryRunner } from 'typeorm';

// An import probes each row's entry of its list (list id + entry, the primary key). Inside the import's
// transaction the listings it adds have no statistics yet, and the planner took the other index that starts with
// the list id, (list id, last upload), filtering its entries one by one: every probe read the whole list so far,
// and a 100,000-row list without references slowed to seconds a chunk. The upload index now starts with the
// upload, so the primary key is the only index a probe by list and entry can use. "No longer listed" gives both
// columns and uses either order.

export class ListingBatchIndex1796571000000 implements MigrationInterface {
  name = 'ListingBatchIndex1796571000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "ix_supplier_listings_list_batch"');
    await queryRunner.query(
      'CREATE INDEX "ix_supplier_listings_batch_list" ON "supplier_listings" ("last_batch_id", "source_list_id")',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "ix_supplier_listings_batch_list"');
    await queryRunner.query(
      'CREATE INDEX "ix_supplier_listings_list_batch" ON "supplier_listings" ("source_list_id", "last_batch_id")',
    );
  }
}
