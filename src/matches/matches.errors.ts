import { DomainError } from '../common/errors/domain-error.js';

export class MatchAlreadyDecidedError extends DomainError {
  readonly kind = 'conflict';

  constructor(status: string, decidedBy: string | null, decidedAt: Date | null) {
    super(
      'MATCH_ALREADY_DECIDED',
      `This possible duplicate was already ${status === 'confirmed' ? 'confirmed and merged' : 'rejected'}${
        decidedBy ? ` by ${decidedBy}` : ''
      }${decidedAt ? ` on ${new Date(decidedAt).toISOString().slice(0, 10)}` : ''}; nothing was changed.`,
    );
  }
}

export class SitesBusyError extends DomainError {
  readonly kind = 'conflict';

  constructor() {
    super(
      'SITES_BUSY',
      'An import is writing suppliers right now; nothing was changed. Decide again when it has finished (usually within a minute).',
    );
  }
}
