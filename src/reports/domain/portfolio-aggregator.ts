import {
  RISK_TIERS,
  type AssessmentResult,
  type AssessmentUncertainty,
  type ConfidenceLevel,
  type RiskTier,
} from '../../scoring/domain/assessment-result.js';
import { priorityReason, priorityScore } from '../../scoring/domain/priority.js';
import type { ScreeningFindings } from '../../scoring/domain/screening-findings.js';
import type { SupplierRecord } from '../../suppliers/domain/supplier-record.js';
import {
  PRIORITY_LIST_LENGTH,
  type CountByTier,
  type DataConfidence,
  type Driver,
  type HeatCell,
  type ImportProvenance,
  type OpenQuestionCount,
  type PortfolioReportData,
  type PortfolioScreening,
  type PrioritySupplier,
  type RedFlaggedSupplier,
  type ReportFilter,
  type ReportIdentity,
  type RuleSetInfo,
  type SupplierHitCounts,
  type TierCounts,
} from './report-models.js';

// Builds the portfolio report's view model in one pass over the suppliers, in bounded memory apart from the
// red-flagged list (which the report prints in full): the priority list keeps only its top entries.

export interface PortfolioItem {
  supplierId?: string;
  supplier: SupplierRecord;
  /** Latest assessment; absent when the supplier is in scope but not scored yet. */
  assessment?: AssessmentResult;
  /** What screening found of it, as the supplier list ranks it: open hits move it up the work list. */
  screening?: ScreeningFindings | null;
  /** Its hits in force, counted in the report's screening section; absent: none. */
  screeningHits?: SupplierHitCounts;
}

export interface PortfolioContext extends ReportIdentity {
  filters: ReportFilter[];
  ruleSet: RuleSetInfo;
  /** The editions in force and the latest screening run. */
  screening: Pick<PortfolioScreening, 'editions' | 'lastRun'>;
  imports: ImportProvenance[];
  methodology: string[];
}

export const NO_SECTOR = 'not provided';
const MAIN_DRIVERS = 3;
const MOST_MISSING_FIELDS = 10;
/** How many of the questions open for the most suppliers the report lists. */
export const MOST_OPEN_QUESTIONS = 10;

const TIER_RANK: Record<RiskTier, number> = { low: 0, medium: 1, high: 2, critical: 3 };

/** The order of the priority list in words, printed above it; kept beside the comparator that makes it true. */
export const PRIORITY_ORDER =
  'Ordered as the work list (the supplier list sorted by priority): assessed tier, then red flags, then the top ' +
  'of the scale for suppliers with an enforcement-list hit awaiting review, the top of the range for suppliers ' +
  'little is known about (low data confidence) and the score for the others, then score and annual spend.';

/**
 * The supplier list's `sort=priority`: the priority score it stores (scoring/domain/priority.ts), highest first,
 * then the supplier id as the list breaks ties. The stored score, not compareByPriority, so that scores within
 * 0.1 and spends within one log step tie here as they do there.
 */
export function comparePriority(a: PrioritySupplier, b: PrioritySupplier): number {
  return (
    b.priority - a.priority ||
    compareIds(a.supplierId, b.supplierId) ||
    a.name.localeCompare(b.name) ||
    (a.externalRef ?? '').localeCompare(b.externalRef ?? '')
  );
}

// PostgreSQL orders uuids byte by byte: the order of their lower-case hex text, not a locale's.
function compareIds(a: string | undefined, b: string | undefined): number {
  const left = a?.toLowerCase() ?? '';
  const right = b?.toLowerCase() ?? '';
  return left < right ? -1 : left > right ? 1 : 0;
}

function emptyTierCounts(): TierCounts {
  return { low: 0, medium: 0, high: 0, critical: 0 };
}

/** The contributions with the most points, most first (ties in the assessment's order). */
export function mainDrivers(assessment: AssessmentResult): Driver[] {
  return assessment.contributions
    .filter((contribution) => contribution.points > 0)
    .map((contribution, index) => ({ contribution, index }))
    .sort((a, b) => b.contribution.points - a.contribution.points || a.index - b.index)
    .slice(0, MAIN_DRIVERS)
    .map(({ contribution }) => ({ title: contribution.title, points: contribution.points }));
}

/** Suppliers of one sector or country: per tier, and the sum and top of their scores. */
interface GroupCounts {
  tierCounts: TierCounts;
  scoreTotal: number;
  maxScore: number;
}

function sortedCounts(map: Map<string, GroupCounts>): CountByTier[] {
  return [...map.entries()]
    .map(([key, group]) => {
      const count = RISK_TIERS.reduce((sum, tier) => sum + group.tierCounts[tier], 0);
      return {
        key,
        tierCounts: group.tierCounts,
        count,
        averageScore: count > 0 ? group.scoreTotal / count : 0,
        maxScore: group.maxScore,
      };
    })
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

/** The order of the countries-by-risk table in words, printed above it; kept beside the comparator that makes it true. */
export const COUNTRY_RISK_ORDER = 'highest score first, then average score, then number of suppliers';

/** Every country, the riskiest first: a country of one supplier scoring 90 comes before one of 500 scoring 60. */
export function countriesByRisk(byCountry: readonly CountByTier[]): CountByTier[] {
  return [...byCountry].sort(
    (a, b) =>
      b.maxScore - a.maxScore ||
      b.averageScore - a.averageScore ||
      b.count - a.count ||
      a.key.localeCompare(b.key),
  );
}

export class PortfolioAggregator {
  private suppliers = 0;
  private assessed = 0;
  private scoreTotal = 0;
  private completenessTotal = 0;
  private readonly tierCounts = emptyTierCounts();
  private readonly bySector = new Map<string, GroupCounts>();
  private readonly byCountry = new Map<string, GroupCounts>();
  private readonly heat = new Map<string, HeatCell>();
  private readonly missingFields = new Map<string, number>();
  private readonly completenessBands = [0, 0, 0];
  private priority: PrioritySupplier[] = [];
  private readonly redFlagged: RedFlaggedSupplier[] = [];
  private withRange = 0;
  private readonly confidenceLevels: Record<ConfidenceLevel, number> = { low: 0, medium: 0, high: 0 };
  private readonly couldReach = emptyTierCounts();
  // One entry per indicator of the rule set(s) in use, so bounded whatever the portfolio size.
  private readonly openQuestions = new Map<string, OpenQuestionCount>();
  private readonly screened = {
    hits: 0,
    potential: 0,
    openSuppliers: 0,
    confirmed: 0,
    confirmedSuppliers: 0,
    dismissed: 0,
  };

  add(item: PortfolioItem): void {
    this.suppliers++;
    const { supplier, assessment } = item;
    // Screening covers every supplier, assessed or not.
    if (item.screeningHits) {
      this.addScreeningHits(item.screeningHits);
    }
    if (!assessment) {
      return;
    }
    this.assessed++;
    this.scoreTotal += assessment.score;
    this.completenessTotal += assessment.dataCompleteness;
    this.tierCounts[assessment.tier]++;
    const sector = supplier.sector ?? NO_SECTOR;
    this.countGroup(this.bySector, sector, assessment);
    this.countGroup(this.byCountry, supplier.country, assessment);
    this.addHeat(supplier.country, sector, assessment);
    for (const field of new Set(assessment.missingData.map((missing) => missing.field))) {
      this.missingFields.set(field, (this.missingFields.get(field) ?? 0) + 1);
    }
    if (assessment.uncertainty) {
      this.addUncertainty(assessment.uncertainty);
    }
    const completeness = assessment.dataCompleteness;
    this.completenessBands[completeness < 0.5 ? 0 : completeness < 0.8 ? 1 : 2]++;
    const ranked = { ...assessment, openScreeningHits: item.screening?.openHits ?? 0 };
    this.addPriority({
      rank: 0,
      supplierId: item.supplierId,
      externalRef: supplier.externalRef,
      name: supplier.name,
      country: supplier.country,
      sector: supplier.sector,
      score: assessment.score,
      tier: assessment.tier,
      annualSpend: supplier.annualSpend,
      currency: supplier.currency,
      redFlagCount: assessment.redFlags.length,
      mainDrivers: mainDrivers(assessment),
      priority: priorityScore(ranked, supplier.annualSpend),
      reason: priorityReason(ranked),
    });
    if (assessment.redFlags.length > 0) {
      this.redFlagged.push({
        supplierId: item.supplierId,
        externalRef: supplier.externalRef,
        name: supplier.name,
        country: supplier.country,
        sector: supplier.sector,
        score: assessment.score,
        tier: assessment.tier,
        redFlags: assessment.redFlags.map((flag) => ({
          title: flag.title,
          evidence: flag.evidence,
          minimumTier: flag.minimumTier,
        })),
      });
    }
  }

  async addAll(items: AsyncIterable<PortfolioItem> | Iterable<PortfolioItem>): Promise<this> {
    for await (const item of items) {
      this.add(item);
    }
    return this;
  }

  build(context: PortfolioContext): PortfolioReportData {
    const byCountry = sortedCounts(this.byCountry);
    const bySector = sortedCounts(this.bySector);
    const redFlagged = [...this.redFlagged].sort(
      (a, b) => TIER_RANK[b.tier] - TIER_RANK[a.tier] || b.score - a.score || a.name.localeCompare(b.name),
    );
    return {
      reportId: context.reportId,
      generatedAt: context.generatedAt,
      generatedBy: context.generatedBy,
      filters: context.filters,
      ruleSet: context.ruleSet,
      totals: {
        suppliers: this.suppliers,
        assessed: this.assessed,
        redFlagged: redFlagged.length,
        averageScore: this.assessed > 0 ? this.scoreTotal / this.assessed : 0,
      },
      tierCounts: { ...this.tierCounts },
      bySector,
      byCountry,
      countriesByRisk: countriesByRisk(byCountry),
      heatTable: {
        countries: byCountry.map((entry) => entry.key),
        sectors: bySector.map((entry) => entry.key),
        cells: [...this.heat.values()].map((cell) => ({
          ...cell,
          averageScore: cell.count > 0 ? cell.averageScore / cell.count : 0,
        })),
      },
      priorityList: this.priority.map((entry, index) => ({ ...entry, rank: index + 1 })),
      redFlagged,
      screening: {
        ...context.screening,
        open: {
          hits: this.screened.hits,
          potential: this.screened.potential,
          suppliers: this.screened.openSuppliers,
        },
        confirmed: { hits: this.screened.confirmed, suppliers: this.screened.confirmedSuppliers },
        dismissed: this.screened.dismissed,
      },
      dataQuality: {
        averageCompleteness: this.assessed > 0 ? this.completenessTotal / this.assessed : 0,
        completenessBands: [
          { label: 'below 50%', count: this.completenessBands[0] },
          { label: '50% to 79%', count: this.completenessBands[1] },
          { label: '80% or more', count: this.completenessBands[2] },
        ],
        mostMissingFields: [...this.missingFields.entries()]
          .map(([field, missing]) => ({ field, missing }))
          .sort((a, b) => b.missing - a.missing || a.field.localeCompare(b.field))
          .slice(0, MOST_MISSING_FIELDS),
        missingFieldCount: this.missingFields.size,
        imports: context.imports,
      },
      dataConfidence: this.dataConfidence(),
      methodology: context.methodology,
    };
  }

  private addScreeningHits(counts: SupplierHitCounts): void {
    const screened = this.screened;
    screened.hits += counts.hits;
    screened.potential += counts.potential;
    screened.openSuppliers += counts.hits + counts.potential > 0 ? 1 : 0;
    screened.confirmed += counts.confirmed;
    screened.confirmedSuppliers += counts.confirmed > 0 ? 1 : 0;
    screened.dismissed += counts.dismissed;
  }

  private addUncertainty(uncertainty: AssessmentUncertainty): void {
    this.withRange++;
    this.confidenceLevels[uncertainty.confidenceLevel]++;
    if (uncertainty.couldReach) {
      this.couldReach[uncertainty.couldReach]++;
    }
    // A supplier counts once per question, and for a red flag when any of its entries could raise one.
    const questions = new Map<string, { title: string; flag: boolean }>();
    for (const question of uncertainty.openQuestions) {
      const seen = questions.get(question.indicatorId);
      questions.set(question.indicatorId, {
        title: seen?.title ?? question.title,
        flag: (seen?.flag ?? false) || question.couldRaiseRedFlag,
      });
    }
    for (const [indicatorId, question] of questions) {
      const count = this.openQuestions.get(indicatorId) ?? {
        indicatorId,
        title: question.title,
        suppliers: 0,
        couldRaiseRedFlag: 0,
      };
      count.suppliers++;
      count.couldRaiseRedFlag += question.flag ? 1 : 0;
      this.openQuestions.set(indicatorId, count);
    }
  }

  private dataConfidence(): DataConfidence {
    return {
      withRange: this.withRange,
      withoutRange: this.assessed - this.withRange,
      byLevel: { ...this.confidenceLevels },
      couldReach: { ...this.couldReach },
      distinctQuestions: this.openQuestions.size,
      mostOpenQuestions: [...this.openQuestions.values()]
        .sort(
          (a, b) =>
            b.suppliers - a.suppliers ||
            b.couldRaiseRedFlag - a.couldRaiseRedFlag ||
            a.title.localeCompare(b.title) ||
            a.indicatorId.localeCompare(b.indicatorId),
        )
        .slice(0, MOST_OPEN_QUESTIONS)
        .map((count) => ({ ...count })),
    };
  }

  private countGroup(map: Map<string, GroupCounts>, key: string, assessment: AssessmentResult): void {
    const group = map.get(key) ?? { tierCounts: emptyTierCounts(), scoreTotal: 0, maxScore: 0 };
    group.tierCounts[assessment.tier]++;
    group.scoreTotal += assessment.score;
    group.maxScore = Math.max(group.maxScore, assessment.score);
    map.set(key, group);
  }

  private addHeat(country: string, sector: string, assessment: AssessmentResult): void {
    const key = `${country}|${sector}`;
    // averageScore holds the running total until build() divides it.
    const cell = this.heat.get(key) ?? { country, sector, count: 0, averageScore: 0, highOrCritical: 0 };
    cell.count++;
    cell.averageScore += assessment.score;
    cell.highOrCritical += TIER_RANK[assessment.tier] >= TIER_RANK.high ? 1 : 0;
    this.heat.set(key, cell);
  }

  private addPriority(entry: PrioritySupplier): void {
    const list = this.priority;
    if (list.length === PRIORITY_LIST_LENGTH && comparePriority(entry, list[list.length - 1]) >= 0) {
      return;
    }
    let index = list.findIndex((existing) => comparePriority(entry, existing) < 0);
    if (index < 0) {
      index = list.length;
    }
    list.splice(index, 0, entry);
    if (list.length > PRIORITY_LIST_LENGTH) {
      list.pop();
    }
  }
}
