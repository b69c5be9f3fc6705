import type ExcelJS from 'exceljs';
import { countryName } from '../../src/reports/domain/format.js';
import type { ExtractedPdf } from '../../src/reports/domain/testing/pdf-text.js';
import { squash } from '../../src/reports/domain/testing/pdf-text.js';
import type { ImportBatchView } from '../../src/imports/dto/import.views.js';
import type { SupplierSummary } from '../../src/suppliers/dto/supplier.views.js';

// The consistency checker: reads what a portfolio PDF states (counts, percentages, the order of its lists, the
// countries it names, the uploads it cites) and compares each statement with figures recomputed here from the
// API's pages (GET /suppliers sorted by priority, GET /imports), never from the report model. It returns every
// problem it finds, in words, so that a failing test says which statement is untrue.

export interface PortfolioExpectation {
  /** Every supplier in scope, as GET /suppliers?sort=priority pages list them. */
  suppliers: readonly SupplierSummary[];
  /** Every completed upload, as GET /imports lists them. */
  uploads: readonly ImportBatchView[];
}

const TIERS = ['critical', 'high', 'medium', 'low'] as const;
const TIER_WORDS: Record<(typeof TIERS)[number], string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

/** Numbers as the reports write them, recomputed: thousands grouped with commas. */
function grouped(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function percent(part: number, whole: number): string {
  return `${whole > 0 ? Math.round((part / whole) * 100) : 0}%`;
}

function oneDecimal(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1);
}

function toNumber(text: string): number {
  return Number(text.replace(/,/g, ''));
}

/** The text between the first occurrence of `from` and the next `to` after it ('' when `from` is absent). */
function between(text: string, from: string, to: string): string {
  const start = text.indexOf(from);
  if (start < 0) {
    return '';
  }
  const end = text.indexOf(to, start + from.length);
  return text.slice(start, end < 0 ? undefined : end);
}

/** Finds each needle after the previous one; the index of the first missing or out-of-order needle, or -1. */
function firstOutOfOrder(haystack: string, needles: readonly string[]): number {
  let from = 0;
  for (let i = 0; i < needles.length; i++) {
    const at = haystack.indexOf(needles[i], from);
    if (at < 0) {
      return i;
    }
    from = at + needles[i].length;
  }
  return -1;
}

interface CountryFigures {
  code: string;
  count: number;
  total: number;
  max: number;
  highOrCritical: number;
  critical: number;
}

function countryFigures(assessed: readonly SupplierSummary[]): CountryFigures[] {
  const byCode = new Map<string, CountryFigures>();
  for (const supplier of assessed) {
    const entry = byCode.get(supplier.country) ?? {
      code: supplier.country,
      count: 0,
      total: 0,
      max: 0,
      highOrCritical: 0,
      critical: 0,
    };
    entry.count++;
    entry.total += supplier.score!;
    entry.max = Math.max(entry.max, supplier.score!);
    entry.highOrCritical += supplier.tier === 'high' || supplier.tier === 'critical' ? 1 : 0;
    entry.critical += supplier.tier === 'critical' ? 1 : 0;
    byCode.set(supplier.country, entry);
  }
  return [...byCode.values()];
}

/** Every statement of a portfolio report that does not hold for the API's figures; empty when all hold. */
export function portfolioProblems(pdf: ExtractedPdf, expected: PortfolioExpectation): string[] {
  const problems: string[] = [];
  // Words as extracted, white space collapsed (numbers in adjacent cells stay apart), and squashed (names that
  // wrapped across lines are found whole).
  const flat = pdf.pages.join(' ').normalize('NFC').replace(/\s+/g, ' ');
  const squashed = squash(flat);
  const suppliers = expected.suppliers;
  const assessed = suppliers.filter((supplier) => supplier.tier !== null && supplier.score !== null);

  const expect = (what: string, stated: string | undefined, actual: string): void => {
    if (stated === undefined) {
      problems.push(`${what}: the report does not state it (expected ${actual})`);
    } else if (stated !== actual) {
      problems.push(`${what}: the report says ${stated}, the API gives ${actual}`);
    }
  };

  // Scope and tiers.
  const scope = /([\d,]+) assessed of ([\d,]+) in scope/.exec(flat);
  expect('suppliers assessed', scope?.[1], grouped(assessed.length));
  expect('suppliers in scope', scope?.[2], grouped(suppliers.length));
  for (const tier of TIERS) {
    const count = assessed.filter((supplier) => supplier.tier === tier).length;
    const legend = new RegExp(`${TIER_WORDS[tier]}: ([\\d,]+) \\((\\d+%)\\)`).exec(flat);
    expect(`${tier} suppliers`, legend?.[1], grouped(count));
    expect(`share of ${tier} suppliers`, legend?.[2], percent(count, assessed.length));
  }
  const redFlagged = assessed.filter((supplier) => supplier.redFlagCount > 0).length;
  expect('red-flagged suppliers', /Red-flagged suppliers \(([\d,]+)\)/.exec(flat)?.[1], grouped(redFlagged));
  const average = assessed.reduce((sum, supplier) => sum + supplier.score!, 0) / Math.max(1, assessed.length);
  expect('average score', /The average score is ([\d.]+) out of 100/.exec(flat)?.[1], oneDecimal(average));

  // The priority list: its length and its order, which the report says is the work list's.
  const listed = Math.min(50, assessed.length);
  expect(
    'suppliers in the priority list',
    /Priority list: the (\d+) suppliers to act on first/.exec(flat)?.[1],
    String(listed),
  );
  if (assessed.length > listed) {
    expect(
      'suppliers after the priority list',
      /The other ([\d,]+) suppliers assessed follow in the same order/.exec(flat)?.[1],
      grouped(assessed.length - listed),
    );
  }
  if (!/Ordered as the work list \(the supplier list sorted by priority\)/.test(flat)) {
    problems.push('priority list: the report does not say how it is ordered');
  }
  const prioritySection = between(squashed, squash('Priority list: the'), squash('Red-flagged suppliers ('));
  const head = assessed.slice(0, listed);
  const outOfOrder = firstOutOfOrder(
    prioritySection,
    head.map((supplier, index) => `${index + 1}${squash(supplier.name)}`),
  );
  if (outOfOrder >= 0) {
    problems.push(
      `priority list: rank ${outOfOrder + 1} should be ${head[outOfOrder].name} (score ` +
        `${head[outOfOrder].score}), as GET /suppliers?sort=priority has it; it is missing there or out of order`,
    );
  }

  // Countries: every country of the suppliers assessed is named with its figures, riskiest first.
  const countries = countryFigures(assessed);
  expect(
    'countries in the countries-by-risk table',
    /All ([\d,]+) countr(?:y|ies) of the suppliers assessed/.exec(flat)?.[1],
    grouped(countries.length),
  );
  const heatNote = /The \d+ countries with the most suppliers are shown, of ([\d,]+)/.exec(flat);
  if (countries.length > 25) {
    expect('countries behind the heat table', heatNote?.[1], grouped(countries.length));
  }
  const byRisk = between(squashed, squash('Countries by risk'), squash('Priority list: the'));
  const missing = [...countries]
    .sort((a, b) => b.max - a.max)
    .filter(
      (country) =>
        !byRisk.includes(
          squash(
            `${countryName(country.code)} ${grouped(country.count)} ${country.max} ` +
              `${oneDecimal(country.total / country.count)} ${grouped(country.highOrCritical)} ${grouped(country.critical)}`,
          ),
        ),
    );
  if (missing.length > 0) {
    problems.push(
      `countries: ${missing.length} of ${countries.length} countries are not listed with their figures (` +
        missing
          .slice(0, 8)
          .map(
            (country) => `${countryName(country.code)}: ${country.count} suppliers, highest ${country.max}`,
          )
          .join('; ') +
        ')',
    );
  } else {
    const riskiestFirst = [...countries].sort(
      (a, b) => b.max - a.max || b.total / b.count - a.total / a.count || b.count - a.count,
    );
    const order = firstOutOfOrder(
      byRisk,
      riskiestFirst.map((country) => squash(`${countryName(country.code)} ${grouped(country.count)}`)),
    );
    if (order >= 0) {
      problems.push(
        `countries by risk: ${countryName(riskiestFirst[order].code)} is out of order (highest score first)`,
      );
    }
  }

  // Screening: hits confirmed and awaiting review, and the suppliers they are at.
  const screened =
    /([\d,]+) hits? (?:is|are) confirmed \(([\d,]+) suppliers?\) and ([\d,]+) hits? awaits? review \(([\d,]+) suppliers?\)/.exec(
      flat,
    );
  const sum = (count: (supplier: SupplierSummary) => number): number =>
    suppliers.reduce((total, supplier) => total + count(supplier), 0);
  expect('confirmed hits', screened?.[1], grouped(sum((supplier) => supplier.screening.confirmed)));
  expect(
    'suppliers with a confirmed hit',
    screened?.[2],
    grouped(sum((supplier) => (supplier.screening.confirmed > 0 ? 1 : 0))),
  );
  expect('hits awaiting review', screened?.[3], grouped(sum((supplier) => supplier.screening.open)));
  expect(
    'suppliers with hits awaiting review',
    screened?.[4],
    grouped(sum((supplier) => (supplier.screening.open > 0 ? 1 : 0))),
  );

  problems.push(...provenanceProblems(flat, expected.uploads));
  return problems;
}

/** The import provenance: which uploads it cites, that it says when it cites only some, that its counts add up. */
function provenanceProblems(flat: string, uploads: readonly ImportBatchView[]): string[] {
  const problems: string[] = [];
  const completed = uploads
    .filter((upload) => upload.status === 'completed')
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const section = between(flat, 'Import provenance', 'Data confidence');
  // A hash may wrap inside its cell: found squashed, its row's figures read after its last characters.
  const squashedSection = squash(section);
  const cited = completed
    .map((upload) => ({ sha: upload.fileSha256, at: squashedSection.indexOf(upload.fileSha256) }))
    .filter((found) => found.at >= 0)
    .sort((a, b) => a.at - b.at)
    .map((found) => found.sha);
  const partial = /The ([\d,]+) newest of ([\d,]+) uploads Vigil has imported/.exec(section);
  const whole = /All ([\d,]+) uploads? Vigil has imported/.exec(section);
  if (partial) {
    if (toNumber(partial[2]) !== completed.length) {
      problems.push(`provenance: says ${partial[2]} uploads in all, GET /imports lists ${completed.length}`);
    }
    if (toNumber(partial[1]) !== cited.length) {
      problems.push(`provenance: says ${partial[1]} uploads are shown, ${cited.length} are`);
    }
  } else if (whole) {
    if (toNumber(whole[1]) !== completed.length || cited.length !== completed.length) {
      problems.push(
        `provenance: says all ${whole[1]} uploads are shown; it shows ${cited.length} of the ` +
          `${completed.length} GET /imports lists`,
      );
    }
  } else if (cited.length !== completed.length) {
    problems.push(
      `provenance: shows ${cited.length} of ${completed.length} uploads without saying that it is cut or where ` +
        'the rest are',
    );
  }
  const newest = completed.slice(0, cited.length).map((upload) => upload.fileSha256);
  if (cited.join() !== newest.join()) {
    problems.push('provenance: the uploads shown are not the newest ones, newest first');
  }
  // Each row's counts: rows read, then the classes they fall into, which must add up to it.
  for (const upload of completed.slice(0, cited.length)) {
    const row = new RegExp(`${upload.fileSha256.slice(-6)}.*?UTC((?: [\\d,]+)+)`).exec(section);
    const counts = row?.[1].trim().split(' ').map(toNumber) ?? [];
    const [read, ...classes] = counts;
    const api = upload.counts;
    if (read !== api.read) {
      problems.push(
        `provenance: ${upload.fileName} rows read ${read ?? 'not stated'}, GET /imports ${api.read}`,
      );
    } else if (classes.reduce((sum, count) => sum + count, 0) !== read) {
      problems.push(
        `provenance: ${upload.fileName} counts ${classes.join(' + ')} do not add up to ${read} rows read`,
      );
    }
  }
  return problems;
}

/** What a supplier report states of its supplier that the supplier list also gives. */
export function supplierReportProblems(pdf: ExtractedPdf, supplier: SupplierSummary): string[] {
  const problems: string[] = [];
  const flat = pdf.pages.join(' ').normalize('NFC').replace(/\s+/g, ' ');
  const squashed = squash(flat);
  const who = `${supplier.name} (${supplier.id})`;
  const tier = /RISK TIER (CRITICAL|HIGH|MEDIUM|LOW)/.exec(flat)?.[1];
  if (tier !== supplier.tier?.toUpperCase()) {
    problems.push(`${who}: tier ${tier ?? 'not stated'}, the supplier list gives ${supplier.tier}`);
  }
  const score = /SCORE(?: FROM KNOWN FACTS)? ([\d.]+) \/ 100/.exec(flat)?.[1];
  if (score === undefined || Number(score) !== supplier.score) {
    problems.push(`${who}: score ${score ?? 'not stated'}, the supplier list gives ${supplier.score}`);
  }
  const flags = /(\d+) red flags? · /.exec(flat)?.[1];
  if (flags === undefined || Number(flags) !== supplier.redFlagCount) {
    problems.push(
      `${who}: ${flags ?? 'no'} red flags stated, the supplier list gives ${supplier.redFlagCount}`,
    );
  }
  if (
    supplier.priorityReason &&
    !squashed.includes(squash(`Work-list priority: ${supplier.priorityReason}.`))
  ) {
    problems.push(`${who}: the work-list reason is not the supplier list's "${supplier.priorityReason}"`);
  }
  if (!squashed.includes(squash(countryName(supplier.country)))) {
    problems.push(`${who}: the country ${countryName(supplier.country)} is not named`);
  }
  if (supplier.range) {
    const range =
      supplier.range.low === supplier.range.high
        ? `${supplier.range.low}`
        : `${supplier.range.low}-${supplier.range.high}`;
    if (!squashed.includes(squash(range))) {
      problems.push(`${who}: the range ${range} is not stated`);
    }
  }
  return problems;
}

/** The export's Suppliers and Uploads sheets against the same pages: every supplier once, in the work list's order. */
export function exportProblems(workbook: ExcelJS.Workbook, expected: PortfolioExpectation): string[] {
  const problems: string[] = [];
  const sheet = workbook.getWorksheet('Suppliers');
  if (!sheet) {
    return ['export: no Suppliers sheet'];
  }
  const column = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, index) => column.set(cell.text, index));
  const needed = [
    'Rank',
    'Vigil supplier id',
    'Score',
    'Risk tier',
    'Red flags',
    'Screening',
    'Priority reason',
  ];
  const absent = [...needed, 'Country code', 'Address', 'City', 'Range low', 'Range high'].filter(
    (header) => !column.has(header),
  );
  if (absent.length > 0) {
    return [`export: no column ${absent.join(', ')}`];
  }
  const cell = (row: ExcelJS.Row, header: string): ExcelJS.CellValue =>
    row.getCell(column.get(header)!).value;
  const text = (row: ExcelJS.Row, header: string): string => row.getCell(column.get(header)!).text;
  const rows = sheet.rowCount - 1;
  if (rows !== expected.suppliers.length) {
    problems.push(`export: ${rows} suppliers, GET /suppliers has ${expected.suppliers.length}`);
  }
  const orderProblems: string[] = [];
  expected.suppliers.forEach((supplier, index) => {
    const row = sheet.getRow(index + 2);
    const who = `export row ${index + 2}`;
    if (text(row, 'Vigil supplier id') !== supplier.id) {
      orderProblems.push(
        `${who}: ${text(row, 'Vigil supplier id')}, the work list's #${index + 1} is ${supplier.id}`,
      );
      return;
    }
    const differences = [
      cell(row, 'Rank') === index + 1 ? '' : `rank ${text(row, 'Rank')}`,
      (cell(row, 'Score') ?? null) === supplier.score ? '' : `score ${text(row, 'Score')}`,
      text(row, 'Risk tier').toLowerCase() === (supplier.tier ?? 'not assessed')
        ? ''
        : `tier ${text(row, 'Risk tier')}`,
      (cell(row, 'Range low') ?? null) === (supplier.range?.low ?? null) ? '' : 'range low',
      (cell(row, 'Range high') ?? null) === (supplier.range?.high ?? null) ? '' : 'range high',
      (cell(row, 'Red flags') ?? 0) === supplier.redFlagCount ? '' : `red flags ${text(row, 'Red flags')}`,
      text(row, 'Country code') === supplier.country ? '' : `country ${text(row, 'Country code')}`,
      text(row, 'Address') === (supplier.address ?? '') ? '' : 'address',
      text(row, 'City') === (supplier.city ?? '') ? '' : 'city',
      text(row, 'Priority reason') === (supplier.priorityReason ?? '') ? '' : 'priority reason',
      screeningWords(text(row, 'Screening')) === screeningWords(supplier.screening) ? '' : 'screening',
    ].filter(Boolean);
    if (differences.length > 0) {
      problems.push(`${who} (${supplier.name}): ${differences.join(', ')} differ from GET /suppliers`);
    }
  });
  if (orderProblems.length > 0) {
    problems.push(
      `export: ${orderProblems.length} rows out of the work list's order, first ${orderProblems[0]}`,
    );
  }
  problems.push(...uploadsSheetProblems(workbook, expected.uploads));
  return problems;
}

/** A screening status in the words the export uses, or the export's words normalised for comparison. */
function screeningWords(status: SupplierSummary['screening'] | string): string {
  if (typeof status === 'string') {
    return status.toLowerCase();
  }
  const open = status.open > 0 ? `awaiting review (${status.open})` : '';
  if (status.status === 'confirmed') {
    return `confirmed (${status.confirmed})${open ? `; ${open}` : ''}`;
  }
  return open || 'clear';
}

function uploadsSheetProblems(workbook: ExcelJS.Workbook, uploads: readonly ImportBatchView[]): string[] {
  const sheet = workbook.getWorksheet('Uploads');
  if (!sheet) {
    return ['export: no Uploads sheet'];
  }
  // A note row, then the header.
  const column = new Map<string, number>();
  sheet.getRow(2).eachCell((cell, index) => column.set(cell.text, index));
  const completed = uploads
    .filter((upload) => upload.status === 'completed')
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const problems: string[] = [];
  if (sheet.rowCount - 2 !== completed.length) {
    problems.push(
      `export: the Uploads sheet lists ${sheet.rowCount - 2} uploads, GET /imports ${completed.length}`,
    );
  }
  const number = (row: ExcelJS.Row, header: string): number =>
    Number(row.getCell(column.get(header) ?? 0).value);
  completed.forEach((upload, index) => {
    const row = sheet.getRow(index + 3);
    const read = number(row, 'Rows read');
    const classes = ['Imported', 'Duplicates', 'Rejected', 'Blank'].map((header) => number(row, header));
    if (row.getCell(column.get('SHA-256') ?? 0).text !== upload.fileSha256) {
      problems.push(`export: Uploads row ${index + 3} is not ${upload.fileName}, the next newest upload`);
    } else if (read !== upload.counts.read || classes.reduce((sum, count) => sum + count, 0) !== read) {
      problems.push(
        `export: ${upload.fileName}: rows read ${read}, classes ${classes.join(' + ')}, API ${upload.counts.read}`,
      );
    }
  });
  return problems;
}
