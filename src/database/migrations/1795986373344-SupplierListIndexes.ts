import type { MigrationInterface, QueryRunner } from 'typeorm';

// Indexes in the supplier list's sort orders, id (the tie-breaker) included, so a page reads its rows from the index
// instead of sorting the whole table. TypeORM cannot declare DESC NULLS LAST: the entity lists the first two with
// synchronize: false. ix_suppliers_priority (priority ASC) read backwards gives DESC NULLS FIRST, which the list never
// asks for: ix_suppliers_priority_id replaces it.
export class SupplierListIndexes1795986373344 implements MigrationInterface {
  name = 'SupplierListIndexes1795986373344';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."ix_suppliers_priority"');
    await queryRunner.query(
      'CREATE INDEX "ix_suppliers_priority_id" ON "suppliers" ("priority" DESC NULLS LAST, "id")',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_suppliers_current_score_id" ON "suppliers" ("current_score" DESC NULLS LAST, "id")',
    );
    await queryRunner.query('CREATE INDEX "ix_suppliers_name_id" ON "suppliers" ("name", "id") ');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."ix_suppliers_name_id"');
    await queryRunner.query('DROP INDEX "public"."ix_suppliers_current_score_id"');
    await queryRunner.query('DROP INDEX "public"."ix_suppliers_priority_id"');
    await queryRunner.query('CREATE INDEX "ix_suppliers_priority" ON "suppliers"  ("priority") ');
  }
}
