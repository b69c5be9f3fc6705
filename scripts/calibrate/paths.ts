import { join } from 'node:path';

// Where the calibration reads and writes, below the repository root. The command line passes the working
// directory (npm runs scripts in the package root; the compiled script itself lives in dist/), the test its own.

export interface CalibrationPaths {
  root: string;
  rules: string;
  fixtures: string;
  calibrationFixtures: string;
  portfolio: string;
  document: string;
}

export function calibrationPaths(root: string): CalibrationPaths {
  const fixtures = join(root, 'fixtures');
  const calibrationFixtures = join(fixtures, 'calibration');
  return {
    root,
    rules: join(root, 'rules'),
    fixtures,
    calibrationFixtures,
    portfolio: join(calibrationFixtures, 'disclosure-portfolio.csv'),
    document: join(root, 'docs', 'calibration.md'),
  };
}
