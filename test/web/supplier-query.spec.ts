import { describe, expect, it } from '@jest/globals';
import {
  DEFAULT_SUPPLIER_QUERY,
  effectiveOrder,
  hasFilters,
  pageCount,
  pageRange,
  parseCountryInput,
  parseSupplierQuery,
  supplierFilterString,
  supplierQueryString,
  toggleSort,
  withFilters,
  type SupplierQuery,
} from '../../web/src/lib/supplier-query.js';

function makeQuery(overrides: Partial<SupplierQuery> = {}): SupplierQuery {
  return { ...DEFAULT_SUPPLIER_QUERY, ...overrides };
}

describe(parseSupplierQuery.name, () => {
  it('reads every filter, the sort and the paging', () => {
    expect(
      parseSupplierQuery(
        '?tier=high,critical&sector=garments&country=my,TH&redFlag=true&q=%20saigon%20&sort=score&order=asc&page=3&pageSize=100',
      ),
    ).toEqual({
      tier: ['high', 'critical'],
      sector: ['garments'],
      country: ['MY', 'TH'],
      redFlag: true,
      q: 'saigon',
      sort: 'score',
      order: 'asc',
      page: 3,
      pageSize: 100,
    });
  });

  it('gives the defaults for an empty address', () => {
    expect(parseSupplierQuery('')).toEqual(DEFAULT_SUPPLIER_QUERY);
  });

  it('drops what the API would refuse, so an old or hand-edited link still opens', () => {
    expect(
      parseSupplierQuery(
        'tier=high,severe&sector=toys&country=Malaysia,VN&redFlag=maybe&sort=size&order=up&page=-2&pageSize=7',
      ),
    ).toEqual(makeQuery({ tier: ['high'], country: ['VN'] }));
  });

  it('accepts repeated parameters and drops duplicates', () => {
    expect(parseSupplierQuery('tier=high&tier=high,low').tier).toEqual(['high', 'low']);
  });
});

describe(supplierQueryString.name, () => {
  it('leaves the defaults out of the address', () => {
    expect(supplierQueryString(DEFAULT_SUPPLIER_QUERY)).toBe('');
  });

  it('spells out sort and paging for the API', () => {
    expect(supplierQueryString(DEFAULT_SUPPLIER_QUERY, { forApi: true })).toBe(
      'sort=priority&page=1&pageSize=50',
    );
  });

  it('writes values in a fixed order with readable commas', () => {
    const query = makeQuery({
      tier: ['critical', 'high'],
      country: ['TH', 'MY'],
      redFlag: false,
      q: 'co, ltd',
      page: 2,
    });
    expect(supplierQueryString(query)).toBe(
      'tier=high,critical&country=MY,TH&redFlag=false&q=co,+ltd&page=2',
    );
  });

  it('reads back as the same query (round trip)', () => {
    const query = makeQuery({
      tier: ['low', 'medium'],
      sector: ['agriculture', 'fishing'],
      country: ['CI', 'GH'],
      redFlag: true,
      q: 'Cocoa & Co',
      sort: 'name',
      order: 'desc',
      page: 4,
      pageSize: 25,
    });
    expect(parseSupplierQuery(supplierQueryString(query))).toEqual(query);
  });
});

describe(supplierFilterString.name, () => {
  it('keeps only the filters, for the export that accepts no sort or paging', () => {
    const query = makeQuery({ tier: ['high'], sort: 'name', order: 'asc', page: 3, pageSize: 100 });
    expect(supplierFilterString(query)).toBe('tier=high');
  });
});

describe(withFilters.name, () => {
  it('goes back to page 1 when a filter changes', () => {
    expect(withFilters(makeQuery({ page: 7 }), { tier: ['critical'] })).toEqual(
      makeQuery({ tier: ['critical'], page: 1 }),
    );
  });
});

describe(toggleSort.name, () => {
  it('sorts a new column in its natural order', () => {
    const next = toggleSort(makeQuery({ page: 3 }), 'name');
    expect(next).toMatchObject({ sort: 'name', order: null, page: 1 });
    expect(effectiveOrder(next)).toBe('asc');
  });

  it('flips the order on a second click and back on a third', () => {
    const once = toggleSort(makeQuery(), 'score');
    expect(effectiveOrder(once)).toBe('desc');
    const twice = toggleSort(once, 'score');
    expect(twice.order).toBe('asc');
    const thrice = toggleSort(twice, 'score');
    expect(thrice.order).toBeNull();
    expect(effectiveOrder(thrice)).toBe('desc');
  });
});

describe(pageCount.name, () => {
  it('counts at least one page', () => {
    expect(pageCount(0, 50)).toBe(1);
    expect(pageCount(50, 50)).toBe(1);
    expect(pageCount(51, 50)).toBe(2);
  });
});

describe(pageRange.name, () => {
  it('gives the rows a page shows', () => {
    expect(pageRange(2, 50, 120)).toEqual({ first: 51, last: 100 });
    expect(pageRange(3, 50, 120)).toEqual({ first: 101, last: 120 });
    expect(pageRange(1, 50, 0)).toEqual({ first: 0, last: 0 });
  });
});

describe(parseCountryInput.name, () => {
  const lookup = (name: string): string | undefined =>
    ({ malaysia: 'MY', 'viet nam': 'VN' })[name.toLowerCase()];

  it('takes two letters as codes and longer text as country names', () => {
    expect(parseCountryInput('Malaysia, th; Viet Nam', lookup)).toEqual({
      codes: ['MY', 'TH', 'VN'],
      invalid: [],
    });
  });

  it('reports what names no country and drops duplicates', () => {
    expect(parseCountryInput('MY, Atlantis, my', lookup)).toEqual({ codes: ['MY'], invalid: ['Atlantis'] });
  });

  it('gives nothing for an empty box', () => {
    expect(parseCountryInput(' , ', lookup)).toEqual({ codes: [], invalid: [] });
  });
});

describe(hasFilters.name, () => {
  it('ignores sort and paging', () => {
    expect(hasFilters(makeQuery({ sort: 'name', page: 3 }))).toBe(false);
    expect(hasFilters(makeQuery({ redFlag: false }))).toBe(true);
    expect(hasFilters(makeQuery({ q: '  ' }))).toBe(false);
  });
});
