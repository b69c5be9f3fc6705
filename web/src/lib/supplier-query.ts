import {
  RISK_TIERS,
  SECTORS,
  SUPPLIER_SORTS,
  type RiskTier,
  type Sector,
  type SortOrder,
  type SupplierSort,
} from '../api/types.js';

// The supplier list's state lives in the address bar (so a filtered view can be bookmarked and shared) and is sent
// to GET /suppliers as the same query string.

export interface SupplierQuery {
  tier: RiskTier[];
  sector: Sector[];
  /** ISO 3166 alpha-2 codes, upper case. */
  country: string[];
  /** Only with red flags (true), only without (false), or either (null). */
  redFlag: boolean | null;
  q: string;
  sort: SupplierSort;
  /** null = the sort's natural order (priority, score and last update: highest first; name, country: A-Z). */
  order: SortOrder | null;
  page: number;
  pageSize: number;
}

export const PAGE_SIZES = [25, 50, 100, 200] as const;

export const DEFAULT_SUPPLIER_QUERY: SupplierQuery = {
  tier: [],
  sector: [],
  country: [],
  redFlag: null,
  q: '',
  sort: 'priority',
  order: null,
  page: 1,
  pageSize: 50,
};

const NATURAL_ORDER: Record<SupplierSort, SortOrder> = {
  priority: 'desc',
  score: 'desc',
  name: 'asc',
  country: 'asc',
  updated: 'desc',
};

const COUNTRY_CODE = /^[A-Z]{2}$/;
const MAX_PAGE = 100_000;

function list(params: URLSearchParams, key: string): string[] {
  return params
    .getAll(key)
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter(Boolean);
}

function oneOf<T extends string>(allowed: readonly T[], value: string | null): T | undefined {
  return allowed.find((candidate) => candidate === value);
}

function positiveInt(value: string | null, fallback: number, max: number): number {
  const parsed = value === null ? NaN : Number(value);
  return Number.isInteger(parsed) && parsed >= 1 && parsed <= max ? parsed : fallback;
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

/** Reads a query string leniently: anything the API would refuse is dropped, so an old bookmark still opens. */
export function parseSupplierQuery(search: string): SupplierQuery {
  const params = new URLSearchParams(search);
  const redFlag = params.get('redFlag');
  const pageSize = Number(params.get('pageSize'));
  return {
    tier: unique(list(params, 'tier').flatMap((t) => oneOf(RISK_TIERS, t.toLowerCase()) ?? [])),
    sector: unique(list(params, 'sector').flatMap((s) => oneOf(SECTORS, s.toLowerCase()) ?? [])),
    country: unique(list(params, 'country').map((c) => c.toUpperCase())).filter((c) => COUNTRY_CODE.test(c)),
    redFlag: redFlag === 'true' ? true : redFlag === 'false' ? false : null,
    q: (params.get('q') ?? '').trim().slice(0, 200),
    sort: oneOf(SUPPLIER_SORTS, params.get('sort')) ?? DEFAULT_SUPPLIER_QUERY.sort,
    order: oneOf(['asc', 'desc'] as const, params.get('order')) ?? null,
    page: positiveInt(params.get('page'), 1, MAX_PAGE),
    pageSize: (PAGE_SIZES as readonly number[]).includes(pageSize)
      ? pageSize
      : DEFAULT_SUPPLIER_QUERY.pageSize,
  };
}

/**
 * The canonical query string (no leading "?"): values in a fixed order, defaults left out, so the same view always
 * has the same address. `forApi` also spells out paging, which the address bar leaves implicit.
 */
export function supplierQueryString(query: SupplierQuery, options: { forApi?: boolean } = {}): string {
  const params = new URLSearchParams();
  const ordered = <T extends string>(values: T[], order: readonly T[]): T[] =>
    order.filter((value) => values.includes(value));
  if (query.tier.length) {
    params.set('tier', ordered(query.tier, RISK_TIERS).join(','));
  }
  if (query.sector.length) {
    params.set('sector', ordered(query.sector, SECTORS).join(','));
  }
  if (query.country.length) {
    params.set('country', [...query.country].sort().join(','));
  }
  if (query.redFlag !== null) {
    params.set('redFlag', String(query.redFlag));
  }
  if (query.q.trim()) {
    params.set('q', query.q.trim());
  }
  if (options.forApi || query.sort !== DEFAULT_SUPPLIER_QUERY.sort) {
    params.set('sort', query.sort);
  }
  if (query.order !== null) {
    params.set('order', query.order);
  }
  if (options.forApi || query.page !== 1) {
    params.set('page', String(query.page));
  }
  if (options.forApi || query.pageSize !== DEFAULT_SUPPLIER_QUERY.pageSize) {
    params.set('pageSize', String(query.pageSize));
  }
  // URLSearchParams writes "," as "%2C"; commas are legal in a query and far easier to read in the address bar.
  return params.toString().replace(/%2C/g, ',');
}

/** Only the filters (no sort, no paging): what the export and the portfolio report accept. */
export function supplierFilterString(query: SupplierQuery): string {
  return supplierQueryString({ ...DEFAULT_SUPPLIER_QUERY, ...pickFilters(query) });
}

function pickFilters(
  query: SupplierQuery,
): Pick<SupplierQuery, 'tier' | 'sector' | 'country' | 'redFlag' | 'q'> {
  return {
    tier: query.tier,
    sector: query.sector,
    country: query.country,
    redFlag: query.redFlag,
    q: query.q,
  };
}

/** A filter change sends the reader back to the first page (page 7 of the old result may not exist). */
export function withFilters(
  query: SupplierQuery,
  patch: Partial<Pick<SupplierQuery, 'tier' | 'sector' | 'country' | 'redFlag' | 'q' | 'pageSize'>>,
): SupplierQuery {
  return { ...query, ...patch, page: 1 };
}

export function effectiveOrder(query: Pick<SupplierQuery, 'sort' | 'order'>): SortOrder {
  return query.order ?? NATURAL_ORDER[query.sort];
}

/** A click on a column header: a new column sorts in its natural order, the same column flips. */
export function toggleSort(query: SupplierQuery, sort: SupplierSort): SupplierQuery {
  if (query.sort !== sort) {
    return { ...query, sort, order: null, page: 1 };
  }
  const flipped: SortOrder = effectiveOrder(query) === 'asc' ? 'desc' : 'asc';
  return { ...query, order: flipped === NATURAL_ORDER[sort] ? null : flipped, page: 1 };
}

export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/** "Showing 51-100 of 1,234" as numbers; an empty result shows 0-0. */
export function pageRange(page: number, pageSize: number, total: number): { first: number; last: number } {
  if (total === 0) {
    return { first: 0, last: 0 };
  }
  const first = Math.min((page - 1) * pageSize + 1, total);
  return { first, last: Math.min(page * pageSize, total) };
}

/**
 * What a reader types in the country box ("Malaysia, th; Viet Nam") as alpha-2 codes, and the parts that name no
 * country. Two letters are taken as a code; anything longer goes through `lookup` (a country name).
 */
export function parseCountryInput(
  input: string,
  lookup: (name: string) => string | undefined,
): { codes: string[]; invalid: string[] } {
  const parts = input
    .split(/[,;\n]+/)
    .map((part) => part.trim())
    .filter(Boolean);
  const codes: string[] = [];
  const invalid: string[] = [];
  for (const part of parts) {
    const code = COUNTRY_CODE.test(part.toUpperCase()) ? part.toUpperCase() : lookup(part);
    if (code) {
      codes.push(code);
    } else {
      invalid.push(part);
    }
  }
  return { codes: unique(codes), invalid };
}

export function hasFilters(query: SupplierQuery): boolean {
  return (
    query.tier.length > 0 ||
    query.sector.length > 0 ||
    query.country.length > 0 ||
    query.redFlag !== null ||
    query.q.trim() !== ''
  );
}
