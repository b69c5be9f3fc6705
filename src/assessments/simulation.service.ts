import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CLOCK, type Clock, isoDate } from '../common/clock/clock.js';
import type { RuleFile } from '../rules/domain/parse-rule-set.js';
import { RulesService } from '../rules/rules.service.js';
import { RISK_TIERS, type RiskTier } from '../scoring/domain/assessment-result.js';
import { scoreSupplier } from '../scoring/domain/scoring-engine.js';
import type { ScreeningFindings } from '../scoring/domain/screening-findings.js';
import type { SupplierRecord } from '../suppliers/domain/supplier-record.js';
import type { SimulationResult, TierChange } from './dto/simulation.views.js';

const PAGE = 1000;
const FIRST_ID = '00000000-0000-0000-0000-000000000000';
const SHOWN_CHANGES = 500;

/** What a simulation compares: a supplier's profile and its current score. */
interface SupplierRow {
  id: string;
  name: string;
  country: string;
  profile: SupplierRecord;
  screening: ScreeningFindings | null;
  current_tier: RiskTier | null;
  current_score: number | null;
}

/** What-if: the stored portfolio scored with a draft rule set, compared with its current tiers; nothing is written. */
@Injectable()
export class SimulationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rules: RulesService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async simulate(draft: RuleFile[]): Promise<SimulationResult> {
    const compiled = this.rules.validate(draft);
    const date = isoDate(this.clock.now());
    const counts = new Map<RiskTier, { current: number; draft: number }>(
      RISK_TIERS.map((tier) => [tier, { current: 0, draft: 0 }]),
    );
    const changes: TierChange[] = [];
    let suppliers = 0;
    for await (const page of this.pages()) {
      for (const row of page) {
        suppliers++;
        const result = scoreSupplier(row.profile, compiled, date, row.screening ?? undefined);
        const counted = counts.get(result.tier);
        if (counted) {
          counted.draft++;
        }
        const before = row.current_tier ? counts.get(row.current_tier) : undefined;
        if (before) {
          before.current++;
        }
        if (result.tier !== row.current_tier) {
          changes.push({
            supplierId: row.id,
            name: row.name,
            country: row.country,
            from: row.current_tier,
            to: result.tier,
            scoreFrom: row.current_score,
            scoreTo: result.score,
          });
        }
      }
    }
    const rank = (tier: RiskTier | null): number => (tier ? RISK_TIERS.indexOf(tier) : -1);
    changes.sort(
      (a, b) =>
        Math.abs(rank(b.to) - rank(b.from)) - Math.abs(rank(a.to) - rank(a.from)) ||
        a.name.localeCompare(b.name),
    );
    return {
      draftHash: compiled.hash,
      activeHash: this.rules.active().hash,
      suppliers,
      changed: changes.length,
      tiers: RISK_TIERS.map((tier) => ({ tier, ...(counts.get(tier) ?? { current: 0, draft: 0 }) })),
      changes: changes.slice(0, SHOWN_CHANGES),
    };
  }

  /** Every supplier in id order, a page at a time (keyset paging keeps memory flat at any portfolio size). */
  private async *pages(): AsyncGenerator<SupplierRow[]> {
    let after = FIRST_ID;
    for (;;) {
      const rows = await this.dataSource.query<SupplierRow[]>(
        `SELECT id, name, country, profile, screening, current_tier, current_score FROM suppliers WHERE id > $1 ORDER BY id LIMIT $2`,
        [after, PAGE],
      );
      if (rows.length === 0) {
        return;
      }
      yield rows;
      after = rows[rows.length - 1]?.id ?? after;
    }
  }
}
