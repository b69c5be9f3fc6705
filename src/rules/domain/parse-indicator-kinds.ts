// The part of an indicator that depends on its kind: a mitigation ("when" and "reduction"), a condition ("when" and
// "points"), a scale (bands on a number or text supplier field) or a lookup (bands on a column of a reference
// table), with the keys each kind refuses. Conditions and bands themselves are read in parse-conditions.ts and
// parse-bands.ts; the fields every indicator shares are read in parse-indicators.ts.
import { SECTORS } from '../../suppliers/domain/supplier-record.js';
import { SUPPLIER_FIELDS } from '../../suppliers/domain/supplier-fields.js';
import type { RuleReader } from './rule-file-reader.js';
import type {
  CategoryDefinition,
  IndicatorDefinition,
  ReferenceTableDefinition,
  SectorDefinition,
} from './rule-set-definition.js';
import { checkBandValues, readBands } from './parse-bands.js';
import { readCondition } from './parse-conditions.js';
import { findTable } from './parse-reference-tables.js';
import { readField } from './parse-shared.js';
import { didYouMean, foldValue } from './text-matching.js';

/** What indicators see of ruleset.yaml: the categories and the reference tables (with those that failed to load). */
export interface IndicatorScope {
  categories: CategoryDefinition[];
  tables: ReferenceTableDefinition[];
  brokenTables: Set<string>;
}

type IndicatorBaseFields = Pick<
  IndicatorDefinition,
  'id' | 'title' | 'category' | 'description' | 'evidence' | 'followUp' | 'actions' | 'redFlag'
>;

export function readMitigation(
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

export function readConditionIndicator(
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

export function readScaleIndicator(
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

export function readLookupIndicator(
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
