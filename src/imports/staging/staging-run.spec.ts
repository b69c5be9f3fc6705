import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { compileRuleSet } from '../../rules/domain/compile-rule-set.js';
import type { CompiledRuleSet } from '../../rules/domain/compiled-rule-set.js';
import { loadRuleSetFiles } from '../../rules/domain/load-rule-files.js';
import { parseRuleSet, type RuleFile } from '../../rules/domain/parse-rule-set.js';
import { ImportError } from '../domain/import-error.js';
import { fixture, tempFolder } from '../domain/testing/temp-files.js';
import { Credits } from './credits.js';
import type { RejectedRow, StagingInput } from './stage-rows.js';
import type { StagedSupplier } from './staged-chunk.js';
import { StagingRun, type StagingThread } from './staging-run.js';
import { ProgressWriter } from './progress-writer.js';
import { ImportTimeBudget } from './time-budget.js';

// Staging in a worker thread and on the main thread hand the apply the same rows, rejections and failures. The
// worker runs the TypeScript sources here through scripts/ts-loader.js, the same code the built service runs.

const RULES_DIR = fileURLToPath(new URL('../../../rules/', import.meta.url));
const files = tempFolder();
let rules: { hash: string; files: RuleFile[]; compiled: CompiledRuleSet };

beforeAll(async () => {
  const ruleFiles = await loadRuleSetFiles(RULES_DIR);
  const compiled = compileRuleSet(parseRuleSet(ruleFiles));
  rules = { hash: compiled.hash, files: ruleFiles, compiled };
});

afterAll(() => files.remove());

function input(path: string, originalName: string): StagingInput {
  return {
    path,
    originalName,
    limits: {},
    asOf: '2026-12-06',
    listId: '00000000-0000-4000-8000-000000000001',
    batchId: '00000000-0000-4000-8000-000000000002',
    at: '2026-12-06T10:00:00.000Z',
  };
}

async function stageAll(thread: StagingThread, path: string, name: string) {
  const progress: number[] = [];
  const run = StagingRun.start(thread, input(path, name), rules, (read) => progress.push(read));
  try {
    const columns = await run.opened();
    const rows: StagedSupplier[] = [];
    const rejected: RejectedRow[] = [];
    for await (const item of run.chunks()) {
      if (item.kind === 'rows') {
        rows.push(...item.suppliers);
      } else {
        rejected.push(...item.rows);
      }
    }
    return { columns, rows, rejected, summary: run.summary, progress };
  } finally {
    await run.stop();
  }
}

describe.each(['worker', 'main'] as const)('staging on the %s thread', (thread) => {
  it('hands over every valid row scored as a new site, and the rejected ones', async () => {
    const rows = ['Supplier,Country,Sector,Number of workers'];
    for (let i = 0; i < 1_203; i++) {
      rows.push(`Factory ${i},${['Viet Nam', 'India', 'Atlantis'][i % 3]},garments,${100 + i}`);
    }
    rows.push('Factory 1,India,garments,5');
    const path = files.write(`suppliers-${thread}.csv`, rows.join('\n'));

    const staged = await stageAll(thread, path, 'suppliers.csv');

    expect(staged.columns).toEqual(expect.arrayContaining(['name', 'country', 'sector', 'workerCount']));
    // Atlantis is no country: 401 rows rejected; the last row repeats Factory 1 in India.
    expect(staged.summary).toMatchObject({ read: 1_204, valid: 802, rejectedCount: 402, duplicates: 1 });
    expect(staged.rows.map((r) => r.rowNumber)).toEqual(
      Array.from({ length: 1_203 }, (_, i) => i + 2).filter((_, i) => i % 3 !== 2),
    );
    expect(staged.rejected).toHaveLength(402);
    expect(staged.rejected.at(-1)).toMatchObject({ rowNumber: 1_205, outcome: 'duplicate' });
    const first = staged.rows[0];
    expect(JSON.parse(first.asNew.profile())).toMatchObject({
      name: 'Factory 0',
      country: 'VN',
      workerCount: 100,
    });
    expect(first.asNew.assessment().ruleSetHash).toBe(rules.hash);
    expect(first.asNew.assessment().assessmentDate).toBe('2026-12-06');
    expect(JSON.parse(first.asNew.sources())).toMatchObject({
      identity: '00000000-0000-4000-8000-000000000001',
    });
    expect(staged.progress.at(-1)).toBe(1_204);
  });

  it('hands over a file of nothing but rejected rows a chunk at a time, held back by the apply', async () => {
    const rows = ['Supplier,Country'];
    for (let i = 0; i < 3_000; i++) {
      rows.push(`Factory ${i},Atlantis`);
    }
    const path = files.write(`all-rejected-${thread}.csv`, rows.join('\n'));
    const progress: number[] = [];
    const run = StagingRun.start(thread, input(path, 'all-rejected.csv'), rules, (read) =>
      progress.push(read),
    );
    const sizes: number[] = [];
    let readWhileHeld: number | undefined;
    try {
      await run.opened();
      const items = run.chunks();
      const first = await items.next();
      // Not taking the next chunk holds staging back two chunks ahead (500 rows): it never reports reading 2,000.
      await new Promise((resolve) => setTimeout(resolve, 300));
      readWhileHeld = Math.max(0, ...progress);
      sizes.push((first.value as { rows: RejectedRow[] }).rows.length);
      for await (const item of items) {
        expect(item.kind).toBe('rejected');
        sizes.push(item.kind === 'rejected' ? item.rows.length : -1);
      }
    } finally {
      await run.stop();
    }

    expect(readWhileHeld).toBe(0);
    expect(progress.at(-1)).toBe(3_000);
    expect(sizes.reduce((sum, n) => sum + n, 0)).toBe(3_000);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(250);
    expect(run.summary).toMatchObject({ read: 3_000, valid: 0, rejectedCount: 3_000 });
  });

  it('gives back the import error of a file without supplier rows', async () => {
    const path = files.write(`empty-${thread}.csv`, 'Supplier,Country\n');
    const failure = await stageAll(thread, path, 'empty.csv').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ImportError);
    expect(failure).toMatchObject({ code: 'NO_DATA_ROWS' });
  });

  it('stops an import that outruns its time budget with an import error, whatever was staged', async () => {
    const rows = ['Supplier,Country,Sector'];
    for (let i = 0; i < 5_000; i++) {
      rows.push(`Factory ${i},Viet Nam,garments`);
    }
    const path = files.write(`slow-${thread}.csv`, rows.join('\n'));
    const budget = new ImportTimeBudget(0.05);
    const run = budget.watch(StagingRun.start(thread, input(path, 'slow.csv'), rules, () => undefined));
    const taken: number[] = [];
    const failure = await (async () => {
      await run.opened();
      for await (const item of run.chunks()) {
        taken.push(item.kind === 'rows' ? item.suppliers.length : 0);
        // An apply slower than the budget: the budget runs out between two chunks.
        await new Promise((resolve) => setTimeout(resolve, 40));
      }
    })().catch((error: unknown) => error);
    budget.stop();
    await run.stop();

    expect(failure).toBeInstanceOf(ImportError);
    expect(failure).toMatchObject({ code: 'IMPORT_TIME_LIMIT', details: { limit: 0.05 } });
    expect((failure as ImportError).message).toMatch(/stopped after 0.05 seconds.*IMPORT_MAX_MINUTES/);
    expect(taken.reduce((sum, n) => sum + n, 0)).toBeLessThan(5_000);
  });

  it('stops reading when the apply stops early', async () => {
    const path = fixture('garments-suppliers.csv');
    const run = StagingRun.start(thread, input(path, 'garments.csv'), rules, () => undefined);
    await run.opened();
    await run.stop();
    expect(() => run.summary).toThrow('The staging has not finished');
  });
});

describe('Credits', () => {
  it('lets a taker through only against a credit, and fails it once closed', async () => {
    const sut = new Credits();
    let taken = 0;
    const taker = (async () => {
      await sut.take();
      taken++;
      await sut.take();
      taken++;
    })();
    await new Promise((resolve) => setImmediate(resolve));
    expect(taken).toBe(0);
    sut.grant(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(taken).toBe(1);
    sut.close();
    await expect(taker).rejects.toThrow('Staging stopped');
    expect(taken).toBe(1);
  });
});

describe('ProgressWriter', () => {
  it('writes one count at a time, the latest one, and nothing after stop', async () => {
    const written: number[] = [];
    let release: (() => void) | undefined;
    const sut = new ProgressWriter(async (count) => {
      written.push(count);
      await new Promise<void>((resolve) => (release = resolve));
    });
    sut.record(2_000);
    sut.record(4_000);
    sut.record(6_000);
    expect(written).toEqual([2_000]);
    release?.();
    await new Promise((resolve) => setImmediate(resolve));
    expect(written).toEqual([2_000, 6_000]);
    const stopped = sut.stop();
    sut.record(8_000);
    release?.();
    await stopped;
    expect(written).toEqual([2_000, 6_000]);
  });
});
