import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { RuleFile } from './parse-rule-set.js';

const RULE_FILE = /\.(ya?ml|csv)$/i;

/**
 * Reads every YAML file and reference csv under the rules directory, with paths relative to it
 * ("ruleset.yaml", "indicators/country.yaml", "reference/us_tip_tiers.csv"), sorted by path.
 */
export async function loadRuleSetFiles(dir: string): Promise<RuleFile[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const paths = entries
    .filter((entry) => entry.isFile() && RULE_FILE.test(entry.name))
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
  return Promise.all(paths.map(async (path) => ({ path, content: await readFile(join(dir, path), 'utf8') })));
}
