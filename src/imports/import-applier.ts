import { copyRows } from '../database/copy-rows.js';
import { HIT_COPY_TARGET } from '../screening/domain/hit-copy-line.js';
import { ScreeningService } from '../screening/screening.service.js';
import { Injectable, Logger } from '@nestjs/common';
import { insertAssessments } from '../assessments/assessment-writes.js';
import { recordTierSnapshot } from '../dashboard/tier-snapshots.js';
import type { ActiveRuleSet } from '../rules/rules.service.js';
import { lockSiteWrites } from '../suppliers/site-writes-lock.js';
import { type PlacedChunk, SitePlacement } from './domain/site-placement.js';
import type { ImportBatchEntity, ImportChanges } from './import-batch.entity.js';
import { ImportBatchesRepository } from './import-batches.repository.js';
import {
  insertPotentialMatches,
  insertSites,
  lookUpSites,
  noLongerListed,
  updateSites,
  upsertListings,
} from './site-writes.js';
import type { StagingInput, StagingSummary } from './staging/stage-rows.js';
import { linesOf } from './staging/rendered-sites.js';
import type { StagingRun } from './staging/staging-run.js';

// Another writer of the same rows got there first (unique violation, deadlock, serialisation failure): the whole
// apply runs again on what is now committed.
const RETRIED_CODES = new Set(['23505', '40P01', '40001']);
const ATTEMPTS = 5;

/**
 * The apply step of an import: the staged rows placed on stored or new sites and written in one transaction, so
 * all of an upload lands or none of it.
 */
@Injectable()
export class ImportApplier {
  private readonly logger = new Logger(ImportApplier.name);

  constructor(
    private readonly batches: ImportBatchesRepository,
    private readonly screening: ScreeningService,
  ) {}

  /**
   * Two imports of overlapping lists may both find a supplier missing and both insert it; the unique keys make
   * the second one fail, and a retry (staging the file again) then finds the row the first one committed and
   * updates it instead. Undefined when the batch was already finished elsewhere.
   */
  async apply(
    batch: ImportBatchEntity,
    rules: ActiveRuleSet,
    input: StagingInput,
    stage: () => StagingRun,
  ): Promise<StagingSummary | undefined> {
    for (let attempt = 1; ; attempt++) {
      const staging = stage();
      try {
        return await this.applyOnce(batch, rules, input, staging);
      } catch (error) {
        const code = (error as { driverError?: { code?: string } }).driverError?.code;
        if (!RETRIED_CODES.has(code ?? '') || attempt >= ATTEMPTS) {
          throw error;
        }
        this.logger.warn({
          message: 'Import met a concurrent writer; retrying',
          batchId: batch.id,
          attempt,
          code,
        });
      } finally {
        await staging.stop();
      }
    }
  }

  /**
   * Applies the rows as staging hands them over. Staging (a worker thread unless IMPORT_STAGING=main) reads,
   * validates and scores each row as a new site; here each chunk is placed (site-placement.ts) and written.
   */
  private async applyOnce(
    batch: ImportBatchEntity,
    rules: ActiveRuleSet,
    { listId, asOf, at }: StagingInput,
    staging: StagingRun,
  ): Promise<StagingSummary | undefined> {
    // The file is opened (and refused if it cannot be read) before the transaction takes the site-writes lock.
    const columns = new Set(await staging.opened());
    return this.batches.dataSource.transaction(async (manager) => {
      // Appliers run one at a time: a second run of the same job waits here, then sees the batch done.
      await lockSiteWrites(manager);
      if ((await this.batches.statusOf(manager, batch.id)) !== 'processing') {
        this.logger.warn({
          message: 'Import already finished elsewhere; not applied again',
          batchId: batch.id,
        });
        return undefined;
      }
      const placement = new SitePlacement({
        listId,
        batchId: batch.id,
        at,
        asOf,
        columns,
        rules: rules.compiled,
      });
      // New sites are written with the lines staging rendered for them (site, listing, assessment); only a site
      // whose key had to be kept apart, and the stored sites rows were placed on, are written from here.
      const persist = async (placed: PlacedChunk): Promise<void> => {
        const { created, asStaged, inserts, updates, listings, questions } = placed;
        await insertSites(manager, linesOf(asStaged, 'site'), inserts, batch.id);
        await updateSites(manager, updates, batch.id);
        await upsertListings(manager, listId, batch.id, linesOf(created, 'listing'), listings);
        // The new sites' hits against the enforcement lists, screened as they were staged.
        await copyRows(manager, HIT_COPY_TARGET, linesOf(created, 'hit'));
        await insertPotentialMatches(manager, batch.id, questions);
        await insertAssessments(
          manager,
          updates.map((w) => ({ supplierId: w.id, assessment: w.assessment })),
          'import',
          batch.id,
          linesOf(created, 'assessment'),
        );
      };
      // Placing needs no database once a chunk's candidates are read: each chunk is placed while the writes of
      // the one before run, and the next chunk's lookup is queued before those writes. The lookups do not depend
      // on the chunk before: its sites are claimed (never candidates again), and keys and references are unique
      // within the file.
      // Rejected rows (and duplicates, and rows with warnings) are written as staging hands them over, between the
      // writes of the staged rows: they never pile up in memory, whatever their number.
      const items = staging.chunks();
      const nextRows = async () => {
        for (;;) {
          const item = await items.next();
          if (item.done) {
            return undefined;
          }
          if (item.value.kind === 'rows') {
            return item.value.suppliers;
          }
          const { rows } = item.value;
          await writing;
          writing = this.batches.insertRejectedRows(manager, batch.id, rows);
          writing.catch(() => undefined);
        }
      };
      let writing: Promise<void> = Promise.resolve();
      let chunk = await nextRows();
      let lookup = chunk ? lookUpSites(manager, listId, chunk) : undefined;
      while (chunk && lookup) {
        const lookups = await lookup;
        const next = await nextRows();
        lookup = next ? lookUpSites(manager, listId, next) : undefined;
        // Awaited in its turn; this only keeps a failure from being reported as unhandled meanwhile.
        lookup?.catch(() => undefined);
        const placed = placement.place(chunk, lookups);
        await writing;
        writing = persist(placed);
        writing.catch(() => undefined);
        chunk = next;
      }
      await writing;
      const staged = staging.summary;
      const { listedAgain } = placement;
      // A row found to list a site again is a duplicate; if it was listed for its warnings, that entry becomes one.
      const warningsReplaced = await this.batches.listRowsAgain(manager, batch.id, listedAgain);
      // The batch row is locked only now, so progress could be recorded meanwhile; a batch marked failed in the
      // meantime (an orphan sweep) keeps that outcome and nothing of this run lands.
      const still = await this.batches.statusOf(manager, batch.id, true);
      if (still !== 'processing') {
        throw new Error(`Import ${batch.id} was marked ${still ?? 'missing'} while it was applied`);
      }
      const changes: ImportChanges = {
        created: placement.created,
        updated: placement.updated,
        noLongerListed: [],
        possibleDuplicates: placement.possibleDuplicates,
      };
      const previous = await this.batches.previousCompleted(manager, listId, batch.createdAt);
      if (previous) {
        changes.noLongerListed = await noLongerListed(manager, listId, previous.id, batch.id);
      }
      await this.batches.complete(manager, batch.id, {
        read: staged.read,
        imported: placement.created,
        updated: staged.valid - placement.created - placement.unchanged - listedAgain.length,
        unchanged: placement.unchanged,
        // Duplicates and rows with warnings are counted on their own; all three kinds are in the error workbook.
        rejected: staged.rejectedCount - staged.duplicates - staged.withWarnings,
        duplicates: staged.duplicates + listedAgain.length,
        withWarnings: staged.withWarnings - warningsReplaced,
        changes,
        ruleSetHash: rules.hash,
      });
      // The sites this import created or changed are screened against the enforcement lists next.
      if (changes.created > 0 || changes.updated.length > 0) {
        await this.screening.start('import', { importBatchId: batch.id }, manager);
      }
      await recordTierSnapshot(manager);
      return staged;
    });
  }
}
