import type { AssessmentResult, ConfidenceLevel, RiskTier } from '../../scoring/domain/assessment-result.js';
import type { ScreenedListKind, ScreeningStatus } from '../../scoring/domain/screening-findings.js';
import type { PartyRole } from '../../screening/domain/name-matching.js';
import type { HitKind, HitStatus, HitStrength } from '../../screening/domain/supplier-screening.js';
import type { SupplierRecord } from '../../suppliers/domain/supplier-record.js';

// View models: everything a report prints, gathered by the service before rendering. Renderers do no look-ups,
// so the same data always gives the same PDF bytes.

/** How many suppliers the portfolio report's priority list prints. */
export const PRIORITY_LIST_LENGTH = 50;

export interface ReferenceEdition {
  /** Reference table name as the rule set declares it, e.g. "us_tip_tiers". */
  table: string;
  publisher: string;
  /** Edition as cited, e.g. "Trafficking in Persons Report 2024". */
  edition: string;
}

/** Lowest score of each tier; a score at or above `minScore` (and below the next tier's) gets that tier. */
export interface TierThreshold {
  tier: RiskTier;
  minScore: number;
}

export interface RuleSetInfo {
  name: string;
  version: string;
  /** Content hash of the rule set and its reference data (sha256, hex). */
  hash: string;
  thresholds: TierThreshold[];
  referenceEditions: ReferenceEdition[];
}

export interface ReportIdentity {
  reportId: string;
  /** ISO timestamp of generation; becomes the PDF CreationDate. */
  generatedAt: string;
  /** User name or e-mail of whoever requested the report. */
  generatedBy: string;
}

export interface AssessmentHistoryEntry {
  /** ISO date or timestamp. */
  assessedAt: string;
  score: number;
  tier: RiskTier;
  ruleSetHash: string;
  /** What made the assessment, in a few words: "upload of suppliers.xlsx", "re-score after rules changed" ... */
  cause?: string;
}

export interface SignOff {
  preparedBy?: string;
  reviewedBy?: string;
  /** ISO date of the review, when already signed. */
  reviewedAt?: string;
}

/** An enforcement-list edition as loaded, as a screening cites it. */
export interface ScreeningEdition {
  list: ScreenedListKind;
  /** YYYY-MM-DD. */
  asOf: string;
  /** Publisher and address, as whoever loaded the edition gave them. */
  source: string;
  /** How much of the published list the edition holds, in its own words; null when nobody stated it. */
  coverage: string | null;
  rowCount: number;
  /** Of the edition's file (hex). */
  sha256: string;
  /** The edition screenings run against now; false once a newer one is in force. */
  inForce: boolean;
}

/** One screening run as a report cites it. */
export interface ScreeningRunInfo {
  /** What started it: an import (its new and changed sites), a list edition loaded, a request, the service's start. */
  reason: 'import' | 'edition' | 'request' | 'start';
  status: 'running' | 'completed' | 'failed';
  /** ISO timestamps. */
  startedAt: string;
  finishedAt: string | null;
}

/** One hit of a supplier against a list entry, with its decision. */
export interface ReportScreeningHit {
  list: ScreenedListKind;
  kind: HitKind;
  strength: HitStrength;
  /** Name hits, 0..1; none for an order on an area. */
  score: number | null;
  /** The supplier's side: which of its names matched (no role: its place and products, for an area order). */
  party: { role: PartyRole | null; name: string };
  /** The list's side: the entry, and the listed name or alias that matched. */
  entryName: string;
  listedName: string;
  listedNameIsAlias?: boolean;
  /** UFLPA: the section(s) as listed; CBP: the order type. */
  section: string;
  effectiveDate: string;
  /** The edition that raised the hit. */
  editionAsOf: string;
  /** For a potential hit on an area order: what to ask the supplier. */
  question?: string;
  /** Why the matcher raised it. */
  reasons: string[];
  status: HitStatus;
  /** Raised by the latest screening (a confirmation: its entry is still on the list in force); false: history. */
  current: boolean;
  /** The compliance officer's reason, once decided. */
  reason: string | null;
  decidedBy: string | null;
  /** ISO timestamp. */
  decidedAt: string | null;
}

/** What the supplier report says of screening against the enforcement lists. */
export interface SupplierScreening {
  /** From the supplier's screening findings, as the supplier list shows it: what its tier and work-list place rest on. */
  status: ScreeningStatus;
  /** The latest run that screened the supplier; null when none has yet. */
  run: ScreeningRunInfo | null;
  /** The editions that run screened against. */
  editions: ScreeningEdition[];
  /** Every hit of the supplier, in force or kept as history. */
  hits: ReportScreeningHit[];
}

export interface SupplierReportData extends ReportIdentity {
  /** Vigil's own id of the supplier, when the service has one. */
  supplierId?: string;
  supplier: SupplierRecord;
  /** Values Vigil inferred because no list gave them: the region, with what it was read from. */
  inferred?: { region?: { value: string; from: string; matched: string } };
  /** The source lists that list the site: name, the list's reference, and the upload that last listed it. */
  listings?: {
    list: string;
    externalRef: string | null;
    fileName: string | null;
    uploadedAt: string | null;
    current: boolean;
  }[];
  assessment: AssessmentResult;
  screening: SupplierScreening;
  /** Earlier assessments, any order; the report sorts them by date. */
  history: AssessmentHistoryEntry[];
  ruleSet: RuleSetInfo;
  /** Paragraphs explaining how the score is built, printed in the methodology appendix. */
  methodology: string[];
  signOff?: SignOff;
}

export interface ReportFilter {
  label: string;
  value: string;
}

export type TierCounts = Record<RiskTier, number>;

export interface CountByTier {
  /** Sector name or ISO alpha-2 country code. */
  key: string;
  /** Assessed suppliers. */
  count: number;
  tierCounts: TierCounts;
  /** Mean and highest score of those suppliers. */
  averageScore: number;
  maxScore: number;
}

export interface HeatCell {
  country: string;
  sector: string;
  count: number;
  averageScore: number;
  /** Suppliers in the cell rated high or critical. */
  highOrCritical: number;
}

export interface HeatTable {
  /** Row order (ISO alpha-2), usually by supplier count. */
  countries: string[];
  /** Column order. */
  sectors: string[];
  cells: HeatCell[];
}

export interface Driver {
  title: string;
  points: number;
}

export interface PrioritySupplier {
  rank: number;
  supplierId?: string;
  externalRef?: string;
  name: string;
  country: string;
  sector?: string;
  score: number;
  tier: RiskTier;
  annualSpend?: number;
  currency?: string;
  redFlagCount: number;
  mainDrivers: Driver[];
  /** The work-list priority the supplier list sorts by (scoring/domain/priority.ts): higher = act first. */
  priority: number;
  /** Why the supplier is where it is in the list, as the supplier list says it. */
  reason: string;
}

export interface RedFlaggedSupplier {
  supplierId?: string;
  externalRef?: string;
  name: string;
  country: string;
  sector?: string;
  score: number;
  tier: RiskTier;
  redFlags: Array<{ title: string; evidence: string; minimumTier: RiskTier }>;
}

/** A completed upload; its rows add up: read = imported + duplicate + rejected + blank. */
export interface ImportProvenance {
  fileName: string;
  sha256: string;
  uploadedBy: string;
  /** ISO timestamp. */
  uploadedAt: string;
  rowsRead: number;
  /** New, updated and unchanged sites. */
  rowsImported: number;
  /** Rows listing a site another row of the same file, or of the list, already placed. */
  rowsDuplicate: number;
  rowsRejected: number;
  /** Rows with nothing in them: read, then skipped. */
  rowsBlank: number;
}

export interface MissingFieldCount {
  field: string;
  /** Suppliers for which the field is unknown. */
  missing: number;
}

export interface DataQuality {
  /** Mean data completeness, 0-1. */
  averageCompleteness: number;
  /** Suppliers per completeness band, e.g. "below 50 %". */
  completenessBands: Array<{ label: string; count: number }>;
  /** The fields missing for the most suppliers, most first (at most 10). */
  mostMissingFields: MissingFieldCount[];
  /** Distinct fields missing for at least one supplier. */
  missingFieldCount: number;
  imports: ImportProvenance[];
}

export interface OpenQuestionCount {
  indicatorId: string;
  title: string;
  /** Suppliers for which the question is open. */
  suppliers: number;
  /** Of those, the suppliers for which an answer could raise a red flag. */
  couldRaiseRedFlag: number;
}

/** What the unknowns leave open across the portfolio; counts only assessments that have a range. */
export interface DataConfidence {
  /** Assessed suppliers whose assessment has a range (made since ranges exist). */
  withRange: number;
  /** Assessed suppliers whose assessment predates ranges: none of the figures below counts them. */
  withoutRange: number;
  byLevel: Record<ConfidenceLevel, number>;
  /** Suppliers whose range reaches a tier above the assessed one, by the highest tier it reaches. */
  couldReach: TierCounts;
  /** Distinct questions open for at least one supplier. */
  distinctQuestions: number;
  /** The questions open for the most suppliers, most first. */
  mostOpenQuestions: OpenQuestionCount[];
}

export interface PortfolioTotals {
  suppliers: number;
  assessed: number;
  redFlagged: number;
  averageScore: number;
}

/** A supplier's hits in force: open ones by strength, confirmed and dismissed ones. */
export interface SupplierHitCounts {
  hits: number;
  potential: number;
  confirmed: number;
  dismissed: number;
}

/** Screening of the suppliers in scope against the enforcement lists. */
export interface PortfolioScreening {
  /** The editions in force: what every screening runs against. */
  editions: ScreeningEdition[];
  /** The latest screening run, of the portfolio or of an import. */
  lastRun: ScreeningRunInfo | null;
  /** Hits in force awaiting a decision: hits and potential hits. */
  open: { hits: number; potential: number; suppliers: number };
  confirmed: { hits: number; suppliers: number };
  /** Dismissals in force. */
  dismissed: number;
}

export interface PortfolioReportData extends ReportIdentity {
  /** Filters as on the supplier list, in words; empty means the whole portfolio. */
  filters: ReportFilter[];
  ruleSet: RuleSetInfo;
  totals: PortfolioTotals;
  tierCounts: TierCounts;
  bySector: CountByTier[];
  /** Every country of the suppliers assessed, most suppliers first. */
  byCountry: CountByTier[];
  /** The same countries, the riskiest first (portfolio-aggregator.ts countriesByRisk). */
  countriesByRisk: CountByTier[];
  heatTable: HeatTable;
  /** Top suppliers to act on first (at most 50 are printed). */
  priorityList: PrioritySupplier[];
  /** Every supplier with at least one red flag. */
  redFlagged: RedFlaggedSupplier[];
  screening: PortfolioScreening;
  dataQuality: DataQuality;
  dataConfidence: DataConfidence;
  methodology: string[];
}

/** Progress of a long portfolio rendering, for background jobs. */
export interface RenderProgress {
  phase: string;
  completed: number;
  total: number;
}
