import type { SupplierField, SupplierRecord } from '../../suppliers/domain/supplier-record.js';
import { canonicalJson, sha256Hex } from './canonical-json.js';
import type {
  BandHit,
  CompiledCategory,
  CompiledCondition,
  CompiledIndicator,
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
} from './rule-set-definition.js';
import { SUPPLIER_FIELDS, SUPPLIER_FIELD_NAMES } from './supplier-fields.js';
import { PhraseIndex, foldText, foldValue, phraseKey } from './text-matching.js';

export type { CompiledRuleSet } from './compiled-rule-set.js';

const toCentipoints = (points: number): number => Math.round(points * 100);
// Bound on the per-rule-set memo of product and sub-sector texts already matched.
const MEMO_LIMIT = 50_000;

/** Compile once, score many: validates nothing (parseRuleSet did), precomputes everything. */
export function compileRuleSet(definition: RuleSetDefinition): CompiledRuleSet {
  const content = deepFreeze(structuredClone(definition));
  const hash = sha256Hex(canonicalJson(content));
  const taxonomy = new TaxonomyIndex(content);
  const goodsMatchers = new Map<string, (products: readonly string[]) => GoodMatch[]>();
  const goodsMatcherFor = (
    table: ReferenceTableDefinition,
  ): ((products: readonly string[]) => GoodMatch[]) => {
    let matcher = goodsMatchers.get(table.id);
    if (!matcher) {
      matcher = goodsMatcher(
        buildGoodsIndex(table, content.goods?.table === table.id ? content.goods.synonyms : []),
      );
      goodsMatchers.set(table.id, matcher);
    }
    return matcher;
  };
  const compiler = new IndicatorCompiler(content, taxonomy, goodsMatcherFor);
  const indicators = content.indicators.map((indicator) => compiler.compile(indicator));
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
  const matchGoods = goodsTable ? goodsMatcherFor(goodsTable) : (): GoodMatch[] => [];

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
    resolveSector: (text) => taxonomy.resolve(text),
    inferSector: (products) => taxonomy.infer(products),
    resolveSubSector: (text) => taxonomy.subSector(text),
    matchGoods,
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

export function parseIsoDate(text: string): { year: number; month: number; day: number } | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(text.trim());
  if (!match) {
    return undefined;
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return undefined;
  }
  return { year, month, day };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
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

function buildGoodsIndex(
  table: ReferenceTableDefinition,
  synonyms: readonly { good: string; names: string[] }[],
): PhraseIndex<string> {
  const index = new PhraseIndex<string>();
  const goodColumn = table.columns.indexOf('good');
  for (const row of table.rows) {
    const good = row[goodColumn];
    index.add(good, good);
    // "Tin ore (cassiterite)" is also found as "tin ore"; the qualifier alone is left to the synonyms.
    const bare = good.replace(/\s*\([^)]*\)\s*/g, ' ').trim();
    if (bare !== good) {
      index.add(bare, good);
    }
  }
  for (const { good, names } of synonyms) {
    // The synonym names the good; every spelling of that good in the table (per country) shares the key.
    const spellings = [...new Set(table.rows.map((row) => row[goodColumn]))].filter(
      (candidate) => phraseKey(candidate) === phraseKey(good),
    );
    names.forEach((name) => spellings.forEach((spelling) => index.add(name, spelling)));
  }
  return index;
}

/** Product lists repeat across a portfolio: remember what each product text matched (bounded, pure). */
function goodsMatcher(index: PhraseIndex<string>): (products: readonly string[]) => GoodMatch[] {
  const memo = new Map<string, string[]>();
  const goodsOf = (product: string): string[] => {
    let goods = memo.get(product);
    if (!goods) {
      goods = [...new Set(index.find(product).map((match) => match.value))];
      if (memo.size >= MEMO_LIMIT) {
        memo.clear();
      }
      memo.set(product, goods);
    }
    return goods;
  };
  return (products) => {
    const matches: GoodMatch[] = [];
    for (const product of products) {
      for (const good of goodsOf(product)) {
        if (!matches.some((m) => m.product === product && m.good === good)) {
          matches.push({ product, good });
        }
      }
    }
    return matches;
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
    const base = {
      definition: indicator,
      categoryIndex: this.definition.categories.findIndex((category) => category.id === indicator.category),
      evidence: parseTemplate(indicator.evidence, table),
      followUp: indicator.followUp ?? '',
      ...(indicator.redFlag ? { redFlagTier: indicator.redFlag.minimumTier } : {}),
    };
    switch (indicator.kind) {
      case 'condition':
        return {
          ...base,
          kind: 'condition',
          fields: conditionFields(indicator.when),
          when: this.condition(indicator.when),
          centipoints: toCentipoints(indicator.points),
          missingCentipoints: toCentipoints(indicator.missingPoints),
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
          missingCentipoints: toCentipoints(indicator.missingPoints),
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
            notFoundCentipoints: toCentipoints(indicator.notFoundPoints),
            // Without a country nothing can be looked up: charge the worst the table can give.
            missingCentipoints: toCentipoints(Math.max(indicator.missingPoints, indicator.notFoundPoints)),
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
          matchGoods: this.goodsMatcherFor(table),
          missingCentipoints: toCentipoints(indicator.missingPoints),
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
