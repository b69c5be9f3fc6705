import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import type ExcelJS from 'exceljs';
import type { AssessmentUncertainty } from '../../src/scoring/domain/assessment-result.js';
import { formatRange } from '../../src/reports/domain/format.js';
import { extractPdf, searchableText, squash } from '../../src/reports/domain/testing/pdf-text.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { binary } from '../support/binary.js';
import { readXlsx, xlsxBuffer } from '../support/workbooks.js';

const FIXTURES = new URL('../../fixtures/', import.meta.url).pathname;

describe('reports, the archive and the export', () => {
  let sut: TestApp;
  let vietnamese: { id: string; name: string };

  beforeAll(async () => {
    sut = await startTestApp();
    await sut
      .as()
      .post('/imports')
      .attach('file', readFileSync(`${FIXTURES}agriculture-suppliers.xlsx`), 'agriculture-suppliers.xlsx')
      .expect(201);
    const extra = await xlsxBuffer([
      ['Supplier name', 'Country', 'Sector', 'Products', 'Passports retained'],
      ['Công ty TNHH May Mặc Sài Gòn', 'Viet Nam', 'garments', 'Garments', 'yes'],
      ['深圳华强电子有限公司', 'China', 'electronics', 'Electronics', 'no'],
      ['=HYPERLINK("http://evil.example","click")', 'India', 'garments', 'Garments', 'no'],
    ]);
    await sut.as().post('/imports').attach('file', extra, 'extra.xlsx').expect(201);
    const found = await sut.as().get('/suppliers?q=S%C3%A0i%20G%C3%B2n').expect(200);
    vietnamese = found.body.items[0];
  });

  afterAll(async () => {
    await sut.close();
  });

  it('generates a supplier report that states the name, score, tier, every contribution and the rule-set hash', async () => {
    const detail = (await sut.as().get(`/suppliers/${vietnamese.id}`).expect(200)).body;
    const response = await sut
      .as('procurement')
      .get(`/suppliers/${vietnamese.id}/report.pdf`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const pdf = await extractPdf(response.body as Buffer);
    const text = searchableText(pdf);
    expect(text).toContain(squash('Công ty TNHH May Mặc Sài Gòn'));
    expect(text).toContain(squash(`${detail.assessment.score} / 100`));
    expect(text).toContain(detail.assessment.tier.toUpperCase());
    expect(text).toContain(detail.assessment.ruleSetHash);
    for (const contribution of detail.assessment.contributions) {
      expect(text).toContain(squash(contribution.evidence));
    }
    for (const flag of detail.assessment.redFlags) {
      expect(text).toContain(squash(flag.evidence));
    }
    expect(pdf.pageCount).toBeLessThanOrEqual(12);
    expect(String(pdf.info.Keywords)).toContain(`vigil-report-id:${response.headers['x-report-id']}`);
  });

  it('shows the range, the data confidence and the questions to ask next that GET /suppliers/:id gives', async () => {
    const detail = (await sut.as().get(`/suppliers/${vietnamese.id}`).expect(200)).body;
    const uncertainty = detail.assessment.uncertainty as AssessmentUncertainty;
    // The import gave only name, country, sector and products: most of what the rules weigh is open.
    expect(uncertainty.openQuestions.length).toBeGreaterThan(0);
    const [first] = uncertainty.openQuestions;

    const response = await sut
      .as('procurement')
      .get(`/suppliers/${vietnamese.id}/report.pdf`)
      .buffer(true)
      .parse(binary)
      .expect(200);

    const text = searchableText(await extractPdf(response.body as Buffer));
    const lower = text.toLowerCase();
    expect(text).toContain(
      squash(`RANGE ONCE THE OPEN QUESTIONS ARE ANSWERED ${formatRange(uncertainty.range)}`),
    );
    expect(lower).toContain(
      squash(
        `DATA CONFIDENCE ${uncertainty.confidenceLevel}, ${Math.round(uncertainty.confidence * 100)}%`,
      ).toLowerCase(),
    );
    if (uncertainty.couldReach) {
      expect(lower).toContain(squash(`could reach ${uncertainty.couldReach}`));
    }
    expect(text).toContain(squash(`Work-list priority: ${detail.priorityReason}.`));
    expect(text).toContain(squash(`Questions to ask next`));
    expect(text).toContain(squash(`1 ${first.title}`));
    expect(text).toContain(squash(first.followUp));
  });

  it('renders a Chinese supplier name', async () => {
    const found = await sut.as().get('/suppliers?country=CN&q=%E5%8D%8E%E5%BC%BA').expect(200);
    const response = await sut
      .as()
      .get(`/suppliers/${found.body.items[0].id}/report.pdf`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(searchableText(await extractPdf(response.body as Buffer))).toContain(
      squash('深圳华强电子有限公司'),
    );
  });

  it('archives each report, downloads the same bytes again, and verifies a copy to the byte', async () => {
    const generated = await sut
      .as()
      .get(`/suppliers/${vietnamese.id}/report.pdf`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const id = generated.headers['x-report-id'];
    const archive = await sut.as('auditor').get('/reports').expect(200);
    expect(archive.body.items.map((r: { id: string }) => r.id)).toContain(id);
    const again = await sut.as('auditor').get(`/reports/${id}`).buffer(true).parse(binary).expect(200);
    expect(Buffer.compare(again.body as Buffer, generated.body as Buffer)).toBe(0);

    const verified = await sut
      .as('auditor')
      .post('/reports/verify')
      .attach('file', generated.body as Buffer, 'copy.pdf')
      .expect(200);
    expect(verified.body).toMatchObject({ match: true, report: { id } });

    const tampered = Buffer.from(generated.body as Buffer);
    tampered[Math.floor(tampered.length / 2)] ^= 0x01;
    const rejected = await sut
      .as('auditor')
      .post('/reports/verify')
      .attach('file', tampered, 'copy.pdf')
      .expect(200);
    expect(rejected.body).toMatchObject({ match: false, report: null });
  });

  it('generates a portfolio report in the background with progress, then serves it from the archive', async () => {
    const started = await sut.as().post('/reports/portfolio?sector=agriculture').expect(202);
    let status = started.body;
    for (let i = 0; i < 200 && status.status === 'processing'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = (await sut.as().get(`/reports/${started.body.id}/status`).expect(200)).body;
    }
    expect(status).toMatchObject({ status: 'completed', kind: 'portfolio' });
    const response = await sut.as().get(`/reports/${started.body.id}`).buffer(true).parse(binary).expect(200);
    const pdf = await extractPdf(response.body as Buffer);
    const text = searchableText(pdf);
    const active = (await sut.as().get('/rulesets/active').expect(200)).body;
    expect(text).toContain(active.hash);
    expect(text).toContain(squash('agriculture-suppliers.xlsx'));
    expect(pdf.pageCount).toBeLessThanOrEqual(30);
  });

  it('exports suppliers as xlsx with formula-looking values kept as text', async () => {
    const response = await sut
      .as('procurement')
      .get('/suppliers/export.xlsx')
      .buffer(true)
      .parse(binary)
      .expect(200);
    const workbook = await readXlsx(response.body as Buffer);
    const sheet = workbook.worksheets[0];
    const values: unknown[] = [];
    sheet?.eachRow((row) => row.eachCell((cell) => values.push(cell.value)));
    expect(values).toContain('=HYPERLINK("http://evil.example","click")');
    sheet?.eachRow((row) => row.eachCell((cell) => expect(cell.formula).toBeFalsy()));
    const total = (await sut.as().get('/suppliers?pageSize=1').expect(200)).body.total;
    expect(sheet?.rowCount).toBeGreaterThanOrEqual(total + 1);
  });

  it("exports each supplier's range, confidence, priority reason and open questions as its detail gives them", async () => {
    const detail = (await sut.as().get(`/suppliers/${vietnamese.id}`).expect(200)).body;
    const uncertainty = detail.assessment.uncertainty as AssessmentUncertainty;

    const response = await sut
      .as('procurement')
      .get('/suppliers/export.xlsx')
      .buffer(true)
      .parse(binary)
      .expect(200);

    const sheet = (await readXlsx(response.body as Buffer)).worksheets[0];
    const headers = new Map<string, number>();
    sheet.getRow(1).eachCell((cell, column) => headers.set(cell.text, column));
    const columnOf = (header: string): number => {
      expect(headers.has(header)).toBe(true);
      return headers.get(header) ?? 0;
    };
    let row: ExcelJS.Row | undefined;
    sheet.eachRow((candidate) => {
      if (candidate.getCell(columnOf('Vigil supplier id')).value === vietnamese.id) {
        row = candidate;
      }
    });
    expect(row).toBeDefined();
    const value = (header: string): unknown => row?.getCell(columnOf(header)).value;
    const lowerOrNull = (cell: unknown) => (typeof cell === 'string' ? cell.toLowerCase() : cell);
    expect(value('Range low')).toBe(uncertainty.range.low);
    expect(value('Range high')).toBe(uncertainty.range.high);
    expect(lowerOrNull(value('Confidence'))).toBe(uncertainty.confidenceLevel);
    expect(value('Confidence %')).toBe(uncertainty.confidence);
    expect(lowerOrNull(value('Could reach'))).toBe(uncertainty.couldReach ?? null);
    expect(value('Priority reason')).toBe(detail.priorityReason);
    const followUps = String(value('Open questions')).split('\n');
    expect(followUps).toEqual([...new Set(uncertainty.openQuestions.map((question) => question.followUp))]);
  });
});
