// One raw baseline in a process of its own, so its time and peak memory are its own. Prints one JSON line:
//   node dist/.bench/bench/baseline.js KIND FILE [DATABASE_URL]   (read-score-copy: rules from BENCH_RULES_DIR, ./rules)
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse';
import { createReadStream } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { isKnownHeader, mapHeaders } from '../src/imports/domain/header-mapping.js';
import { normaliseSupplierRow } from '../src/imports/domain/row-validator.js';
import { openSpreadsheet } from '../src/imports/domain/spreadsheet.js';
import { compileRuleSet } from '../src/rules/domain/compile-rule-set.js';
import { loadRuleSetFiles } from '../src/rules/domain/load-rule-files.js';
import { parseRuleSet } from '../src/rules/domain/parse-rule-set.js';
import { scoreSupplier } from '../src/scoring/domain/scoring-engine.js';
import { compactAssessment } from '../src/scoring/domain/stored-assessment.js';
import { copyValue } from '../src/database/copy-text.js';
import { hitLine } from '../src/screening/domain/hit-copy-line.js';
import { screeningLists, screenNewSite } from '../src/screening/domain/screening-context.js';
import { SHIPPED_EDITIONS } from '../src/screening/domain/shipped-editions.js';
import type { AreaHitMemo } from '../src/screening/domain/supplier-screening.js';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BASELINE_KINDS, type BaselineKind, type BaselineResult } from './lib/baseline-kinds.js';
import { COPY_COLUMNS, copyLine, openCopy, type CopyTarget } from './lib/copy.js';

/** The project's own reader (xlsx or csv, sniffed), as the import uses it: header found, data rows streamed. */
async function readProject(path: string, sink?: CopyTarget): Promise<number> {
  const opened = await openSpreadsheet(path, { originalName: path, isKnownHeader });
  let rows = 0;
  for await (const row of opened.rows) {
    rows++;
    if (sink) {
      await sink.write(copyLine(row.cells));
    }
  }
  await opened.close();
  return rows;
}

async function readExceljs(path: string, sink?: CopyTarget): Promise<number> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
  });
  let rows = 0;
  for await (const worksheet of reader) {
    for await (const row of worksheet) {
      if (row.number === 1) {
        continue;
      }
      rows++;
      if (sink) {
        // exceljs row values are 1-based.
        await sink.write(copyLine((row.values as unknown[]).slice(1)));
      }
    }
  }
  return rows;
}

async function csvParse(path: string, sink?: CopyTarget): Promise<number> {
  let rows = 0;
  const parser = createReadStream(path).pipe(parse({ from_line: 2, relax_column_count: true }));
  for await (const record of parser as AsyncIterable<string[]>) {
    rows++;
    if (sink) {
      await sink.write(copyLine(record));
    }
  }
  return rows;
}

/** COPY of the csv file as it is: the server's own parser, no JavaScript per row. */
async function copyCsvFile(path: string, databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const table = `bench_copy_${process.pid}`;
  try {
    const columns = Array.from({ length: COPY_COLUMNS }, (_, i) => `c${i + 1} text`).join(', ');
    await client.query(`CREATE TABLE ${table} (${columns})`);
    await pipeline(
      createReadStream(path),
      client.query(copyFrom(`COPY ${table} FROM STDIN (FORMAT csv, HEADER true)`)),
    );
    const result = await client.query<{ count: number }>(`SELECT count(*)::int AS count FROM ${table}`);
    return result.rows[0]?.count ?? 0;
  } finally {
    await client.query(`DROP TABLE IF EXISTS ${table}`);
    await client.end();
  }
}

const CHUNK_ROWS = 1_000;

async function openTableCopy(client: pg.Client, table: string, columns: string): Promise<Writable> {
  await client.query(`DROP TABLE IF EXISTS ${table}`);
  await client.query(`CREATE TABLE ${table} (${columns})`);
  return client.query(copyFrom(`COPY ${table} FROM STDIN`));
}

async function writeChunk(stream: Writable, text: string): Promise<void> {
  if (!stream.write(text)) {
    await once(stream, 'drain');
  }
}

/**
 * The import's own work without the service around it: the project's reader, header mapping, the normalisers
 * (no class-validator pass), the scoring engine and the compact stored assessment, and the screening of each new
 * site against the enforcement lists in `rules/reference/lists/` (as an import's staging screens its new sites),
 * written with COPY into a supplier, an assessment and a hit table in chunks of 1,000 rows; one process, one
 * thread, no HTTP.
 */
async function readScoreCopy(
  path: string,
  databaseUrl: string | undefined,
  rulesDir: string,
): Promise<number> {
  if (!databaseUrl) {
    throw new Error('read-score-copy needs a DATABASE_URL');
  }
  const rules = compileRuleSet(parseRuleSet(await loadRuleSetFiles(rulesDir)));
  const lists = screeningLists(
    await Promise.all(
      SHIPPED_EDITIONS.map(async (edition) => ({
        id: randomUUID(),
        ...edition,
        content: await readFile(join(rulesDir, 'reference', 'lists', edition.file), 'utf8'),
      })),
    ),
  );
  const memo: AreaHitMemo = new Map();
  const asOf = new Date().toISOString().slice(0, 10);
  const suppliersClient = new pg.Client({ connectionString: databaseUrl });
  const assessmentsClient = new pg.Client({ connectionString: databaseUrl });
  const hitsClient = new pg.Client({ connectionString: databaseUrl });
  await suppliersClient.connect();
  await assessmentsClient.connect();
  await hitsClient.connect();
  const suppliersTable = `bench_suppliers_${process.pid}`;
  const assessmentsTable = `bench_assessments_${process.pid}`;
  const hitsTable = `bench_hits_${process.pid}`;
  try {
    const suppliers = await openTableCopy(
      suppliersClient,
      suppliersTable,
      'id uuid PRIMARY KEY, name text NOT NULL, country varchar(2) NOT NULL, record jsonb NOT NULL',
    );
    const assessments = await openTableCopy(
      assessmentsClient,
      assessmentsTable,
      'id uuid PRIMARY KEY, supplier_id uuid NOT NULL, rule_set_hash varchar(64) NOT NULL, assessment_date date NOT NULL, score double precision NOT NULL, tier varchar(16) NOT NULL, result json NOT NULL',
    );
    const hits = await openTableCopy(
      hitsClient,
      hitsTable,
      'supplier_id uuid NOT NULL, list text, entry_id text, entry_key text, names_key text, kind text, ' +
        'strength text, score real, party_role text, party_name text, entry_name text, listed_name text, ' +
        'details jsonb, edition_id uuid',
    );
    const opened = await openSpreadsheet(path, { originalName: path, isKnownHeader });
    const mapping = mapHeaders(opened.headers);
    const context = {
      asOf,
      sectorResolver: (raw: string) => rules.resolveSector(raw),
      date1904: opened.date1904,
    };
    let rows = 0;
    let supplierText = '';
    let assessmentText = '';
    let hitText = '';
    let inChunk = 0;
    const flush = async (): Promise<void> => {
      await writeChunk(suppliers, supplierText);
      await writeChunk(assessments, assessmentText);
      await writeChunk(hits, hitText);
      supplierText = '';
      assessmentText = '';
      hitText = '';
      inChunk = 0;
    };
    for await (const row of opened.rows) {
      const { record } = normaliseSupplierRow(row, mapping, context);
      if (!record) {
        continue;
      }
      rows++;
      const id = randomUUID();
      const result = scoreSupplier(record, rules, asOf);
      const stored = JSON.stringify(compactAssessment(result, rules));
      for (const hit of screenNewSite(lists, record, memo).hits) {
        hitText += hitLine(id, hit);
      }
      supplierText += `${id}\t${copyValue(record.name)}\t${record.country}\t${copyValue(JSON.stringify(record))}\n`;
      assessmentText += `${randomUUID()}\t${id}\t${rules.hash}\t${asOf}\t${result.score}\t${result.tier}\t${copyValue(stored)}\n`;
      if (++inChunk === CHUNK_ROWS) {
        await flush();
      }
    }
    await flush();
    await opened.close();
    suppliers.end();
    assessments.end();
    hits.end();
    await Promise.all([once(suppliers, 'finish'), once(assessments, 'finish'), once(hits, 'finish')]);
    const counted = await suppliersClient.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${suppliersTable}`,
    );
    if (counted.rows[0]?.n !== rows) {
      throw new Error(`scored ${rows} rows but COPY stored ${counted.rows[0]?.n ?? 0}`);
    }
    return rows;
  } finally {
    await suppliersClient.query(`DROP TABLE IF EXISTS ${suppliersTable}`).catch(() => undefined);
    await assessmentsClient.query(`DROP TABLE IF EXISTS ${assessmentsTable}`).catch(() => undefined);
    await hitsClient.query(`DROP TABLE IF EXISTS ${hitsTable}`).catch(() => undefined);
    await suppliersClient.end();
    await assessmentsClient.end();
    await hitsClient.end();
  }
}

async function withCopy(
  databaseUrl: string | undefined,
  read: (sink: CopyTarget) => Promise<number>,
): Promise<number> {
  if (!databaseUrl) {
    throw new Error('this baseline needs a DATABASE_URL');
  }
  const { target, close } = await openCopy(databaseUrl);
  try {
    const rows = await read(target);
    const copied = await target.finish();
    if (copied !== rows) {
      throw new Error(`read ${rows} rows but COPY stored ${copied}`);
    }
    return rows;
  } finally {
    await close();
  }
}

async function run(kind: BaselineKind, path: string, databaseUrl: string | undefined): Promise<number> {
  switch (kind) {
    case 'read-project':
      return readProject(path);
    case 'read-exceljs':
      return readExceljs(path);
    case 'csv-parse':
      return csvParse(path);
    case 'copy-csv':
      if (!databaseUrl) {
        throw new Error('copy-csv needs a DATABASE_URL');
      }
      return copyCsvFile(path, databaseUrl);
    case 'read-project+copy':
      return withCopy(databaseUrl, (sink) => readProject(path, sink));
    case 'read-exceljs+copy':
      return withCopy(databaseUrl, (sink) => readExceljs(path, sink));
    case 'csv-parse+copy':
      return withCopy(databaseUrl, (sink) => csvParse(path, sink));
    case 'read-score-copy':
      return readScoreCopy(path, databaseUrl, process.env.BENCH_RULES_DIR ?? 'rules');
  }
}

const [kind, path, databaseUrl] = process.argv.slice(2);
if (!BASELINE_KINDS.includes(kind as BaselineKind) || !path) {
  console.error(`usage: baseline.js ${BASELINE_KINDS.join('|')} FILE [DATABASE_URL]`);
  process.exit(2);
}
const start = performance.now();
const rows = await run(kind as BaselineKind, path, databaseUrl);
const result: BaselineResult = {
  kind: kind as BaselineKind,
  rows,
  ms: performance.now() - start,
  maxRssMb: process.resourceUsage().maxRSS / 1024,
};
console.log(JSON.stringify(result));
