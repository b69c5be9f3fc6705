import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { compileRuleSet } from '../../src/rules/domain/compile-rule-set.js';
import { loadRuleSetFiles } from '../../src/rules/domain/load-rule-files.js';
import { parseRuleSet } from '../../src/rules/domain/parse-rule-set.js';
import { GOLDEN_CASES, GOLDEN_DATE } from '../../src/scoring/domain/testing/golden-cases.js';
import { calibrationFigures, type CalibrationFigures, type DatasetInput } from './calibration.js';
import { calibrationMarkdown } from './calibration-markdown.js';
import type { CalibrationPaths } from './paths.js';
import { readUpload } from './read-upload.js';

// Everything `npm run calibrate` does except writing the file: load the shipped rules, read the portfolio and
// the good fixtures as uploads, compute the figures for GOLDEN_DATE and render docs/calibration.md. The test
// calls it too, so the committed document cannot drift from what the script would write.

const LIST_FILE = /\.(xlsx|csv)$/i;

/** The good sample lists in fixtures/ (fixtures/broken holds files that must be refused). */
export async function fixtureFiles(fixturesDir: string): Promise<string[]> {
  const entries = await readdir(fixturesDir, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && LIST_FILE.test(entry.name))
    .map((entry) => entry.name)
    .sort();
}

export async function buildCalibration(
  paths: CalibrationPaths,
): Promise<{ figures: CalibrationFigures; markdown: string }> {
  const rules = compileRuleSet(parseRuleSet(await loadRuleSetFiles(paths.rules)));
  const read = async (path: string, title: string): Promise<DatasetInput> => {
    const { records, ...reading } = await readUpload(path, rules, GOLDEN_DATE);
    return { title, reading, records };
  };
  const portfolio = await read(paths.portfolio, 'fixtures/calibration/disclosure-portfolio.csv');
  const fixtures: DatasetInput[] = [];
  for (const name of await fixtureFiles(paths.fixtures)) {
    fixtures.push(await read(join(paths.fixtures, name), `fixtures/${name}`));
  }
  const figures = calibrationFigures({
    rules,
    assessmentDate: GOLDEN_DATE,
    portfolio,
    fixtures,
    goldenCases: GOLDEN_CASES,
  });
  const markdown = await format(calibrationMarkdown(figures), {
    ...(await resolveConfig(paths.document)),
    parser: 'markdown',
  });
  return { figures, markdown };
}
