// The JSON the service answers, as the page reads it (see /api/docs). Where the server declares a shape in a
// plain module (views, domain results), it is imported type-only from there, so the page and the service cannot
// drift apart; `import type` is erased by the build, so no server code reaches the bundle. Shapes the server
// declares inside Nest services are restated here: type-checking those files would pull the whole back end
// (PDF rendering, queues, database) into the page's type-check. Keep them in step with the file named beside each.

import type { Principal, Role as ServerRole } from '../../../src/auth/roles.js';
import type {
  ImportBatchView,
  ImportPreviewView,
  ImportRejectedRowView,
  PreviewColumn as ServerPreviewColumn,
  SourceListsView,
  SourceListView,
} from '../../../src/imports/dto/import.views.js';
import type {
  MatchSiteView,
  PotentialMatchPage as ServerPotentialMatchPage,
  PotentialMatchView,
} from '../../../src/matches/dto/match.views.js';
import type { MatchDecisionInput } from '../../../src/matches/dto/decide-match.dto.js';
import type { MatchStatus as ServerMatchStatus } from '../../../src/matches/potential-match.entity.js';
import type { ActiveRuleSetView } from '../../../src/rules/dto/rule-set.views.js';
import type { ListKind as ServerListKind } from '../../../src/screening/domain/enforcement-lists.js';
import type { HitStatus as ServerHitStatus } from '../../../src/screening/domain/supplier-screening.js';
import type { DecideHitDto } from '../../../src/screening/dto/screening.dto.js';
import type { ListEditionView, ScreeningRunView } from '../../../src/screening/dto/screening.views.js';
import type { RiskTier as ServerRiskTier } from '../../../src/scoring/domain/assessment-result.js';
import type { Sector as ServerSector } from '../../../src/suppliers/domain/supplier-record.js';

export type {
  AssessmentResult,
  AssessmentUncertainty,
  ConfidenceLevel,
  Contribution,
  MissingDatum,
  OpenQuestion,
  RedFlag,
} from '../../../src/scoring/domain/assessment-result.js';
export type { SupplierRecord } from '../../../src/suppliers/domain/supplier-record.js';
export type {
  AssessmentCause,
  AssessmentHistoryEntry,
  FieldDisagreement,
  FieldProvenance,
  SiteListing,
  SourceListRef,
  SupplierDetail,
  SupplierPage,
  SupplierSummary,
  UploadRef,
} from '../../../src/suppliers/dto/supplier.views.js';
export type { MatchEvidence } from '../../../src/suppliers/supplier-listing.entity.js';
export type { ImportColumn, ImportStatus } from '../../../src/imports/import-batch.entity.js';
export type {
  RowOutcome,
  StoredRowError as RowError,
} from '../../../src/imports/import-rejected-row.entity.js';
export type { ActiveRuleSetView } from '../../../src/rules/dto/rule-set.views.js';
export type { Overview } from '../../../src/dashboard/dto/overview.views.js';
export type { DataGapQuestion, DataGaps } from '../../../src/dashboard/dto/data-gaps.views.js';
export type { SimulationResult } from '../../../src/assessments/dto/simulation.views.js';
export type { ReportView, VerifyResult } from '../../../src/reports/dto/report.views.js';
export type { ReportStatus } from '../../../src/reports/report.entity.js';
export type {
  ScreeningHitPage,
  ScreeningHitView as ScreeningHit,
  ScreeningSummary,
} from '../../../src/screening/dto/screening.views.js';
export type { ScreeningStatus } from '../../../src/suppliers/dto/supplier.views.js';
export type { ListEditionIssue } from '../../../src/screening/domain/list-edition-error.js';
export type { RuleSetIssue as RuleIssue } from '../../../src/rules/domain/rule-set-validation-error.js';
export type {
  Band,
  IndicatorDefinition,
  TierThresholds,
} from '../../../src/rules/domain/rule-set-definition.js';

/** Fails to compile unless A and B are the same union. */
type AssertSame<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;

// The page needs these lists at run time, so it keeps its own copy; the checks below stop them drifting.
export const RISK_TIERS = ['low', 'medium', 'high', 'critical'] as const;
export type RiskTier = ServerRiskTier;
export const tiersMatchServer: AssertSame<ServerRiskTier, (typeof RISK_TIERS)[number]> = true;

export const SECTORS = [
  'agriculture',
  'electronics',
  'garments',
  'mining',
  'fishing',
  'construction',
  'manufacturing',
  'services',
  'other',
] as const;
export type Sector = ServerSector;
export const sectorsMatchServer: AssertSame<ServerSector, (typeof SECTORS)[number]> = true;

export const ROLES = ['admin', 'compliance', 'procurement', 'auditor'] as const;
export type Role = ServerRole;
export const rolesMatchServer: AssertSame<ServerRole, (typeof ROLES)[number]> = true;

export const MATCH_STATUSES = ['pending', 'confirmed', 'rejected'] as const;
export type MatchStatus = ServerMatchStatus;
export const matchStatusesMatchServer: AssertSame<ServerMatchStatus, (typeof MATCH_STATUSES)[number]> = true;

export const HIT_STATUSES = ['open', 'confirmed', 'dismissed', 'withdrawn'] as const;
export type HitStatus = ServerHitStatus;
export const hitStatusesMatchServer: AssertSame<ServerHitStatus, (typeof HIT_STATUSES)[number]> = true;

export const LIST_KINDS = ['uflpa', 'cbp-wro'] as const;
export type ListKind = ServerListKind;
export const listKindsMatchServer: AssertSame<ServerListKind, (typeof LIST_KINDS)[number]> = true;

/** POST /screening/hits/:id/decision. */
export type HitDecision = DecideHitDto['decision'];

export const SUPPLIER_SORTS = ['priority', 'score', 'name', 'country', 'updated'] as const;
export type SupplierSort = (typeof SUPPLIER_SORTS)[number];
export type SortOrder = 'asc' | 'desc';

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown;
  correlationId?: string;
}

/** GET /auth/me (src/auth/auth.controller.ts). */
export interface Me {
  label: string;
  role: Role;
  via: Principal['via'];
}

export type ImportBatch = ImportBatchView;
export type RejectedRow = ImportRejectedRowView;
export type SourceList = SourceListView;
/** GET /imports/source-lists?proposeFor=<file name>. */
export type SourceLists = SourceListsView;

/** POST /imports?preview=true: how the file would be read; nothing is written. */
export type ImportPreview = ImportPreviewView;
export type PreviewColumn = ServerPreviewColumn;

/** GET /matches?status=...: possible duplicate sites, and POST /matches/:id/decision's answer. */
export type PotentialMatch = PotentialMatchView;
export type PotentialMatchPage = ServerPotentialMatchPage;
export type MatchSite = MatchSiteView;
export type MatchDecision = MatchDecisionInput;
export interface MatchDecisionResult {
  status: MatchStatus;
  siteId: string;
}

/** GET /imports/:id/errors (src/imports/imports.controller.ts): the first rejected rows, and how many in all. */
export interface RejectedRowsPage {
  total: number;
  items: RejectedRow[];
}

export type ListEdition = ListEditionView;
export type ScreeningRun = ScreeningRunView;

/** POST /screening/lists/:kind: the edition stored, whether it is now in force, and the screening it started. */
export interface ListEditionLoaded {
  edition: ListEditionView;
  inForce: boolean;
  run: ScreeningRunView | null;
}

export type TierCounts = Record<RiskTier, number>;

export type RuleSetView = ActiveRuleSetView;

export interface RuleFile {
  path: string;
  content: string;
}
