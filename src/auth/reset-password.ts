import { hash } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { SessionEntity } from './session.entity.js';
import { SignInAttemptsStore } from './sign-in-attempts.store.js';
import { UserEntity } from './user.entity.js';

const MIN_PASSWORD_LENGTH = 12;

export class ResetPasswordError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ResetPasswordError';
  }
}

/**
 * The way back in from the server's shell (`npm run user:reset-password -- <email>`), for an administrator locked
 * out or who lost the password: sets a new password (generated unless one is given), re-activates the user,
 * ends their sessions, lifts every sign-in lock on the account, and audits it, in one transaction.
 */
export async function resetPassword(
  dataSource: DataSource,
  emailInput: string,
  chosen?: string,
): Promise<{ email: string; password: string; generated: boolean }> {
  const email = emailInput.trim().toLowerCase();
  if (!email) {
    throw new ResetPasswordError('Name the user: npm run user:reset-password -- admin@example.com');
  }
  if (chosen !== undefined && chosen.length < MIN_PASSWORD_LENGTH) {
    throw new ResetPasswordError(`The new password must be at least ${MIN_PASSWORD_LENGTH} characters long.`);
  }
  const password = chosen ?? randomBytes(15).toString('base64url');
  const passwordHash = await hash(password);
  const audit = new AuditService(dataSource);
  await dataSource.transaction(async (manager) => {
    const user = await manager
      .getRepository(UserEntity)
      .findOne({ where: { email }, lock: { mode: 'pessimistic_write' } });
    if (!user) {
      throw new ResetPasswordError(`No user has the email ${email}; nothing was changed.`);
    }
    await manager.update(UserEntity, { id: user.id }, { passwordHash, active: true });
    await manager
      .createQueryBuilder()
      .update(SessionEntity)
      .set({ revokedAt: () => 'now()' })
      .where('user_id = :id AND revoked_at IS NULL', { id: user.id })
      .execute();
    await new SignInAttemptsStore(dataSource).clearAccount(manager, email);
    await audit.record(
      {
        action: 'user.password.reset',
        targetType: 'user',
        targetId: email,
        summary: { from: 'server shell', reactivated: !user.active },
        actor: { id: null, label: 'server shell', role: null },
      },
      manager,
    );
  });
  return { email, password, generated: chosen === undefined };
}
