import { Injectable } from '@nestjs/common';
import type { Writable } from 'node:stream';
import { AuditService } from '../audit/audit.service.js';
import { writeXlsxStream } from '../common/spreadsheet/xlsx-stream.js';
import type { CompiledIndicator } from '../rules/domain/compiled-rule-set.js';
import { RulesService } from '../rules/rules.service.js';
import type { SupplierFilterQuery } from '../suppliers/dto/list-suppliers.query.js';
import { UnknownQuestionError } from './dashboard.errors.js';
import { DataGapsRepository } from './data-gaps.repository.js';
import { rankQuestions } from './domain/data-gaps.js';
import { whoToAskColumns } from './domain/who-to-ask.js';
import type { DataGaps } from './dto/data-gaps.views.js';

@Injectable()
export class DataGapsService {
  constructor(
    private readonly gaps: DataGapsRepository,
    private readonly rules: RulesService,
    private readonly audit: AuditService,
  ) {}

  async summary(filter: SupplierFilterQuery): Promise<DataGaps> {
    const active = this.rules.active();
    const [totals, tallies] = await Promise.all([
      this.gaps.totals(filter, active.compiled.thresholds),
      this.gaps.tallies(filter),
    ]);
    return { ...totals, ruleSetHash: active.hash, questions: rankQuestions(tallies, active.compiled) };
  }

  /** The active rule set's indicator behind a question; refused before any byte of a download is sent. */
  question(indicatorId: string): CompiledIndicator {
    const { indicators } = this.rules.active().compiled;
    const indicator = indicators.find((candidate) => candidate.definition.id === indicatorId);
    if (!indicator) {
      throw new UnknownQuestionError(indicatorId, indicators[0]?.definition.id);
    }
    return indicator;
  }

  /** Streams the suppliers to ask one question, in the order to ask them. */
  async whoToAsk(filter: SupplierFilterQuery, indicator: CompiledIndicator, out: Writable): Promise<void> {
    const active = this.rules.active();
    const id = indicator.definition.id;
    await this.audit.record({
      action: 'export.downloaded',
      targetType: 'export',
      summary: { export: 'data-gaps', question: id, filters: { ...filter } },
    });
    const generatedAt = new Date().toISOString();
    await writeXlsxStream(out, {
      sheetName: 'Who to ask',
      columns: whoToAskColumns(indicator),
      rows: this.gaps.whoToAsk(filter, id),
      generatedAt,
      about: (suppliers) => [
        ['Question', indicator.definition.title],
        ['Indicator', id],
        ['Suppliers to ask', String(suppliers)],
        [
          'Order',
          'Answer settles the tier, then could raise a red flag, then points left open, then work-list order',
        ],
        ['Generated at', generatedAt],
        ['Rule set', `${active.compiled.name} ${active.compiled.version}`],
        ['Rule-set hash', active.hash],
      ],
    });
  }
}
