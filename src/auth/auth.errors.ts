import { DomainError } from '../common/errors/domain-error.js';
import type { SignInKeyKind } from './domain/sign-in-limits.js';

export class NotSignedInError extends DomainError {
  readonly kind = 'unauthenticated';

  constructor(message = 'Sign in first: send the session cookie or an Authorization: Bearer token.') {
    super('NOT_SIGNED_IN', message);
  }
}

export class WrongCredentialsError extends DomainError {
  readonly kind = 'unauthenticated';

  constructor() {
    super('WRONG_CREDENTIALS', 'The email or password is wrong.');
  }
}

export class TooManyAttemptsError extends DomainError {
  readonly kind = 'too-many-requests';

  constructor(scope: SignInKeyKind, retryAfterSeconds: number) {
    const wait =
      retryAfterSeconds >= 90
        ? `${Math.ceil(retryAfterSeconds / 60)} minutes`
        : `${retryAfterSeconds} seconds`;
    super(
      'TOO_MANY_ATTEMPTS',
      scope === 'address'
        ? `Too many failed sign-ins from your network address. Wait ${wait} and try again.`
        : `Too many failed sign-ins for this account. Wait ${wait} and try again; an administrator can reset ` +
            'the password from the server (npm run user:reset-password).',
      { scope, retryAfterSeconds },
    );
  }
}

export class ForbiddenRoleError extends DomainError {
  readonly kind = 'forbidden';

  constructor(role: string) {
    super('FORBIDDEN', `Your role (${role}) does not allow this.`);
  }
}

export class CsrfError extends DomainError {
  readonly kind = 'forbidden';

  constructor() {
    super('CSRF_TOKEN_MISSING', 'This request needs the X-CSRF-Token header from the vigil_csrf cookie.');
  }
}

/** A route that declares no access rule is refused: a new endpoint is closed until someone opens it on purpose. */
export class AccessNotDeclaredError extends DomainError {
  readonly kind = 'forbidden';

  constructor() {
    super('ACCESS_NOT_DECLARED', 'This endpoint is not open to anyone.');
  }
}

export class UserConflictError extends DomainError {
  readonly kind = 'conflict';

  constructor(message: string) {
    super('USER_CONFLICT', message);
  }
}

export class InvalidSignInLinkError extends DomainError {
  readonly kind = 'unauthenticated';

  constructor() {
    super(
      'SIGN_IN_LINK_INVALID',
      'This sign-in link is used up or expired. Sign in with your email and password.',
    );
  }
}

/** The last active admin may not be deactivated or given another role: nobody could manage users after that. */
export class LastAdminError extends DomainError {
  readonly kind = 'conflict';

  constructor() {
    super(
      'LAST_ADMIN',
      'This is the only active admin: make another user admin first, then deactivate or change this one.',
    );
  }
}
