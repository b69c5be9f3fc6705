import { Injectable } from '@nestjs/common';
import { RulesService } from '../rules/rules.service.js';
import type { SupplierFilterQuery } from '../suppliers/dto/list-suppliers.query.js';
import { DataGapsRepository } from './data-gaps.repository.js';
import { rankQuestions } from './domain/data-gaps.js';
import type { DataGaps } from './dto/data-gaps.views.js';

@Injectable()
export class DataGapsService {
  constructor(
    private readonly gaps: DataGapsRepository,
    private readonly rules: RulesService,
  ) {}

  async summary(filter: SupplierFilterQuery): Promise<DataGaps> {
    const active = this.rules.active();
    const [totals, tallies] = await Promise.all([
      this.gaps.totals(filter, active.compiled.thresholds),
      this.gaps.tallies(filter),
    ]);
    return { ...totals, ruleSetHash: active.hash, questions: rankQuestions(tallies, active.compiled) };
  }
}
