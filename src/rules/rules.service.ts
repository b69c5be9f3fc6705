import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CLOCK, type Clock, isoDate } from '../common/clock/clock.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AssessmentResult, RiskTier } from '../scoring/domain/assessment-result.js';
import { RISK_TIERS } from '../scoring/domain/assessment-result.js';
import { priorityScore, scoreSupplier } from '../scoring/domain/scoring-engine.js';
import type { Sector, SupplierRecord } from '../suppliers/domain/supplier-record.js';
import { compileRuleSet, type CompiledRuleSet } from './domain/compile-rule-set.js';
import { loadRuleSetFiles } from './domain/load-rule-files.js';
import { parseRuleSet, type RuleFile } from './domain/parse-rule-set.js';
import { RuleSetValidationError } from './domain/rule-set-validation-error.js';
import { recordTierSnapshot } from '../dashboard/tier-snapshots.js';
import { assessmentWrite, insertAssessments } from '../assessments/assessment-writes.js';
import type { RescoreJob, SimulationResult, TierChange } from './dto/rescore.views.js';
import { RescoreNotFoundError, RuleSetRejectedError } from './rules.errors.js';
import { RuleSetEntity } from './rule-set.entity.js';
import { RescoreJobEntity } from './rescore-job.entity.js';
import type { RuleSetDefinition } from './domain/rule-set-definition.js';
import { JOB_QUEUE, type JobQueue } from '../jobs/job-queue.js';

/** The rule set in force, ready to score: what imports and re-scoring use. */
export interface ActiveRuleSet {
  hash: string;
  compiled: CompiledRuleSet;
  files: RuleFile[];
  score(record: SupplierRecord, assessmentDate: string): AssessmentResult;
  priority(result: AssessmentResult, annualSpend?: number): number;
  resolveSector(raw: string): { sector: Sector; subSector?: string } | undefined;
}

const PAGE = 1000;
/** Past rule-set versions kept compiled for explaining old assessments. */
const COMPILED_CACHE_SIZE = 4;
const FIRST_ID = '00000000-0000-0000-0000-000000000000';

interface RescoreJobData {
  jobId: string;
}

function toRescoreView(job: RescoreJobEntity): RescoreJob {
  return {
    id: job.id,
    status: job.status,
    ruleSetHash: job.ruleSetHash,
    total: job.total,
    done: job.done,
    tierChanges: job.tierChanges,
    startedAt: job.startedAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
    error: job.error,
  };
}

/** Another run of the same job (after its instance was presumed dead) moved on: this one stops. */
class RescoreTakenOver extends Error {}

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
export class RulesService implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(RulesService.name);
  private current?: ActiveRuleSet;
  private readonly compiledCache = new Map<string, CompiledRuleSet>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
  ) {}

  /** Refuses to start on an invalid rule set: the message lists every problem with file, indicator and field. */
  async onModuleInit(): Promise<void> {
    const files = await loadRuleSetFiles(this.config.rulesDir);
    const compiled = compileRuleSet(parseRuleSet(files));
    await this.remember(compiled);
    this.current = activate(compiled, files);
    this.logger.log(`Rule set ${compiled.name} ${compiled.version} active (${compiled.hash.slice(0, 12)})`);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.queue.durable) {
      // In-process jobs died with the previous process: say so rather than show them running forever.
      await this.dataSource.query(
        `UPDATE rescore_jobs SET status = 'failed', finished_at = now(),
                error = 'The service stopped while re-scoring; reload the rules to re-score the rest.'
          WHERE status = 'running'`,
      );
    }
    await this.queue.work<RescoreJobData>('rescore', (data) => this.runRescore(data.jobId));
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
    return { hash: compiled.hash, changed: true, job: await this.startRescore() };
  }

  /** Read from the database, so any instance can answer for a job whichever instance runs it. */
  async job(id: string): Promise<RescoreJob> {
    const job = await this.dataSource.getRepository(RescoreJobEntity).findOneBy({ id });
    if (!job) {
      throw new RescoreNotFoundError(id);
    }
    return toRescoreView(job);
  }

  async idle(): Promise<void> {
    await this.queue.idle();
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

  private async startRescore(): Promise<RescoreJob> {
    const rules = this.active();
    return this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(RescoreJobEntity);
      // Several instances reloading the same rules start one re-scoring between them, not one each.
      await manager.query("SELECT pg_advisory_xact_lock(hashtext('vigil.rescore'))");
      const running = await repository.findOneBy({ ruleSetHash: rules.hash, status: 'running' });
      if (running) {
        return toRescoreView(running);
      }
      const job = await repository.save(
        repository.create({
          status: 'running',
          ruleSetHash: rules.hash,
          assessmentDate: isoDate(this.clock.now()),
        }),
      );
      await this.queue.send<RescoreJobData>('rescore', { jobId: job.id }, manager);
      return toRescoreView(job);
    });
  }

  /**
   * Adds a new assessment for every supplier, page by page, each page in its own short transaction that also
   * moves the job's bookmark; a resumed job continues after the bookmark, so no supplier is scored twice.
   */
  private async runRescore(jobId: string): Promise<void> {
    const jobs = this.dataSource.getRepository(RescoreJobEntity);
    const job = await jobs.findOneBy({ id: jobId });
    if (!job || job.status !== 'running') {
      return;
    }
    this.logger.log({ message: 'Re-scoring job claimed', jobId: job.id, resumeAfter: job.lastSupplierId });
    try {
      const rules = await this.ruleSetByHash(job.ruleSetHash);
      if (job.lastSupplierId === null) {
        const [counted] = await this.dataSource.query<{ count: number }[]>(
          'SELECT count(*)::int AS count FROM suppliers',
        );
        await jobs.update({ id: job.id, status: 'running' }, { total: counted?.count ?? 0 });
      }
      let after = job.lastSupplierId ?? FIRST_ID;
      const pages = this.pages(after)[Symbol.asyncIterator]();
      const readAndScore = async () => {
        const next = await pages.next();
        if (next.done) {
          return undefined;
        }
        const page = next.value;
        const scored = page.map((row) => {
          const result = rules.score(row.profile, job.assessmentDate);
          return {
            row,
            write: assessmentWrite(result, rules.compiled),
            priority: rules.priority(result, row.profile.annualSpend),
          };
        });
        return { page, scored };
      };
      for (let current = await readAndScore(); current;) {
        const { page, scored } = current;
        // The next page is read and scored while this one is written (the database works on the other core).
        const following = readAndScore();
        following.catch(() => undefined);
        const last = page[page.length - 1]?.id ?? after;
        await this.dataSource.transaction(async (manager) => {
          const [state] = await manager.query<{ status: string; last: string | null }[]>(
            'SELECT status, last_supplier_id AS last FROM rescore_jobs WHERE id = $1 FOR UPDATE',
            [job.id],
          );
          if (state?.status !== 'running' || (state.last ?? FIRST_ID) !== after) {
            throw new RescoreTakenOver();
          }
          await insertAssessments(
            manager,
            scored.map(({ row, write }) => ({ supplierId: row.id, assessment: write })),
            'rescore',
            null,
          );
          await manager.query(
            `UPDATE suppliers s
                SET current_score = x.score, current_tier = x.tier, red_flag_count = x.red_flags, priority = x.priority,
                    data_completeness = x.completeness, assessed_at = now()
               FROM unnest($1::uuid[], $2::double precision[], $3::varchar[], $4::int[], $5::double precision[],
                    $6::real[]) AS x(id, score, tier, red_flags, priority, completeness)
              WHERE s.id = x.id`,
            [
              scored.map(({ row }) => row.id),
              scored.map(({ write }) => write.score),
              scored.map(({ write }) => write.tier),
              scored.map(({ write }) => write.redFlagCount),
              scored.map(({ priority }) => priority),
              scored.map(({ write }) => write.dataCompleteness),
            ],
          );
          await manager.query(
            `UPDATE rescore_jobs SET done = done + $2, tier_changes = tier_changes + $3, last_supplier_id = $4
              WHERE id = $1`,
            [
              job.id,
              page.length,
              scored.filter(({ row, write }) => row.current_tier !== write.tier).length,
              last,
            ],
          );
        });
        after = last;
        current = await following;
      }
      await this.dataSource.transaction(async (manager) => {
        const done = await manager
          .getRepository(RescoreJobEntity)
          .update({ id: job.id, status: 'running' }, { status: 'completed', finishedAt: this.clock.now() });
        if (done.affected) {
          await recordTierSnapshot(manager);
        }
      });
    } catch (error) {
      if (error instanceof RescoreTakenOver) {
        this.logger.warn({ message: 'Re-scoring continued elsewhere; this run stops', jobId: job.id });
        return;
      }
      this.logger.error(
        { message: 'Re-scoring failed', jobId: job.id },
        error instanceof Error ? error.stack : undefined,
      );
      await jobs.update(
        { id: job.id, status: 'running' },
        {
          status: 'failed',
          finishedAt: this.clock.now(),
          error: 'Re-scoring stopped on an unexpected error; the previous scores stay current.',
        },
      );
    }
  }

  /** The job's rule set, also on an instance that has not reloaded it yet: every version is kept whole. */
  private async ruleSetByHash(hash: string): Promise<ActiveRuleSet> {
    const active = this.active();
    return active.hash === hash ? active : activate(await this.compiledFor(hash), []);
  }

  /**
   * Any rule set an assessment was ever made with, compiled from its stored definition: what explains an old
   * assessment. The last few are kept, so reading a page of assessments compiles each version once.
   */
  async compiledFor(hash: string): Promise<CompiledRuleSet> {
    const active = this.active();
    if (active.hash === hash) {
      return active.compiled;
    }
    const cached = this.compiledCache.get(hash);
    if (cached) {
      return cached;
    }
    const [stored] = await this.dataSource.query<{ content: RuleSetDefinition }[]>(
      'SELECT content FROM rule_sets WHERE hash = $1',
      [hash],
    );
    if (!stored) {
      throw new Error(`Rule set ${hash} is not stored`);
    }
    const compiled = compileRuleSet(stored.content);
    if (compiled.hash !== hash) {
      throw new Error(`Rule set ${hash} does not compile back to the same hash`);
    }
    if (this.compiledCache.size >= COMPILED_CACHE_SIZE) {
      const oldest = this.compiledCache.keys().next().value;
      if (oldest !== undefined) {
        this.compiledCache.delete(oldest);
      }
    }
    this.compiledCache.set(hash, compiled);
    return compiled;
  }

  /** Every supplier in id order, a page at a time (keyset paging keeps memory flat at any portfolio size). */
  private async *pages(start = FIRST_ID): AsyncGenerator<SupplierRow[]> {
    let after = start;
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
