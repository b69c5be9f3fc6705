import type { RiskTier } from '../../scoring/domain/assessment-result.js';
import type { ListKind } from '../domain/enforcement-lists.js';
import type { PartyRole } from '../domain/name-matching.js';
import type { HitDetails, HitKind, HitStatus, HitStrength } from '../domain/supplier-screening.js';
import type { ScreeningRunReason, ScreeningRunStatus } from '../screening-run.entity.js';

export interface ListEditionView {
  id: string;
  kind: ListKind;
  file: string;
  asOf: string;
  source: string;
  coverage: string | null;
  rowCount: number;
  sha256: string;
  shipped: boolean;
  loadedBy: string | null;
  loadedAt: string;
  /** The edition screenings run against now. */
  inForce: boolean;
}

export interface ScreeningHitView {
  id: string;
  supplier: { id: string; name: string; country: string; tier: RiskTier | null };
  list: ListKind;
  listTitle: string;
  entryId: string;
  kind: HitKind;
  strength: HitStrength;
  score: number | null;
  /** The supplier's side: which of its names (or its place and products) matched. */
  party: { role: PartyRole | null; name: string };
  /** The list's side: the entry and the listed name or alias that matched. */
  entryName: string;
  listedName: string;
  details: HitDetails;
  /** The edition that raised the hit: its as-of date and where it comes from. */
  edition: { id: string; asOf: string; source: string };
  status: HitStatus;
  /** Raised by the latest screening (a confirmation: its entry is still on the list in force). */
  current: boolean;
  reason: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  raisedAt: string;
  screenedAt: string;
}

export interface ScreeningHitPage {
  items: ScreeningHitView[];
  total: number;
  limit: number;
  offset: number;
}

export interface ScreeningRunView {
  id: string;
  status: ScreeningRunStatus;
  reason: ScreeningRunReason;
  importBatchId: string | null;
  editionIds: string[];
  total: number;
  done: number;
  raised: number;
  requestedBy: string | null;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
}

/** What the overview, the reports and procurement read: counts, editions and the latest run. */
export interface ScreeningSummary {
  /** Current hits awaiting a decision: hits and potential hits. */
  open: { hits: number; potential: number; suppliers: number };
  confirmed: { hits: number; suppliers: number };
  dismissed: number;
  editions: ListEditionView[];
  lastRun: ScreeningRunView | null;
}
