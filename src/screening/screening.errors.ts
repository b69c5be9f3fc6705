import { DomainError } from '../common/errors/domain-error.js';

export class HitAlreadyDecidedError extends DomainError {
  readonly kind = 'conflict';

  constructor(status: string, decidedBy: string | null, decidedAt: Date | null) {
    super(
      'HIT_ALREADY_DECIDED',
      status === 'withdrawn'
        ? 'This hit is no longer raised (the supplier or the list entry changed since); nothing was changed.'
        : `This hit was already ${status}${decidedBy ? ` by ${decidedBy}` : ''}${
            decidedAt ? ` on ${new Date(decidedAt).toISOString().slice(0, 10)}` : ''
          }; nothing was changed.`,
    );
  }
}

export class EditionAlreadyLoadedError extends DomainError {
  readonly kind = 'conflict';

  constructor(file: string, loadedAt: Date) {
    super(
      'LIST_EDITION_ALREADY_LOADED',
      `This edition (the same bytes as "${file}") was already loaded on ${loadedAt.toISOString().slice(0, 10)}; nothing was changed.`,
    );
  }
}

export class ScreeningRunNotFoundError extends DomainError {
  readonly kind = 'not-found';

  constructor(id: string) {
    super('SCREENING_RUN_NOT_FOUND', `Screening run ${id} does not exist.`);
  }
}

export class ScreeningBusyError extends DomainError {
  readonly kind = 'conflict';

  constructor() {
    super(
      'SCREENING_BUSY',
      'An import is writing suppliers right now; nothing was changed. Decide again when it has finished (usually within a minute).',
    );
  }
}
