import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import type { ImportBatchView } from '../../src/imports/dto/import.views.js';
import { ReportsRepository } from '../../src/reports/reports.repository.js';
import type { SupplierDetail, SupplierSummary } from '../../src/suppliers/dto/supplier.views.js';
import { binary } from '../support/binary.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { readXlsx, xlsxBuffer, type Cell } from '../support/workbooks.js';

// The supplier export as an analyst gets it after uploading real lists: an ERP vendor master (title rows, SAP
// headers, a group's two sites under one name, a region only the address gives, the same vendor twice, a row
// without a country and one with nothing visible in it), a brand's disclosure list that lists some of those
// sites again, and more small uploads than the portfolio report prints.

const VENDOR_BANNER: Cell[][] = [
  ['ACME Retail GmbH – Vendor master (LFA1), purchasing organisation 1000'],
  ['Selection: active vendors; extracted 2026-11-30 08:14 by procurement'],
  [],
];
const VENDOR_HEADER: Cell[] = [
  'Vendor No.',
  'Name 1',
  'Street',
  'Town',
  'Postal Code',
  'Region',
  'Country key',
  'Industry',
  'Products',
  'Annual purchases',
  'Curr.',
  'Purch. Group',
];
const VENDOR_ROWS: Cell[][] = [
  [
    '100231',
    'Hirdaramani Apparel (Pvt) Ltd',
    'Mihila, Agalawatta Road',
    'Agalawatta',
    '12200',
    'Western',
    'LK',
    'Garments',
    'Apparel',
    1_250_000,
    'EUR',
    'A01',
  ],
  [
    '100232',
    'Hirdaramani Apparel (Pvt) Ltd',
    'No. 12, Kahatagasdigiliya Road',
    'Kahatagasdigiliya',
    '',
    'North Central',
    'LK',
    'Garments',
    'Apparel',
    640_000,
    'EUR',
    'A01',
  ],
  // No region, no city: only the address says where the mill is.
  [
    '100240',
    '新疆棉纺有限公司',
    '乌鲁木齐市天山区解放南路',
    '',
    '',
    '',
    'CN',
    '',
    'Cotton yarn',
    90_000,
    'EUR',
    'B07',
  ],
  [
    '100241',
    'Hetian Haolin Hair Accessories Co., Ltd.',
    'No. 9 Beijing West Road',
    'Hotan',
    '',
    '',
    'China',
    '',
    'Hair accessories',
    45_000,
    'EUR',
    'B07',
  ],
  [
    '100250',
    'Dhaka Knit Ltd',
    'Plot 5, DEPZ, Savar',
    'Dhaka',
    '1349',
    'Dhaka',
    'Bangladesh',
    'Garments',
    'Knitwear',
    310_000,
    'EUR',
    'A02',
  ],
  // The same vendor number again (a second purchasing view of the vendor): a duplicate.
  [
    '100231',
    'Hirdaramani Apparel (Pvt) Ltd',
    'Mihila, Agalawatta Road',
    'Agalawatta',
    '12200',
    'Western',
    'LK',
    'Garments',
    'Apparel',
    1_250_000,
    'EUR',
    'A03',
  ],
  // Another vendor number for the same site: a duplicate too.
  [
    '100299',
    'Dhaka Knit Ltd',
    'Plot 5, DEPZ, Savar',
    'Dhaka',
    '1349',
    'Dhaka',
    'Bangladesh',
    'Garments',
    'Knitwear',
    12_000,
    'EUR',
    'A02',
  ],
  // No country: rejected.
  ['100260', 'Global Sourcing Agent Ltd', '', '', '', '', '', '', '', 5_000, 'EUR', 'Z99'],
  // Nothing but zero-width characters pasted from a web page: read, with nothing in it to import.
  ['\u200B', '\uFEFF', '', '', '', '', '', '', '', '', '', '\u200B'],
];

const BRAND_HEADER: Cell[] = ['Facility Name', 'Facility Address', 'City', 'Country', 'Number of Workers'];
const BRAND_ROWS: Cell[][] = [
  ['Hirdaramani Apparel (Pvt) Ltd', 'Mihila, Agalawatta Road', 'Agalawatta', 'Sri Lanka', 2400],
  ['PT Eratex Djaja Tbk', 'Jl. Soekarno Hatta No. 23', 'Probolinggo', 'Indonesia', 1500],
  ['PT Eratex Djaja Tbk', 'Jl. Soekarno Hatta No. 23', 'Probolinggo', 'Indonesia', 1500],
  [
    'Saitex International Dong Nai (VN) Co., Ltd',
    'Lot 5, Nhon Trach 3 Industrial Zone',
    'Dong Nai',
    'VN',
    3200,
  ],
];

const SPOT_BUYS = 20;

interface ExportedSupplier {
  id: string;
  rank: unknown;
  cell: (header: string) => ExcelJS.Cell;
  text: (header: string) => string | null;
}

async function listAll(sut: TestApp, query = ''): Promise<SupplierSummary[]> {
  const items: SupplierSummary[] = [];
  for (let page = 1; ; page++) {
    const body = (await sut.as().get(`/suppliers?sort=priority&pageSize=7&page=${page}${query}`).expect(200))
      .body as { items: SupplierSummary[]; total: number };
    items.push(...body.items);
    if (items.length >= body.total || body.items.length === 0) {
      return items;
    }
  }
}

function headersOf(row: ExcelJS.Row): Map<string, number> {
  const headers = new Map<string, number>();
  row.eachCell((cell, column) => headers.set(cell.text, column));
  return headers;
}

function columnOf(headers: Map<string, number>, header: string): number {
  expect([header, headers.has(header)]).toEqual([header, true]);
  return headers.get(header) ?? 0;
}

function suppliersOf(workbook: ExcelJS.Workbook): ExportedSupplier[] {
  const sheet = workbook.getWorksheet('Suppliers')!;
  const headers = headersOf(sheet.getRow(1));
  const rows: ExportedSupplier[] = [];
  sheet.eachRow((row, number) => {
    if (number === 1) {
      return;
    }
    const cell = (header: string) => row.getCell(columnOf(headers, header));
    rows.push({
      id: cell('Vigil supplier id').text,
      rank: cell('Rank').value,
      cell,
      text: (header) => (cell(header).value === null ? null : cell(header).text),
    });
  });
  return rows;
}

describe('the supplier export', () => {
  let sut: TestApp;
  let vendorMaster: ImportBatchView;
  const uploads: ImportBatchView[] = [];

  async function upload(rows: Cell[][], fileName: string, list?: string, banner?: Cell[][]) {
    const request = sut.as().post('/imports');
    if (list) {
      void request.field('list', list);
    }
    const file = await xlsxBuffer(rows, banner ? { bannerRows: banner } : {});
    const response = await request.attach('file', file, fileName).expect(201);
    uploads.push(response.body as ImportBatchView);
    return response.body as ImportBatchView;
  }

  async function download(query = ''): Promise<ExcelJS.Workbook> {
    const response = await sut
      .as('procurement')
      .get(`/suppliers/export.xlsx${query}`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    return readXlsx(response.body as Buffer);
  }

  // 23 uploads one after the other, each applied, scored and screened: past the default budget on a busy machine.
  beforeAll(async () => {
    sut = await startTestApp();
    vendorMaster = await upload(
      [VENDOR_HEADER, ...VENDOR_ROWS],
      'LFA1_vendor_master_2026-11-30.xlsx',
      'ERP vendor master',
      VENDOR_BANNER,
    );
    await upload([BRAND_HEADER, ...BRAND_ROWS], 'Brand X disclosure list Q4.xlsx', 'Brand X disclosure');
    // The same file again: every site unchanged.
    await upload(
      [VENDOR_HEADER, ...VENDOR_ROWS],
      'LFA1_vendor_master_2026-11-30 (1).xlsx',
      'ERP vendor master',
      VENDOR_BANNER,
    );
    for (let index = 1; index <= SPOT_BUYS; index++) {
      await upload(
        [
          ['Supplier name', 'Country', 'Products'],
          [`Spot buy supplier ${index}`, index % 2 === 0 ? 'Turkey' : 'Morocco', 'Garments'],
        ],
        `spot-buy-${index}.xlsx`,
        'Spot buys',
      );
    }
  }, 240_000);

  afterAll(async () => {
    await sut.close();
  });

  it('counts the vendor master the way the Uploads sheet will: every row read in one class', () => {
    expect(vendorMaster.counts).toMatchObject({
      read: 9,
      imported: 5,
      updated: 0,
      unchanged: 0,
      duplicates: 2,
      rejected: 1,
    });
  });

  it('lists the suppliers in the order of GET /suppliers?sort=priority, ranked from 1', async () => {
    const listed = await listAll(sut);

    const exported = suppliersOf(await download());

    expect(listed.length).toBeGreaterThan(20);
    expect(exported.map((row) => row.id)).toEqual(listed.map((item) => item.id));
    expect(exported.map((row) => row.rank)).toEqual(listed.map((_, index) => index + 1));
    exported.forEach((row, index) => {
      const item = listed[index];
      expect(row.cell('Score').value).toBe(item.score);
      if (item.score !== null) {
        expect(row.cell('Score').type).toBe(ExcelJS.ValueType.Number);
      }
      expect(row.text('Priority reason')).toBe(item.priorityReason);
      expect(row.cell('Red flags').value).toBe(item.redFlagCount);
      expect(row.cell('Range low').value).toBe(item.range?.low ?? null);
      expect(row.cell('Range high').value).toBe(item.range?.high ?? null);
    });
  });

  it('keeps the supplier-list order under its filters', async () => {
    const listed = await listAll(sut, '&country=LK,CN,BD');

    const exported = suppliersOf(await download('?country=LK,CN,BD'));

    expect(listed.length).toBe(5);
    expect(exported.map((row) => row.id)).toEqual(listed.map((item) => item.id));
  });

  it('pages through the work list in that order whatever the page size, ties and unassessed suppliers included', async () => {
    const repository = sut.app.get(ReportsRepository);
    const before = await listAll(sut);
    // Two suppliers as if never assessed: without a priority the list puts them last, by id.
    const unassessed = [before[3].id, before[10].id];
    const stored = await sut.dataSource.query<{ id: string; priority: number }[]>(
      'SELECT id, priority FROM suppliers WHERE id = ANY($1::uuid[])',
      [unassessed],
    );
    await sut.dataSource.query('UPDATE suppliers SET priority = NULL WHERE id = ANY($1::uuid[])', [
      unassessed,
    ]);
    try {
      const listed = (await listAll(sut)).map((item) => item.id);
      expect(listed.slice(-2)).toEqual([...unassessed].sort());
      const priorities = before.map((item) => item.priority);
      // Spot buys alike in all the rules weigh share a priority: the id decides between them.
      expect(new Set(priorities).size).toBeLessThan(priorities.length);

      for (const pageSize of [1, 2, 3, 7, 1000]) {
        const paged: string[] = [];
        for await (const supplier of repository.inPriorityOrder({}, pageSize)) {
          paged.push(supplier.id);
        }
        expect([pageSize, paged]).toEqual([pageSize, listed]);
      }
    } finally {
      for (const { id, priority } of stored) {
        await sut.dataSource.query('UPDATE suppliers SET priority = $2 WHERE id = $1', [id, priority]);
      }
    }
  });

  it('tells the two sites sharing a name apart by address and city, and says where each region comes from', async () => {
    const exported = suppliersOf(await download());
    const byName = (name: string) => exported.filter((row) => row.text('Supplier name') === name);

    const hirdaramani = byName('Hirdaramani Apparel (Pvt) Ltd');
    expect(
      hirdaramani.map((row) => [row.text('Address'), row.text('City'), row.text('Postal code')]).sort(),
    ).toEqual([
      ['Mihila, Agalawatta Road', 'Agalawatta', '12200'],
      ['No. 12, Kahatagasdigiliya Road', 'Kahatagasdigiliya', null],
    ]);
    for (const row of hirdaramani) {
      expect(row.text('Region source')).toBe('as listed');
      expect([row.text('Country code'), row.text('Country')]).toEqual(['LK', 'Sri Lanka']);
    }

    const [mill] = byName('新疆棉纺有限公司');
    const millDetail = (await sut.as().get(`/suppliers/${mill.id}`).expect(200)).body as SupplierDetail;
    expect(millDetail.inferred.region).toMatchObject({ from: 'address' });
    expect(mill.text('Region / province')).toBe(millDetail.profile.region);
    expect(mill.text('Region source')).toBe(
      `inferred from the address "${millDetail.inferred.region?.matched}"`,
    );
    expect(mill.text('City')).toBeNull();

    const [hotan] = byName('Hetian Haolin Hair Accessories Co., Ltd.');
    expect(hotan.text('Region / province')).toBe('Xinjiang');
    expect(hotan.text('Region source')).toBe('inferred from the city "Hotan"');

    const [dhaka] = byName('Dhaka Knit Ltd');
    expect(dhaka.cell('Annual spend').value).toBe(310_000);
    expect(dhaka.cell('Annual spend').type).toBe(ExcelJS.ValueType.Number);
    expect(dhaka.text('Currency')).toBe('EUR');
  });

  it("gives one follow-up per open question, as each supplier's detail lists its questions", async () => {
    const exported = suppliersOf(await download());
    let asked = 0;

    for (const row of exported) {
      const detail = (await sut.as().get(`/suppliers/${row.id}`).expect(200)).body as SupplierDetail;
      const questions = detail.assessment?.uncertainty?.openQuestions ?? [];
      const lines = row.text('Follow-ups')?.split('\n') ?? [];
      expect(new Set(lines).size).toBe(lines.length);
      expect(lines).toEqual([...new Set(questions.map((question) => question.followUp))]);
      expect(row.cell('Open questions').value).toBe(
        new Set(questions.map((question) => question.indicatorId)).size,
      );
      expect(lines.length).toBeLessThanOrEqual(questions.length);
      asked += questions.length;
    }
    expect(asked).toBeGreaterThan(exported.length);
  });

  it('lists every completed upload on the Uploads sheet, newest first, with the figures GET /imports/:id gives', async () => {
    const workbook = await download('?country=LK');
    const sheet = workbook.getWorksheet('Uploads')!;
    expect(sheet.getRow(1).getCell(1).text).toContain('Every completed upload');
    const headers = headersOf(sheet.getRow(2));
    const rows: Array<(header: string) => unknown> = [];
    sheet.eachRow((row, number) => {
      if (number > 2) {
        rows.push((header) => row.getCell(columnOf(headers, header)).value);
      }
    });

    // More than the portfolio report prints: the sheet has them all, whatever the supplier filters.
    expect(uploads.length).toBe(SPOT_BUYS + 3);
    expect(rows).toHaveLength(uploads.length);
    expect(rows.map((row) => row('Vigil upload id'))).toEqual([...uploads].reverse().map((u) => u.id));
    for (const row of rows) {
      const batch = (
        await sut
          .as('auditor')
          .get(`/imports/${String(row('Vigil upload id'))}`)
          .expect(200)
      ).body as ImportBatchView;
      const count = (header: string): number => {
        const value = row(header);
        expect([header, typeof value]).toEqual([header, 'number']);
        return value as number;
      };
      expect(row('File name')).toBe(batch.fileName);
      expect(row('SHA-256')).toBe(batch.fileSha256);
      expect(row('Source list')).toBe(batch.sourceList?.name);
      expect(row('Uploaded at')).toBe(batch.createdAt);
      expect(row('Uploaded by')).toBe('admin@vigil.test');
      expect({
        read: count('Rows read'),
        imported: count('New'),
        updated: count('Updated'),
        unchanged: count('Unchanged'),
        duplicates: count('Duplicates'),
        rejected: count('Rejected'),
        withWarnings: count('Imported with warnings'),
      }).toEqual(batch.counts);
      expect(count('Imported')).toBe(count('New') + count('Updated') + count('Unchanged'));
      expect(count('Rows read')).toBe(
        count('Imported') + count('Duplicates') + count('Rejected') + count('Blank'),
      );
    }

    const vendor = rows.find((row) => row('Vigil upload id') === vendorMaster.id)!;
    // The row of zero-width characters is the one blank row: read, neither imported nor rejected.
    expect([vendor('Imported'), vendor('Duplicates'), vendor('Rejected'), vendor('Blank')]).toEqual([
      5, 2, 1, 1,
    ]);
    const again = rows.find((row) => row('File name') === 'LFA1_vendor_master_2026-11-30 (1).xlsx')!;
    expect([again('New'), again('Updated'), again('Unchanged')]).toEqual([0, 0, 5]);
  });
});
