import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { AuditService } from './audit.service.js';

// Requests refused for who made them (401 not signed in, 403 not allowed, 429 too many) belong in the audit
// trail, but one event each would let a flood bury it. They are counted per caller, route and reason, and written
// as one event per group a minute (with the count and the first and last time).

export interface RefusedRequest {
  status: number;
  code: string;
  method: string;
  /** The route's pattern (/suppliers/:id), not the path with its ids. */
  route: string;
  actor: string | null;
  role: string | null;
  address: string | null;
}

export interface RefusedGroup {
  request: RefusedRequest;
  count: number;
  first: Date;
  last: Date;
}

/** Groups refused requests; past `maxGroups` distinct groups the rest are counted in one overflow group. */
export class RefusedRequestTally {
  private groups = new Map<string, RefusedGroup>();

  constructor(private readonly maxGroups = 500) {}

  note(request: RefusedRequest, at: Date): void {
    let key = JSON.stringify([
      request.status,
      request.code,
      request.method,
      request.route,
      request.actor,
      request.address,
    ]);
    let counted = request;
    if (!this.groups.has(key) && this.groups.size >= this.maxGroups) {
      key = 'overflow';
      counted = {
        status: 0,
        code: 'MANY_KINDS',
        method: '*',
        route: '*',
        actor: null,
        role: null,
        address: null,
      };
    }
    const group = this.groups.get(key);
    if (group) {
      group.count++;
      group.last = at;
    } else {
      this.groups.set(key, { request: counted, count: 1, first: at, last: at });
    }
  }

  /** The groups counted since the last drain, and a fresh start. */
  drain(): RefusedGroup[] {
    const groups = [...this.groups.values()];
    this.groups = new Map();
    return groups;
  }
}

const FLUSH_EVERY_MS = 60_000;

@Injectable()
export class RefusedRequestAudit implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(RefusedRequestAudit.name);
  private readonly tally = new RefusedRequestTally();
  private timer?: NodeJS.Timeout;

  constructor(private readonly audit: AuditService) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.flush(), FLUSH_EVERY_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  note(request: RefusedRequest): void {
    this.tally.note(request, new Date());
  }

  /** Writes one audit event per group counted since the last flush. */
  async flush(): Promise<void> {
    for (const { request, count, first, last } of this.tally.drain()) {
      await this.audit
        .record({
          action: 'request.refused',
          targetType: 'route',
          targetId: `${request.method} ${request.route}`,
          summary: {
            status: request.status,
            code: request.code,
            count,
            first: first.toISOString(),
            last: last.toISOString(),
          },
          actor: { id: null, label: request.actor ?? 'anonymous', role: request.role },
          sourceIp: request.address,
        })
        .catch((error: unknown) =>
          this.logger.warn(
            `Refused requests not audited: ${error instanceof Error ? error.message : String(error)}`,
          ),
        );
    }
  }
}
