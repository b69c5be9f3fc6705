// Derives the reference tables under rules/reference/ from the raw files in shared/data/reference/.
// Every derived row is keyed by ISO 3166 alpha-2, resolved with the project's country resolver.
//
// Usage (the repository has no TypeScript runner; compile it with the project's tsc first):
//   npx tsc -p tsconfig.json --outDir /tmp/vigil-build && ln -sfn "$PWD/rules" /tmp/vigil-build/rules
//   node /tmp/vigil-build/scripts/build-reference.js [sourceDir] [targetDir]
// sourceDir defaults to ../shared/data/reference, targetDir to rules/reference.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { resolveCountry } from '../src/common/countries/country-resolver.js';

type Row = Record<string, string>;

const sourceDir = resolve(process.argv[2] ?? '../shared/data/reference');
const targetDir = resolve(process.argv[3] ?? 'rules/reference');
const unresolved = new Set<string>();

// Two of the raw files are Windows-1252 (a 0x92 apostrophe in "Côte d’Ivoire"), the rest UTF-8 with or without BOM.
function readText(file: string): string {
  const bytes = readFileSync(join(sourceDir, file));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return iconv.decode(bytes, 'win1252');
  }
}

function readCsv(file: string): Row[] {
  return parse<Row>(readText(file), { columns: true, skip_empty_lines: true, trim: true });
}

// Kosovo has no ISO 3166-1 code (XK is user-assigned and not in the ISO table): its rows are left out.
const NO_ISO_CODE = new Set(['Kosovo']);

function alpha2Of(name: string, file: string): string {
  const country = resolveCountry(name);
  if (!country) {
    if (NO_ISO_CODE.has(name)) {
      console.log(`${file}: "${name}" has no ISO 3166-1 code; row left out`);
    } else {
      unresolved.add(`${file}: "${name}"`);
    }
    return '';
  }
  return country.alpha2;
}

function csvCell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function writeCsv(file: string, columns: string[], keyColumns: string[], allRows: Row[]): void {
  const rows = allRows.filter((row) => row.alpha2 !== '');
  const seen = new Set<string>();
  for (const row of rows) {
    const key = keyColumns.map((c) => row[c].toLowerCase()).join(' / ');
    if (seen.has(key)) {
      throw new Error(`${file}: duplicate key ${key}`);
    }
    seen.add(key);
  }
  const lines = [
    columns.join(','),
    ...rows.map((row) => columns.map((c) => csvCell(row[c] ?? '')).join(',')),
  ];
  writeFileSync(join(targetDir, file), `${lines.join('\n')}\n`, 'utf8');
  console.log(`${file}: ${rows.length} rows`);
}

function byCountryThen(key?: string): (a: Row, b: Row) => number {
  return (a, b) => a.alpha2.localeCompare(b.alpha2) || (key ? a[key].localeCompare(b[key]) : 0);
}

function yesNo(flag: boolean): string {
  return flag ? 'yes' : 'no';
}

function numberText(value: string): string {
  return value === '' ? '' : String(Number(value));
}

// The "recent" DOL file is a later edition but is cut off: sorted by good then country, it stops at
// Sugarcane / Dominican Republic. It is authoritative up to that point; later pairs come from the 2022 list.
const RECENT_GOODS_END = { good: 'sugarcane', country: 'dominican republic' };

function coveredByRecent(good: string, country: string): boolean {
  const g = good.toLowerCase();
  const c = country.toLowerCase();
  return g < RECENT_GOODS_END.good || (g === RECENT_GOODS_END.good && c <= RECENT_GOODS_END.country);
}

function buildGoods(): void {
  const recentFile = 'ilab_labour_issues_recent.csv';
  const olderFile = 'ilab_tvpra_goods_2022.csv';
  const rows: Row[] = [];
  for (const row of readCsv(recentFile)) {
    const types = row['Exploitation Type'].split(',').map((t) => t.trim());
    rows.push({
      alpha2: alpha2Of(row['Country/Area'], recentFile),
      country: row['Country/Area'],
      good: row.Good.normalize('NFC'),
      child_labour: yesNo(types.includes('Child Labor')),
      forced_labour: yesNo(types.includes('Forced Labor')),
      inputs_child_labour: yesNo(types.includes('Inputs Produced with Child Labor')),
      inputs_forced_labour: yesNo(types.includes('Inputs Produced with Forced Labor')),
      edition: 'DOL 2024',
    });
  }
  const removed: string[] = [];
  for (const row of readCsv(olderFile)) {
    if (coveredByRecent(row.good, row.country)) {
      const alpha2 = alpha2Of(row.country, olderFile);
      const good = row.good.normalize('NFC').toLowerCase();
      if (!rows.some((r) => r.alpha2 === alpha2 && r.good.toLowerCase() === good)) {
        removed.push(`${row.country} / ${row.good}`);
      }
      continue;
    }
    if (row.derived_labor_exploitation === 'Yes') {
      throw new Error(`${olderFile}: derived good ${row.good} / ${row.country} needs an input mapping`);
    }
    rows.push({
      alpha2: alpha2Of(row.country, olderFile),
      country: row.country,
      good: row.good.normalize('NFC'),
      child_labour: yesNo(row.child_labor === 'Yes'),
      forced_labour: yesNo(row.forced_labor === 'Yes'),
      inputs_child_labour: 'no',
      inputs_forced_labour: 'no',
      edition: 'DOL 2022',
    });
  }
  console.log(
    `goods: 2022 pairs inside the recent file's range but absent from it (renamed or removed): ${removed.join('; ')}`,
  );
  rows.sort(byCountryThen('good'));
  writeCsv(
    'us_dol_goods.csv',
    [
      'alpha2',
      'country',
      'good',
      'child_labour',
      'forced_labour',
      'inputs_child_labour',
      'inputs_forced_labour',
      'edition',
    ],
    ['alpha2', 'good'],
    rows,
  );
}

const TIP_ORDER = ['Tier 1', 'Tier 2', 'Tier 2 Watch List', 'Tier 3'];

function tipSeverity(tier: string): number {
  const index = TIP_ORDER.indexOf(tier);
  // A Special Case has no tier; rank it with the Watch List so a duplicate never hides a Tier 3.
  return index >= 0 ? index : 2;
}

function buildTip(): void {
  const file = 'us_tip_tiers_recent.csv';
  const byAlpha2 = new Map<string, Row>();
  for (const row of readCsv(file)) {
    const entry = { alpha2: alpha2Of(row.Country, file), country: row.Country, tier: row.Tier };
    const previous = byAlpha2.get(entry.alpha2);
    if (previous) {
      console.log(`tip: ${row.Country} listed twice (${previous.tier}, ${row.Tier}); keeping the worse`);
      if (tipSeverity(previous.tier) >= tipSeverity(entry.tier)) {
        continue;
      }
    }
    byAlpha2.set(entry.alpha2, entry);
  }
  writeCsv(
    'us_tip_tiers.csv',
    ['alpha2', 'country', 'tier'],
    ['alpha2'],
    [...byAlpha2.values()].sort(byCountryThen()),
  );
}

function buildGsiPrevalence(): void {
  const file = 'walkfree_gsi_2023_prevalence.csv';
  const rows = readCsv(file).map((row) => ({
    alpha2: alpha2Of(row.Country, file),
    country: row.Country,
    prevalence_per_1000: numberText(row['Estimated prevalence of modern slavery per 1,000 population']),
    estimated_people: numberText(row['Estimated number of people in modern slavery']),
    population: numberText(row.Population),
    region: row.Region,
  }));
  writeCsv(
    'gsi_2023_prevalence.csv',
    ['alpha2', 'country', 'prevalence_per_1000', 'estimated_people', 'population', 'region'],
    ['alpha2'],
    rows.sort(byCountryThen()),
  );
}

function buildGsiResponse(): void {
  const file = 'walkfree_gsi_2023_government_response.csv';
  const rows = readCsv(file).map((row) => ({
    alpha2: alpha2Of(row.Country, file),
    country: row.Country,
    total: numberText(row.Total_Policy_Score),
    survivors_supported: numberText(row.Survivors_Supported),
    criminal_justice: numberText(row.Criminal_Justice),
    coordination: numberText(row.Coordination),
    risk_factors: numberText(row.Risk_Factors),
    supply_chains: numberText(row.Supply_Chains),
  }));
  writeCsv(
    'gsi_2023_government_response.csv',
    [
      'alpha2',
      'country',
      'total',
      'survivors_supported',
      'criminal_justice',
      'coordination',
      'risk_factors',
      'supply_chains',
    ],
    ['alpha2'],
    rows.sort(byCountryThen()),
  );
}

function buildItuc(): void {
  const file = 'ituc_global_rights_index_2024.csv';
  const rows = readCsv(file).map((row) => ({
    alpha2: alpha2Of(row.Country, file),
    country: row.Country,
    rating: row.Rating,
    status: row.Status,
    trend: row.Trend,
  }));
  writeCsv(
    'ituc_rights_index_2024.csv',
    ['alpha2', 'country', 'rating', 'status', 'trend'],
    ['alpha2'],
    rows.sort(byCountryThen()),
  );
}

buildGoods();
buildTip();
buildGsiPrevalence();
buildGsiResponse();
buildItuc();
if (unresolved.size > 0) {
  console.error(
    `Unresolved country names (add them to rules/reference/country-aliases.csv):\n${[...unresolved].join('\n')}`,
  );
  process.exitCode = 1;
}
