import { RISK_TIERS } from '../../scoring/domain/assessment-result.js';
import { ReportError } from './report-error.js';
import type { PortfolioReportData, ReportIdentity, SupplierReportData } from './report-models.js';

// A report is evidence: refuse to print one whose identity or result is incomplete rather than print a blank.

function requireText(value: string | undefined, field: string): void {
  if (value === undefined || value.trim().length === 0) {
    throw new ReportError('REPORT_DATA_INVALID', `The report cannot be generated: "${field}" is empty.`, {
      field,
    });
  }
}

function requireIdentity(data: ReportIdentity): void {
  requireText(data.reportId, 'reportId');
  requireText(data.generatedBy, 'generatedBy');
  if (Number.isNaN(new Date(data.generatedAt).getTime())) {
    throw new ReportError(
      'REPORT_DATA_INVALID',
      `The report cannot be generated: "generatedAt" is "${data.generatedAt}", expected an ISO date and time.`,
      { field: 'generatedAt' },
    );
  }
}

export function validateSupplierReportData(data: SupplierReportData): void {
  requireIdentity(data);
  requireText(data.supplier.name, 'supplier.name');
  requireText(data.supplier.country, 'supplier.country');
  requireText(data.ruleSet.hash, 'ruleSet.hash');
  const { score, tier } = data.assessment;
  if (!Number.isFinite(score) || score < 0 || score > 100) {
    throw new ReportError(
      'REPORT_DATA_INVALID',
      `The report cannot be generated: the assessment score is ${score}, expected a number from 0 to 100.`,
      { field: 'assessment.score' },
    );
  }
  if (!RISK_TIERS.includes(tier)) {
    throw new ReportError(
      'REPORT_DATA_INVALID',
      `The report cannot be generated: the assessment tier is "${String(tier)}", expected one of ${RISK_TIERS.join(', ')}.`,
      { field: 'assessment.tier' },
    );
  }
}

export function validatePortfolioReportData(data: PortfolioReportData): void {
  requireIdentity(data);
  requireText(data.ruleSet.hash, 'ruleSet.hash');
}
