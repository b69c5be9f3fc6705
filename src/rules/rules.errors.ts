import { DomainError } from '../common/errors/domain-error.js';
import type { RuleSetIssue } from './domain/rule-set-validation-error.js';

/** A draft or reloaded rule set that cannot be used; details list every issue (file, indicator, field). */
export class RuleSetRejectedError extends DomainError {
  readonly kind = 'invalid-input';

  constructor(message: string, issues: RuleSetIssue[]) {
    super('RULESET_INVALID', message, { issues });
  }
}
