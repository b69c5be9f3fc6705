import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import iconv from 'iconv-lite';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { binary } from '../support/binary.js';
import { readXlsx, xlsxBuffer, type Cell } from '../support/workbooks.js';

const HEADER: Cell[] = [
  'Vendor ID',
  'Factory Name',
  'Country/Region',
  'Product Type',
  'Total Workers',
  '% Migrant Workers',
  'Recruitment fees paid by workers',
  'Passports retained',
  'Buyer contact',
];

const ROWS: Cell[][] = [
  ['V-100', 'Saigon Garment Co., Ltd', 'Viet Nam', 'Garments', '1,250', '35%', 'yes', 'no', 'Anna'],
  ['V-101', 'Penang Circuits Sdn Bhd', 'MALAYSIA', 'Electronics components', 800, 0.4, 'Y', 'yes', 'Ben'],
  ['V-102', 'Abidjan Cocoa Cooperative', "Côte d'Ivoire", 'Cocoa beans', 120, '', 'unknown', '', 'Chloé'],
  ['V-103', 'Nowhere Textiles', 'Atlantis', 'Yarn', 40, '10%', 'no', 'no', 'Dan'],
];

const BANNER: Cell[][] = [
  ['ACME Procurement: supplier master export'],
  ['Filter: active suppliers only'],
  [],
];

async function counts(sut: TestApp): Promise<{ suppliers: number; batches: number; assessments: number }> {
  const [row] = await sut.dataSource.query(
    `SELECT (SELECT count(*)::int FROM suppliers) AS suppliers, (SELECT count(*)::int FROM import_batches) AS batches,
            (SELECT count(*)::int FROM assessments) AS assessments`,
  );
  return row;
}

// Every upload of this file belongs to one source list unless a test names another.
function upload(sut: TestApp, buffer: Buffer, filename: string, list = 'Vendor Master') {
  return sut.as().post('/imports').field('list', list).attach('file', buffer, filename);
}

// Rows are staged in a worker thread by default; IMPORT_STAGING=main stages them between the writes instead.
describe.each(['worker', 'main'])('supplier import over HTTP, rows staged on the %s thread', (staging) => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp({ IMPORT_STAGING: staging });
  });

  afterAll(async () => {
    await sut.close();
  });

  it('imports an ERP export with a title banner, reports the header row and rejects the bad row', async () => {
    const file = await xlsxBuffer([HEADER, ...ROWS], { bannerRows: BANNER });
    const response = await upload(sut, file, 'erp export.xlsx').expect(201);
    expect(response.body).toMatchObject({
      status: 'completed',
      fileName: 'erp export.xlsx',
      format: 'xlsx',
      headerRow: 4,
      counts: { read: 4, imported: 3, updated: 0, unchanged: 0, rejected: 1, duplicates: 0 },
    });
    expect(response.body.fileSha256).toMatch(/^[0-9a-f]{64}$/);
    const active = await sut.as().get('/rulesets/active').expect(200);
    expect(response.body.ruleSetHash).toBe(active.body.hash);

    const list = await sut.as().get('/suppliers?sort=name').expect(200);
    expect(list.body.total).toBe(3);
    const saigon = list.body.items.find((s: { externalRef: string }) => s.externalRef === 'V-100');
    expect(saigon).toMatchObject({ name: 'Saigon Garment Co., Ltd', country: 'VN', sector: 'garments' });
    expect(['low', 'medium', 'high', 'critical']).toContain(saigon.tier);

    const detail = await sut.as().get(`/suppliers/${saigon.id}`).expect(200);
    expect(detail.body.profile).toMatchObject({
      externalRef: 'V-100',
      country: 'VN',
      workerCount: 1250,
      migrantWorkerPct: 35,
      recruitmentFeesPaidByWorkers: true,
      identityDocumentsRetained: false,
      extra: { 'Buyer contact': 'Anna' },
    });
    expect(detail.body.assessment.ruleSetHash).toBe(active.body.hash);
    expect(detail.body.assessment.score).toBe(detail.body.score);
    const points = detail.body.assessment.contributions.reduce(
      (sum: number, c: { points: number }) => sum + c.points,
      0,
    );
    expect(Math.round(points)).toBe(detail.body.assessment.score);
    for (const contribution of detail.body.assessment.contributions) {
      expect(contribution.evidence.length).toBeGreaterThan(10);
    }
    expect(detail.body.history).toHaveLength(1);
    // A new site's current score is dated by the import's transaction, as its assessment is.
    const [dated] = await sut.dataSource.query(
      `SELECT s.assessed_at IS NOT NULL AS dated, s.assessed_at = a.assessed_at AS "sameAsAssessment"
         FROM suppliers s JOIN assessments a ON a.supplier_id = s.id WHERE s.id = $1`,
      [saigon.id],
    );
    expect(dated).toEqual({ dated: true, sameAsAssessment: true });

    const penang = list.body.items.find((s: { externalRef: string }) => s.externalRef === 'V-101');
    const penangDetail = await sut.as().get(`/suppliers/${penang.id}`).expect(200);
    // Passports retained is an ILO forced-labour indicator: a red flag whatever the points.
    expect(penangDetail.body.assessment.redFlags.length).toBeGreaterThan(0);
    expect(['high', 'critical']).toContain(penangDetail.body.tier);
    expect(penangDetail.body.profile.migrantWorkerPct).toBe(40);

    const table = await sut.as('auditor').get(`/imports/${response.body.id}/errors`).expect(200);
    expect(table.body.total).toBe(1);
    expect(table.body.items[0]).toMatchObject({
      rowNumber: 8,
      errors: [expect.objectContaining({ column: 'Country/Region', value: 'Atlantis' })],
    });

    const errors = await sut.as().get(`${response.body.links.errors}`).buffer(true).parse(binary).expect(200);
    const workbook = await readXlsx(errors.body as Buffer);
    const text = JSON.stringify(workbook.worksheets.map((ws) => ws.getSheetValues()));
    expect(text).toContain('Nowhere Textiles');
    expect(text).toContain('Atlantis');
  });

  it('updates on re-upload instead of duplicating, and reports what changed and who is no longer listed', async () => {
    const before = await counts(sut);
    const same = await upload(
      sut,
      await xlsxBuffer([HEADER, ...ROWS], { bannerRows: BANNER }),
      'again.xlsx',
    ).expect(201);
    expect(same.body.counts).toMatchObject({ imported: 0, updated: 0, unchanged: 3, rejected: 1 });
    expect((await counts(sut)).suppliers).toBe(before.suppliers);

    const changed: Cell[][] = [HEADER, [...ROWS[0]], [...ROWS[1]]];
    changed[1][4] = 1400;
    const response = await upload(sut, await xlsxBuffer(changed), 'changed.xlsx').expect(201);
    expect(response.body.counts).toMatchObject({ imported: 0, updated: 1, unchanged: 1, rejected: 0 });
    expect(response.body.changes.updated).toEqual([
      expect.objectContaining({ name: 'Saigon Garment Co., Ltd', fields: ['workerCount'] }),
    ]);
    expect(response.body.changes.noLongerListed).toEqual([
      expect.objectContaining({ name: 'Abidjan Cocoa Cooperative' }),
    ]);
    const after = await counts(sut);
    expect(after.suppliers).toBe(before.suppliers);
    expect(after.assessments).toBe(before.assessments + 3 + 2);
  });

  it('reports duplicate suppliers inside one file instead of merging them', async () => {
    const file = await xlsxBuffer([
      HEADER,
      ['', 'Dhaka Knit Ltd', 'Bangladesh', 'Knitwear', 500, '5%', 'no', 'no', ''],
      ['', 'DHAKA KNIT LTD.', 'BD', 'Knitwear', 510, '5%', 'no', 'no', ''],
    ]);
    const response = await upload(sut, file, 'dupes.xlsx').expect(201);
    expect(response.body.counts).toMatchObject({ read: 2, imported: 1, rejected: 0, duplicates: 1 });
  });

  it('reads a semicolon-separated Windows-1252 csv', async () => {
    const csv = [
      'Supplier name;Country;Products',
      'Société Générale Textile;Türkiye;Cotton yarn',
      'Łódź Odzież;Poland;Garments',
    ].join('\r\n');
    const response = await upload(sut, iconv.encode(csv.replace('Ł', 'L'), 'win1252'), 'list.csv').expect(
      201,
    );
    expect(response.body).toMatchObject({ format: 'csv', counts: { imported: 2, rejected: 0 } });
    const found = await sut.as().get('/suppliers?q=Soci%C3%A9t%C3%A9').expect(200);
    expect(found.body.items[0]).toMatchObject({ name: 'Société Générale Textile', country: 'TR' });
  });

  it.each([
    ['random bytes', Buffer.from([0x00, 0xff, 0x13, 0x37, 0x00, 0x42, 0x99, 0x00, 0x01]), 'list.xlsx'],
    [
      'a legacy .xls',
      Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(2048)]),
      'list.xls',
    ],
    ['an empty file', Buffer.alloc(0), 'list.csv'],
    ['a truncated workbook', Buffer.from('504b0304140000000800', 'hex'), 'list.xlsx'],
    ['a pdf', Buffer.from('%PDF-1.7\n%\xe2\xe3\n1 0 obj\n<<>>\nendobj\n', 'latin1'), 'list.xlsx'],
  ])('refuses %s with a clear 4xx and changes nothing', async (_what, buffer, name) => {
    const before = await counts(sut);
    const response = await upload(sut, buffer, name);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(response.body.message.length).toBeGreaterThan(20);
    expect(await counts(sut)).toEqual(before);
  });

  it('refuses a header-only sheet and a request without a file', async () => {
    const before = await counts(sut);
    const headerOnly = await upload(sut, await xlsxBuffer([HEADER]), 'empty.xlsx');
    expect(headerOnly.status).toBe(400);
    const noFile = await sut.as().post('/imports').field('sheet', 'Suppliers').expect(400);
    expect(noFile.body.message).toContain('file');
    expect(await counts(sut)).toEqual(before);
  });

  it('offers a template whose columns map back onto the supplier fields', async () => {
    const response = await sut.as().get('/imports/template.xlsx').buffer(true).parse(binary).expect(200);
    const workbook = await readXlsx(response.body as Buffer);
    const headers = (workbook.worksheets[0]?.getRow(1).values as unknown[]).filter(Boolean);
    expect(headers.length).toBeGreaterThan(30);
  });
});

describe('supplier import in the background', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp({ IMPORT_BACKGROUND_THRESHOLD_KB: '0' });
  });

  afterAll(async () => {
    await sut.close();
  });

  it('answers 202 with the batch id and reports progress until the import completes', async () => {
    const rows: Cell[][] = [['Supplier', 'Country', 'Sector']];
    for (let i = 0; i < 3000; i++) {
      rows.push([
        `Supplier ${i}`,
        ['Viet Nam', 'India', 'Ghana'][i % 3],
        ['garments', 'electronics', 'agriculture'][i % 3],
      ]);
    }
    const accepted = await sut
      .as()
      .post('/imports')
      .attach('file', await xlsxBuffer(rows), 'big.xlsx')
      .expect(202);
    expect(accepted.body.status).toBe('processing');
    let status = accepted.body.status;
    for (let i = 0; i < 300 && status === 'processing'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const poll = await sut.as().get(`/imports/${accepted.body.id}`).expect(200);
      status = poll.body.status;
      expect(poll.body.progress.rowsRead).toBeLessThanOrEqual(3000);
    }
    const done = await sut.as().get(`/imports/${accepted.body.id}`).expect(200);
    expect(done.body).toMatchObject({ status: 'completed', counts: { read: 3000, imported: 3000 } });
    const tiers = await sut.as().get('/suppliers?pageSize=1&tier=low,medium,high,critical').expect(200);
    expect(tiers.body.total).toBe(3000);
  });
});
