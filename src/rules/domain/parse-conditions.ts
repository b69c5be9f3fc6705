// The "when" conditions of condition indicators and mitigations: all/any groups and single tests of one supplier
// field with one operator, each operator checked against the field's type, values against the field (sectors,
// country codes, sub-sectors of the taxonomy), and present/missing refused in risk indicators, where an unknown
// must widen the range rather than move the score.
import type { SupplierField } from '../../suppliers/domain/supplier-record.js';
import { SUPPLIER_FIELDS } from '../../suppliers/domain/supplier-fields.js';
import { isMapping, type RuleReader } from './rule-file-reader.js';
import type { Condition, ConditionOperator, ScalarValue, SectorDefinition } from './rule-set-definition.js';
import { checkTextValue, readField } from './parse-shared.js';
import { didYouMean } from './text-matching.js';

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

export function readCondition(
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
