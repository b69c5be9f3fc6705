import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CountryFigures } from '../src/dashboard/dto/overview.views.js';
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
    // Every supplier of this list has an annual spend.
    expect(overview.body.suppliersWithSpend).toBe(5);
    expect(overview.body.countries).toEqual({ total: 5, scored: 5, shown: 15 });
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
    // The new supplier has no spend.
    expect(after.body.suppliersWithSpend).toBe(before.body.suppliersWithSpend);
    const { low, medium, high, critical } = after.body.trend[0];
    expect(low + medium + high + critical).toBe(after.body.suppliers);
  });
});

describe('sites of one group in the list and its search', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp();
    // A brand's disclosure list: one group's two factories under one name, told apart by city and address.
    const rows = [
      ['Supplier ID', 'Factory Name', 'Address', 'City', 'State/Province', 'Country', 'Product Type'],
      [
        'F-201',
        'Crystal Knitwear Ltd',
        'Plot 12, Tejgaon Industrial Area',
        'Dhaka',
        'Dhaka',
        'Bangladesh',
        'Knitwear',
      ],
      [
        'F-202',
        'Crystal Knitwear Ltd',
        'Sector 4, CEPZ, South Halishahar',
        'Chattogram',
        'Chattogram',
        'Bangladesh',
        'Knitwear',
      ],
      ['F-203', 'Harbour Denim Mills', '', '', '', 'Bangladesh', 'Denim'],
    ];
    await sut
      .as('compliance')
      .post('/imports')
      .field('list', 'Brand disclosure list')
      .attach('file', await xlsxBuffer(rows), 'disclosure.xlsx')
      .expect(201);
  });

  afterAll(async () => {
    await sut.close();
  });

  const search = async (q: string): Promise<{ externalRef: string; city: string | null }[]> =>
    (
      await sut
        .as('procurement')
        .get(`/suppliers?sort=name&q=${encodeURIComponent(q)}`)
        .expect(200)
    ).body.items;

  it('lists each site with its address and city, null where the list gave none', async () => {
    const list = await sut.as('procurement').get('/suppliers?sort=name').expect(200);
    expect(
      list.body.items.map(
        (s: { externalRef: string; name: string; address: string | null; city: string | null }) => [
          s.externalRef,
          s.name,
          s.address,
          s.city,
        ],
      ),
    ).toEqual(
      expect.arrayContaining([
        ['F-201', 'Crystal Knitwear Ltd', 'Plot 12, Tejgaon Industrial Area', 'Dhaka'],
        ['F-202', 'Crystal Knitwear Ltd', 'Sector 4, CEPZ, South Halishahar', 'Chattogram'],
        ['F-203', 'Harbour Denim Mills', null, null],
      ]),
    );
    expect(list.body.total).toBe(3);
    // The detail says the same as the list.
    const dhaka = list.body.items.find((s: { externalRef: string }) => s.externalRef === 'F-201');
    const detail = (
      await sut
        .as('procurement')
        .get(`/suppliers/${dhaka.id as string}`)
        .expect(200)
    ).body;
    expect(detail).toMatchObject({ address: 'Plot 12, Tejgaon Industrial Area', city: 'Dhaka' });
    expect(detail.profile).toMatchObject({ address: detail.address, city: detail.city });
  });

  it('finds a site by its city or a part of its address, in any case, as well as by name', async () => {
    await expect(search('chattogram')).resolves.toEqual([
      expect.objectContaining({ externalRef: 'F-202', city: 'Chattogram' }),
    ]);
    await expect(search('Tejgaon')).resolves.toEqual([expect.objectContaining({ externalRef: 'F-201' })]);
    await expect(search('crystal')).resolves.toHaveLength(2);
    await expect(search('F-203')).resolves.toEqual([expect.objectContaining({ externalRef: 'F-203' })]);
    // % and _ are text, not wildcards; a city no site is in finds nothing.
    await expect(search('Sector_4')).resolves.toEqual([]);
    await expect(search('Sylhet')).resolves.toEqual([]);
    // The export and the other filters read the same search.
    const inCity = await sut.as('procurement').get('/suppliers?q=Dhaka&country=BD').expect(200);
    expect(inCity.body).toMatchObject({ total: 1, items: [{ externalRef: 'F-201' }] });
  });

  it('says no supplier has a spend, where none has', async () => {
    const overview = await sut.as('procurement').get('/dashboard/overview').expect(200);
    expect(overview.body).toMatchObject({ suppliers: 3, suppliersWithSpend: 0 });
  });
});

describe('countries on the overview, by suppliers and by risk', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp();
    // Written directly, so that each country's scores are known: sixteen countries of three middling suppliers, a
    // few high-risk countries with one or two, and one whose only supplier is not scored yet.
    const rows: {
      name: string;
      country: string;
      score: number | null;
      tier: string | null;
      spend?: number;
    }[] = [];
    const many = [
      'BD',
      'CN',
      'DE',
      'ES',
      'FR',
      'GB',
      'ID',
      'IN',
      'IT',
      'KH',
      'MX',
      'PK',
      'PL',
      'PT',
      'TR',
      'VN',
    ];
    many.forEach((country, index) => {
      for (let n = 0; n < 3; n++) {
        const score = 20 + ((index * 7 + n * 11) % 35);
        rows.push({
          name: `Supplier ${country}-${n}`,
          country,
          score,
          tier: score >= 50 ? 'high' : 'medium',
        });
      }
    });
    rows[0].spend = 250_000;
    rows[1].spend = 0;
    rows.push({ name: 'Yangon Garment Works', country: 'MM', score: 86, tier: 'critical', spend: 40_000 });
    rows.push({ name: 'Aleppo Cotton Spinning', country: 'SY', score: 85, tier: 'critical' });
    rows.push({ name: 'Port-au-Prince Apparel', country: 'HT', score: 82, tier: 'critical' });
    rows.push({ name: 'Caracol Industrial Park Sewing', country: 'HT', score: 40, tier: 'medium' });
    rows.push({ name: 'Reykjavik Wool', country: 'IS', score: null, tier: null });
    await sut.dataSource.query(
      `INSERT INTO suppliers (name, name_key, site_key, country, profile, sources, current_score, current_tier)
       SELECT x.name, lower(x.name), lower(x.name), x.country,
              jsonb_strip_nulls(jsonb_build_object('name', x.name, 'country', x.country, 'annualSpend', x.spend)),
              '{"identity": "", "lists": {}}'::jsonb, x.score, x.tier
         FROM jsonb_to_recordset($1::jsonb) AS x(name text, country text, score double precision, tier text, spend numeric)`,
      [JSON.stringify(rows)],
    );
  });

  afterAll(async () => {
    await sut.close();
  });

  /** Each country's figures, recomputed from the supplier list itself. */
  async function countriesFromList(): Promise<CountryFigures[]> {
    const items = (await sut.as('auditor').get('/suppliers?pageSize=500').expect(200)).body.items as {
      country: string;
      score: number | null;
      tier: string | null;
    }[];
    const byCountry = new Map<string, typeof items>();
    for (const item of items) {
      byCountry.set(item.country, [...(byCountry.get(item.country) ?? []), item]);
    }
    return [...byCountry].map(([country, suppliers]) => {
      const scores = suppliers.flatMap((s) => (s.score === null ? [] : [s.score]));
      return {
        country,
        name: expect.any(String) as unknown as string,
        count: suppliers.length,
        averageScore: scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : null,
        maxScore: scores.length ? Math.max(...scores) : null,
        highOrCritical: suppliers.filter((s) => s.tier === 'high' || s.tier === 'critical').length,
      };
    });
  }

  it('ranks the countries by suppliers, by average and by maximum score, fifteen of each', async () => {
    const overview = (await sut.as('procurement').get('/dashboard/overview').expect(200)).body;
    const countries = await countriesFromList();
    expect(overview.countries).toEqual({ total: 20, scored: 19, shown: 15 });
    const scored = countries.filter((c) => c.maxScore !== null);
    const value = (n: number | null): number => n ?? -1;
    const byCount = [...countries]
      .sort((a, b) => b.count - a.count || a.country.localeCompare(b.country))
      .slice(0, 15);
    const tie = (a: CountryFigures, b: CountryFigures): number =>
      value(b.maxScore) - value(a.maxScore) ||
      value(b.averageScore) - value(a.averageScore) ||
      b.highOrCritical - a.highOrCritical ||
      b.count - a.count ||
      a.country.localeCompare(b.country);
    const byAverage = [...scored]
      .sort((a, b) => value(b.averageScore) - value(a.averageScore) || tie(a, b))
      .slice(0, 15);
    const byMaximum = [...scored]
      .sort((a, b) => value(b.maxScore) - value(a.maxScore) || tie(a, b))
      .slice(0, 15);
    const rounded = (rows: CountryFigures[]) =>
      rows.map((row) => ({
        ...row,
        averageScore: row.averageScore === null ? null : Number(row.averageScore.toFixed(6)),
      }));
    expect(rounded(overview.byCountry)).toEqual(rounded(byCount));
    expect(rounded(overview.byCountryRisk.averageScore)).toEqual(rounded(byAverage));
    expect(rounded(overview.byCountryRisk.maxScore)).toEqual(rounded(byMaximum));

    // The high-risk countries of one or two suppliers are missing by count, and head both risk lists.
    const codes = (rows: CountryFigures[]) => rows.map((row) => row.country);
    expect(codes(overview.byCountry)).not.toContain('MM');
    expect(codes(overview.byCountry)).not.toContain('SY');
    expect(codes(overview.byCountryRisk.averageScore).slice(0, 3)).toEqual(['MM', 'SY', 'HT']);
    expect(codes(overview.byCountryRisk.maxScore).slice(0, 3)).toEqual(['MM', 'SY', 'HT']);
    expect(overview.byCountryRisk.averageScore[0]).toMatchObject({
      country: 'MM',
      name: 'Myanmar',
      count: 1,
      averageScore: 86,
      maxScore: 86,
      highOrCritical: 1,
    });
    expect(overview.byCountryRisk.maxScore[2]).toMatchObject({
      country: 'HT',
      count: 2,
      averageScore: 61,
      maxScore: 82,
    });
    // A country without a scored supplier is counted, but not ranked by score.
    expect(codes(overview.byCountryRisk.averageScore)).not.toContain('IS');
  });

  it('counts the suppliers with a spend above zero', async () => {
    const overview = (await sut.as('procurement').get('/dashboard/overview').expect(200)).body;
    expect(overview.suppliersWithSpend).toBe(2);
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
        'address',
        'city',
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
