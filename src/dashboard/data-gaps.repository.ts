import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { TierThresholds } from '../rules/domain/rule-set-definition.js';
import type { SupplierFilterQuery } from '../suppliers/dto/list-suppliers.query.js';
import { SuppliersRepository } from '../suppliers/suppliers.repository.js';
import type { QuestionTally } from './domain/data-gaps.js';

// The open questions of the current assessments, added up in SQL: the endpoint never loads whole assessments.
// A stored assessment keeps its questions compact (StoredQuestion tuples: id, best, worst, open points, red flag,
// fields, settles) or, when it could not be compacted, whole (AssessmentUncertainty.openQuestions); both are read.

const QUESTIONS = `
  SELECT c.supplier_id, q->>0 AS id, (q->>3)::float8 AS open_points,
         coalesce(q->>4 = '1', false) AS flag, coalesce(q->>6 = '1', false) AS settles
    FROM current_uncertainty c
   CROSS JOIN LATERAL json_array_elements(
           CASE WHEN json_typeof(c.u->'questions') = 'array' THEN c.u->'questions' ELSE '[]'::json END) q
  UNION ALL
  SELECT c.supplier_id, q->>'indicatorId', (q->>'openPoints')::float8,
         coalesce(q->>'couldRaiseRedFlag' = 'true', false), coalesce(q->>'settlesTier' = 'true', false)
    FROM current_uncertainty c
   CROSS JOIN LATERAL json_array_elements(
           CASE WHEN json_typeof(c.u->'openQuestions') = 'array' THEN c.u->'openQuestions' ELSE '[]'::json END) q`;

/** The range's ends in either stored form. */
const RANGE_LOW = `coalesce(c.u->'range'->>0, c.u->'range'->>'low')::float8`;
const RANGE_HIGH = `coalesce(c.u->'range'->>1, c.u->'range'->>'high')::float8`;

function tierRank(score: string, first: number): string {
  return `CASE WHEN ${score} >= $${first + 2} THEN 3 WHEN ${score} >= $${first + 1} THEN 2
               WHEN ${score} >= $${first} THEN 1 ELSE 0 END`;
}

@Injectable()
export class DataGapsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly suppliers: SuppliersRepository,
  ) {}

  /** The suppliers in scope and their newest assessment's uncertainty (null when it has none). */
  private scope(filter: SupplierFilterQuery): { sql: string; params: unknown[] } {
    const [scoped, params] = this.suppliers.filtered(filter).select('s.id', 'id').getQueryAndParameters();
    const sql = `
      WITH scope AS (${scoped}),
      current_uncertainty AS (
        SELECT sc.id AS supplier_id, a.result->'uncertainty' AS u
          FROM scope sc
          LEFT JOIN LATERAL (
            SELECT result FROM assessments WHERE supplier_id = sc.id ORDER BY assessed_at DESC, id DESC LIMIT 1
          ) a ON true
      )`;
    return { sql, params };
  }

  async totals(
    filter: SupplierFilterQuery,
    thresholds: TierThresholds,
  ): Promise<{ suppliers: number; withRange: number; settled: number }> {
    const { sql, params } = this.scope(filter);
    const first = params.length + 1;
    const [row] = await this.dataSource.query<{ suppliers: number; withRange: number; settled: number }[]>(
      `${sql}
       SELECT count(*)::int AS suppliers,
              count(*) FILTER (WHERE json_typeof(c.u->'range') IS NOT NULL)::int AS "withRange",
              count(*) FILTER (WHERE json_typeof(c.u->'range') IS NOT NULL
                                 AND ${tierRank(RANGE_LOW, first)} = ${tierRank(RANGE_HIGH, first)})::int AS settled
         FROM current_uncertainty c`,
      [...params, thresholds.medium, thresholds.high, thresholds.critical],
    );
    return row ?? { suppliers: 0, withRange: 0, settled: 0 };
  }

  async tallies(filter: SupplierFilterQuery): Promise<QuestionTally[]> {
    const { sql, params } = this.scope(filter);
    return this.dataSource.query<QuestionTally[]>(
      `${sql}, questions AS (${QUESTIONS})
       SELECT id AS "indicatorId", count(*)::int AS suppliers,
              count(*) FILTER (WHERE settles)::int AS "settlesTier",
              count(*) FILTER (WHERE flag)::int AS "couldRaiseRedFlag",
              coalesce(sum(open_points), 0)::float8 AS "openPoints"
         FROM questions
        GROUP BY id`,
      params,
    );
  }
}
