import { SetMetadata } from '@nestjs/common';

export const ROLES = ['admin', 'compliance', 'procurement', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** Metadata key holding who may call a route; a route without it is refused (deny by default). */
export const ACCESS_KEY = 'vigil:access';
export type Access = { kind: 'public' } | { kind: 'roles'; roles: Role[] };

/** Anyone, signed in or not (health, login). */
export const Public = (): MethodDecorator & ClassDecorator =>
  SetMetadata(ACCESS_KEY, { kind: 'public' } satisfies Access);

/** Signed-in users with one of these roles; admin may always. */
export const Allow = (...roles: Exclude<Role, 'admin'>[]): MethodDecorator & ClassDecorator =>
  SetMetadata(ACCESS_KEY, { kind: 'roles', roles: ['admin', ...roles] } satisfies Access);

/** Every signed-in role. */
export const AnyRole = (): MethodDecorator & ClassDecorator =>
  SetMetadata(ACCESS_KEY, { kind: 'roles', roles: [...ROLES] } satisfies Access);

export interface Principal {
  userId: string | null;
  /** The signed-in user's email, or the API token's name. */
  label: string;
  role: Role;
  via: 'session-cookie' | 'bearer-session' | 'api-token';
  sessionId?: string;
}
