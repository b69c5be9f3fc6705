import type { Options as CsvOptions } from 'csv-parse';
import { parse as parseCsv } from 'csv-parse/sync';
import { LineCounter, parseDocument } from 'yaml';
import { RISK_TIERS, type RiskTier } from '../../scoring/domain/assessment-result.js';
import { SECTORS, type Sector, type SupplierField } from '../../suppliers/domain/supplier-record.js';
import { RuleFileContext, RuleReader, isMapping } from './rule-file-reader.js';
import type {
  Band,
  CategoryDefinition,
  Condition,
  ConditionOperator,
  GoodsDefinition,
  IndicatorDefinition,
  NumericBand,
  RedFlagDefinition,
  ReferenceKey,
  ReferenceTableDefinition,
  RuleSetDefinition,
  ScalarValue,
  SectorDefinition,
  SectorGoodsDefinition,
  TierThresholds,
  UnknownAnswers,
} from './rule-set-definition.js';
import { RuleSetValidationError, type RuleSetIssue } from './rule-set-validation-error.js';
import { SUPPLIER_FIELDS, SUPPLIER_FIELD_NAMES, isSupplierField, type FieldType } from './supplier-fields.js';
import { goodsNameKey } from './goods-matching.js';
import { didYouMean, foldValue, phraseKey } from './text-matching.js';

export interface RuleFile {
  /** Relative to the rules directory, with forward slashes: "ruleset.yaml", "indicators/country.yaml". */
  path: string;
  content: string;
}

export const RULESET_FILE = 'ruleset.yaml';
export const TAXONOMY_FILE = 'taxonomy.yaml';
export const GOODS_FILE = 'goods.yaml';
const INDICATOR_FILE = /^indicators\/[^/]+\.ya?ml$/;

const OPERATORS: readonly ConditionOperator[] = [
  'equals',
  'in',
  'gt',
  'gte',
  'lt',
  'lte',
  'between',
  'present',
  'missing',
  'containsAny',
  'withinMonths',
];

const INDICATOR_KEYS = [
  'id',
  'title',
  'category',
  'description',
  'when',
  'points',
  'missingPoints',
  'scale',
  'lookup',
  'bands',
  'notFoundPoints',
  'reduction',
  'evidence',
  'followUp',
  'actions',
  'redFlag',
  'unknown',
] as const;

const ID_PATTERN = /^[a-z0-9]+(?:[.-][a-z0-9]+)*$/;
const LOOKUP_PLACEHOLDERS = ['value', 'table', 'edition', 'publisher'];
const GOOD_PLACEHOLDERS = ['good', 'product'];

// Locale-independent, so the definition (and its hash) is the same on every machine.
function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

interface ParsedYaml {
  reader: RuleReader;
  value: unknown;
}

/**
 * Validates every rule file (YAML and the reference csv they declare) and returns the normalised definition.
 * Throws RuleSetValidationError listing every problem found, each naming the file, indicator and field.
 */
export function parseRuleSet(files: RuleFile[]): RuleSetDefinition {
  const issues: RuleSetIssue[] = [];
  const byPath = new Map(files.map((file) => [file.path, file]));
  const yamlFiles = new Map<string, ParsedYaml>();
  for (const file of [...files].sort((a, b) => byCodePoint(a.path, b.path))) {
    if (!/\.ya?ml$/.test(file.path)) {
      continue;
    }
    const parsed = parseYaml(file, issues);
    if (parsed) {
      yamlFiles.set(file.path, parsed);
    }
    if (file.path !== RULESET_FILE && file.path !== TAXONOMY_FILE && file.path !== GOODS_FILE) {
      if (!INDICATOR_FILE.test(file.path)) {
        issues.push({
          file: file.path,
          message: `not a rule file this loader knows: use ${RULESET_FILE}, ${TAXONOMY_FILE}, ${GOODS_FILE} or indicators/<name>.yaml`,
        });
      }
    }
  }
  for (const required of [RULESET_FILE, TAXONOMY_FILE]) {
    if (!byPath.has(required)) {
      issues.push({ file: required, message: `${required} is missing from the rule set` });
    }
  }

  const header = readRuleSetHeader(yamlFiles.get(RULESET_FILE), byPath, issues);
  const taxonomy = readTaxonomy(yamlFiles.get(TAXONOMY_FILE));
  const goods = readGoods(yamlFiles.get(GOODS_FILE), header.tables, header.brokenTables, taxonomy);
  const indicators: IndicatorDefinition[] = [];
  const firstSeen = new Map<string, string>();
  for (const [path, parsed] of yamlFiles) {
    if (INDICATOR_FILE.test(path)) {
      for (const indicator of readIndicatorFile(parsed, header, taxonomy ?? [], firstSeen)) {
        indicators.push(indicator);
      }
    }
  }
  if (
    yamlFiles.size > 0 &&
    indicators.length === 0 &&
    ![...yamlFiles.keys()].some((p) => INDICATOR_FILE.test(p))
  ) {
    issues.push({ file: 'indicators/', message: 'the rule set has no indicator files (indicators/*.yaml)' });
  }

  if (issues.length > 0 || !header.complete || !taxonomy) {
    throw new RuleSetValidationError(
      issues.length > 0 ? issues : [{ file: RULESET_FILE, message: 'the rule set is incomplete' }],
    );
  }
  return {
    name: header.name,
    version: header.version,
    ...(header.description === undefined ? {} : { description: header.description }),
    thresholds: header.thresholds,
    categories: header.categories,
    referenceTables: header.tables,
    taxonomy,
    ...(goods ? { goods } : {}),
    indicators,
  };
}

function parseYaml(file: RuleFile, issues: RuleSetIssue[]): ParsedYaml | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(file.content, { lineCounter, uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    for (const error of doc.errors) {
      issues.push({
        file: file.path,
        line: error.linePos?.[0].line,
        message: `YAML syntax error: ${error.message.split('\n')[0]}`,
      });
    }
    return undefined;
  }
  return {
    reader: new RuleReader(new RuleFileContext(file.path, doc, lineCounter), issues),
    value: doc.toJS({ maxAliasCount: 100 }) as unknown,
  };
}

interface RuleSetHeader {
  complete: boolean;
  name: string;
  version: string;
  description?: string;
  thresholds: TierThresholds;
  categories: CategoryDefinition[];
  tables: ReferenceTableDefinition[];
  /** Declared tables whose csv could not be read: already reported, so lookups into them stay quiet. */
  brokenTables: Set<string>;
}

function readRuleSetHeader(
  parsed: ParsedYaml | undefined,
  files: Map<string, RuleFile>,
  issues: RuleSetIssue[],
): RuleSetHeader {
  const header: RuleSetHeader = {
    complete: false,
    name: '',
    version: '',
    thresholds: { medium: 0, high: 0, critical: 0 },
    categories: [],
    tables: [],
    brokenTables: new Set(),
  };
  if (!parsed) {
    return header;
  }
  const { reader } = parsed;
  const root = reader.mapping(
    parsed.value,
    ['name', 'version', 'description', 'thresholds', 'categories', 'referenceTables'],
    ['name', 'version', 'thresholds', 'categories'],
  );
  if (!root) {
    return header;
  }
  const name = root.name === undefined ? undefined : reader.at('name').text(root.name);
  const version =
    root.version === undefined
      ? undefined
      : reader.at('version').text(root.version, ' (quote it: version: "1.10")');
  const description = reader.at('description').optionalText(root.description);
  const thresholds =
    root.thresholds === undefined ? undefined : readThresholds(reader.at('thresholds'), root.thresholds);
  const categories =
    root.categories === undefined ? undefined : readCategories(reader.at('categories'), root.categories);
  const brokenTables = new Set<string>();
  const tables =
    root.referenceTables === undefined
      ? []
      : readReferenceTables(reader.at('referenceTables'), root.referenceTables, files, issues, brokenTables);
  if (name && version && thresholds && categories) {
    return {
      complete: true,
      name,
      version,
      ...(description === undefined ? {} : { description }),
      thresholds,
      categories,
      tables,
      brokenTables,
    };
  }
  return { ...header, categories: categories ?? [], tables, brokenTables };
}

function readThresholds(reader: RuleReader, value: unknown): TierThresholds | undefined {
  const map = reader.mapping(value, ['medium', 'high', 'critical'], ['medium', 'high', 'critical']);
  if (!map) {
    return undefined;
  }
  const medium = map.medium === undefined ? undefined : reader.at('medium').points(map.medium);
  const high = map.high === undefined ? undefined : reader.at('high').points(map.high);
  const critical = map.critical === undefined ? undefined : reader.at('critical').points(map.critical);
  if (medium === undefined || high === undefined || critical === undefined) {
    return undefined;
  }
  let ordered = true;
  if (medium <= 0) {
    reader.report('thresholds out of order: medium must be above 0 (a score of 0 is low)', 'medium');
    ordered = false;
  }
  if (high <= medium) {
    reader.report(`thresholds out of order: high (${high}) must be above medium (${medium})`, 'high');
    ordered = false;
  }
  if (critical <= high) {
    reader.report(`thresholds out of order: critical (${critical}) must be above high (${high})`, 'critical');
    ordered = false;
  }
  return ordered ? { medium, high, critical } : undefined;
}

function readCategories(reader: RuleReader, value: unknown): CategoryDefinition[] | undefined {
  const items = reader.list(value, 'categories');
  if (!items) {
    return undefined;
  }
  const categories: CategoryDefinition[] = [];
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const at = reader.at(index);
    const map = at.mapping(item, ['id', 'title', 'cap', 'inherent', 'mitigation'], ['id', 'title', 'cap']);
    if (!map) {
      return;
    }
    const id = map.id === undefined ? undefined : at.at('id').text(map.id);
    const title = map.title === undefined ? undefined : at.at('title').text(map.title);
    const cap = map.cap === undefined ? undefined : at.at('cap').points(map.cap);
    const inherent = map.inherent === undefined ? false : at.at('inherent').boolean(map.inherent);
    const mitigation = map.mitigation === undefined ? false : at.at('mitigation').boolean(map.mitigation);
    if (id !== undefined && !ID_PATTERN.test(id)) {
      at.report(`category id "${id}" must be lower-case words joined by "-"`, 'id');
    }
    if (id !== undefined && seen.has(id)) {
      at.report(`duplicate category id "${id}"`, 'id');
    }
    if (inherent && mitigation) {
      at.report('a category cannot be both inherent and a mitigation', 'mitigation');
    }
    if (id !== undefined) {
      seen.add(id);
    }
    if (id && title && cap !== undefined && inherent !== undefined && mitigation !== undefined) {
      categories.push({ id, title, cap, inherent, mitigation });
    }
  });
  return categories.length === items.length ? categories : undefined;
}

function readReferenceTables(
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

function readTaxonomy(parsed: ParsedYaml | undefined): SectorDefinition[] | undefined {
  if (!parsed) {
    return undefined;
  }
  const { reader } = parsed;
  const root = reader.mapping(parsed.value, ['sectors'], ['sectors']);
  const sectorsReader = reader.at('sectors');
  const sectorsMap = root?.sectors === undefined ? undefined : sectorsReader.mapping(root.sectors, SECTORS);
  if (!sectorsMap) {
    return undefined;
  }
  const sectors: SectorDefinition[] = [];
  const owners = new Map<string, string>();
  const claim = (at: RuleReader, phrase: string, owner: string): void => {
    const key = phraseKey(phrase);
    const previous = owners.get(key);
    if (previous !== undefined && previous !== owner) {
      at.report(`"${phrase}" is listed under both ${previous} and ${owner}: a synonym must name one sector`);
    }
    owners.set(key, owner);
  };
  let valid = true;
  for (const sectorId of SECTORS) {
    const at = sectorsReader.at(sectorId);
    const value = sectorsMap[sectorId];
    if (value === undefined) {
      at.report(`sector "${sectorId}" is missing: the taxonomy must describe every canonical sector`);
      valid = false;
      continue;
    }
    const map = at.mapping(value, ['title', 'synonyms', 'subSectors'], ['title']);
    if (!map) {
      valid = false;
      continue;
    }
    const title = map.title === undefined ? undefined : at.at('title').text(map.title);
    const synonyms =
      map.synonyms === undefined
        ? []
        : at.at('synonyms').textList(map.synonyms, 'synonyms', { nonEmpty: false });
    claim(at.at('title'), sectorId, sectorId);
    synonyms?.forEach((synonym, index) => claim(at.at('synonyms', index), synonym, sectorId));
    const subSectors = readSubSectors(at.at('subSectors'), map.subSectors, sectorId, claim);
    if (!title || !synonyms || !subSectors) {
      valid = false;
      continue;
    }
    sectors.push({ id: sectorId, title, synonyms, subSectors });
  }
  return valid ? sectors : undefined;
}

function readSubSectors(
  reader: RuleReader,
  value: unknown,
  sectorId: Sector,
  claim: (at: RuleReader, phrase: string, owner: string) => void,
): SectorDefinition['subSectors'] | undefined {
  if (value === undefined) {
    return [];
  }
  if (!isMapping(value)) {
    reader.report('subSectors must map each sub-sector id to its list of synonyms');
    return undefined;
  }
  const subSectors: SectorDefinition['subSectors'] = [];
  for (const [id, synonymsValue] of Object.entries(value)) {
    const at = reader.at(id);
    if (!ID_PATTERN.test(id)) {
      at.report(`sub-sector id "${id}" must be lower-case words joined by "-"`);
    }
    const synonyms =
      synonymsValue === null ? [] : at.textList(synonymsValue, 'synonyms', { nonEmpty: false });
    if (!synonyms) {
      return undefined;
    }
    claim(at, id.replace(/-/g, ' '), `${sectorId}/${id}`);
    synonyms.forEach((synonym, index) => claim(at.at(index), synonym, `${sectorId}/${id}`));
    subSectors.push({ id, title: id.replace(/-/g, ' '), synonyms });
  }
  // Mapping keys have no order that means anything: sort so the hash does not depend on it.
  return subSectors.sort((a, b) => byCodePoint(a.id, b.id));
}

/**
 * The reference table a rule names, or undefined with an issue "unknown reference table" (a table that failed to
 * load was reported already, so it is not reported again).
 */
function findTable(
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

function readGoods(
  parsed: ParsedYaml | undefined,
  tables: ReferenceTableDefinition[],
  brokenTables: Set<string>,
  taxonomy: SectorDefinition[] | undefined,
): GoodsDefinition | undefined {
  if (!parsed) {
    return undefined;
  }
  const { reader } = parsed;
  const root = reader.mapping(parsed.value, ['table', 'synonyms', 'notGoods', 'sectors'], ['table']);
  if (!root) {
    return undefined;
  }
  const tableId = root.table === undefined ? undefined : reader.at('table').text(root.table);
  const table = findTable(reader, tableId, tables, brokenTables);
  if (table && table.key !== 'good-country') {
    reader.report(`table "${table.id}" is keyed by ${table.key}, not by good x country`, 'table');
  }
  if (!tableId || !table) {
    return undefined;
  }
  const goodColumn = table.columns.indexOf('good');
  const goodNames = [...new Set(table.rows.map((row) => row[goodColumn]))];
  const byKey = new Map(goodNames.map((good) => [phraseKey(good), good]));
  const synonyms: GoodsDefinition['synonyms'] = [];
  const synonymsReader = reader.at('synonyms');
  if (root.synonyms !== undefined && !isMapping(root.synonyms)) {
    synonymsReader.report('synonyms must map each listed good to its other names');
  }
  const map = isMapping(root.synonyms) ? root.synonyms : {};
  for (const [good, namesValue] of Object.entries(map)) {
    const at = synonymsReader.at(good);
    const listed = byKey.get(phraseKey(good));
    if (!listed) {
      at.report(`"${good}" is not a good in table ${table.id}${didYouMean(good, goodNames)}`);
      continue;
    }
    const names = at.textList(namesValue, 'names');
    names?.forEach((name, index) => {
      const other = byKey.get(phraseKey(name));
      if (other !== undefined && other !== listed) {
        at.at(index).report(
          `"${name}" is itself the listed good "${other}": it cannot also mean "${listed}"`,
        );
      }
    });
    if (names) {
      synonyms.push({ good: listed, names });
    }
  }
  const notGoods = readNotGoods(reader.at('notGoods'), root.notGoods, goodNames, synonyms);
  const sectors = readSectorGoods(reader.at('sectors'), root.sectors, table, byKey, goodNames, taxonomy);
  return {
    table: table.id,
    synonyms: synonyms.sort((a, b) => byCodePoint(a.good, b.good)),
    // Only when given: a definition stored before these existed must keep its content hash.
    ...(notGoods && notGoods.length > 0 ? { notGoods } : {}),
    ...(sectors && sectors.length > 0 ? { sectors } : {}),
  };
}

/** Names that hold a good's name but name no good: each must not itself be a good's name or synonym. */
function readNotGoods(
  reader: RuleReader,
  value: unknown,
  goodNames: readonly string[],
  synonyms: GoodsDefinition['synonyms'],
): string[] | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  const names = reader.textList(value, 'names that name no good', { nonEmpty: false });
  if (!names) {
    return undefined;
  }
  const named = new Map<string, string>();
  for (const good of goodNames) {
    named.set(goodsNameKey(good), good);
    named.set(goodsNameKey(good.replace(/\s*\([^)]*\)\s*/g, ' ')), good);
  }
  for (const { good, names: others } of synonyms) {
    others.forEach((name) => named.set(goodsNameKey(name), good));
  }
  names.forEach((name, index) => {
    const good = named.get(goodsNameKey(name));
    if (good !== undefined) {
      reader.at(index).report(`"${name}" names the good "${good}": a name in notGoods must name no good`);
    }
  });
  return names;
}

/**
 * sectors: [{ sector, subSector?, goods }]: the listed goods a sector (or one of its sub-sectors) is evidence of.
 * Sorted by sector and sub-sector, so the order they are written in does not change the hash.
 */
function readSectorGoods(
  reader: RuleReader,
  value: unknown,
  table: ReferenceTableDefinition,
  byKey: ReadonlyMap<string, string>,
  goodNames: readonly string[],
  taxonomy: SectorDefinition[] | undefined,
): SectorGoodsDefinition[] | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  const items = reader.list(value, 'sector entries ({ sector, subSector, goods })', { nonEmpty: false });
  if (!items) {
    return undefined;
  }
  const entries: SectorGoodsDefinition[] = [];
  const seen = new Map<string, number>();
  items.forEach((item, index) => {
    const at = reader.at(index);
    const map = at.mapping(item, ['sector', 'subSector', 'goods'], ['sector', 'goods']);
    if (!map) {
      return;
    }
    let valid = true;
    const sectorText = map.sector === undefined ? undefined : at.at('sector').text(map.sector);
    const sector = SECTORS.find((candidate) => candidate === sectorText);
    if (sectorText !== undefined && !sector) {
      at.report(`"${sectorText}" is not a sector${didYouMean(sectorText, SECTORS)}`, 'sector');
    }
    if (!sector) {
      valid = false;
    }
    const subSector = at.at('subSector').optionalText(map.subSector);
    if (map.subSector !== undefined && map.subSector !== null && subSector === undefined) {
      valid = false;
    }
    // With a broken taxonomy there is nothing to check sub-sectors against; its own issues are reported.
    if (sector && subSector !== undefined && taxonomy) {
      const ids =
        taxonomy.find((definition) => definition.id === sector)?.subSectors.map((sub) => sub.id) ?? [];
      if (!ids.includes(subSector)) {
        const owner = taxonomy.find((definition) =>
          definition.subSectors.some((sub) => sub.id === subSector),
        );
        at.report(
          owner
            ? `"${subSector}" is a sub-sector of ${owner.id}, not of ${sector}`
            : `"${subSector}" is not a sub-sector of ${sector} in the taxonomy${didYouMean(subSector, ids)}`,
          'subSector',
        );
        valid = false;
      }
    }
    const goodsReader = at.at('goods');
    const names =
      map.goods === undefined
        ? undefined
        : goodsReader.textList(map.goods, 'listed goods', { nonEmpty: false });
    const goods: string[] = [];
    names?.forEach((name, goodIndex) => {
      const listed = byKey.get(phraseKey(name));
      if (!listed) {
        goodsReader
          .at(goodIndex)
          .report(`"${name}" is not a good in table ${table.id}${didYouMean(name, goodNames)}`);
        valid = false;
      } else if (!goods.includes(listed)) {
        goods.push(listed);
      }
    });
    if (!names || !valid || !sector) {
      return;
    }
    const key = `${sector}${subSector === undefined ? '' : `/${subSector}`}`;
    const first = seen.get(key);
    if (first !== undefined) {
      at.report(
        `${key} is already given goods by sectors[${first}]: give each sector and sub-sector one entry`,
      );
      return;
    }
    seen.set(key, index);
    entries.push({ sector, ...(subSector === undefined ? {} : { subSector }), goods });
  });
  return entries.sort((a, b) =>
    byCodePoint(`${a.sector}/${a.subSector ?? ''}`, `${b.sector}/${b.subSector ?? ''}`),
  );
}

interface IndicatorScope {
  categories: CategoryDefinition[];
  tables: ReferenceTableDefinition[];
  brokenTables: Set<string>;
}

function readIndicatorFile(
  parsed: ParsedYaml,
  scope: IndicatorScope,
  taxonomy: SectorDefinition[],
  firstSeen: Map<string, string>,
): IndicatorDefinition[] {
  const { reader } = parsed;
  const root = reader.mapping(parsed.value, ['indicators'], ['indicators']);
  const items =
    root?.indicators === undefined ? undefined : reader.at('indicators').list(root.indicators, 'indicators');
  const indicators: IndicatorDefinition[] = [];
  items?.forEach((item, index) => {
    const at = reader.at('indicators', index);
    const id = isMapping(item) && typeof item.id === 'string' ? item.id : undefined;
    const scoped = at.forIndicator(id);
    if (id !== undefined) {
      const previous = firstSeen.get(id);
      if (previous !== undefined) {
        scoped.report(`duplicate indicator id "${id}" (first defined in ${previous})`, 'id');
      } else {
        firstSeen.set(id, reader.file);
      }
    }
    const indicator = readIndicator(scoped, item, scope, taxonomy);
    if (indicator) {
      indicators.push(indicator);
    }
  });
  return indicators;
}

function readIndicator(
  reader: RuleReader,
  value: unknown,
  scope: IndicatorScope,
  taxonomy: SectorDefinition[],
): IndicatorDefinition | undefined {
  const map = reader.mapping(value, INDICATOR_KEYS, ['id', 'title', 'category', 'evidence']);
  if (!map) {
    return undefined;
  }
  const id = map.id === undefined ? undefined : reader.at('id').text(map.id);
  if (id !== undefined && !ID_PATTERN.test(id)) {
    reader.report(`indicator id "${id}" must be lower-case words joined by "." or "-"`, 'id');
  }
  const title = map.title === undefined ? undefined : reader.at('title').text(map.title);
  const description = reader.at('description').optionalText(map.description);
  const followUp = reader.at('followUp').optionalText(map.followUp);
  const actions = map.actions === undefined ? [] : reader.at('actions').textList(map.actions, 'actions');
  const categoryId = map.category === undefined ? undefined : reader.at('category').text(map.category);
  const category = scope.categories.find((candidate) => candidate.id === categoryId);
  // With no categories (a broken ruleset.yaml, reported on its own) every category would look unknown.
  if (categoryId !== undefined && !category && scope.categories.length > 0) {
    reader.report(
      `unknown category "${categoryId}"${didYouMean(
        categoryId,
        scope.categories.map((c) => c.id),
      )}`,
      'category',
    );
  }
  for (const key of ['missingPoints', 'notFoundPoints'] as const) {
    if (map[key] !== undefined) {
      reader.report(
        `"${key}" is no longer used: an unknown adds nothing to the assessed score, it widens the range (write "unknown: { best, worst }" to narrow what an unknown may reach; see rules/README.md)`,
        key,
      );
    }
  }
  const kinds = (['when', 'scale', 'lookup'] as const).filter((key) => map[key] !== undefined);
  if (kinds.length !== 1) {
    reader.report(
      kinds.length === 0
        ? 'an indicator needs exactly one of "when" (a condition), "scale" (bands on a field) or "lookup" (a reference table)'
        : `an indicator takes only one of ${kinds.map((k) => `"${k}"`).join(' and ')}`,
    );
    return undefined;
  }
  const redFlag = map.redFlag === undefined ? undefined : readRedFlag(reader.at('redFlag'), map.redFlag);
  const base = {
    id: id ?? '',
    title: title ?? '',
    category: categoryId ?? '',
    ...(description === undefined ? {} : { description }),
    evidence: '',
    ...(followUp === undefined ? {} : { followUp }),
    actions: actions ?? [],
    ...(redFlag ? { redFlag } : {}),
  };
  const complete =
    id !== undefined &&
    title !== undefined &&
    category !== undefined &&
    actions !== undefined &&
    (map.redFlag === undefined || redFlag !== undefined);

  let indicator: IndicatorDefinition | undefined;
  if (category?.mitigation) {
    indicator = readMitigation(reader, map, base, taxonomy);
  } else if (map.when !== undefined) {
    for (const key of ['reduction'] as const) {
      if (map[key] !== undefined) {
        reader.report(`"${key}" is only for indicators in a mitigation category; use "points"`, key);
      }
    }
    indicator = readConditionIndicator(reader, map, base, taxonomy);
  } else if (map.scale !== undefined) {
    indicator = readScaleIndicator(reader, map, base, taxonomy);
  } else {
    indicator = readLookupIndicator(reader, map, base, scope);
  }
  if (!indicator || !complete) {
    return undefined;
  }
  const evidence = map.evidence === undefined ? undefined : reader.at('evidence').text(map.evidence);
  if (
    evidence === undefined ||
    !checkPlaceholders(reader.at('evidence'), evidence, indicator, scope.tables)
  ) {
    return undefined;
  }
  indicator.evidence = evidence;
  if (map.unknown !== undefined) {
    const unknown = readUnknownAnswers(reader.at('unknown'), map.unknown, indicator);
    if (!unknown) {
      return undefined;
    }
    indicator.unknown = unknown;
  }
  return indicator;
}

/**
 * The answers an unknown may take, as the points they give: each must be an answer the indicator can give, and an
 * answer that raises a red flag is never assumed. "best" is the one kinder to the supplier.
 */
function readUnknownAnswers(
  reader: RuleReader,
  value: unknown,
  indicator: IndicatorDefinition,
): UnknownAnswers | undefined {
  const map = reader.mapping(value, ['best', 'worst'], []);
  if (!map) {
    return undefined;
  }
  const allowed = answerPoints(indicator);
  const answers: UnknownAnswers = {};
  for (const key of ['best', 'worst'] as const) {
    if (map[key] === undefined) {
      continue;
    }
    const points = reader.at(key).points(map[key]);
    if (points === undefined) {
      return undefined;
    }
    if (!allowed.includes(points)) {
      reader.report(
        `${key}: ${points} is not an answer this indicator can give without a red flag (it gives ${[...new Set(allowed)].sort((a, b) => a - b).join(', ')})`,
        key,
      );
      return undefined;
    }
    answers[key] = points;
  }
  if (answers.best !== undefined && answers.worst !== undefined) {
    const mitigation = indicator.kind === 'mitigation';
    if (mitigation ? answers.best < answers.worst : answers.best > answers.worst) {
      reader.report(
        mitigation
          ? `best (${answers.best}) must take off at least as much as worst (${answers.worst})`
          : `best (${answers.best}) must not add more than worst (${answers.worst})`,
      );
      return undefined;
    }
  }
  return answers;
}

/** The points an indicator can give for some answer, red-flag answers left out. */
function answerPoints(indicator: IndicatorDefinition): number[] {
  switch (indicator.kind) {
    case 'condition':
      return indicator.redFlag ? [0] : [0, indicator.points];
    case 'mitigation':
      return [0, indicator.reduction];
    case 'scale':
    case 'lookup':
      return indicator.bands.filter((band) => band.redFlag !== true).map((band) => band.points);
  }
}

type IndicatorBaseFields = Pick<
  IndicatorDefinition,
  'id' | 'title' | 'category' | 'description' | 'evidence' | 'followUp' | 'actions' | 'redFlag'
>;

function readRedFlag(reader: RuleReader, value: unknown): RedFlagDefinition | undefined {
  const map = reader.mapping(value, ['minimumTier'], ['minimumTier']);
  if (!map || map.minimumTier === undefined) {
    return undefined;
  }
  if (!RISK_TIERS.includes(map.minimumTier as RiskTier)) {
    reader.report(
      `minimumTier must be one of ${RISK_TIERS.join(', ')}, found ${JSON.stringify(map.minimumTier)}`,
      'minimumTier',
    );
    return undefined;
  }
  return { minimumTier: map.minimumTier as RiskTier };
}

function readMitigation(
  reader: RuleReader,
  map: Record<string, unknown>,
  base: IndicatorBaseFields,
  taxonomy: SectorDefinition[],
): IndicatorDefinition | undefined {
  for (const key of ['points', 'scale', 'lookup', 'bands', 'redFlag'] as const) {
    if (map[key] !== undefined) {
      reader.report(
        `"${key}" is not allowed in a mitigation: a mitigation takes "when" and "reduction" and never clears a red flag`,
        key,
      );
    }
  }
  if (map.reduction === undefined) {
    reader.report('"reduction" is required (the points taken off when the mitigation holds)', 'reduction');
  }
  if (map.when === undefined) {
    reader.report('"when" is required: a mitigation is a condition on the supplier data', 'when');
    return undefined;
  }
  const reduction = map.reduction === undefined ? undefined : reader.at('reduction').points(map.reduction);
  const when = readCondition(reader.at('when'), map.when, 'mitigation', taxonomy);
  if (reduction === undefined || !when) {
    return undefined;
  }
  return { ...base, kind: 'mitigation', when, reduction };
}

function readConditionIndicator(
  reader: RuleReader,
  map: Record<string, unknown>,
  base: IndicatorBaseFields,
  taxonomy: SectorDefinition[],
): IndicatorDefinition | undefined {
  if (map.bands !== undefined) {
    reader.report('"bands" belongs to a scale or lookup indicator, not to a "when" condition', 'bands');
  }
  if (map.points === undefined) {
    reader.report('"points" is required', 'points');
  }
  const when = readCondition(reader.at('when'), map.when, 'risk', taxonomy);
  const points = map.points === undefined ? undefined : reader.at('points').points(map.points);
  if (!when || points === undefined) {
    return undefined;
  }
  return { ...base, kind: 'condition', when, points };
}

function readScaleIndicator(
  reader: RuleReader,
  map: Record<string, unknown>,
  base: IndicatorBaseFields,
  taxonomy: SectorDefinition[],
): IndicatorDefinition | undefined {
  rejectConditionKeys(reader, map);
  const scaleReader = reader.at('scale');
  const scale = scaleReader.mapping(map.scale, ['field'], ['field']);
  const field = scale?.field === undefined ? undefined : readField(scaleReader.at('field'), scale.field);
  if (!field) {
    return undefined;
  }
  const type = SUPPLIER_FIELDS[field].type;
  if (type === 'boolean' || type === 'list' || type === 'date') {
    scaleReader.report(
      `a scale needs a number or text field; ${field} is ${type}: use "when" instead`,
      'field',
    );
    return undefined;
  }
  const bands = readBands(
    reader,
    map.bands,
    type === 'number' ? 'numeric' : 'values',
    base.redFlag !== undefined,
  );
  if (!bands) {
    return undefined;
  }
  if (type !== 'number' && !bands.some((band) => 'otherwise' in band)) {
    const listed = new Set(bands.flatMap((band) => ('values' in band ? band.values : [])));
    const uncovered =
      type === 'sector' ? SECTORS.filter((sector) => !listed.has(sector)) : ['any value not listed'];
    if (uncovered.length > 0) {
      reader.report(
        `no band for ${uncovered.join(', ')}: add the values or a band "otherwise: true"`,
        'bands',
      );
      return undefined;
    }
  }
  if (!checkBandValues(reader, bands, field, taxonomy)) {
    return undefined;
  }
  return { ...base, kind: 'scale', field, bands };
}

function readLookupIndicator(
  reader: RuleReader,
  map: Record<string, unknown>,
  base: IndicatorBaseFields,
  { tables, brokenTables }: IndicatorScope,
): IndicatorDefinition | undefined {
  rejectConditionKeys(reader, map);
  const lookupReader = reader.at('lookup');
  const lookup = lookupReader.mapping(map.lookup, ['table', 'column'], ['table', 'column']);
  if (!lookup) {
    return undefined;
  }
  const tableId = lookup.table === undefined ? undefined : lookupReader.at('table').text(lookup.table);
  const column = lookup.column === undefined ? undefined : lookupReader.at('column').text(lookup.column);
  const table = findTable(lookupReader, tableId, tables, brokenTables);
  const dataColumns = table?.columns.filter((c) => c !== 'alpha2' && c !== 'good') ?? [];
  if (table && column !== undefined && !dataColumns.includes(column)) {
    lookupReader.report(
      `table ${table.id} has no column "${column}"${didYouMean(column, dataColumns)} (columns: ${dataColumns.join(', ')})`,
      'column',
    );
    return undefined;
  }
  if (!table || column === undefined) {
    return undefined;
  }
  const index = table.columns.indexOf(column);
  const cells = table.rows.map((row) => row[index]).filter((cell) => cell !== '');
  const numeric = cells.every((cell) => Number.isFinite(Number(cell)));
  const bands = readBands(reader, map.bands, numeric ? 'either' : 'values', base.redFlag !== undefined);
  if (!bands) {
    return undefined;
  }
  if (!numeric && bands.some((band) => 'from' in band || 'to' in band)) {
    const sample = cells.find((cell) => !Number.isFinite(Number(cell)));
    reader.report(
      `column ${column} of ${table.id} is not numeric (it holds "${sample}"): use value bands`,
      'bands',
    );
    return undefined;
  }
  if (!bands.some((band) => 'otherwise' in band) && bands.some((band) => 'values' in band)) {
    const listed = new Set(bands.flatMap((band) => ('values' in band ? band.values.map(foldValue) : [])));
    const uncovered = [...new Set(cells)].filter((cell) => !listed.has(foldValue(cell)));
    if (uncovered.length > 0) {
      reader.report(
        `no band for ${uncovered.map((v) => `"${v}"`).join(', ')} found in column ${column} of ${table.id}: add them or a band "otherwise: true"`,
        'bands',
      );
      return undefined;
    }
  }
  return { ...base, kind: 'lookup', table: table.id, column, bands };
}

function rejectConditionKeys(reader: RuleReader, map: Record<string, unknown>): void {
  for (const key of ['points', 'reduction'] as const) {
    if (map[key] !== undefined) {
      reader.report(`"${key}" is not used by a scale or lookup indicator: the bands give the points`, key);
    }
  }
  if (map.bands === undefined) {
    reader.report('"bands" is required: they turn the value into points', 'bands');
  }
}

function readBands(
  reader: RuleReader,
  value: unknown,
  kind: 'numeric' | 'values' | 'either',
  hasRedFlag: boolean,
): Band[] | undefined {
  if (value === undefined) {
    return undefined;
  }
  const bandsReader = reader.at('bands');
  const items = bandsReader.list(value, 'bands');
  if (!items) {
    return undefined;
  }
  const bands: Band[] = [];
  let valid = true;
  items.forEach((item, index) => {
    const at = bandsReader.at(index);
    const map = at.mapping(
      item,
      ['from', 'to', 'value', 'values', 'otherwise', 'points', 'redFlag'],
      ['points'],
    );
    const points = map?.points === undefined ? undefined : at.at('points').points(map.points);
    const redFlag = map?.redFlag === undefined ? undefined : at.at('redFlag').boolean(map.redFlag);
    if (!map || points === undefined || (map.redFlag !== undefined && redFlag === undefined)) {
      valid = false;
      return;
    }
    const flag = redFlag ? { redFlag: true } : {};
    const shapes = [
      map.from !== undefined || map.to !== undefined,
      map.value !== undefined || map.values !== undefined,
      map.otherwise !== undefined,
    ].filter(Boolean).length;
    if (shapes !== 1) {
      at.report('a band has either from/to (numbers), value/values (text) or otherwise: true');
      valid = false;
    } else if (map.otherwise !== undefined) {
      if (map.otherwise !== true) {
        at.report('otherwise must be true', 'otherwise');
        valid = false;
      } else {
        bands.push({ otherwise: true, points, ...flag });
      }
    } else if (map.value !== undefined || map.values !== undefined) {
      if (kind === 'numeric') {
        at.report('this field is a number: use from/to bands');
        valid = false;
        return;
      }
      if (map.value !== undefined && map.values !== undefined) {
        at.report('use either value or values, not both');
        valid = false;
        return;
      }
      // Codes such as ITUC ratings are written 5 or "5+": accept bare numbers as text.
      const asText = (v: unknown): unknown => (typeof v === 'number' ? String(v) : v);
      const values =
        map.value !== undefined
          ? at.at('value').textList([asText(map.value)], 'values')
          : at
              .at('values')
              .textList(Array.isArray(map.values) ? map.values.map(asText) : map.values, 'values');
      if (!values) {
        valid = false;
        return;
      }
      bands.push({ values, points, ...flag });
    } else {
      if (kind === 'values') {
        at.report('these values are text: use value/values bands, not from/to');
        valid = false;
        return;
      }
      const from = map.from === undefined ? undefined : at.at('from').number(map.from);
      const to = map.to === undefined ? undefined : at.at('to').number(map.to);
      if ((map.from !== undefined && from === undefined) || (map.to !== undefined && to === undefined)) {
        valid = false;
        return;
      }
      if (from !== undefined && to !== undefined && from >= to) {
        at.report(`band from (${from}) must be below to (${to})`, 'to');
        valid = false;
        return;
      }
      bands.push({
        ...(from === undefined ? {} : { from }),
        ...(to === undefined ? {} : { to }),
        points,
        ...flag,
      });
    }
  });
  if (!valid) {
    return undefined;
  }
  const numeric = bands.filter((band): band is NumericBand => !('values' in band) && !('otherwise' in band));
  const valueBands = bands.filter((band) => 'values' in band);
  if (numeric.length > 0 && (valueBands.length > 0 || numeric.length !== bands.length)) {
    bandsReader.report('do not mix from/to bands with value or otherwise bands');
    return undefined;
  }
  if (bands.filter((band) => 'otherwise' in band).length > 1) {
    bandsReader.report('only one band may say otherwise: true');
    return undefined;
  }
  if (numeric.length > 0 && !checkNumericOrder(bandsReader, numeric)) {
    return undefined;
  }
  const seen = new Map<string, number>();
  let unique = true;
  bands.forEach((band, index) => {
    if ('values' in band) {
      for (const v of band.values) {
        const first = seen.get(foldValue(v));
        if (first !== undefined) {
          bandsReader.report(`value "${v}" is already in band ${first + 1}`, index);
          unique = false;
        }
        seen.set(foldValue(v), index);
      }
    }
  });
  if (!unique) {
    return undefined;
  }
  const flagged = bands.some((band) => band.redFlag);
  if (hasRedFlag && !flagged) {
    bandsReader.report('the indicator has a redFlag: mark the band(s) that raise it with redFlag: true');
    return undefined;
  }
  if (!hasRedFlag && flagged) {
    bandsReader.report('a band says redFlag: true but the indicator has no redFlag (minimumTier)');
    return undefined;
  }
  return bands;
}

function checkNumericOrder(reader: RuleReader, bands: NumericBand[]): boolean {
  let ordered = true;
  bands.forEach((band, index) => {
    if (index > 0 && band.from === undefined) {
      reader.report('only the first band may leave out "from"', index, 'from');
      ordered = false;
    }
    if (index < bands.length - 1 && band.to === undefined) {
      reader.report('only the last band may leave out "to"', index, 'to');
      ordered = false;
    }
    const previous = bands[index - 1];
    if (!previous || previous.to === undefined || band.from === undefined) {
      return;
    }
    if (band.from < previous.to) {
      reader.report(
        `bands out of order: band ${index + 1} starts at ${band.from}, before band ${index} ends at ${previous.to}; list bands from low to high without overlap`,
        index,
        'from',
      );
      ordered = false;
    } else if (band.from > previous.to) {
      reader.report(`gap between bands: nothing covers ${previous.to} up to ${band.from}`, index, 'from');
      ordered = false;
    }
  });
  return ordered;
}

function checkBandValues(
  reader: RuleReader,
  bands: Band[],
  field: SupplierField,
  taxonomy: SectorDefinition[],
): boolean {
  let valid = true;
  const type = SUPPLIER_FIELDS[field].type;
  bands.forEach((band, index) => {
    if (!('values' in band)) {
      return;
    }
    for (const value of band.values) {
      const problem = checkTextValue(type, field, value, taxonomy);
      if (problem) {
        reader.at('bands', index).report(problem);
        valid = false;
      }
    }
  });
  return valid;
}

function checkTextValue(
  type: FieldType,
  field: SupplierField,
  value: string,
  taxonomy: SectorDefinition[],
): string | undefined {
  if (type === 'sector' && !SECTORS.includes(value as Sector)) {
    return `"${value}" is not a sector${didYouMean(value, SECTORS)}`;
  }
  if (type === 'country' && !/^[A-Z]{2}$/.test(value)) {
    return `${field} holds ISO alpha-2 codes such as "CN": "${value}" is not one`;
  }
  // With a broken taxonomy there is nothing to check sub-sectors against; its own issues are reported.
  if (field === 'subSector' && taxonomy.length > 0) {
    const ids = taxonomy.flatMap((sector) => sector.subSectors.map((sub) => sub.id));
    if (!ids.includes(value)) {
      return `"${value}" is not a sub-sector in the taxonomy${didYouMean(value, ids)}`;
    }
  }
  return undefined;
}

function readField(reader: RuleReader, value: unknown): SupplierField | undefined {
  if (typeof value !== 'string') {
    reader.report(`expected a supplier field name, found ${typeof value}`);
    return undefined;
  }
  if (value === 'extra') {
    reader.report('"extra" holds uploaded columns that map to no field; rules cannot read it');
    return undefined;
  }
  if (!isSupplierField(value)) {
    reader.report(`unknown supplier field "${value}"${didYouMean(value, SUPPLIER_FIELD_NAMES)}`);
    return undefined;
  }
  return value;
}

function readCondition(
  reader: RuleReader,
  value: unknown,
  mode: 'risk' | 'mitigation',
  taxonomy: SectorDefinition[],
): Condition | undefined {
  if (isMapping(value) && (value.all !== undefined || value.any !== undefined)) {
    const keys = Object.keys(value);
    if (keys.length !== 1) {
      reader.report('a group has exactly one key, "all" or "any", holding a list of conditions');
      return undefined;
    }
    const key = value.all !== undefined ? 'all' : 'any';
    const items = reader.at(key).list(value[key], 'conditions');
    if (!items) {
      return undefined;
    }
    const children = items.map((item, index) => readCondition(reader.at(key, index), item, mode, taxonomy));
    if (children.some((child) => child === undefined)) {
      return undefined;
    }
    return key === 'all' ? { all: children as Condition[] } : { any: children as Condition[] };
  }
  if (!isMapping(value)) {
    reader.report(
      'expected a condition such as { field: migrantWorkerPct, gte: 30 } or a group { all: [...] }',
    );
    return undefined;
  }
  const map = value;
  const unknown = Object.keys(map).filter(
    (key) => key !== 'field' && !OPERATORS.includes(key as ConditionOperator),
  );
  for (const key of unknown) {
    reader.report(`unknown operator "${key}"${didYouMean(key, [...OPERATORS, 'field', 'all', 'any'])}`, key);
  }
  if (unknown.length > 0) {
    return undefined;
  }
  if (map.field === undefined) {
    reader.report('"field" is required (the supplier field the condition reads)', 'field');
    return undefined;
  }
  const field = readField(reader.at('field'), map.field);
  const operators = OPERATORS.filter((op) => map[op] !== undefined);
  if (operators.length !== 1) {
    reader.report(
      operators.length === 0
        ? `a condition needs one operator: ${OPERATORS.join(', ')}`
        : `a condition takes one operator, found ${operators.join(' and ')}: combine conditions with all/any`,
    );
    return undefined;
  }
  if (!field) {
    return undefined;
  }
  return readOperator(reader.at(operators[0]), field, operators[0], map[operators[0]], mode, taxonomy);
}

function readOperator(
  reader: RuleReader,
  field: SupplierField,
  op: ConditionOperator,
  value: unknown,
  mode: 'risk' | 'mitigation',
  taxonomy: SectorDefinition[],
): Condition | undefined {
  const type = SUPPLIER_FIELDS[field].type;
  const wrongType = (expected: string): undefined => {
    reader.report(`${op} does not apply to ${field} (${type}); it works on ${expected}`);
    return undefined;
  };
  switch (op) {
    case 'equals': {
      if (type === 'list' || type === 'date') {
        return wrongType('single values: use containsAny for lists and withinMonths for dates');
      }
      const scalar = readScalar(reader, field, value, taxonomy);
      return scalar === undefined ? undefined : { field, op, value: scalar };
    }
    case 'in': {
      if (type === 'list' || type === 'date') {
        return wrongType('single values: use containsAny for lists and withinMonths for dates');
      }
      const items = reader.list(value, 'values');
      const values = items?.map((item, index) => readScalar(reader.at(index), field, item, taxonomy));
      return values && values.every((v) => v !== undefined) ? { field, op, values } : undefined;
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      if (type !== 'number') {
        return wrongType('number fields');
      }
      const number = reader.number(value);
      return number === undefined ? undefined : { field, op, value: number };
    }
    case 'between': {
      if (type !== 'number') {
        return wrongType('number fields');
      }
      const items = reader.list(value, 'two numbers [low, high]');
      if (!items) {
        return undefined;
      }
      if (items.length !== 2) {
        reader.report(`between takes two numbers [low, high], found ${items.length}`);
        return undefined;
      }
      const min = reader.at(0).number(items[0]);
      const max = reader.at(1).number(items[1]);
      if (min === undefined || max === undefined) {
        return undefined;
      }
      if (min > max) {
        reader.report(`between [${min}, ${max}] is out of order: write the low number first`);
        return undefined;
      }
      return { field, op, min, max };
    }
    case 'present':
    case 'missing': {
      if (value !== true) {
        reader.report(
          `write ${op}: true (to test the opposite, use ${op === 'present' ? 'missing' : 'present'}: true)`,
        );
        return undefined;
      }
      if (op === 'missing' && mode === 'risk') {
        reader.report(
          'missing: true would add points for an unknown; an unknown adds nothing to the assessed score, it widens the range',
        );
        return undefined;
      }
      if (op === 'present' && mode === 'risk') {
        reader.report(
          'present: true would let a missing value lower the score (unknown is not low risk); in a risk indicator test the value itself',
        );
        return undefined;
      }
      return { field, op };
    }
    case 'containsAny': {
      if (type !== 'list' && type !== 'text') {
        return wrongType('lists and text fields');
      }
      const values = reader.textList(value, 'texts to look for');
      return values ? { field, op, values } : undefined;
    }
    case 'withinMonths': {
      if (type !== 'date') {
        return wrongType('date fields');
      }
      const months = reader.number(value);
      if (months === undefined) {
        return undefined;
      }
      if (months <= 0 || !Number.isInteger(months)) {
        reader.report(`withinMonths takes a whole number of months above 0, found ${months}`);
        return undefined;
      }
      return { field, op, months };
    }
  }
}

function readScalar(
  reader: RuleReader,
  field: SupplierField,
  value: unknown,
  taxonomy: SectorDefinition[],
): ScalarValue | undefined {
  const type = SUPPLIER_FIELDS[field].type;
  if (type === 'boolean') {
    return reader.boolean(value);
  }
  if (type === 'number') {
    return reader.number(value);
  }
  const text = reader.text(value);
  if (text === undefined) {
    return undefined;
  }
  const problem = checkTextValue(type, field, text, taxonomy);
  if (problem) {
    reader.report(problem);
    return undefined;
  }
  return text;
}

function checkPlaceholders(
  reader: RuleReader,
  template: string,
  indicator: IndicatorDefinition,
  tables: ReferenceTableDefinition[],
): boolean {
  const allowed: string[] = [...SUPPLIER_FIELD_NAMES, 'points', 'title'];
  if (indicator.kind === 'scale') {
    allowed.push('value');
  }
  if (indicator.kind === 'lookup') {
    const table = tables.find((candidate) => candidate.id === indicator.table);
    allowed.push(...LOOKUP_PLACEHOLDERS, ...(table?.columns.map((column) => `row.${column}`) ?? []));
    if (table?.key === 'good-country') {
      allowed.push(...GOOD_PLACEHOLDERS);
    }
  }
  let valid = true;
  for (const match of template.matchAll(/\{([^{}]*)\}/g)) {
    const name = match[1].trim();
    if (!allowed.includes(name)) {
      reader.report(`unknown placeholder {${name}}${didYouMean(name, allowed)}`);
      valid = false;
    }
  }
  return valid;
}
