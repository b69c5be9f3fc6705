import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import type {
  ImportBatch,
  Overview,
  RuleSetView,
  SimulationResult,
  SupplierPage,
  SupplierSummary,
} from '../web/src/api/types.js';
import { countryName, formatCount, formatScore } from '../web/src/lib/format.js';
import { countryListTitle, priorityOrderText } from '../web/src/lib/overview.js';
import { buildWeb, contextAs as signedIn, launchBrowser, listen, watchPage } from './support/browser.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { xlsxBuffer, type Cell } from './support/workbooks.js';

// The portfolio pages in a real headless Chromium, as an auditor would check them: a brand's disclosure list with
// two factories of one group under one name, told apart in the supplier list by city and address and found by
// city; the overview's countries by risk as well as by size, so a high-risk country of one factory is seen; hashes
// shown on one line and copied whole; procurement trying a draft rule set without being able to put it in force.
// VIGIL_SCREENSHOTS=/some/dir also saves a screenshot of each view there.

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const BANNER: Cell[][] = [
  ['Supplier list: Tier 1 manufacturing and packaging sites'],
  ['Published March 2026'],
  [],
];
const HEADER: Cell[] = [
  'Supplier ID',
  'Factory Name',
  'Parent Company',
  'Address',
  'City',
  'State/Province',
  'Country',
  'Product Type',
  'Number of Workers',
];

/** Packaging and trims suppliers in fifteen countries, two sites each. */
const TWO_SITE_COUNTRIES: [country: string, cities: [string, string]][] = [
  ['Austria', ['Linz', 'Graz']],
  ['Belgium', ['Ghent', 'Liège']],
  ['Canada', ['Mississauga', 'Laval']],
  ['Denmark', ['Herning', 'Aarhus']],
  ['Finland', ['Tampere', 'Lahti']],
  ['France', ['Roubaix', 'Lyon']],
  ['Germany', ['Bielefeld', 'Mönchengladbach']],
  ['Italy', ['Prato', 'Biella']],
  ['Japan', ['Osaka', 'Okayama']],
  ['Netherlands', ['Tilburg', 'Enschede']],
  ['Portugal', ['Guimarães', 'Barcelos']],
  ['Spain', ['Terrassa', 'Elche']],
  ['Sweden', ['Borås', 'Malmö']],
  ['United Kingdom', ['Leicester', 'Nottingham']],
  ['United States', ['Greensboro', 'Los Angeles']],
];

function disclosureRows(): Cell[][] {
  const rows: Cell[][] = [];
  let id = 301;
  for (const [country, cities] of TWO_SITE_COUNTRIES) {
    cities.forEach((city, index) => {
      rows.push([
        `F-${id++}`,
        `${city} ${index === 0 ? 'Carton Works' : 'Label Printing'}`,
        '',
        `${10 + index * 7} Industrial Road`,
        city,
        '',
        country,
        index === 0 ? 'Corrugated cartons' : 'Woven labels',
        60 + index * 25,
      ]);
    });
  }
  // One group's two knitting factories: the same name, two cities.
  rows.push([
    'F-401',
    'Crystal Knitwear Ltd',
    'Crystal Group',
    'Plot 12, Tejgaon Industrial Area',
    'Dhaka',
    'Dhaka Division',
    'Bangladesh',
    'Knitted garments',
    2400,
  ]);
  rows.push([
    'F-402',
    'Crystal Knitwear Ltd',
    'Crystal Group',
    'Sector 4, CEPZ, South Halishahar',
    'Chattogram',
    'Chattogram Division',
    'Bangladesh',
    'Knitted garments',
    3100,
  ]);
  rows.push([
    'F-403',
    'Savar Denim Composite',
    '',
    'Ashulia Road, Zirabo',
    'Savar',
    'Dhaka Division',
    'Bangladesh',
    'Denim garments',
    1800,
  ]);
  // The portfolio's only site in Myanmar.
  rows.push([
    'F-501',
    'Yangon Garment Works',
    '',
    'No. 7, Shwe Pyi Thar Industrial Zone 2',
    'Yangon',
    'Yangon Region',
    'Myanmar',
    'Garments',
    900,
  ]);
  return rows;
}

/** Runs in the page: the what-if editor holds the active ruleset.yaml (a string, as the test has no DOM types). */
const EDITOR_FILLED = "document.querySelector('.what-if textarea')?.value.includes('thresholds:')";

/** Runs before the page's own scripts: no Clipboard API, and what the copy command copies is kept. */
const NO_CLIPBOARD_API = `
  Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined, configurable: true });
  window.copiedBySelection = [];
  document.addEventListener('copy', () => window.copiedBySelection.push(String(document.getSelection())));
`;

describe('portfolio pages in a browser', () => {
  let sut: TestApp;
  let base: string;
  let browser: Browser;
  const screenshots = process.env.VIGIL_SCREENSHOTS;

  const snap = async (page: Page, name: string): Promise<void> => {
    if (screenshots) {
      await page.screenshot({ path: `${screenshots}/${name}.png`, fullPage: true });
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
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await sut?.close();
  });

  const contextAs = (role: 'compliance' | 'procurement' | 'auditor'): Promise<BrowserContext> =>
    signedIn(browser, sut, role);

  async function listFromApi(query: string): Promise<SupplierPage> {
    return (await sut.as('procurement').get(`/suppliers?${query}`).expect(200)).body as SupplierPage;
  }

  /** The hash's text stays on one line: its box is no taller than one line of its text. */
  async function expectOneLine(hash: Locator): Promise<void> {
    const box = await hash.locator('code').evaluate((element) => ({
      height: element.getBoundingClientRect().height,
      line: parseFloat(element.ownerDocument.defaultView.getComputedStyle(element).lineHeight),
      rects: element.getClientRects().length,
    }));
    expect(box.rects).toBe(1);
    expect(box.height).toBeLessThan(box.line * 1.5);
  }

  it('tells apart two sites of one name by city and address, finds one by its city, and ranks countries by risk', async () => {
    const context = await contextAs('compliance');
    try {
      const page = await context.newPage();
      const { problems } = watchPage(page);

      // The brand's list, uploaded through the page.
      await page.goto(`${base}/app/import`);
      await page.getByRole('heading', { name: 'Import a supplier list' }).waitFor();
      await page.getByLabel('Supplier list (xlsx or csv)').setInputFiles({
        name: 'Tier 1 supplier list 2026-03.xlsx',
        mimeType: XLSX_TYPE,
        buffer: await xlsxBuffer([HEADER, ...disclosureRows()], { bannerRows: BANNER }),
      });
      await page.getByText('Nothing is imported yet: check the columns, then import the file.').waitFor();
      await page.getByRole('button', { name: 'Import this file' }).click();
      await page.getByText('Import completed:').waitFor({ timeout: 30_000 });
      const batchId = /\/app\/import\/([0-9a-f-]{36})$/.exec(page.url())?.[1] ?? '';
      const batch = (await sut.as('compliance').get(`/imports/${batchId}`).expect(200)).body as ImportBatch;
      expect(batch.counts).toMatchObject({ read: 34, rejected: 0 });
      // The file's sha256 beside its name: short, whole in the title.
      const fileHash = page.locator('.file-line .hash').first();
      await expect(fileHash.locator('code').getAttribute('title')).resolves.toBe(batch.fileSha256);
      await expect(fileHash.locator('code').textContent()).resolves.toBe(`${batch.fileSha256.slice(0, 12)}…`);
      await expectOneLine(fileHash);

      // The list: both Crystal sites, each with its city and, under it, its address.
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Suppliers' }).click();
      await page.getByText(`${formatCount(34)} suppliers`).waitFor();
      await expect(page.locator('table.suppliers thead th').nth(2).textContent()).resolves.toBe('Site');
      const crystal = page.locator('table.suppliers tbody tr').filter({ hasText: 'Crystal Knitwear Ltd' });
      await expect(crystal.count()).resolves.toBe(2);
      await expect(crystal.locator('td.site').allTextContents()).resolves.toEqual(
        expect.arrayContaining([
          'DhakaPlot 12, Tejgaon Industrial Area',
          'ChattogramSector 4, CEPZ, South Halishahar',
        ]),
      );
      const chattogramRow = crystal.filter({ hasText: 'Chattogram' });
      await expect(chattogramRow.locator('.site-city').textContent()).resolves.toBe('Chattogram');
      await expect(chattogramRow.locator('.site-address').textContent()).resolves.toBe(
        'Sector 4, CEPZ, South Halishahar',
      );
      // Nothing in this list has a spend: the sort does not claim to weigh it.
      await expect(page.getByLabel('Sort by').locator('option').first().textContent()).resolves.toBe(
        'Priority (risk)',
      );
      await snap(page, '30-suppliers-sites');

      // Searching by the city finds the one site there.
      const search = page.getByRole('searchbox', { name: 'Search' });
      await expect(search.getAttribute('placeholder')).resolves.toBe('Name, supplier ID, address or city');
      await search.fill('chattogram');
      await page.waitForURL(
        (url) => url.pathname === '/app/suppliers' && url.searchParams.get('q') === 'chattogram',
      );
      await page.getByText('1 supplier match the filters').waitFor();
      const found = page.locator('table.suppliers tbody tr');
      await expect(found.count()).resolves.toBe(1);
      await expect(found.locator('td.supplier-name a').textContent()).resolves.toBe('Crystal Knitwear Ltd');
      await expect(found.locator('.site-city').textContent()).resolves.toBe('Chattogram');
      const api = await listFromApi('q=chattogram');
      expect(api.items.map((item: SupplierSummary) => item.externalRef)).toEqual(['F-402']);
      // And by a street of the other one.
      await search.fill('Tejgaon');
      await page.waitForURL((url) => url.searchParams.get('q') === 'Tejgaon');
      await found.filter({ hasText: 'Plot 12, Tejgaon Industrial Area' }).waitFor();
      await expect(found.count()).resolves.toBe(1);
      await snap(page, '31-suppliers-search-city');

      // The site's page: the rule set it was assessed with, on one line.
      await found.locator('td.supplier-name a').click();
      await page.getByRole('heading', { level: 1, name: 'Crystal Knitwear Ltd' }).waitFor();
      const assessed = page.locator('.stat').filter({ has: page.getByText('Assessed', { exact: true }) });
      await expectOneLine(assessed.locator('.hash'));

      // The overview: no word of spend, and the countries by size, by average and by maximum score.
      const overview = (await sut.as('compliance').get('/dashboard/overview').expect(200)).body as Overview;
      expect(overview.suppliersWithSpend).toBe(0);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Overview' }).click();
      const countries = page.locator('#by-country');
      await countries.locator('table.countries').waitFor();
      await expect(page.locator('.priority-order').textContent()).resolves.toBe(priorityOrderText(overview));
      await expect(page.locator('main').textContent()).resolves.not.toMatch(/spend/i);

      expect(overview.countries).toEqual({ total: 17, scored: 17, shown: 15 });
      const heading = countries.locator('h2');
      await expect(heading.textContent()).resolves.toBe('The 15 countries with the most suppliers, of 17');
      const rows = countries.locator('tbody tr');
      await expect(rows.locator('th').allTextContents()).resolves.toEqual(
        overview.byCountry.map((row) => countryName(row.country)),
      );
      // Myanmar's one factory leaves it out of the largest countries.
      expect(overview.byCountry.map((row) => row.country)).not.toContain('MM');
      await snap(page, '32-overview-countries-by-suppliers');

      await countries.getByRole('radio', { name: 'Highest average score' }).check();
      await heading.getByText('The 15 countries with the highest average score, of 17').waitFor();
      const byAverage = overview.byCountryRisk.averageScore;
      expect(byAverage[0]).toMatchObject({ country: 'MM', count: 1 });
      await expect(rows.first().locator('th').textContent()).resolves.toBe(countryName('MM'));
      await expect(rows.first().locator('td').allTextContents()).resolves.toEqual([
        '1',
        formatCount(byAverage[0].highOrCritical),
        formatScore(byAverage[0].averageScore),
        formatScore(byAverage[0].maxScore),
      ]);
      await expect(rows.locator('th').allTextContents()).resolves.toEqual(
        byAverage.map((row) => countryName(row.country)),
      );
      await expect(countries.locator('th[aria-sort="descending"]').textContent()).resolves.toBe(
        'Average score',
      );
      await snap(page, '33-overview-countries-by-average');

      await countries.getByRole('radio', { name: 'Highest maximum score' }).check();
      await heading
        .getByText(countryListTitle('maxScore', overview.byCountryRisk.maxScore.length, 17))
        .waitFor();
      await expect(rows.locator('th').allTextContents()).resolves.toEqual(
        overview.byCountryRisk.maxScore.map((row) => countryName(row.country)),
      );
      await expect(rows.locator('th').allTextContents()).resolves.toContain(countryName('MM'));

      // Each country leads to its suppliers.
      await rows
        .filter({ hasText: countryName('MM') })
        .getByRole('link')
        .click();
      await page.waitForURL((url) => url.pathname === '/app/suppliers' && url.search === '?country=MM');
      await page.getByText('1 supplier match the filters').waitFor();
      await expect(page.locator('table.suppliers tbody td.supplier-name a').textContent()).resolves.toBe(
        'Yangon Garment Works',
      );
      await expect(page.locator('table.suppliers tbody td.site').textContent()).resolves.toBe(
        'YangonNo. 7, Shwe Pyi Thar Industrial Zone 2',
      );
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('lets procurement run a what-if on the rules and see its result, but not put rules in force', async () => {
    const context = await contextAs('procurement');
    try {
      const page = await context.newPage();
      const { problems } = watchPage(page);
      await page.goto(`${base}/app/rules`);
      await page.locator('.signed-in .who-role').getByText('Procurement', { exact: true }).waitFor();
      await page.waitForFunction(EDITOR_FILLED);
      const editor = page.getByLabel('Content');
      await expect(editor.isEditable()).resolves.toBe(true);
      await expect(
        page.getByText('Rule drafts are tried by compliance officers and procurement').count(),
      ).resolves.toBe(0);

      // Lower thresholds: the draft raises suppliers' tiers, and nothing changes until someone puts it in force.
      const active = await editor.inputValue();
      const draft = active
        .replace(/^ {2}high: \d+$/m, '  high: 15')
        .replace(/^ {2}critical: \d+$/m, '  critical: 30')
        .replace(/^ {2}medium: \d+$/m, '  medium: 5');
      expect(draft).not.toBe(active);
      await editor.fill(draft);
      await page.getByRole('button', { name: 'Simulate' }).click();
      await page.getByRole('heading', { name: 'Tier changes' }).waitFor({ timeout: 30_000 });
      const expected = (
        await sut
          .as('procurement')
          .post('/rulesets/simulate')
          .send({ files: [{ path: 'ruleset.yaml', content: draft }] })
          .expect(200)
      ).body as SimulationResult;
      expect(expected.changed).toBeGreaterThan(0);
      await page
        .getByText(
          `${formatCount(expected.changed)} of ${formatCount(expected.suppliers)} suppliers would change tier.`,
        )
        .waitFor();
      await expect(page.locator('table.changes tbody tr').count()).resolves.toBe(expected.changes.length);
      await expect(page.locator('table.tier-compare tbody td.num').allTextContents()).resolves.toEqual(
        expected.tiers.flatMap((row) => [
          formatCount(row.current),
          formatCount(row.draft),
          expect.any(String) as unknown as string,
        ]),
      );
      await page.locator('.simulation').scrollIntoViewIfNeeded();
      await snap(page, '34-procurement-what-if');

      // Nothing on the page puts rules in force, and the service refuses it to procurement.
      await expect(
        page.getByRole('button', { name: /in force|reload|apply|activate/i }).count(),
      ).resolves.toBe(0);
      const status = await page.evaluate(
        "fetch('/rulesets/reload', { method: 'POST' }).then((r) => r.status)",
      );
      expect(status).toBe(403);
      const activeNow = (await sut.as('procurement').get('/rulesets/active').expect(200)).body as RuleSetView;
      expect(activeNow.hash).toBe(expected.activeHash);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('copies the whole hash with the copy button, on one line, and by selection where the Clipboard API is missing', async () => {
    const rules = (await sut.as('auditor').get('/rulesets/active').expect(200)).body as RuleSetView;
    expect(rules.hash).toMatch(/^[0-9a-f]{64}$/);

    const context = await contextAs('auditor');
    try {
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
      const page = await context.newPage();
      const { problems } = watchPage(page);
      await page.goto(`${base}/app/rules`);
      const hash = page.locator('.page-head .hash');
      await hash.waitFor();
      await expect(hash.locator('code').textContent()).resolves.toBe(`${rules.hash.slice(0, 12)}…`);
      await expect(hash.locator('code').getAttribute('title')).resolves.toBe(rules.hash);
      await expectOneLine(hash);
      // Something else on the clipboard first, so that the test sees the button replace it.
      await page.evaluate("navigator.clipboard.writeText('before')");
      await hash.getByRole('button', { name: 'Copy the rule-set hash' }).click();
      await hash.getByRole('button', { name: 'Copied the rule-set hash' }).waitFor();
      await expect(hash.getByRole('status').textContent()).resolves.toBe('The rule-set hash is copied.');
      await expect(page.evaluate('navigator.clipboard.readText()')).resolves.toBe(rules.hash);
      // The confirmation goes after a moment.
      await hash.getByRole('button', { name: 'Copy the rule-set hash' }).waitFor({ timeout: 5_000 });
      await snap(page, '35-rules-hash');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }

    const older = await contextAs('auditor');
    try {
      await older.addInitScript({ content: NO_CLIPBOARD_API });
      const page = await older.newPage();
      const { problems } = watchPage(page);
      await page.goto(`${base}/app/rules`);
      const hash = page.locator('.page-head .hash');
      await hash.getByRole('button', { name: 'Copy the rule-set hash' }).click();
      await hash.getByRole('button', { name: 'Copied the rule-set hash' }).waitFor();
      await expect(page.evaluate('window.copiedBySelection')).resolves.toEqual([rules.hash]);
      // The text area the copy command read is gone again.
      await expect(page.locator('.copy-source').count()).resolves.toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await older.close();
    }
  });
});
