// Scores 100k varied suppliers with the shipped rules and prints the time (not a test; run by hand):
//   npx tsc -p tsconfig.json --outDir /tmp/vigil-bench && ln -sfn "$PWD/node_modules" /tmp/vigil-bench/node_modules \
//     && cp package.json /tmp/vigil-bench/ && node /tmp/vigil-bench/bench/scoring.bench.js rules [answered]
import { performance } from 'node:perf_hooks';
import { compileRuleSet } from '../src/rules/domain/compile-rule-set.js';
import { loadRuleSetFiles } from '../src/rules/domain/load-rule-files.js';
import { parseRuleSet } from '../src/rules/domain/parse-rule-set.js';
import { scoreSupplier } from '../src/scoring/scoring-engine.js';
import { SECTORS, type SupplierRecord } from '../src/suppliers/domain/supplier-record.js';

const COUNTRIES = ['DE', 'CN', 'MY', 'CI', 'BD', 'TH', 'VN', 'IN', 'US', 'TR'];
const PRODUCTS = [
  'cocoa beans',
  't-shirts',
  'smartphones',
  'shrimp',
  'cotton yarn',
  'machine parts',
  'palm oil',
];

function supplier(i: number): SupplierRecord {
  return {
    name: `Supplier ${i}`,
    country: COUNTRIES[i % COUNTRIES.length],
    sector: SECTORS[i % SECTORS.length],
    products: [PRODUCTS[i % PRODUCTS.length], PRODUCTS[(i * 7) % PRODUCTS.length]],
    ...(i % 3 === 0
      ? { migrantWorkerPct: i % 100, usesLabourAgency: i % 2 === 0, debtBondage: i % 97 === 0 }
      : {}),
    ...(i % 5 === 0 ? { lastAuditDate: '2025-01-15', auditScheme: 'SMETA', grievanceMechanism: true } : {}),
  };
}

// The same suppliers after a questionnaire: every supplier-specific field answered.
function answered(i: number): SupplierRecord {
  return {
    ...supplier(i),
    region: 'Region',
    subSector: 'components',
    supplyChainTier: 1 + (i % 3),
    migrantWorkerPct: i % 100,
    temporaryWorkerPct: (i * 3) % 100,
    usesLabourAgency: i % 2 === 0,
    recruitmentFeesPaidByWorkers: i % 7 === 0,
    employerProvidedHousing: i % 3 === 0,
    undisclosedSubcontracting: false,
    identityDocumentsRetained: false,
    wagesWithheld: false,
    debtBondage: i % 97 === 0,
    movementRestricted: false,
    isolation: false,
    physicalOrSexualViolence: false,
    intimidationAndThreats: false,
    abusiveLivingConditions: false,
    excessiveOvertime: i % 11 === 0,
    deception: false,
    abuseOfVulnerability: false,
    childLabourReported: false,
    lastAuditDate: '2025-01-15',
    auditScheme: 'SMETA',
    certifications: ['SA8000'],
    grievanceMechanism: true,
  };
}

const rules = compileRuleSet(parseRuleSet(await loadRuleSetFiles(process.argv[2] ?? 'rules')));
const sparse = process.argv[3] !== 'answered';
const suppliers = Array.from({ length: 100_000 }, (_, i) => (sparse ? supplier(i) : answered(i)));
console.log(sparse ? 'sparse suppliers (most questionnaire fields unknown)' : 'answered suppliers');
for (let round = 0; round < 3; round++) {
  const start = performance.now();
  const cpu = process.cpuUsage();
  let critical = 0;
  for (const record of suppliers) {
    critical += scoreSupplier(record, rules, '2025-06-30').tier === 'critical' ? 1 : 0;
  }
  const cpuMs = process.cpuUsage(cpu).user / 1000;
  const wallMs = performance.now() - start;
  console.log(
    `round ${round + 1}: 100k suppliers in ${wallMs.toFixed(0)} ms wall, ${cpuMs.toFixed(0)} ms CPU (${critical} critical)`,
  );
}
