import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import type ExcelJS from 'exceljs';
import type { AssessmentUncertainty, OpenQuestion } from '../../src/scoring/domain/assessment-result.js';
import { formatRange } from '../../src/reports/domain/format.js';
import { QUESTIONS_SHOWN } from '../../src/reports/domain/supplier-report.js';
import { extractPdf, searchableText, squash } from '../../src/reports/domain/testing/pdf-text.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { binary } from '../support/binary.js';
import { readXlsx, xlsxBuffer } from '../support/workbooks.js';

const FIXTURES = new URL('../../fixtures/', import.meta.url).pathname;
const NAME_ONLY = 'Syarikat Perabot Johor Sdn Bhd';

describe('reports, the archive and the export', () => {
  let sut: TestApp;
  let vietnamese: { id: string; name: string };
  let nameOnly: { id: string; name: string };

  /** Requests a portfolio report, waits for the background job and returns its text, squashed. */
  async function portfolioText(query = ''): Promise<{ text: string; pageCount: number }> {
    const started = await sut.as().post(`/reports/portfolio${query}`).expect(202);
    let status = started.body;
    for (let i = 0; i < 200 && status.status === 'processing'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = (await sut.as().get(`/reports/${started.body.id}/status`).expect(200)).body;
    }
    expect(status).toMatchObject({ status: 'completed', kind: 'portfolio' });
    const response = await sut.as().get(`/reports/${started.body.id}`).buffer(true).parse(binary).expect(200);
    const pdf = await extractPdf(response.body as Buffer);
    return { text: searchableText(pdf), pageCount: pdf.pageCount };
  }

  /** The part of a squashed text from one heading to the next. */
  function section(text: string, from: string, to: string): string {
    const start = text.indexOf(squash(from));
    expect(start).toBeGreaterThanOrEqual(0);
    const end = text.indexOf(squash(to), start);
    return text.slice(start, end < 0 ? undefined : end);
  }

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
    const nameOnlyFile = await xlsxBuffer([
      ['Supplier name', 'Country'],
      [NAME_ONLY, 'Malaysia'],
    ]);
    await sut.as().post('/imports').attach('file', nameOnlyFile, 'name-only.xlsx').expect(201);
    const found = await sut.as().get('/suppliers?q=S%C3%A0i%20G%C3%B2n').expect(200);
    vietnamese = found.body.items[0];
    nameOnly = (
      await sut
        .as()
        .get(`/suppliers?q=${encodeURIComponent(NAME_ONLY)}`)
        .expect(200)
    ).body.items[0];
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
    // Red-flag questions come first, gathered in one block; the table numbers the others from 1.
    expect(first.couldRaiseRedFlag).toBe(true);
    expect(text).toContain(squash(`Could raise a red flag`));
    expect(text).toContain(squash(first.title));
    const tabled = uncertainty.openQuestions.find((q) => !q.couldRaiseRedFlag);
    expect(text).toContain(squash(`1 ${tabled?.title} ${tabled?.followUp}`));
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
    const { text, pageCount } = await portfolioText('?sector=agriculture');
    const active = (await sut.as().get('/rulesets/active').expect(200)).body;
    expect(text).toContain(active.hash);
    expect(text).toContain(squash('agriculture-suppliers.xlsx'));
    expect(pageCount).toBeLessThanOrEqual(30);
  });

  it('lists the portfolio priority list in the order of GET /suppliers?sort=priority, with its reasons', async () => {
    const list = (await sut.as().get('/suppliers?sort=priority&pageSize=50').expect(200)).body;
    expect(list.total).toBeLessThanOrEqual(50);

    const { text } = await portfolioText();

    const priority = section(
      text,
      `Priority list: the ${list.total} suppliers to act on first`,
      'Red-flagged suppliers (',
    );
    const rows = list.items.map((item: { name: string }, index: number) =>
      priority.indexOf(squash(`${index + 1} ${item.name}`)),
    );
    expect(rows.every((row: number) => row >= 0)).toBe(true);
    expect([...rows].sort((a, b) => a - b)).toEqual(rows);
    const detail = (await sut.as().get(`/suppliers/${nameOnly.id}`).expect(200)).body;
    expect(priority).toContain(squash(`Why here: ${detail.priorityReason}`));
  });

  it("shows a name-only supplier's red-flag questions in one block and the questions that move points in the table", async () => {
    const detail = (await sut.as().get(`/suppliers/${nameOnly.id}`).expect(200)).body;
    const questions = (detail.assessment.uncertainty as AssessmentUncertainty).openQuestions;
    const flagOnly = (q: OpenQuestion): boolean => q.couldRaiseRedFlag && q.best === q.worst;
    const flagTitles = [...new Set(questions.filter((q) => q.couldRaiseRedFlag).map((q) => q.title))];
    const tabled = questions.filter((q) => !flagOnly(q));
    expect(flagTitles.length).toBeGreaterThan(5);
    expect(tabled.length).toBeGreaterThan(0);

    const response = await sut
      .as()
      .get(`/suppliers/${nameOnly.id}/report.pdf`)
      .buffer(true)
      .parse(binary)
      .expect(200);

    const text = searchableText(await extractPdf(response.body as Buffer));
    const asked = section(text, 'Questions to ask next', 'Missing data: follow-up list');
    const block = squash(`Could raise a red flag (${flagTitles.length})`);
    expect(asked.split(block)).toHaveLength(2);
    expect(asked.split(squash('Red flags are never assumed'))).toHaveLength(2);
    const table = asked.slice(asked.indexOf(squash('Other open questions')));
    tabled.slice(0, QUESTIONS_SHOWN).forEach((question, index) => {
      expect(table).toContain(squash(`${index + 1} ${question.title}`));
    });
    for (const title of flagTitles.filter((title) => !tabled.some((q) => q.title === title))) {
      expect(table).not.toContain(squash(title));
    }
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
    expect(lowerOrNull(value('Data confidence'))).toBe(uncertainty.confidenceLevel);
    expect(value('Data confidence %')).toBe(uncertainty.confidence);
    expect(lowerOrNull(value('Could reach'))).toBe(uncertainty.couldReach ?? null);
    expect(value('Priority reason')).toBe(detail.priorityReason);
    expect(value('Open questions')).toBe(uncertainty.openQuestions.length);
    const followUps = String(value('Follow-ups')).split('\n');
    expect(followUps).toEqual([...new Set(uncertainty.openQuestions.map((question) => question.followUp))]);
  });
});
