import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import request from 'supertest';
import { buildWeb, launchBrowser, listen, watchPage } from './support/browser.js';
import { startTestApp, TEST_ADMIN, type TestApp } from './support/test-app.js';
import { xlsxBuffer, type Cell } from './support/workbooks.js';
import type { AssessmentUncertainty } from '../web/src/api/types.js';
import { formatPercent, formatScore } from '../web/src/lib/format.js';
import { confidenceLabel, formatRange, priorityReasonText } from '../web/src/lib/uncertainty.js';

// The dashboard as a compliance officer uses it, in a real headless Chromium: sign in, upload a list through the
// page, review suppliers and tiers, open one, download its PDF, and try a what-if on the rules.
// VIGIL_SCREENSHOTS=/some/dir also saves a screenshot of each view there.

const HEADER: Cell[] = [
  'Supplier ID',
  'Supplier name',
  'Country',
  'Region / province',
  'Sector',
  'Products',
  'Tier',
  'Number of workers',
  '% Migrant workers',
  '% Temporary workers',
  'Uses labour agency',
  'Recruitment fees paid by workers',
  'Employer-provided housing',
  'Passports retained',
  'Debt bondage',
  'Last audit date',
  'Audit scheme',
  'Certifications',
  'Annual spend',
  'Currency',
  'Buyer contact',
];

const SITES: [name: string, country: string, region: string, sector: string, products: string][] = [
  ['Dhaka Knitwear Ltd', 'Bangladesh', 'Dhaka', 'garments', 'T-shirts; knitwear'],
  ['Saigon Garment Co., Ltd', 'Viet Nam', 'Ho Chi Minh City', 'garments', 'Garments'],
  ['Tiruppur Spinning Mills', 'India', 'Tamil Nadu', 'garments', 'Cotton yarn'],
  ['Bursa Tekstil A.Ş.', 'Türkiye', 'Bursa', 'garments', 'Woven fabric'],
  ['Phnom Penh Apparel', 'Cambodia', 'Phnom Penh', 'garments', 'Garments'],
  ['Faisalabad Denim Works', 'Pakistan', 'Punjab', 'garments', 'Denim'],
  ['Urumqi Cotton Trading', 'China', 'Xinjiang', 'agriculture', 'Cotton'],
  ['Penang Circuits Sdn Bhd', 'Malaysia', 'Penang', 'electronics', 'Printed circuit boards'],
  ['Shenzhen Huaqiang Components', 'China', 'Guangdong', 'electronics', 'Electronics'],
  ['Ayutthaya Electronics', 'Thailand', 'Ayutthaya', 'electronics', 'Hard drives'],
  ['Abidjan Cocoa Cooperative', "Côte d'Ivoire", 'Lagunes', 'agriculture', 'Cocoa beans'],
  ['Kumasi Cocoa Farmers', 'Ghana', 'Ashanti', 'agriculture', 'Cocoa'],
  ['Minas Coffee Exporters', 'Brazil', 'Minas Gerais', 'agriculture', 'Coffee'],
  ['Riau Palm Plantations', 'Indonesia', 'Riau', 'agriculture', 'Palm oil'],
  ['Samut Sakhon Seafood', 'Thailand', 'Samut Sakhon', 'fishing', 'Shrimp'],
  ['Kolwezi Cobalt Traders', 'Congo, Democratic Republic of the', 'Lualaba', 'mining', 'Cobalt'],
  ['Stuttgart Präzision GmbH', 'Germany', 'Baden-Württemberg', 'manufacturing', 'Machined parts'],
  ['Łódź Packaging Sp. z o.o.', 'Poland', 'Łódź', 'manufacturing', 'Cartons'],
  ['Monterrey Metal Works', 'Mexico', 'Nuevo León', 'manufacturing', 'Steel brackets'],
  ['Doha Build Contractors', 'Qatar', 'Doha', 'construction', 'Construction services'],
  ['Leeds Logistics Ltd', 'United Kingdom', 'West Yorkshire', 'services', 'Warehousing'],
];

/**
 * A plausible supplier master export: 45 suppliers and two rows a real export would get wrong; one of the 45 has
 * an impossible share of migrant workers, imported with that cell left empty and a warning.
 */
function supplierRows(): Cell[][] {
  let seed = 42;
  const random = (): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const pick = <T>(values: T[]): T => values[Math.floor(random() * values.length)];
  const answer = (yesShare: number): Cell => (random() < 0.25 ? '' : random() < yesShare ? 'yes' : 'no');
  const rows: Cell[][] = [];
  for (let index = 0; index < 45; index++) {
    const [name, country, region, sector, products] = SITES[index % SITES.length];
    const round = Math.floor(index / SITES.length);
    const audited = random() < 0.5;
    rows.push([
      `S-${String(1001 + index)}`,
      round === 0 ? name : `${name} (site ${round + 1})`,
      country,
      region,
      sector,
      products,
      pick([1, 1, 1, 2, 3]),
      Math.round(80 + random() * 2400),
      random() < 0.2 ? '' : `${Math.round(random() * 70)}%`,
      `${Math.round(random() * 60)}%`,
      answer(0.4),
      answer(0.2),
      answer(0.35),
      answer(0.08),
      answer(0.05),
      audited ? `2025-0${1 + Math.floor(random() * 5)}-15` : '',
      audited ? pick(['SMETA', 'amfori BSCI', 'SA8000', 'RBA VAP']) : '',
      random() < 0.3 ? pick(['Fairtrade', 'Rainforest Alliance', 'OEKO-TEX']) : '',
      Math.round(10_000 + random() * 4_000_000),
      pick(['USD', 'EUR', 'GBP']),
      pick(['Anna', 'Ben', 'Chloé', 'Dan']),
    ]);
  }
  rows[0][8] = '110%';
  rows.push([
    'S-2001',
    'Nowhere Textiles',
    'Atlantis',
    '',
    'garments',
    'Yarn',
    1,
    40,
    '10%',
    0,
    'no',
    'no',
    'no',
    'no',
    'no',
    '',
    '',
    '',
    5000,
    'USD',
    'Ben',
  ]);
  rows.push([
    'S-2002',
    '',
    'India',
    '',
    'garments',
    'Garments',
    1,
    300,
    '',
    0,
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    'Dan',
  ]);
  return rows;
}

// A German plant list whose name column has the company's own header (as in test/imports/preview.e2e-spec.ts).
const WERKE: Cell[][] = [
  ['Betriebsstätte', 'Anschrift', 'Ort', 'Land', 'Mitarbeiter'],
  ['Textilwerk Nord GmbH', 'Hafenstraße 4', 'Bremen', 'Deutschland', 120],
  ['Stickerei Süd GmbH', 'Bahnhofstr. 9', 'Plauen', 'DE', 45],
];

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The preview's row for a column, by its header (the field selects of every row hold the field names too). */
function previewRow(page: Page, header: string): Locator {
  return page
    .locator('#preview table.mapping-preview tbody tr')
    .filter({ has: page.getByRole('rowheader', { name: header, exact: true }) });
}

/** Runs in the page: the what-if editor holds the active ruleset.yaml (a string, as the test has no DOM types). */
const EDITOR_FILLED = "document.querySelector('.what-if textarea')?.value.includes('thresholds:')";

/** The session cookie the browser holds, as a Cookie header. */
async function sessionCookie(context: BrowserContext): Promise<string> {
  return (await context.cookies()).map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
}

describe('dashboard in a browser', () => {
  let sut: TestApp;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let watcher: { problems: string[] };
  const screenshots = process.env.VIGIL_SCREENSHOTS;

  /** What a reader sees on a 1366x768 screen, and the whole page. */
  const snap = async (name: string, on: Page = page): Promise<void> => {
    if (screenshots) {
      await on.screenshot({ path: `${screenshots}/${name}.png` });
      await on.screenshot({ path: `${screenshots}/${name}-full.png`, fullPage: true });
    }
  };

  beforeAll(async () => {
    if (screenshots) {
      mkdirSync(screenshots, { recursive: true });
    }
    await buildWeb();
    sut = await startTestApp();
    base = await listen(sut);
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
    page = await context.newPage();
    watcher = watchPage(page);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await sut?.close();
  });

  it('serves the page at / and every /app/ address, and leaves the API and its docs alone', async () => {
    const home = await request(sut.http).get('/').expect(200);
    expect(home.headers['content-type']).toMatch(/text\/html/);
    expect(home.headers['content-security-policy']).toContain("script-src 'self'");
    expect(home.text).toContain('<div id="root"></div>');
    const deep = await request(sut.http).get('/app/suppliers?tier=high').expect(200);
    expect(deep.text).toBe(home.text);

    const script = /src="(\/assets\/[^"]+\.js)"/.exec(home.text)?.[1];
    expect(script).toBeDefined();
    const asset = await request(sut.http)
      .get(script ?? '')
      .expect(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.headers['cache-control']).toContain('immutable');
    // No source map is pointed to or served: the dashboard's sources stay with the project.
    expect(asset.text).not.toContain('sourceMappingURL');
    await request(sut.http)
      .get(`${script ?? ''}.map`)
      .expect(404);
    const missing = await request(sut.http).get('/assets/nothing-here.js').expect(404);
    expect(missing.body).toMatchObject({ code: 'ASSET_NOT_FOUND' });
    await request(sut.http)
      .get('/assets/..%2F..%2Fpackage.json')
      .expect((res) => expect([400, 403, 404]).toContain(res.status));

    // The API still answers JSON (401 without a session), never the page.
    const api = await request(sut.http).get('/suppliers').expect(401);
    expect(api.headers['content-type']).toMatch(/json/);
    const unknown = await request(sut.http).get('/no-such-route').expect(404);
    expect(unknown.headers['content-type']).toMatch(/json/);
    const docs = await request(sut.http).get('/api/docs-json').expect(200);
    expect(docs.body.paths['/suppliers']).toBeDefined();
    expect(Object.keys(docs.body.paths)).not.toContain('/app/{path}');
  });

  it('takes a compliance officer from an empty portfolio to a what-if on the rules', async () => {
    // Sign in: the first API call answers 401 and the page asks for credentials.
    await page.goto(`${base}/`);
    const dialog = page.getByRole('dialog', { name: 'Sign in to Vigil' });
    await dialog.waitFor();
    await snap('00-sign-in');
    await dialog.getByLabel('Email').fill(TEST_ADMIN.email);
    await dialog.getByLabel('Password').fill(TEST_ADMIN.password);
    await dialog.getByRole('button', { name: 'Sign in' }).click();
    // Who is signed in, with which role, stays in view.
    const signedIn = page.locator('.signed-in');
    await signedIn.getByText(TEST_ADMIN.email).waitFor();
    await expect(signedIn.textContent()).resolves.toContain('Administrator');

    // Empty state; after a reload the session cookie keeps the reader signed in, and Tab reaches the skip link.
    const empty = page.getByRole('heading', { name: 'No suppliers yet: upload a list' });
    await empty.waitFor();
    await page.reload();
    await empty.waitFor();
    await page.keyboard.press('Tab');
    expect(await page.locator(':focus').textContent()).toBe('Skip to content');
    await snap('01-overview-empty');

    // Upload through the page.
    await page.getByRole('link', { name: 'Upload a supplier list' }).click();
    await page.getByRole('heading', { name: 'Import a supplier list' }).waitFor();
    await snap('02-import-form');
    const workbook = await xlsxBuffer([HEADER, ...supplierRows()], {
      bannerRows: [['ACME Procurement: supplier master export'], []],
    });
    await page.getByLabel('Supplier list (xlsx or csv)').setInputFiles({
      name: 'ACME_suppliers_2026-11.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: workbook,
    });
    // The source list is proposed from the file name without its date; the officer names it as the team does.
    const listInput = page.getByLabel('Source list');
    await page.getByText('A new list: “ACME suppliers” is created with this upload.').waitFor();
    await expect(listInput.inputValue()).resolves.toBe('ACME suppliers');
    await listInput.fill('ACME supplier master');
    await page.getByText('A new list: “ACME supplier master”').waitFor();
    await snap('02-import-form-list');
    // Before anything is written, the page shows how the file will be read: the header row under the banner,
    // each column's field, and the first values as uploaded and as imported.
    const preview = page.locator('#preview');
    await preview.locator('.preview-where').getByText('ACME supplier master').waitFor();
    await expect(preview.locator('.preview-where').textContent()).resolves.toContain('header row 3');
    await expect(page.getByLabel('Read column U “Buyer contact” as').inputValue()).resolves.toBe('ignore');
    const migrants = previewRow(page, '% Migrant workers');
    await expect(migrants.locator('td.mapped-by').textContent()).resolves.toBe('recognised header');
    await expect(migrants.locator('.samples li').first().textContent()).resolves.toMatch(
      /^110%→, not imported$/,
    );
    await preview.getByText('1 imported with a cell left empty').waitFor();
    await preview.scrollIntoViewIfNeeded();
    await snap('02-import-preview');
    await page.getByRole('button', { name: 'Import this file' }).click();
    await page.getByText('Import completed:').waitFor({ timeout: 30_000 });
    expect(page.url()).toMatch(/\/app\/import\/[0-9a-f-]{36}$/);
    await expect(page.locator('.batch-list').textContent()).resolves.toBe(
      'Source list: ACME supplier master',
    );
    const result = page.locator('.notice-warning').filter({ hasText: 'Import completed:' });
    await expect(result.textContent()).resolves.toContain('45 new, 1 with warnings, 2 rejected');
    await page.locator('#row-errors').getByText('2 rows were not imported. 1 row was imported').waitFor();
    await expect(page.locator('.file-line').textContent()).resolves.toContain('header row 3');
    const errorsLink = page.getByRole('link', { name: 'Download the rows with errors and warnings (xlsx)' });
    expect(await errorsLink.getAttribute('href')).toMatch(/^\/imports\/[0-9a-f-]{36}\/errors\.xlsx$/);
    expect(await page.locator('table.mapping tr.unmapped').allTextContents()).toEqual([
      expect.stringContaining('Buyer contact'),
    ]);
    // The rejected rows are listed on the page too: the row as Excel numbers it (2 banner rows, the header
    // on row 3, 45 good rows), what became of it, the column, the value and what was expected.
    const rejected = page.locator('table.row-errors tbody');
    await rejected.first().waitFor();
    await expect(rejected.count()).resolves.toBe(3);
    const warned = rejected.filter({ hasText: '110%' });
    await expect(warned.locator('th').textContent()).resolves.toBe('4');
    await expect(warned.locator('td.row-outcome').textContent()).resolves.toBe('imported with a warning');
    const atlantis = rejected.filter({ hasText: 'Atlantis' });
    await expect(atlantis.locator('th').textContent()).resolves.toBe('49');
    await expect(atlantis.locator('td').allTextContents()).resolves.toEqual([
      'rejected',
      'S-2001 · Nowhere Textiles',
      'C · Country',
      'Atlantis',
      expect.stringContaining('country'),
    ]);
    await expect(rejected.filter({ hasText: 'Supplier name' }).locator('th').textContent()).resolves.toBe(
      '50',
    );
    await expect(page.locator('.row-errors-note').count()).resolves.toBe(0);
    await page.locator('#row-errors').scrollIntoViewIfNeeded();
    await snap('02-import-result');

    // Suppliers and their tiers.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Suppliers' }).click();
    await page.getByText('45 suppliers').waitFor();
    // A page change moves focus to the new page's heading, where a screen reader starts reading.
    expect(await page.locator(':focus').textContent()).toBe('Suppliers');
    const rows = page.locator('table.suppliers tbody tr');
    await expect(rows.count()).resolves.toBe(45);
    const tiers = await page.locator('table.suppliers tbody .tier-badge').allTextContents();
    expect(new Set(tiers).size).toBeGreaterThan(1);
    for (const tier of tiers) {
      expect(['Low', 'Medium', 'High', 'Critical']).toContain(tier);
    }
    // Each row says why it is where it is in the work list, and shows its range, as the API gives them.
    const listed = (await sut.as().get('/suppliers?pageSize=1&sort=priority').expect(200)).body.items[0];
    const top = rows.first();
    await expect(top.locator('td.supplier-name a').textContent()).resolves.toBe(listed.name);
    await expect(top.locator('.why-here').textContent()).resolves.toContain(listed.priorityReason.slice(1));
    await expect(top.locator('td.range').textContent()).resolves.toBe(
      `${listed.range.low}\u2013${listed.range.high}`,
    );
    await snap('03-suppliers');

    // Filter by tier: the address and the rows follow.
    const filtered = tiers.filter((tier) => tier === 'Critical').length;
    await page.getByRole('checkbox', { name: 'Critical' }).check();
    await page.waitForURL(/\/app\/suppliers\?tier=critical$/);
    await page.getByText(`${filtered} supplier${filtered === 1 ? '' : 's'} match the filters`).waitFor();
    if (filtered > 0) {
      expect(new Set(await page.locator('table.suppliers tbody .tier-badge').allTextContents())).toEqual(
        new Set(['Critical']),
      );
    }
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByText('45 suppliers').waitFor();

    // A supplier: breakdown, red flags, profile with extra attributes, PDF.
    const first = rows.first().locator('td.supplier-name a');
    const name = (await first.textContent()) ?? '';
    await first.click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
    await page.getByRole('heading', { name: 'Score breakdown' }).waitFor();
    expect(await page.locator('table.breakdown tbody tr').count()).toBeGreaterThan(0);
    await page.getByText('Buyer contact').waitFor();
    // Which list lists the site, from which upload and row, and where each value came from.
    const listing = page.locator('#source-lists table.listings tbody tr');
    await expect(listing.count()).resolves.toBe(1);
    await expect(listing.locator('th').textContent()).resolves.toBe('ACME supplier master');
    const listingText = (await listing.textContent()) ?? '';
    expect(listingText).toContain('new: this list brought the site in');
    expect(listingText).toMatch(/ACME_suppliers_2026-11\.xlsx · \d{1,2} \w+ \d{4} · row \d+/);
    const buyerContact = page.locator('#profile .fields > div').filter({ hasText: 'Buyer contact' });
    await expect(buyerContact.locator('.provenance').textContent()).resolves.toMatch(
      /^from ACME supplier master · ACME_suppliers_2026-11\.xlsx row \d+ · since \d{1,2} \w+ \d{4}$/,
    );
    await expect(page.locator('#history tbody tr').first().textContent()).resolves.toContain(
      'Upload ACME_suppliers_2026-11.xlsx of list ACME supplier master',
    );
    await snap('04-supplier');
    await page.locator('#source-lists').scrollIntoViewIfNeeded();
    await snap('04-supplier-sources');
    const [pdf] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download PDF report' }).click(),
    ]);
    const pdfPath = await pdf.path();
    expect(readFileSync(pdfPath).subarray(0, 5).toString()).toBe('%PDF-');

    // Overview with data.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Overview' }).click();
    await page.getByRole('heading', { name: 'Suppliers by tier' }).waitFor();
    await expect(page.locator('.stat').first().textContent()).resolves.toContain('45');
    await snap('05-overview');

    // The rules, and a what-if with lower thresholds.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Rules' }).click();
    await page.getByRole('heading', { name: /^Indicators/ }).waitFor();
    await snap('06-rules');
    await page.locator('#indicators').scrollIntoViewIfNeeded();
    await snap('06-rules-indicators');
    // The editor starts from the active ruleset.yaml; a reader changes the thresholds in place.
    const ruleset = readFileSync(new URL('../rules/ruleset.yaml', import.meta.url), 'utf8');
    const editor = page.getByLabel('Content');
    await page.waitForFunction(EDITOR_FILLED);
    const prefilled = await editor.inputValue();
    expect(prefilled.replace(/\r\n/g, '\n')).toBe(ruleset.replace(/\r\n/g, '\n'));
    await expect(page.getByLabel('Path in rules/').inputValue()).resolves.toBe('ruleset.yaml');
    const fileChoices = await page
      .getByLabel('Open a file of the active rule set')
      .locator('option')
      .allTextContents();
    expect(fileChoices).toEqual(
      expect.arrayContaining(['indicators/workforce.yaml', 'ruleset.yaml (open below)']),
    );
    // Unchanged, there is nothing to simulate.
    await page.getByRole('button', { name: 'Simulate' }).click();
    await page.getByText('Nothing is changed yet').waitFor();
    await editor.fill('thresholds: [unclosed');
    await page.getByRole('button', { name: 'Check the draft' }).click();
    await page.getByRole('alert').filter({ hasText: 'ruleset.yaml' }).waitFor();
    await page.getByRole('button', { name: 'Undo my changes to this file' }).click();
    await expect(editor.inputValue()).resolves.toBe(prefilled);
    const draft = prefilled
      .replace(/^ {2}high: \d+$/m, '  high: 15')
      .replace(/^ {2}critical: \d+$/m, '  critical: 30')
      .replace(/^ {2}medium: \d+$/m, '  medium: 5');
    expect(draft).not.toBe(prefilled);
    await editor.fill(draft);
    await page.locator('.draft-edited').waitFor();
    // Show the edited thresholds, not the end of the file where typing left the caret.
    await editor.evaluate((element) => element.scrollTo(0, 0));
    await page.locator('#what-if').scrollIntoViewIfNeeded();
    await snap('06-what-if-prefilled');
    await page.getByRole('button', { name: 'Simulate' }).click();
    await page.getByRole('heading', { name: 'Tier changes' }).waitFor({ timeout: 30_000 });
    await page.getByText(/\d+ of 45 suppliers would change tier/).waitFor();
    const changes = page.locator('table.changes tbody tr');
    expect(await changes.count()).toBeGreaterThan(0);
    expect(await changes.first().locator('.move').textContent()).toBe('↑ raised');
    await page.locator('.simulation').scrollIntoViewIfNeeded();
    await snap('07-what-if');

    // Reports: a portfolio report generated in the background, and the archive listing both PDFs.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).click();
    await page.getByRole('link', { name: `Due-diligence report: ${name}` }).waitFor();
    await page.getByLabel('Suppliers').selectOption({ label: 'High and critical only' });
    const [portfolio] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.getByRole('button', { name: 'Generate portfolio report (PDF)' }).click(),
    ]);
    expect(
      readFileSync(await portfolio.path())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    await page.getByRole('cell', { name: 'Portfolio due-diligence report' }).waitFor();
    await snap('08-reports');

    // Signing out ends the session on the server, not only in this browser.
    const cookie = await sessionCookie(context);
    expect(cookie).toContain('vigil_session=');
    await expect(
      request(sut.http)
        .get('/auth/me')
        .set('Cookie', cookie)
        .then((r) => r.status),
    ).resolves.toBe(200);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('dialog', { name: 'Sign in to Vigil' }).waitFor();
    await expect(
      request(sut.http)
        .get('/auth/me')
        .set('Cookie', cookie)
        .then((r) => r.status),
    ).resolves.toBe(401);

    expect(watcher.problems).toEqual([]);
  });

  it('shows what a supplier known only by name, address and product leaves open, and what to ask first', async () => {
    const compliance = sut.as('compliance');
    const list = await xlsxBuffer([
      ['Factory Name', 'Address', 'Country', 'Product Type'],
      [
        'Humen Yifa Garment Factory',
        'No. 8 Yinlong Road, Humen Town, Dongguan, Guangdong',
        'China',
        'Apparel',
      ],
    ]);
    await compliance
      .post('/imports')
      .field('list', 'Apparel agents')
      .attach('file', list, 'agents.xlsx')
      .expect(201);
    const found = await compliance.get('/suppliers?q=Yifa').expect(200);
    expect(found.body.items).toHaveLength(1);
    const id = found.body.items[0].id as string;
    const detail = (await compliance.get(`/suppliers/${id}`).expect(200)).body;
    const uncertainty = detail.assessment.uncertainty as AssessmentUncertainty;
    expect(uncertainty.openQuestions.length).toBeGreaterThan(0);

    const officer = await browser.newContext({
      viewport: { width: 1366, height: 768 },
      extraHTTPHeaders: { Authorization: `Bearer ${sut.tokens.compliance}` },
    });
    try {
      const view = await officer.newPage();
      const problems = watchPage(view);
      await view.goto(`${base}/app/suppliers/${id}`);
      await view.getByRole('heading', { level: 1, name: 'Humen Yifa Garment Factory' }).waitFor();
      // Beside the assessed score: the range, the data confidence and, when higher, the tier the range reaches.
      const stat = (label: string): Locator =>
        view.locator('.stat').filter({ has: view.getByText(label, { exact: true }) });
      await expect(stat('Range').locator('.stat-value').textContent()).resolves.toBe(
        formatRange(uncertainty.range),
      );
      await expect(stat('Data confidence').locator('.stat-value').textContent()).resolves.toBe(
        confidenceLabel(uncertainty.confidenceLevel),
      );
      await expect(stat('Data confidence').locator('.stat-detail').textContent()).resolves.toContain(
        formatPercent(uncertainty.confidence),
      );
      await expect(stat('Tier').locator('.could-reach').count()).resolves.toBe(
        uncertainty.couldReach ? 1 : 0,
      );
      await expect(view.locator('.priority-reason').textContent()).resolves.toContain(
        priorityReasonText(detail.priorityReason as string),
      );

      // The range drawn against the tiers, in words for a screen reader, and the questions most valuable first.
      const section = view.getByRole('region', { name: /^Questions to ask next/ });
      await section.getByText('The assessed score counts known facts only').waitFor();
      const { low, high } = uncertainty.range;
      // The tier bands come with the active rule set, fetched beside the supplier: wait for them.
      await section.locator('[role="img"][aria-label*="Tiers start at medium"]').waitFor();
      const bar = (await section.getByRole('img').getAttribute('aria-label')) ?? '';
      expect(bar).toContain(`Score range ${formatScore(low)} to ${formatScore(high)} out of 100`);
      expect(bar).toContain('Tiers start at medium');
      const questions = section.locator('table.questions tbody tr');
      await expect(questions.count()).resolves.toBe(uncertainty.openQuestions.length);
      await expect(questions.first().locator('.question-title').textContent()).resolves.toBe(
        uncertainty.openQuestions[0].title,
      );
      await expect(section.getByRole('columnheader').allTextContents()).resolves.toEqual([
        'Question',
        'What to ask for',
        'Points left open',
        'Answers add',
      ]);
      const flagged = uncertainty.openQuestions.filter((question) => question.couldRaiseRedFlag).length;
      await expect(questions.filter({ hasText: 'could raise a red flag' }).count()).resolves.toBe(flagged);
      // The questions replace the old "Missing data" list, which would repeat them.
      await expect(view.locator('#missing').count()).resolves.toBe(0);
      await snap('16-supplier-open-questions', view);
      await section.scrollIntoViewIfNeeded();
      await snap('16-supplier-open-questions-table', view);

      // An assessment from before ranges existed reads as it always did.
      // The API's answer only, not the page's own address /app/suppliers/:id.
      await view.route(
        (url) => url.pathname === `/suppliers/${id}`,
        async (route) => {
          const response = await route.fetch();
          const body = await response.json();
          delete body.assessment.uncertainty;
          await route.fulfill({ response, json: body });
        },
      );
      await view.reload();
      await view.getByRole('heading', { name: 'Score breakdown' }).waitFor();
      await expect(view.locator('#open-questions').count()).resolves.toBe(0);
      await expect(view.locator('.stat').filter({ hasText: 'Range' }).count()).resolves.toBe(0);
      await expect(view.locator('.could-reach').count()).resolves.toBe(0);
      await view.locator('#missing').waitFor();
      expect(problems.problems).toEqual([]);
    } finally {
      await officer.close();
    }
  });

  it('shows which lists list a site, where they disagree, and how else they name it', async () => {
    const compliance = sut.as('compliance');
    const map = await xlsxBuffer([
      ['Factory Name', 'Address', 'City', 'Country', 'Number of Workers'],
      ['Ningbo Shenzhou Knitting Co., Ltd.', 'No. 18 Xingye Rd., Beilun District', 'Ningbo', 'China', 26000],
    ]);
    await compliance
      .post('/imports')
      .field('list', 'Manufacturing Map')
      .attach('file', map, 'map.xlsx')
      .expect(201);
    const brand = await xlsxBuffer([
      ['Supplier ID', 'Facility Name', 'Facility Address', 'City', 'Country', 'Number of Workers'],
      ['1001', 'NINGBO SHENZHOU KNITTING CO LTD', '18 XINGYE ROAD, BEILUN DISTRICT', 'NINGBO', 'CN', 24000],
    ]);
    await compliance
      .post('/imports')
      .field('list', 'Brand X facilities')
      .attach('file', brand, 'brand x.xlsx')
      .expect(201);
    const found = await compliance.get('/suppliers?q=Shenzhou').expect(200);
    expect(found.body.items).toHaveLength(1);

    const officer = await browser.newContext({
      viewport: { width: 1366, height: 768 },
      extraHTTPHeaders: { Authorization: `Bearer ${sut.tokens.compliance}` },
    });
    try {
      const view = await officer.newPage();
      const problems = watchPage(view);
      await view.goto(`${base}/app/suppliers/${found.body.items[0].id as string}`);
      const lists = view.locator('#source-lists table.listings tbody th');
      await lists.first().waitFor();
      await expect(lists.allTextContents()).resolves.toEqual(
        expect.arrayContaining(['Manufacturing Map', 'Brand X facilities']),
      );
      await view.locator('#source-lists .aliases').getByText('NINGBO SHENZHOU KNITTING CO LTD').waitFor();
      // The value in use comes first and says so; the other list's value stays in view with its upload.
      const workers = view.locator('#disagreements tbody').filter({ hasText: 'Workers' });
      const said = workers.locator('tr');
      await expect(said.count()).resolves.toBe(2);
      await expect(said.first().textContent()).resolves.toMatch(/^Workers24,000in useBrand X facilities/);
      await expect(said.nth(1).textContent()).resolves.toContain('26,000Manufacturing Mapmap.xlsx');
      await expect(
        view
          .locator('#profile .fields > div')
          .filter({ hasText: 'Workers' })
          .locator('.provenance')
          .textContent(),
      ).resolves.toMatch(/^from Brand X facilities · brand x\.xlsx row 2 · since /);
      await view.locator('#disagreements').scrollIntoViewIfNeeded();
      await snap('12-supplier-lists-disagree', view);
      expect(problems.problems).toEqual([]);
    } finally {
      await officer.close();
    }
  });

  it('offers an auditor what an auditor may do, and says why the rest is off', async () => {
    const auditor = await browser.newContext({
      viewport: { width: 1366, height: 768 },
      extraHTTPHeaders: { Authorization: `Bearer ${sut.tokens.auditor}` },
    });
    try {
      const view = await auditor.newPage();
      const problems = watchPage(view);
      await view.goto(`${base}/app/rules`);
      await view.locator('.signed-in .who-role').getByText('Auditor', { exact: true }).waitFor();
      // An API token has no session to end.
      await expect(view.getByRole('button', { name: 'Sign out' }).count()).resolves.toBe(0);
      await view.getByText('Rule drafts are tried by compliance officers and procurement').waitFor();
      // The rule files stay readable, but there is nothing to edit or run.
      await view.waitForFunction(EDITOR_FILLED);
      await expect(view.getByLabel('Content').isEditable()).resolves.toBe(false);
      await expect(view.getByRole('button', { name: 'Simulate' }).count()).resolves.toBe(0);
      await view.getByLabel('Read a file of the active rule set').selectOption('indicators/workforce.yaml');
      await view.getByRole('button', { name: 'Show', exact: true }).click();
      await expect(view.getByLabel('Path in rules/').inputValue()).resolves.toBe('indicators/workforce.yaml');
      await view.locator('#what-if').scrollIntoViewIfNeeded();
      await snap('09-auditor-what-if', view);

      await view.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import' }).click();
      await view.getByText('Only compliance officers upload supplier lists').waitFor();
      await expect(view.getByLabel('Supplier list (xlsx or csv)').isDisabled()).resolves.toBe(true);
      await expect(view.getByRole('button', { name: 'Import this file' }).count()).resolves.toBe(0);
      await snap('10-auditor-import', view);

      await view.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).click();
      await view.getByText('Portfolio reports are generated by compliance and procurement').waitFor();
      await expect(
        view.getByRole('button', { name: 'Generate portfolio report (PDF)' }).isDisabled(),
      ).resolves.toBe(true);
      await view.getByText('A PDF to check against the archive').waitFor();
      await snap('11-auditor-reports', view);
      expect(problems.problems).toEqual([]);
    } finally {
      await auditor.close();
    }
  });

  it('lets an officer correct a column the preview did not recognise, and the list remembers it', async () => {
    const officer = await browser.newContext({
      viewport: { width: 1366, height: 768 },
      extraHTTPHeaders: { Authorization: `Bearer ${sut.tokens.compliance}` },
    });
    try {
      const view = await officer.newPage();
      const problems = watchPage(view);
      await view.goto(`${base}/app/import`);
      await view.getByRole('heading', { name: 'Import a supplier list' }).waitFor();
      const file = { name: 'Werke_DE_2026-11.xlsx', mimeType: XLSX_TYPE, buffer: await xlsxBuffer(WERKE) };
      await view.getByLabel('Supplier list (xlsx or csv)').setInputFiles(file);

      // No column is recognised as the name: the preview says so and the import waits.
      const preview = view.locator('#preview');
      const blocking = preview.locator('.problem-error');
      await blocking.first().waitFor();
      await expect(blocking.allTextContents()).resolves.toEqual([
        expect.stringMatching(/^Stops the import: No column holds the supplier name/),
      ]);
      const importButton = view.getByRole('button', { name: 'Import this file' });
      await expect(importButton.isDisabled()).resolves.toBe(true);
      const name = previewRow(view, 'Betriebsstätte');
      const select = view.getByLabel('Read column A “Betriebsstätte” as');
      await expect(select.inputValue()).resolves.toBe('ignore');
      await expect(name.locator('td.mapped-by').textContent()).resolves.toBe('header not recognised');
      await expect(name.locator('.sample-value').allTextContents()).resolves.toEqual([
        'Textilwerk Nord GmbH',
        'Stickerei Süd GmbH',
      ]);
      // Every row would be rejected without a name, so nothing is read from them yet.
      await expect(name.locator('.sample-read').allTextContents()).resolves.toEqual([
        'not imported',
        'not imported',
      ]);
      await expect(previewRow(view, 'Anschrift').locator('td.mapped-by').textContent()).resolves.toBe(
        'recognised header',
      );
      await preview.scrollIntoViewIfNeeded();
      await snap('13-import-preview-unknown-header', view);

      // The officer says the column is the name: the preview is read again with that mapping.
      await select.selectOption({ label: 'Supplier name' });
      await blocking.first().waitFor({ state: 'detached' });
      await preview.getByText('Nothing is imported yet: check the columns, then import the file.').waitFor();
      await expect(name.locator('td.mapped-by').textContent()).resolves.toBe('your choice');
      await expect(name.locator('.sample-read').allTextContents()).resolves.toEqual([
        'Textilwerk Nord GmbH',
        'Stickerei Süd GmbH',
      ]);
      await expect(previewRow(view, 'Land').locator('.sample-read').allTextContents()).resolves.toEqual([
        'DE',
        'DE',
      ]);
      await preview.getByText('The first 2 rows: all would be imported as they are.').waitFor();
      await view.getByLabel('Remember these columns for the list “Werke DE”').check();
      await snap('13-import-preview-corrected', view);
      await importButton.click();

      await view.getByText('Import completed:').waitFor({ timeout: 30_000 });
      await expect(view.locator('.notice-success').textContent()).resolves.toContain('2 new');
      await expect(view.locator('.batch-list').textContent()).resolves.toBe('Source list: Werke DE');
      await expect(
        view.locator('table.mapping tbody tr').filter({ hasText: 'Betriebsstätte' }).textContent(),
      ).resolves.toBe('ABetriebsstätteSupplier name');

      // The list's next file is read with the columns the officer saved.
      await view.getByRole('link', { name: 'Import another file' }).click();
      await view
        .getByLabel('Supplier list (xlsx or csv)')
        .setInputFiles({ ...file, name: 'Werke DE 2026-12.xlsx' });
      await name.locator('td.mapped-by').getByText('saved with this list').waitFor();
      await preview.getByText('Nothing is imported yet: check the columns, then import the file.').waitFor();
      await expect(select.inputValue()).resolves.toBe('name');
      await expect(blocking.count()).resolves.toBe(0);
      await expect(importButton.isEnabled()).resolves.toBe(true);
      expect(problems.problems).toEqual([]);
    } finally {
      await officer.close();
    }
  });

  it('puts a possible duplicate to the officer side by side, and merges the two sites on request', async () => {
    const header = ['Factory Name', 'Address', 'City', 'Country', 'Number of Workers', '% Migrant Workers'];
    const compliance = sut.as('compliance');
    await compliance
      .post('/imports')
      .field('list', 'Brand A')
      .attach(
        'file',
        await xlsxBuffer([
          header,
          ['Rahman Knit Composite Ltd.', 'Plot # 25-27, Dhaka EPZ, Savar', 'Dhaka', 'Bangladesh', 3000, ''],
        ]),
        'supplier-list.xlsx',
      )
      .expect(201);
    const second = await compliance
      .post('/imports')
      .field('list', 'Brand B')
      .attach(
        'file',
        await xlsxBuffer([
          header,
          ['RAHMAN KNIT COMPOSITE LIMITED', 'Plot 25-27, DEPZ, Ganakbari, Savar', 'Savar', 'BD', '', '12%'],
        ]),
        'facilities.xlsx',
      )
      .expect(201);
    expect(second.body.changes.possibleDuplicates).toBe(1);
    const rahman = async (): Promise<number> =>
      (await compliance.get('/suppliers?q=Rahman%20Knit').expect(200)).body.total;
    await expect(rahman()).resolves.toBe(2);
    const question = 'Is “RAHMAN KNIT COMPOSITE LIMITED” the same site as “Rahman Knit Composite Ltd.”?';

    // An auditor reads the question, but has nothing to press.
    const auditor = await browser.newContext({
      viewport: { width: 1366, height: 768 },
      extraHTTPHeaders: { Authorization: `Bearer ${sut.tokens.auditor}` },
    });
    try {
      const view = await auditor.newPage();
      const problems = watchPage(view);
      await view.goto(`${base}/app/overview`);
      await view.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Duplicates' }).click();
      await view.getByRole('heading', { name: question }).waitFor();
      await view.getByText('Only compliance officers decide whether two sites are one').waitFor();
      await expect(view.getByRole('button', { name: /merge|keep both/i }).count()).resolves.toBe(0);
      expect(problems.problems).toEqual([]);
    } finally {
      await auditor.close();
    }

    const officer = await browser.newContext({
      viewport: { width: 1366, height: 768 },
      extraHTTPHeaders: { Authorization: `Bearer ${sut.tokens.compliance}` },
    });
    try {
      const view = await officer.newPage();
      const problems = watchPage(view);
      // The import's result says a new site may be a known one, and leads to the question.
      await view.goto(`${base}/app/import/${second.body.id as string}`);
      await view.getByText('1 new site may be a duplicate of a known site.').waitFor();
      await view.getByRole('link', { name: 'Review the possible duplicates' }).click();
      await view.waitForURL(/\/app\/matches$/);
      const card = view.locator('article.match-card').filter({
        has: view.getByRole('heading', { name: question }),
      });
      await card.waitFor();
      const newSite = card.getByRole('region', { name: 'New site' });
      const knownSite = card.getByRole('region', { name: 'Known site' });
      await expect(newSite.locator('h3').textContent()).resolves.toBe(
        'New site from facilities.xlsx, list Brand B',
      );
      await expect(newSite.locator('dd').allTextContents()).resolves.toEqual([
        'RAHMAN KNIT COMPOSITE LIMITED',
        'Plot 25-27, DEPZ, Ganakbari, Savar',
        'Savar',
        'Bangladesh',
        'Brand B',
        expect.stringMatching(/score/),
      ]);
      await expect(knownSite.locator('dd').first().textContent()).resolves.toBe('Rahman Knit Composite Ltd.');
      await knownSite.getByText('Brand A', { exact: true }).waitFor();
      await expect(card.locator('.match-facts').textContent()).resolves.toMatch(
        /Similarity\d{1,2}%Comparedthe names and both addresses/,
      );
      await snap('14-possible-duplicate', view);

      // Merging asks first, as the page cannot undo it.
      await card.getByRole('button', { name: 'Same site — merge' }).click();
      await card.getByText('The dashboard cannot undo a merge.').waitFor();
      await card.getByRole('button', { name: 'Cancel' }).click();
      await card.getByRole('button', { name: 'Same site — merge' }).click();
      await card.getByRole('button', { name: 'Merge the two sites' }).click();
      const outcome = view.locator('.match-outcomes');
      await outcome
        .getByText('Merged “RAHMAN KNIT COMPOSITE LIMITED” into “Rahman Knit Composite Ltd.”')
        .waitFor();
      await expect(card.count()).resolves.toBe(0);
      await view.getByRole('heading', { name: 'No possible duplicates wait for a decision.' }).waitFor();
      // The keyboard focus moved from the card that went away to the outcome.
      await expect(view.locator(':focus').textContent()).resolves.toMatch(/^Done: Merged/);
      await snap('14-possible-duplicate-merged', view);
      await expect(rahman()).resolves.toBe(1);

      // The decision stays on record, with who took it.
      await view.getByRole('link', { name: 'Merged', exact: true }).click();
      await view.waitForURL(/\/app\/matches\?status=confirmed$/);
      const merged = view.locator('article.match-card').filter({ hasText: 'RAHMAN KNIT COMPOSITE LIMITED' });
      await merged
        .locator('.match-decided')
        .getByText(/^Same site: merged by .+ on /)
        .waitFor();
      await merged.getByText('merged into the known site').waitFor();
      await snap('15-merged', view);

      // The known site lists both lists now.
      await merged.getByRole('link', { name: 'Rahman Knit Composite Ltd.' }).click();
      const lists = view.locator('#source-lists table.listings tbody th');
      await lists.first().waitFor();
      await expect(lists.allTextContents()).resolves.toEqual(expect.arrayContaining(['Brand A', 'Brand B']));
      expect(problems.problems).toEqual([]);
    } finally {
      await officer.close();
    }
  });
});
