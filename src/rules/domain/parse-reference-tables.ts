// The reference tables ruleset.yaml declares and the csv files behind them: each table's metadata, its key (country
// or good x country), the key columns it must have, well-formed and unique rows. Also findTable, by which goods.yaml
// and lookup indicators name a table. A table whose csv fails is remembered as broken so lookups into it stay quiet.
import type { Options as CsvOptions } from 'csv-parse';
import { parse as parseCsv } from 'csv-parse/sync';
import type { RuleReader } from './rule-file-reader.js';
import type { ReferenceKey, ReferenceTableDefinition } from './rule-set-definition.js';
import type { RuleSetIssue } from './rule-set-validation-error.js';
import type { RuleFile } from './parse-shared.js';
import { didYouMean, phraseKey } from './text-matching.js';

export function readReferenceTables(
  reader: RuleReader,
  value: unknown,
  files: Map<string, RuleFile>,
  issues: RuleSetIssue[],
  brokenTables: Set<string>,
): ReferenceTableDefinition[] {
  const items = reader.list(value, 'reference tables', { nonEmpty: false }) ?? [];
  const tables: ReferenceTableDefinition[] = [];
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const at = reader.at(index);
    const map = at.mapping(
      item,
      ['id', 'file', 'key', 'title', 'publisher', 'edition', 'source'],
      ['id', 'file', 'key', 'title', 'publisher', 'edition'],
    );
    if (!map) {
      return;
    }
    const id = map.id === undefined ? undefined : at.at('id').text(map.id);
    const file = map.file === undefined ? undefined : at.at('file').text(map.file);
    const title = map.title === undefined ? undefined : at.at('title').text(map.title);
    const publisher = map.publisher === undefined ? undefined : at.at('publisher').text(map.publisher);
    const edition = map.edition === undefined ? undefined : at.at('edition').text(map.edition);
    const source = at.at('source').optionalText(map.source);
    let key: ReferenceKey | undefined;
    if (map.key === 'country' || map.key === 'good-country') {
      key = map.key;
    } else if (map.key !== undefined) {
      at.report(`key must be "country" or "good-country", found ${JSON.stringify(map.key)}`, 'key');
    }
    if (id !== undefined && seen.has(id)) {
      at.report(`duplicate reference table id "${id}"`, 'id');
    }
    if (id !== undefined) {
      seen.add(id);
    }
    if (!id || !file || !key || !title || !publisher || !edition) {
      if (id) {
        brokenTables.add(id);
      }
      return;
    }
    const csv = files.get(file);
    if (!csv) {
      at.report(`reference table file "${file}" is not in the rule set`, 'file');
      brokenTables.add(id);
      return;
    }
    const data = readCsvTable(csv, key, issues);
    if (data) {
      tables.push({ id, file, key, title, publisher, edition, ...(source ? { source } : {}), ...data });
    } else {
      brokenTables.add(id);
    }
  });
  return tables;
}

function readCsvTable(
  file: RuleFile,
  key: ReferenceKey,
  issues: RuleSetIssue[],
): { columns: string[]; rows: string[][] } | undefined {
  let records: string[][];
  try {
    // Every cell stays text: Namibia's code is the literal "NA".
    const options: CsvOptions = { bom: true, skip_empty_lines: true, trim: true };
    records = parseCsv(file.content, options);
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    issues.push({ file: file.path, line, message: `csv error: ${(error as Error).message}` });
    return undefined;
  }
  const [columns, ...rows] = records;
  if (!columns) {
    issues.push({ file: file.path, message: 'the csv file is empty' });
    return undefined;
  }
  const keyColumns = key === 'country' ? ['alpha2'] : ['alpha2', 'good'];
  const missing = keyColumns.filter((column) => !columns.includes(column));
  if (missing.length > 0) {
    issues.push({
      file: file.path,
      line: 1,
      message: `a ${key} table needs the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`,
    });
    return undefined;
  }
  const alpha2 = columns.indexOf('alpha2');
  const good = columns.indexOf('good');
  const seen = new Map<string, number>();
  let valid = true;
  rows.forEach((row, index) => {
    const line = index + 2;
    if (!/^[A-Z]{2}$/.test(row[alpha2])) {
      issues.push({
        file: file.path,
        line,
        field: 'alpha2',
        message: `"${row[alpha2]}" is not an ISO alpha-2 code`,
      });
      valid = false;
    }
    const rowKey = key === 'country' ? row[alpha2] : `${row[alpha2]} / ${phraseKey(row[good])}`;
    const first = seen.get(rowKey);
    if (first !== undefined) {
      issues.push({ file: file.path, line, message: `duplicate row for ${rowKey} (first on line ${first})` });
      valid = false;
    }
    seen.set(rowKey, line);
  });
  return valid ? { columns, rows } : undefined;
}

/**
 * The reference table a rule names, or undefined with an issue "unknown reference table" (a table that failed to
 * load was reported already, so it is not reported again).
 */
export function findTable(
  reader: RuleReader,
  tableId: string | undefined,
  tables: ReferenceTableDefinition[],
  brokenTables: Set<string>,
): ReferenceTableDefinition | undefined {
  const table = tables.find((candidate) => candidate.id === tableId);
  if (tableId !== undefined && !table && !brokenTables.has(tableId)) {
    reader.report(
      `unknown reference table "${tableId}"${didYouMean(
        tableId,
        tables.map((t) => t.id),
      )}`,
      'table',
    );
  }
  return table;
}
