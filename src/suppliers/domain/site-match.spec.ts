import { describe, expect, it } from '@jest/globals';
import { matchSite, type StoredSite } from './site-match.js';
import type { SupplierRecord } from './supplier-record.js';

function makeSite(id: string, profile: Partial<SupplierRecord> = {}): StoredSite {
  return { id, country: 'LK', profile: { name: 'Hirdaramani Apparel', country: 'LK', ...profile } };
}

const ROW = { name: 'Hirdaramani Apparel', country: 'LK', address: 'Mihila, Agalawatta', city: 'Agalawatta' };

describe(matchSite.name, () => {
  it('matches the list’s own reference first', () => {
    const site = makeSite('a', { address: 'Elsewhere 1' });
    expect(matchSite(ROW, { byReference: site, byKey: [], byName: [] }, new Set())).toEqual({
      site,
      evidence: 'reference',
    });
  });

  it('matches the exact site key', () => {
    const site = makeSite('a', { address: 'Mihila, Agalawatta' });
    expect(matchSite(ROW, { byKey: [site], byName: [site] }, new Set())?.evidence).toBe('site-key');
  });

  it('never matches another site of the group: same name, another address', () => {
    const other = makeSite('b', { address: 'Kahatagasdigiliya Road', city: 'Kahatagasdigiliya' });
    expect(matchSite(ROW, { byKey: [], byName: [other] }, new Set())).toBeUndefined();
  });

  it('matches a site known only by name and city, as weaker evidence', () => {
    const byName = makeSite('c', { city: 'AGALAWATTA' });
    expect(matchSite(ROW, { byKey: [], byName: [byName] }, new Set())).toEqual({
      site: byName,
      evidence: 'name-city',
    });
  });

  it('matches a row without an address on the name within the country when one site has that name', () => {
    const site = makeSite('d', { address: 'Mihila, Agalawatta' });
    expect(
      matchSite({ name: 'Hirdaramani Apparel', country: 'LK' }, { byKey: [], byName: [site] }, new Set())
        ?.evidence,
    ).toBe('name-country');
  });

  it('does not guess between several sites of the same name', () => {
    const sites = [makeSite('e', { city: 'Agalawatta' }), makeSite('f', { city: 'Agalawatta' })];
    expect(matchSite(ROW, { byKey: [], byName: sites }, new Set())).toBeUndefined();
  });

  it('does not match a site of another city', () => {
    expect(
      matchSite(ROW, { byKey: [], byName: [makeSite('g', { city: 'Colombo' })] }, new Set()),
    ).toBeUndefined();
  });

  it('does not give one site to two rows of the same upload', () => {
    const site = makeSite('h', { city: 'Agalawatta' });
    expect(
      matchSite(ROW, { byReference: site, byKey: [site], byName: [site] }, new Set(['h'])),
    ).toBeUndefined();
  });
});
