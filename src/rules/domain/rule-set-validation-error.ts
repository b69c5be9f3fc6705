export interface RuleSetIssue {
  /** Rule file, relative to the rules directory (e.g. "indicators/workforce.yaml"). */
  file: string;
  /** 1-based line in the file, when it can be pointed at. */
  line?: number;
  indicatorId?: string;
  /** Where in the indicator (or file) the problem is, e.g. "when.all[0].field" or "thresholds.high". */
  field?: string;
  message: string;
}

export type RuleSetErrorCode = 'RULESET_INVALID';

/** A rule set that cannot be used. Carries every problem found, not only the first. */
export class RuleSetValidationError extends Error {
  readonly code: RuleSetErrorCode = 'RULESET_INVALID';

  constructor(readonly issues: RuleSetIssue[]) {
    super(
      `The rule set is invalid (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n` +
        issues.map((issue) => `- ${formatIssue(issue)}`).join('\n'),
    );
    this.name = 'RuleSetValidationError';
  }
}

export function formatIssue(issue: RuleSetIssue): string {
  const where = [
    issue.line === undefined ? issue.file : `${issue.file}:${issue.line}`,
    issue.indicatorId && `indicator ${issue.indicatorId}`,
    issue.field && `field ${issue.field}`,
  ].filter(Boolean);
  return `${where.join(', ')}: ${issue.message}`;
}
