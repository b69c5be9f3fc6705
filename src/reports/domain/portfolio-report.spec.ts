import { describe, expect, it } from '@jest/globals';
import { LIST_TITLES } from '../../scoring/domain/screening-findings.js';
import { countryName } from './format.js';
import { countriesByRisk, PRIORITY_ORDER } from './portfolio-aggregator.js';
import { renderPortfolioReport } from './portfolio-report.js';
import type { RenderProgress } from './report-models.js';
import {
  makePortfolioReportData,
  RULE_SET_HASH,
  SCREENING_EDITIONS,
  SUPPLIER_NAMES,
} from './testing/report-factories.js';
import { extractPdf, searchableText, squash } from './testing/pdf-text.js';

describe(renderPortfolioReport.name, () => {
  it('keeps a 500-supplier portfolio within a bounded number of pages, numbered "x of y"', async () => {
    const pdf = await extractPdf(await renderPortfolioReport(makePortfolioReportData(500)));

    expect(pdf.pageCount).toBeGreaterThanOrEqual(6);
    expect(pdf.pageCount).toBeLessThanOrEqual(20);
    pdf.pages.forEach((page, index) => expect(page).toContain(`Page ${index + 1} of ${pdf.pageCount}`));
  });

  it('sets each page number upright at the right end of the footer line, level with the footer text', async () => {
    const pdf = await extractPdf(await renderPortfolioReport(makePortfolioReportData(300)));

    pdf.placedItems.forEach((items, index) => {
      const label = items.find((item) => item.text === `Page ${index + 1} of ${pdf.pageCount}`);
      const footer = items.find((item) => item.text.startsWith('Report ') && item.text.includes('generated'));
      expect(label).toBeDefined();
      expect(footer).toBeDefined();
      expect(label?.upright).toBe(true);
      expect(label?.y).toBeCloseTo(footer?.y ?? -1, 1);
      expect(label?.y).toBeLessThan(50);
      // Right-aligned on the right margin (A4 is 595.28 wide, margins 50).
      expect((label?.x ?? 0) + (label?.width ?? 0)).toBeCloseTo(545.28, 0);
    });
  });

  it('prints the executive summary, scope, rule-set hash and reference editions', async () => {
    const data = makePortfolioReportData(200);

    const text = searchableText(await extractPdf(await renderPortfolioReport(data)));

    expect(text).toContain(squash('Executive summary'));
    expect(text).toContain(squash(`${data.totals.assessed} assessed of ${data.totals.suppliers} in scope`));
    expect(text).toContain(squash('Sector: all'));
    expect(text).toContain(RULE_SET_HASH);
    expect(text).toContain(squash('Trafficking in Persons Report 2024'));
    expect(text).toContain(squash(`Critical: ${data.tierCounts.critical}`));
  });

  it('lists the top 50 priority suppliers with their drivers and every red-flagged supplier, in every script', async () => {
    const data = makePortfolioReportData(500);

    const text = searchableText(await extractPdf(await renderPortfolioReport(data)));

    expect(data.priorityList).toHaveLength(50);
    for (const supplier of data.priorityList) {
      expect(text).toContain(squash(supplier.name));
    }
    expect(text).toContain(squash('Recruitment fees paid by workers (+10)'));
    expect(data.redFlagged.length).toBeGreaterThan(50);
    for (const supplier of data.redFlagged) {
      expect(text).toContain(squash(`${supplier.name}${supplier.externalRef}`));
    }
    for (const name of Object.values(SUPPLIER_NAMES)) {
      expect(text).toContain(squash(name));
    }
  });

  it('states the work-list order above the priority list and says why each supplier is where it is', async () => {
    const data = makePortfolioReportData(120);

    const text = searchableText(await extractPdf(await renderPortfolioReport(data)));

    const start = text.indexOf(squash(PRIORITY_ORDER));
    expect(start).toBeGreaterThan(text.indexOf(squash('Priority list: the 50 suppliers to act on first')));
    let at = start;
    for (const supplier of data.priorityList) {
      const next = text.indexOf(squash(`${supplier.rank} ${supplier.name}`), at);
      expect(next).toBeGreaterThan(at);
      expect(text.indexOf(squash(`Why here: ${supplier.reason}`), next)).toBeGreaterThan(next);
      at = next;
    }
  });

  it('prints the heat table countries and the import provenance with file hash and row counts', async () => {
    const data = makePortfolioReportData(120);

    const text = searchableText(await extractPdf(await renderPortfolioReport(data)));

    expect(text).toContain(squash('Country and sector heat table'));
    expect(text).toContain(squash('Côte d’Ivoire'));
    const upload = data.dataQuality.imports[0];
    expect(text).toContain(squash(upload.fileName));
    expect(text).toContain(upload.sha256);
    expect(text).toContain(
      squash(
        `${upload.rowsRead} ${upload.rowsImported} ${upload.rowsDuplicate} ${upload.rowsRejected} ${upload.rowsBlank}`,
      ),
    );
    expect(text).toContain(squash('All 1 upload Vigil has imported, newest first'));
  });

  it('says which lists are cut and where the rest is: the missing fields and the suppliers after the first 50', async () => {
    const data = makePortfolioReportData(120);
    data.dataQuality.missingFieldCount = 14;

    const text = searchableText(await extractPdf(await renderPortfolioReport(data)));

    expect(text).toContain(
      squash('The 3 fields missing for the most suppliers, of 14 fields missing for at least one'),
    );
    expect(text).toContain(squash('The other 70 suppliers assessed follow in the same order'));
  });

  it('prints the 20 newest uploads of 47 and says that the rest are in the export', async () => {
    const data = makePortfolioReportData(40);
    const [upload] = data.dataQuality.imports;
    data.dataQuality.imports = Array.from({ length: 47 }, (_, index) => ({
      ...upload,
      fileName: `list-${String(index + 1).padStart(2, '0')}.csv`,
      sha256: index.toString(16).padStart(64, 'a'),
    }));

    const text = searchableText(await extractPdf(await renderPortfolioReport(data)));

    expect(text).toContain(
      squash(
        "The 20 newest of 47 uploads Vigil has imported (all 47 are in the xlsx export's Uploads sheet)",
      ),
    );
    expect(text).toContain(squash('list-20.csv'));
    expect(text).not.toContain(squash('list-21.csv'));
  });

  it('lists every country riskiest first, a country of one high-scoring supplier before the large ones', async () => {
    const data = makePortfolioReportData(120);
    const burma = {
      key: 'MM',
      count: 1,
      tierCounts: { low: 0, medium: 0, high: 0, critical: 1 },
      averageScore: 96,
      maxScore: 96,
    };
    data.byCountry = [...data.byCountry, burma];
    data.countriesByRisk = countriesByRisk(data.byCountry);

    const text = searchableText(await extractPdf(await renderPortfolioReport(data)));

    const table = text.slice(text.indexOf(squash('Countries by risk')));
    expect(table).toContain(squash(`All ${data.byCountry.length} countries of the suppliers assessed`));
    for (const country of data.byCountry) {
      expect(table).toContain(squash(countryName(country.key)));
    }
    // Myanmar's 96 comes after the countries whose highest score is above it, before the others.
    const above = data.byCountry.filter((country) => country.maxScore > 96).map((c) => countryName(c.key));
    const below = data.byCountry.filter((country) => country.maxScore < 96).map((c) => countryName(c.key));
    const at = table.indexOf(squash('Myanmar 1 96 96'));
    expect(at).toBeGreaterThan(0);
    for (const name of above) {
      expect(table.indexOf(squash(name))).toBeLessThan(at);
    }
    for (const name of below) {
      expect(table.indexOf(squash(name))).toBeGreaterThan(at);
    }
  });

  it('counts the hits awaiting review, confirmed and dismissed, and lists the editions screened against with their coverage', async () => {
    const data = makePortfolioReportData(200, {
      screening: {
        editions: SCREENING_EDITIONS,
        lastRun: {
          reason: 'edition',
          status: 'completed',
          startedAt: '2025-01-19T07:30:00.000Z',
          finishedAt: '2025-01-19T07:31:12.000Z',
        },
        open: { hits: 3, potential: 14, suppliers: 12 },
        confirmed: { hits: 1, suppliers: 1 },
        dismissed: 6,
      },
    });

    const text = searchableText(await extractPdf(await renderPortfolioReport(data)));

    const start = text.indexOf(squash('Screening against enforcement lists'));
    expect(start).toBeGreaterThan(text.indexOf(squash('Red-flagged suppliers (')));
    const section = text.slice(start, text.indexOf(squash('Data quality'), start));
    expect(section).toContain(
      squash('Awaiting review 3 hits and 14 potential hits, at 12 suppliers: ask them first'),
    );
    expect(section).toContain(squash('Confirmed 1 hit, at 1 supplier: each a critical red flag'));
    expect(section).toContain(squash("Dismissed 6 hits, each with its reason in the supplier's report"));
    expect(section).toContain(
      squash(
        'Latest screening The screening of the whole portfolio when a list edition was loaded, started ' +
          '2025-01-19 07:30 UTC, completed 2025-01-19 07:31 UTC',
      ),
    );
    for (const edition of SCREENING_EDITIONS) {
      expect(section).toContain(
        squash(`${LIST_TITLES[edition.list]} Edition as of ${edition.asOf}`) +
          squash(`${edition.rowCount} rows · sha256 ${edition.sha256.slice(0, 12)} ${edition.source}`),
      );
      expect(section).toContain(squash(edition.coverage ?? ''));
    }
    expect(text).toContain(
      squash(
        'Against the US forced-labour enforcement lists, 1 hit is confirmed (1 supplier) and 17 hits await ' +
          'review (12 suppliers).',
      ),
    );
  });

  it('reports progress section by section and finishes at the total', async () => {
    const progress: RenderProgress[] = [];

    await renderPortfolioReport(makePortfolioReportData(30), (step) => progress.push(step));

    expect(progress.length).toBeGreaterThan(5);
    progress.forEach((step, index) => {
      expect(step.completed).toBe(index + 1);
      expect(step.total).toBe(progress.length);
    });
    expect(progress.at(-1)).toMatchObject({ phase: 'finished' });
  });

  it('renders an empty portfolio with explanations instead of empty tables', async () => {
    const data = makePortfolioReportData(0, { filters: [{ label: 'Country', value: 'Myanmar (MM)' }] });

    const pdf = await extractPdf(await renderPortfolioReport(data));

    const text = searchableText(pdf);
    expect(pdf.pageCount).toBeLessThanOrEqual(6);
    expect(text).toContain(squash('No supplier in scope has been assessed.'));
    expect(text).toContain(squash('No supplier in scope has a red flag.'));
    expect(text).toContain(squash('Country: Myanmar (MM)'));
  });

  it('carries the report id and rule-set hash in the metadata and gives the same bytes for the same data', async () => {
    const first = await renderPortfolioReport(makePortfolioReportData(60));
    const second = await renderPortfolioReport(makePortfolioReportData(60));

    const pdf = await extractPdf(first);
    expect(second.equals(first)).toBe(true);
    expect(pdf.info.Keywords).toBe(`vigil-report-id:RPT-2025-PF-0007 rule-set-hash:${RULE_SET_HASH}`);
  });

  describe('data confidence', () => {
    it('prints suppliers per confidence level, who could reach a higher tier and the most open questions', async () => {
      const data = makePortfolioReportData(200);
      const confidence = data.dataConfidence;
      const share = (count: number) => `${Math.round((count / confidence.withRange) * 100)}%`;
      const reach =
        confidence.couldReach.medium + confidence.couldReach.high + confidence.couldReach.critical;

      const text = searchableText(await extractPdf(await renderPortfolioReport(data)));

      expect(text).toContain(
        squash(
          `High ${confidence.byLevel.high} (${share(confidence.byLevel.high)}) ` +
            `Medium ${confidence.byLevel.medium} (${share(confidence.byLevel.medium)}) ` +
            `Low ${confidence.byLevel.low} (${share(confidence.byLevel.low)})`,
        ),
      );
      expect(text).toContain(
        squash(`${reach} of ${confidence.withRange} suppliers (${share(reach)}) could reach`),
      );
      expect(text).toContain(
        squash(
          `Could reach Critical ${confidence.couldReach.critical} Could reach High ${confidence.couldReach.high} ` +
            `Could reach Medium ${confidence.couldReach.medium}`,
        ),
      );
      expect(text).toContain(
        squash(
          `The ${confidence.mostOpenQuestions.length} questions open for the most suppliers, of ` +
            `${confidence.distinctQuestions} questions open for at least one.`,
        ),
      );
      for (const question of confidence.mostOpenQuestions) {
        expect(text).toContain(
          squash(
            `${question.title} ${question.suppliers} ${share(question.suppliers)} ${question.couldRaiseRedFlag}`,
          ),
        );
      }
      expect(text).toContain(
        squash(`${reach} of the ${confidence.withRange} suppliers with a range could reach`),
      );
      expect(text).not.toContain(squash('Missing values are charged as risk'));
    });

    it('says ranges were not computed when every assessment predates them, and keeps the old wording', async () => {
      const base = makePortfolioReportData(40);
      const data = makePortfolioReportData(40, {
        dataConfidence: {
          withRange: 0,
          withoutRange: base.totals.assessed,
          byLevel: { low: 0, medium: 0, high: 0 },
          couldReach: { low: 0, medium: 0, high: 0, critical: 0 },
          distinctQuestions: 0,
          mostOpenQuestions: [],
        },
      });

      const text = searchableText(await extractPdf(await renderPortfolioReport(data)));

      expect(text).toContain(
        squash(
          'Ranges and data confidence were not computed for these assessments: they were made before ranges existed.',
        ),
      );
      expect(text).toContain(squash('Missing values are charged as risk, so better data can lower scores.'));
      for (const absent of ['Suppliers per confidence level', 'could reach', 'with a range']) {
        expect(text).not.toContain(squash(absent));
      }
    });

    it('counts only the assessments with a range and says how many older ones are left out', async () => {
      const base = makePortfolioReportData(50);
      const data = makePortfolioReportData(50, {
        dataConfidence: { ...base.dataConfidence, withRange: 45, withoutRange: 5 },
      });

      const text = searchableText(await extractPdf(await renderPortfolioReport(data)));

      expect(text).toContain(
        squash(
          'The figures below cover the 45 suppliers whose assessment has a range; 5 assessed before ranges',
        ),
      );
      expect(text).toContain(
        squash('The 5 assessments made before ranges existed charged missing values as risk'),
      );
    });
  });
});
