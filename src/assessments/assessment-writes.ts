import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { CompiledRuleSet } from '../rules/domain/compiled-rule-set.js';
import type { AssessmentResult } from '../scoring/assessment-result.js';
import { compactAssessment } from '../scoring/stored-assessment.js';

/**
 * Adds one assessment per supplier in one statement (imports and re-scoring write a chunk at a time). Each is
 * stored in its compact form: `rules` must be the rule set the results were made with.
 */
export async function insertAssessments(
  manager: EntityManager,
  writes: { supplierId: string; result: AssessmentResult }[],
  trigger: 'import' | 'rescore',
  importBatchId: string | null,
  rules: CompiledRuleSet,
): Promise<void> {
  if (writes.length === 0) {
    return;
  }
  const rows = writes.map((w) => ({
    id: randomUUID(),
    supplier_id: w.supplierId,
    rule_set_hash: w.result.ruleSetHash,
    assessment_date: w.result.assessmentDate,
    score: w.result.score,
    tier: w.result.tier,
    result: compactAssessment(w.result, rules),
  }));
  await manager.query(
    `INSERT INTO assessments (id, supplier_id, rule_set_hash, import_batch_id, trigger, assessment_date, score, tier, result)
     SELECT id, supplier_id, rule_set_hash, $2, $3, assessment_date, score, tier, result
       FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, supplier_id uuid, rule_set_hash varchar,
         assessment_date date, score smallint, tier varchar, result jsonb)`,
    [JSON.stringify(rows), importBatchId, trigger],
  );
}
