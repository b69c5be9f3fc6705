import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { CLOCK, type Clock, isoDate } from '../common/clock/clock.js';
import { recordTierSnapshot } from '../dashboard/tier-snapshots.js';
import { JOB_QUEUE, type JobQueue } from '../jobs/job-queue.js';
import { RescoreJobEntity } from './rescore-job.entity.js';
import { RulesService } from '../rules/rules.service.js';
import type { RiskTier } from '../scoring/domain/assessment-result.js';
import { lockSiteWritesShared } from '../suppliers/site-writes-lock.js';
import { assessmentWrite, type ScoreWrite, writeScores } from './assessment-writes.js';
import type { RescoreJob, RuleSetReloaded } from './dto/rescore-job.view.js';
import { RescoreNotFoundError } from './rescore.errors.js';
import { RescoreRepository, type RescoreRow } from './rescore.repository.js';

const PAGE = 1000;
const FIRST_ID = '00000000-0000-0000-0000-000000000000';

interface RescoreJobData {
  jobId: string;
}

interface ScoredRow extends ScoreWrite {
  tierBefore: RiskTier | null;
  readAt: string;
  screening: RescoreRow['screening'];
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

/** Re-scores every stored supplier after the rule set changed, as a background job any instance can resume. */
@Injectable()
export class RescoreService implements OnApplicationBootstrap {
  private readonly logger = new Logger(RescoreService.name);

  constructor(
    private readonly store: RescoreRepository,
    private readonly rules: RulesService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    private readonly audit: AuditService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.work<RescoreJobData>('rescore', (data) => this.run(data.jobId));
    await this.rescoreIfStale();
  }

  /**
   * The rules changed while the service was down (a new release, an edited rules/ folder): if any supplier's
   * current assessment was made with another rule set, the portfolio is re-scored as a reload would.
   */
  private async rescoreIfStale(): Promise<void> {
    const { hash } = this.rules.active();
    if (await this.store.anyScoredWithOther(hash)) {
      const job = await this.start(hash);
      this.logger.log({ message: 'Suppliers were scored with another rule set: re-scoring', jobId: job.id });
    }
  }

  /** Reloads the rules folder and, when the rule set changed, starts re-scoring the portfolio with it. */
  async reloadRules(): Promise<RuleSetReloaded> {
    const previousHash = this.rules.active().hash;
    let reloaded: { hash: string; changed: boolean };
    try {
      reloaded = await this.rules.reload();
    } catch (error) {
      // A refused rule set changes nothing, but who tried to put it in force is part of the trail.
      await this.audit.record({
        action: 'ruleset.reload.refused',
        targetType: 'ruleset',
        targetId: previousHash,
        summary: { activeHash: previousHash, code: (error as { code?: unknown }).code ?? 'RELOAD_FAILED' },
      });
      throw error;
    }
    const { hash, changed } = reloaded;
    const job = changed ? await this.start(hash) : null;
    await this.audit.record({
      action: 'ruleset.reloaded',
      targetType: 'ruleset',
      targetId: hash,
      summary: { previousHash, hash, changed, rescoreJobId: job?.id ?? null },
    });
    return { hash, changed, job };
  }

  /** Read from the database, so any instance can answer for a job whichever instance runs it. */
  async job(id: string): Promise<RescoreJob> {
    const job = await this.store.findJob(id);
    if (!job) {
      throw new RescoreNotFoundError(id);
    }
    return toRescoreView(job);
  }

  private async start(ruleSetHash: string): Promise<RescoreJob> {
    return this.store.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(RescoreJobEntity);
      // Several instances reloading the same rules start one re-scoring between them, not one each.
      await this.store.lockStarting(manager);
      const running = await repository.findOneBy({ ruleSetHash, status: 'running' });
      if (running) {
        return toRescoreView(running);
      }
      const job = await repository.save(
        repository.create({ status: 'running', ruleSetHash, assessmentDate: isoDate(this.clock.now()) }),
      );
      await this.queue.send<RescoreJobData>('rescore', { jobId: job.id }, manager);
      return toRescoreView(job);
    });
  }

  /**
   * Adds a new assessment for every supplier, page by page, each page in its own short transaction that also
   * moves the job's bookmark; a resumed job continues after the bookmark, so no supplier is scored twice.
   */
  private async run(jobId: string): Promise<void> {
    const jobs = this.store.dataSource.getRepository(RescoreJobEntity);
    const job = await jobs.findOneBy({ id: jobId });
    if (!job || job.status !== 'running') {
      return;
    }
    this.logger.log({ message: 'Re-scoring job claimed', jobId: job.id, resumeAfter: job.lastSupplierId });
    try {
      const rules = await this.rules.ruleSet(job.ruleSetHash);
      if (job.lastSupplierId === null) {
        await jobs.update({ id: job.id, status: 'running' }, { total: await this.store.countSuppliers() });
      }
      let after = job.lastSupplierId ?? FIRST_ID;
      let readAgain = 0;
      const pages = this.store.pages(after, PAGE)[Symbol.asyncIterator]();
      const score = (row: RescoreRow): ScoredRow => {
        const result = rules.score(row.profile, job.assessmentDate, row.screening ?? undefined);
        return {
          supplierId: row.id,
          assessment: assessmentWrite(result, rules.compiled),
          priority: rules.priority(result, row.profile.annualSpend, row.screening?.openHits),
          tierBefore: row.current_tier,
          readAt: row.updated_at,
          screening: row.screening,
        };
      };
      const readAndScore = async (): Promise<ScoredRow[] | undefined> => {
        const next = await pages.next();
        return next.done ? undefined : next.value.map(score);
      };
      for (let scored = await readAndScore(); scored;) {
        // The next page is read and scored while this one is written (the database works on the other core).
        const following = readAndScore();
        following.catch(() => undefined);
        const last = scored[scored.length - 1]?.supplierId ?? after;
        const page = scored;
        const left = await this.store.dataSource.transaction(async (manager) => {
          // Imports and merges take this lock exclusively to write sites: holding it shared, no writer is halfway,
          // and a row changed since the page was read was scored by its writer from the newer profile.
          await lockSiteWritesShared(manager);
          const state = await this.store.lockJob(manager, job.id);
          if (state?.status !== 'running' || (state.last ?? FIRST_ID) !== after) {
            throw new RescoreTakenOver();
          }
          // The page's rows locked in id order, as a screening run locks the suppliers it writes: two such writers
          // of the same suppliers wait for each other instead of deadlocking.
          await manager.query('SELECT 1 FROM suppliers WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE', [
            page.map((row) => row.supplierId),
          ]);
          const unchanged = await this.store.unchangedSince(manager, page);
          const changed = page.filter((row) => !unchanged.has(row.supplierId)).map((row) => row.supplierId);
          // Written since the page was read: scored again from the profile as it is now (no writer is halfway
          // while the lock is held), so neither a stale profile nor a previous rule set's score stays current.
          const again = changed.length > 0 ? (await this.store.read(manager, changed)).map(score) : [];
          const writes = [...page.filter((row) => unchanged.has(row.supplierId)), ...again];
          await writeScores(manager, writes, 'rescore', null);
          await this.store.advance(manager, job.id, {
            done: page.length,
            tierChanges: writes.filter((row) => row.tierBefore !== row.assessment.tier).length,
            last,
          });
          return changed.length;
        });
        if (left > 0) {
          readAgain += left;
          this.logger.log({
            message: 'Re-scoring read again suppliers written meanwhile',
            jobId: job.id,
            left,
          });
        }
        after = last;
        scored = await following;
      }
      const completed = await this.store.dataSource.transaction(async (manager) => {
        const done = await manager
          .getRepository(RescoreJobEntity)
          .update({ id: job.id, status: 'running' }, { status: 'completed', finishedAt: this.clock.now() });
        if (done.affected) {
          await recordTierSnapshot(manager);
        }
        return Boolean(done.affected);
      });
      if (completed) {
        this.logger.log({ message: 'Re-scoring job completed', jobId: job.id, readAgain });
      }
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
}
