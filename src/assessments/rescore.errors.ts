import { DomainError } from '../common/errors/domain-error.js';

export class RescoreNotFoundError extends DomainError {
  readonly kind = 'not-found';

  constructor(id: string) {
    super('NOT_FOUND', `There is no re-scoring job ${id}.`);
  }
}
