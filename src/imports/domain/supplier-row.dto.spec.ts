import { describe, expect, it } from '@jest/globals';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import { SUPPLIER_FIELDS, SUPPLIER_FIELD_NAMES } from '../../suppliers/domain/supplier-fields.js';
import { SupplierRowDto } from './supplier-row.dto.js';

// The DTO's decorators are written property by property, so its property list restates the registry's fields:
// these tests fail when the two drift apart.

function validations() {
  return getMetadataStorage().getTargetValidationMetadatas(SupplierRowDto, '', false, false);
}

describe(SupplierRowDto.name, () => {
  it('validates exactly the registry fields, plus the extra attributes', () => {
    const validated = new Set(validations().map((metadata) => metadata.propertyName));

    expect([...validated].sort()).toEqual([...SUPPLIER_FIELD_NAMES, 'extra'].sort());
  });

  it('lets every field be absent except the ones the registry requires', () => {
    const optional = new Set(
      validations()
        .filter((metadata) => metadata.type === ValidationTypes.CONDITIONAL_VALIDATION)
        .map((metadata) => metadata.propertyName),
    );

    expect(SUPPLIER_FIELD_NAMES.filter((field) => !optional.has(field))).toEqual(
      SUPPLIER_FIELD_NAMES.filter((field) => SUPPLIER_FIELDS[field].required),
    );
  });
});
