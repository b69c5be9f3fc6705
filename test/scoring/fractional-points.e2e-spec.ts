import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { xlsxBuffer } from '../support/workbooks.js';

// Rules may give points with two decimals; scores with a fraction must be stored, listed and re-scored like any other.
describe('rules with fractional points', () => {
  let sut: TestApp;
  let rulesDir: string;

  beforeAll(async () => {
    rulesDir = await mkdtemp(join(tmpdir(), 'vigil-rules-'));
    await cp(new URL('../../rules/', import.meta.url).pathname, rulesDir, { recursive: true });
    const country = join(rulesDir, 'indicators/country.yaml');
    const yaml = await readFile(country, 'utf8');
    expect(yaml).toContain('{ value: Tier 2, points: 4 }');
    await writeFile(country, yaml.replace('{ value: Tier 2, points: 4 }', '{ value: Tier 2, points: 4.25 }'));
    sut = await startTestApp({ RULES_DIR: rulesDir });
  });

  afterAll(async () => {
    await sut.close();
    await rm(rulesDir, { recursive: true, force: true });
  });

  it('imports, lists and explains a supplier whose score has a fraction', async () => {
    const rows = [
      ['Supplier', 'Country', 'Sector', 'Products'],
      ['Penang Electronics', 'Malaysia', 'electronics', 'printed circuit boards'],
      ['Lyon Services', 'France', 'services', 'consulting'],
    ];
    const upload = await sut
      .as()
      .post('/imports')
      .attach('file', await xlsxBuffer(rows), 'list.xlsx')
      .expect(201);
    expect(upload.body.counts).toMatchObject({ imported: 2, rejected: 0 });

    const list = await sut.as().get('/suppliers?sort=score').expect(200);
    const penang = list.body.items.find((s: { name: string }) => s.name === 'Penang Electronics');
    expect(penang.score % 1).toBeCloseTo(0.25, 5);
    const detail = await sut.as().get(`/suppliers/${penang.id}`).expect(200);
    expect(detail.body.assessment.score).toBe(penang.score);
    expect(detail.body.history[0].score).toBe(penang.score);
    const tip = detail.body.assessment.contributions.find(
      (c: { indicatorId: string }) => c.indicatorId === 'country.us-tip-tier',
    );
    expect(tip.points).toBe(4.25);
  });
});
