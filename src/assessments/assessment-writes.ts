import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { EntityManager } from 'typeorm';
import type { CompiledRuleSet } from '../rules/domain/compiled-rule-set.js';
import type { AssessmentResult, RiskTier } from '../scoring/domain/assessment-result.js';
import type { AssessmentTrigger } from './assessment.entity.js';
import { compactAssessment } from '../scoring/domain/stored-assessment.js';

/**
 * One new assessment, ready to write: the figures the supplier row copies and the compact result as JSON. Imports
 * and re-scoring turn each result into this as soon as it is made, so a chunk in flight holds a few kB per supplier
 * rather than the whole explained result.
 */
export interface AssessmentWrite {
  ruleSetHash: string;
  assessmentDate: string;
  score: number;
  tier: RiskTier;
  redFlagCount: number;
  dataCompleteness: number;
  /** The range and data confidence; null on a result without them. */
  rangeLow: number | null;
  rangeHigh: number | null;
  confidence: number | null;
  /** JSON of the stored (compact) form. */
  stored: string;
}

/** `rules` must be the rule set the result was made with. */
export function assessmentWrite(result: AssessmentResult, rules: CompiledRuleSet): AssessmentWrite {
  return {
    ruleSetHash: result.ruleSetHash,
    assessmentDate: result.assessmentDate,
    score: result.score,
    tier: result.tier,
    redFlagCount: result.redFlags.length,
    dataCompleteness: result.dataCompleteness,
    rangeLow: result.uncertainty?.range.low ?? null,
    rangeHigh: result.uncertainty?.range.high ?? null,
    confidence: result.uncertainty?.confidence ?? null,
    stored: JSON.stringify(compactAssessment(result, rules)),
  };
}

/** Adds the assessments in one statement (imports and re-scoring write a chunk at a time). */
export async function insertAssessments(
  manager: EntityManager,
  writes: readonly { supplierId: string; assessment: AssessmentWrite }[],
  trigger: AssessmentTrigger,
  importBatchId: string | null,
): Promise<void> {
  if (writes.length === 0) {
    return;
  }
  // Outside a transaction the manager has no runner of its own: COPY on a connection taken for it.
  const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
  try {
    const client = (await runner.connect()) as PoolClient;
    await copyAssessments(client, writes, trigger, importBatchId);
  } finally {
    if (!manager.queryRunner) {
      await runner.release();
    }
  }
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

/** A value in COPY's text format: backslash, tab, newline and carriage return escaped. */
function copyText(value: string): string {
  return /[\\\t\n\r]/.test(value)
    ? value.replace(/[\\\t\n\r]/g, (c) =>
        c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
      )
    : value;
}

/** On PostgreSQL the rows go in through COPY: the server parses plain text instead of parameters. */
async function copyAssessments(
  client: PoolClient,
  writes: readonly { supplierId: string; assessment: AssessmentWrite }[],
  trigger: AssessmentTrigger,
  importBatchId: string | null,
): Promise<void> {
  const batch = importBatchId ?? '\\N';
  let text = '';
  for (const { supplierId, assessment: a } of writes) {
    text += `${randomUUID()}\t${supplierId}\t${a.ruleSetHash}\t${batch}\t${trigger}\t${a.assessmentDate}\t${a.score}\t${a.tier}\t${copyText(a.stored)}\n`;
  }
  await pipeline(
    Readable.from([Buffer.from(text)]),
    client.query(
      copyFrom(
        'COPY assessments (id, supplier_id, rule_set_hash, import_batch_id, trigger, assessment_date, score, tier, result) FROM STDIN',
      ),
    ),
  );
}
