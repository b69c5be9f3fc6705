// One raw baseline in a process of its own, so its time and peak memory are its own. Prints one JSON line:
//   node dist/.bench/bench/baseline.js KIND FILE [DATABASE_URL]
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse';
import { createReadStream } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import pg from 'pg';
import { isKnownHeader } from '../src/imports/domain/header-mapping.js';
import { openSpreadsheet } from '../src/imports/domain/spreadsheet.js';
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
