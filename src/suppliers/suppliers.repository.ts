import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, type SelectQueryBuilder } from 'typeorm';
import { AssessmentEntity } from '../assessments/assessment.entity.js';
import type { ListSuppliersQuery, SupplierFilterQuery, SupplierSort } from './dto/list-suppliers.query.js';
import { SupplierEntity } from './supplier.entity.js';

const SORT_COLUMNS: Record<SupplierSort, { column: string; defaultOrder: 'ASC' | 'DESC' }> = {
  priority: { column: 's.priority', defaultOrder: 'DESC' },
  score: { column: 's.current_score', defaultOrder: 'DESC' },
  name: { column: 's.name', defaultOrder: 'ASC' },
  country: { column: 's.country', defaultOrder: 'ASC' },
  updated: { column: 's.updated_at', defaultOrder: 'DESC' },
};

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
      const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query.andWhere(
        new Brackets((w) => {
          w.where('s.name ILIKE :pattern', { pattern }).orWhere('s.external_ref ILIKE :pattern', { pattern });
        }),
      );
    }
    return query;
  }

  async findPage(query: ListSuppliersQuery): Promise<{ items: SupplierEntity[]; total: number }> {
    const sort = SORT_COLUMNS[query.sort];
    const order = query.order ? (query.order === 'asc' ? 'ASC' : 'DESC') : sort.defaultOrder;
    const [items, total] = await this.filtered(query)
      .orderBy(sort.column, order, order === 'DESC' ? 'NULLS LAST' : 'NULLS FIRST')
      .addOrderBy('s.id', 'ASC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return { items, total };
  }

  findById(id: string): Promise<SupplierEntity | null> {
    return this.dataSource.getRepository(SupplierEntity).findOneBy({ id });
  }

  /** Newest first. */
  history(supplierId: string): Promise<AssessmentEntity[]> {
    return this.dataSource
      .getRepository(AssessmentEntity)
      .find({ where: { supplierId }, order: { assessedAt: 'DESC', id: 'DESC' } });
  }
}
