import { performance } from 'node:perf_hooks';
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
import {
  findingsOf,
  hitsAfter,
  needsWriting,
  reconcileHits,
  screenedAsBefore,
  screenedKeyOf,
  screenSupplier,
  type AreaHitMemo,
  type FreshHit,
  type Reconciliation,
} from './domain/supplier-screening.js';
import { priorityScore } from '../scoring/domain/priority.js';
import { confidenceLevel } from '../scoring/domain/scoring-engine.js';
import type {
  ListEditionView,
  ScreeningHitPage,
  ScreeningHitView,
  ScreeningRunView,
  ScreeningSummary,
} from './dto/screening.views.js';
import { ListEditionsService, type ScreeningLists } from './list-editions.service.js';
import { HitAlreadyDecidedError, ScreeningBusyError, ScreeningRunNotFoundError } from './screening.errors.js';
import {
  ScreeningRepository,
  type HitFilter,
  type ImportScope,
  type ScreenedRow,
} from './screening.repository.js';
import { ScreeningRunEntity, type ScreeningRunReason } from './screening-run.entity.js';

const PAGE = 2000;
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

function scopeOf(run: ScreeningRunEntity): ImportScope | null {
  return run.importBatchId ? { importBatchId: run.importBatchId, sitesBefore: run.sitesBefore } : null;
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
  /** Area hits by what they rest on, per list set (dropped with it). */
  private readonly areaMemos = new WeakMap<ScreeningLists, AreaHitMemo>();

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
      if (options.importBatchId) {
        // The import's transaction time: the sites it created have it, those it changed are older. The hits it
        // raised for its new sites as it staged them (raised in this transaction) count as raised by its run.
        const [[counted]] = await tx.query<[{ raised: number }[], number]>(
          `UPDATE screening_runs
              SET sites_before = now(), raised = (SELECT count(*) FROM screening_hits WHERE raised_at = now())
            WHERE id = $1 RETURNING raised`,
          [run.id],
        );
        run.raised = counted?.raised ?? 0;
      }
      await this.queue.send<ScreeningJobData>('screening', { runId: run.id }, tx);
      return toRunView(run);
    };
    if (manager) {
      return start(manager);
    }
    const run = await this.store.dataSource.transaction(start);
    this.queue.nudge();
    return run;
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

  /** Every hit of the supplier, in force or kept as history, in the order of /screening/hits. */
  async hitsOf(supplierId: string): Promise<ScreeningHitView[]> {
    const items: ScreeningHitView[] = [];
    for (;;) {
      const page = await this.store.hitPage({ supplierId, limit: PAGE, offset: items.length });
      items.push(...page.items);
      if (page.items.length === 0 || items.length >= page.total) {
        return items;
      }
    }
  }

  /** The latest run that screened the supplier, with the editions it ran against; null: none has yet. */
  async lastScreeningOf(
    supplierId: string,
  ): Promise<{ run: ScreeningRunView; editions: ListEditionView[] } | null> {
    const id = await this.store.lastRunCovering(supplierId);
    const run = id ? await this.store.dataSource.getRepository(ScreeningRunEntity).findOneBy({ id }) : null;
    if (!run) {
      return null;
    }
    const { items } = await this.editions.list();
    const screened = new Set(run.editionIds);
    return { run: toRunView(run), editions: items.filter((edition) => screened.has(edition.id)) };
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
      // The supplier first, then the hit: the order a screening run locks them in.
      const supplierId = await this.store.supplierOfHit(manager, id);
      if (supplierId) {
        await this.store.lockSuppliers(manager, [supplierId]);
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
        const hits = (await this.store.storedHits(manager, [row.id])).get(row.id) ?? [];
        const decided = findingsOf(hits);
        // A decision changes no hit's keys: what the screening raised stays as it was.
        const screenedKey = row.screening?.screenedKey;
        const findings = decided && screenedKey ? { ...decided, screenedKey } : decided;
        await this.apply(manager, sameFindings(findings, row.screening) ? [] : [{ row, findings }]);
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

  /**
   * Screens a page of suppliers, read before this transaction took the site-writes lock, against `lists` and writes
   * what changed; returns the hits raised for the first time. `timing` adds up matching and writing across pages.
   */
  private async screenRows(
    manager: EntityManager,
    lists: ScreeningLists,
    rows: readonly ScreenedRow[],
    timing: { matchMs: number; writeMs: number },
  ): Promise<number> {
    if (rows.length === 0) {
      return 0;
    }
    const started = performance.now();
    const memo: AreaHitMemo = this.areaMemos.get(lists) ?? new Map<string, FreshHit[]>();
    this.areaMemos.set(lists, memo);
    const screened = rows.map((row) => ({
      row,
      fresh: screenSupplier(lists.index, lists.catalog, row.record, memo),
    }));
    // A supplier raising what it raised before (nothing, or the same hits) has nothing to reconcile: only the
    // others' stored hits are read.
    let involved = screened.filter(({ row, fresh }) => !screenedAsBefore(row.screening, fresh));
    // The suppliers about to be reconciled are locked first (a decision locks its supplier before its hit, in the
    // same order): their stored hits are then read as the last decision left them.
    await this.store.lockSuppliers(
      manager,
      involved.map(({ row }) => row.id),
    );
    if (involved.length > 0) {
      // Read before this transaction: a supplier about to be written that was written meanwhile (an import, a
      // decision) is read again under the lock. One written meanwhile that raised nothing here is screened by
      // the run its import started.
      const unchanged = await this.store.unchangedSince(
        manager,
        involved.map(({ row }) => row),
      );
      const moved = involved.filter(({ row }) => !unchanged.has(row.id)).map(({ row }) => row.id);
      if (moved.length > 0) {
        const again = (await this.store.read(manager, moved)).map((row) => ({
          row,
          fresh: screenSupplier(lists.index, lists.catalog, row.record, memo),
        }));
        involved = [
          ...involved.filter(({ row }) => unchanged.has(row.id)),
          ...again.filter(({ row, fresh }) => !screenedAsBefore(row.screening, fresh)),
        ];
      }
    }
    const stored = await this.store.storedHits(
      manager,
      involved.map(({ row }) => row.id),
    );
    const inserts: { supplierId: string; hit: FreshHit }[] = [];
    const rewritten: Reconciliation['again'] = [];
    const lapsed: Reconciliation['lapsed'] = [];
    const changed: { row: ScreenedRow; findings: ScreeningFindings | null }[] = [];
    for (const { row, fresh } of involved) {
      const previous = stored.get(row.id) ?? [];
      const change = reconcileHits(previous, fresh, lists.catalog);
      const byId = new Map(previous.map((hit) => [hit.id, hit]));
      change.inserts.forEach((hit) => inserts.push({ supplierId: row.id, hit }));
      rewritten.push(...change.again.filter((again) => needsWriting(byId.get(again.id)!, again)));
      lapsed.push(...change.lapsed);
      const after = findingsOf(hitsAfter(previous, change));
      const findings = after && fresh.length > 0 ? { ...after, screenedKey: screenedKeyOf(fresh) } : after;
      if (!sameFindings(findings, row.screening)) {
        changed.push({ row, findings });
      }
    }
    const matched = performance.now();
    await this.store.insertHits(manager, inserts);
    await this.store.touchHits(manager, rewritten);
    await this.store.lapseHits(manager, lapsed);
    await this.apply(manager, changed);
    timing.matchMs += matched - started;
    timing.writeMs += performance.now() - matched;
    return inserts.length;
  }

  /**
   * Makes what screening found of each supplier current. A confirmation made or lapsed changes the assessment (a
   * red flag): the supplier is scored again and the assessment added to its history. Open hits alone change only
   * its place in the work list, computed from its current figures.
   */
  private async apply(
    manager: EntityManager,
    changed: readonly { row: ScreenedRow; findings: ScreeningFindings | null }[],
  ): Promise<void> {
    if (changed.length === 0) {
      return;
    }
    const confirmedOf = (findings: ScreeningFindings | null) => canonicalJson(findings?.confirmed ?? []);
    const reassessed = changed.filter(
      ({ row, findings }) => confirmedOf(row.screening) !== confirmedOf(findings),
    );
    if (reassessed.length > 0) {
      const profiles = await this.store.profiles(
        manager,
        reassessed.map(({ row }) => row.id),
      );
      const rules = this.rules.active();
      const date = isoDate(this.clock.now());
      const writes: ScoreWrite[] = reassessed.flatMap(({ row, findings }) => {
        const profile = profiles.get(row.id);
        if (!profile) {
          return [];
        }
        const result = rules.score(profile, date, findings ?? undefined);
        return [
          {
            supplierId: row.id,
            assessment: assessmentWrite(result, rules.compiled),
            priority: rules.priority(result, profile.annualSpend, findings?.openHits),
          },
        ];
      });
      await writeScores(manager, writes, 'screening', null);
    }
    const assessedAgain = new Set(reassessed.map(({ row }) => row.id));
    await this.store.setFindings(
      manager,
      changed.map(({ row, findings }) => {
        if (assessedAgain.has(row.id) || row.tier === null || row.score === null) {
          return { id: row.id, findings };
        }
        const uncertainty =
          row.rangeHigh !== null && row.confidence !== null
            ? { range: { high: row.rangeHigh }, confidenceLevel: confidenceLevel(row.confidence) }
            : undefined;
        const priority = priorityScore(
          {
            tier: row.tier,
            score: row.score,
            redFlags: { length: row.redFlagCount },
            ...(uncertainty ? { uncertainty } : {}),
            openScreeningHits: findings?.openHits ?? 0,
          },
          row.annualSpend ?? undefined,
        );
        return { id: row.id, findings, priority };
      }),
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
          { total: await this.store.countScope(scopeOf(run)) },
        );
      }
      let after = run.lastSupplierId ?? FIRST_ID;
      let changedTiers = false;
      const timing = { matchMs: 0, writeMs: 0, readMs: 0 };
      const runStarted = performance.now();
      // The next page is read while this one is screened and written (the database works on the other core). Read
      // outside the page's transaction, a supplier written meanwhile is read again under the lock.
      const read = (from: string) => this.store.page(this.store.dataSource.manager, from, PAGE, scopeOf(run));
      let next = read(after);
      for (;;) {
        const waited = performance.now();
        const page = await next;
        timing.readMs += performance.now() - waited;
        if (page.last === undefined) {
          break;
        }
        next = read(page.last);
        next.catch(() => undefined);
        const from = after;
        await this.store.dataSource.transaction(async (manager) => {
          // Imports and merges write sites under this lock: holding it shared, none is halfway through.
          await lockSiteWritesShared(manager);
          const [state] = await manager.query<{ status: string; last: string | null }[]>(
            'SELECT status, last_supplier_id AS last FROM screening_runs WHERE id = $1 FOR UPDATE',
            [run.id],
          );
          if (state?.status !== 'running' || (state.last ?? FIRST_ID) !== from) {
            throw new ScreeningTakenOver();
          }
          const rows = page.rows;
          const raised = await this.screenRows(manager, lists, rows, timing);
          changedTiers ||= raised > 0 || rows.some((row) => row.screening !== null);
          await manager.query(
            `UPDATE screening_runs SET done = done + $2, raised = raised + $3, last_supplier_id = $4 WHERE id = $1`,
            [run.id, rows.length, raised, page.last],
          );
        });
        after = page.last;
      }
      await this.store.dataSource.transaction(async (manager) => {
        const done = await manager
          .getRepository(ScreeningRunEntity)
          .update({ id: run.id, status: 'running' }, { status: 'completed', finishedAt: this.clock.now() });
        if (done.affected && changedTiers) {
          await recordTierSnapshot(manager);
        }
      });
      // Where the time went (reading waits only for what the screening of the page before did not cover).
      this.logger.log({
        message: 'Screening run completed',
        runId,
        ms: Math.round(performance.now() - runStarted),
        waitingForReadsMs: Math.round(timing.readMs),
        matchingMs: Math.round(timing.matchMs),
        writingMs: Math.round(timing.writeMs),
      });
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
