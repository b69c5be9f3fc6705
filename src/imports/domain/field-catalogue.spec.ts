import { describe, expect, it } from '@jest/globals';
import {
  SUPPLIER_FIELDS,
  SUPPLIER_FIELD_NAMES,
  type DisplayKind,
  type FieldType,
} from '../../suppliers/domain/supplier-fields.js';
import { FIELD_CATALOGUE, type FieldKind, fieldSpec } from './field-catalogue.js';

// What each way of reading a cell produces, in the registry's terms; the display kind only where the import
// kind fixes it.
const READS: Record<FieldKind, { type: FieldType; display?: DisplayKind }> = {
  text: { type: 'text' },
  list: { type: 'list', display: 'list' },
  count: { type: 'number', display: 'number' },
  tier: { type: 'number', display: 'number' },
  percentage: { type: 'number', display: 'percent' },
  yesNo: { type: 'boolean' },
  date: { type: 'date', display: 'date' },
  money: { type: 'number', display: 'money' },
  currency: { type: 'text' },
  country: { type: 'country', display: 'country' },
  sector: { type: 'sector', display: 'sector' },
  coordinate: { type: 'number', display: 'coordinate' },
};

describe('FIELD_CATALOGUE', () => {
  it('describes how to import exactly the registry fields', () => {
    expect(Object.keys(FIELD_CATALOGUE).sort()).toEqual([...SUPPLIER_FIELD_NAMES].sort());
  });

  it('reads each field as the value type the registry gives it', () => {
    for (const field of SUPPLIER_FIELD_NAMES) {
      const reads = READS[fieldSpec(field).kind];
      const { type, display } = SUPPLIER_FIELDS[field];
      expect([field, type]).toEqual([field, reads.type]);
      if (reads.display) {
        expect([field, display]).toEqual([field, reads.display]);
      }
    }
  });

  it('reads a percentage cell for every field shown as a percentage', () => {
    const percentages = SUPPLIER_FIELD_NAMES.filter((field) => SUPPLIER_FIELDS[field].display === 'percent');

    expect(percentages.map((field) => fieldSpec(field).kind)).toEqual(percentages.map(() => 'percentage'));
  });
});
