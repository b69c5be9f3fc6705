// indicators/*.yaml: each file's list of indicators, ids unique across files, and what every indicator has whatever
// its kind: id, title, a known category, description, actions, red flag, the evidence template and its
// placeholders, and the answers an unknown may take (readUnknownAnswers, answerPoints). It picks the kind ("when",
// "scale" or "lookup", or a mitigation by its category) and leaves that part to parse-indicator-kinds.ts.
import { RISK_TIERS, type RiskTier } from '../../scoring/domain/assessment-result.js';
import { isMapping, type RuleReader } from './rule-file-reader.js';
import type {
  IndicatorDefinition,
  RedFlagDefinition,
  ReferenceTableDefinition,
  SectorDefinition,
  UnknownAnswers,
  UnknownPrior,
} from './rule-set-definition.js';
import { SECTORS, type Sector } from '../../suppliers/domain/supplier-record.js';
import { SUPPLIER_FIELD_NAMES } from '../../suppliers/domain/supplier-fields.js';
import {
  readConditionIndicator,
  readLookupIndicator,
  readMitigation,
  readScaleIndicator,
  type IndicatorScope,
} from './parse-indicator-kinds.js';
import { ID_PATTERN, type ParsedYaml } from './parse-shared.js';
import { didYouMean } from './text-matching.js';

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

const LOOKUP_PLACEHOLDERS = ['value', 'table', 'edition', 'publisher'];
const GOOD_PLACEHOLDERS = ['good', 'product'];

export function readIndicatorFile(
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
  const map = reader.mapping(value, ['best', 'worst', 'prior'], []);
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
  if (map.prior !== undefined) {
    const within = [answers.best ?? Math.min(...allowed), answers.worst ?? Math.max(...allowed)];
    const prior = readPrior(reader.at('prior'), map.prior, Math.min(...within), Math.max(...within));
    if (!prior) {
      return undefined;
    }
    answers.prior = prior;
  }
  return answers;
}

/**
 * prior: { source, expected: [{ countries?, sectors?, points }] }: what an unknown is expected to add, between the
 * indicator's best and worst answers (an expectation may lie between two answers: 40 % likely to add 5 is 2).
 */
function readPrior(
  reader: RuleReader,
  value: unknown,
  least: number,
  most: number,
): UnknownPrior | undefined {
  const map = reader.mapping(value, ['source', 'expected'], ['source', 'expected']);
  if (!map) {
    return undefined;
  }
  const source = reader.at('source').text(map.source, 'say where the expectation comes from');
  const items = reader.at('expected').list(map.expected, 'expected');
  if (source === undefined || !items) {
    return undefined;
  }
  const expected: UnknownPrior['expected'] = [];
  for (const [index, item] of items.entries()) {
    const at = reader.at('expected', index);
    const entry = at.mapping(item, ['countries', 'sectors', 'points'], ['points']);
    if (!entry) {
      return undefined;
    }
    const points = at.at('points').points(entry.points);
    if (points === undefined) {
      return undefined;
    }
    if (points < least || points > most) {
      at.report(
        `points: ${points} must lie between the unknown's best and worst answers (${least} to ${most})`,
        'points',
      );
      return undefined;
    }
    const countries =
      entry.countries === undefined ? undefined : at.at('countries').textList(entry.countries, 'countries');
    if (entry.countries !== undefined && (!countries || !countries.every((c) => /^[A-Z]{2}$/.test(c)))) {
      at.report('countries must be ISO 3166 alpha-2 codes such as BD or MY', 'countries');
      return undefined;
    }
    const sectors =
      entry.sectors === undefined ? undefined : at.at('sectors').textList(entry.sectors, 'sectors');
    const unknownSector = sectors?.find((sector) => !SECTORS.includes(sector as Sector));
    if (entry.sectors !== undefined && (!sectors || unknownSector !== undefined)) {
      at.report(
        `sectors must be among ${SECTORS.join(', ')}${unknownSector ? ` (found "${unknownSector}")` : ''}`,
        'sectors',
      );
      return undefined;
    }
    expected.push({
      ...(countries ? { countries } : {}),
      ...(sectors ? { sectors: sectors as Sector[] } : {}),
      points,
    });
  }
  return { source, expected };
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
