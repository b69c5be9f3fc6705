import { describe, expect, it } from '@jest/globals';
import {
  FIELD_GROUPS,
  SUPPLIER_FIELDS,
  SUPPLIER_FIELD_NAMES,
  isSupplierField,
  supplierFieldLabel,
} from './supplier-fields.js';

describe('SUPPLIER_FIELDS', () => {
  it('puts every field in exactly one group, keeping the registry order inside each group', () => {
    const grouped = FIELD_GROUPS.flatMap((group) => group.fields);

    expect([...grouped].sort()).toEqual([...SUPPLIER_FIELD_NAMES].sort());
    for (const group of FIELD_GROUPS) {
      expect(group.fields.length).toBeGreaterThan(0);
      expect(group.fields).toEqual(SUPPLIER_FIELD_NAMES.filter((field) => group.fields.includes(field)));
    }
  });

  it('keeps the groups in the order a compliance officer reads a supplier file', () => {
    expect(FIELD_GROUPS.map((group) => group.title)).toEqual([
      'Identity and location',
      'Activity and supply chain',
      'Workforce and recruitment',
      'ILO forced-labour indicators and child labour (reported)',
      'Audits, certification and remedy',
      'Commercial',
    ]);
  });

  it('gives each field its own label, so no two rows of a profile or columns of an export read alike', () => {
    const labels = SUPPLIER_FIELD_NAMES.map((field) => SUPPLIER_FIELDS[field].label.toLowerCase());

    expect(new Set(labels).size).toBe(labels.length);
  });

  it('writes labels in sentence case and sentence labels in lower case, as they read mid-sentence', () => {
    for (const field of SUPPLIER_FIELD_NAMES) {
      const { label, sentenceLabel } = SUPPLIER_FIELDS[field];
      expect([field, label[0]]).toEqual([field, label[0].toUpperCase()]);
      expect([field, sentenceLabel]).toEqual([field, sentenceLabel.toLowerCase()]);
    }
  });

  it('requires the supplier name and country only', () => {
    expect(SUPPLIER_FIELD_NAMES.filter((field) => SUPPLIER_FIELDS[field].required)).toEqual([
      'name',
      'country',
    ]);
  });

  it('shows every yes / no field as a fact or an indicator, and only those', () => {
    for (const field of SUPPLIER_FIELD_NAMES) {
      const { type, display } = SUPPLIER_FIELDS[field];
      expect([field, type === 'boolean']).toEqual([field, display === 'yesNo' || display === 'indicator']);
    }
  });

  it('exports the address beside the city, so two sites of one group in one city can be told apart', () => {
    const exported = SUPPLIER_FIELD_NAMES.filter((field) => SUPPLIER_FIELDS[field].export);

    expect(exported.slice(exported.indexOf('city'), exported.indexOf('city') + 2)).toEqual([
      'city',
      'address',
    ]);
  });
});

describe(isSupplierField.name, () => {
  it('knows the canonical fields and nothing inherited or extra', () => {
    expect(isSupplierField('usesLabourAgency')).toBe(true);
    expect(isSupplierField('extra')).toBe(false);
    expect(isSupplierField('toString')).toBe(false);
    expect(isSupplierField('Uses labour agency')).toBe(false);
  });
});

describe(supplierFieldLabel.name, () => {
  it('labels canonical fields and leaves other names to the caller', () => {
    expect(supplierFieldLabel('usesLabourAgency')).toBe('Uses labour agencies or brokers');
    expect(supplierFieldLabel('buyerContact')).toBeUndefined();
  });
});
