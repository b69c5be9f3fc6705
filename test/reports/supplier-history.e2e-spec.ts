import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { extractPdf, searchableText, squash } from '../../src/reports/domain/testing/pdf-text.js';
import { binary } from '../support/binary.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// The supplier report's history, as the API builds it from the assessments and what made each one.
describe("the supplier report's assessment history", () => {
  let sut: TestApp;
  let supplierId: string;
  const csv = Buffer.from(
    'Supplier name,Country,Sector,Products\nRangoon Knitwear Ltd,Myanmar,garments,Garments\n',
  );

  beforeAll(async () => {
    sut = await startTestApp();
    await sut.as().post('/imports').attach('file', csv, 'first-upload.csv').expect(201);
    await sut.as().post('/imports').attach('file', csv, 'second-upload.csv').expect(201);
    supplierId = (await sut.as().get('/suppliers?q=Rangoon').expect(200)).body.items[0].id;
  });

  afterAll(async () => {
    await sut.close();
  });

  it('prints unchanged re-uploads as one line naming each upload', async () => {
    const detail = (await sut.as().get(`/suppliers/${supplierId}`).expect(200)).body;
    expect(detail.history).toHaveLength(2);
    expect(new Set(detail.history.map((entry: { score: number }) => entry.score)).size).toBe(1);

    const response = await sut
      .as()
      .get(`/suppliers/${supplierId}/report.pdf`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const text = searchableText(await extractPdf(response.body as Buffer));

    const history = text.slice(text.indexOf(squash('Assessed Score Tier What made it Rule-set hash')));
    expect(history).toContain(
      squash('Unchanged across 2 assessments: upload of first-upload.csv, upload of second-upload.csv'),
    );
    expect(history).toContain(squash(`${detail.score} ${detail.tier.toUpperCase()}`));
    expect(history.split(squash(`${detail.score} ${detail.tier.toUpperCase()}`))).toHaveLength(2);
    // Vigil's name for the country, wherever the report names it.
    expect(text).toContain(squash('Myanmar (MM)'));
    expect(text).toContain(squash('Myanmar (listed as "Burma")'));
    expect(text).not.toMatch(/Burma(?!")/);
  });
});
