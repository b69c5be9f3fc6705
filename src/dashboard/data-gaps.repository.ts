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

/** 0-3 for low-critical, with the thresholds as the query's :medium, :high and :critical. */
function tierRank(score: string): string {
  return `CASE WHEN ${score} >= :critical THEN 3 WHEN ${score} >= :high THEN 2 WHEN ${score} >= :medium THEN 1 ELSE 0 END`;
}

type AskOrder = Pick<WhoToAskRow, 'supplierId' | 'settles' | 'flag' | 'openPoints' | 'fields'>;

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
    // The questions are only in the assessment; the range and confidence are also on the supplier row.
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
    // The supplier row carries its current assessment's range (see SupplierRanges): no assessment is read.
    const row = await this.suppliers
      .filtered(filter)
      .select('count(*)::int', 'suppliers')
      .addSelect('count(s.range_low)::int', 'withRange')
      .addSelect(
        `count(*) FILTER (WHERE s.range_low IS NOT NULL AND ${tierRank('s.range_low')} = ${tierRank('s.range_high')})::int`,
        'settled',
      )
      .setParameters({ medium: thresholds.medium, high: thresholds.high, critical: thresholds.critical })
      .getRawOne<{ suppliers: number; withRange: number; settled: number }>();
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
       SELECT q.supplier_id AS "supplierId", q.settles, q.flag, q.open_points AS "openPoints", q.fields
         FROM questions q
         JOIN suppliers s ON s.id = q.supplier_id
        WHERE q.id = $${params.length + 1}
        ORDER BY q.settles DESC, q.flag DESC, q.open_points DESC, s.priority DESC NULLS LAST, s.id`,
      [...params, indicatorId],
    );
    for (let start = 0; start < order.length; start += DETAILS_PAGE) {
      const page = order.slice(start, start + DETAILS_PAGE);
      const details = await this.dataSource.query<
        Pick<WhoToAskRow, Exclude<keyof WhoToAskRow, keyof AskOrder> | 'supplierId'>[]
      >(
        `SELECT id AS "supplierId", external_ref AS "externalRef", name, profile->>'address' AS address,
                profile->>'city' AS city, country, sector, current_tier AS tier, current_score AS score,
                range_low AS "rangeLow", range_high AS "rangeHigh", confidence
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
