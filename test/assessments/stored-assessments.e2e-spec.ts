import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { xlsxBuffer } from '../support/workbooks.js';

// Assessments are written in bulk (COPY on PostgreSQL, arrays on the embedded database) and stored compact; what
// comes back over the API must be the evidence exactly as the supplier's data made it, whatever it contains.
describe('stored assessments', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp();
  });

  afterAll(async () => {
    await sut.close();
  });

  it('keep backslashes, quotes, tabs, line breaks and any script in the evidence', async () => {
    const product = 'T-shirts "basic"\tC:\\cut\\sew\nline 2, 纯棉 T恤 ☂';
    const rows = [
      ['Supplier', 'Country', 'Sector', 'Products', '% Migrant workers'],
      ['Công ty May "Sài Gòn" \\ Xưởng 2', 'Malaysia', 'garments', product, '35%'],
    ];
    await sut
      .as()
      .post('/imports')
      .attach('file', await xlsxBuffer(rows), 'list.xlsx')
      .expect(201);
    const list = await sut.as().get('/suppliers').expect(200);
    expect(list.body.items).toHaveLength(1);
    const detail = (await sut.as().get(`/suppliers/${list.body.items[0].id}`).expect(200)).body;
    const evidence: string[] = detail.assessment.contributions.map((c: { evidence: string }) => c.evidence);
    const stored = detail.profile.products as string[];
    expect(stored.join(', ')).toContain('C:\\cut\\sew');
    // The products as the profile keeps them appear, character for character, in some evidence sentence.
    expect(evidence.some((text) => stored.some((p) => p.includes('\\') && text.includes(p)))).toBe(true);
    expect(evidence).toContain('35% of the workers are migrants');
    expect(detail.assessment.missingData.length).toBeGreaterThan(0);
    expect(detail.history).toHaveLength(1);
    expect(detail.history[0].score).toBe(detail.assessment.score);
  });
});
