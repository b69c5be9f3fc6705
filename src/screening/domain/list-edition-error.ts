import { DomainError } from '../../common/errors/domain-error.js';

// A list edition is used whole or not at all: every problem found is reported, with the file and the line, in
// words a compliance officer can act on, and the edition in use stays in place.

export interface ListEditionIssue {
  /** The file as the officer named it (e.g. "uflpa_entity_list.csv"). */
  file: string;
  /** 1-based line of the file; line 1 is the header. Absent for a problem with the file as a whole. */
  line?: number;
  /** The column concerned, by its header name. */
  column?: string;
  message: string;
}

export type ListEditionErrorCode = 'LIST_EDITION_INVALID';

export class ListEditionError extends DomainError {
  readonly kind = 'invalid-input';
  declare readonly code: ListEditionErrorCode;
  declare readonly details: { issues: ListEditionIssue[] };

  constructor(readonly issues: ListEditionIssue[]) {
    super(
      'LIST_EDITION_INVALID',
      `The list was refused (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n` +
        issues.map((issue) => `- ${formatListIssue(issue)}`).join('\n'),
      { issues },
    );
  }
}

export function formatListIssue(issue: ListEditionIssue): string {
  const where = issue.line === undefined ? issue.file : `${issue.file}, line ${issue.line}`;
  return `${where}${issue.column ? `, column "${issue.column}"` : ''}: ${issue.message}`;
}
