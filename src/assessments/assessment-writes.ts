import type { EntityManager } from 'typeorm';
import { copyRows } from '../database/copy-rows.js';
import { ASSESSMENT_COPY_TARGET, assessmentLine } from './assessment-copy-line.js';
import type { AssessmentTrigger } from './assessment.entity.js';
import type { AssessmentWrite } from '../scoring/domain/assessment-write.js';

export { assessmentWrite, type AssessmentWrite } from '../scoring/domain/assessment-write.js';

/**
 * Adds the assessments in one statement (imports and re-scoring write a chunk at a time). `rendered`: more of them
 * as lines already encoded (the sites an import's staging made).
 */
export async function insertAssessments(
  manager: EntityManager,
  writes: readonly { supplierId: string; assessment: AssessmentWrite }[],
  trigger: AssessmentTrigger,
  importBatchId: string | null,
  rendered: readonly Uint8Array[] = [],
): Promise<void> {
  let text = '';
  for (const { supplierId, assessment } of writes) {
    text += assessmentLine(supplierId, assessment, trigger, importBatchId);
  }
  await copyRows(manager, ASSESSMENT_COPY_TARGET, [...rendered, text]);
}

export interface ScoreWrite {
  supplierId: string;
  assessment: AssessmentWrite;
  priority: number;
}

/**
 * Makes the assessments current: adds them to each supplier's history and copies their figures onto the supplier
 * rows, in the caller's transaction (re-scoring writes a page at a time).
 */
export async function writeScores(
  manager: EntityManager,
  writes: readonly ScoreWrite[],
  trigger: AssessmentTrigger,
  importBatchId: string | null,
): Promise<void> {
  await insertAssessments(manager, writes, trigger, importBatchId);
  await setCurrentScores(manager, writes);
}

/**
 * Copies each assessment's figures onto its supplier row (what lists, filters and the dashboard read). Leaves
 * `updated_at` alone: a new score is not a change to what is known about the supplier.
 */
export async function setCurrentScores(manager: EntityManager, writes: readonly ScoreWrite[]): Promise<void> {
  if (writes.length === 0) {
    return;
  }
  await manager.query(
    `UPDATE suppliers s
        SET current_score = x.score, current_tier = x.tier, red_flag_count = x.red_flags, priority = x.priority,
            data_completeness = x.completeness, range_low = x.range_low, range_high = x.range_high,
            confidence = x.confidence, assessed_at = now()
       FROM unnest($1::uuid[], $2::double precision[], $3::varchar[], $4::int[], $5::double precision[],
            $6::real[], $7::real[], $8::real[], $9::real[])
         AS x(id, score, tier, red_flags, priority, completeness, range_low, range_high, confidence)
      WHERE s.id = x.id`,
    [
      writes.map((w) => w.supplierId),
      writes.map((w) => w.assessment.score),
      writes.map((w) => w.assessment.tier),
      writes.map((w) => w.assessment.redFlagCount),
      writes.map((w) => w.priority),
      writes.map((w) => w.assessment.dataCompleteness),
      writes.map((w) => w.assessment.rangeLow),
      writes.map((w) => w.assessment.rangeHigh),
      writes.map((w) => w.assessment.confidence),
    ],
  );
}
