// `npm run calibrate`: scores the calibration portfolio and the good fixtures with the shipped rules and writes
// docs/calibration.md (the figures, the golden cases and the comparison with Sedex Radar). Run it from the
// repository root after any change to rules/, the scoring engine, the import or the fixtures.
// The npm script links dist/.calibrate/rules to rules/: the compiled country resolver finds its name tables three
// folders above itself, as it does in the service's own build.
import { writeFile } from 'node:fs/promises';
import { buildCalibration } from './build-document.js';
import { calibrationPaths } from './paths.js';

const paths = calibrationPaths(process.cwd());
const { figures, markdown } = await buildCalibration(paths);
await writeFile(paths.document, markdown);
const { tiers, suppliers } = figures.portfolio.figures;
console.log(
  `Wrote ${paths.document}: ${suppliers} portfolio suppliers (` +
    `${Object.entries(tiers)
      .map(([tier, count]) => `${tier} ${count}`)
      .join(', ')}), ${figures.fixtures.length} fixtures, ${figures.golden.length} golden cases.`,
);
