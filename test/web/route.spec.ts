import { describe, expect, it } from '@jest/globals';
import { hrefFor, isPageHref, parseRoute, sectionOf, type Route } from '../../web/src/lib/route.js';

const ID = '3f1c2b9e-8a7d-4c6b-9e5f-0a1b2c3d4e5f';

describe(parseRoute.name, () => {
  it.each<[string, string, Route]>([
    ['/', '', { view: 'overview' }],
    ['/app', '', { view: 'overview' }],
    ['/app/overview', '', { view: 'overview' }],
    ['/app/suppliers', '?tier=high', { view: 'suppliers', search: 'tier=high' }],
    ['/app/suppliers/', '', { view: 'suppliers', search: '' }],
    [`/app/suppliers/${ID}`, '', { view: 'supplier', id: ID }],
    [`/app/suppliers/${ID.toUpperCase()}`, '', { view: 'supplier', id: ID }],
    ['/app/data-gaps', '?country=CN,BD', { view: 'data-gaps', search: 'country=CN,BD' }],
    ['/app/import', '', { view: 'import' }],
    [`/app/import/${ID}`, '', { view: 'import', batchId: ID }],
    ['/app/rules', '', { view: 'rules' }],
    ['/app/reports', '', { view: 'reports' }],
    ['/app/matches', '', { view: 'matches', status: 'pending' }],
    ['/app/matches', '?status=confirmed', { view: 'matches', status: 'confirmed' }],
    ['/app/matches', '?status=rejected', { view: 'matches', status: 'rejected' }],
    ['/app/matches', '?status=whatever', { view: 'matches', status: 'pending' }],
    ['/app/screening', '', { view: 'screening', status: 'open' }],
    ['/app/screening', '?status=dismissed', { view: 'screening', status: 'dismissed' }],
    [
      '/app/screening',
      `?status=all&list=cbp-wro&supplier=${ID.toUpperCase()}`,
      { view: 'screening', status: 'all', list: 'cbp-wro', supplier: ID },
    ],
    ['/app/screening', '?status=maybe&list=ofac&supplier=not-an-id', { view: 'screening', status: 'open' }],
  ])('reads %s%s', (path, search, route) => {
    expect(parseRoute(path, search)).toEqual(route);
  });

  it.each([
    '/app/suppliers/not-an-id',
    '/app/rules/extra',
    `/app/matches/${ID}`,
    `/app/screening/${ID}`,
    '/app/nowhere',
    '/app/data-gaps/extra',
    '/suppliers',
    `/app/suppliers/${ID}/more`,
  ])('has no page at %s', (path) => {
    expect(parseRoute(path)).toEqual({ view: 'not-found', path });
  });
});

describe(hrefFor.name, () => {
  it.each<Route>([
    { view: 'overview' },
    { view: 'suppliers', search: 'tier=high,critical' },
    { view: 'suppliers', search: '' },
    { view: 'supplier', id: ID },
    { view: 'data-gaps', search: '' },
    { view: 'data-gaps', search: 'tier=high&country=CN' },
    { view: 'import' },
    { view: 'import', batchId: ID },
    { view: 'rules' },
    { view: 'reports' },
    { view: 'matches', status: 'pending' },
    { view: 'matches', status: 'confirmed' },
    { view: 'matches', status: 'rejected' },
    { view: 'screening', status: 'open' },
    { view: 'screening', status: 'withdrawn', list: 'uflpa' },
    { view: 'screening', status: 'all', supplier: ID },
    { view: 'screening', status: 'open', list: 'cbp-wro', supplier: ID },
  ])('writes an address that reads back as the same page: %p', (route) => {
    const href = hrefFor(route);
    const [path, search] = href.split('?');
    expect(parseRoute(path, search ? `?${search}` : '')).toEqual(route);
  });
});

describe(sectionOf.name, () => {
  it('puts a supplier page under Suppliers and an unknown page nowhere', () => {
    expect(sectionOf({ view: 'supplier', id: ID })).toBe('suppliers');
    expect(sectionOf({ view: 'rules' })).toBe('rules');
    expect(sectionOf({ view: 'screening', status: 'all', supplier: ID })).toBe('screening');
    expect(sectionOf({ view: 'not-found', path: '/x' })).toBeUndefined();
  });
});

describe(isPageHref.name, () => {
  it('handles page addresses itself and leaves API and download addresses to the browser', () => {
    expect(isPageHref('/')).toBe(true);
    expect(isPageHref('/app/suppliers?tier=high')).toBe(true);
    expect(isPageHref('/suppliers/export.xlsx')).toBe(false);
    expect(isPageHref('/imports/template.xlsx')).toBe(false);
    expect(isPageHref('/api/docs')).toBe(false);
    expect(isPageHref('/application')).toBe(false);
  });
});
