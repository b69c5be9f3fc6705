import type { MigrationInterface, QueryRunner } from 'typeorm';
import { normaliseNameKey } from '../../imports/domain/normalise-text.js';
import { nameMatchKey } from '../../suppliers/domain/site-key.js';

// suppliers.name_key now holds the candidate key of site matching (plurals folded, spaces removed), so that a row
// is compared with the sites whose names differ only in those. Recomputed for every stored site.

const PAGE = 2000;

async function rekey(queryRunner: QueryRunner, key: (name: string) => string): Promise<void> {
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const page = (await queryRunner.query(
      `SELECT id, name FROM suppliers WHERE id > $1 ORDER BY id LIMIT ${PAGE}`,
      [after],
    )) as { id: string; name: string }[];
    if (page.length === 0) {
      return;
    }
    after = page[page.length - 1].id;
    await queryRunner.query(
      `UPDATE suppliers s SET name_key = x.name_key FROM unnest($1::uuid[], $2::text[]) AS x(id, name_key)
        WHERE s.id = x.id`,
      [page.map((s) => s.id), page.map((s) => key(s.name))],
    );
  }
}

export class NameMatchKeys1796553000000 implements MigrationInterface {
  name = 'NameMatchKeys1796553000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await rekey(queryRunner, nameMatchKey);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await rekey(queryRunner, normaliseNameKey);
  }
}
