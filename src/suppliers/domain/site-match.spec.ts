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
    const other = makeSite('o', { address: 'Mihila, Agalawatta' });
    expect(
      matchSite({ ...ROW, externalRef: 'V-1001' }, { byEntry: site, byKey: [other], byName: [] }, new Set()),
    ).toEqual({ match: { site, evidence: 'reference' }, potential: [] });
  });

  it('matches the site the list’s own spelling pointed to, where the key alone names two sites', () => {
    const site = makeSite('a', { address: 'Mihila, Agalawatta' });
    const other = makeSite('o', { address: 'Mihila, Agalawatta' });
    expect(matchSite(ROW, { byEntry: site, byKey: [site, other], byName: [] }, new Set())).toEqual({
      match: { site, evidence: 'site-key' },
      potential: [],
    });
  });

  it('matches the exact site key', () => {
    const site = makeSite('a', { address: 'Mihila, Agalawatta' });
    expect(matchSite(ROW, { byKey: [site], byName: [site] }, new Set()).match?.evidence).toBe('site-key');
  });

  it('never matches another site of the group: same name, another address in another town', () => {
    const other = makeSite('b', { address: 'No. 12, Kahatagasdigiliya Road', city: 'Kahatagasdigiliya' });
    expect(matchSite(ROW, { byKey: [], byName: [other] }, new Set())).toEqual({ potential: [] });
  });

  it('matches a site known only by name and city, as weaker evidence', () => {
    const byName = makeSite('c', { city: 'AGALAWATTA' });
    expect(matchSite(ROW, { byKey: [], byName: [byName] }, new Set()).match).toEqual({
      site: byName,
      evidence: 'name-city',
    });
  });

  it('matches a row without an address on the name within the country when one site has that name', () => {
    const site = makeSite('d', { address: 'Mihila, Agalawatta' });
    expect(
      matchSite({ name: 'Hirdaramani Apparel', country: 'LK' }, { byKey: [], byName: [site] }, new Set())
        .match?.evidence,
    ).toBe('name-country');
  });

  it('does not guess between several sites of the same name: both are possible duplicates', () => {
    const sites = [makeSite('e', { city: 'Agalawatta' }), makeSite('f', { city: 'Agalawatta' })];
    const sut = matchSite(ROW, { byKey: [], byName: sites }, new Set());
    expect(sut.match).toBeUndefined();
    expect(sut.potential.map((p) => p.site.id).sort()).toEqual(['e', 'f']);
  });

  it('does not match a site of another city', () => {
    expect(
      matchSite(ROW, { byKey: [], byName: [makeSite('g', { city: 'Colombo' })] }, new Set()).match,
    ).toBeUndefined();
  });

  it('does not give one site to two rows of the same upload', () => {
    const site = makeSite('h', { city: 'Agalawatta' });
    expect(matchSite(ROW, { byEntry: site, byKey: [site], byName: [site] }, new Set(['h']))).toEqual({
      potential: [],
    });
  });

  it('matches the same address written with the city and district added, by similarity', () => {
    const site: StoredSite = {
      id: 'i',
      country: 'KH',
      profile: {
        name: 'Golden Lotus Clothing (Cambodia) Ltd.',
        country: 'KH',
        address: 'National Road 4, Sangkat Kantouk, Khan Posenchey',
        city: 'Phnom Penh',
      },
    };
    const sut = matchSite(
      {
        name: 'GOLDEN LOTUS CLOTHING CAMBODIA CO LTD',
        country: 'KH',
        address: 'National Road No. 4, Sangkat Kantouk, Khan Posenchey, Phnom Penh 12405',
      },
      { byKey: [], byName: [site] },
      new Set(),
    );
    expect(sut.match).toMatchObject({ site: { id: 'i' }, evidence: 'fuzzy', score: expect.any(Number) });
  });

  it('flags a new site as a possible duplicate when its address is only close', () => {
    const site: StoredSite = {
      id: 'j',
      country: 'BD',
      profile: {
        name: 'Rahman Knit Composite Ltd.',
        country: 'BD',
        address: 'Plot # 25-27, Dhaka EPZ, Savar',
        city: 'Dhaka',
      },
    };
    const sut = matchSite(
      {
        name: 'RAHMAN KNIT COMPOSITE LIMITED',
        country: 'BD',
        address: 'Plot 25-27, DEPZ, Ganakbari, Savar',
        city: 'Savar',
      },
      { byKey: [], byName: [site] },
      new Set(),
    );
    expect(sut.match).toBeUndefined();
    expect(sut.potential).toEqual([expect.objectContaining({ site, score: expect.any(Number) })]);
  });
});
