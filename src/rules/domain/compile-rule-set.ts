import { daysInMonth, parseIsoDate } from '../../common/dates/iso-date.js';
import type { SupplierField, SupplierRecord } from '../../suppliers/domain/supplier-record.js';
import { SUPPLIER_FIELDS, SUPPLIER_FIELD_NAMES } from '../../suppliers/domain/supplier-fields.js';
import { canonicalJson, sha256Hex } from './canonical-json.js';
import type {
  BandHit,
  CompiledCategory,
  CompiledCondition,
  CompiledGoodsLookup,
  CompiledIndicator,
  CompiledPrior,
  CompiledRuleSet,
  EvaluationContext,
  GoodMatch,
  ReferenceEdition,
  SectorMatch,
  TemplatePart,
} from './compiled-rule-set.js';
import type {
  Band,
  Condition,
  FieldCondition,
  IndicatorDefinition,
  ReferenceTableDefinition,
  RuleSetDefinition,
  ScalarValue,
  UnknownPrior,
} from './rule-set-definition.js';
import { GoodsMatcher, buildGoodsNameIndex, goodsOfSector, sectorGoodsIndex } from './goods-matching.js';
import { PhraseIndex, foldText, foldValue, phraseKey } from './text-matching.js';

export type { CompiledRuleSet } from './compiled-rule-set.js';

const toCentipoints = (points: number): number => Math.round(points * 100);
// Bound on the per-rule-set memo of sub-sector and condition texts already matched (products: goods-matching.ts).
const MEMO_LIMIT = 50_000;

/** Compile once, score many: validates nothing (parseRuleSet did), precomputes everything. */
export function compileRuleSet(definition: RuleSetDefinition): CompiledRuleSet {
  const content = deepFreeze(structuredClone(definition));
  const hash = sha256Hex(canonicalJson(content));
  const taxonomy = new TaxonomyIndex(content);
  const goodsMatchers = new Map<string, GoodsMatcher>();
  const goodsMatcherOf = (table: ReferenceTableDefinition): GoodsMatcher => {
    let matcher = goodsMatchers.get(table.id);
    if (!matcher) {
      matcher = new GoodsMatcher(
        buildGoodsNameIndex(table, content.goods?.table === table.id ? content.goods : undefined),
      );
      goodsMatchers.set(table.id, matcher);
    }
    return matcher;
  };
  const goodsMatcherFor = (table: ReferenceTableDefinition): ((products: readonly string[]) => GoodMatch[]) =>
    goodsMatcherOf(table).match;
  const compiler = new IndicatorCompiler(content, taxonomy, goodsMatcherFor);
  const indicators = content.indicators.map((indicator) => compiler.compile(indicator));
  worstListedGoods(indicators);
  const categories: CompiledCategory[] = content.categories.map((category, categoryIndex) => ({
    definition: category,
    capCentipoints: toCentipoints(category.cap),
    indicatorIndexes: indicators.flatMap((indicator, index) =>
      indicator.categoryIndex === categoryIndex ? [index] : [],
    ),
  }));
  const read = new Set(indicators.flatMap((indicator) => indicator.fields));
  const fieldsRead = SUPPLIER_FIELD_NAMES.filter((field) => read.has(field));
  const editions: ReferenceEdition[] = content.referenceTables.map((table) => ({
    id: table.id,
    title: table.title,
    publisher: table.publisher,
    edition: table.edition,
    ...(table.source === undefined ? {} : { source: table.source }),
    file: table.file,
    rows: table.rows.length,
  }));
  const goodsTable = content.referenceTables.find((table) =>
    content.goods ? table.id === content.goods.table : table.key === 'good-country',
  );
  const goodsMatcher = goodsTable ? goodsMatcherOf(goodsTable) : undefined;
  const sectorGoods = sectorGoodsIndex(content.goods, goodsTable);

  return {
    hash,
    name: content.name,
    version: content.version,
    thresholds: content.thresholds,
    editions,
    fieldsRead,
    content,
    categories,
    indicators,
    totalStake: indicators.reduce((sum, indicator) => sum + indicator.stake, 0),
    resolveSector: (text) => taxonomy.resolve(text),
    inferSector: (products) => taxonomy.infer(products),
    resolveSubSector: (text) => taxonomy.subSector(text),
    matchGoods: goodsMatcher ? goodsMatcher.match : (): GoodMatch[] => [],
    unrecognisedProducts: goodsMatcher ? goodsMatcher.unrecognised : (): string[] => [],
    goodsOfSector: (sector, subSector) =>
      goodsOfSector(
        sectorGoods,
        sector,
        subSector === undefined || subSector.trim() === '' ? undefined : taxonomy.subSector(subSector),
      ),
    readField: (supplier, field) => readField(supplier, field),
  };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach((item: unknown) => {
      deepFreeze(item);
    });
    Object.freeze(value);
  }
  return value;
}

/** Undefined for anything that does not count as a known value: absent, empty text, empty list, NaN, bad date. */
export function readField(supplier: SupplierRecord, field: SupplierField): unknown {
  const value: unknown = supplier[field];
  if (value === undefined || value === null) {
    return undefined;
  }
  switch (SUPPLIER_FIELDS[field].type) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? value : undefined;
    case 'list': {
      if (!Array.isArray(value)) {
        return undefined;
      }
      const items = value.filter((item): item is string => typeof item === 'string' && item.trim() !== '');
      return items.length > 0 ? items : undefined;
    }
    case 'date':
      return typeof value === 'string' && parseIsoDate(value) ? value : undefined;
    case 'text':
    case 'country':
    case 'sector':
      return typeof value === 'string' && value.trim() !== '' ? value : undefined;
  }
}

const cutoffs = new WeakMap<EvaluationContext, Map<number, number>>();

/** The first day (yyyymmdd) that lies within `months` calendar months before the assessment date. */
function cutoffDay(context: EvaluationContext, months: number): number {
  let byMonths = cutoffs.get(context);
  if (!byMonths) {
    byMonths = new Map();
    cutoffs.set(context, byMonths);
  }
  let cutoff = byMonths.get(months);
  if (cutoff === undefined) {
    const total = context.year * 12 + (context.month - 1) - months;
    const year = Math.floor(total / 12);
    const month = (total % 12) + 1;
    cutoff = year * 10000 + month * 100 + Math.min(context.day, daysInMonth(year, month));
    byMonths.set(months, cutoff);
  }
  return cutoff;
}

/** True when the date lies in the `months` calendar months up to and including the assessment date. */
function withinMonths(text: string, months: number, context: EvaluationContext): boolean {
  const date = parseIsoDate(text);
  if (!date) {
    return false;
  }
  const cutoff = cutoffDay(context, months);
  const value = date.year * 10000 + date.month * 100 + date.day;
  // Evidence dated after the assessment date did not exist when the assessment was made.
  return value >= cutoff && value <= context.yyyymmdd;
}

const TEMPLATE_KINDS = [
  'points',
  'title',
  'value',
  'table',
  'edition',
  'publisher',
  'good',
  'product',
] as const;

function parseTemplate(template: string, table?: ReferenceTableDefinition): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const match of template.matchAll(/\{([^{}]*)\}/g)) {
    if (match.index > last) {
      parts.push(template.slice(last, match.index));
    }
    parts.push(templatePart(match[1].trim(), table) ?? match[0]);
    last = match.index + match[0].length;
  }
  if (last < template.length) {
    parts.push(template.slice(last));
  }
  return parts;
}

function templatePart(name: string, table?: ReferenceTableDefinition): TemplatePart | undefined {
  const kind = TEMPLATE_KINDS.find((candidate) => candidate === name);
  if (kind) {
    return { kind };
  }
  if (name.startsWith('row.') && table) {
    const column = table.columns.indexOf(name.slice(4));
    return column >= 0 ? { kind: 'row', column } : undefined;
  }
  return SUPPLIER_FIELD_NAMES.find((field) => field === name)
    ? { kind: 'field', field: name as SupplierField }
    : undefined;
}

const LATIN_TEXT = /^[\p{Script=Latin}\p{N} ]*$/u;

/** Whole words for Latin text ("rba" does not match "carbaryl"); plain substring for scripts without spaces. */
function containsPhrase(haystack: string, needle: { key: string; folded: string; latin: boolean }): boolean {
  return needle.latin
    ? paddedKey(haystack).includes(` ${needle.key} `)
    : foldText(haystack).includes(needle.folded);
}

// Audit schemes, certifications and regions repeat across a portfolio: fold each text once (bounded).
const paddedKeys = new Map<string, string>();

function paddedKey(text: string): string {
  let key = paddedKeys.get(text);
  if (key === undefined) {
    if (paddedKeys.size >= MEMO_LIMIT) {
      paddedKeys.clear();
    }
    key = ` ${phraseKey(text)} `;
    paddedKeys.set(text, key);
  }
  return key;
}

class TaxonomyIndex {
  private readonly index = new PhraseIndex<SectorMatch>();
  private readonly subSectors = new PhraseIndex<string>();

  constructor(definition: RuleSetDefinition) {
    for (const sector of definition.taxonomy) {
      const match: SectorMatch = { sector: sector.id };
      [sector.id, sector.title, ...sector.synonyms].forEach((phrase) => this.index.add(phrase, match));
      for (const sub of sector.subSectors) {
        const subMatch: SectorMatch = { sector: sector.id, subSector: sub.id };
        [sub.id.replace(/-/g, ' '), sub.title, ...sub.synonyms].forEach((phrase) => {
          this.index.add(phrase, subMatch);
          this.subSectors.add(phrase, sub.id);
        });
      }
    }
  }

  resolve(text: string): SectorMatch | undefined {
    const matches = this.index.find(text);
    if (matches.length === 0) {
      return undefined;
    }
    // The longest phrase wins, then the earliest; a bare sector picks up a sub-sector of its own named alongside.
    const best = [...matches].sort((a, b) => b.length - a.length || a.start - b.start)[0];
    if (best.value.subSector) {
      return best.value;
    }
    const sub = matches.find((m) => m.value.sector === best.value.sector && m.value.subSector !== undefined);
    return sub ? sub.value : best.value;
  }

  private readonly subSectorMemo = new Map<string, string | undefined>();

  subSector(text: string): string | undefined {
    if (!this.subSectorMemo.has(text)) {
      if (this.subSectorMemo.size >= MEMO_LIMIT) {
        this.subSectorMemo.clear();
      }
      this.subSectorMemo.set(text, this.subSectors.find(text)[0]?.value);
    }
    return this.subSectorMemo.get(text);
  }

  infer(products: readonly string[]): SectorMatch | undefined {
    const votes = new Map<string, { count: number; first: number; subs: Map<string, number> }>();
    products.forEach((product, position) => {
      const match = this.resolve(product);
      if (!match) {
        return;
      }
      const vote = votes.get(match.sector) ?? { count: 0, first: position, subs: new Map<string, number>() };
      vote.count += 1;
      if (match.subSector) {
        vote.subs.set(match.subSector, (vote.subs.get(match.subSector) ?? 0) + 1);
      }
      votes.set(match.sector, vote);
    });
    const ranked = [...votes.entries()].sort(([, a], [, b]) => b.count - a.count || a.first - b.first);
    if (ranked.length === 0) {
      return undefined;
    }
    const [sector, vote] = ranked[0];
    // Map iteration keeps insertion order, so ties go to the sub-sector seen first.
    const sub = [...vote.subs.entries()].sort(([, a], [, b]) => b - a)[0];
    return { sector: sector as SectorMatch['sector'], ...(sub ? { subSector: sub[0] } : {}) };
  }
}

/**
 * For unknown products: per country, the most each goods indicator can add among the listed goods that raise no red
 * flag in any goods indicator of the same table (one product list answers them all, and a red flag is never
 * assumed), and whether a listed good could raise its own red flag. An "unknown: worst" caps it.
 */
function worstListedGoods(indicators: readonly CompiledIndicator[]): void {
  const goodsIndicators = indicators.filter(
    (indicator): indicator is CompiledGoodsLookup => indicator.kind === 'goods-lookup',
  );
  const flagged = new Set<readonly string[]>();
  for (const indicator of goodsIndicators) {
    for (const byGood of indicator.rows.values()) {
      for (const row of byGood.values()) {
        const cell = row[indicator.columnIndex];
        if (cell && indicator.band(cell)?.redFlag) {
          flagged.add(row);
        }
      }
    }
  }
  for (const indicator of goodsIndicators) {
    const cap = indicator.unknownWorst;
    const worstByCountry = indicator.countryWorst as Map<string, { worst: number; flag: boolean }>;
    for (const [country, byGood] of indicator.rows) {
      let worst = 0;
      let flag = false;
      for (const row of byGood.values()) {
        const hit = row[indicator.columnIndex] ? indicator.band(row[indicator.columnIndex]) : undefined;
        flag ||= hit?.redFlag === true;
        if (hit && !flagged.has(row)) {
          worst = Math.max(worst, hit.centipoints);
        }
      }
      worstByCountry.set(country, { worst: Math.min(worst, cap), flag });
    }
  }
}

/**
 * The answers an unknown may take by default, in points: for a risk indicator the least it can add (best) and the
 * most without a red flag (worst); for a mitigation the reduction granted (best) or none (worst). Also whether an
 * answer could raise a red flag, and the points it puts at stake (the most minus the least it can give).
 */
function possibleAnswers(indicator: IndicatorDefinition): {
  best: number;
  worst: number;
  flagPossible: boolean;
  stake: number;
  unflagged: number[];
} {
  switch (indicator.kind) {
    case 'condition':
      return {
        best: 0,
        worst: indicator.redFlag ? 0 : indicator.points,
        flagPossible: indicator.redFlag !== undefined,
        stake: indicator.points,
        unflagged: indicator.redFlag ? [0] : [0, indicator.points],
      };
    case 'mitigation':
      return {
        best: indicator.reduction,
        worst: 0,
        flagPossible: false,
        stake: indicator.reduction,
        unflagged: [0, indicator.reduction],
      };
    case 'scale':
    case 'lookup': {
      const points = indicator.bands.map((band) => band.points);
      const unflagged = indicator.bands.filter((band) => band.redFlag !== true).map((band) => band.points);
      const least = Math.min(...points);
      return {
        best: least,
        worst: unflagged.length > 0 ? Math.max(...unflagged) : least,
        flagPossible: indicator.bands.some((band) => band.redFlag === true),
        stake: Math.max(...points) - least,
        unflagged: unflagged.length > 0 ? unflagged : [least],
      };
    }
  }
}

function compilePrior(prior: UnknownPrior): CompiledPrior {
  const entries = prior.expected.map((entry) => ({
    countries: entry.countries && new Set(entry.countries),
    sectors: entry.sectors && new Set<string>(entry.sectors),
    centipoints: toCentipoints(entry.points),
  }));
  return {
    source: prior.source,
    expected: (country, sector) =>
      entries.find(
        (entry) =>
          (!entry.countries ||
            (country !== undefined && entry.countries.has(country.trim().toUpperCase()))) &&
          (!entry.sectors || (sector !== undefined && entry.sectors.has(sector))),
      )?.centipoints,
  };
}

function compileBands(bands: readonly Band[]): (value: string | number) => BandHit | undefined {
  const hit = (band: Band): BandHit => ({
    centipoints: toCentipoints(band.points),
    redFlag: band.redFlag === true,
  });
  const otherwise = bands.find((band) => 'otherwise' in band);
  const byValue = new Map<string, BandHit>();
  for (const band of bands) {
    if ('values' in band) {
      band.values.forEach((value) => byValue.set(foldValue(value), hit(band)));
    }
  }
  const numeric = bands.filter((band) => !('values' in band) && !('otherwise' in band));
  return (value) => {
    if (numeric.length > 0) {
      const number = typeof value === 'number' ? value : Number(value);
      if (!Number.isFinite(number)) {
        return undefined;
      }
      const band = numeric.find(
        (candidate) =>
          ('from' in candidate && candidate.from !== undefined ? number >= candidate.from : true) &&
          ('to' in candidate && candidate.to !== undefined ? number < candidate.to : true),
      );
      return band ? hit(band) : undefined;
    }
    const found = byValue.get(foldValue(String(value)));
    return found ?? (otherwise ? hit(otherwise) : undefined);
  };
}

class IndicatorCompiler {
  constructor(
    private readonly definition: RuleSetDefinition,
    private readonly taxonomy: TaxonomyIndex,
    private readonly goodsMatcherFor: (
      table: ReferenceTableDefinition,
    ) => (products: readonly string[]) => GoodMatch[],
  ) {}

  compile(indicator: IndicatorDefinition): CompiledIndicator {
    const table =
      indicator.kind === 'lookup'
        ? this.definition.referenceTables.find((candidate) => candidate.id === indicator.table)
        : undefined;
    const answers = possibleAnswers(indicator);
    const base = {
      definition: indicator,
      categoryIndex: this.definition.categories.findIndex((category) => category.id === indicator.category),
      evidence: parseTemplate(indicator.evidence, table),
      followUp: indicator.followUp ?? '',
      ...(indicator.redFlag ? { redFlagTier: indicator.redFlag.minimumTier } : {}),
      unknownBest: toCentipoints(indicator.unknown?.best ?? answers.best),
      unknownWorst: toCentipoints(indicator.unknown?.worst ?? answers.worst),
      flagPossible: answers.flagPossible,
      stake: toCentipoints(answers.stake),
      answers: [...new Set(answers.unflagged.map(toCentipoints))].sort((a, b) => a - b),
      ...(indicator.unknown?.prior ? { prior: compilePrior(indicator.unknown.prior) } : {}),
    };
    switch (indicator.kind) {
      case 'condition':
        return {
          ...base,
          kind: 'condition',
          fields: conditionFields(indicator.when),
          when: this.condition(indicator.when),
          centipoints: toCentipoints(indicator.points),
          missingCentipoints: toCentipoints(indicator.missingPoints ?? 0),
        };
      case 'mitigation':
        return {
          ...base,
          kind: 'mitigation',
          fields: conditionFields(indicator.when),
          when: this.condition(indicator.when),
          reductionCentipoints: toCentipoints(indicator.reduction),
        };
      case 'scale': {
        const bands = compileBands(indicator.bands);
        const field = indicator.field;
        const canonical = (value: unknown): string | number =>
          typeof value === 'number' ? value : this.canonicalText(field, String(value));
        return {
          ...base,
          kind: 'scale',
          fields: [field],
          field,
          band: (value) => bands(canonical(value)),
          missingCentipoints: toCentipoints(indicator.missingPoints ?? 0),
        };
      }
      case 'lookup': {
        if (!table) {
          throw new Error(
            `compileRuleSet: indicator ${indicator.id} names table ${indicator.table}, which is not declared`,
          );
        }
        const columnIndex = table.columns.indexOf(indicator.column);
        const alpha2 = table.columns.indexOf('alpha2');
        const band = compileBands(indicator.bands);
        if (table.key === 'country') {
          return {
            ...base,
            kind: 'country-lookup',
            fields: ['country'],
            table,
            columnIndex,
            rows: new Map(table.rows.map((row) => [row[alpha2], row])),
            band: (cell) => band(cell),
            notFoundCentipoints: toCentipoints(indicator.notFoundPoints ?? 0),
            // Rule sets before ranges charged the worst the table can give when there was no country.
            missingCentipoints: toCentipoints(
              Math.max(indicator.missingPoints ?? 0, indicator.notFoundPoints ?? 0),
            ),
          };
        }
        const good = table.columns.indexOf('good');
        const rows = new Map<string, Map<string, readonly string[]>>();
        for (const row of table.rows) {
          const byGood = rows.get(row[alpha2]) ?? new Map<string, readonly string[]>();
          byGood.set(row[good], row);
          rows.set(row[alpha2], byGood);
        }
        return {
          ...base,
          kind: 'goods-lookup',
          fields: ['country', 'products'],
          table,
          columnIndex,
          rows,
          band: (cell) => band(cell),
          // Filled once every indicator is compiled: see worstListedGoods.
          countryWorst: new Map(),
          matchGoods: this.goodsMatcherFor(table),
          missingCentipoints: toCentipoints(indicator.missingPoints ?? 0),
        };
      }
    }
  }

  /** Text as the rules compare it: sub-sectors through the taxonomy, codes upper-case, the rest folded. */
  private canonicalText(field: SupplierField, text: string): string {
    if (field === 'subSector') {
      return this.taxonomy.subSector(text) ?? foldValue(text);
    }
    return SUPPLIER_FIELDS[field].type === 'country' ? text.trim().toUpperCase() : foldValue(text);
  }

  private condition(condition: Condition): CompiledCondition {
    if ('all' in condition) {
      return { kind: 'all', children: condition.all.map((child) => this.condition(child)) };
    }
    if ('any' in condition) {
      return { kind: 'any', children: condition.any.map((child) => this.condition(child)) };
    }
    return this.atom(condition);
  }

  private atom(condition: FieldCondition): CompiledCondition {
    const { field } = condition;
    const scalar = (value: ScalarValue): ScalarValue =>
      typeof value === 'string' ? this.canonicalText(field, value) : value;
    const present = (value: unknown): ScalarValue =>
      typeof value === 'string' ? this.canonicalText(field, value) : (value as ScalarValue);
    const atom = (test: (value: unknown, context: EvaluationContext) => boolean): CompiledCondition => ({
      kind: 'atom',
      field,
      mode: 'value',
      test,
    });
    switch (condition.op) {
      case 'equals': {
        const expected = scalar(condition.value);
        return atom((value) => present(value) === expected);
      }
      case 'in': {
        const expected = new Set(condition.values.map(scalar));
        return atom((value) => expected.has(present(value)));
      }
      case 'gt':
        return atom((value) => (value as number) > condition.value);
      case 'gte':
        return atom((value) => (value as number) >= condition.value);
      case 'lt':
        return atom((value) => (value as number) < condition.value);
      case 'lte':
        return atom((value) => (value as number) <= condition.value);
      case 'between':
        return atom((value) => (value as number) >= condition.min && (value as number) <= condition.max);
      case 'present':
      case 'missing':
        return { kind: 'atom', field, mode: condition.op, test: () => true };
      case 'containsAny': {
        const needles = condition.values.map((text) => ({
          key: phraseKey(text),
          folded: foldText(text),
          latin: LATIN_TEXT.test(foldText(text)),
        }));
        return atom((value) => {
          const texts = Array.isArray(value) ? (value as string[]) : [String(value)];
          return texts.some((text) => needles.some((needle) => containsPhrase(text, needle)));
        });
      }
      case 'withinMonths':
        return atom((value, context) => withinMonths(String(value), condition.months, context));
    }
  }
}

function conditionFields(condition: Condition): SupplierField[] {
  if ('all' in condition) {
    return [...new Set(condition.all.flatMap(conditionFields))];
  }
  if ('any' in condition) {
    return [...new Set(condition.any.flatMap(conditionFields))];
  }
  return [condition.field];
}
