import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RulesService } from '../rules/rules.service.js';
import type { AssessmentResult, RiskTier } from '../scoring/domain/assessment-result.js';
import { expandAssessment, type StoredAssessment } from '../scoring/domain/stored-assessment.js';
import type { AssessmentTrigger } from './assessment.entity.js';

/** One past assessment, without its breakdown: what a history table lists. */
export interface AssessmentSummary {
  id: string;
  assessedAt: Date;
  assessmentDate: string;
  score: number;
  tier: RiskTier;
  ruleSetHash: string;
  trigger: AssessmentTrigger;
  /** For an import: the upload and its source list. */
  importBatchId: string | null;
  fileName: string | null;
  sourceListId: string | null;
  sourceListName: string | null;
}

/** Reads assessments back whole: the stored form is completed from the rule set each one was made with. */
@Injectable()
export class AssessmentsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rules: RulesService,
  ) {}

  /** Newest first. */
  async history(supplierId: string): Promise<AssessmentSummary[]> {
    const rows = await this.dataSource.query<AssessmentSummary[]>(
      `SELECT a.id, a.assessed_at AS "assessedAt", to_char(a.assessment_date, 'YYYY-MM-DD') AS "assessmentDate",
              a.score, a.tier, a.rule_set_hash AS "ruleSetHash", a.trigger, a.import_batch_id AS "importBatchId",
              b.file_name AS "fileName", l.id AS "sourceListId", l.name AS "sourceListName"
         FROM assessments a
         LEFT JOIN import_batches b ON b.id = a.import_batch_id
         LEFT JOIN source_lists l ON l.id = b.source_list_id
        WHERE a.supplier_id = $1
        ORDER BY a.assessed_at DESC, a.id DESC`,
      [supplierId],
    );
    return rows.map((row) => ({ ...row, assessedAt: new Date(row.assessedAt) }));
  }

  /** The supplier's newest assessment, or null before it was ever scored. */
  async current(supplierId: string): Promise<AssessmentResult | null> {
    const found = await this.currentFor([supplierId]);
    return found.get(supplierId) ?? null;
  }

  /** The newest assessment of each of the suppliers (those never scored are left out). */
  async currentFor(supplierIds: readonly string[]): Promise<Map<string, AssessmentResult>> {
    const rows = await this.dataSource.query<
      { supplierId: string; result: StoredAssessment; hash: string }[]
    >(
      `SELECT s.id AS "supplierId", a.result, a.rule_set_hash AS hash
         FROM unnest($1::uuid[]) AS s(id)
         CROSS JOIN LATERAL (
           SELECT result, rule_set_hash FROM assessments
            WHERE supplier_id = s.id ORDER BY assessed_at DESC, id DESC LIMIT 1
         ) a`,
      [supplierIds],
    );
    const found = new Map<string, AssessmentResult>();
    for (const row of rows) {
      found.set(row.supplierId, expandAssessment(row.result, await this.rules.compiledFor(row.hash)));
    }
    return found;
  }
}
