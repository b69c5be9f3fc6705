import { describe, expect, it } from '@jest/globals';
import {
  ChainWalker,
  GENESIS_HASH,
  chainHash,
  type ChainedContent,
  type SealedEvent,
} from './audit-chain.js';

function content(seq: number, overrides: Partial<ChainedContent> = {}): ChainedContent {
  return {
    seq: String(seq),
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    occurredAtMicros: String(1_796_000_000_000_000 + seq * 1_000_123),
    actorId: null,
    actor: 'officer@vigil.test',
    actorRole: 'compliance',
    action: 'import.uploaded',
    targetType: 'import',
    targetId: `batch-${seq}`,
    requestId: null,
    sourceIp: '203.0.113.7',
    summary: `{"rows": ${seq * 10}}`,
    ...overrides,
  };
}

function chain(length: number): SealedEvent[] {
  const events: SealedEvent[] = [];
  let previous = GENESIS_HASH;
  for (let seq = 1; seq <= length; seq++) {
    const event = content(seq);
    const hash = chainHash(previous, event);
    events.push({ ...event, prevHash: previous, hash });
    previous = hash;
  }
  return events;
}

function walk(events: SealedEvent[], pageSize = 3) {
  const walker = new ChainWalker();
  for (let i = 0; i < events.length; i += pageSize) {
    if (!walker.feed(events.slice(i, i + pageSize))) {
      break;
    }
  }
  return walker.result();
}

describe('chainHash', () => {
  it('is a sha-256 over the previous hash and every field, each of which changes it', () => {
    const base = content(1);
    const hash = chainHash(GENESIS_HASH, base);

    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(chainHash(GENESIS_HASH, { ...base })).toBe(hash);
    expect(chainHash('1'.repeat(64), base)).not.toBe(hash);
    for (const field of Object.keys(base) as (keyof ChainedContent)[]) {
      const changed = { ...base, [field]: field === 'actorId' ? 'someone' : `${String(base[field])}x` };
      expect(chainHash(GENESIS_HASH, changed)).not.toBe(hash);
    }
  });

  it('tells a null apart from the text "null" and from an empty string', () => {
    const hashes = [null, 'null', ''].map((targetId) => chainHash(GENESIS_HASH, content(1, { targetId })));

    expect(new Set(hashes).size).toBe(3);
  });
});

describe('ChainWalker', () => {
  it('verifies an intact chain across pages and names its head', () => {
    const events = chain(10);

    expect(walk(events)).toEqual({
      verified: 10,
      firstBreak: null,
      head: { seq: '10', hash: events[9].hash },
    });
    expect(walk([])).toEqual({ verified: 0, firstBreak: null, head: null });
  });

  it('finds a changed event by its hash', () => {
    const events = chain(10);
    events[6] = { ...events[6], summary: '{"rows": 1}' };

    const result = walk(events);

    expect(result.verified).toBe(6);
    expect(result.firstBreak).toMatchObject({ seq: '7', reason: 'content-hash', found: events[6].hash });
    expect(result.head).toEqual({ seq: '6', hash: events[5].hash });
  });

  it('finds a removed event by the gap in the numbering', () => {
    const events = chain(10);
    events.splice(4, 1);

    expect(walk(events).firstBreak).toMatchObject({ seq: '6', reason: 'missing', expectedSeq: '5' });
  });

  it('finds an event slipped in with a consistent hash by the next event’s previous hash', () => {
    const events = chain(6);
    // A forger renumbers from seq 4 on and inserts an event there, hashed correctly onto seq 3.
    const forged = content(4, { action: 'user.created', summary: '{"role": "admin"}' });
    const forgedHash = chainHash(events[2].hash, forged);
    const renumbered = events.slice(3).map((event) => ({ ...event, seq: String(Number(event.seq) + 1) }));
    const tampered = [
      ...events.slice(0, 3),
      { ...forged, prevHash: events[2].hash, hash: forgedHash },
      ...renumbered,
    ];

    const result = walk(tampered);

    expect(result.verified).toBe(4);
    expect(result.firstBreak).toMatchObject({ seq: '5', reason: 'previous-hash', expected: forgedHash });
  });

  it('finds a chain that does not start from the genesis hash', () => {
    const events = chain(3)
      .slice(1)
      .map((event, i) => ({ ...event, seq: String(i + 1) }));

    expect(walk(events).firstBreak).toMatchObject({
      seq: '1',
      reason: 'previous-hash',
      expected: GENESIS_HASH,
    });
  });
});
