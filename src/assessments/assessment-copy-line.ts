import { copyValue } from '../database/copy-text.js';
import type { AssessmentWrite } from '../scoring/domain/assessment-write.js';
import type { AssessmentTrigger } from './assessment.entity.js';

// One assessment as a line of `COPY assessments`: written by the service's threads alike (an import's staging
// worker renders the lines of the sites it makes). The id is the table's default; the stored result comes last.

export const ASSESSMENT_COPY_TARGET =
  'assessments (supplier_id, rule_set_hash, import_batch_id, trigger, assessment_date, score, tier, result)';

/** The line up to its last column, the stored result (`copyValue(a.stored)` and a newline complete it). */
export function assessmentLineHead(
  supplierId: string,
  a: Omit<AssessmentWrite, 'stored'>,
  trigger: AssessmentTrigger,
  importBatchId: string | null,
): string {
  return `${supplierId}\t${a.ruleSetHash}\t${copyValue(importBatchId)}\t${trigger}\t${a.assessmentDate}\t${a.score}\t${a.tier}\t`;
}

export function assessmentLine(
  supplierId: string,
  a: AssessmentWrite,
  trigger: AssessmentTrigger,
  importBatchId: string | null,
): string {
  return `${assessmentLineHead(supplierId, a, trigger, importBatchId)}${copyValue(a.stored)}\n`;
}
