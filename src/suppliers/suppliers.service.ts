import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../common/errors/domain-error.js';
import type { ListSuppliersQuery } from './dto/list-suppliers.query.js';
import type { SupplierDetail, SupplierPage } from './dto/supplier.views.js';
import { toSupplierSummary } from './dto/supplier.views.js';
import { SuppliersRepository } from './suppliers.repository.js';
import { AssessmentsRepository } from '../assessments/assessments.repository.js';

@Injectable()
export class SuppliersService {
  constructor(
    private readonly suppliers: SuppliersRepository,
    private readonly assessments: AssessmentsRepository,
  ) {}

  async list(query: ListSuppliersQuery): Promise<SupplierPage> {
    const { items, total } = await this.suppliers.findPage(query);
    return { items: items.map(toSupplierSummary), total, page: query.page, pageSize: query.pageSize };
  }

  async get(id: string): Promise<SupplierDetail> {
    const supplier = await this.suppliers.findById(id);
    if (!supplier) {
      throw new NotFoundError('Supplier', id);
    }
    const [history, assessment] = await Promise.all([
      this.assessments.history(id),
      this.assessments.current(id),
    ]);
    return {
      ...toSupplierSummary(supplier),
      profile: supplier.profile,
      assessment,
      history: history.map((a) => ({
        id: a.id,
        assessedAt: a.assessedAt.toISOString(),
        assessmentDate: a.assessmentDate,
        score: a.score,
        tier: a.tier,
        ruleSetHash: a.ruleSetHash,
        trigger: a.trigger,
      })),
    };
  }
}
