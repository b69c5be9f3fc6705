import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { ImportBatchView } from '../../src/imports/dto/import.views.js';
import { PortfolioAggregator } from '../../src/reports/domain/portfolio-aggregator.js';
import type { PortfolioReportData } from '../../src/reports/domain/report-models.js';
import { extractPdf, type ExtractedPdf } from '../../src/reports/domain/testing/pdf-text.js';
import { ReportsRepository } from '../../src/reports/reports.repository.js';
import type { SupplierSummary } from '../../src/suppliers/dto/supplier.views.js';
import { binary } from '../support/binary.js';
import {
  exportProblems,
  portfolioProblems,
  supplierReportProblems,
  type PortfolioExpectation,
} from '../support/report-consistency.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { variedPortfolio } from '../support/varied-portfolio.js';
import { readXlsx } from '../support/workbooks.js';

// The reports checked against the API on a portfolio of about 3,000 varied suppliers from 24 lists: every count,
// percentage, order and country the portfolio PDF states is recomputed from GET /suppliers and GET /imports pages
// (test/support/report-consistency.ts). The checker is shown to catch the defects real users found, each switched
// back on in the report generator.

const LISTS = 24;
const PER_LIST = 125;

describe('reports agree with the API on a varied portfolio', () => {
  let sut: TestApp;
  let expected: PortfolioExpectation;

  async function portfolioPdf(): Promise<ExtractedPdf> {
    const started = await sut.as().post('/reports/portfolio').expect(202);
    let status = started.body;
    for (let i = 0; i < 600 && status.status === 'processing'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = (await sut.as().get(`/reports/${started.body.id}/status`).expect(200)).body;
    }
    expect(status).toMatchObject({ status: 'completed', kind: 'portfolio' });
    const response = await sut.as().get(`/reports/${started.body.id}`).buffer(true).parse(binary).expect(200);
    return extractPdf(response.body as Buffer);
  }

  /** Every supplier, as the supplier list pages them in its default order (priority). */
  async function allSuppliers(): Promise<SupplierSummary[]> {
    const items: SupplierSummary[] = [];
    for (let page = 1; ; page++) {
      const body = (await sut.as().get(`/suppliers?sort=priority&pageSize=500&page=${page}`).expect(200))
        .body as { items: SupplierSummary[]; total: number };
      items.push(...body.items);
      if (items.length >= body.total || body.items.length === 0) {
        return items;
      }
    }
  }

  beforeAll(async () => {
    sut = await startTestApp();
    for (const list of await variedPortfolio(LISTS, PER_LIST)) {
      const response = await sut.as().post('/imports').attach('file', list.content, list.fileName);
      expect([201, 202]).toContain(response.status);
      let batch = response.body as ImportBatchView;
      for (let i = 0; i < 600 && batch.status === 'processing'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        batch = (await sut.as().get(`/imports/${batch.id}`).expect(200)).body as ImportBatchView;
      }
      expect([list.fileName, batch.status, batch.counts.read]).toEqual([
        list.fileName,
        'completed',
        list.rows,
      ]);
    }
    // One name hit confirmed by compliance: a critical red flag the reports must count like the supplier list.
    const open = (
      (await sut.as('compliance').get('/screening/hits?status=open&limit=500').expect(200)).body as {
        items: Array<{ id: string; kind: string; strength: string }>;
      }
    ).items.filter((hit) => hit.kind === 'name' && hit.strength === 'hit');
    expect(open.length).toBeGreaterThan(0);
    await sut
      .as('compliance')
      .post(`/screening/hits/${open[0].id}/decision`)
      .send({
        decision: 'confirm',
        reason: 'Same facility: the address and the parent company match the listing',
      })
      .expect(200);
    expected = {
      suppliers: await allSuppliers(),
      uploads: ((await sut.as().get('/imports').expect(200)).body as { items: ImportBatchView[] }).items,
    };
  }, 600_000);

  afterAll(async () => {
    jest.restoreAllMocks();
    await sut.close();
  });

  it('builds a portfolio worth checking: thousands of suppliers, many countries, every tier, red flags, more uploads than one page of provenance', () => {
    const { suppliers, uploads } = expected;
    expect(suppliers.length).toBeGreaterThan(2900);
    expect(new Set(suppliers.map((supplier) => supplier.country)).size).toBeGreaterThan(40);
    expect(new Set(suppliers.map((supplier) => supplier.tier))).toEqual(
      new Set(['low', 'medium', 'high', 'critical']),
    );
    expect(suppliers.filter((supplier) => supplier.redFlagCount > 0).length).toBeGreaterThan(20);
    expect(suppliers.filter((supplier) => supplier.screening.status === 'confirmed').length).toBe(1);
    expect(suppliers.filter((supplier) => supplier.screening.status === 'open').length).toBeGreaterThan(0);
    expect(uploads.length).toBe(LISTS);
    // Rare high-risk countries hold a handful of suppliers each.
    const burma = suppliers.filter((supplier) => supplier.country === 'MM');
    expect(burma.length).toBeGreaterThan(0);
    expect(burma.length).toBeLessThan(10);
  });

  it('the portfolio PDF states nothing the API contradicts', async () => {
    const problems = portfolioProblems(await portfolioPdf(), expected);
    expect(problems).toEqual([]);
  }, 120_000);

  it('the xlsx export lists every supplier once, in the work list order, with the figures and uploads of the API', async () => {
    const response = await sut.as().get('/suppliers/export.xlsx').buffer(true).parse(binary).expect(200);
    expect(exportProblems(await readXlsx(response.body as Buffer), expected)).toEqual([]);
  }, 120_000);

  it("supplier reports state each supplier's tier, score, range, red flags, country and work-list reason as the supplier list does", async () => {
    const { suppliers } = expected;
    const sample = [
      ...suppliers.slice(0, 3),
      ...suppliers.filter((supplier) => supplier.redFlagCount > 0).slice(-2),
      ...suppliers.filter((supplier) => supplier.screening.status !== 'clear').slice(0, 2),
      ...suppliers.filter((supplier) => ['MM', 'SY', 'HT'].includes(supplier.country)).slice(0, 3),
      ...suppliers.filter((supplier) => supplier.tier !== null).slice(-2),
    ];
    const problems: string[] = [];
    for (const supplier of new Map(sample.map((entry) => [entry.id, entry])).values()) {
      const response = await sut
        .as()
        .get(`/suppliers/${supplier.id}/report.pdf`)
        .buffer(true)
        .parse(binary)
        .expect(200);
      problems.push(...supplierReportProblems(await extractPdf(response.body as Buffer), supplier));
    }
    expect(problems).toEqual([]);
  }, 120_000);

  describe('catches each defect switched back on in the report generator', () => {
    /** Lets the report model be built as before, then applies the defect to it before rendering. */
    function withModel(defect: (data: PortfolioReportData) => void): void {
      const build = PortfolioAggregator.prototype.build;
      jest.spyOn(PortfolioAggregator.prototype, 'build').mockImplementation(function (
        this: PortfolioAggregator,
        context,
      ) {
        const data = build.call(this, context);
        defect(data);
        return data;
      });
    }

    it('the countries a list by supplier count leaves out (the riskiest ones, with few suppliers)', async () => {
      // As before: only the heat table's 25 countries with the most suppliers were named.
      withModel((data) => {
        data.countriesByRisk = data.countriesByRisk.filter((country) =>
          data.heatTable.countries.slice(0, 25).includes(country.key),
        );
      });
      const problems = portfolioProblems(await portfolioPdf(), expected);
      jest.restoreAllMocks();
      expect(problems).toEqual(
        expect.arrayContaining([
          expect.stringMatching(
            /^countries in the countries-by-risk table: the report says 25, the API gives/,
          ),
          expect.stringMatching(/^countries: \d+ of \d+ countries are not listed with their figures/),
        ]),
      );
    }, 120_000);

    it('a priority list ordered by tier then score instead of the work list', async () => {
      const rank = { low: 0, medium: 1, high: 2, critical: 3 };
      withModel((data) => {
        data.priorityList = [...data.priorityList]
          .sort((a, b) => rank[b.tier] - rank[a.tier] || b.score - a.score || a.name.localeCompare(b.name))
          .map((entry, index) => ({ ...entry, rank: index + 1 }));
      });
      const problems = portfolioProblems(await portfolioPdf(), expected);
      jest.restoreAllMocks();
      expect(problems).toEqual([expect.stringMatching(/^priority list: rank \d+ should be /)]);
    }, 120_000);

    it('provenance cut to the 20 newest uploads without saying so', async () => {
      const provenance = ReportsRepository.prototype.importProvenance;
      jest.spyOn(ReportsRepository.prototype, 'importProvenance').mockImplementation(async function (
        this: ReportsRepository,
      ) {
        return (await provenance.call(this)).slice(0, 20);
      });
      const problems = portfolioProblems(await portfolioPdf(), expected);
      jest.restoreAllMocks();
      expect(problems).toEqual([
        `provenance: says all 20 uploads are shown; it shows 20 of the ${LISTS} GET /imports lists`,
      ]);
    }, 120_000);
  });
});
