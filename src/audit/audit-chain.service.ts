import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { auditProtection, type AuditProtection } from '../database/runtime-role.js';
import {
  ChainWalker,
  GENESIS_HASH,
  chainHash,
  type ChainBreak,
  type ChainedContent,
  type SealedEvent,
} from './domain/audit-chain.js';

/** Sealing runs this often; an event is chained within about this long of its commit. */
const SEAL_EVERY_MS = 2_000;
const PAGE = 2_000;
/** Any fixed number: the advisory lock that lets one instance at a time seal. */
const SEAL_LOCK = 7_141_703;

// Every value as text, as the chain hashes it (src/audit/domain/audit-chain.ts): the time in whole microseconds
// since the epoch, computed in integers so that no floating point rounds it.
const CONTENT = `seq::text AS seq, id::text AS id,
  (extract(epoch FROM date_trunc('second', occurred_at))::bigint * 1000000
    + extract(microseconds FROM occurred_at)::bigint % 1000000)::text AS "occurredAtMicros",
  actor_id::text AS "actorId", actor, actor_role AS "actorRole", action, target_type AS "targetType",
  target_id AS "targetId", request_id AS "requestId", source_ip AS "sourceIp", summary::text AS summary`;

export interface ChainVerification {
  intact: boolean;
  verified: number;
  /** Events not yet sealed (committed in the last seconds, or a sealer that is failing). */
  unsealed: number;
  head: { seq: string; hash: string } | null;
  firstBreak: ChainBreak | null;
  /** A head kept outside the database, checked against the chain: present with `matches` when one was given. */
  anchor?: { seq: string; hash: string; matches: boolean };
}

/**
 * Seals audit events into the hash chain shortly after they commit, in one short transaction of its own, so
 * recording an event never waits on other transactions; and walks the chain to verify it.
 */
@Injectable()
export class AuditChainService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(AuditChainService.name);
  private timer?: NodeJS.Timeout;
  private sealing?: Promise<number>;

  private auditTrail?: AuditProtection;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'database'>,
  ) {}

  /** How the trail is protected against the service's own role (found once, at start-up). */
  async protection(): Promise<AuditProtection> {
    this.auditTrail ??= await auditProtection(this.dataSource);
    return this.auditTrail;
  }

  async onApplicationBootstrap(): Promise<void> {
    if ((await this.protection()) === 'tamper-evident') {
      // On PostgreSQL it is a choice made by configuration, worth a warning; the embedded server runs as its owner.
      const say = this.config.database.kind === 'postgres' ? 'warn' : 'log';
      this.logger[say](
        "The service's database role owns the audit trail (or is a superuser): a change to it is caught by the hash " +
          'chain (GET /audit/verify) but not prevented. Run migrations as the owner with DATABASE_MIGRATION_URL and ' +
          'the service as another role to protect it (README).',
      );
    }
    this.timer = setInterval(() => {
      void this.seal().catch((error: unknown) =>
        this.logger.warn(
          `Sealing the audit trail failed: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
    }, SEAL_EVERY_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.sealing?.catch(() => undefined);
  }

  /** Seals every committed event not yet chained; the number sealed (0 when another instance is sealing). */
  seal(): Promise<number> {
    this.sealing ??= this.sealAll().finally(() => (this.sealing = undefined));
    return this.sealing;
  }

  async verify(anchor?: { seq: string; hash: string }): Promise<ChainVerification> {
    await this.seal();
    const walker = new ChainWalker();
    let anchorMatches: boolean | undefined;
    let after = '0';
    for (;;) {
      const page = await this.dataSource.query<SealedEvent[]>(
        `SELECT ${CONTENT}, prev_hash AS "prevHash", hash FROM audit_events
          WHERE audit_events.seq > $1 ORDER BY audit_events.seq LIMIT ${PAGE}`,
        [after],
      );
      const ok = walker.feed(page);
      const anchored = anchor && page.find((event) => event.seq === anchor.seq);
      if (anchored && ok) {
        anchorMatches = anchored.hash === anchor.hash;
      }
      if (!ok || page.length < PAGE) {
        break;
      }
      after = page[page.length - 1].seq;
    }
    const [{ unsealed }] = await this.dataSource.query<{ unsealed: number }[]>(
      'SELECT count(*)::int AS unsealed FROM audit_events WHERE seq IS NULL',
    );
    const walked = walker.result();
    return {
      intact: walked.firstBreak === null && anchorMatches !== false,
      ...walked,
      unsealed,
      ...(anchor ? { anchor: { ...anchor, matches: anchorMatches ?? false } } : {}),
    };
  }

  private async sealAll(): Promise<number> {
    let total = 0;
    for (;;) {
      const sealed = await this.dataSource.transaction((manager) => this.sealPage(manager));
      total += Math.max(sealed, 0);
      if (sealed < PAGE) {
        return total;
      }
    }
  }

  /** One page of unsealed events chained onto the head; -1 when another instance holds the sealing lock. */
  private async sealPage(manager: EntityManager): Promise<number> {
    const [{ locked }] = await manager.query<{ locked: boolean }[]>(
      'SELECT pg_try_advisory_xact_lock($1) AS locked',
      [SEAL_LOCK],
    );
    if (!locked) {
      return -1;
    }
    const events = await manager.query<ChainedContent[]>(
      `SELECT ${CONTENT} FROM audit_events WHERE seq IS NULL ORDER BY audit_events.occurred_at, audit_events.id LIMIT ${PAGE}`,
    );
    if (events.length === 0) {
      return 0;
    }
    const [head] = await manager.query<{ seq: string; hash: string }[]>(
      'SELECT seq::text AS seq, hash FROM audit_events WHERE seq IS NOT NULL ORDER BY audit_events.seq DESC LIMIT 1',
    );
    let seq = BigInt(head?.seq ?? '0');
    let previous = head?.hash ?? GENESIS_HASH;
    const ids: string[] = [];
    const seqs: string[] = [];
    const prevs: string[] = [];
    const hashes: string[] = [];
    for (const event of events) {
      seq += 1n;
      const hash = chainHash(previous, { ...event, seq: seq.toString() });
      ids.push(event.id);
      seqs.push(seq.toString());
      prevs.push(previous);
      hashes.push(hash);
      previous = hash;
    }
    await manager.query(
      `UPDATE audit_events AS a SET seq = u.seq, prev_hash = u.prev_hash, hash = u.hash
         FROM unnest($1::uuid[], $2::bigint[], $3::text[], $4::text[]) AS u(id, seq, prev_hash, hash)
        WHERE a.id = u.id AND a.seq IS NULL`,
      [ids, seqs, prevs, hashes],
    );
    return events.length;
  }
}
