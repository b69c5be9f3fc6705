import { mkdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { JOB_QUEUE, type JobQueue } from '../src/jobs/job-queue.js';
import type {
  ImportBatch,
  ListEdition,
  ScreeningHit,
  ScreeningRun,
  ScreeningSummary,
  SupplierSummary,
} from '../web/src/api/types.js';
import { countryName, formatCount } from '../web/src/lib/format.js';
import {
  citationFacts,
  decisionText,
  editionTitle,
  hitHeading,
  importScreeningText,
  listTitle,
  outcomeText,
  runText,
  scoreText,
  screeningStatusDetail,
  screeningStatusLabel,
} from '../web/src/lib/screening.js';
import { buildWeb, contextAs as signedIn, launchBrowser, listen, watchPage } from './support/browser.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { xlsxBuffer, type Cell } from './support/workbooks.js';

// The Screening page in a real headless Chromium: a compliance officer uploads a brand's supplier disclosure list,
// reviews the hits against the UFLPA Entity List and CBP's withhold release orders beside the list entries, and
// confirms or dismisses them with a reason; an auditor reads the decisions; procurement sees each supplier's status.
// VIGIL_SCREENSHOTS=/some/dir also saves a screenshot of each view there.

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
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
];
const ROWS: Cell[][] = [
  // The UFLPA entity "Hetian Taida Apparel Co., Ltd" under the other spelling of Hetian, without its legal form.
  [
    'F-101',
    'Hotan Taida Apparel',
    '',
    'Beijing West Road 18',
    'Hotan',
    'Xinjiang',
    'China',
    'Knitted garments',
  ],
  // The country-wide order on Turkmen cotton.
  [
    'F-102',
    'Ashgabat Cotton Yarn Mill',
    '',
    'Magtymguly Avenue 40',
    'Ashgabat',
    '',
    'Turkmenistan',
    'Cotton yarn',
  ],
  // Cotton T-shirts made elsewhere: where the cotton comes from is asked (potential hits).
  [
    'F-103',
    'Dhaka Knit Composite Ltd',
    '',
    'Plot 14, BSCIC',
    'Narayanganj',
    'Dhaka',
    'Bangladesh',
    'Cotton T-shirts',
  ],
  [
    'F-104',
    'Saigon Outerwear Co., Ltd',
    '',
    '12 Tan Thuan Road',
    'Ho Chi Minh City',
    '',
    'Viet Nam',
    'Polyester jackets',
  ],
  [
    'F-105',
    'Bursa Zipper Sanayi A.Ş.',
    '',
    'Organize Sanayi Bölgesi 4',
    'Bursa',
    'Bursa',
    'Türkiye',
    'Metal zippers',
  ],
  [
    'F-106',
    'Łódź Packaging Sp. z o.o.',
    '',
    'ul. Piotrkowska 200',
    'Łódź',
    'Łódzkie',
    'Poland',
    'Corrugated cartons',
  ],
];

const UFLPA_FILE = new URL('../rules/reference/lists/uflpa_entity_list.csv', import.meta.url);
const UFLPA_SOURCE =
  'US Department of Homeland Security, UFLPA Entity List, https://www.dhs.gov/uflpa-entity-list';

describe('screening page in a browser', () => {
  let sut: TestApp;
  let base: string;
  let browser: Browser;
  let queue: JobQueue;
  const screenshots = process.env.VIGIL_SCREENSHOTS;

  const snap = async (page: Page, name: string): Promise<void> => {
    if (screenshots) {
      await page.screenshot({ path: `${screenshots}/${name}-full.png`, fullPage: true });
    }
  };

  beforeAll(async () => {
    if (screenshots) {
      mkdirSync(screenshots, { recursive: true });
    }
    await buildWeb();
    sut = await startTestApp();
    queue = sut.app.get<JobQueue>(JOB_QUEUE);
    // The start-up screening of the (empty) portfolio against the shipped editions.
    await queue.idle();
    base = await listen(sut);
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await sut?.close();
  });

  const contextAs = (role: 'compliance' | 'procurement' | 'auditor'): Promise<BrowserContext> =>
    signedIn(browser, sut, role);

  async function hitsFromApi(query = 'status=all&limit=500'): Promise<ScreeningHit[]> {
    return (
      (await sut.as('auditor').get(`/screening/hits?${query}`).expect(200)).body as { items: ScreeningHit[] }
    ).items;
  }

  async function hitOf(
    supplier: string,
    list: 'uflpa' | 'cbp-wro',
    match: (hit: ScreeningHit) => boolean = (hit) => hit.kind === 'name',
  ): Promise<ScreeningHit> {
    const found = (await hitsFromApi()).filter(
      (hit) => hit.supplier.name === supplier && hit.list === list && hit.current && match(hit),
    );
    expect(found).toHaveLength(1);
    return found[0];
  }

  async function summaryFromApi(): Promise<ScreeningSummary> {
    return (await sut.as('procurement').get('/screening/summary').expect(200)).body as ScreeningSummary;
  }

  async function supplierNamed(name: string): Promise<SupplierSummary> {
    const page = await sut
      .as('procurement')
      .get(`/suppliers?q=${encodeURIComponent(name)}`)
      .expect(200);
    const found = (page.body.items as SupplierSummary[]).find((item) => item.name === name);
    expect(found).toBeDefined();
    return found as SupplierSummary;
  }

  /** A list uploaded through the API (answered once its sites are screened). */
  async function uploadList(list: string, rows: Cell[][]): Promise<void> {
    await sut
      .as('compliance')
      .post('/imports')
      .field('list', list)
      .attach('file', await xlsxBuffer([HEADER, ...rows]), `${list}.xlsx`)
      .expect(201);
  }

  async function decideByApi(
    hit: ScreeningHit,
    decision: 'confirm' | 'dismiss',
    reason: string,
  ): Promise<void> {
    await sut
      .as('compliance')
      .post(`/screening/hits/${hit.id}/decision`)
      .send({ decision, reason })
      .expect(200);
  }

  const cardOf = (page: Page, hit: ScreeningHit): Locator =>
    page.locator(`article[aria-labelledby="hit-${hit.id}"]`);

  /** The value of a headline figure, by its label. */
  const stat = (scope: Page | Locator, label: string): Locator =>
    scope.locator(`.stat:has(> dt:text-is("${label}")) .stat-value`);

  /** The <dd> of a <dt> in a card's side or facts. */
  const field = (scope: Locator, label: string): Locator =>
    scope.locator(`dl > div:has(> dt:text-is("${label}")) > dd`);

  async function expectCounts(scope: Page | Locator, summary: ScreeningSummary): Promise<void> {
    await stat(scope, 'Confirmed hits')
      .getByText(formatCount(summary.confirmed.hits), { exact: true })
      .waitFor();
    await expect(stat(scope, 'Hits to review').textContent()).resolves.toBe(formatCount(summary.open.hits));
    await expect(stat(scope, 'Potential hits').textContent()).resolves.toBe(
      formatCount(summary.open.potential),
    );
    await expect(stat(scope, 'Dismissed').textContent()).resolves.toBe(formatCount(summary.dismissed));
  }

  it('takes a compliance officer from an uploaded disclosure list to a confirmed hit and a critical supplier', async () => {
    const context = await contextAs('compliance');
    try {
      const page = await context.newPage();
      const { problems } = watchPage(page);

      // Upload through the page: the result says what screening raised, and leads to the hits.
      await page.goto(`${base}/app/import`);
      await page.getByRole('heading', { name: 'Import a supplier list' }).waitFor();
      await page.getByLabel('Supplier list (xlsx or csv)').setInputFiles({
        name: 'Brand disclosure list 2026-11.xlsx',
        mimeType: XLSX_TYPE,
        buffer: await xlsxBuffer([HEADER, ...ROWS], { bannerRows: TITLE }),
      });
      await page.getByText('Nothing is imported yet: check the columns, then import the file.').waitFor();
      await page.getByRole('button', { name: 'Import this file' }).click();
      await page.getByText('Import completed:').waitFor({ timeout: 30_000 });
      const batchId = /\/app\/import\/([0-9a-f-]{36})$/.exec(page.url())?.[1] ?? '';
      const batch = (await sut.as('compliance').get(`/imports/${batchId}`).expect(200)).body as ImportBatch;
      // Every site is new: screened as the import staged it, so its run had no stored site left to cover.
      expect(batch.screening).toMatchObject({ status: 'completed', total: 0 });
      expect(batch.screening?.raised).toBeGreaterThan(0);
      await page.getByText(`${importScreeningText(batch.screening) ?? ''}.`).waitFor();
      await page.getByRole('link', { name: 'Review the hits' }).click();

      // The hits to review, the figures and the editions in force.
      await page.getByRole('heading', { level: 1, name: 'Screening against enforcement lists' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/app/screening');
      const nav = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Screening' });
      await expect(nav.getAttribute('aria-current')).resolves.toBe('page');
      const before = await summaryFromApi();
      expect(before.open.hits).toBeGreaterThanOrEqual(2);
      await expectCounts(page, before);
      const editions = page.locator('table.editions tbody tr');
      await expect(editions.locator('th').allTextContents()).resolves.toEqual(
        before.editions.map((edition: ListEdition) => listTitle(edition.kind)),
      );
      await expect(page.locator('.screening-run').textContent()).resolves.toBe(
        runText(before.lastRun as ScreeningRun, 'UTC'),
      );
      const open = await hitsFromApi('status=open&limit=500');
      await expect(page.locator('article.hit-card').count()).resolves.toBe(open.length);

      // The Taida hit: the supplier's name beside the listed one, the entry's sections and date, the matcher's words.
      const taida = await hitOf('Hotan Taida Apparel', 'uflpa');
      expect(taida.strength).toBe('hit');
      const taidaCard = cardOf(page, taida);
      await expect(taidaCard.locator('h2').textContent()).resolves.toBe(hitHeading(taida));
      expect(hitHeading(taida)).toMatch(
        /^Is “Hotan Taida Apparel” the listed “Hetian Taida Apparel Co\., Ltd/,
      );
      const supplierSide = taidaCard.getByRole('region', { name: 'Supplier' });
      const listSide = taidaCard.getByRole('region', { name: 'List entry' });
      await expect(field(supplierSide, 'Name').textContent()).resolves.toBe('Hotan Taida Apparel');
      await expect(field(supplierSide, 'Country').textContent()).resolves.toBe(countryName('CN'));
      await expect(field(supplierSide, 'Matched').textContent()).resolves.toBe(
        'Hotan Taida Apparel supplier name',
      );
      await expect(listSide.locator('h3').textContent()).resolves.toBe('UFLPA Entity List');
      await expect(field(listSide, 'Entry').textContent()).resolves.toBe(taida.entryName);
      await expect(field(listSide, 'Listed as').textContent()).resolves.toBe(taida.listedName);
      await expect(field(listSide, 'Sections').textContent()).resolves.toBe('2(d)(2)(B)(i); 2(d)(2)(B)(v)');
      await expect(field(listSide, 'Effective').textContent()).resolves.toBe('21 Jun 2022');
      await expect(field(listSide, 'Edition').textContent()).resolves.toBe(
        citationFacts(taida).find((fact) => fact.label === 'Edition')?.value,
      );
      await expect(field(taidaCard, 'Strength').textContent()).resolves.toBe('Hit');
      await expect(field(taidaCard, 'Score').textContent()).resolves.toBe(scoreText(taida));
      await expect(field(taidaCard, 'Matched words').textContent()).resolves.toBe(
        taida.details.matchedWords?.join(', '),
      );
      await taidaCard.getByText('"hotan" read as "hetian" (a known variant spelling)').waitFor();
      await snap(page, '20-screening-open');

      // The Turkmen mill: an order on a whole country, matched on place and products.
      const ashgabat = await hitOf('Ashgabat Cotton Yarn Mill', 'cbp-wro', (hit) => hit.strength === 'hit');
      expect(ashgabat.listedName).toBe('Turkmenistan: cotton');
      const ashgabatCard = cardOf(page, ashgabat);
      await expect(ashgabatCard.locator('h2').textContent()).resolves.toBe(hitHeading(ashgabat));
      await expect(
        field(ashgabatCard.getByRole('region', { name: 'Supplier' }), 'Matched').textContent(),
      ).resolves.toBe(`${ashgabat.party.name} place and products`);
      const orderSide = ashgabatCard.getByRole('region', { name: 'List entry' });
      await expect(orderSide.locator('h3').textContent()).resolves.toBe(
        'CBP withhold release orders and findings',
      );
      await expect(field(orderSide, 'Listed as').textContent()).resolves.toBe('Turkmenistan: cotton');
      await expect(field(orderSide, 'Order type').textContent()).resolves.toBe('WRO');
      await expect(field(orderSide, 'Order date').textContent()).resolves.toBe('18 May 2018');
      await expect(field(ashgabatCard, 'Score').textContent()).resolves.toBe(
        'none: place and products, not a name',
      );
      await expect(field(ashgabatCard, 'Matched products').textContent()).resolves.toBe('Cotton yarn');

      // Cotton T-shirts from Bangladesh: the origin question to ask.
      const dhakaTurkmen = await hitOf(
        'Dhaka Knit Composite Ltd',
        'cbp-wro',
        (hit) => hit.listedName === 'Turkmenistan: cotton',
      );
      expect(dhakaTurkmen.strength).toBe('potential');
      const dhakaCard = cardOf(page, dhakaTurkmen);
      await expect(field(dhakaCard, 'Strength').textContent()).resolves.toBe('Potential hit');
      await expect(dhakaCard.locator('.hit-question').textContent()).resolves.toBe(
        "Ask the supplier: Does this supplier's cotton come from Turkmenistan?",
      );

      // One list at a time: the address and the cards follow.
      await page.getByLabel('Enforcement list').selectOption({ label: 'UFLPA Entity List' });
      await page.waitForURL((url) => url.pathname === '/app/screening' && url.search === '?list=uflpa');
      const uflpaOpen = await hitsFromApi('status=open&list=uflpa');
      await page
        .getByText(`${uflpaOpen.length === 1 ? '1 hit' : `${uflpaOpen.length} hits`}.`, { exact: true })
        .waitFor();
      await expect(page.locator('article.hit-card').count()).resolves.toBe(uflpaOpen.length);
      await page.getByLabel('Enforcement list').selectOption({ label: 'Both lists' });
      await page.waitForURL((url) => url.pathname === '/app/screening' && url.search === '');
      await taidaCard.waitFor();

      // A decision needs a choice and a reason; nothing is sent without them.
      await taidaCard.getByRole('button', { name: 'Record the decision' }).click();
      await taidaCard.getByText('Choose whether to confirm or dismiss the hit.').waitFor();
      await taidaCard.getByText('Say why: what was checked and what it showed.').waitFor();
      await taidaCard.getByRole('radio', { name: 'Confirm: this is the listed party' }).check();
      const reasonBox = taidaCard.getByLabel(/^Reason/);
      await reasonBox.fill('Same');
      await taidaCard.getByRole('button', { name: 'Record the decision' }).click();
      await taidaCard.getByText(/at least 10 characters/).waitFor();
      await expect(reasonBox.getAttribute('aria-invalid')).resolves.toBe('true');
      expect((await hitOf('Hotan Taida Apparel', 'uflpa')).status).toBe('open');

      const reason =
        'Same company: Hetian is the Pinyin of Hotan; address and registration 91653200MA78 match the listing';
      await reasonBox.fill(reason);
      await taidaCard.getByRole('button', { name: 'Record the decision' }).click();
      const done = taidaCard.getByRole('status');
      await done.getByText(outcomeText('confirm', taida)).waitFor();
      // The form went away: the keyboard focus is on what the page says about the decision.
      await expect(page.locator(':focus').textContent()).resolves.toMatch(/^Done: Confirmed:/);
      const confirmed = await hitOf('Hotan Taida Apparel', 'uflpa');
      expect(confirmed).toMatchObject({ status: 'confirmed', reason, decidedBy: 'token:test compliance' });
      await expect(taidaCard.locator('.match-decided').textContent()).resolves.toBe(
        decisionText(confirmed, 'UTC'),
      );
      await expect(taidaCard.locator('.hit-reason').textContent()).resolves.toBe(reason);
      await expect(taidaCard.locator('form.hit-decision').count()).resolves.toBe(0);
      await expect(taidaCard.locator('h2').textContent()).resolves.toBe(hitHeading(confirmed));
      await expectCounts(page, await summaryFromApi());
      await snap(page, '21-screening-confirmed');

      // A dismissal of an origin question, with what was checked.
      const dismissal =
        'Cotton from US and Australian growers: bale certificates and ginning invoices for 2026 checked';
      await dhakaCard.getByRole('radio', { name: 'Dismiss: the order does not cover this supplier' }).check();
      await dhakaCard.getByLabel(/^Reason/).fill(dismissal);
      await dhakaCard.getByRole('button', { name: 'Record the decision' }).click();
      await dhakaCard.getByRole('status').getByText(outcomeText('dismiss', dhakaTurkmen)).waitFor();
      expect(
        await hitOf(
          'Dhaka Knit Composite Ltd',
          'cbp-wro',
          (hit) => hit.listedName === 'Turkmenistan: cotton',
        ),
      ).toMatchObject({ status: 'dismissed', reason: dismissal });

      // Someone decides first: the page says so in the service's words, and changes nothing.
      const dhakaXinjiang = await hitOf(
        'Dhaka Knit Composite Ltd',
        'cbp-wro',
        (hit) => hit.listedName !== 'Turkmenistan: cotton',
      );
      const raceCard = cardOf(page, dhakaXinjiang);
      await raceCard.getByRole('radio', { name: 'Confirm: the order covers this supplier' }).check();
      await raceCard.getByLabel(/^Reason/).fill('The spinner buys Xinjiang cotton through a Shanghai trader');
      await decideByApi(
        dhakaXinjiang,
        'dismiss',
        'Supplier declaration and transaction certificates: no Chinese cotton',
      );
      const refused = await sut
        .as('compliance')
        .post(`/screening/hits/${dhakaXinjiang.id}/decision`)
        .send({ decision: 'confirm', reason: 'A second try that the service refuses' })
        .expect(409);
      await raceCard.getByRole('button', { name: 'Record the decision' }).click();
      await raceCard
        .getByRole('status')
        .getByText(refused.body.message as string)
        .waitFor();
      await expect(raceCard.getByRole('status').textContent()).resolves.toMatch(
        /^Not changed: This hit was already dismissed by token:test compliance on \d{4}-\d{2}-\d{2}; nothing was changed\./,
      );
      await expect(raceCard.locator('form.hit-decision').count()).resolves.toBe(0);
      expect(
        (await hitsFromApi('status=all&limit=500')).find((hit) => hit.id === dhakaXinjiang.id)?.status,
      ).toBe('dismissed');

      // The confirmed tab keeps the decision with who took it, when and why.
      await page
        .getByRole('navigation', { name: 'Hits by decision' })
        .getByRole('link', { name: 'Confirmed' })
        .click();
      await page.waitForURL((url) => url.search === '?status=confirmed');
      await cardOf(page, confirmed).locator('.hit-reason').getByText(reason).waitFor();
      await expect(page.locator('article.hit-card').count()).resolves.toBe(
        (await hitsFromApi('status=confirmed')).length,
      );

      // The supplier: critical, with the red flag citing the list, and a way to its own hits.
      await cardOf(page, confirmed).getByRole('link', { name: 'Hotan Taida Apparel' }).click();
      await page.getByRole('heading', { level: 1, name: 'Hotan Taida Apparel' }).waitFor();
      await expect(stat(page, 'Tier').textContent()).resolves.toBe('Critical');
      const supplier = await supplierNamed('Hotan Taida Apparel');
      expect(supplier).toMatchObject({ tier: 'critical', screening: { status: 'confirmed', confirmed: 1 } });
      const line = page.locator('.screening-line');
      await expect(line.locator('.tag').textContent()).resolves.toBe('⚑ Confirmed');
      await expect(line.textContent()).resolves.toContain(screeningStatusDetail(supplier.screening));
      const flag = page.locator('#red-flags li').filter({ hasText: 'Named on the UFLPA Entity List' });
      await expect(flag.textContent()).resolves.toContain('supplier name "Hotan Taida Apparel"');
      await expect(flag.textContent()).resolves.toContain(reason);
      await snap(page, '22-supplier-confirmed');
      await expect(page.locator('#history tbody tr').first().textContent()).resolves.toContain(
        'Enforcement-list screening',
      );
      await line.getByRole('link', { name: 'This supplier’s hits' }).click();
      await page.waitForURL(
        (url) => url.pathname === '/app/screening' && url.search === `?status=all&supplier=${supplier.id}`,
      );
      await page.locator('.hit-supplier-filter').getByText('Hotan Taida Apparel').waitFor();
      const ofTaida = await hitsFromApi(`status=all&supplier=${supplier.id}`);
      await cardOf(page, confirmed).waitFor();
      await expect(page.locator('article.hit-card').count()).resolves.toBe(ofTaida.length);

      // The supplier list: each supplier's status in words.
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Suppliers' }).click();
      const rows = page.locator('table.suppliers tbody tr');
      await rows.first().waitFor();
      const statusOf = (name: string): Promise<string | null> =>
        rows
          .filter({ has: page.getByRole('link', { name, exact: true }) })
          .locator('td.screening')
          .textContent();
      await expect(statusOf('Hotan Taida Apparel')).resolves.toBe('⚑ Confirmed');
      await expect(statusOf('Ashgabat Cotton Yarn Mill')).resolves.toBe('Awaiting review');
      await expect(statusOf('Bursa Zipper Sanayi A.Ş.')).resolves.toBe('Clear');
      const dhaka = await supplierNamed('Dhaka Knit Composite Ltd');
      expect(dhaka.screening.status).toBe('clear');
      await expect(statusOf('Dhaka Knit Composite Ltd')).resolves.toBe(screeningStatusLabel('clear'));
      await snap(page, '23-suppliers-screening');

      // The overview: the same figures, each leading to its hits.
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Overview' }).click();
      const section = page.getByRole('region', { name: 'Enforcement-list screening' });
      const after = await summaryFromApi();
      expect(after.confirmed).toEqual({
        hits: before.confirmed.hits + 1,
        suppliers: before.confirmed.suppliers + 1,
      });
      expect(after.dismissed).toBe(before.dismissed + 2);
      await expectCounts(section, after);
      await expect(stat(section, 'Confirmed hits').locator('a').getAttribute('href')).resolves.toBe(
        '/app/screening?status=confirmed',
      );
      await expect(section.locator('.screening-editions').textContent()).resolves.toBe(
        `Screened against the ${after.editions.map(editionTitle).join(' and the ')}.`,
      );
      await snap(page, '24-overview-screening');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shows an auditor each dismissal with its reason, who decided and when, and nothing to decide', async () => {
    await uploadList('Hair goods', [
      ['H-1', 'Hetian Haolin Hair Products', '', 'Industrial Park 3', 'Hotan', 'Xinjiang', 'China', 'Wigs'],
    ]);
    const haolin = await hitOf('Hetian Haolin Hair Products', 'uflpa');
    const reason =
      'Different company: wig maker in Hotan, not the listed hair accessories firm (licence checked)';
    await decideByApi(haolin, 'dismiss', reason);
    const dismissed = await hitOf('Hetian Haolin Hair Products', 'uflpa');

    const context = await contextAs('auditor');
    try {
      const page = await context.newPage();
      const { problems } = watchPage(page);
      await page.goto(`${base}/`);
      await page.locator('.signed-in .who-role').getByText('Auditor', { exact: true }).waitFor();
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Screening' }).click();
      await page.getByRole('heading', { level: 1, name: 'Screening against enforcement lists' }).waitFor();
      await page.getByText('Only compliance officers confirm or dismiss an enforcement-list hit').waitFor();
      await page.getByText('Only compliance officers screen the portfolio or load a list edition').waitFor();
      await page.locator('.match-count, .empty-state').first().waitFor();
      await expect(page.getByRole('button', { name: 'Record the decision' }).count()).resolves.toBe(0);
      await expect(page.getByRole('button', { name: 'Screen the portfolio now' }).count()).resolves.toBe(0);
      await expect(page.getByText('Load a newer edition of a list').count()).resolves.toBe(0);

      await page
        .getByRole('navigation', { name: 'Hits by decision' })
        .getByRole('link', { name: 'Dismissed' })
        .click();
      await page.waitForURL((url) => url.search === '?status=dismissed');
      const card = cardOf(page, dismissed);
      await expect(card.locator('h2').textContent()).resolves.toBe(hitHeading(dismissed));
      await expect(card.locator('.match-decided').textContent()).resolves.toBe(
        decisionText(dismissed, 'UTC'),
      );
      expect(decisionText(dismissed, 'UTC')).toMatch(
        /^Dismissed by token:test compliance on \d{1,2} \w{3} \d{4}, \d{2}:\d{2}$/,
      );
      await expect(card.locator('.hit-reason').textContent()).resolves.toBe(reason);
      await expect(page.locator('article.hit-card').count()).resolves.toBe(
        (await hitsFromApi('status=dismissed')).length,
      );
      await expect(page.locator('form.hit-decision').count()).resolves.toBe(0);
      await snap(page, '25-screening-auditor-dismissed');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shows procurement each supplier’s status and the counts, without the hits or a decision form', async () => {
    await uploadList('Knitwear group', [
      [
        'K-1',
        'Zhejiang Huayi Garment Co., Ltd.',
        'Hoshine Silicon Industry Co.',
        '88 Jiangbin Road',
        'Shaoxing',
        'Zhejiang',
        'China',
        'Polyester knitwear',
      ],
    ]);
    const parent = await hitOf('Zhejiang Huayi Garment Co., Ltd.', 'uflpa');
    expect(parent.party).toEqual({ role: 'parent', name: 'Hoshine Silicon Industry Co.' });
    await decideByApi(
      parent,
      'confirm',
      'Group structure checked: the factory is owned by the listed Hoshine group',
    );
    const huayi = await supplierNamed('Zhejiang Huayi Garment Co., Ltd.');
    expect(huayi.screening.status).toBe('confirmed');

    const context = await contextAs('procurement');
    try {
      const page = await context.newPage();
      const { problems } = watchPage(page);
      await page.goto(`${base}/`);
      await page.locator('.signed-in .who-role').getByText('Procurement', { exact: true }).waitFor();
      const section = page.getByRole('region', { name: 'Enforcement-list screening' });
      await expectCounts(section, await summaryFromApi());
      // Counts only: no figure leads to hits procurement may not read.
      await expect(section.locator('a').count()).resolves.toBe(0);
      await expect(
        page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Screening' }).count(),
      ).resolves.toBe(0);

      await page.goto(`${base}/app/suppliers/${huayi.id}`);
      await page.getByRole('heading', { level: 1, name: 'Zhejiang Huayi Garment Co., Ltd.' }).waitFor();
      const line = page.locator('.screening-line');
      await expect(line.textContent()).resolves.toBe(
        `Enforcement-list screening: ⚑ Confirmed ${screeningStatusDetail(huayi.screening)}`,
      );
      await expect(line.locator('a').count()).resolves.toBe(0);
      await page.locator('#red-flags').getByText('Named on the UFLPA Entity List').waitFor();

      // The page itself says why the hits are not shown; the figures stay.
      await page.goto(`${base}/app/screening`);
      await page.getByText('Enforcement-list hits are open to compliance officers and auditors').waitFor();
      await stat(page, 'Confirmed hits').waitFor();
      await page.locator('table.editions').waitFor();
      await expect(page.locator('article.hit-card').count()).resolves.toBe(0);
      await expect(page.getByRole('button', { name: 'Record the decision' }).count()).resolves.toBe(0);
      await expect(page.getByRole('button', { name: 'Screen the portfolio now' }).count()).resolves.toBe(0);
      await snap(page, '26-screening-procurement');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('screens the portfolio on request, refuses a malformed edition line by line, and loads a newer one', async () => {
    await uploadList('Yarn', [
      ['Y-1', 'Mary Cotton Spinning', '', 'Gurbansoltan Eje 5', 'Mary', '', 'Turkmenistan', 'Cotton yarn'],
    ]);
    const context = await contextAs('compliance');
    try {
      const page = await context.newPage();
      const { problems } = watchPage(page);
      await page.goto(`${base}/app/screening`);
      const run = page.locator('.screening-run');
      await run.waitFor();

      await page.getByRole('button', { name: 'Screen the portfolio now' }).click();
      await run.getByText(/^Last screening: the portfolio, on request, /).waitFor({ timeout: 30_000 });
      const requested = (await summaryFromApi()).lastRun as ScreeningRun;
      expect(requested).toMatchObject({
        reason: 'request',
        status: 'completed',
        requestedBy: 'token:test compliance',
      });
      expect(requested.total).toBe((await sut.as().get('/suppliers?pageSize=1').expect(200)).body.total);
      await expect(run.textContent()).resolves.toBe(runText(requested, 'UTC'));

      // Line 3 is the Hetian Haolin row: a section the law does not have, a date written the European way.
      const listsBefore = (await sut.as('auditor').get('/screening/lists').expect(200)).body;
      const shipped = readFileSync(UFLPA_FILE, 'utf8');
      const broken = shipped.replace(
        'Hollin Hair Accessories,2(d)(2)(B)(i),2022-06-21',
        'Hollin Hair Accessories,2(d)(2)(B)(vi),21/06/2022',
      );
      expect(broken).not.toBe(shipped);
      await page.getByText('Load a newer edition of a list').click();
      const form = page.locator('form.edition-form');
      await form.getByLabel('Which list').selectOption({ label: 'UFLPA Entity List' });
      await form.getByLabel('Edition file (csv)').setInputFiles({
        name: 'uflpa-december.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(broken),
      });
      await form.getByLabel('As of').fill('2026-12-01');
      await form.getByLabel(/^Source/).fill(UFLPA_SOURCE);
      await form.getByRole('button', { name: 'Load this edition' }).click();
      const refused = page.getByRole('alert').filter({ hasText: 'The edition was refused' });
      await refused.waitFor();
      await expect(refused.locator('strong').textContent()).resolves.toBe(
        'The edition was refused (2 problems); the edition in force stays:',
      );
      const issues = await refused.locator('li').allTextContents();
      expect(issues).toEqual([
        expect.stringMatching(/^uflpa-december\.csv, line 3, column "section": /),
        expect.stringMatching(/^uflpa-december\.csv, line 3, column "effective_date": /),
      ]);
      await snap(page, '27-screening-edition-refused');
      await expect(
        sut
          .as('auditor')
          .get('/screening/lists')
          .then((res) => res.body),
      ).resolves.toEqual(listsBefore);

      // A newer edition with another alias for Haolin: in force at once, and the portfolio screened against it.
      const newer = shipped.replace(
        'Hotan Haolin Hair Accessories; Hollin Hair Accessories',
        'Hotan Haolin Hair Accessories; Hollin Hair Accessories; Haolin Wigs',
      );
      expect(newer).not.toBe(shipped);
      await form.getByLabel('Edition file (csv)').setInputFiles({
        name: 'uflpa_entity_list-2026-11-20.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(newer),
      });
      await form.getByLabel('As of').fill('2026-11-20');
      await form
        .getByLabel(/^Coverage/)
        .fill('The 2026-08-03 edition with one alias added from the Federal Register');
      await form.getByRole('button', { name: 'Load this edition' }).click();
      const loaded = page.getByRole('status').filter({ hasText: 'Loaded:' });
      await page.getByText('It is in force now; the portfolio is screened against it.').waitFor();
      await expect(loaded.count()).resolves.toBe(1);
      await run
        .getByText(/^Last screening: the portfolio, after a new list edition, /)
        .waitFor({ timeout: 30_000 });
      const summary = await summaryFromApi();
      const uflpa = summary.editions.find((edition) => edition.kind === 'uflpa');
      expect(uflpa).toMatchObject({
        asOf: '2026-11-20',
        shipped: false,
        coverage: 'The 2026-08-03 edition with one alias added from the Federal Register',
      });
      const row = page.locator('table.editions tbody tr').filter({ hasText: 'UFLPA Entity List' });
      await row.getByText('20 Nov 2026').waitFor();
      await expect(row.textContent()).resolves.toContain('loaded by token:test compliance on');
      await expect(page.getByRole('alert').count()).resolves.toBe(0);
      await snap(page, '28-screening-edition-loaded');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
