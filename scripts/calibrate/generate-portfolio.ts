// Writes fixtures/calibration/disclosure-portfolio.csv and its README from the fixed seed. Run it from the
// repository root, only when the generator changes (the files are committed, and calibration.spec.ts checks
// that they are what the generator gives):
//   npx tsc -p scripts/calibrate/tsconfig.json && node dist/.calibrate/scripts/calibrate/generate-portfolio.js
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { calibrationPaths } from './paths.js';
import { generatePortfolio, portfolioCsv, portfolioReadme } from './portfolio.js';

const paths = calibrationPaths(process.cwd());
const rows = generatePortfolio();
await mkdir(paths.calibrationFixtures, { recursive: true });
await writeFile(paths.portfolio, portfolioCsv(rows));
await writeFile(join(paths.calibrationFixtures, 'README.md'), portfolioReadme(rows));
console.log(`Wrote ${rows.length} rows to ${paths.portfolio}`);
