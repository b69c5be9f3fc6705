import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CLOCK, type Clock, isoDate } from '../common/clock/clock.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AssessmentResult, RiskTier } from '../scoring/assessment-result.js';
import { RISK_TIERS } from '../scoring/assessment-result.js';
import { priorityScore, scoreSupplier } from '../scoring/scoring-engine.js';
import type { Sector, SupplierRecord } from '../suppliers/domain/supplier-record.js';
import { compileRuleSet, type CompiledRuleSet } from './domain/compile-rule-set.js';
import { loadRuleSetFiles } from './domain/load-rule-files.js';
import { parseRuleSet, type RuleFile } from './domain/parse-rule-set.js';
import { RuleSetValidationError } from './domain/rule-set-validation-error.js';
import { insertAssessments } from '../imports/import-apply.js';
import { RescoreNotFoundError, RuleSetRejectedError } from './rules.errors.js';
import { RuleSetEntity } from './rule-set.entity.js';

/** The rule set in force, ready to score: what imports and re-scoring use. */
export interface ActiveRuleSet {
  hash: string;
  compiled: CompiledRuleSet;
  files: RuleFile[];
  score(record: SupplierRecord, assessmentDate: string): AssessmentResult;
  priority(result: AssessmentResult, annualSpend?: number): number;
  resolveSector(raw: string): { sector: Sector; subSector?: string } | undefined;
}

export interface RescoreJob {
  id: string;
  status: 'running' | 'completed' | 'failed';
  ruleSetHash: string;
  total: number;
  done: number;
  tierChanges: number;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
}

export interface TierChange {
  supplierId: string;
  name: string;
  country: string;
  from: RiskTier | null;
  to: RiskTier;
  scoreFrom: number | null;
  scoreTo: number;
}

export interface SimulationResult {
  draftHash: string;
  activeHash: string;
  suppliers: number;
  changed: number;
  /** Suppliers per tier now and under the draft. */
  tiers: { tier: RiskTier; current: number; draft: number }[];
  /** Up to 500 suppliers whose tier changes, the largest moves first. */
  changes: TierChange[];
}

const PAGE = 1000;

function activate(compiled: CompiledRuleSet, files: RuleFile[]): ActiveRuleSet {
  return {
    hash: compiled.hash,
    compiled,
    files,
    score: (record, date) => scoreSupplier(record, compiled, date),
    priority: (result, spend) => priorityScore(result, spend),
    resolveSector: (raw) => compiled.resolveSector(raw),
  };
}

interface SupplierRow {
  id: string;
  name: string;
  country: string;
  profile: SupplierRecord;
  current_tier: RiskTier | null;
  current_score: number | null;
}

@Injectable()
export class RulesService implements OnModuleInit {
  private readonly logger = new Logger(RulesService.name);
  private current?: ActiveRuleSet;
  // Jobs are tracked per process; with several instances, each reports the jobs it runs.
  private readonly jobs = new Map<string, RescoreJob>();
  private readonly running = new Set<Promise<void>>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Refuses to start on an invalid rule set: the message lists every problem with file, indicator and field. */
  async onModuleInit(): Promise<void> {
    const files = await loadRuleSetFiles(this.config.rulesDir);
    const compiled = compileRuleSet(parseRuleSet(files));
    await this.remember(compiled);
    this.current = activate(compiled, files);
    this.logger.log(`Rule set ${compiled.name} ${compiled.version} active (${compiled.hash.slice(0, 12)})`);
  }

  active(): ActiveRuleSet {
    if (!this.current) {
      throw new Error('The rule set is not loaded yet');
    }
    return this.current;
  }

  /** Checks a draft (files that differ from the active set) without changing anything. */
  validate(draft: RuleFile[]): CompiledRuleSet {
    return this.compile(this.withActive(draft));
  }

  /** Re-reads the rules folder; an invalid set is refused and the old one stays in force. */
  async reload(): Promise<{ hash: string; changed: boolean; job: RescoreJob | null }> {
    const files = await loadRuleSetFiles(this.config.rulesDir);
    const compiled = this.compile(files);
    const previous = this.active();
    if (compiled.hash === previous.hash) {
      return { hash: compiled.hash, changed: false, job: null };
    }
    await this.remember(compiled);
    this.current = activate(compiled, files);
    this.logger.log(`Rule set reloaded: ${previous.hash.slice(0, 12)} -> ${compiled.hash.slice(0, 12)}`);
    return { hash: compiled.hash, changed: true, job: this.startRescore() };
  }

  job(id: string): RescoreJob {
    const job = this.jobs.get(id);
    if (!job) {
      throw new RescoreNotFoundError(id);
    }
    return job;
  }

  async idle(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }

  /** Scores the whole portfolio with a draft and reports who would change tier; writes nothing. */
  async simulate(draft: RuleFile[]): Promise<SimulationResult> {
    const compiled = this.compile(this.withActive(draft));
    const date = isoDate(this.clock.now());
    const counts = new Map<RiskTier, { current: number; draft: number }>(
      RISK_TIERS.map((tier) => [tier, { current: 0, draft: 0 }]),
    );
    const changes: TierChange[] = [];
    let suppliers = 0;
    for await (const page of this.pages()) {
      for (const row of page) {
        suppliers++;
        const result = scoreSupplier(row.profile, compiled, date);
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
      activeHash: this.active().hash,
      suppliers,
      changed: changes.length,
      tiers: RISK_TIERS.map((tier) => ({ tier, ...(counts.get(tier) ?? { current: 0, draft: 0 }) })),
      changes: changes.slice(0, 500),
    };
  }

  private startRescore(): RescoreJob {
    const rules = this.active();
    const job: RescoreJob = {
      id: randomUUID(),
      status: 'running',
      ruleSetHash: rules.hash,
      total: 0,
      done: 0,
      tierChanges: 0,
      startedAt: this.clock.now().toISOString(),
      finishedAt: null,
      error: null,
    };
    this.jobs.set(job.id, job);
    const work = this.rescore(job, rules)
      .then(() => {
        job.status = 'completed';
      })
      .catch((error: unknown) => {
        job.status = 'failed';
        job.error = 'Re-scoring stopped on an unexpected error; the previous scores stay current.';
        this.logger.error(
          { message: 'Re-scoring failed', jobId: job.id },
          error instanceof Error ? error.stack : undefined,
        );
      })
      .finally(() => {
        job.finishedAt = this.clock.now().toISOString();
        this.running.delete(work);
      });
    this.running.add(work);
    return job;
  }

  /** Adds a new assessment for every supplier, page by page, each page in its own short transaction. */
  private async rescore(job: RescoreJob, rules: ActiveRuleSet): Promise<void> {
    const [counted] = await this.dataSource.query<{ count: number }[]>(
      'SELECT count(*)::int AS count FROM suppliers',
    );
    const count = counted?.count ?? 0;
    job.total = count;
    const date = isoDate(this.clock.now());
    for await (const page of this.pages()) {
      const scored = page.map((row) => ({ row, result: rules.score(row.profile, date) }));
      await this.dataSource.transaction(async (manager) => {
        await insertAssessments(
          manager,
          scored.map(({ row, result }) => ({ supplierId: row.id, result })),
          'rescore',
          null,
        );
        await manager.query(
          `UPDATE suppliers s
              SET current_score = x.score, current_tier = x.tier, red_flag_count = x.red_flags, priority = x.priority,
                  data_completeness = x.completeness, assessed_at = now()
             FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, score smallint, tier varchar, red_flags int,
                  priority double precision, completeness real)
            WHERE s.id = x.id`,
          [
            JSON.stringify(
              scored.map(({ row, result }) => ({
                id: row.id,
                score: result.score,
                tier: result.tier,
                red_flags: result.redFlags.length,
                priority: rules.priority(result, row.profile.annualSpend),
                completeness: result.dataCompleteness,
              })),
            ),
          ],
        );
      });
      job.done += page.length;
      job.tierChanges += scored.filter(({ row, result }) => row.current_tier !== result.tier).length;
    }
  }

  /** Every supplier in id order, a page at a time (keyset paging keeps memory flat at any portfolio size). */
  private async *pages(): AsyncGenerator<SupplierRow[]> {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = await this.dataSource.query<SupplierRow[]>(
        `SELECT id, name, country, profile, current_tier, current_score FROM suppliers WHERE id > $1 ORDER BY id LIMIT $2`,
        [after, PAGE],
      );
      if (rows.length === 0) {
        return;
      }
      yield rows;
      after = rows[rows.length - 1]?.id ?? after;
    }
  }

  private withActive(draft: RuleFile[]): RuleFile[] {
    const byPath = new Map(this.active().files.map((file) => [file.path, file]));
    for (const file of draft) {
      byPath.set(file.path, file);
    }
    return [...byPath.values()];
  }

  private compile(files: RuleFile[]): CompiledRuleSet {
    try {
      return compileRuleSet(parseRuleSet(files));
    } catch (error) {
      if (error instanceof RuleSetValidationError) {
        throw new RuleSetRejectedError(error.message, error.issues);
      }
      throw error;
    }
  }

  /** Keeps every version ever used, whole, so an old assessment can always be explained. */
  private async remember(compiled: CompiledRuleSet): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(RuleSetEntity)
      .values({
        hash: compiled.hash,
        name: compiled.name,
        version: compiled.version,
        content: compiled.content,
      })
      .orIgnore()
      .execute();
  }
}
