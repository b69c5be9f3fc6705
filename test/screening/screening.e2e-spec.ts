import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { JOB_QUEUE, type JobQueue } from '../../src/jobs/job-queue.js';
import type { ScreeningHitView, ScreeningSummary } from '../../src/screening/dto/screening.views.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { xlsxBuffer, type Cell } from '../support/workbooks.js';

// A brand's supplier disclosure list as brands publish it (title rows, group column, subcontractors, product
// types), screened against the shipped UFLPA Entity List and CBP withhold release orders.

const TITLE: Cell[][] = [
  ['Supplier disclosure list: finished goods and fabric mills'],
  ['As of November 2026'],
  [],
];
const HEADER: Cell[] = [
  'Supplier ID',
  'Factory Name',
  'Supplier Group',
  'Address',
  'City',
  'State/Province',
  'Country',
  'Product Type',
  'Subcontractors',
];
const ROWS: Cell[][] = [
  // The UFLPA entity "Hetian Taida Apparel Co., Ltd" under the other spelling of Hetian, without its legal form.
  [
    'F-001',
    'Hotan Taida Apparel',
    '',
    'Beijing West Road 18',
    'Hotan',
    'Xinjiang',
    'China',
    'Knitted garments',
    '',
  ],
  // Listed as "Hetian Haolin Hair Accessories Co. Ltd.": the brand writes the products differently.
  ['F-002', 'Hetian Haolin Hair Products', '', 'Industrial Park 3', 'Hotan', 'Xinjiang', 'China', 'Wigs', ''],
  // A parent company on the list: "Hoshine Silicon Industry (Shanshan) Co., Ltd".
  [
    'F-003',
    'Zhejiang Huayi Garment Co., Ltd.',
    'Hoshine Silicon Industry Co.',
    '88 Jiangbin Road',
    'Shaoxing',
    'Zhejiang',
    'China',
    'Knitwear',
    '',
  ],
  // Only generic words in common with listed names: no name hit.
  [
    'F-004',
    'Textile Co., Ltd.',
    '',
    '12 Harbour Road',
    'Ningbo',
    'Zhejiang',
    'China',
    'Polyester fabric',
    '',
  ],
  [
    'F-005',
    'Guangdong Garment Factory',
    '',
    '5 Shenzhen Road',
    'Dongguan',
    'Guangdong',
    'China',
    'Polyester jackets',
    '',
  ],
  // The country-wide order on Turkmen cotton: a cotton spinner in Turkmenistan.
  [
    'F-006',
    'Ashgabat Cotton Yarn Mill',
    '',
    'Magtymguly Avenue 40',
    'Ashgabat',
    '',
    'Turkmenistan',
    'Cotton yarn',
    '',
  ],
  // Outside China a cotton garment maker is asked where its cotton comes from: potential hits only.
  [
    'F-007',
    'Dhaka Knit Composite Ltd',
    '',
    'Plot 14, BSCIC',
    'Narayanganj',
    'Dhaka',
    'Bangladesh',
    'Cotton T-shirts',
    '',
  ],
  // A listed subcontractor.
  [
    'F-008',
    'Jiangsu Lihua Textile',
    '',
    '7 Renmin Road',
    'Suzhou',
    'Jiangsu',
    'China',
    'Polyester fabric',
    'Xinjiang Junggar Cotton & Linen; Suzhou Dyeing Works',
  ],
];

async function disclosureList(rows: Cell[][] = ROWS): Promise<Buffer> {
  return xlsxBuffer([HEADER, ...rows], { bannerRows: TITLE, sheetName: 'Suppliers' });
}

const UFLPA_FILE = new URL('../../rules/reference/lists/uflpa_entity_list.csv', import.meta.url);

describe('screening against enforcement lists', () => {
  let sut: TestApp;
  let queue: JobQueue;
  let lastImportRun: { total: number; raised: number; done: number } | undefined;

  const upload = async (buffer: Buffer): Promise<void> => {
    const imported = await sut
      .as('compliance')
      .post('/imports')
      .attach('file', buffer, 'disclosure-list.xlsx')
      .expect(201);
    // Answered while the officer waits: the new and changed sites come back screened.
    expect(imported.body.screening).toMatchObject({ status: 'completed', reason: 'import' });
    lastImportRun = imported.body.screening as { total: number; raised: number; done: number };
    await queue.idle();
  };
  const hits = async (query = 'status=all&limit=500'): Promise<ScreeningHitView[]> =>
    (
      (await sut.as('auditor').get(`/screening/hits?${query}`).expect(200)).body as {
        items: ScreeningHitView[];
      }
    ).items;
  const hitOf = async (supplier: string, list: string, kind = 'name'): Promise<ScreeningHitView> => {
    const found = (await hits()).filter(
      (hit) => hit.supplier.name === supplier && hit.list === list && hit.kind === kind && hit.current,
    );
    expect(found.length).toBeGreaterThan(0);
    return found[0];
  };
  const supplierNamed = async (name: string) => {
    const page = await sut
      .as('procurement')
      .get(`/suppliers?q=${encodeURIComponent(name)}`)
      .expect(200);
    const summary = (page.body.items as { id: string; name: string }[]).find((item) => item.name === name);
    expect(summary).toBeDefined();
    return (await sut.as('procurement').get(`/suppliers/${summary!.id}`).expect(200)).body;
  };

  beforeAll(async () => {
    sut = await startTestApp();
    queue = sut.app.get<JobQueue>(JOB_QUEUE);
    await queue.idle();
    await upload(await disclosureList());
  });

  afterAll(async () => {
    await sut.close();
  });

  it('screens new sites as the import stages them: its run covers only the stored sites it changed', async () => {
    // The first upload created every site and screened each as it staged it: its run had nothing left to do, and
    // counts the hits the import raised.
    const raised = (await hits()).filter((hit) => hit.status === 'open');
    expect(lastImportRun).toEqual(expect.objectContaining({ total: 0, done: 0, raised: raised.length }));
    expect(new Set(raised.map((hit) => hit.supplier.name)).size).toBeGreaterThanOrEqual(5);
    const summary = (await sut.as('procurement').get('/screening/summary').expect(200))
      .body as ScreeningSummary;
    expect(summary.open.hits + summary.open.potential).toBe(raised.length);
  });

  it('hits a listed entity under another transliteration, a listed parent company and a listed subcontractor', async () => {
    const taida = await hitOf('Hotan Taida Apparel', 'uflpa');
    expect(taida).toMatchObject({
      strength: 'hit',
      status: 'open',
      party: { role: 'supplier', name: 'Hotan Taida Apparel' },
      // Listed twice, under sections (i) and (v): one hit, citing both.
      details: {
        section: '2(d)(2)(B)(i); 2(d)(2)(B)(v)',
        effectiveDate: '2022-06-21',
        editionAsOf: '2026-08-03',
      },
    });
    expect(taida.entryName).toMatch(/^Hetian Taida Apparel Co\., Ltd/);
    expect(taida.score).toBeGreaterThanOrEqual(0.8);

    const parent = await hitOf('Zhejiang Huayi Garment Co., Ltd.', 'uflpa');
    expect(parent.party).toEqual({ role: 'parent', name: 'Hoshine Silicon Industry Co.' });
    expect(parent.entryName).toMatch(/^Hoshine Silicon Industry \(Shanshan\)/);

    const subcontractor = await hitOf('Jiangsu Lihua Textile', 'uflpa');
    expect(subcontractor.party).toEqual({ role: 'subcontractor', name: 'Xinjiang Junggar Cotton & Linen' });
  });

  it('raises no name hit for names sharing only generic words with listed ones', async () => {
    const all = await hits();
    for (const decoy of ['Textile Co., Ltd.', 'Guangdong Garment Factory']) {
      expect(all.filter((hit) => hit.supplier.name === decoy && hit.kind === 'name')).toEqual([]);
    }
  });

  it('hits a country-wide order on country and product, and asks about origin elsewhere', async () => {
    const turkmen = await hitOf('Ashgabat Cotton Yarn Mill', 'cbp-wro', 'area');
    expect(turkmen.strength).toBe('hit');
    expect(turkmen.listedName).toBe('Turkmenistan: cotton');
    expect(turkmen.details.section).toBe('WRO');

    const dhaka = (await hits()).filter((hit) => hit.supplier.name === 'Dhaka Knit Composite Ltd');
    expect(dhaka.map((hit) => hit.strength)).toEqual(['potential', 'potential']);
    expect(dhaka.map((hit) => hit.details.question).sort()).toEqual([
      "Does this supplier's cotton come from Turkmenistan?",
      "Does this supplier's cotton come from the Xinjiang Uyghur Autonomous Region (China)?",
    ]);
    // Open hits do not set the tier; they put the supplier ahead in the work list.
    const detail = await supplierNamed('Dhaka Knit Composite Ltd');
    expect(detail.screening).toEqual({ status: 'open', confirmed: 0, open: 2 });
    expect(detail.assessment.redFlags).toEqual([]);
    expect(detail.priorityReason).toContain('2 enforcement-list hits awaiting review (ask first)');
  });

  it('lets compliance confirm a hit with a reason: a critical red flag citing the list, in the audit trail', async () => {
    const taida = await hitOf('Hotan Taida Apparel', 'uflpa');
    await sut
      .as('compliance')
      .post(`/screening/hits/${taida.id}/decision`)
      .send({ decision: 'confirm' })
      .expect(400);
    await sut
      .as('procurement')
      .post(`/screening/hits/${taida.id}/decision`)
      .send({
        decision: 'confirm',
        reason: 'Same company: address and registration number match the listing',
      })
      .expect(403);
    const decided = await sut
      .as('compliance')
      .post(`/screening/hits/${taida.id}/decision`)
      .send({
        decision: 'confirm',
        reason: 'Same company: address and registration number match the listing',
      })
      .expect(200);
    expect(decided.body).toMatchObject({ status: 'confirmed', decidedBy: 'token:test compliance' });
    const again = await sut
      .as('compliance')
      .post(`/screening/hits/${taida.id}/decision`)
      .send({ decision: 'dismiss', reason: 'Changed my mind about this one entirely' })
      .expect(409);
    expect(again.body.code).toBe('HIT_ALREADY_DECIDED');

    const detail = await supplierNamed('Hotan Taida Apparel');
    expect(detail.tier).toBe('critical');
    expect(detail.screening.status).toBe('confirmed');
    const flag = (
      detail.assessment.redFlags as { indicatorId: string; minimumTier: string; evidence: string }[]
    ).find((candidate) => candidate.indicatorId === 'screening.uflpa');
    expect(flag?.minimumTier).toBe('critical');
    expect(flag?.evidence).toContain(
      'UFLPA Entity List (edition as of 2026-08-03), sections 2(d)(2)(B)(i); 2(d)(2)(B)(v), effective 2022-06-21',
    );
    expect(flag?.evidence).toContain('supplier name "Hotan Taida Apparel"');
    expect(flag?.evidence).toContain('confirmed by token:test compliance');
    expect(detail.history[0].cause).toEqual({ kind: 'screening' });

    const audit = await sut.as('auditor').get('/audit?action=screening.hit').expect(200);
    expect(audit.body.items[0]).toMatchObject({
      action: 'screening.hit.confirmed',
      summary: { hit: taida.id, list: 'uflpa', reason: expect.stringContaining('registration number') },
    });
  });

  it('keeps a dismissal on re-upload and re-opens it when the list entry changes', async () => {
    const haolin = await hitOf('Hetian Haolin Hair Products', 'uflpa');
    await sut
      .as('compliance')
      .post(`/screening/hits/${haolin.id}/decision`)
      .send({
        decision: 'dismiss',
        reason: 'Different company: wig maker in Hotan, not the listed hair accessories firm',
      })
      .expect(200);

    // The same list again, one row changed elsewhere: the dismissal stands, nothing is raised again.
    const changed = ROWS.map((row) =>
      row[0] === 'F-004' ? row.map((cell, i) => (i === 3 ? '14 Harbour Road' : cell)) : row,
    );
    await upload(await disclosureList(changed));
    // The run of this upload screened the stored sites it listed again, and raised nothing new.
    expect(lastImportRun).toEqual(
      expect.objectContaining({ total: ROWS.length, done: ROWS.length, raised: 0 }),
    );
    await sut.as('compliance').post('/screening/run').expect(202);
    await queue.idle();
    const afterUpload = (await hits()).filter(
      (hit) => hit.supplier.name === 'Hetian Haolin Hair Products' && hit.list === 'uflpa',
    );
    expect(afterUpload.map((hit) => [hit.status, hit.current])).toEqual([['dismissed', true]]);

    // A newer edition gives the entry another alias: the question is open again, the dismissal kept as history.
    const edition = readFileSync(UFLPA_FILE, 'utf8').replace(
      'Hotan Haolin Hair Accessories; Hollin Hair Accessories',
      'Hotan Haolin Hair Accessories; Hollin Hair Accessories; Haolin Wigs',
    );
    const loaded = await sut
      .as('compliance')
      .post('/screening/lists/uflpa')
      .field('asOf', '2026-11-20')
      .field(
        'source',
        'US Department of Homeland Security, UFLPA Entity List, https://www.dhs.gov/uflpa-entity-list',
      )
      .attach('file', Buffer.from(edition), 'uflpa_entity_list-2026-11-20.csv')
      .expect(201);
    expect(loaded.body).toMatchObject({ inForce: true, edition: { asOf: '2026-11-20', shipped: false } });
    await queue.idle();
    const afterEdition = (await hits()).filter(
      (hit) => hit.supplier.name === 'Hetian Haolin Hair Products' && hit.list === 'uflpa',
    );
    expect(afterEdition.map((hit) => [hit.status, hit.current, hit.edition.asOf]).sort()).toEqual([
      ['dismissed', false, '2026-08-03'],
      ['open', true, '2026-11-20'],
    ]);
    // The confirmed hit stays confirmed under the new edition (its entry did not change).
    const taida = await hitOf('Hotan Taida Apparel', 'uflpa');
    expect(taida.status).toBe('confirmed');
  });

  it('refuses a malformed list edition with file and line, and keeps the edition in force', async () => {
    const before = await sut.as('auditor').get('/screening/lists').expect(200);
    // Line 3 is the Hetian Haolin row: a section the law does not have, a date written the European way.
    const broken = readFileSync(UFLPA_FILE, 'utf8').replace(
      'Hollin Hair Accessories,2(d)(2)(B)(i),2022-06-21',
      'Hollin Hair Accessories,2(d)(2)(B)(vi),21/06/2022',
    );
    const refused = await sut
      .as('compliance')
      .post('/screening/lists/uflpa')
      .field('asOf', '2026-12-01')
      .field(
        'source',
        'US Department of Homeland Security, UFLPA Entity List, https://www.dhs.gov/uflpa-entity-list',
      )
      .attach('file', Buffer.from(broken), 'uflpa-december.csv')
      .expect(400);
    expect(refused.body.code).toBe('LIST_EDITION_INVALID');
    expect(refused.body.message).toMatch(/uflpa-december\.csv, line 3, column "section"/);
    expect(refused.body.message).toMatch(/uflpa-december\.csv, line 3, column "effective_date"/);
    const after = await sut.as('auditor').get('/screening/lists').expect(200);
    expect(after.body).toEqual(before.body);
    const summary = (await sut.as('procurement').get('/screening/summary').expect(200))
      .body as ScreeningSummary;
    expect(summary.editions.map((edition) => [edition.kind, edition.asOf]).sort()).toEqual([
      ['cbp-wro', '2026-06-23'],
      ['uflpa', '2026-11-20'],
    ]);
  });

  it('counts open, confirmed and dismissed hits for every role', async () => {
    const summary = (await sut.as('procurement').get('/screening/summary').expect(200))
      .body as ScreeningSummary;
    const all = (await hits()).filter((hit) => hit.current);
    expect(summary.confirmed.hits).toBe(all.filter((hit) => hit.status === 'confirmed').length);
    expect(summary.confirmed.suppliers).toBe(1);
    expect(summary.open.hits + summary.open.potential).toBe(
      all.filter((hit) => hit.status === 'open').length,
    );
    expect(summary.lastRun?.status).toBe('completed');
    await sut.as('procurement').get('/screening/hits').expect(403);
  });
});
