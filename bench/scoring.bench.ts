// Scores 100k varied suppliers with the shipped rules and prints the time (also part of `npm run bench`):
//   npm run build && npx tsc -p bench/tsconfig.json && node dist/.bench/bench/scoring.bench.js rules [answered]
import { benchScoring } from './lib/scoring.js';

const kind = process.argv[3] === 'answered' ? 'answered' : 'sparse';
console.log(
  kind === 'sparse' ? 'sparse suppliers (most questionnaire fields unknown)' : 'answered suppliers',
);
const rounds = await benchScoring(process.argv[2] ?? 'rules', kind, 100_000, 3);
rounds.forEach((round, i) =>
  console.log(
    `round ${i + 1}: 100k suppliers in ${round.wallMs.toFixed(0)} ms wall, ${round.cpuMs.toFixed(0)} ms CPU (${round.critical} critical)`,
  ),
);
