import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { currentRequest } from '../common/http/request-context.js';
import { AuditEventEntity } from './audit-event.entity.js';

export interface AuditRecord {
  action: string;
  targetType?: string;
  targetId?: string;
  summary?: Record<string, unknown>;
  /** When the actor is not (yet) the request's principal, e.g. a login attempt. */
  actor?: { id: string | null; label: string; role: string | null };
  /** When the event is written outside the request it is about (refused requests, counted then written). */
  sourceIp?: string | null;
}

export interface AuditFilter {
  action?: string;
  actor?: string;
  targetId?: string;
  from?: Date;
  to?: Date;
  limit: number;
  offset: number;
}

@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Appends one event; inside a transaction pass its manager so the event lands or rolls back with the change. */
  async record(event: AuditRecord, manager: EntityManager = this.dataSource.manager): Promise<void> {
    const context = currentRequest();
    const principal = context?.principal;
    await manager.query(
      `INSERT INTO audit_events (actor_id, actor, actor_role, action, target_type, target_id, request_id, source_ip, summary)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        event.actor ? event.actor.id : (principal?.userId ?? null),
        event.actor ? event.actor.label : (principal?.label ?? null),
        event.actor ? event.actor.role : (principal?.role ?? null),
        event.action,
        event.targetType ?? null,
        event.targetId ?? null,
        context?.requestId ?? null,
        event.sourceIp !== undefined ? event.sourceIp : (context?.sourceIp ?? null),
        JSON.stringify(event.summary ?? {}),
      ],
    );
  }

  async find(filter: AuditFilter): Promise<{ items: AuditEventEntity[]; total: number }> {
    const [items, total] = await this.filtered(filter)
      .orderBy('e.occurred_at', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .skip(filter.offset)
      .take(filter.limit)
      .getManyAndCount();
    return { items, total };
  }

  /** Every event the filter selects, newest first, a page at a time (a download of any length in flat memory). */
  async *pages(
    filter: Omit<AuditFilter, 'limit' | 'offset'>,
    pageSize = 2_000,
  ): AsyncGenerator<AuditEventEntity[]> {
    let after: { at: Date; id: string } | undefined;
    for (;;) {
      const query = this.filtered(filter);
      // Keyed on the time to the millisecond, as a Date holds it (the column keeps microseconds).
      const at = "date_trunc('milliseconds', e.occurred_at)";
      if (after) {
        query.andWhere(`(${at}, e.id) < (:at, :id)`, after);
      }
      const page = await query.orderBy(at, 'DESC').addOrderBy('e.id', 'DESC').take(pageSize).getMany();
      if (page.length > 0) {
        yield page;
      }
      const last = page.at(-1);
      if (!last || page.length < pageSize) {
        return;
      }
      after = { at: last.occurredAt, id: last.id };
    }
  }

  private filtered(filter: Omit<AuditFilter, 'limit' | 'offset'>) {
    const query = this.dataSource.getRepository(AuditEventEntity).createQueryBuilder('e');
    if (filter.action) {
      query.andWhere('e.action LIKE :action', { action: `${filter.action.replace(/[\\%_]/g, '\\$&')}%` });
    }
    if (filter.actor) {
      query.andWhere('e.actor = :actor', { actor: filter.actor });
    }
    if (filter.targetId) {
      query.andWhere('e.target_id = :targetId', { targetId: filter.targetId });
    }
    if (filter.from) {
      query.andWhere('e.occurred_at >= :from', { from: filter.from });
    }
    if (filter.to) {
      query.andWhere('e.occurred_at < :to', { to: filter.to });
    }
    return query;
  }
}
