import { createHash } from 'node:crypto';

// The audit trail as a hash chain: every sealed event carries the hash of the one before it and a hash of its own
// over that and its content, so changing, removing or slipping in an event anywhere in the sealed trail shows as a
// break at that point when the chain is walked again. What a chain cannot show on its own is a trail rewritten
// from some point on with every later hash recomputed: a head kept outside the database (README) covers that.

/** The `prev_hash` of the first event. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * An event's content as the chain hashes it, every value as PostgreSQL renders it as text, so that the service
 * and a verifier read the same bytes whatever their time zone or JSON formatting: the time in microseconds since
 * the epoch, the summary as `jsonb::text` (keys sorted, PostgreSQL's spacing).
 */
export interface ChainedContent {
  seq: string;
  id: string;
  occurredAtMicros: string;
  actorId: string | null;
  actor: string | null;
  actorRole: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  requestId: string | null;
  sourceIp: string | null;
  summary: string;
}

export function chainHash(prevHash: string, content: ChainedContent): string {
  const canonical = JSON.stringify([
    content.seq,
    content.id,
    content.occurredAtMicros,
    content.actorId,
    content.actor,
    content.actorRole,
    content.action,
    content.targetType,
    content.targetId,
    content.requestId,
    content.sourceIp,
    content.summary,
  ]);
  return createHash('sha256').update(`${prevHash}\n${canonical}`).digest('hex');
}

export interface SealedEvent extends ChainedContent {
  prevHash: string;
  hash: string;
}

export type ChainBreak =
  | { seq: string; id: string; reason: 'missing'; expectedSeq: string }
  | { seq: string; id: string; reason: 'previous-hash'; expected: string; found: string }
  | { seq: string; id: string; reason: 'content-hash'; expected: string; found: string };

/**
 * Walks sealed events in `seq` order, a page at a time, and stops at the first break: a gap in the numbering
 * (an event removed), a `prev_hash` that is not the previous event's hash (one removed or slipped in), or a hash
 * that does not match the content (one changed).
 */
export class ChainWalker {
  private expectedSeq = 1n;
  private previousHash = GENESIS_HASH;
  private count = 0;
  private broken?: ChainBreak;
  private last?: SealedEvent;

  /** Feeds the next events; false once a break is found (nothing more need be read). */
  feed(events: SealedEvent[]): boolean {
    for (const event of events) {
      if (this.broken) {
        return false;
      }
      this.broken = this.check(event);
      if (this.broken) {
        return false;
      }
      this.count++;
      this.expectedSeq = BigInt(event.seq) + 1n;
      this.previousHash = event.hash;
      this.last = event;
    }
    return true;
  }

  result(): { verified: number; firstBreak: ChainBreak | null; head: { seq: string; hash: string } | null } {
    return {
      verified: this.count,
      firstBreak: this.broken ?? null,
      head: this.last ? { seq: this.last.seq, hash: this.last.hash } : null,
    };
  }

  private check(event: SealedEvent): ChainBreak | undefined {
    if (BigInt(event.seq) !== this.expectedSeq) {
      return { seq: event.seq, id: event.id, reason: 'missing', expectedSeq: this.expectedSeq.toString() };
    }
    if (event.prevHash !== this.previousHash) {
      return {
        seq: event.seq,
        id: event.id,
        reason: 'previous-hash',
        expected: this.previousHash,
        found: event.prevHash,
      };
    }
    const expected = chainHash(event.prevHash, event);
    if (expected !== event.hash) {
      return { seq: event.seq, id: event.id, reason: 'content-hash', expected, found: event.hash };
    }
    return undefined;
  }
}
