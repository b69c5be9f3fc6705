import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { hash, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';
import { DataSource, IsNull } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { NotFoundError } from '../common/errors/domain-error.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { ApiTokenEntity } from './api-token.entity.js';
import {
  InvalidSignInLinkError,
  LastAdminError,
  NotSignedInError,
  TooManyAttemptsError,
  UserConflictError,
  WrongCredentialsError,
} from './auth.errors.js';
import type { Principal, Role } from './roles.js';
import { SessionEntity } from './session.entity.js';
import { SignInAttemptsStore } from './sign-in-attempts.store.js';
import { API_TOKEN_PREFIX, newSecret, SESSION_PREFIX, tokenHash } from './tokens.js';
import { UserEntity } from './user.entity.js';

const SESSION_HOURS = 12;
const FIRST_RUN_LINK_MINUTES = 30;

export interface LoginResult {
  token: string;
  csrfToken: string;
  expiresAt: Date;
  user: { id: string; email: string; role: Role };
}

export interface UserView {
  id: string;
  email: string;
  role: Role;
  active: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

export interface ApiTokenView {
  id: string;
  name: string;
  role: Role;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

function toUserView(user: UserEntity): UserView {
  return {
    id: user.id,
    email: user.email,
    role: user.role,
    active: user.active,
    createdAt: user.createdAt.toISOString(),
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
  };
}

function toTokenView(token: ApiTokenEntity): ApiTokenView {
  return {
    id: token.id,
    name: token.name,
    role: token.role,
    createdAt: token.createdAt.toISOString(),
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    revokedAt: token.revokedAt?.toISOString() ?? null,
  };
}

@Injectable()
export class AuthService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AuthService.name);
  // Verifying against a real hash when the email is unknown keeps both answers equally slow.
  private decoyHash?: Promise<string>;
  private readonly attempts: SignInAttemptsStore;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.attempts = new SignInAttemptsStore(dataSource);
  }

  /** First run: with no users, create the admin from ADMIN_EMAIL/ADMIN_PASSWORD or with a one-time password. */
  async onApplicationBootstrap(): Promise<void> {
    const users = this.dataSource.getRepository(UserEntity);
    if ((await users.count()) > 0) {
      return;
    }
    const email = (this.config.admin.email ?? 'admin@vigil.local').toLowerCase();
    const generated = this.config.admin.password === undefined;
    const password = this.config.admin.password ?? randomBytes(12).toString('base64url');
    const created = await users.save(
      users.create({ email, passwordHash: await hash(password), role: 'admin' }),
    );
    await this.audit.record({
      action: 'user.created',
      targetType: 'user',
      targetId: email,
      summary: { role: 'admin', firstRun: true },
      actor: { id: null, label: 'system', role: null },
    });
    if (generated && this.config.env !== 'test') {
      const link = await this.openSession(created, 'auth.link.created', FIRST_RUN_LINK_MINUTES * 60_000);
      const base = `http://${this.config.host === '0.0.0.0' ? '127.0.0.1' : this.config.host}:${this.config.port}`;
      // Printed once, on the console only (never into the log stream): the newcomer's way in.
      console.log(
        [
          '',
          '  Vigil first run: an administrator account was created.',
          `  Open ${base}/auth/link?token=${link.token}`,
          `  to go straight to the dashboard (works once, for ${FIRST_RUN_LINK_MINUTES} minutes), or sign in as`,
          `  ${email} with the password ${password} (shown only now).`,
          '  Set ADMIN_EMAIL and ADMIN_PASSWORD to choose them instead.',
          '',
        ].join('\n'),
      );
    }
  }

  /**
   * Checks a password, counted against the caller's address and the account (src/auth/domain/sign-in-limits.ts)
   * before it is checked. Failures on a real account are audited; guesses at unknown emails only when they lock
   * an address, so a flood of them does not bury the trail.
   */
  async login(emailInput: string, password: string, address: string): Promise<LoginResult> {
    const email = emailInput.trim().toLowerCase();
    const reservation = await this.attempts.reserve(email, address, new Date());
    if (!reservation.allowed) {
      throw new TooManyAttemptsError(reservation.refusedBy, reservation.retryAfterSeconds);
    }
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ email });
    const valid = user
      ? await verify(user.passwordHash, password)
      : await verify(await (this.decoyHash ??= hash(randomBytes(16).toString('hex'))), password);
    if (!user || !valid || !user.active) {
      if (user) {
        await this.audit.record({
          action: 'auth.login.failed',
          targetType: 'user',
          targetId: email,
          actor: { id: user.id, label: email, role: user.role },
        });
      }
      for (const scope of reservation.locksStarted) {
        await this.audit.record({
          action: 'auth.login.locked',
          targetType: scope === 'address' ? 'address' : 'user',
          targetId: scope === 'address' ? address : email,
          summary: { scope, ...(scope === 'address' ? {} : { address }) },
          actor: { id: null, label: 'anonymous', role: null },
        });
      }
      throw new WrongCredentialsError();
    }
    await this.attempts.succeeded(email, address, new Date());
    return this.openSession(user, 'auth.login', SESSION_HOURS * 3600_000);
  }

  /**
   * Trades a one-time sign-in link (printed at first run) for a browser session: the link's session is revoked
   * and a new one opened, so the link works once.
   */
  async redeemLink(token: string): Promise<LoginResult> {
    const principal = await this.authenticate(token, 'bearer');
    if (!principal?.sessionId || !principal.userId) {
      throw new InvalidSignInLinkError();
    }
    const revoked = await this.dataSource
      .getRepository(SessionEntity)
      .update({ id: principal.sessionId, revokedAt: IsNull() }, { revokedAt: new Date() });
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: principal.userId });
    if (!revoked.affected || !user) {
      throw new InvalidSignInLinkError();
    }
    return this.openSession(user, 'auth.login.link', SESSION_HOURS * 3600_000);
  }

  private async openSession(user: UserEntity, action: string, lifetimeMs: number): Promise<LoginResult> {
    const token = newSecret(SESSION_PREFIX);
    const csrfToken = randomBytes(24).toString('base64url');
    const expiresAt = new Date(Date.now() + lifetimeMs);
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(SessionEntity, {
        tokenHash: tokenHash(token),
        userId: user.id,
        csrfToken,
        expiresAt,
      });
      await manager.update(UserEntity, { id: user.id }, { lastLoginAt: new Date() });
      await this.audit.record(
        {
          action,
          targetType: 'user',
          targetId: user.id,
          actor: { id: user.id, label: user.email, role: user.role },
        },
        manager,
      );
    });
    return { token, csrfToken, expiresAt, user: { id: user.id, email: user.email, role: user.role } };
  }

  async logout(principal: Principal): Promise<void> {
    if (principal.sessionId) {
      await this.dataSource
        .getRepository(SessionEntity)
        .update({ id: principal.sessionId }, { revokedAt: new Date() });
      await this.audit.record({
        action: 'auth.logout',
        targetType: 'user',
        targetId: principal.userId ?? undefined,
      });
    }
  }

  /** Resolves a session or API token to who is calling; undefined when it is unknown, expired or revoked. */
  async authenticate(
    token: string,
    via: 'cookie' | 'bearer',
  ): Promise<(Principal & { csrfToken?: string }) | undefined> {
    const digest = tokenHash(token);
    if (token.startsWith(API_TOKEN_PREFIX) && via === 'bearer') {
      const apiToken = await this.dataSource
        .getRepository(ApiTokenEntity)
        .findOneBy({ tokenHash: digest, revokedAt: IsNull() });
      if (!apiToken) {
        return undefined;
      }
      await this.dataSource
        .getRepository(ApiTokenEntity)
        .update({ id: apiToken.id }, { lastUsedAt: new Date() });
      return {
        userId: apiToken.createdBy,
        label: `token:${apiToken.name}`,
        role: apiToken.role,
        via: 'api-token',
      };
    }
    if (!token.startsWith(SESSION_PREFIX)) {
      return undefined;
    }
    const rows = await this.dataSource.query<
      { id: string; csrfToken: string; userId: string; email: string; role: Role }[]
    >(
      `SELECT s.id, s.csrf_token AS "csrfToken", u.id AS "userId", u.email, u.role
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.active`,
      [digest],
    );
    const [session] = rows;
    if (!session) {
      return undefined;
    }
    return {
      userId: session.userId,
      label: session.email,
      role: session.role,
      via: via === 'cookie' ? 'session-cookie' : 'bearer-session',
      sessionId: session.id,
      csrfToken: session.csrfToken,
    };
  }

  async listUsers(): Promise<UserView[]> {
    return (await this.dataSource.getRepository(UserEntity).find({ order: { email: 'ASC' } })).map(
      toUserView,
    );
  }

  async createUser(emailInput: string, role: Role, password: string): Promise<UserView> {
    const email = emailInput.trim().toLowerCase();
    const users = this.dataSource.getRepository(UserEntity);
    if (await users.existsBy({ email })) {
      throw new UserConflictError(`A user with the email ${email} exists already.`);
    }
    const user = await users.save(users.create({ email, role, passwordHash: await hash(password) }));
    await this.audit.record({
      action: 'user.created',
      targetType: 'user',
      targetId: user.id,
      summary: { role },
    });
    return toUserView(user);
  }

  /**
   * Changes a user's role or deactivates them. Deactivating revokes their sessions and the API tokens they created,
   * in the same transaction. The last active admin can be neither deactivated nor demoted.
   */
  async updateUser(id: string, change: { role?: Role; active?: boolean }): Promise<UserView> {
    const user = await this.dataSource.transaction(async (manager) => {
      const users = manager.getRepository(UserEntity);
      // Admins are locked in id order, so two changes to two admins cannot each see the other still active.
      const admins = await users
        .createQueryBuilder('u')
        .setLock('pessimistic_write')
        .where("u.role = 'admin' AND u.active")
        .orderBy('u.id')
        .getMany();
      const found = await users.findOneBy({ id });
      if (!found) {
        throw new NotFoundError('User', id);
      }
      const losesAdmin =
        found.role === 'admin' &&
        found.active &&
        (change.active === false || (change.role !== undefined && change.role !== 'admin'));
      if (losesAdmin && admins.every((admin) => admin.id === id)) {
        throw new LastAdminError();
      }
      await users.update({ id }, change);
      if (change.active === false) {
        const now = new Date();
        await manager
          .getRepository(SessionEntity)
          .update({ userId: id, revokedAt: IsNull() }, { revokedAt: now });
        await manager
          .getRepository(ApiTokenEntity)
          .update({ createdBy: id, revokedAt: IsNull() }, { revokedAt: now });
      }
      await this.audit.record(
        { action: 'user.updated', targetType: 'user', targetId: id, summary: { ...change } },
        manager,
      );
      return found;
    });
    return toUserView({ ...user, ...change });
  }

  async createApiToken(
    name: string,
    role: Role,
    principal: Principal | undefined,
  ): Promise<ApiTokenView & { token: string }> {
    const token = newSecret(API_TOKEN_PREFIX);
    const repository = this.dataSource.getRepository(ApiTokenEntity);
    const saved = await repository.save(
      repository.create({ name, role, tokenHash: tokenHash(token), createdBy: principal?.userId ?? null }),
    );
    await this.audit.record({
      action: 'token.created',
      targetType: 'api-token',
      targetId: saved.id,
      summary: { name, role },
    });
    return { ...toTokenView(saved), token };
  }

  async listApiTokens(): Promise<ApiTokenView[]> {
    return (await this.dataSource.getRepository(ApiTokenEntity).find({ order: { createdAt: 'DESC' } })).map(
      toTokenView,
    );
  }

  async revokeApiToken(id: string): Promise<ApiTokenView> {
    const repository = this.dataSource.getRepository(ApiTokenEntity);
    const token = await repository.findOneBy({ id });
    if (!token) {
      throw new NotFoundError('API token', id);
    }
    token.revokedAt ??= new Date();
    await repository.save(token);
    await this.audit.record({
      action: 'token.revoked',
      targetType: 'api-token',
      targetId: id,
      summary: { name: token.name },
    });
    return toTokenView(token);
  }

  requireSignedIn(principal: Principal | undefined): Principal {
    if (!principal) {
      throw new NotSignedInError();
    }
    return principal;
  }
}
