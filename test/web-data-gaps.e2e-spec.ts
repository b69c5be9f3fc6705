import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { DataGaps } from '../web/src/api/types.js';
import { dataGapRows, settledSentence } from '../web/src/lib/data-gaps.js';
import { formatCount } from '../web/src/lib/format.js';
import { parseSupplierQuery } from '../web/src/lib/supplier-query.js';
import { buildWeb, contextAs as signedIn, launchBrowser, listen, watchPage } from './support/browser.js';
import { startTestApp, TEST_ADMIN, type TestApp } from './support/test-app.js';
import { answeredRow, disclosedRow, surveyHeader } from './support/survey-rows.js';
import { xlsxBuffer } from './support/workbooks.js';

// The data-gaps page in a real headless Chromium: its figures and its ranked questions are the API's, the list
// filters narrow both, and each question links to the xlsx of whom to ask.

/** Three disclosure-list rows (where and what, nothing else) and one questionnaire answered but for recruitment fees. */
async function workbook(): Promise<Buffer> {
  return xlsxBuffer([
    surveyHeader(),
    answeredRow([
      'Lusitania Malhas Lda.',
      'Rua do Norte 12, Barcelos',
      'Portugal',
      'Garments',
      'Knitwear',
      'shirts',
    ]),
    disclosedRow([
      'Pearl River Garment Co., Ltd.',
      '18 Industrial Road, Dongguan',
      'China',
      'Apparel',
      null,
      null,
    ]),
    disclosedRow([
      'Ashulia Knit Composite Ltd.',
      'Plot 12, Ashulia, Savar',
      'Bangladesh',
      'Apparel',
      null,
      null,
    ]),
    disclosedRow([
      'Midtown Print Shop Inc.',
      '221 W 37th St, New York, NY',
      'United States',
      null,
      null,
      null,
    ]),
  ]);
}

describe('data-gaps page in a browser', () => {
  let sut: TestApp;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    await buildWeb();
    sut = await startTestApp();
    base = await listen(sut);
    browser = await launchBrowser();
    await sut
      .as('compliance')
      .post('/imports')
      .field('list', 'Supplier survey 2026')
      .attach('file', await workbook(), 'survey.xlsx')
      .expect(201);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await sut?.close();
  });

  const contextAs = (role: 'compliance' | 'procurement' | 'auditor'): Promise<BrowserContext> =>
    signedIn(browser, sut, role);

  async function gapsFromApi(role: 'admin' | 'procurement', filters = ''): Promise<DataGaps> {
    const path = filters ? `/dashboard/data-gaps?${filters}` : '/dashboard/data-gaps';
    return (await sut.as(role).get(path).expect(200)).body as DataGaps;
  }

  /** The page shows the API's figures: the headline, the sentence and the first rows of the table, in order. */
  async function expectPageToShow(page: Page, gaps: DataGaps, filters = ''): Promise<void> {
    const stat = (label: string) =>
      page
        .locator('.stat')
        .filter({ has: page.getByText(label, { exact: true }) })
        .locator('.stat-value');
    // The figures of the previous filters stay on screen while the next ones load.
    await stat('Suppliers in scope').getByText(formatCount(gaps.suppliers), { exact: true }).waitFor();
    await page.locator('.data-gaps-body[aria-busy="false"]').waitFor();
    await expect(stat('With a range').textContent()).resolves.toBe(formatCount(gaps.withRange));
    await expect(stat('Already settled').textContent()).resolves.toBe(formatCount(gaps.settled));
    await expect(stat('Open questions').textContent()).resolves.toBe(formatCount(gaps.questions.length));
    await expect(page.locator('.settled-sentence').textContent()).resolves.toBe(settledSentence(gaps));

    const expected = dataGapRows(gaps.questions, parseSupplierQuery(filters));
    const rows = page.locator('table.data-gaps tbody tr');
    await expect(rows.count()).resolves.toBe(gaps.questions.length);
    for (const [index, question] of gaps.questions.slice(0, 3).entries()) {
      const row = rows.nth(index);
      await expect(row.locator('th .question-title').textContent()).resolves.toBe(question.title);
      await expect(row.locator('th .follow-up').textContent()).resolves.toBe(question.followUp);
      await expect(row.locator('td').allTextContents()).resolves.toEqual([
        formatCount(question.suppliers),
        formatCount(question.settlesTier),
        formatCount(question.couldRaiseRedFlag),
        expected[index].openPoints,
        question.summary,
        'Download who to ask (xlsx)',
      ]);
    }
  }

  it('ranks the open questions as the API does, and narrows both to a country', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    try {
      const page = await context.newPage();
      const { problems } = watchPage(page);
      await page.goto(`${base}/app/data-gaps`);
      const dialog = page.getByRole('dialog', { name: 'Sign in to Vigil' });
      await dialog.getByLabel('Email').fill(TEST_ADMIN.email);
      await dialog.getByLabel('Password').fill(TEST_ADMIN.password);
      await dialog.getByRole('button', { name: 'Sign in' }).click();

      await page.getByRole('heading', { level: 1, name: 'Data gaps — what to ask next' }).waitFor();
      const nav = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Data gaps' });
      await expect(nav.getAttribute('aria-current')).resolves.toBe('page');
      const all = await gapsFromApi('admin');
      expect(all.suppliers).toBe(4);
      // The surveyed knitwear maker's one open question decides its tier: it leads.
      expect(all.questions[0]).toMatchObject({
        indicatorId: 'recruitment.fees-paid-by-workers',
        settlesTier: 1,
      });
      await expectPageToShow(page, all);
      await expect(page.locator('table.data-gaps caption').textContent()).resolves.toMatch(
        /^Questions to ask, those settling the most tiers first/,
      );
      await expect(page.locator('table.data-gaps thead th').allTextContents()).resolves.toEqual([
        'Question',
        'Open for',
        'Settles the tier of',
        'Could raise a red flag for',
        'Points narrowed',
        'In short',
        'Who to ask',
      ]);
      await page.screenshot({ path: '/tmp/data-gaps.png', fullPage: true });

      // The supplier list's country box: names or codes, applied on Enter, kept in the address.
      await page.getByLabel('Country', { exact: true }).fill('China, BD');
      await page.getByLabel('Country', { exact: true }).press('Enter');
      await page.waitForURL((url) => url.pathname === '/app/data-gaps' && url.search === '?country=BD,CN');
      const two = await gapsFromApi('admin', 'country=BD,CN');
      expect(two.suppliers).toBe(2);
      await expectPageToShow(page, two, 'country=BD,CN');
      await page.screenshot({ path: '/tmp/data-gaps-filtered.png', fullPage: true });

      // Whom to ask: the first question's xlsx, for the same filters (only the address is checked here).
      const link = page
        .locator('table.data-gaps tbody tr')
        .first()
        .getByRole('link', { name: 'Download who to ask (xlsx)' });
      const href = new URL((await link.getAttribute('href')) ?? '', base);
      expect(href.pathname).toBe('/dashboard/data-gaps/export.xlsx');
      expect(href.searchParams.get('question')).toBe(two.questions[0].indicatorId);
      expect(href.searchParams.get('country')).toBe('BD,CN');

      // A filter nothing matches says so, and offers the way back.
      await page.getByLabel('Search', { exact: true }).fill('no such supplier');
      await page.getByRole('heading', { name: 'No supplier matches these filters' }).waitFor();
      await page.getByRole('button', { name: 'Clear the filters' }).click();
      await page.waitForURL((url) => url.pathname === '/app/data-gaps' && url.search === '');
      await expectPageToShow(page, all);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('gives procurement the same page from the main navigation', async () => {
    const context = await contextAs('procurement');
    try {
      const page = await context.newPage();
      const { problems } = watchPage(page);
      await page.goto(`${base}/`);
      await page.locator('.signed-in .who-role').getByText('Procurement', { exact: true }).waitFor();
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Data gaps' }).click();
      await page.getByRole('heading', { level: 1, name: 'Data gaps — what to ask next' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/app/data-gaps');
      await expectPageToShow(page, await gapsFromApi('procurement'));
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('says plainly when there is nothing to ask about, and who may upload a list', async () => {
    // The service's own answer for no supplier in scope, given as if the portfolio were empty.
    const none = await gapsFromApi('admin', 'q=no-such-supplier');
    expect(none).toMatchObject({ suppliers: 0, withRange: 0, settled: 0, questions: [] });
    const context = await contextAs('auditor');
    try {
      const page = await context.newPage();
      const { problems } = watchPage(page);
      await page.route(
        (url) => url.pathname === '/dashboard/data-gaps',
        (route) => route.fulfill({ json: none }),
      );
      await page.goto(`${base}/app/data-gaps`);
      await page.getByRole('heading', { name: 'No suppliers yet: upload a list' }).waitFor();
      await page.getByText('Only compliance officers upload supplier lists').waitFor();
      await expect(page.locator('table.data-gaps').count()).resolves.toBe(0);
      await expect(page.getByRole('link', { name: 'Upload a supplier list' }).count()).resolves.toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
