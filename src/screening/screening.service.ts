import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { assessmentWrite, writeScores, type ScoreWrite } from '../assessments/assessment-writes.js';
import { AuditService } from '../audit/audit.service.js';
import { CLOCK, type Clock, isoDate } from '../common/clock/clock.js';
import { NotFoundError } from '../common/errors/domain-error.js';
import { currentRequest } from '../common/http/request-context.js';
import { recordTierSnapshot } from '../dashboard/tier-snapshots.js';
import { JOB_QUEUE, type JobQueue } from '../jobs/job-queue.js';
import { canonicalJson } from '../rules/domain/canonical-json.js';
import { RulesService } from '../rules/rules.service.js';
import type { ScreeningFindings } from '../scoring/domain/screening-findings.js';
import { lockSiteWritesShared, tryLockSiteWritesShared } from '../suppliers/site-writes-lock.js';
import { findingsOf, reconcileHits, screenSupplier, type StoredHit } from './domain/supplier-screening.js';
import type {
  ScreeningHitPage,
  ScreeningHitView,
  ScreeningRunView,
  ScreeningSummary,
} from './dto/screening.views.js';
import { ListEditionsService, type ScreeningLists } from './list-editions.service.js';
import { HitAlreadyDecidedError, ScreeningBusyError, ScreeningRunNotFoundError } from './screening.errors.js';
import { ScreeningRepository, type HitFilter, type ScreenedRow } from './screening.repository.js';
import { ScreeningRunEntity, type ScreeningRunReason } from './screening-run.entity.js';

const PAGE = 1000;
const FIRST_ID = '00000000-0000-0000-0000-000000000000';
const INLINE_WAIT_MS = 30_000;
const INLINE_POLL_MS = 100;

interface ScreeningJobData {
  runId: string;
}

export type HitDecision = 'confirm' | 'dismiss';

function toRunView(run: ScreeningRunEntity): ScreeningRunView {
  return {
    id: run.id,
    status: run.status,
    reason: run.reason,
    importBatchId: run.importBatchId,
    editionIds: run.editionIds,
    total: run.total,
    done: run.done,
    raised: run.raised,
    requestedBy: run.requestedBy,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    error: run.error,
  };
}

function sameFindings(a: ScreeningFindings | null, b: ScreeningFindings | null): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/** Another run of the same job (after its instance was presumed dead) moved on: this one stops. */
class ScreeningTakenOver extends Error {}

/**
 * Screens suppliers against the enforcement-list editions in force: after every import (its new and changed
 * sites), when an edition is loaded and on demand (the whole portfolio), as a background job any instance can
 * resume. Keeps each hit's decision, and re-scores a supplier whenever what screening found of it changes: a
 * confirmed hit is a critical red flag, an open one moves the supplier up the work list.
 */
@Injectable()
export class ScreeningService implements OnApplicationBootstrap {
  private readonly logger = new Logger(ScreeningService.name);

  constructor(
    private readonly store: ScreeningRepository,
    private readonly editions: ListEditionsService,
    private readonly rules: RulesService,
    private readonly audit: AuditService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.work<ScreeningJobData>('screening', (data) => this.run(data.runId));
    await this.screenIfStale();
  }

  /** No whole-portfolio screening against the editions in force yet (first start, a release with a new edition). */
  private async screenIfStale(): Promise<void> {
    const ids = await this.editions.inForceIds();
    const [done] = await this.store.dataSource.query<{ id: string }[]>(
      `SELECT id FROM screening_runs
        WHERE import_batch_id IS NULL AND status IN ('running', 'completed') AND edition_ids = $1::uuid[]
        LIMIT 1`,
      [ids],
    );
    if (!done) {
      const run = await this.start('start');
      this.logger.log({
        message: 'Screening the portfolio against the list editions in force',
        runId: run.id,
      });
    }
  }

  /**
   * Starts a screening run. Without `importBatchId` the whole portfolio is screened, and a run already screening
   * it against the same editions is returned instead of a second one. With `manager`, the run and its job are
   * written in that transaction (an import's run exists exactly when the import does).
   */
  async start(
    reason: ScreeningRunReason,
    options: { importBatchId?: string } = {},
    manager?: EntityManager,
  ): Promise<ScreeningRunView> {
    const requestedBy = currentRequest()?.principal?.label ?? null;
    const start = async (tx: EntityManager): Promise<ScreeningRunView> => {
      await tx.query("SELECT pg_advisory_xact_lock(hashtext('vigil.screening'))");
      const editionIds = await this.editions.inForceIds(tx);
      const runs = tx.getRepository(ScreeningRunEntity);
      if (!options.importBatchId) {
        const [running] = await tx.query<{ id: string }[]>(
          `SELECT id FROM screening_runs
            WHERE import_batch_id IS NULL AND status = 'running' AND edition_ids = $1::uuid[] LIMIT 1`,
          [editionIds],
        );
        const found = running ? await runs.findOneBy({ id: running.id }) : null;
        if (found) {
          return toRunView(found);
        }
      }
      const run = await runs.save(
        runs.create({
          status: 'running',
          reason,
          importBatchId: options.importBatchId ?? null,
          editionIds,
          requestedBy,
          startedAt: this.clock.now(),
        }),
      );
      await this.queue.send<ScreeningJobData>('screening', { runId: run.id }, tx);
      return toRunView(run);
    };
    return manager ? start(manager) : this.store.dataSource.transaction(start);
  }

  /**
   * Screens an import's sites now (an upload answered while the caller waits answers with them screened); the
   * run's job then finds it done. Waits for a worker that claimed the run first.
   */
  async screenImport(importBatchId: string): Promise<void> {
    const runs = this.store.dataSource.getRepository(ScreeningRunEntity);
    const run = await runs.findOne({ where: { importBatchId }, order: { startedAt: 'DESC' } });
    if (!run) {
      return;
    }
    await this.run(run.id);
    for (let waited = 0; waited < INLINE_WAIT_MS; waited += INLINE_POLL_MS) {
      const state = await runs.findOneBy({ id: run.id });
      if (state?.status !== 'running') {
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, INLINE_POLL_MS));
    }
  }

  /** The screening of an import's sites, if the import started one. */
  async runForImport(importBatchId: string): Promise<ScreeningRunView | null> {
    const run = await this.store.dataSource
      .getRepository(ScreeningRunEntity)
      .findOne({ where: { importBatchId }, order: { startedAt: 'DESC' } });
    return run ? toRunView(run) : null;
  }

  /** Read from the database, so any instance can answer for a run whichever instance runs it. */
  async runView(id: string): Promise<ScreeningRunView> {
    const run = await this.store.dataSource.getRepository(ScreeningRunEntity).findOneBy({ id });
    if (!run) {
      throw new ScreeningRunNotFoundError(id);
    }
    return toRunView(run);
  }

  async hits(filter: HitFilter): Promise<ScreeningHitPage> {
    const page = await this.store.hitPage(filter);
    return { ...page, limit: filter.limit, offset: filter.offset };
  }

  async summary(): Promise<ScreeningSummary> {
    const counts = await this.store.counts();
    const [last] = await this.store.dataSource
      .getRepository(ScreeningRunEntity)
      .find({ order: { startedAt: 'DESC' }, take: 1 });
    const { items } = await this.editions.list();
    return {
      open: { hits: counts.openHits, potential: counts.openPotential, suppliers: counts.openSuppliers },
      confirmed: { hits: counts.confirmedHits, suppliers: counts.confirmedSuppliers },
      dismissed: counts.dismissed,
      editions: items.filter((edition) => edition.inForce),
      lastRun: last ? toRunView(last) : null,
    };
  }

  /**
   * A compliance officer's decision on an open hit, with the reason, in the audit trail. Confirmed: a critical red
   * flag citing the list from now on; dismissed: not raised again while the entry and the supplier's names stay.
   */
  async decide(id: string, decision: HitDecision, reason: string): Promise<ScreeningHitView> {
    const decidedBy = currentRequest()?.principal?.label ?? null;
    const status = decision === 'confirm' ? 'confirmed' : 'dismissed';
    await this.store.dataSource.transaction(async (manager) => {
      // A decision re-scores the supplier: it does not wait behind an import writing suppliers.
      if (!(await tryLockSiteWritesShared(manager))) {
        throw new ScreeningBusyError();
      }
      const hit = await this.store.lockHit(manager, id);
      if (!hit) {
        throw new NotFoundError('Screening hit', id);
      }
      if (hit.status !== 'open' || !hit.current) {
        throw new HitAlreadyDecidedError(
          hit.current ? hit.status : 'withdrawn',
          hit.decided_by,
          hit.decided_at,
        );
      }
      await this.store.decide(manager, id, status, reason, decidedBy, this.clock.now());
      const [row] = await this.store.read(manager, [hit.supplier_id]);
      if (row) {
        await this.refresh(manager, [row]);
      }
      await this.audit.record(
        {
          action: `screening.hit.${status}`,
          targetType: 'supplier',
          targetId: hit.supplier_id,
          summary: {
            hit: id,
            list: hit.list,
            entry: hit.entry_name,
            listedName: hit.listed_name,
            party: hit.party_name,
            strength: hit.strength,
            score: hit.score,
            reason,
          },
        },
        manager,
      );
    });
    this.logger.log({ message: 'Screening hit decided', hit: id, status });
    const { items } = await this.store.hitPage({ id, limit: 1, offset: 0 });
    if (!items[0]) {
      throw new NotFoundError('Screening hit', id);
    }
    return items[0];
  }

  /**
   * A merge joins two sites: the merged-away site's hits (with their decisions) move to the site it joins, whose
   * findings are returned for scoring the merged record. Its names changed: the next screening raises anew what
   * its decisions do not cover.
   */
  async moveOnMerge(manager: EntityManager, from: string, into: string): Promise<ScreeningFindings | null> {
    await this.store.moveHits(manager, from, into);
    const hits = (await this.store.storedHits(manager, [into])).get(into) ?? [];
    const findings = findingsOf(hits);
    await this.store.setFindings(manager, [{ id: into, findings }]);
    return findings;
  }

  /** Screens these suppliers against `lists` and writes what changed; returns the hits raised for the first time. */
  async screenRows(
    manager: EntityManager,
    lists: ScreeningLists,
    rows: readonly ScreenedRow[],
  ): Promise<number> {
    if (rows.length === 0) {
      return 0;
    }
    const stored = await this.store.storedHits(
      manager,
      rows.map((row) => row.id),
    );
    const inserts: { supplierId: string; hit: ReturnType<typeof screenSupplier>[number] }[] = [];
    const again: Parameters<ScreeningRepository['touchHits']>[1][number][] = [];
    const lapsed: { id: string; status: StoredHit['status'] }[] = [];
    const touched: ScreenedRow[] = [];
    for (const row of rows) {
      const fresh = screenSupplier(lists.index, lists.catalog, row.profile);
      const previous = stored.get(row.id) ?? [];
      if (fresh.length === 0 && previous.length === 0 && row.screening === null) {
        continue;
      }
      const change = reconcileHits(previous, fresh, lists.catalog);
      change.inserts.forEach((hit) => inserts.push({ supplierId: row.id, hit }));
      again.push(...change.again);
      lapsed.push(...change.lapsed);
      touched.push(row);
    }
    await this.store.insertHits(manager, inserts);
    await this.store.touchHits(manager, again);
    await this.store.lapseHits(manager, lapsed);
    await this.refresh(manager, touched);
    return inserts.length;
  }

  /** Recomputes what screening found of each supplier and re-scores those where it changed. */
  private async refresh(manager: EntityManager, rows: readonly ScreenedRow[]): Promise<void> {
    if (rows.length === 0) {
      return;
    }
    const hits = await this.store.storedHits(
      manager,
      rows.map((row) => row.id),
    );
    const changed: { row: ScreenedRow; findings: ScreeningFindings | null }[] = [];
    for (const row of rows) {
      const findings = findingsOf(hits.get(row.id) ?? []);
      if (!sameFindings(findings, row.screening)) {
        changed.push({ row, findings });
      }
    }
    if (changed.length === 0) {
      return;
    }
    const rules = this.rules.active();
    const date = isoDate(this.clock.now());
    const writes: ScoreWrite[] = changed.map(({ row, findings }) => {
      const result = rules.score(row.profile, date, findings ?? undefined);
      return {
        supplierId: row.id,
        assessment: assessmentWrite(result, rules.compiled),
        priority: rules.priority(result, row.profile.annualSpend, findings?.openHits),
      };
    });
    // A confirmation made or lapsed changes the assessment (a red flag): a new one is added to the history. Open
    // hits alone change only the supplier's place in the work list.
    const reassessed = new Set(
      changed
        .filter(
          ({ row, findings }) =>
            canonicalJson(row.screening?.confirmed ?? []) !== canonicalJson(findings?.confirmed ?? []),
        )
        .map(({ row }) => row.id),
    );
    const assessed = writes.filter((write) => reassessed.has(write.supplierId));
    if (assessed.length > 0) {
      await writeScores(manager, assessed, 'screening', null);
    }
    await this.store.setPriorities(
      manager,
      writes.filter((write) => !reassessed.has(write.supplierId)),
    );
    await this.store.setFindings(
      manager,
      changed.map(({ row, findings }) => ({ id: row.id, findings })),
    );
  }

  /**
   * Screens the run's suppliers page by page, each page in its own short transaction that also moves the run's
   * bookmark; a resumed run continues after the bookmark.
   */
  private async run(runId: string): Promise<void> {
    const runs = this.store.dataSource.getRepository(ScreeningRunEntity);
    const run = await runs.findOneBy({ id: runId });
    if (!run || run.status !== 'running') {
      return;
    }
    this.logger.log({
      message: 'Screening run claimed',
      runId,
      reason: run.reason,
      resumeAfter: run.lastSupplierId,
    });
    try {
      const lists = await this.editions.lists(run.editionIds);
      if (run.lastSupplierId === null) {
        await runs.update(
          { id: run.id, status: 'running' },
          { total: await this.store.countScope(run.importBatchId) },
        );
      }
      let after = run.lastSupplierId ?? FIRST_ID;
      let changedTiers = false;
      for (;;) {
        const last = await this.store.dataSource.transaction(async (manager) => {
          // Imports and merges write sites under this lock: holding it shared, none is halfway through.
          await lockSiteWritesShared(manager);
          const [state] = await manager.query<{ status: string; last: string | null }[]>(
            'SELECT status, last_supplier_id AS last FROM screening_runs WHERE id = $1 FOR UPDATE',
            [run.id],
          );
          if (state?.status !== 'running' || (state.last ?? FIRST_ID) !== after) {
            throw new ScreeningTakenOver();
          }
          const rows = await this.store.page(manager, after, PAGE, run.importBatchId);
          if (rows.length === 0) {
            return undefined;
          }
          const before = rows.map((row) => row.screening);
          const raised = await this.screenRows(manager, lists, rows);
          changedTiers ||= raised > 0 || before.some((findings) => findings !== null);
          const lastId = rows[rows.length - 1].id;
          await manager.query(
            `UPDATE screening_runs SET done = done + $2, raised = raised + $3, last_supplier_id = $4 WHERE id = $1`,
            [run.id, rows.length, raised, lastId],
          );
          return lastId;
        });
        if (last === undefined) {
          break;
        }
        after = last;
      }
      await this.store.dataSource.transaction(async (manager) => {
        const done = await manager
          .getRepository(ScreeningRunEntity)
          .update({ id: run.id, status: 'running' }, { status: 'completed', finishedAt: this.clock.now() });
        if (done.affected && changedTiers) {
          await recordTierSnapshot(manager);
        }
      });
      this.logger.log({ message: 'Screening run completed', runId });
    } catch (error) {
      if (error instanceof ScreeningTakenOver) {
        this.logger.warn({ message: 'Screening continued elsewhere; this run stops', runId });
        return;
      }
      this.logger.error(
        { message: 'Screening run failed', runId },
        error instanceof Error ? error.stack : undefined,
      );
      await runs.update(
        { id: run.id, status: 'running' },
        {
          status: 'failed',
          finishedAt: this.clock.now(),
          error: 'Screening stopped on an unexpected error; the hits found before stay as they were.',
        },
      );
    }
  }
}
