import type { ReportEntity, ReportKind, ReportStatus } from '../report.entity.js';

export interface ReportView {
  id: string;
  kind: ReportKind;
  title: string;
  status: ReportStatus;
  supplierId: string | null;
  filters: Record<string, unknown>;
  progress: ReportEntity['progress'];
  sha256: string | null;
  ruleSetHash: string;
  generatedBy: string;
  generatedAt: string;
  sizeBytes: number | null;
  failure: string | null;
  links: { download: string; status: string };
}

export interface VerifyResult {
  match: boolean;
  sha256: string;
  report: ReportView | null;
  message: string;
}

export function toReportView(report: ReportEntity): ReportView {
  return {
    id: report.id,
    kind: report.kind,
    title: report.title,
    status: report.status,
    supplierId: report.supplierId,
    filters: report.filters,
    progress: report.progress,
    sha256: report.sha256,
    ruleSetHash: report.ruleSetHash,
    generatedBy: report.generatedBy,
    generatedAt: report.generatedAt.toISOString(),
    sizeBytes: report.sizeBytes,
    failure: report.failure,
    links: { download: `/reports/${report.id}`, status: `/reports/${report.id}/status` },
  };
}
