import { createHash, randomBytes } from 'node:crypto';

export const SESSION_PREFIX = 'vgs_';
export const API_TOKEN_PREFIX = 'vgt_';

export function newSecret(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

/** Tokens are random and long, so a fast hash is enough; only the hash is stored. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
