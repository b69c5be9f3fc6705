import { beforeAll, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCalibration } from '../../scripts/calibrate/build-document.js';
import {
  MIN_CELL,
  type CalibrationFigures,
  type DatasetFigures,
} from '../../scripts/calibrate/calibration.js';
import { calibrationPaths } from '../../scripts/calibrate/paths.js';
import { generatePortfolio, portfolioCsv, portfolioReadme } from '../../scripts/calibrate/portfolio.js';

// The calibration's "done when" (issue 14), on the committed portfolio and the good fixtures with the shipped
// rules, plus the committed files against what the scripts write now.

const paths = calibrationPaths(fileURLToPath(new URL('../../', import.meta.url)));

/**
 * Cells of the portfolio whose suppliers are all scored alike because every row gives the same facts the rules
 * read. Each leaves this list when the taxonomy reads its product words otherwise (reported with issue 14).
 */
const UNIFORM_CELLS: Record<string, string> = {
  'CN manufacturing': 'every row says "Gloves", which the taxonomy reads as medical gloves',
  'IN other': 'every row says "Other" or "Various", which the taxonomy reads as the sector "other"',
};

let figures: CalibrationFigures;
let markdown: string;

beforeAll(async () => {
  ({ figures, markdown } = await buildCalibration(paths));
});

function datasets(): [string, DatasetFigures][] {
  return [
    [figures.portfolio.title, figures.portfolio.figures],
    ...figures.fixtures.map((f): [string, DatasetFigures] => [f.title, f.figures]),
  ];
}

/** The first line where two texts differ, for a failure message that says where to look. */
function firstDifference(committed: string, expected: string): string {
  const a = committed.split('\n');
  const b = expected.split('\n');
  const index = a.findIndex((line, i) => line !== b[i]);
  const at = index === -1 ? a.length : index;
  return `line ${at + 1}: committed "${a[at] ?? '(end of file)'}", now "${b[at] ?? '(end of file)'}"`;
}

describe('calibration of the shipped rules', () => {
  it('reads the whole portfolio as an upload and every good fixture', () => {
    expect(figures.portfolio.reading.rejected).toBe(0);
    expect(figures.portfolio.figures.suppliers).toBe(figures.portfolio.reading.rowsRead);
    expect(figures.portfolio.figures.suppliers).toBeGreaterThanOrEqual(2000);
    expect(figures.fixtures.map((f) => f.title)).toEqual(
      expect.arrayContaining(['fixtures/garments-suppliers.csv', 'fixtures/messy-suppliers.xlsx']),
    );
    expect(figures.fixtures.some((f) => f.title.includes('broken'))).toBe(false);
  });

  it('charges no assessed point for an unknown', () => {
    for (const [title, dataset] of datasets()) {
      expect({ title, ...dataset.unknownCharges }).toEqual({ title, contributions: 0, points: 0 });
    }
  });

  it('makes a supplier critical only through a red flag', () => {
    const { thresholds } = figures.rules;
    expect(figures.portfolio.figures.inherentMax).toBeLessThan(thresholds.critical);
    // The portfolio's Xinjiang sites keep the check from passing on an empty set.
    expect(figures.portfolio.figures.critical.total).toBeGreaterThan(0);
    for (const [title, dataset] of datasets()) {
      expect({ title, withoutRedFlag: dataset.critical.withoutRedFlag }).toEqual({
        title,
        withoutRedFlag: 0,
      });
    }
  });

  it('keeps suppliers in low-inherent-risk countries low or medium unless a supplier fact says otherwise', () => {
    expect(figures.portfolio.figures.lowRiskCountries.suppliers).toBeGreaterThan(200);
    for (const [title, dataset] of datasets()) {
      expect({ title, above: dataset.lowRiskCountries.aboveMediumWithoutSupplierFact }).toEqual({
        title,
        above: 0,
      });
    }
  });

  it(`tells apart the suppliers of each country and sector cell of ${MIN_CELL} or more`, () => {
    const held = figures.portfolio.figures.cells.filter((c) => c.suppliers >= MIN_CELL);
    expect(held.length).toBeGreaterThan(20);
    const problems: string[] = [];
    for (const c of held) {
      const key = `${c.country} ${c.sector}`;
      if (c.combinations === 1 && !(key in UNIFORM_CELLS)) {
        problems.push(`${key}: all ${c.suppliers} suppliers score ${c.score.min}, high ${c.high.min}`);
      }
      if (c.combinations > 1 && key in UNIFORM_CELLS) {
        problems.push(`${key} is no longer uniform: remove it from UNIFORM_CELLS`);
      }
    }
    for (const key of Object.keys(UNIFORM_CELLS)) {
      if (!held.some((c) => `${c.country} ${c.sector}` === key)) {
        problems.push(`${key} is no longer a cell of ${MIN_CELL} or more: remove it from UNIFORM_CELLS`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('has the golden cases with their figures', () => {
    const golden = new Map(figures.golden.map((g) => [g.id, g]));
    expect(golden.get('xinjiang-apparel')?.tier).toBe('critical');
    expect(golden.get('guangdong-apparel')?.tier).not.toBe('critical');
    expect(golden.get('german-name-only')?.tier).toBe('low');
  });

  it('has committed the portfolio the generator gives', async () => {
    const rows = generatePortfolio();
    const csv = await readFile(paths.portfolio, 'utf8');
    const readme = await readFile(join(paths.calibrationFixtures, 'README.md'), 'utf8');
    const fix = 'run scripts/calibrate/generate-portfolio.ts (see its header), then npm run calibrate';
    if (csv !== portfolioCsv(rows) || readme !== portfolioReadme(rows)) {
      throw new Error(`fixtures/calibration/ differs from what the generator gives: ${fix}`);
    }
  });

  it('has committed docs/calibration.md as npm run calibrate writes it now', async () => {
    const committed = await readFile(paths.document, 'utf8');
    if (committed !== markdown) {
      throw new Error(
        `docs/calibration.md is out of date (${firstDifference(committed, markdown)}): run npm run calibrate`,
      );
    }
  });
});
