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
  // One array per column: PostgreSQL parses each result on its own, which is several times faster than taking
  // the rows apart from one large JSON document (jsonb_to_recordset) once the results are a few kB each.
  await manager.query(
    `INSERT INTO assessments (id, supplier_id, rule_set_hash, import_batch_id, trigger, assessment_date, score, tier, result)
     SELECT x.id, x.supplier_id, x.rule_set_hash, $8, $9, x.assessment_date, x.score, x.tier, x.result::jsonb
       FROM unnest($1::uuid[], $2::uuid[], $3::varchar[], $4::date[], $5::double precision[], $6::varchar[], $7::text[])
         AS x(id, supplier_id, rule_set_hash, assessment_date, score, tier, result)`,
    [
      writes.map(() => randomUUID()),
      writes.map((w) => w.supplierId),
      writes.map((w) => w.result.ruleSetHash),
      writes.map((w) => w.result.assessmentDate),
      writes.map((w) => w.result.score),
      writes.map((w) => w.result.tier),
      writes.map((w) => JSON.stringify(compactAssessment(w.result, rules))),
      importBatchId,
      trigger,
    ],
  );
}
