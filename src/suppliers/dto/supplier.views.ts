import type { AssessmentResult, ConfidenceLevel, RiskTier } from '../../scoring/domain/assessment-result.js';
import { priorityReason } from '../../scoring/domain/priority.js';
import { confidenceLevel } from '../../scoring/domain/scoring-engine.js';
import { screeningStatus, type ScreeningStatus } from '../../scoring/domain/screening-findings.js';
import type { InferredValue } from '../domain/field-sources.js';
import type { SupplierRecord } from '../domain/supplier-record.js';
import type { SupplierEntity } from '../supplier.entity.js';

export interface SupplierSummary {
  id: string;
  externalRef: string | null;
  name: string;
  /** Where the site is (from its profile; null when no list gave it): sites of one group share a name. */
  address: string | null;
  city: string | null;
  country: string;
  sector: string | null;
  score: number | null;
  tier: RiskTier | null;
  redFlagCount: number;
  priority: number | null;
  dataCompleteness: number | null;
  /** The current assessment's range and data confidence (null when it was made before ranges existed). */
  range: { low: number; high: number } | null;
  confidence: number | null;
  confidenceLevel: ConfidenceLevel | null;
  /** Why the supplier is where it is in the work list, in one sentence (null before it is assessed). */
  priorityReason: string | null;
  /** Screening against the enforcement lists: what every role may see (the hits themselves are in /screening). */
  screening: ScreeningStatus;
  assessedAt: string | null;
  updatedAt: string;
}

// The web client reads the type from here.
export type { ScreeningStatus };

export interface SupplierPage {
  items: SupplierSummary[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * What made an assessment: an upload of a source list, a re-score after the rule set was reloaded, or an officer
 * confirming that two sites are one (GET /matches).
 */
export type AssessmentCause =
  | { kind: 'import'; upload: { id: string; fileName: string } | null; list: SourceListRef | null }
  | { kind: 'rescore'; ruleSetHash: string }
  | { kind: 'merge' }
  | { kind: 'screening' };

export interface AssessmentHistoryEntry {
  id: string;
  assessedAt: string;
  assessmentDate: string;
  score: number;
  tier: RiskTier;
  ruleSetHash: string;
  trigger: string;
  cause: AssessmentCause;
}

export interface SourceListRef {
  id: string;
  name: string;
  /** The list the data from before source lists was put in. */
  legacy: boolean;
}

export interface UploadRef {
  id: string;
  fileName: string;
  uploadedAt: string;
}

/** One source list that lists the site. */
export interface SiteListing {
  list: SourceListRef;
  /** The list's own reference for the site. */
  externalRef: string | null;
  /** The name as the list writes it. */
  name: string;
  /** How the list's row was tied to the site: new, reference, site-key, name-city, name-country, fuzzy or confirmed. */
  matchEvidence: string;
  /** The upload that last listed the site, and its row. */
  upload: UploadRef | null;
  rowNumber: number | null;
  /** Listed in the list's latest upload; false once the list no longer has it. */
  current: boolean;
}

/** Where a field's value came from. */
export interface FieldProvenance {
  list: SourceListRef;
  upload: UploadRef | null;
  rowNumber: number | null;
  /** When the list last changed the value. */
  since: string;
}

export interface FieldDisagreement {
  field: string;
  /** Each list's value, the one in use first. */
  values: (FieldProvenance & { value: unknown })[];
}

export interface SupplierDetail extends SupplierSummary {
  profile: SupplierRecord;
  /** The current assessment with its breakdown; null before the supplier was ever scored. */
  assessment: AssessmentResult | null;
  /** Why the supplier is where it is in the work list (tier, red flags, what is known). */
  priorityReason: string | null;
  /** Newest first. */
  history: AssessmentHistoryEntry[];
  /** The source lists that list this site. */
  listings: SiteListing[];
  /** Per field (extra attributes as `extra:<header>`): the list, upload and row its value came from. */
  provenance: Record<string, FieldProvenance>;
  /** Fields on which the lists disagree, with what each said. */
  disagreements: FieldDisagreement[];
  /** Other lists' spellings of the name. */
  aliases: string[];
  /** Values no list gave that Vigil inferred (the region from the address), with what they were read from. */
  inferred: { region?: InferredValue };
}

/** The supplier columns a summary reads (the list selects only these, and of the profile only the site's place). */
export type SupplierSummarySource = Pick<
  SupplierEntity,
  | 'id'
  | 'externalRef'
  | 'name'
  | 'country'
  | 'sector'
  | 'currentScore'
  | 'currentTier'
  | 'redFlagCount'
  | 'priority'
  | 'dataCompleteness'
  | 'rangeLow'
  | 'rangeHigh'
  | 'confidence'
  | 'assessedAt'
  | 'updatedAt'
  | 'screening'
> & { profile: Pick<SupplierRecord, 'address' | 'city'> };

export function toSupplierSummary(supplier: SupplierSummarySource): SupplierSummary {
  const range =
    supplier.rangeLow !== null && supplier.rangeHigh !== null
      ? { low: supplier.rangeLow, high: supplier.rangeHigh }
      : null;
  const confidence = supplier.confidence;
  const level = confidence === null ? null : confidenceLevel(confidence);
  return {
    id: supplier.id,
    externalRef: supplier.externalRef,
    name: supplier.name,
    address: supplier.profile.address ?? null,
    city: supplier.profile.city ?? null,
    country: supplier.country,
    sector: supplier.sector,
    score: supplier.currentScore,
    tier: supplier.currentTier,
    redFlagCount: supplier.redFlagCount,
    priority: supplier.priority,
    dataCompleteness: supplier.dataCompleteness,
    range,
    confidence,
    confidenceLevel: level,
    priorityReason:
      supplier.currentTier === null || supplier.currentScore === null
        ? null
        : priorityReason({
            tier: supplier.currentTier,
            score: supplier.currentScore,
            redFlags: { length: supplier.redFlagCount },
            ...(range && level ? { uncertainty: { range, confidenceLevel: level } } : {}),
            openScreeningHits: supplier.screening?.openHits ?? 0,
          }),
    screening: screeningStatus(supplier.screening),
    assessedAt: supplier.assessedAt?.toISOString() ?? null,
    updatedAt: supplier.updatedAt.toISOString(),
  };
}
