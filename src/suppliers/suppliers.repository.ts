import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type SelectQueryBuilder } from 'typeorm';
import type { ListSuppliersQuery, SupplierFilterQuery, SupplierSort } from './dto/list-suppliers.query.js';
import type { SupplierRecord } from './domain/supplier-record.js';
import { SupplierEntity } from './supplier.entity.js';

// Every order ends with id ASC, so equal keys page stably. Nullable keys keep NULL at the low end (DESC NULLS LAST,
// ASC NULLS FIRST); NOT NULL keys name no NULLS placement, which PostgreSQL would otherwise have to match against
// the index (it does not ignore it for a NOT NULL column). Indexes for these orders: see supplier.entity.ts.
const SORT_COLUMNS: Record<
  SupplierSort,
  { column: string; defaultOrder: 'ASC' | 'DESC'; nullable: boolean }
> = {
  priority: { column: 's.priority', defaultOrder: 'DESC', nullable: true },
  score: { column: 's.current_score', defaultOrder: 'DESC', nullable: true },
  name: { column: 's.name', defaultOrder: 'ASC', nullable: false },
  country: { column: 's.country', defaultOrder: 'ASC', nullable: false },
  updated: { column: 's.updated_at', defaultOrder: 'DESC', nullable: false },
};

/** What a list row shows (SupplierSummary): of the profile, which the detail reads, only the address and city. */
const LIST_FIELDS = [
  'id',
  'externalRef',
  'name',
  'country',
  'sector',
  'currentScore',
  'currentTier',
  'redFlagCount',
  'priority',
  'dataCompleteness',
  'rangeLow',
  'rangeHigh',
  'confidence',
  'assessedAt',
  'updatedAt',
  'screening',
] as const satisfies readonly (keyof SupplierEntity)[];

/** A list row: the columns above and, of the profile, only where the site is. */
export type SupplierListRow = Pick<SupplierEntity, (typeof LIST_FIELDS)[number]> & {
  profile: Pick<SupplierRecord, 'address' | 'city'>;
};

interface SitePlaceRow {
  s_id: string;
  site_address: string | null;
  site_city: string | null;
}

@Injectable()
export class SuppliersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Applies the list filters; shared by the list, the export and the portfolio report. */
  filtered(filter: SupplierFilterQuery): SelectQueryBuilder<SupplierEntity> {
    const query = this.dataSource.getRepository(SupplierEntity).createQueryBuilder('s');
    if (filter.tier?.length) {
      query.andWhere('s.current_tier IN (:...tiers)', { tiers: filter.tier });
    }
    if (filter.sector?.length) {
      query.andWhere('s.sector IN (:...sectors)', { sectors: filter.sector });
    }
    if (filter.country?.length) {
      query.andWhere('s.country IN (:...countries)', { countries: filter.country });
    }
    if (filter.redFlag !== undefined) {
      query.andWhere(filter.redFlag ? 's.red_flag_count > 0' : 's.red_flag_count = 0');
    }
    if (filter.q) {
      // A scan (no index serves a substring match). Sites of one group share a name, so the city and the address
      // are searched too: one ILIKE over the fields joined by line breaks, which a search box cannot hold (so no
      // match spans two fields), costs about what the name and the reference cost alone; one ILIKE each doubled it.
      const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query.andWhere(
        "concat_ws(chr(10), s.name, s.external_ref, s.profile->>'city', s.profile->>'address') ILIKE :pattern",
        { pattern },
      );
    }
    return query;
  }

  async findPage(query: ListSuppliersQuery): Promise<{ items: SupplierListRow[]; total: number }> {
    const sort = SORT_COLUMNS[query.sort];
    const order = query.order ? (query.order === 'asc' ? 'ASC' : 'DESC') : sort.defaultOrder;
    const offset = (query.page - 1) * query.pageSize;
    const page = this.filtered(query)
      .select(LIST_FIELDS.map((field) => `s.${field}`))
      .addSelect("s.profile->>'address'", 'site_address')
      .addSelect("s.profile->>'city'", 'site_city');
    if (sort.nullable) {
      page.orderBy(sort.column, order, order === 'DESC' ? 'NULLS LAST' : 'NULLS FIRST');
    } else {
      page.orderBy(sort.column, order);
    }
    const { entities, raw } = await page
      .addOrderBy('s.id', 'ASC')
      .offset(offset)
      .limit(query.pageSize)
      .getRawAndEntities<SitePlaceRow>();
    const places = new Map(raw.map((row) => [row.s_id, row]));
    const items: SupplierListRow[] = entities.map((supplier) => {
      const place = places.get(supplier.id);
      return {
        ...supplier,
        profile: { address: place?.site_address ?? undefined, city: place?.site_city ?? undefined },
      };
    });
    // A short page is the last one, so it gives the total; an empty page past the end does not.
    if (items.length < query.pageSize && (items.length > 0 || offset === 0)) {
      return { items, total: offset + items.length };
    }
    const counted = await this.filtered(query)
      .select('count(*)::int', 'total')
      .getRawOne<{ total: number }>();
    return { items, total: counted?.total ?? 0 };
  }

  findById(id: string): Promise<SupplierEntity | null> {
    return this.dataSource.getRepository(SupplierEntity).findOneBy({ id });
  }

  /** The source lists that list the site, each with its reference, spelling and the upload that last listed it. */
  listingsOf(supplierId: string): Promise<ListingRow[]> {
    return this.dataSource.query(
      `SELECT l.source_list_id AS "listId", sl.name AS "listName", sl.legacy, l.external_ref AS "externalRef",
              l.name, l.match_evidence AS "matchEvidence", l.row_number AS "rowNumber",
              l.last_batch_id AS "batchId", b.file_name AS "fileName", b.created_at AS "uploadedAt",
              l.last_batch_id IS NOT DISTINCT FROM (
                SELECT lb.id FROM import_batches lb
                 WHERE lb.source_list_id = l.source_list_id AND lb.status = 'completed'
                 ORDER BY lb.created_at DESC LIMIT 1) AS "inLatestUpload"
         FROM supplier_listings l
         JOIN source_lists sl ON sl.id = l.source_list_id
         LEFT JOIN import_batches b ON b.id = l.last_batch_id
        WHERE l.supplier_id = $1
        ORDER BY b.created_at DESC NULLS LAST, sl.name, l.row_number`,
      [supplierId],
    );
  }

  /** File names and lists of uploads, for provenance. */
  uploads(batchIds: readonly string[]): Promise<UploadRow[]> {
    if (batchIds.length === 0) {
      return Promise.resolve([]);
    }
    return this.dataSource.query(
      `SELECT b.id, b.file_name AS "fileName", b.created_at AS "uploadedAt"
         FROM import_batches b WHERE b.id = ANY($1::uuid[])`,
      [batchIds],
    );
  }

  sourceListNames(ids: readonly string[]): Promise<{ id: string; name: string; legacy: boolean }[]> {
    if (ids.length === 0) {
      return Promise.resolve([]);
    }
    return this.dataSource.query('SELECT id, name, legacy FROM source_lists WHERE id = ANY($1::uuid[])', [
      ids,
    ]);
  }
}

export interface ListingRow {
  listId: string;
  listName: string;
  legacy: boolean;
  externalRef: string | null;
  name: string;
  matchEvidence: string;
  rowNumber: number | null;
  batchId: string | null;
  fileName: string | null;
  uploadedAt: Date | null;
  inLatestUpload: boolean;
}

export interface UploadRow {
  id: string;
  fileName: string;
  uploadedAt: Date;
}
