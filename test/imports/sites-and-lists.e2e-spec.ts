import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { xlsxBuffer, type Cell } from '../support/workbooks.js';

// Real brand lists, as a brand publishes them: a manufacturing map with a group's several sites under one name,
// a facility list that spells the same factories its own way and lacks most columns, and an ERP vendor master
// whose references collide with the brand list's.

const MAP_BANNER: Cell[][] = [
  ['Manufacturing Map: Tier 1 and Tier 2 facilities'],
  ['Published November 2026'],
  [],
];
const MAP_HEADER: Cell[] = [
  'Supplier Group',
  'Factory Name',
  'Factory Type',
  'Address',
  'City',
  'State/Province',
  'Country',
  'Product Type',
  'Number of Workers',
  '% Female Workers',
  '% Migrant Workers',
  'Subcons',
];
const MAP_ROWS: Cell[][] = [
  [
    'Hirdaramani Group',
    'Hirdaramani Apparel (Pvt) Ltd',
    'FINISHED GOODS',
    'Mihila, Agalawatta Road',
    'Agalawatta',
    'Western',
    'Sri Lanka',
    'Apparel',
    2400,
    '78%',
    '5%',
    '',
  ],
  [
    'Hirdaramani Group',
    'Hirdaramani Apparel (Pvt) Ltd',
    'FINISHED GOODS',
    'No. 12, Kahatagasdigiliya Road',
    'Kahatagasdigiliya',
    'North Central',
    'Sri Lanka',
    'Apparel',
    1800,
    '80%',
    '3%',
    '',
  ],
  [
    'Hirdaramani Group',
    'Hirdaramani Apparel (Pvt) Ltd',
    'FINISHED GOODS - COMPONENTS',
    'Wathupitiwala Export Processing Zone',
    'Nittambuwa',
    'Western',
    'Sri Lanka',
    'Apparel',
    3100,
    '75%',
    '',
    '',
  ],
  [
    'Shenzhou International',
    'Ningbo Shenzhou Knitting Co., Ltd.',
    'FINISHED GOODS',
    'No. 18 Xingye Rd., Beilun District',
    'Ningbo',
    'Zhejiang',
    'China',
    'Knitwear',
    26000,
    '70%',
    '40%',
    'Ningbo Dyeing Co.',
  ],
  [
    '',
    'PT Eratex Djaja Tbk',
    'FINISHED GOODS',
    'Jl. Soekarno Hatta No. 23',
    'Probolinggo',
    'East Java',
    'Indonesia',
    'Apparel',
    1500,
    '85%',
    '110%',
    '',
  ],
  [
    '',
    'Dhaka Knit Ltd',
    'FINISHED GOODS',
    'Plot 5, DEPZ, Savar',
    'Dhaka',
    'Dhaka',
    'Bangladesh',
    'Knitwear',
    5000,
    '60%',
    '0%',
    '',
  ],
];

const BRAND_HEADER: Cell[] = [
  'Supplier ID',
  'Facility Name',
  'Facility Address',
  'City',
  'Country',
  'Parent Company',
];
const BRAND_ROWS: Cell[][] = [
  [
    '1001',
    'NINGBO SHENZHOU KNITTING CO LTD',
    '18 XINGYE ROAD, BEILUN DISTRICT',
    'NINGBO',
    'CN',
    'Shenzhou International Group Holdings',
  ],
  [
    '1002',
    'Saitex International Dong Nai (VN) Co., Ltd',
    'Lot 5, Nhon Trach 3 Industrial Zone',
    'Dong Nai',
    'Vietnam',
    '',
  ],
];

function upload(sut: TestApp, buffer: Buffer, fileName: string, list?: string) {
  const request = sut.as().post('/imports');
  if (list) {
    void request.field('list', list);
  }
  return request.attach('file', buffer, fileName);
}

async function findSites(sut: TestApp, q: string): Promise<{ id: string; name: string }[]> {
  const response = await sut
    .as()
    .get(`/suppliers?q=${encodeURIComponent(q)}&pageSize=100`)
    .expect(200);
  return response.body.items;
}

async function detailOf(sut: TestApp, q: string) {
  const [site] = await findSites(sut, q);
  expect(site).toBeDefined();
  return (await sut.as().get(`/suppliers/${site.id}`).expect(200)).body;
}

describe('supplier sites and source lists', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp();
  });

  afterAll(async () => {
    await sut.close();
  });

  it('imports a group’s sites under one name as separate sites, and a 110 % value as a warning', async () => {
    const map = await xlsxBuffer([MAP_HEADER, ...MAP_ROWS], { bannerRows: MAP_BANNER });
    const response = await upload(sut, map, 'Manufacturing_Map_2026-11.xlsx').expect(201);
    expect(response.body.sourceList).toMatchObject({ name: 'Manufacturing Map' });
    expect(response.body.counts).toMatchObject({
      read: 6,
      imported: 6,
      duplicates: 0,
      rejected: 0,
      withWarnings: 1,
    });

    const hirdaramani = await findSites(sut, 'Hirdaramani');
    expect(hirdaramani).toHaveLength(3);

    const eratex = await detailOf(sut, 'Eratex');
    expect(eratex.profile.migrantWorkerPct).toBeUndefined();
    expect(eratex.profile.workerCount).toBe(1500);
    const rows = await sut.as().get(`/imports/${response.body.id}/errors`).expect(200);
    expect(rows.body.items).toEqual([
      expect.objectContaining({
        rowNumber: 9,
        outcome: 'warning',
        errors: [
          expect.objectContaining({
            column: '% Migrant Workers',
            value: '110%',
            message: expect.stringContaining('the supplier was imported without it'),
          }),
        ],
      }),
    ]);

    // "Factory Type" is what the site makes in the chain, not its sector: no apparel site becomes electronics.
    const zone = (await findSites(sut, 'Hirdaramani')).map((s) => s.id);
    for (const id of zone) {
      const detail = (await sut.as().get(`/suppliers/${id}`).expect(200)).body;
      expect(detail.sector).toBe('garments');
    }
    const components = await Promise.all(zone.map((id) => sut.as().get(`/suppliers/${id}`)));
    expect(components.map((r) => r.body.profile.facilityType).sort()).toEqual([
      'FINISHED GOODS',
      'FINISHED GOODS',
      'FINISHED GOODS - COMPONENTS',
    ]);
  });

  it('lets a second list without those columns leave the first list’s values, and keeps its spelling as an alias', async () => {
    const before = await detailOf(sut, 'Shenzhou');
    const brand = await xlsxBuffer([BRAND_HEADER, ...BRAND_ROWS]);
    const response = await upload(sut, brand, 'BrandX facility list.xlsx', 'Brand X facilities').expect(201);
    expect(response.body.counts).toMatchObject({ read: 2, imported: 1, updated: 1 });
    // The first upload of this list: nothing of the manufacturing map counts as "no longer listed".
    expect(response.body.changes.noLongerListed).toEqual([]);

    const after = await detailOf(sut, 'Shenzhou');
    expect(after.id).toBe(before.id);
    expect(after.profile).toMatchObject({
      name: 'Ningbo Shenzhou Knitting Co., Ltd.',
      workerCount: 26000,
      migrantWorkerPct: 40,
      products: ['Knitwear'],
      parentCompany: 'Shenzhou International Group Holdings',
    });
    expect(after.score).toBe(before.score);
    expect(after.aliases).toEqual(['NINGBO SHENZHOU KNITTING CO LTD']);
    expect(after.listings.map((l: { list: { name: string } }) => l.list.name).sort()).toEqual([
      'Brand X facilities',
      'Manufacturing Map',
    ]);
    expect(after.provenance.workerCount).toMatchObject({
      list: { name: 'Manufacturing Map' },
      upload: { fileName: 'Manufacturing_Map_2026-11.xlsx' },
      rowNumber: 8,
    });
    expect(after.provenance.parentCompany).toMatchObject({
      list: { name: 'Brand X facilities' },
      rowNumber: 2,
    });
    expect(after.history[0].cause).toEqual({
      kind: 'import',
      upload: { id: response.body.id, fileName: 'BrandX facility list.xlsx' },
      list: expect.objectContaining({ name: 'Brand X facilities' }),
    });
  });

  it('takes the value a list changed most recently, shows the disagreement, and does not flip back on an unchanged re-upload', async () => {
    const header = [...BRAND_HEADER, 'Number of Workers'];
    const rows = BRAND_ROWS.map((row) => [...row, row[0] === '1001' ? 24000 : 900]);
    await upload(
      sut,
      await xlsxBuffer([header, ...rows]),
      'BrandX facility list v2.xlsx',
      'Brand X facilities',
    ).expect(201);
    const changed = await detailOf(sut, 'Shenzhou');
    expect(changed.profile.workerCount).toBe(24000);
    expect(changed.disagreements).toEqual([
      {
        field: 'parentCompany',
        values: [
          expect.objectContaining({ value: 'Shenzhou International Group Holdings' }),
          expect.objectContaining({ value: 'Shenzhou International' }),
        ],
      },
      {
        field: 'workerCount',
        values: [
          expect.objectContaining({
            value: 24000,
            list: expect.objectContaining({ name: 'Brand X facilities' }),
          }),
          expect.objectContaining({
            value: 26000,
            list: expect.objectContaining({ name: 'Manufacturing Map' }),
            upload: expect.objectContaining({ fileName: 'Manufacturing_Map_2026-11.xlsx' }),
            rowNumber: 8,
          }),
        ],
      },
    ]);

    // The map again, a month later, unchanged but for one factory no longer on it.
    const map = await xlsxBuffer([MAP_HEADER, ...MAP_ROWS.slice(0, 5)], { bannerRows: MAP_BANNER });
    const again = await upload(sut, map, 'Manufacturing Map 2026-12.xlsx').expect(201);
    expect(again.body.sourceList).toMatchObject({ name: 'Manufacturing Map' });
    expect(again.body.counts).toMatchObject({ imported: 0, unchanged: 5 });
    expect(again.body.changes.noLongerListed).toEqual([expect.objectContaining({ name: 'Dhaka Knit Ltd' })]);
    expect((await detailOf(sut, 'Shenzhou')).profile.workerCount).toBe(24000);

    const dhaka = await detailOf(sut, 'Dhaka Knit');
    expect(dhaka.listings).toEqual([expect.objectContaining({ current: false })]);
  });

  it('keeps references to their list: two lists may both use "1001" for different sites', async () => {
    const vendorMaster = await xlsxBuffer([
      ['Vendor ID', 'Vendor Name', 'Street', 'City', 'Country'],
      [
        '1001',
        'Kahramanmaras Tekstil San. ve Tic. A.S.',
        'Organize Sanayi Bolgesi 3. Cadde No: 7',
        'Kahramanmaras',
        'Türkiye',
      ],
    ]);
    const response = await upload(sut, vendorMaster, 'Vendor_Master_2026-12.xlsx').expect(201);
    expect(response.body.counts).toMatchObject({ imported: 1, updated: 0 });
    const turkish = await detailOf(sut, 'Kahramanmaras');
    expect(turkish.country).toBe('TR');
    expect(turkish.listings).toEqual([
      expect.objectContaining({
        externalRef: '1001',
        list: expect.objectContaining({ name: 'Vendor Master' }),
      }),
    ]);
    const shenzhou = await detailOf(sut, 'Shenzhou');
    expect(shenzhou.listings).toContainEqual(
      expect.objectContaining({
        externalRef: '1001',
        list: expect.objectContaining({ name: 'Brand X facilities' }),
      }),
    );
  });

  it('reports as duplicates only rows that are the same site, with both row numbers', async () => {
    const file = await xlsxBuffer([
      ['Factory Name', 'Address', 'City', 'Country'],
      ['Sai Gon Garment Co., Ltd', '12 Nguyen Van Linh', 'Ho Chi Minh City', 'VN'],
      ['SAI GON GARMENT CO LTD', '12 Nguyen Van Linh', 'HO CHI MINH CITY', 'Viet Nam'],
      ['Sai Gon Garment Co., Ltd', '8 Tan Thuan Export Processing Zone', 'Ho Chi Minh City', 'VN'],
    ]);
    const response = await upload(sut, file, 'saigon.xlsx').expect(201);
    expect(response.body.counts).toMatchObject({ read: 3, imported: 2, duplicates: 1 });
    const rows = await sut.as().get(`/imports/${response.body.id}/errors`).expect(200);
    expect(rows.body.items).toEqual([
      expect.objectContaining({
        rowNumber: 3,
        outcome: 'duplicate',
        errors: [
          expect.objectContaining({
            message: expect.stringContaining('Rows 2 and 3 describe the same site'),
          }),
        ],
      }),
    ]);
  });
});
