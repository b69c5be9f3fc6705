import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { xlsxBuffer, type Cell } from '../support/workbooks.js';

// An officer sees how a file would be read before anything is written, corrects a column, and the list remembers
// the correction for its next upload.

const MAP: Cell[][] = [
  [
    'Supplier Group',
    'Factory Name',
    'Factory Type',
    'Address',
    'City',
    'Country',
    'Product Type',
    '% Migrant Workers',
    'Subcons',
  ],
  [
    'Hirdaramani Group',
    'Hirdaramani Apparel (Pvt) Ltd',
    'FINISHED GOODS - COMPONENTS',
    'Mihila',
    'Agalawatta',
    'Sri Lanka',
    'Apparel',
    '5%',
    'Kelani Embroidery',
  ],
  [
    '',
    'PT Eratex Djaja Tbk',
    'FINISHED GOODS',
    'Jl. Soekarno Hatta No. 23',
    'Probolinggo',
    'Indonesia',
    'Apparel',
    '110%',
    '',
  ],
];

// A German plant list whose name and address headers are the company's own.
const WERKE: Cell[][] = [
  ['Betriebsstätte', 'Anschrift', 'Ort', 'Land', 'Mitarbeiter'],
  ['Textilwerk Nord GmbH', 'Hafenstraße 4', 'Bremen', 'Deutschland', 120],
  ['Stickerei Süd GmbH', 'Bahnhofstr. 9', 'Plauen', 'DE', 45],
];

function post(
  sut: TestApp,
  buffer: Buffer,
  fileName: string,
  fields: Record<string, string> = {},
  preview = false,
) {
  const request = sut.as('compliance').post(`/imports${preview ? '?preview=true' : ''}`);
  for (const [name, value] of Object.entries(fields)) {
    void request.field(name, value);
  }
  return request.attach('file', buffer, fileName);
}

async function counts(sut: TestApp): Promise<{ batches: number; suppliers: number; lists: number }> {
  const [row] = await sut.dataSource.query(
    `SELECT (SELECT count(*)::int FROM import_batches) AS batches, (SELECT count(*)::int FROM suppliers) AS suppliers,
            (SELECT count(*)::int FROM source_lists) AS lists`,
  );
  return row;
}

describe('import preview and mapping correction', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp();
  });

  afterAll(async () => {
    await sut.close();
  });

  it('shows each column with its field, samples and normalised values, and writes nothing', async () => {
    const before = await counts(sut);
    const response = await post(
      sut,
      await xlsxBuffer(MAP),
      'Manufacturing_Map_2026-11.xlsx',
      {},
      true,
    ).expect(200);
    expect(response.body).toMatchObject({
      sheetName: 'Suppliers',
      headerRow: 1,
      sourceList: { name: 'Manufacturing Map', existing: false, savedMapping: false },
      sample: { rows: 2, rejected: 0, withWarnings: 1 },
    });
    const column = (header: string) =>
      response.body.columns.find((c: { header: string }) => c.header === header);
    expect(column('Factory Type')).toMatchObject({
      letter: 'C',
      field: 'facilityType',
      mappedBy: 'header',
      samples: ['FINISHED GOODS - COMPONENTS', 'FINISHED GOODS'],
    });
    expect(column('Supplier Group')).toMatchObject({ field: 'parentCompany' });
    expect(column('Subcons')).toMatchObject({ field: 'subcontractors', samples: ['Kelani Embroidery'] });
    expect(column('Country')).toMatchObject({
      samples: ['Sri Lanka', 'Indonesia'],
      normalised: ['LK', 'ID'],
    });
    expect(column('% Migrant Workers')).toMatchObject({ samples: ['5%', '110%'], normalised: ['5', ''] });
    expect(response.body.sample.issues).toEqual([
      expect.objectContaining({ row: 3, column: '% Migrant Workers', value: '110%', severity: 'warning' }),
    ]);
    expect(response.body.fields).toContainEqual({ field: 'facilityType', label: 'Facility type' });
    expect(await counts(sut)).toEqual(before);
  });

  it('imports with the columns the officer corrected, and reuses them for the list’s next file', async () => {
    const first = await post(sut, await xlsxBuffer(WERKE), 'Werke_DE_2026-11.xlsx', {}, true).expect(200);
    expect(first.body.sourceList).toMatchObject({ name: 'Werke DE', existing: false });
    expect(first.body.problems).toContainEqual(expect.objectContaining({ severity: 'error' }));
    const unmapped = first.body.columns.filter((c: { field: string | null }) => c.field === null);
    expect(unmapped.map((c: { header: string }) => c.header)).toEqual(['Betriebsstätte']);

    const mapping = JSON.stringify({ Betriebsstätte: 'name' });
    const imported = await post(sut, await xlsxBuffer(WERKE), 'Werke_DE_2026-11.xlsx', {
      mapping,
      list: first.body.sourceList.name,
      saveMappingForList: 'true',
    }).expect(201);
    expect(imported.body.counts).toMatchObject({ imported: 2, rejected: 0 });

    const next: Cell[][] = [
      ...WERKE,
      ['Weberei West GmbH', 'Industriestraße 1', 'Gronau', 'Deutschland', 300],
    ];
    const preview = await post(sut, await xlsxBuffer(next), 'Werke DE 2026-12.xlsx', {}, true).expect(200);
    expect(preview.body.sourceList).toEqual({ name: 'Werke DE', existing: true, savedMapping: true });
    expect(preview.body.problems.filter((p: { severity: string }) => p.severity === 'error')).toEqual([]);
    expect(preview.body.columns[0]).toMatchObject({
      header: 'Betriebsstätte',
      field: 'name',
      mappedBy: 'list',
    });

    const again = await post(sut, await xlsxBuffer(next), 'Werke DE 2026-12.xlsx').expect(201);
    expect(again.body.sourceList).toMatchObject({ name: 'Werke DE' });
    expect(again.body.counts).toMatchObject({ imported: 1, unchanged: 2 });
  });

  it('refuses a preview request that is not true or false', async () => {
    const response = await sut
      .as('compliance')
      .post('/imports?preview=maybe')
      .attach('file', await xlsxBuffer(MAP), 'map.xlsx')
      .expect(400);
    expect(JSON.stringify(response.body)).toContain('preview must be');
  });
});
