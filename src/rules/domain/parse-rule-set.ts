// The entry point of rule-set parsing: takes every rule file, parses the YAML, checks that the set holds the files it
// must (and no others), then has each part read by its own module (ruleset.yaml: parse-rule-set-header.ts;
// taxonomy.yaml: parse-taxonomy.ts; goods.yaml: parse-goods.ts; indicators/*.yaml: parse-indicators.ts) and returns
// the normalised definition, or throws one RuleSetValidationError listing every problem found.
import { LineCounter, parseDocument } from 'yaml';
import { RuleFileContext, RuleReader } from './rule-file-reader.js';
import type { IndicatorDefinition, RuleSetDefinition } from './rule-set-definition.js';
import { RuleSetValidationError, type RuleSetIssue } from './rule-set-validation-error.js';
import { readGoods } from './parse-goods.js';
import { readIndicatorFile } from './parse-indicators.js';
import { readRuleSetHeader } from './parse-rule-set-header.js';
import { byCodePoint, type ParsedYaml, type RuleFile } from './parse-shared.js';
import { readTaxonomy } from './parse-taxonomy.js';

export type { RuleFile } from './parse-shared.js';

export const RULESET_FILE = 'ruleset.yaml';
export const TAXONOMY_FILE = 'taxonomy.yaml';
export const GOODS_FILE = 'goods.yaml';
const INDICATOR_FILE = /^indicators\/[^/]+\.ya?ml$/;

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

/** Aliases a rule file may use once expanded; more is refused (an alias bomb grows exponentially). */
const MAX_ALIAS_COUNT = 100;

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
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // The yaml library refuses a document whose aliases expand without bound (a "billion laughs" file).
    issues.push({
      file: file.path,
      message: `The file repeats YAML aliases (*name) too often: expanded, it would grow without bound (${
        error instanceof Error ? error.message : String(error)
      }). Write the values out instead of aliasing them.`,
    });
    return undefined;
  }
  return { reader: new RuleReader(new RuleFileContext(file.path, doc, lineCounter), issues), value };
}
