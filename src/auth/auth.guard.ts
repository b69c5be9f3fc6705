import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { currentRequest } from '../common/http/request-context.js';
import { AccessNotDeclaredError, CsrfError, ForbiddenRoleError, NotSignedInError } from './auth.errors.js';
import { AuthService } from './auth.service.js';
import { ACCESS_KEY, type Access, type Principal } from './roles.js';

export const SESSION_COOKIE = 'vigil_session';
export const CSRF_COOKIE = 'vigil_csrf';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type AuthenticatedRequest = Request & { principal?: Principal };

/** Deny by default: every route declares who may call it, and the guard checks the caller's role. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const access = this.reflector.getAllAndOverride<Access | undefined>(ACCESS_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!access) {
      throw new AccessNotDeclaredError();
    }
    if (access.kind === 'public') {
      return true;
    }
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = await this.identify(request);
    if (!principal) {
      throw new NotSignedInError();
    }
    // Who asks is known from here on, also to the audit of a refusal.
    const store = currentRequest();
    if (store) {
      store.principal = principal;
    }
    if (!access.roles.includes(principal.role)) {
      throw new ForbiddenRoleError(principal.role);
    }
    request.principal = principal;
    return true;
  }

  private async identify(request: Request): Promise<Principal | undefined> {
    const header = request.header('authorization');
    if (header?.startsWith('Bearer ')) {
      return this.auth.authenticate(header.slice(7).trim(), 'bearer');
    }
    const cookies = request.cookies as Record<string, string | undefined> | undefined;
    const cookie = cookies?.[SESSION_COOKIE];
    if (!cookie) {
      return undefined;
    }
    const principal = await this.auth.authenticate(cookie, 'cookie');
    // A cookie is sent by the browser on its own; a state change must also prove it came from our page.
    if (
      principal &&
      !SAFE_METHODS.has(request.method) &&
      request.header('x-csrf-token') !== principal.csrfToken
    ) {
      throw new CsrfError();
    }
    return principal;
  }
}
