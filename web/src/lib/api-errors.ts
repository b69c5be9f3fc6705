import type { ListEditionIssue, RuleIssue } from '../api/types.js';

// Turning an error answer into the sentence a reader sees. The service words its own messages for people (which
// file, row, column, what was expected), so the page shows them as they are.

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const STATUS_MESSAGES: Record<number, string> = {
  0: 'The service does not answer. Check your connection, or whether Vigil is running, and try again.',
  401: 'Sign in to continue.',
  403: 'Your role may not do this. Ask an administrator if you need it.',
  404: 'This does not exist (any more).',
  413: 'The file is too large for this service.',
  429: 'Too many requests: wait a minute and try again.',
  502: 'The service is restarting or unreachable. Try again in a minute.',
  503: 'The service is not ready. Try again in a minute.',
};

/** The message to show for an error answer: the API's own `message` when there is one. */
export function errorMessage(status: number, body: unknown): string {
  if (isRecord(body) && typeof body.message === 'string' && body.message.trim()) {
    return body.message;
  }
  return STATUS_MESSAGES[status] ?? `The service answered with an error (HTTP ${status}).`;
}

export function errorCode(body: unknown): string | undefined {
  return isRecord(body) && typeof body.code === 'string' ? body.code : undefined;
}

/** The entries of `details.issues` that carry a message; anything else is skipped. */
function issueEntries(details: unknown): (Record<string, unknown> & { message: string })[] {
  if (!isRecord(details) || !Array.isArray(details.issues)) {
    return [];
  }
  return details.issues.filter(
    (issue): issue is Record<string, unknown> & { message: string } =>
      isRecord(issue) && typeof issue.message === 'string',
  );
}

/** The problems a RULESET_INVALID answer lists in `details.issues`; malformed entries are skipped. */
export function ruleIssues(details: unknown): RuleIssue[] {
  return issueEntries(details).map((issue) => ({
    file: typeof issue.file === 'string' ? issue.file : '',
    message: issue.message,
    ...(typeof issue.line === 'number' ? { line: issue.line } : {}),
    ...(typeof issue.indicatorId === 'string' ? { indicatorId: issue.indicatorId } : {}),
    ...(typeof issue.field === 'string' ? { field: issue.field } : {}),
  }));
}

/** The lines a LIST_EDITION_INVALID answer refuses, in `details.issues`; malformed entries are skipped. */
export function listEditionIssues(details: unknown): ListEditionIssue[] {
  return issueEntries(details).map((issue) => ({
    file: typeof issue.file === 'string' ? issue.file : '',
    message: issue.message,
    ...(typeof issue.line === 'number' ? { line: issue.line } : {}),
    ...(typeof issue.column === 'string' ? { column: issue.column } : {}),
  }));
}

/** "indicators/workforce.yaml line 12" etc.: where a rule problem is. */
export function issueLocation(issue: RuleIssue): string {
  const parts = [issue.file || 'rule set'];
  if (issue.line !== undefined) {
    parts.push(`line ${issue.line}`);
  }
  if (issue.indicatorId) {
    parts.push(`indicator ${issue.indicatorId}`);
  }
  if (issue.field) {
    parts.push(`field ${issue.field}`);
  }
  return parts.join(', ');
}

/** A cookie's value from `document.cookie` ("a=1; vigil_csrf=xyz"), or undefined. */
export function readCookie(cookies: string, name: string): string | undefined {
  for (const part of cookies.split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) {
      const value = part.slice(index + 1).trim();
      try {
        return decodeURIComponent(value);
      } catch {
        return value;
      }
    }
  }
  return undefined;
}
