import { performance } from 'node:perf_hooks';
import { compileRuleSet } from '../../src/rules/domain/compile-rule-set.js';
import { loadRuleSetFiles } from '../../src/rules/domain/load-rule-files.js';
import { parseRuleSet } from '../../src/rules/domain/parse-rule-set.js';
import { scoreSupplier } from '../../src/scoring/domain/scoring-engine.js';
import { answeredSupplier, sparseSupplier } from './suppliers.js';

export interface ScoringRound {
  wallMs: number;
  cpuMs: number;
  critical: number;
}

/** Scores `count` suppliers in memory with the rule set in `rulesDir`, `rounds` times. */
export async function benchScoring(
  rulesDir: string,
  kind: 'sparse' | 'answered',
  count: number,
  rounds: number,
): Promise<ScoringRound[]> {
  const rules = compileRuleSet(parseRuleSet(await loadRuleSetFiles(rulesDir)));
  const make = kind === 'sparse' ? sparseSupplier : answeredSupplier;
  const suppliers = Array.from({ length: count }, (_, i) => make(i));
  const results: ScoringRound[] = [];
  for (let round = 0; round < rounds; round++) {
    const start = performance.now();
    const cpu = process.cpuUsage();
    let critical = 0;
    for (const record of suppliers) {
      critical += scoreSupplier(record, rules, '2025-06-30').tier === 'critical' ? 1 : 0;
    }
    const used = process.cpuUsage(cpu);
    results.push({ wallMs: performance.now() - start, cpuMs: (used.user + used.system) / 1000, critical });
  }
  return results;
}
