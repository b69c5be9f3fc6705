import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { lockSiteWrites } from '../../src/suppliers/site-writes-lock.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { xlsxBuffer, type Cell } from '../support/workbooks.js';
import { binary } from '../support/binary.js';
import { extractPdf, searchableText, squash } from '../../src/reports/domain/testing/pdf-text.js';

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

describe('regions read from the address', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp();
  });

  afterAll(async () => {
    await sut.close();
  });

  it('reads the province from the address or city, says so, and does not take a street name for it', async () => {
    const file = await xlsxBuffer([
      ['Facility Name', 'Facility Address', 'City', 'Country', 'Product Type'],
      [
        'Hetian Haolin Hair Accessories Co., Ltd.',
        'No. 9 Beijing West Road',
        'Hotan',
        'China',
        'Hair accessories',
      ],
      ['Qingdao Jifa Textile Co., Ltd.', '88 Xinjiang Road, Shibei District', 'Qingdao', 'CN', 'Garments'],
      [
        'Urumqi Road Garments Co., Ltd.',
        '120 Urumqi Road, Jing’an District',
        'Shanghai',
        'China',
        'Garments',
      ],
      ['新疆棉纺有限公司', '乌鲁木齐市天山区解放南路', '', 'China', 'Cotton yarn'],
    ]);
    const response = await upload(sut, file, 'brand-list-china.xlsx').expect(201);
    expect(response.body.counts).toMatchObject({ imported: 4 });

    const hotan = await detailOf(sut, 'Haolin');
    expect(hotan.profile.region).toBe('Xinjiang');
    expect(hotan.inferred.region).toMatchObject({
      value: 'Xinjiang',
      code: 'CN-XJ',
      from: 'city',
      matched: 'Hotan',
    });
    expect(hotan.tier).toBe('critical');
    expect(hotan.assessment.redFlags).toContainEqual(
      expect.objectContaining({ indicatorId: 'country.xinjiang-uflpa' }),
    );

    // The auditor's report says the region was inferred, and from what, and which lists name the site.
    const report = await sut
      .as('auditor')
      .get(`/suppliers/${hotan.id}/report.pdf`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const text = searchableText(await extractPdf(report.body as Buffer));
    expect(text).toContain(squash('Xinjiang (inferred from the city "Hotan")'));
    expect(text).toContain(squash('Source lists'));
    expect(text).toContain(squash('brand-list-china.xlsx'));

    const qingdao = await detailOf(sut, 'Jifa');
    expect(qingdao.profile.region).toBe('Shandong');
    expect(qingdao.assessment.redFlags).not.toContainEqual(
      expect.objectContaining({ indicatorId: 'country.xinjiang-uflpa' }),
    );

    const shanghai = await detailOf(sut, 'Urumqi Road Garments');
    expect(shanghai.profile.region).toBe('Shanghai');

    const chinese = await detailOf(sut, '新疆棉纺');
    expect(chinese.profile.region).toBe('Xinjiang');
    expect(chinese.inferred.region).toMatchObject({ from: 'address' });
  });

  it('keeps the region a list gives and infers nothing then', async () => {
    const file = await xlsxBuffer([
      ['Factory Name', 'Address', 'City', 'Province', 'Country'],
      ['Ningbo Bird Knitting Co., Ltd.', '1 Urumqi Road', 'Ningbo', 'Zhejiang', 'CN'],
    ]);
    await upload(sut, file, 'zhejiang.xlsx').expect(201);
    const ningbo = await detailOf(sut, 'Ningbo Bird');
    expect(ningbo.profile.region).toBe('Zhejiang');
    expect(ningbo.inferred).toEqual({});
  });
});

describe('possible duplicates for an officer to decide', () => {
  let sut: TestApp;
  const header = ['Factory Name', 'Address', 'City', 'Country', 'Number of Workers', '% Migrant Workers'];

  beforeAll(async () => {
    sut = await startTestApp();
    const first = await xlsxBuffer([
      header,
      ['Rahman Knit Composite Ltd.', 'Plot # 25-27, Dhaka EPZ, Savar', 'Dhaka', 'Bangladesh', 3000, ''],
      [
        'Golden Lotus Clothing (Cambodia) Ltd.',
        'National Road 4, Sangkat Kantouk, Khan Posenchey',
        'Phnom Penh',
        'Cambodia',
        1200,
        '',
      ],
      [
        'Bharat Garments Pvt Ltd',
        'Plot No. 27, 2nd Phase, Peenya Industrial Area',
        'Bengaluru',
        'India',
        800,
        '',
      ],
      [
        'Meghna Sweaters Ltd.',
        'Plot No. B-45, BSCIC Industrial Area, Fatullah',
        'Narayanganj',
        'Bangladesh',
        2400,
        '',
      ],
    ]);
    await upload(sut, first, 'supplier-list.xlsx', 'Brand A').expect(201);
  });

  afterAll(async () => {
    await sut.close();
  });

  async function pending(): Promise<any[]> {
    return (await sut.as('compliance').get('/matches').expect(200)).body.items;
  }

  it('matches a near-identical site automatically and asks about a merely similar one', async () => {
    const second = await xlsxBuffer([
      [...header, 'Supplier ID'],
      [
        'RAHMAN KNIT COMPOSITE LIMITED',
        'Plot 25-27, DEPZ, Ganakbari, Savar',
        'Savar',
        'BD',
        '',
        '12%',
        'B-1',
      ],
      [
        'GOLDEN LOTUS CLOTHING CAMBODIA CO LTD',
        'National Road No. 4, Sangkat Kantouk, Khan Posenchey, Phnom Penh 12405',
        '',
        'KH',
        '',
        '',
        'B-2',
      ],
    ]);
    const response = await upload(sut, second, 'facilities.xlsx', 'Brand B').expect(201);
    expect(response.body.counts).toMatchObject({ imported: 1, updated: 1 });
    expect(response.body.changes.possibleDuplicates).toBe(1);

    const lotus = await detailOf(sut, 'Golden Lotus');
    expect(lotus.listings).toContainEqual(
      expect.objectContaining({ matchEvidence: 'fuzzy', list: expect.objectContaining({ name: 'Brand B' }) }),
    );

    const [question] = await pending();
    expect(question).toMatchObject({
      status: 'pending',
      siteName: 'RAHMAN KNIT COMPOSITE LIMITED',
      site: expect.objectContaining({ name: 'RAHMAN KNIT COMPOSITE LIMITED', lists: ['Brand B'] }),
      candidate: expect.objectContaining({ name: 'Rahman Knit Composite Ltd.', lists: ['Brand A'] }),
      evidence: 'address',
      upload: expect.objectContaining({ fileName: 'facilities.xlsx', list: 'Brand B' }),
    });
    expect(question.similarity).toBeGreaterThan(0.6);
    expect(await findSites(sut, 'Rahman Knit')).toHaveLength(2);
  });

  it('refuses a merge with a clear conflict while an import is writing suppliers, and changes nothing', async () => {
    const [question] = await pending();
    const importer = sut.dataSource.createQueryRunner();
    await importer.connect();
    try {
      await importer.startTransaction();
      await lockSiteWrites(importer.manager);
      const busy = await sut
        .as('compliance')
        .post(`/matches/${question.id}/decision`)
        .send({ decision: 'same' })
        .expect(409);
      expect(busy.body).toMatchObject({ code: 'SITES_BUSY', message: expect.stringContaining('import') });
      expect((await pending()).map((m) => m.id)).toContain(question.id);
    } finally {
      await importer.rollbackTransaction();
      await importer.release();
    }
  });

  it('merges the two sites with their lists, values and history when the officer says they are one', async () => {
    const [question] = await pending();
    await sut.as('auditor').post(`/matches/${question.id}/decision`).send({ decision: 'same' }).expect(403);
    await sut
      .as('compliance')
      .post(`/matches/${question.id}/decision`)
      .send({ decision: 'maybe' })
      .expect(400);
    const decided = await sut
      .as('compliance')
      .post(`/matches/${question.id}/decision`)
      .send({ decision: 'same' })
      .expect(200);
    expect(decided.body).toEqual({ status: 'confirmed', siteId: question.candidate.id });

    const sites = await findSites(sut, 'Rahman Knit');
    expect(sites).toHaveLength(1);
    const merged = (await sut.as().get(`/suppliers/${question.candidate.id}`).expect(200)).body;
    expect(merged.profile).toMatchObject({
      name: 'Rahman Knit Composite Ltd.',
      workerCount: 3000,
      migrantWorkerPct: 12,
    });
    expect(merged.listings.map((l: any) => l.list.name).sort()).toEqual(['Brand A', 'Brand B']);
    expect(merged.aliases).toEqual(['RAHMAN KNIT COMPOSITE LIMITED']);
    expect(merged.history.map((h: any) => h.cause.kind)).toEqual(['merge', 'import', 'import']);

    await sut
      .as('compliance')
      .post(`/matches/${question.id}/decision`)
      .send({ decision: 'different' })
      .expect(409);
    expect(await pending()).toEqual([]);
    const confirmed = (await sut.as('auditor').get('/matches?status=confirmed').expect(200)).body.items;
    expect(confirmed).toEqual([
      expect.objectContaining({ id: question.id, site: null, decidedBy: expect.any(String) }),
    ]);
  });

  it('remembers the answers: the next upload of the list asks nothing again', async () => {
    const third = await xlsxBuffer([
      header,
      [
        'Bharat Garments Private Limited',
        'No.27, II Phase, Peenya Indl. Area, Bangalore - 560058',
        'Bangalore',
        'IN',
        820,
        '',
      ],
    ]);
    const first = await upload(sut, third, 'brand-c.xlsx', 'Brand C').expect(201);
    expect(first.body.changes.possibleDuplicates).toBe(1);
    const [question] = await pending();
    await sut
      .as('compliance')
      .post(`/matches/${question.id}/decision`)
      .send({ decision: 'different' })
      .expect(200);
    expect(await findSites(sut, 'Bharat Garments')).toHaveLength(2);

    const again = await upload(sut, third, 'brand-c.xlsx', 'Brand C').expect(201);
    expect(again.body.counts).toMatchObject({ imported: 0, unchanged: 1 });
    expect(again.body.changes.possibleDuplicates).toBe(0);
    const reB = await upload(
      sut,
      await xlsxBuffer([
        header,
        ['RAHMAN KNIT COMPOSITE LIMITED', 'Plot 25-27, DEPZ, Ganakbari, Savar', 'Savar', 'BD', '', '12%'],
      ]),
      'facilities.xlsx',
      'Brand B',
    ).expect(201);
    expect(reB.body.counts).toMatchObject({ imported: 0 });
    expect(reB.body.changes.possibleDuplicates).toBe(0);
    expect(await pending()).toEqual([]);
  });

  it('compares names that differ only in spacing or a plural', async () => {
    const file = await xlsxBuffer([
      header,
      ['MEGHNA SWEATER LTD', 'B-45 BSCIC I/A, Fatulla, Narayanganj', 'Narayanganj', 'BD', '', '30%'],
    ]);
    const response = await upload(sut, file, 'brand-d.xlsx', 'Brand D').expect(201);
    expect(response.body.changes.possibleDuplicates).toBe(1);
    const [question] = await pending();
    expect(question).toMatchObject({
      siteName: 'MEGHNA SWEATER LTD',
      candidate: expect.objectContaining({ name: 'Meghna Sweaters Ltd.' }),
    });
  });
});

describe('one list naming one site twice', () => {
  let sut: TestApp;
  // An ERP vendor master that keeps a factory under two vendor numbers: once as the brand list spells it (by its
  // road, without the lot), once under its registered name with the lot and an abbreviated address.
  const header = ['Vendor No.', 'Vendor Name', 'Street', 'City', 'Country', 'Number of Workers'];
  const brandSpelling: Cell[] = [
    'V-2001',
    'Saigon Footwear',
    'Road 12, Tan Thuan EPZ, Tan Thuan Dong Ward, District 7',
    'Ho Chi Minh City',
    'Viet Nam',
    4200,
  ];
  const tradingSpelling: Cell[] = [
    'V-2002',
    'SAIGON FOOTWEAR COMPANY LIMITED',
    'Lot A-1, Tan Thuan EPZ, Tan Thuan Dong, Dist. 7',
    'Ho Chi Minh City',
    'VN',
    4300,
  ];

  beforeAll(async () => {
    sut = await startTestApp();
  });

  afterAll(async () => {
    await sut.close();
  });

  async function pending(): Promise<any[]> {
    return (await sut.as('compliance').get('/matches').expect(200)).body.items;
  }

  it('keeps both of the list’s entries when the officer merges them, and asks nothing on its next upload', async () => {
    // The vendor master first holds only the trading spelling; the brand list then brings the brand spelling,
    // a possible duplicate the officer leaves open for now.
    await upload(
      sut,
      await xlsxBuffer([header, tradingSpelling]),
      'Vendor_Master_2026-10.xlsx',
      'Vendor Master',
    ).expect(201);
    const brand = await upload(
      sut,
      await xlsxBuffer([header.slice(1), brandSpelling.slice(1)]),
      'brand-list.xlsx',
      'Brand List',
    ).expect(201);
    expect(brand.body.changes.possibleDuplicates).toBe(1);
    // The next vendor master carries both vendor numbers: each row is its own entry of the list.
    const both = await xlsxBuffer([header, brandSpelling, tradingSpelling]);
    const second = await upload(sut, both, 'Vendor_Master_2026-11.xlsx', 'Vendor Master').expect(201);
    expect(second.body.counts).toMatchObject({ imported: 0, duplicates: 0 });
    expect(await findSites(sut, 'Saigon Footwear')).toHaveLength(2);

    const [question] = await pending();
    const decided = await sut
      .as('compliance')
      .post(`/matches/${question.id}/decision`)
      .send({ decision: 'same' })
      .expect(200);
    const siteId = decided.body.siteId as string;
    const merged = (await sut.as().get(`/suppliers/${siteId}`).expect(200)).body;
    const vendorEntries = merged.listings.filter((l: any) => l.list.name === 'Vendor Master');
    expect(vendorEntries.map((l: any) => l.externalRef).sort()).toEqual(['V-2001', 'V-2002']);
    expect(vendorEntries.map((l: any) => l.current)).toEqual([true, true]);

    // Its next upload finds the one site from either row, makes no new one, asks nothing, and says the list
    // names the site twice.
    const third = await upload(sut, both, 'Vendor_Master_2026-12.xlsx', 'Vendor Master').expect(201);
    expect(third.body.counts).toMatchObject({ imported: 0, duplicates: 1 });
    expect(third.body.changes.possibleDuplicates).toBe(0);
    expect(third.body.changes.noLongerListed).toEqual([]);
    expect(await findSites(sut, 'Saigon Footwear')).toEqual([expect.objectContaining({ id: siteId })]);
    expect(await pending()).toEqual([]);
    const rows = (await sut.as('auditor').get(`/imports/${third.body.id}/errors`).expect(200)).body;
    expect(rows.items).toEqual([
      expect.objectContaining({
        rowNumber: 3,
        outcome: 'duplicate',
        errors: [
          expect.objectContaining({
            value: 'V-2002',
            message: expect.stringContaining('Rows 2 and 3 are the same site'),
          }),
        ],
      }),
    ]);
    const after = (await sut.as().get(`/suppliers/${siteId}`).expect(200)).body;
    expect(after.listings.filter((l: any) => l.list.name === 'Vendor Master')).toHaveLength(2);

    // A list that drops one of the two rows still lists the site: nothing is reported as no longer listed.
    const fourth = await upload(
      sut,
      await xlsxBuffer([header, brandSpelling]),
      'Vendor_Master_2027-01.xlsx',
      'Vendor Master',
    ).expect(201);
    expect(fourth.body.changes.noLongerListed).toEqual([]);
    expect(fourth.body.counts).toMatchObject({ imported: 0, duplicates: 0 });
  });
});
