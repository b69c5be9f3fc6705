import { AsyncLocalStorage } from 'node:async_hooks';
import type { Principal } from '../../auth/roles.js';

/** Per-request facts that the audit trail needs, without threading the request through every service. */
export interface RequestContext {
  requestId: string;
  sourceIp: string | null;
  principal?: Principal;
}

export const requestContext = new AsyncLocalStorage<RequestContext>();

export function currentRequest(): RequestContext | undefined {
  return requestContext.getStore();
}
