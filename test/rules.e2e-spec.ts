import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, type TestApp } from './support/test-app.js';
import { xlsxBuffer } from './support/workbooks.js';

const RULES = new URL('../rules/', import.meta.url).pathname;

describe('rule sets over HTTP', () => {
  let sut: TestApp;
  let rulesDir: string;
  let rulesetYaml: string;
  let firstAssessment: { supplierId: string; assessment: unknown } | undefined;

  beforeAll(async () => {
    rulesDir = await mkdtemp(join(tmpdir(), 'vigil-rules-'));
    await cp(RULES, rulesDir, { recursive: true });
    rulesetYaml = await readFile(join(rulesDir, 'ruleset.yaml'), 'utf8');
    sut = await startTestApp({ RULES_DIR: rulesDir });
    const rows = [
      ['Supplier', 'Country', 'Sector', '% Migrant workers', 'Recruitment fees paid by workers'],
      ['Bangkok Seafood Packing', 'Thailand', 'seafood', '60%', 'yes'],
      ['Lyon Services', 'France', 'services', '0%', 'no'],
      ['Accra Cocoa Traders', 'Ghana', 'cocoa', '', ''],
    ];
    await sut
      .as()
      .post('/imports')
      .attach('file', await xlsxBuffer(rows), 'list.xlsx')
      .expect(201);
  });

  afterAll(async () => {
    await sut.close();
    await rm(rulesDir, { recursive: true, force: true });
  });

  it('shows the active rule set with its indicators, thresholds and sources', async () => {
    const response = await sut.as().get('/rulesets/active').expect(200);
    expect(response.body.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(response.body.thresholds).toEqual({ medium: 20, high: 40, critical: 70 });
    expect(response.body.indicators.length).toBeGreaterThan(10);
    expect(response.body.sources.map((s: { publisher: string }) => s.publisher).join()).toMatch(/Labor/);
    const [stored] = await sut.dataSource.query('SELECT hash FROM rule_sets');
    expect(stored.hash).toBe(response.body.hash);
  });

  it('offers the active YAML files to start a draft from', async () => {
    const files = await sut.as('procurement').get('/rulesets/active/files').expect(200);
    const ruleset = files.body.find((f: { path: string }) => f.path === 'ruleset.yaml');
    expect(ruleset.content).toBe(rulesetYaml);
    expect(files.body.every((f: { path: string }) => /\.ya?ml$/.test(f.path))).toBe(true);
  });

  it('rejects a draft with an unknown key, naming the file and the field', async () => {
    const broken = rulesetYaml.replace('thresholds:', 'treshold:');
    const response = await sut
      .as()
      .post('/rulesets/validate')
      .send({ files: [{ path: 'ruleset.yaml', content: broken }] })
      .expect(400);
    expect(response.body.code).toBe('RULESET_INVALID');
    expect(response.body.details.issues).toEqual(
      expect.arrayContaining([expect.objectContaining({ file: 'ruleset.yaml' })]),
    );
  });

  it('simulates a draft without writing anything and reports the tier changes', async () => {
    const before = await sut.dataSource.query('SELECT count(*)::int AS n FROM assessments');
    const strict = rulesetYaml.replace(
      /medium: 20\n {2}high: 40\n {2}critical: 70/,
      'medium: 1\n  high: 2\n  critical: 3',
    );
    expect(strict).not.toBe(rulesetYaml);
    const response = await sut
      .as()
      .post('/rulesets/simulate')
      .send({ files: [{ path: 'ruleset.yaml', content: strict }] })
      .expect(200);
    expect(response.body.suppliers).toBe(3);
    expect(response.body.changed).toBeGreaterThan(0);
    expect(response.body.changes[0]).toMatchObject({ to: 'critical' });
    expect(response.body.draftHash).not.toBe(response.body.activeHash);
    expect(await sut.dataSource.query('SELECT count(*)::int AS n FROM assessments')).toEqual(before);
  });

  it('keeps the old rules when a reload finds an invalid rule set', async () => {
    const active = await sut.as().get('/rulesets/active').expect(200);
    await writeFile(join(rulesDir, 'ruleset.yaml'), rulesetYaml.replace('high: 40', 'high: 15'));
    const response = await sut.as().post('/rulesets/reload').expect(400);
    expect(response.body.message).toMatch(/threshold/i);
    expect((await sut.as().get('/rulesets/active').expect(200)).body.hash).toBe(active.body.hash);
  });

  it('re-scores the portfolio after a reload with changed rules and keeps the history', async () => {
    const active = await sut.as().get('/rulesets/active').expect(200);
    const before = await sut.as().get('/suppliers').expect(200);
    const supplierId: string = before.body.items[0].id;
    const assessed = (await sut.as().get(`/suppliers/${supplierId}`).expect(200)).body.assessment;
    firstAssessment = { supplierId, assessment: assessed };
    expect(assessed.contributions.map((c: { title: string }) => c.title)).toContain(
      'Government response to modern slavery',
    );
    const countryYaml = await readFile(join(rulesDir, 'indicators/country.yaml'), 'utf8');
    await writeFile(
      join(rulesDir, 'indicators/country.yaml'),
      countryYaml.replace('title: Government response to modern slavery', 'title: Government response (GSI)'),
    );
    await writeFile(
      join(rulesDir, 'ruleset.yaml'),
      rulesetYaml.replace(
        /medium: 20\n {2}high: 40\n {2}critical: 70/,
        'medium: 5\n  high: 10\n  critical: 15',
      ),
    );
    const response = await sut.as().post('/rulesets/reload').expect(200);
    expect(response.body.changed).toBe(true);
    let job = response.body.job;
    for (let i = 0; i < 100 && job.status === 'running'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      job = (await sut.as().get(`/rulesets/rescore/${job.id}`).expect(200)).body;
    }
    expect(job).toMatchObject({ status: 'completed', total: 3, done: 3 });
    const detail = await sut.as().get(`/suppliers/${supplierId}`).expect(200);
    expect(detail.body.history).toHaveLength(2);
    expect(detail.body.history[0].ruleSetHash).toBe(response.body.hash);
    expect(detail.body.history[1].ruleSetHash).toBe(active.body.hash);
    expect(detail.body.assessment.ruleSetHash).toBe(response.body.hash);
    expect(detail.body.assessment.contributions.map((c: { title: string }) => c.title)).toContain(
      'Government response (GSI)',
    );
    const versions = await sut.dataSource.query('SELECT count(*)::int AS n FROM rule_sets');
    expect(versions[0].n).toBe(2);
  });

  it('explains an assessment made with earlier rules in the words of those rules', async () => {
    if (!firstAssessment) {
      throw new Error('the reload test runs first');
    }
    const { supplierId, assessment } = firstAssessment;
    const before = (await sut.as().get(`/suppliers/${supplierId}`).expect(200)).body;
    const [previous] = before.history.slice(1);
    // Take the re-score away, as for a supplier the re-scoring has not reached yet.
    await sut.dataSource.query('DELETE FROM assessments WHERE id = $1', [before.history[0].id]);
    const detail = (await sut.as().get(`/suppliers/${supplierId}`).expect(200)).body;
    expect(detail.assessment).toEqual(assessment);
    expect(detail.assessment.ruleSetHash).toBe(previous.ruleSetHash);
    expect(detail.assessment.score).toBe(previous.score);
    const titles = detail.assessment.contributions.map((c: { title: string }) => c.title);
    expect(titles).toContain('Government response to modern slavery');
    expect(titles).not.toContain('Government response (GSI)');
    expect(detail.assessment.missingData.every((m: { followUp: string }) => m.followUp.length > 0)).toBe(
      true,
    );
  });
});
