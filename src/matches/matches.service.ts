import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { assessmentWrite, insertAssessments } from '../assessments/assessment-writes.js';
import { CLOCK, type Clock, isoDate } from '../common/clock/clock.js';
import { NotFoundError } from '../common/errors/domain-error.js';
import { currentRequest } from '../common/http/request-context.js';
import { recordTierSnapshot } from '../dashboard/tier-snapshots.js';
import { inferredRegionValue } from '../imports/domain/region-inference.js';
import { RulesService } from '../rules/rules.service.js';
import { ScreeningService } from '../screening/screening.service.js';
import { mergedRecord, mergeSources, withInferredRegion } from '../suppliers/domain/field-sources.js';
import { tryLockSiteWrites } from '../suppliers/site-writes-lock.js';
import type { MatchDecisionInput } from './dto/decide-match.dto.js';
import type { PotentialMatchPage } from './dto/match.views.js';
import { MatchAlreadyDecidedError, SitesBusyError } from './matches.errors.js';
import { MatchesRepository } from './matches.repository.js';
import type { MatchStatus } from './potential-match.entity.js';

@Injectable()
export class MatchesService {
  private readonly logger = new Logger(MatchesService.name);

  constructor(
    private readonly matches: MatchesRepository,
    private readonly rules: RulesService,
    private readonly audit: AuditService,
    private readonly screening: ScreeningService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  list(status: MatchStatus): Promise<PotentialMatchPage> {
    return this.matches.page(status);
  }

  /**
   * An officer's answer to "is this new site the same as that one?". Same: the new site is merged into the stored
   * one with its listings, provenance and history, and the result is scored again. Different: both stay. Either
   * way the question is closed; the listing of each list's spelling makes the next upload match without asking.
   */
  async decide(id: string, decision: MatchDecisionInput): Promise<{ status: MatchStatus; siteId: string }> {
    const decidedBy = currentRequest()?.principal?.label ?? null;
    return this.matches.dataSource.transaction(async (manager) => {
      const match = await this.matches.lockMatch(manager, id);
      if (!match) {
        throw new NotFoundError('Possible duplicate', id);
      }
      if (match.status !== 'pending' || !match.siteId) {
        throw new MatchAlreadyDecidedError(match.status, match.decidedBy, match.decidedAt);
      }
      if (decision === 'different') {
        await this.matches.decide(manager, id, 'rejected', decidedBy);
        await this.audit.record(
          {
            action: 'match.rejected',
            targetType: 'supplier',
            targetId: match.siteId,
            summary: { match: id, site: match.siteName, candidate: match.candidateId },
          },
          manager,
        );
        return { status: 'rejected', siteId: match.siteId };
      }
      // A merge rewrites two sites; it does not wait behind an import writing suppliers, it asks to be tried again.
      if (!(await tryLockSiteWrites(manager))) {
        throw new SitesBusyError();
      }
      const sites = await this.matches.lockSites(manager, [match.siteId, match.candidateId]);
      const from = sites.get(match.siteId);
      const into = sites.get(match.candidateId);
      if (!from || !into) {
        throw new NotFoundError('Supplier', !from ? match.siteId : match.candidateId);
      }
      await this.matches.decide(manager, id, 'confirmed', decidedBy);
      const merged = mergeSources(into.sources, from.sources);
      const { sources, record } = withInferredRegion(merged, mergedRecord(merged), inferredRegionValue);
      // Enforcement-list hits and their decisions move with the merged-away site.
      const screening = await this.screening.moveOnMerge(manager, from.id, into.id);
      const rules = this.rules.active();
      const result = rules.score(record, isoDate(this.clock.now()), screening ?? undefined);
      const assessment = assessmentWrite(result, rules.compiled);
      await this.matches.mergeInto(manager, from.id, into.id);
      await this.matches.writeMerged(
        manager,
        into.id,
        record,
        sources,
        assessment,
        rules.priority(result, record.annualSpend, screening?.openHits),
      );
      await insertAssessments(manager, [{ supplierId: into.id, assessment }], 'merge', null);
      await recordTierSnapshot(manager);
      await this.audit.record(
        {
          action: 'match.confirmed',
          targetType: 'supplier',
          targetId: into.id,
          summary: { match: id, merged: from.name, mergedId: from.id, into: into.name },
        },
        manager,
      );
      this.logger.log({ message: 'Sites merged', match: id, into: into.id });
      return { status: 'confirmed', siteId: into.id };
    });
  }
}
