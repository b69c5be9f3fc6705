import { DomainError } from '../common/errors/domain-error.js';

export class UnknownQuestionError extends DomainError {
  readonly kind = 'invalid-input';

  constructor(question: string, example: string | undefined) {
    super(
      'UNKNOWN_QUESTION',
      `question "${question}" is not an indicator of the active rule set; use the indicatorId of a question from ` +
        `GET /dashboard/data-gaps${example ? `, e.g. ${example}` : ''}.`,
    );
  }
}
