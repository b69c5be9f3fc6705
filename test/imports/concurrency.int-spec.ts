import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { xlsxBuffer, type Cell } from '../support/workbooks.js';

// Two compliance officers upload overlapping lists at the same moment. On PostgreSQL the two imports run in
// concurrent transactions; the unique keys plus the retry on the upsert path must leave one row per supplier and
// every update applied.

function list(from: number, to: number, workers: number): Promise<Buffer> {
  const rows: Cell[][] = [['Vendor ID', 'Supplier name', 'Country', 'Sector', 'Total workers']];
  for (let i = from; i < to; i++) {
    rows.push([`C-${i}`, `Concurrent Supplier ${i}`, 'Viet Nam', 'garments', workers]);
  }
  return xlsxBuffer(rows);
}

describe('concurrent imports of overlapping lists', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp();
  });

  afterAll(async () => {
    await sut.close();
  });

  it('create no duplicate supplier and lose no update', async () => {
    const [first, second] = await Promise.all([list(0, 300, 100), list(150, 450, 200)]);
    const responses = await Promise.all([
      sut.as().post('/imports').attach('file', first, 'a.xlsx'),
      sut.as().post('/imports').attach('file', second, 'b.xlsx'),
    ]);
    expect(responses.map((r) => [r.status, r.body.status])).toEqual([
      [201, 'completed'],
      [201, 'completed'],
    ]);
    const [counts] = await sut.dataSource.query(
      `SELECT count(*)::int AS suppliers, count(DISTINCT external_ref)::int AS refs FROM suppliers`,
    );
    expect(counts).toEqual({ suppliers: 450, refs: 450 });
    // The overlap (150-299) ends with one of the two uploads' values, never a mix of rows lost.
    const overlap = await sut.dataSource.query(
      `SELECT DISTINCT (profile->>'workerCount')::int AS workers FROM suppliers WHERE external_ref IN ('C-150', 'C-299')`,
    );
    expect(overlap.length).toBe(1);
    const imported = responses.reduce(
      (sum, r) => sum + r.body.counts.imported + r.body.counts.updated + r.body.counts.unchanged,
      0,
    );
    expect(imported).toBe(600);
  });
});
