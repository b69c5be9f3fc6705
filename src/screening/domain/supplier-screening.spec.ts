import { describe, expect, it } from '@jest/globals';
import type { SupplierRecord } from '../../suppliers/domain/supplier-record.js';
import { parseUflpaEdition } from './enforcement-lists.js';
import { ScreeningIndex } from './name-matching.js';
import {
  entryCatalog,
  findingsOf,
  hitsAfter,
  needsWriting,
  openHitOf,
  reconcileHits,
  screenSupplier,
  type FreshHit,
  type StoredHit,
} from './supplier-screening.js';
import { shippedBytes, shippedLists } from './testing/shipped-lists.js';

const { uflpa, cbp, index } = shippedLists();
const catalog = entryCatalog({
  uflpa: { id: 'edition-u', edition: uflpa },
  cbp: { id: 'edition-c', edition: cbp },
});

function supplier(overrides: Partial<SupplierRecord> = {}): SupplierRecord {
  return {
    name: 'Hotan Taida Apparel',
    country: 'CN',
    region: 'Guangdong',
    products: ['Polyester jackets'],
    ...overrides,
  };
}

function stored(hit: FreshHit, overrides: Partial<StoredHit> = {}): StoredHit {
  return { ...openHitOf(hit, `stored-${hit.entryId}`), ...overrides };
}

function uflpaHit(record: SupplierRecord, within = catalog, screen = index): FreshHit {
  const hit = screenSupplier(screen, within, record).find((candidate) => candidate.list === 'uflpa');
  expect(hit).toBeDefined();
  return hit!;
}

describe(screenSupplier.name, () => {
  it('raises one hit per listed entity, however many rows the list gives it, citing every section', () => {
    const hits = screenSupplier(index, catalog, supplier()).filter((hit) => hit.kind === 'name');
    expect(hits.map((hit) => [hit.list, hit.entryName, hit.details.section])).toEqual([
      ['cbp-wro', 'Hetian Taida Apparel Co., Ltd.', 'WRO'],
      ['uflpa', 'Hetian Taida Apparel Co., Ltd', '2(d)(2)(B)(i); 2(d)(2)(B)(v)'],
    ]);
    expect(hits[1]).toMatchObject({
      entryId: 'hetiantaidaapparelcoltd',
      partyRole: 'supplier',
      editionId: 'edition-u',
      details: { effectiveDate: '2022-06-21', editionAsOf: '2026-08-03' },
    });
  });

  it('keys a name hit by the names screened, and an area hit by place and products', () => {
    const base = screenSupplier(index, catalog, supplier({ region: 'Xinjiang', products: ['Cotton yarn'] }));
    const renamedParent = screenSupplier(
      index,
      catalog,
      supplier({ region: 'Xinjiang', products: ['Cotton yarn'], parentCompany: 'Taida Holdings' }),
    );
    const otherProducts = screenSupplier(
      index,
      catalog,
      supplier({ region: 'Xinjiang', products: ['Cotton yarn', 'Cotton fabric'] }),
    );
    const key = (hits: FreshHit[], kind: string) => hits.find((hit) => hit.kind === kind)!.namesKey;
    expect(key(renamedParent, 'name')).not.toBe(key(base, 'name'));
    expect(key(renamedParent, 'area')).toBe(key(base, 'area'));
    expect(key(otherProducts, 'name')).toBe(key(base, 'name'));
    expect(key(otherProducts, 'area')).not.toBe(key(base, 'area'));
  });

  it('gives an entry a new key when the list changes its aliases, and the same key in an identical edition', () => {
    const content = shippedBytes('uflpa_entity_list.csv').toString('utf8');
    const edition = (text: string) =>
      parseUflpaEdition({ file: 'uflpa.csv', content: text, asOf: '2026-11-20', source: 'DHS' });
    const same = edition(content);
    const changed = edition(content.replace('Hetian TEDA Garment', 'Hetian TEDA Garment; Taida Knitwear'));
    const keyIn = (next: ReturnType<typeof edition>) => {
      const within = entryCatalog({ uflpa: { id: 'next', edition: next } });
      return uflpaHit(supplier(), within, new ScreeningIndex({ uflpa: next })).entryKey;
    };
    expect(keyIn(same)).toBe(uflpaHit(supplier()).entryKey);
    expect(keyIn(changed)).not.toBe(uflpaHit(supplier()).entryKey);
  });
});

describe(reconcileHits.name, () => {
  const fresh = uflpaHit(supplier());

  it('inserts a hit raised for the first time', () => {
    expect(reconcileHits([], [fresh], catalog)).toEqual({ inserts: [fresh], again: [], lapsed: [] });
  });

  it('keeps a decision when the same entry and the same names are raised again', () => {
    const dismissed = stored(fresh, { status: 'dismissed', reason: 'Other company', decidedBy: 'officer' });
    expect(reconcileHits([dismissed], [fresh], catalog)).toEqual({
      inserts: [],
      again: [{ id: dismissed.id, hit: fresh, status: 'dismissed' }],
      lapsed: [],
    });
  });

  it('raises the question again when the entry or the names changed, keeping the dismissal as history', () => {
    const dismissed = stored(fresh, {
      status: 'dismissed',
      reason: 'Other company',
      namesKey: 'before-rename',
    });
    expect(reconcileHits([dismissed], [fresh], catalog)).toEqual({
      inserts: [fresh],
      again: [],
      lapsed: [{ id: dismissed.id, status: 'dismissed' }],
    });
  });

  it('withdraws an open hit no longer raised, and re-opens it when raised again', () => {
    const open = stored(fresh);
    expect(reconcileHits([open], [], catalog).lapsed).toEqual([{ id: open.id, status: 'withdrawn' }]);
    const withdrawn = stored(fresh, { status: 'withdrawn', current: false });
    expect(reconcileHits([withdrawn], [fresh], catalog).again).toEqual([
      { id: withdrawn.id, hit: fresh, status: 'open' },
    ]);
  });

  it('keeps a confirmation in force while its entry is on the list, whatever the supplier is called since', () => {
    const confirmed = stored(fresh, {
      status: 'confirmed',
      reason: 'Same company',
      namesKey: 'before-rename',
    });
    expect(reconcileHits([confirmed], [fresh], catalog)).toEqual({ inserts: [], again: [], lapsed: [] });
    const delisted = new Map([...catalog].filter(([key]) => !key.startsWith('uflpa:')));
    expect(reconcileHits([confirmed], [], delisted).lapsed).toEqual([
      { id: confirmed.id, status: 'confirmed' },
    ]);
    // The entry changed: the confirmation stays and the changed entry is asked about.
    const changedEntry = { ...fresh, entryKey: 'changed-entry' };
    expect(reconcileHits([confirmed], [changedEntry], catalog).inserts).toEqual([changedEntry]);
  });
});

describe(needsWriting.name, () => {
  const fresh = uflpaHit(supplier());

  it('leaves a hit raised again as it was alone, and rewrites one whose status or match changed', () => {
    const open = stored(fresh);
    expect(needsWriting(open, { id: open.id, hit: fresh, status: 'open' })).toBe(false);
    expect(
      needsWriting(stored(fresh, { status: 'withdrawn', current: false }), {
        id: open.id,
        hit: fresh,
        status: 'open',
      }),
    ).toBe(true);
    expect(
      needsWriting(open, {
        id: open.id,
        hit: { ...fresh, score: 0.7, strength: 'potential' },
        status: 'open',
      }),
    ).toBe(true);
  });
});

describe(hitsAfter.name, () => {
  const fresh = uflpaHit(supplier());

  it('gives the hits as they are once a reconciliation is written, so the findings need no second read', () => {
    const open = stored(fresh);
    const dismissed = stored(fresh, { id: 'old', status: 'dismissed', reason: 'x', namesKey: 'before' });
    const change = reconcileHits(
      [open, dismissed],
      [fresh, { ...fresh, entryId: 'other', entryKey: 'k' }],
      catalog,
    );
    const after = hitsAfter([open, dismissed], change);
    expect(after.map((hit) => [hit.id, hit.entryId, hit.status, hit.current])).toEqual([
      [open.id, fresh.entryId, 'open', true],
      ['old', fresh.entryId, 'dismissed', false],
      ['', 'other', 'open', true],
    ]);
    expect(findingsOf(after)?.openHits).toBe(2);
  });
});

describe(findingsOf.name, () => {
  const fresh = uflpaHit(supplier());

  it('is null without a current hit, and counts current dismissals, which change nothing in the assessment', () => {
    expect(findingsOf([])).toBeNull();
    expect(findingsOf([stored(fresh, { current: false })])).toBeNull();
    expect(findingsOf([stored(fresh, { status: 'withdrawn', current: false })])).toBeNull();
    expect(findingsOf([stored(fresh, { status: 'dismissed', reason: 'x' })])).toEqual({
      confirmed: [],
      openHits: 0,
      dismissed: 1,
    });
  });

  it('counts open hits and cites confirmed ones with who decided when and why', () => {
    const confirmed = stored(fresh, {
      status: 'confirmed',
      reason: 'Same registration number',
      decidedBy: 'officer@brand.example',
      decidedAt: new Date('2026-12-07T10:00:00Z'),
    });
    expect(findingsOf([confirmed, stored({ ...fresh, entryId: 'other' })])).toEqual({
      confirmed: [
        {
          list: 'uflpa',
          editionAsOf: '2026-08-03',
          entryName: 'Hetian Taida Apparel Co., Ltd',
          section: '2(d)(2)(B)(i); 2(d)(2)(B)(v)',
          effectiveDate: '2022-06-21',
          matched: fresh.listedName,
          party: 'supplier name "Hotan Taida Apparel"',
          decidedBy: 'officer@brand.example',
          decidedOn: '2026-12-07',
          reason: 'Same registration number',
        },
      ],
      openHits: 1,
    });
  });
});
