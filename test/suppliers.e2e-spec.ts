import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from './support/test-app.js';
import { xlsxBuffer } from './support/workbooks.js';

describe('supplier list and detail', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp();
    const rows = [
      ['Vendor ID', 'Supplier name', 'Country', 'Sector', 'Passports retained', 'Annual spend'],
      ['A-1', 'Alpha Apparel', 'Bangladesh', 'garments', 'yes', 500000],
      ['A-2', 'Beta Beans', 'Ghana', 'cocoa', 'no', 100000],
      ['A-3', 'Gamma Gadgets', 'Malaysia', 'electronics', 'no', 900000],
      ['A-4', 'Delta Denim', 'Türkiye', 'garments', 'no', 50000],
      ['A-5', 'Epsilon Engineering', 'Germany', 'services', 'no', 10000],
    ];
    await sut
      .as()
      .post('/imports')
      .attach('file', await xlsxBuffer(rows), 'list.xlsx')
      .expect(201);
  });

  afterAll(async () => {
    await sut.close();
  });

  it('starts with the suppliers to act on first: tier, then red flags, then what they could reach', async () => {
    const list = await sut.as('procurement').get('/suppliers').expect(200);
    expect(list.body.total).toBe(5);
    const rank = { low: 0, medium: 1, high: 2, critical: 3 } as const;
    // Within a tier and its red flags, a supplier little is known about ranks by the top of its range, the others by
    // their score (the order of those is src/scoring/domain/priority.spec.ts's); here: tier and red flags.
    const keys = list.body.items.map(
      (s: { tier: keyof typeof rank; redFlagCount: number }) =>
        rank[s.tier] * 10 + Math.min(9, s.redFlagCount),
    );
    expect(keys).toEqual([...keys].sort((a: number, b: number) => b - a));
    for (const item of list.body.items) {
      const detail = (await sut.as('procurement').get(`/suppliers/${item.id}`).expect(200)).body;
      expect(detail.priorityReason).toContain(`${item.tier} assessed tier`);
    }
    // Passports retained is a forced-labour red flag: that supplier heads the list.
    expect(list.body.items[0]).toMatchObject({ externalRef: 'A-1', redFlagCount: expect.any(Number) });
    expect(list.body.items[0].redFlagCount).toBeGreaterThan(0);
  });

  it('filters by sector, country, red flag and text, and pages', async () => {
    const garments = await sut.as().get('/suppliers?sector=garments&sort=name').expect(200);
    expect(garments.body.items.map((s: { name: string }) => s.name)).toEqual([
      'Alpha Apparel',
      'Delta Denim',
    ]);
    const countries = await sut.as().get('/suppliers?country=gh,my&sort=name').expect(200);
    expect(countries.body.items.map((s: { country: string }) => s.country)).toEqual(['GH', 'MY']);
    const flagged = await sut.as().get('/suppliers?redFlag=true').expect(200);
    expect(flagged.body.items.map((s: { externalRef: string }) => s.externalRef)).toContain('A-1');
    expect(flagged.body.items.every((s: { redFlagCount: number }) => s.redFlagCount > 0)).toBe(true);
    const text = await sut.as().get('/suppliers?q=denim').expect(200);
    expect(text.body.items.map((s: { name: string }) => s.name)).toEqual(['Delta Denim']);
    const page = await sut.as().get('/suppliers?sort=name&pageSize=2&page=2').expect(200);
    expect(page.body).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(page.body.items.map((s: { name: string }) => s.name)).toEqual([
      'Delta Denim',
      'Epsilon Engineering',
    ]);
  });

  it('explains a bad query in words', async () => {
    const response = await sut.as().get('/suppliers?tier=severe&pageSize=9999').expect(400);
    expect(response.body.message).toContain('tier must be one of low, medium, high, critical');
    expect(response.body.message).toContain('pageSize');
    const unknown = await sut.as().get('/suppliers?colour=red').expect(400);
    expect(unknown.body.message).toContain('colour');
  });

  it('answers 404 for an unknown supplier and 400 for a malformed id', async () => {
    await sut.as().get('/suppliers/4b1b4b1b-1111-4111-8111-111111111111').expect(404);
    await sut.as().get('/suppliers/123').expect(400);
  });

  it('shows the dashboard overview from SQL aggregates', async () => {
    const overview = await sut.as('procurement').get('/dashboard/overview').expect(200);
    expect(overview.body).toMatchObject({ suppliers: 5, assessed: 5 });
    expect(overview.body.tiers.reduce((sum: number, t: { count: number }) => sum + t.count, 0)).toBe(5);
    expect(overview.body.bySector.find((s: { sector: string }) => s.sector === 'garments')).toMatchObject({
      count: 2,
    });
    expect(overview.body.byCountry.find((c: { country: string }) => c.country === 'TR')).toMatchObject({
      name: 'Türkiye',
      count: 1,
    });
    expect(overview.body.topPriority[0]).toMatchObject({ externalRef: 'A-1' });
    expect(overview.body.lastImport).toMatchObject({ fileName: 'list.xlsx', status: 'completed' });
    expect(overview.body.trend).toEqual([
      expect.objectContaining({ month: new Date().toISOString().slice(0, 7) }),
    ]);
    const { low, medium, high, critical } = overview.body.trend[0];
    expect(low + medium + high + critical).toBe(5);
  });

  it('shows a new import on the overview at once (the cached figures follow the data)', async () => {
    const before = await sut.as().get('/dashboard/overview').expect(200);
    const rows = [
      ['Supplier name', 'Country', 'Sector'],
      ['Zeta Zippers', 'China', 'garments'],
    ];
    await sut
      .as()
      .post('/imports')
      .attach('file', await xlsxBuffer(rows), 'more.xlsx')
      .expect(201);
    const after = await sut.as().get('/dashboard/overview').expect(200);
    expect(after.body.suppliers).toBe(before.body.suppliers + 1);
    expect(after.body.lastImport.fileName).toBe('more.xlsx');
    const { low, medium, high, critical } = after.body.trend[0];
    expect(low + medium + high + critical).toBe(after.body.suppliers);
  });
});

describe('mapping profiles', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp();
  });

  afterAll(async () => {
    await sut.close();
  });

  it('uses an explicit mapping sent with the upload, saves it, and applies it by name next time', async () => {
    const german = [
      ['Lieferant', 'Land', 'Branche'],
      ['Textilwerk Nord', 'Deutschland', 'garments'],
    ];
    const mapping = JSON.stringify({ Lieferant: 'name', Land: 'country', Branche: 'sector' });
    const first = await sut
      .as('compliance')
      .post('/imports')
      .field('mapping', mapping)
      .field('saveMappingAs', 'SAP Export DE')
      .attach('file', await xlsxBuffer(german), 'sap.xlsx')
      .expect(201);
    expect(first.body.counts).toMatchObject({ imported: 1, rejected: 0 });
    const second = await sut
      .as('compliance')
      .post('/imports')
      .field('mappingProfile', 'SAP Export DE')
      .attach('file', await xlsxBuffer([german[0], ['Spinnerei Süd', 'Austria', 'garments']]), 'sap2.xlsx')
      .expect(201);
    expect(second.body.counts).toMatchObject({ imported: 1, rejected: 0 });
    const list = await sut.as().get('/suppliers?sort=name').expect(200);
    expect(list.body.items.map((s: { name: string; country: string }) => [s.name, s.country])).toEqual([
      ['Spinnerei Süd', 'AT'],
      ['Textilwerk Nord', 'DE'],
    ]);
  });

  it('refuses an unknown profile and a mapping to a field that does not exist, changing nothing', async () => {
    const file = await xlsxBuffer([
      ['Lieferant', 'Land'],
      ['X', 'DE'],
    ]);
    const unknownProfile = await sut
      .as()
      .post('/imports')
      .field('mappingProfile', 'nope')
      .attach('file', file, 'a.xlsx');
    expect(unknownProfile.status).toBe(400);
    expect(unknownProfile.body.message).toContain('nope');
    const badField = await sut
      .as()
      .post('/imports')
      .field('mapping', JSON.stringify({ Lieferant: 'supplierName', Land: 'country' }))
      .attach('file', file, 'a.xlsx');
    expect(badField.status).toBe(400);
    expect(badField.body.code).toBe('INVALID_MAPPING');
  });

  it('names the sheets when the requested sheet is missing', async () => {
    const file = await xlsxBuffer(
      [
        ['Supplier', 'Country'],
        ['X', 'DE'],
      ],
      { sheetName: 'Vendors' },
    );
    const response = await sut
      .as()
      .post('/imports')
      .field('sheet', 'Lieferanten')
      .attach('file', file, 'a.xlsx');
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('SHEET_NOT_FOUND');
    expect(response.body.message).toContain('Vendors');
  });
});

describe('supplier list order and totals', () => {
  interface Listed {
    id: string;
    name: string;
    country: string;
    score: number | null;
    priority: number | null;
    updatedAt: string;
  }
  const SORT_KEYS = {
    priority: 'priority',
    score: 'score',
    name: 'name',
    country: 'country',
    updated: 'updatedAt',
  } as const;
  const DEFAULT_ORDER = {
    priority: 'desc',
    score: 'desc',
    name: 'asc',
    country: 'asc',
    updated: 'desc',
  } as const;
  let sut: TestApp;
  let all: Listed[];

  const ids = (items: { id: string }[]): string[] => items.map((s) => s.id);
  const byName = (name: string): Listed[] =>
    all.filter((s) => s.name === name).sort((a, b) => (a.id < b.id ? -1 : 1));

  /** NULL is the lowest value (first ascending, last descending); equal keys go by id, ascending either way. */
  function expectedOrder(key: (typeof SORT_KEYS)[keyof typeof SORT_KEYS], order: 'asc' | 'desc'): string[] {
    const sign = order === 'asc' ? 1 : -1;
    return [...all]
      .sort((a, b) => {
        const x = a[key];
        const y = b[key];
        if (x !== y) {
          if (x === null) {
            return -sign;
          }
          if (y === null) {
            return sign;
          }
          return (x < y ? -1 : 1) * sign;
        }
        return a.id < b.id ? -1 : 1;
      })
      .map((s) => s.id);
  }

  beforeAll(async () => {
    sut = await startTestApp();
    // Written directly so that every sort key has ties and some suppliers were never scored (NULL score and priority).
    const rows = [
      { n: 1, name: 'Supplier A', country: 'DE', score: 80, tier: 'critical', priority: 300, minutes: 0 },
      { n: 2, name: 'Supplier B', country: 'DE', score: 80, tier: 'critical', priority: 300, minutes: 5 },
      { n: 3, name: 'Supplier C', country: 'FR', score: 80, tier: 'critical', priority: 300, minutes: 5 },
      { n: 4, name: 'Supplier D', country: 'FR', score: 60, tier: 'high', priority: 200, minutes: 10 },
      { n: 5, name: 'Supplier D', country: 'GH', score: 60, tier: 'high', priority: 200, minutes: 10 },
      { n: 6, name: 'Supplier E', country: 'GH', score: 30, tier: 'medium', priority: 100, minutes: 20 },
      { n: 7, name: 'Supplier F', country: 'MY', score: null, tier: null, priority: null, minutes: 20 },
      { n: 8, name: 'Supplier G', country: 'MY', score: null, tier: null, priority: null, minutes: 30 },
      { n: 9, name: 'Supplier H', country: 'DE', score: null, tier: null, priority: null, minutes: 30 },
      { n: 10, name: 'Supplier I', country: 'FR', score: 10, tier: 'low', priority: 5, minutes: 40 },
    ];
    await sut.dataSource.query(
      `INSERT INTO suppliers (name, name_key, site_key, country, profile, sources, current_score, current_tier, priority,
         updated_at)
       SELECT x.name, lower(x.name) || ' ' || x.n, lower(x.name) || ' ' || x.n, x.country,
              jsonb_build_object('name', x.name, 'country', x.country), '{"identity": "", "lists": {}}'::jsonb,
              x.score, x.tier, x.priority, timestamptz '2030-01-01T00:00:00Z' + x.minutes * interval '1 minute'
         FROM jsonb_to_recordset($1::jsonb)
           AS x(n int, name text, country text, score smallint, tier text, priority double precision, minutes int)`,
      [JSON.stringify(rows)],
    );
    const list = await sut.as().get('/suppliers?pageSize=500').expect(200);
    all = list.body.items;
    expect(all).toHaveLength(rows.length);
  });

  afterAll(async () => {
    await sut.close();
  });

  it('puts unscored suppliers last by default and breaks ties by id', () => {
    expect(all.map((s) => s.priority)).toEqual([300, 300, 300, 200, 200, 100, 5, null, null, null]);
    expect(ids(all.slice(0, 3))).toEqual([...ids(all.slice(0, 3))].sort());
    expect(ids(all.slice(3, 5))).toEqual(ids(byName('Supplier D')));
    expect(ids(all.slice(7))).toEqual([...ids(all.slice(7))].sort());
  });

  it('orders every sort both ways, NULL lowest and ties by id, and pages without gaps or repeats', async () => {
    for (const [sort, key] of Object.entries(SORT_KEYS) as [
      keyof typeof SORT_KEYS,
      (typeof SORT_KEYS)[keyof typeof SORT_KEYS],
    ][]) {
      for (const order of ['asc', 'desc'] as const) {
        const expected = expectedOrder(key, order);
        const whole = await sut.as().get(`/suppliers?sort=${sort}&order=${order}&pageSize=500`).expect(200);
        expect({ sort, order, ids: ids(whole.body.items) }).toEqual({ sort, order, ids: expected });
        const paged: string[] = [];
        for (let page = 1; page <= 4; page++) {
          const response = await sut
            .as()
            .get(`/suppliers?sort=${sort}&order=${order}&pageSize=3&page=${page}`);
          expect(response.status).toBe(200);
          expect(response.body).toMatchObject({ total: 10, page, pageSize: 3 });
          paged.push(...ids(response.body.items));
        }
        expect({ sort, order, ids: paged }).toEqual({ sort, order, ids: expected });
      }
      const byDefault = await sut.as().get(`/suppliers?sort=${sort}&pageSize=500`).expect(200);
      expect(ids(byDefault.body.items)).toEqual(expectedOrder(key, DEFAULT_ORDER[sort]));
    }
  });

  it('counts every match of the filters, on a full, a short and an empty page', async () => {
    const critical = (page: number) =>
      sut.as().get(`/suppliers?tier=critical&pageSize=2&page=${page}`).expect(200);
    expect((await critical(1)).body).toMatchObject({ total: 3, items: [{}, {}] });
    expect((await critical(2)).body).toMatchObject({ total: 3, items: [{}] });
    expect((await critical(3)).body).toMatchObject({ total: 3, items: [] });
    const combined = await sut.as().get('/suppliers?country=DE,FR&tier=critical,low&pageSize=2').expect(200);
    expect(combined.body.total).toBe(4);
    expect(combined.body.items).toHaveLength(2);
    const text = await sut.as().get('/suppliers?q=supplier%20d&pageSize=1').expect(200);
    expect(text.body).toMatchObject({ total: 2, items: [{ name: 'Supplier D' }] });
    const none = await sut.as().get('/suppliers?q=nobody&page=2').expect(200);
    expect(none.body).toMatchObject({ total: 0, items: [] });
  });

  it('lists only the summary fields', () => {
    expect(Object.keys(all[0]).sort()).toEqual(
      [
        'assessedAt',
        'confidence',
        'confidenceLevel',
        'country',
        'dataCompleteness',
        'externalRef',
        'id',
        'name',
        'priority',
        'priorityReason',
        'range',
        'redFlagCount',
        'score',
        'screening',
        'sector',
        'tier',
        'updatedAt',
      ].sort(),
    );
  });
});
