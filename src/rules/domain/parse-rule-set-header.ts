// ruleset.yaml: the rule set's name, version and description, the tier thresholds (each above the one below), the
// scoring categories with their caps, and the reference tables it declares (read in parse-reference-tables.ts).
// An incomplete header comes back with complete: false, so the rest can still be checked and reported.
import type { CategoryDefinition, ReferenceTableDefinition, TierThresholds } from './rule-set-definition.js';
import type { RuleReader } from './rule-file-reader.js';
import type { RuleSetIssue } from './rule-set-validation-error.js';
import { readReferenceTables } from './parse-reference-tables.js';
import { ID_PATTERN, type ParsedYaml, type RuleFile } from './parse-shared.js';

export interface RuleSetHeader {
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

export function readRuleSetHeader(
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
