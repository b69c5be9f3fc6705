// Services and domain code throw DomainError subclasses; the global filter turns the kind into an HTTP status.
// The kind says what went wrong from the caller's point of view, the code says exactly which rule was broken.

export type ErrorKind =
  | 'invalid-input'
  | 'unsupported-media'
  | 'payload-too-large'
  | 'not-found'
  | 'conflict'
  | 'unauthenticated'
  | 'forbidden'
  | 'too-many-requests'
  | 'unavailable';

export abstract class DomainError extends Error {
  abstract readonly kind: ErrorKind;

  protected constructor(
    readonly code: string,
    message: string,
    /** Structured detail for the client (row errors, rule issues); never secrets or stack traces. */
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  readonly kind = 'not-found';

  constructor(what: string, id: string) {
    super('NOT_FOUND', `${what} ${id} does not exist.`);
  }
}
