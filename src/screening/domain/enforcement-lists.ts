import { createHash } from 'node:crypto';
import { parse as parseCsv } from 'csv-parse/sync';
import { countryByAlpha2 } from '../../common/countries/country-resolver.js';
import { isCalendarDate } from '../../common/dates/iso-date.js';
import { parseAreaScope, type AreaScope } from './area-orders.js';
import { annotationsFor, type OrderStatus } from './list-annotations.js';
import type { ListEditionIssue } from './list-edition-error.js';
import { ListEditionError } from './list-edition-error.js';
import { splitAliases, splitCbpEntity, type ListedParty } from './listed-parties.js';

// A list edition is a csv file with the shipped file's columns, read whole: every row valid or the edition
// refused with every problem found (file, line, column, what is wrong). An edition carries what an assessment
// cites: the list, the as-of date, the source, the row count and the sha256 of its bytes.

export type ListKind = 'uflpa' | 'cbp-wro';

export interface EditionInput {
  /** The file name as given (cited in errors). */
  file: string;
  content: Buffer | string;
  /** The date the edition describes the list as of (YYYY-MM-DD). */
  asOf: string;
  /** Publisher and address the edition came from. */
  source: string;
  /** What the edition covers, in the words reports print ("148 of the 187 entities listed as of …"). */
  coverage?: string;
}

export interface EditionInfo {
  kind: ListKind;
  file: string;
  asOf: string;
  source: string;
  coverage?: string;
  /** Data rows, the header not counted. */
  rowCount: number;
  sha256: string;
}

export type UflpaSection = 'i' | 'ii' | 'iv' | 'v';

export interface UflpaEntry {
  /** Stable within and across editions while the entry's section and name stay: "uflpa:v:hetian-taida-apparel-co-ltd". */
  id: string;
  line: number;
  name: string;
  aliases: string[];
  section: UflpaSection;
  /** As the list writes it: "2(d)(2)(B)(v)". */
  sectionText: string;
  effectiveDate: string;
  includesSubsidiaries: boolean;
  source: string;
  /** Read from a secondary source (list-annotations.ts): raises only potential hits. */
  secondarySource: boolean;
}

export interface UflpaEdition extends EditionInfo {
  kind: 'uflpa';
  entries: UflpaEntry[];
  /** Distinct entities: rows naming the same entity under several sections count once. */
  entityCount: number;
}

export type OrderType = 'WRO' | 'Finding' | 'Modification/Revocation';

export interface RemovedParty {
  name: string;
  /** Date of the Modification/Revocation row that removed it. */
  date: string;
  line: number;
}

export interface CbpOrder {
  id: string;
  line: number;
  date: string;
  /** ISO alpha-2; undefined for fishing vessels, whose flag state CBP does not give. */
  country?: string;
  entity: string;
  merchandise: string;
  type: OrderType;
  source: string;
  /** The named parties; empty for an area order or a Modification/Revocation. */
  parties: ListedParty[];
  /** For entity "all": the area and goods covered. */
  area?: AreaScope;
  /** On the edition date: revoked orders and Modification/Revocation rows raise no hit, nor inactive ones. */
  status: OrderStatus;
  /** Parties a later Modification/Revocation removed from the order: they raise no hit. */
  removedParties: RemovedParty[];
  /** Products a later Modification/Revocation removed from the order. */
  removedProducts: { product: string; date: string; line: number }[];
  /** CBP's remarks on the order (e.g. that UFLPA enforcement superseded it). */
  remarks: string[];
  /** For a Modification/Revocation: the ids of the orders it changes. */
  modifies: string[];
}

export interface CbpEdition extends EditionInfo {
  kind: 'cbp-wro';
  orders: CbpOrder[];
}

const UFLPA_COLUMNS = ['name', 'aliases', 'section', 'effective_date', 'includes_subsidiaries', 'source'];
const CBP_COLUMNS = ['date', 'country', 'entity', 'merchandise', 'type', 'source'];
const SECTION = /^2\(d\)\(2\)\(B\)\((i|ii|iii|iv|v)\)$/;
const ORDER_TYPES: readonly OrderType[] = ['WRO', 'Finding', 'Modification/Revocation'];

export function sha256OfBytes(content: Buffer | string): string {
  return createHash('sha256').update(content).digest('hex');
}

interface CsvRow {
  line: number;
  cells: Record<string, string>;
}

/** The rows of a csv edition with the given columns, or issues (bad encoding, csv syntax, missing columns). */
function readRows(input: EditionInput, columns: readonly string[], issues: ListEditionIssue[]): CsvRow[] {
  const bytes = typeof input.content === 'string' ? Buffer.from(input.content, 'utf8') : input.content;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    issues.push({ file: input.file, message: 'the file is not UTF-8 text; save it as CSV UTF-8' });
    return [];
  }
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // With `info`, each record comes with the line it ends on.
    records = parseCsv(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    issues.push({
      file: input.file,
      line,
      message: `the file is not valid CSV: ${(error as Error).message}`,
    });
    return [];
  }
  const [header, ...data] = records;
  if (!header) {
    issues.push({ file: input.file, message: 'the file is empty' });
    return [];
  }
  const names = header.record.map((cell) => cell.trim().toLowerCase());
  const missing = columns.filter((column) => !names.includes(column));
  for (const column of missing) {
    issues.push({ file: input.file, line: 1, column, message: `the column "${column}" is missing` });
  }
  if (missing.length > 0) {
    return [];
  }
  if (data.length === 0) {
    issues.push({ file: input.file, message: 'the file has a header but no rows' });
  }
  return data.map(({ record, info }) => {
    if (record.length !== names.length) {
      issues.push({
        file: input.file,
        line: info.lines,
        message: `the row has ${record.length} cells where the header has ${names.length}`,
      });
    }
    const cells: Record<string, string> = {};
    names.forEach((name, index) => {
      cells[name] = (record[index] ?? '').trim();
    });
    return { line: info.lines, cells };
  });
}

function checkEditionInput(input: EditionInput, issues: ListEditionIssue[]): void {
  if (!isCalendarDate(input.asOf)) {
    issues.push({
      file: input.file,
      message: `the as-of date "${input.asOf}" is not a date written YYYY-MM-DD`,
    });
  }
}

/** What an edition of either list cites of itself. */
function editionInfoOf(
  kind: ListKind,
  input: EditionInput,
  file: string,
  rowCount: number,
  sha256: string,
): EditionInfo {
  return {
    kind,
    file,
    asOf: input.asOf,
    source: input.source,
    ...(input.coverage ? { coverage: input.coverage } : {}),
    rowCount,
    sha256,
  };
}

function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Parses and validates a UFLPA Entity List edition; throws ListEditionError with every problem found. */
export function parseUflpaEdition(input: EditionInput): UflpaEdition {
  const issues: ListEditionIssue[] = [];
  checkEditionInput(input, issues);
  const rows = readRows(input, UFLPA_COLUMNS, issues);
  const sha256 = sha256OfBytes(input.content);
  const secondary = new Set(annotationsFor(sha256).secondaryUflpaNames);
  const entries: UflpaEntry[] = [];
  const firstLineOfId = new Map<string, number>();
  const file = input.file;
  for (const { line, cells } of rows) {
    const name = cells.name;
    if (name === '') {
      issues.push({ file, line, column: 'name', message: 'the name is blank' });
    }
    const sectionMatch = SECTION.exec(cells.section);
    if (!sectionMatch) {
      issues.push({
        file,
        line,
        column: 'section',
        message: `"${cells.section}" is not a section of the UFLPA Entity List (2(d)(2)(B)(i), (ii), (iv) or (v))`,
      });
    } else if (sectionMatch[1] === 'iii') {
      issues.push({
        file,
        line,
        column: 'section',
        message: 'section 2(d)(2)(B)(iii) lists products, not entities',
      });
    }
    if (!isCalendarDate(cells.effective_date)) {
      issues.push({
        file,
        line,
        column: 'effective_date',
        message: `"${cells.effective_date}" is not a date written YYYY-MM-DD`,
      });
    }
    if (cells.includes_subsidiaries !== 'yes' && cells.includes_subsidiaries !== 'no') {
      issues.push({
        file,
        line,
        column: 'includes_subsidiaries',
        message: `"${cells.includes_subsidiaries}" must be yes or no`,
      });
    }
    if (name === '' || !sectionMatch || sectionMatch[1] === 'iii') {
      continue;
    }
    const section = sectionMatch[1] as UflpaSection;
    const id = `uflpa:${section}:${slug(name)}`;
    const first = firstLineOfId.get(id);
    if (first !== undefined) {
      issues.push({
        file,
        line,
        column: 'name',
        message: `"${name}" is listed twice in section (${section}) (first on line ${first})`,
      });
      continue;
    }
    firstLineOfId.set(id, line);
    entries.push({
      id,
      line,
      name,
      aliases: splitAliases(cells.aliases),
      section,
      sectionText: cells.section,
      effectiveDate: cells.effective_date,
      includesSubsidiaries: cells.includes_subsidiaries === 'yes',
      source: cells.source,
      secondarySource: secondary.has(name),
    });
  }
  if (issues.length > 0) {
    throw new ListEditionError(byLine(issues));
  }
  return {
    ...editionInfoOf('uflpa', input, file, rows.length, sha256),
    kind: 'uflpa',
    entries,
    entityCount: new Set(entries.map((entry) => slug(entry.name).replace(/-/g, ''))).size,
  };
}

/** Parses and validates a CBP withhold release orders edition; throws ListEditionError with every problem found. */
export function parseCbpEdition(input: EditionInput): CbpEdition {
  const issues: ListEditionIssue[] = [];
  checkEditionInput(input, issues);
  const rows = readRows(input, CBP_COLUMNS, issues);
  const sha256 = sha256OfBytes(input.content);
  const file = input.file;
  const orders: CbpOrder[] = [];
  const ids = new Map<string, number>();
  for (const { line, cells } of rows) {
    const valid = checkOrderRow(file, line, cells, issues);
    if (!valid) {
      continue;
    }
    const type = cells.type as OrderType;
    const country = cells.country === '' ? undefined : cells.country;
    const base = `cbp-wro:${cells.date}:${slug(type === 'Modification/Revocation' ? 'modification' : type)}:${slug(cells.entity).slice(0, 48)}`;
    const seen = (ids.get(base) ?? 0) + 1;
    ids.set(base, seen);
    const isArea = cells.entity.toLowerCase() === 'all';
    orders.push({
      id: seen === 1 ? base : `${base}-${seen}`,
      line,
      date: cells.date,
      ...(country ? { country } : {}),
      entity: cells.entity,
      merchandise: cells.merchandise,
      type,
      source: cells.source,
      parties: isArea || type === 'Modification/Revocation' ? [] : splitCbpEntity(cells.entity),
      ...(isArea && country
        ? { area: parseAreaScope(country, cells.merchandise, countryByAlpha2(country)?.name ?? country) }
        : {}),
      status: type === 'Modification/Revocation' ? 'revoked' : 'active',
      removedParties: [],
      removedProducts: [],
      remarks: [],
      modifies: [],
    });
  }
  applyAnnotations(sha256, orders, file, issues);
  applyModifications(orders, file, issues);
  if (issues.length > 0) {
    throw new ListEditionError(byLine(issues));
  }
  return {
    ...editionInfoOf('cbp-wro', input, file, rows.length, sha256),
    kind: 'cbp-wro',
    orders,
  };
}

function checkOrderRow(
  file: string,
  line: number,
  cells: Record<string, string>,
  issues: ListEditionIssue[],
): boolean {
  const before = issues.length;
  if (!isCalendarDate(cells.date)) {
    issues.push({ file, line, column: 'date', message: `"${cells.date}" is not a date written YYYY-MM-DD` });
  }
  if (cells.country !== '' && countryByAlpha2(cells.country)?.alpha2 !== cells.country) {
    issues.push({
      file,
      line,
      column: 'country',
      message: `"${cells.country}" is not an ISO 3166 alpha-2 country code (e.g. CN, MY); leave it blank only for vessels`,
    });
  }
  if (cells.entity === '') {
    issues.push({
      file,
      line,
      column: 'entity',
      message: 'the entity is blank (write "all" for an order on an area)',
    });
  }
  if (cells.entity.toLowerCase() === 'all' && cells.country === '') {
    issues.push({
      file,
      line,
      column: 'country',
      message: 'an order on "all" of an area needs the area\'s country',
    });
  }
  if (cells.merchandise === '') {
    issues.push({ file, line, column: 'merchandise', message: 'the merchandise is blank' });
  }
  if (!ORDER_TYPES.includes(cells.type as OrderType)) {
    issues.push({
      file,
      line,
      column: 'type',
      message: `"${cells.type}" is not a type of order (WRO, Finding or Modification/Revocation)`,
    });
  }
  return issues.length === before;
}

function applyAnnotations(
  sha256: string,
  orders: CbpOrder[],
  file: string,
  issues: ListEditionIssue[],
): void {
  for (const annotation of annotationsFor(sha256).orders) {
    const targets = orders.filter(
      (order) =>
        order.type !== 'Modification/Revocation' &&
        order.date === annotation.date &&
        (order.country ?? '') === annotation.country &&
        order.entity.startsWith(annotation.entityStartsWith),
    );
    if (targets.length === 0) {
      // The annotation table is wrong for this edition: a programming error the spec catches, not the officer's.
      issues.push({
        file,
        message: `no order of ${annotation.date} for "${annotation.entityStartsWith}" to annotate`,
      });
    }
    for (const order of targets) {
      if (annotation.status) {
        order.status = annotation.status;
      }
      if (annotation.remark) {
        order.remarks.push(annotation.remark);
      }
    }
  }
}

// The merchandise cell of a Modification/Revocation row says what it changes (rules/reference/lists/SOURCES.md):
// "(producers removed from the 1998-07-21 Nepal carpet WRO)", "Viscose/Rayon Fiber removed from the 2016-03-29 WRO",
// "(Finding of 2022-01-28 no longer necessary)". Without a date, it changes the earlier orders naming its parties.
const PRODUCERS_REMOVED = /\bproducers? removed from the (\d{4}-\d{2}-\d{2})\b/i;
const PRODUCT_REMOVED = /^(.+?)\s+removed from the (\d{4}-\d{2}-\d{2})\b/i;
const NO_LONGER_NECESSARY = /\b(?:Finding|WRO) of (\d{4}-\d{2}-\d{2}) no longer necessary/i;

function applyModifications(orders: CbpOrder[], file: string, issues: ListEditionIssue[]): void {
  for (const modification of orders.filter((order) => order.type === 'Modification/Revocation')) {
    const sameCountry = (order: CbpOrder) =>
      order.type !== 'Modification/Revocation' &&
      order.country === modification.country &&
      order.date < modification.date;
    const text = modification.merchandise;
    const names = splitCbpEntity(modification.entity).map((party) => party.name);
    const producers = PRODUCERS_REMOVED.exec(text);
    const revoked = NO_LONGER_NECESSARY.exec(text);
    const product = producers ? null : PRODUCT_REMOVED.exec(text);
    const date = producers?.[1] ?? revoked?.[1] ?? product?.[2];
    let targets: CbpOrder[];
    if (date !== undefined) {
      targets = orders.filter((order) => sameCountry(order) && order.date === date);
    } else {
      targets = orders.filter(
        (order) => sameCountry(order) && order.parties.some((p) => names.some((n) => sameName(p.name, n))),
      );
    }
    if (targets.length === 0) {
      issues.push({
        file,
        line: modification.line,
        column: 'merchandise',
        message:
          'this Modification/Revocation names no earlier order of the file for its country (write "… removed from the YYYY-MM-DD WRO" or name the order\'s parties)',
      });
      continue;
    }
    for (const order of targets) {
      modification.modifies.push(order.id);
      if (revoked) {
        order.status = 'revoked';
      } else if (product) {
        order.removedProducts.push({
          product: product[1].trim(),
          date: modification.date,
          line: modification.line,
        });
      } else {
        // Producers removed from a named order leave it; removed from an area order, they are exempted from it.
        for (const name of names) {
          order.removedParties.push({ name, date: modification.date, line: modification.line });
        }
        const removed = (party: ListedParty) =>
          order.removedParties.some((r) => sameName(r.name, party.name));
        if (order.parties.length > 0 && order.parties.every(removed)) {
          order.status = 'revoked';
        }
      }
    }
  }
}

function sameName(a: string, b: string): boolean {
  return slug(a).replace(/-/g, '') === slug(b).replace(/-/g, '');
}

/** Issues in the order of the file (stable: a line's problems keep their column order). */
function byLine(issues: ListEditionIssue[]): ListEditionIssue[] {
  return [...issues].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}
