import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { binary } from '../support/binary.js';
import { answeredRow, disclosedRow, surveyHeader } from '../support/survey-rows.js';
import { readXlsx, xlsxBuffer } from '../support/workbooks.js';

// GET /dashboard/data-gaps adds up the open questions of the current assessments. Every figure is checked against
// the suppliers' own assessments, read one by one from GET /suppliers/:id.

interface Question {
  indicatorId: string;
  couldRaiseRedFlag: boolean;
  settlesTier?: boolean;
  openPoints: number;
}

describe('GET /dashboard/data-gaps', () => {
  let sut: TestApp;
  const assessments = new Map<string, { country: string; questions: Question[] }>();

  beforeAll(async () => {
    sut = await startTestApp();
    const file = await xlsxBuffer([
      surveyHeader(),
      answeredRow([
        'Saigon Circuit Co., Ltd.',
        '5 Tan Thuan EPZ',
        'Viet Nam',
        'Electronics',
        'Printed circuit boards',
        'electronics',
      ]),
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
        '18 Industrial Road, Dongguan, Guangdong',
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
      // Supplier data is user input: the download must never turn it into a formula.
      disclosedRow([
        '=HYPERLINK("http://evil.example","click")',
        '1 Main St, Austin, TX',
        'United States',
        null,
        null,
        null,
      ]),
    ]);
    await sut
      .as()
      .post('/imports')
      .field('list', 'Supplier survey 2026')
      .attach('file', file, 'survey.xlsx')
      .expect(201);
    const list = await sut.as().get('/suppliers?pageSize=100').expect(200);
    for (const item of list.body.items) {
      const detail = (await sut.as().get(`/suppliers/${item.id}`).expect(200)).body;
      assessments.set(item.id, {
        country: item.country,
        questions: detail.assessment.uncertainty.openQuestions,
      });
    }
  });

  afterAll(async () => {
    await sut.close();
  });

  function recount(
    countries?: string[],
  ): Map<string, { suppliers: number; settles: number; flags: number; points: number }> {
    const tally = new Map<string, { suppliers: number; settles: number; flags: number; points: number }>();
    for (const { country, questions } of assessments.values()) {
      if (countries && !countries.includes(country)) {
        continue;
      }
      for (const q of questions) {
        const t = tally.get(q.indicatorId) ?? { suppliers: 0, settles: 0, flags: 0, points: 0 };
        t.suppliers += 1;
        t.settles += q.settlesTier ? 1 : 0;
        t.flags += q.couldRaiseRedFlag ? 1 : 0;
        t.points += q.openPoints;
        tally.set(q.indicatorId, t);
      }
    }
    return tally;
  }

  it('counts, for each open question, the suppliers it is open for, whose tier it settles and where it could raise a red flag', async () => {
    const response = await sut.as('procurement').get('/dashboard/data-gaps').expect(200);
    const gaps = response.body;
    expect(gaps.suppliers).toBe(6);
    expect(gaps.withRange).toBe(6);
    const expected = recount();
    expect(gaps.questions.map((q: { indicatorId: string }) => q.indicatorId).sort()).toEqual(
      [...expected.keys()].sort(),
    );
    for (const question of gaps.questions) {
      const t = expected.get(question.indicatorId)!;
      expect([
        question.indicatorId,
        question.suppliers,
        question.settlesTier,
        question.couldRaiseRedFlag,
      ]).toEqual([question.indicatorId, t.suppliers, t.settles, t.flags]);
      expect(question.openPoints).toBeCloseTo(t.points, 2);
      expect(question.title).not.toBe('');
      expect(question.summary).toContain(`Open for ${t.suppliers} supplier`);
    }
    // The surveyed electronics maker's one open question decides its tier: it comes first.
    expect(gaps.questions[0]).toMatchObject({ indicatorId: 'recruitment.fees-paid-by-workers' });
    expect(gaps.questions[0].settlesTier).toBeGreaterThan(0);
    expect(gaps.questions[0].summary).toMatch(/answering it settles the tier of \d+ supplier/);
    // Ordered: most tiers settled, then red-flag questions, then points.
    const keys = gaps.questions.map((q: any) => [q.settlesTier, q.couldRaiseRedFlag, q.openPoints]);
    const sorted = [...keys].sort((a, b) => b[0] - a[0] || b[1] - a[1] || b[2] - a[2]);
    expect(keys).toEqual(sorted);
  });

  it('counts the suppliers whose range already lies in one tier', async () => {
    const gaps = (await sut.as('auditor').get('/dashboard/data-gaps').expect(200)).body;
    const active = (await sut.as().get('/rulesets/active').expect(200)).body;
    const tierOf = (score: number): number =>
      [active.thresholds.medium, active.thresholds.high, active.thresholds.critical].filter((t) => score >= t)
        .length;
    let settled = 0;
    const list = await sut.as().get('/suppliers?pageSize=100').expect(200);
    for (const item of list.body.items) {
      const { range } = (await sut.as().get(`/suppliers/${item.id}`).expect(200)).body.assessment.uncertainty;
      settled += tierOf(range.low) === tierOf(range.high) ? 1 : 0;
    }
    expect(gaps.settled).toBe(settled);
    expect(gaps.ruleSetHash).toBe(active.hash);
  });

  it('takes the supplier list filters', async () => {
    const gaps = (await sut.as().get('/dashboard/data-gaps?country=CN,BD').expect(200)).body;
    expect(gaps.suppliers).toBe(2);
    const expected = recount(['CN', 'BD']);
    expect(Object.fromEntries(gaps.questions.map((q: any) => [q.indicatorId, q.suppliers]))).toEqual(
      Object.fromEntries([...expected].map(([id, t]) => [id, t.suppliers])),
    );
    const bad = await sut.as().get('/dashboard/data-gaps?tier=urgent').expect(400);
    expect(bad.body.message).toMatch(/tier must be one of/);
  });

  it('downloads who to ask one question, in the order to ask them', async () => {
    const question = 'recruitment.fees-paid-by-workers';
    const response = await sut
      .as('procurement')
      .get(`/dashboard/data-gaps/export.xlsx?question=${question}`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(response.headers['content-disposition']).toContain(`vigil-who-to-ask-${question}.xlsx`);
    const sheet = (await readXlsx(response.body as Buffer)).getWorksheet('Who to ask')!;
    const headers: string[] = [];
    sheet.getRow(1).eachCell((cell) => headers.push(cell.text));
    // The supplier's columns are headed as the supplier export heads them.
    expect(headers.slice(0, 6)).toEqual([
      'Supplier ID',
      'Supplier name',
      'Address',
      'City',
      'Country',
      'Sector',
    ]);
    const column = (header: string): number => headers.indexOf(header) + 1;
    const rows: { id: string; name: unknown; settles: string; ask: string }[] = [];
    sheet.eachRow((row, number) => {
      if (number > 1) {
        rows.push({
          id: row.getCell(column('Vigil supplier id')).text,
          name: row.getCell(column('Supplier name')).value,
          settles: row.getCell(column('Answer settles the tier')).text,
          ask: row.getCell(column('What to ask')).text,
        });
      }
      row.eachCell((cell) => expect(cell.formula).toBeFalsy());
    });
    // Exactly the suppliers whose own assessment has the question open, those it settles first.
    const open = [...assessments].filter(([, a]) => a.questions.some((q) => q.indicatorId === question));
    expect(rows.map((row) => row.id).sort()).toEqual(open.map(([id]) => id).sort());
    const settling = open.filter(([, a]) => a.questions.find((q) => q.indicatorId === question)!.settlesTier);
    expect(settling.length).toBeGreaterThan(0);
    expect(rows.map((row) => row.settles)).toEqual(
      open.map((_, index) => (index < settling.length ? 'yes' : 'no')),
    );
    expect(rows[0].ask).toMatch(/recruitment fees/i);
    // The formula-like name arrives as text, not as a formula.
    expect(rows.map((row) => row.name)).toContain('=HYPERLINK("http://evil.example","click")');
  });

  it('refuses an unknown or missing question with the way to find one', async () => {
    const unknown = await sut
      .as()
      .get('/dashboard/data-gaps/export.xlsx?question=recruitment.fees')
      .expect(400);
    expect(unknown.body).toMatchObject({ code: 'UNKNOWN_QUESTION' });
    expect(unknown.body.message).toContain('GET /dashboard/data-gaps');
    const missing = await sut.as().get('/dashboard/data-gaps/export.xlsx').expect(400);
    expect(missing.body.message).toMatch(/question must be the indicatorId/);
  });
});
