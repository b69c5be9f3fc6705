import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { TierThresholds } from '../rules/domain/rule-set-definition.js';
import type { SupplierFilterQuery } from '../suppliers/dto/list-suppliers.query.js';
import { SuppliersRepository } from '../suppliers/suppliers.repository.js';
import type { QuestionTally } from './domain/data-gaps.js';
import type { WhoToAskRow } from './domain/who-to-ask.js';

// The open questions of the current assessments, added up in SQL: the endpoint never loads whole assessments.
// A stored assessment keeps its questions compact (StoredQuestion tuples: id, best, worst, open points, red flag,
// fields, settles) or, when it could not be compacted, whole (AssessmentUncertainty.openQuestions); both are read.

const QUESTIONS = `
  SELECT c.supplier_id, q->>0 AS id, (q->>3)::float8 AS open_points,
         coalesce(q->>4 = '1', false) AS flag, coalesce(q->>6 = '1', false) AS settles, q->5 AS fields
    FROM current_uncertainty c
   CROSS JOIN LATERAL json_array_elements(
           CASE WHEN json_typeof(c.u->'questions') = 'array' THEN c.u->'questions' ELSE '[]'::json END) q
  UNION ALL
  SELECT c.supplier_id, q->>'indicatorId', (q->>'openPoints')::float8,
         coalesce(q->>'couldRaiseRedFlag' = 'true', false), coalesce(q->>'settlesTier' = 'true', false),
         q->'fields'
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

type AskOrder = Pick<WhoToAskRow, 'supplierId' | 'settles' | 'flag' | 'openPoints' | 'fields'> & {
  rangeLow: number | null;
  rangeHigh: number | null;
  confidence: number | null;
};

const DETAILS_PAGE = 1000;

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

  /**
   * The suppliers for whom the question is open, most worth asking first (it settles their tier, it could raise a
   * red flag, the points it leaves open, then the work-list order). The order is read once (ids and figures), the
   * supplier details a page at a time, so a long list takes little memory.
   */
  async *whoToAsk(filter: SupplierFilterQuery, indicatorId: string): AsyncGenerator<WhoToAskRow> {
    const { sql, params } = this.scope(filter);
    const order = await this.dataSource.query<AskOrder[]>(
      `${sql}, questions AS (${QUESTIONS})
       SELECT q.supplier_id AS "supplierId", q.settles, q.flag, q.open_points AS "openPoints", q.fields,
              ${RANGE_LOW} AS "rangeLow", ${RANGE_HIGH} AS "rangeHigh", (c.u->>'confidence')::float8 AS confidence
         FROM questions q
         JOIN current_uncertainty c ON c.supplier_id = q.supplier_id
         JOIN suppliers s ON s.id = q.supplier_id
        WHERE q.id = $${params.length + 1}
        ORDER BY q.settles DESC, q.flag DESC, q.open_points DESC, s.priority DESC NULLS LAST, s.id`,
      [...params, indicatorId],
    );
    for (let start = 0; start < order.length; start += DETAILS_PAGE) {
      const page = order.slice(start, start + DETAILS_PAGE);
      const details = await this.dataSource.query<
        Pick<
          WhoToAskRow,
          'supplierId' | 'externalRef' | 'name' | 'address' | 'city' | 'country' | 'sector' | 'tier' | 'score'
        >[]
      >(
        `SELECT id AS "supplierId", external_ref AS "externalRef", name, profile->>'address' AS address,
                profile->>'city' AS city, country, sector, current_tier AS tier, current_score AS score
           FROM suppliers WHERE id = ANY($1::uuid[])`,
        [page.map((row) => row.supplierId)],
      );
      const byId = new Map(details.map((row) => [row.supplierId, row]));
      for (const row of page) {
        const supplier = byId.get(row.supplierId);
        // A supplier merged away since the order was read is left out.
        if (supplier) {
          yield { ...supplier, ...row };
        }
      }
    }
  }
}
