// The page's addresses. Everything lives under /app/ (plus / for the overview) so that no page address is ever an
// API address: /suppliers is the JSON list, /app/suppliers the page that shows it.

import { LIST_KINDS, MATCH_STATUSES, type MatchStatus } from '../api/types.js';
import { HIT_STATUS_FILTERS, type ScreeningFilter } from './screening.js';

export type Route =
  | { view: 'overview' }
  | { view: 'suppliers'; search: string }
  | { view: 'supplier'; id: string }
  | { view: 'data-gaps'; search: string }
  | { view: 'import'; batchId?: string }
  | { view: 'matches'; status: MatchStatus }
  | ({ view: 'screening' } & ScreeningFilter)
  | { view: 'rules' }
  | { view: 'reports' }
  | { view: 'not-found'; path: string };

export type View = Route['view'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The ?status= of the possible-duplicates page; anything else shows the questions still open. */
function matchStatusOf(search: string): MatchStatus {
  const status = new URLSearchParams(search).get('status');
  return MATCH_STATUSES.find((known) => known === status) ?? 'pending';
}

/** The screening page's ?status=, ?list= and ?supplier=; unknown values fall back to the open hits of every list. */
function screeningFilterOf(search: string): ScreeningFilter {
  const query = new URLSearchParams(search);
  const status = HIT_STATUS_FILTERS.find((known) => known === query.get('status')) ?? 'open';
  const list = LIST_KINDS.find((known) => known === query.get('list'));
  const supplier = query.get('supplier') ?? '';
  return {
    status,
    ...(list ? { list } : {}),
    ...(UUID.test(supplier) ? { supplier: supplier.toLowerCase() } : {}),
  };
}

export function parseRoute(pathname: string, search = ''): Route {
  const parts = pathname.replace(/\/+$/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0 || (parts.length === 1 && parts[0] === 'app')) {
    return { view: 'overview' };
  }
  if (parts[0] !== 'app') {
    return { view: 'not-found', path: pathname };
  }
  const [, section, id, ...rest] = parts;
  if (rest.length === 0) {
    switch (section) {
      case 'overview':
        if (!id) {
          return { view: 'overview' };
        }
        break;
      case 'suppliers':
        if (!id) {
          return { view: 'suppliers', search: search.replace(/^\?/, '') };
        }
        if (UUID.test(id)) {
          return { view: 'supplier', id: id.toLowerCase() };
        }
        break;
      case 'data-gaps':
        if (!id) {
          return { view: 'data-gaps', search: search.replace(/^\?/, '') };
        }
        break;
      case 'import':
        if (!id) {
          return { view: 'import' };
        }
        if (UUID.test(id)) {
          return { view: 'import', batchId: id.toLowerCase() };
        }
        break;
      case 'matches':
        if (!id) {
          return { view: 'matches', status: matchStatusOf(search) };
        }
        break;
      case 'screening':
        if (!id) {
          return { view: 'screening', ...screeningFilterOf(search) };
        }
        break;
      case 'rules':
        if (!id) {
          return { view: 'rules' };
        }
        break;
      case 'reports':
        if (!id) {
          return { view: 'reports' };
        }
        break;
    }
  }
  return { view: 'not-found', path: pathname };
}

export function hrefFor(route: Route): string {
  switch (route.view) {
    case 'overview':
      return '/';
    case 'suppliers':
      return route.search ? `/app/suppliers?${route.search}` : '/app/suppliers';
    case 'supplier':
      return `/app/suppliers/${encodeURIComponent(route.id)}`;
    case 'data-gaps':
      return route.search ? `/app/data-gaps?${route.search}` : '/app/data-gaps';
    case 'import':
      return route.batchId ? `/app/import/${encodeURIComponent(route.batchId)}` : '/app/import';
    case 'matches':
      return route.status === 'pending' ? '/app/matches' : `/app/matches?status=${route.status}`;
    case 'screening': {
      const query = new URLSearchParams();
      if (route.status !== 'open') {
        query.set('status', route.status);
      }
      if (route.list) {
        query.set('list', route.list);
      }
      if (route.supplier) {
        query.set('supplier', route.supplier);
      }
      const search = query.toString();
      return search ? `/app/screening?${search}` : '/app/screening';
    }
    case 'rules':
      return '/app/rules';
    case 'reports':
      return '/app/reports';
    case 'not-found':
      return route.path;
  }
}

/** The main navigation entry a route belongs to (a supplier page belongs to "Suppliers"). */
export function sectionOf(route: Route): View | undefined {
  if (route.view === 'supplier') {
    return 'suppliers';
  }
  return route.view === 'not-found' ? undefined : route.view;
}

/** Links the page handles itself (same origin, a page address); anything else is a normal browser navigation. */
export function isPageHref(href: string): boolean {
  return href === '/' || href === '/app' || href.startsWith('/app/') || href.startsWith('/app?');
}
