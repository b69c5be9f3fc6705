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

  it('starts with the suppliers to act on first: tier, then red flags, then score', async () => {
    const list = await sut.as('procurement').get('/suppliers').expect(200);
    expect(list.body.total).toBe(5);
    const rank = { low: 0, medium: 1, high: 2, critical: 3 } as const;
    const keys = list.body.items.map(
      (s: { tier: keyof typeof rank; score: number; redFlagCount: number }) =>
        rank[s.tier] * 10_000 + Math.min(9, s.redFlagCount) * 1000 + s.score,
    );
    expect(keys).toEqual([...keys].sort((a: number, b: number) => b - a));
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
