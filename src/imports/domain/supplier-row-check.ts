import { countryByAlpha2 } from '../../common/countries/country-resolver.js';
import { isCalendarDate } from '../../common/dates/iso-date.js';
import { SECTORS, type SupplierField } from '../../suppliers/domain/supplier-record.js';
import { FIELD_CATALOGUE, type FieldKind, type FieldSpec, fieldSpec } from './field-catalogue.js';
import { isCurrencyCode } from './normalise-currency.js';

// A fast look at a normalised row before the SupplierRowDto constraints: when it says the row certainly meets them,
// class-validator would find nothing and is not run (it was ~6 % of an import's CPU profile). When
// it is not sure, class-validator decides and words the problems. So this check may be stricter than the DTO, never
// looser: `certainlyValid(values) => validateSync(dto) finds nothing` (property-tested against the DTO).

/** The closed range of each numeric kind of field, and whether it must be whole. */
const NUMBERS: Partial<Record<FieldKind, { min: number; max: number; whole: boolean }>> = {
  percentage: { min: 0, max: 100, whole: false },
  count: { min: 0, max: Number.MAX_SAFE_INTEGER, whole: true },
  tier: { min: 1, max: Number.MAX_SAFE_INTEGER, whole: true },
  money: { min: 0, max: Number.MAX_VALUE, whole: false },
};
const COORDINATE_LIMIT = { latitude: 90, longitude: 180 } as const;
const MAX_LIST_ITEMS = 500;
const SECTOR_NAMES: ReadonlySet<unknown> = new Set(SECTORS);

const maxLength = (field: SupplierField): number => fieldSpec(field).maxLength ?? 500;

function shortText(value: unknown, field: SupplierField): boolean {
  return typeof value === 'string' && value.length <= maxLength(field);
}

/** YYYY-MM-DD of a real day, from year 1000 (class-validator's strict ISO 8601 check refuses earlier years). */
function calendarDate(value: string): boolean {
  return isCalendarDate(value) && value >= '1000';
}

function fieldOk(field: SupplierField, value: unknown, asOf: string | undefined): boolean {
  const spec = (FIELD_CATALOGUE as Partial<Record<string, FieldSpec>>)[field];
  if (!spec) {
    // A field this check does not know: class-validator decides.
    return false;
  }
  if (field === 'name') {
    return typeof value === 'string' && value !== '' && shortText(value, field);
  }
  if (value === undefined || value === null) {
    // Every field but name and country is @IsOptional, which lets both through.
    return field !== 'country';
  }
  const number = (min: number, max: number, whole: boolean): boolean =>
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (!whole || Number.isSafeInteger(value)) &&
    value >= min &&
    value <= max;
  switch (spec.kind) {
    case 'text':
      return shortText(value, field);
    case 'list':
      return (
        Array.isArray(value) &&
        value.length <= MAX_LIST_ITEMS &&
        value.every((item: unknown) => shortText(item, field))
      );
    case 'yesNo':
      return typeof value === 'boolean';
    case 'percentage':
    case 'count':
    case 'tier':
    case 'money': {
      const range = NUMBERS[spec.kind];
      return range !== undefined && number(range.min, range.max, range.whole);
    }
    case 'coordinate':
      return number(-COORDINATE_LIMIT[spec.axis], COORDINATE_LIMIT[spec.axis], false);
    case 'country':
      return typeof value === 'string' && countryByAlpha2(value)?.alpha2 === value;
    case 'sector':
      return SECTOR_NAMES.has(value);
    case 'currency':
      return typeof value === 'string' && isCurrencyCode(value);
    case 'date':
      return typeof value === 'string' && calendarDate(value) && (asOf === undefined || value <= asOf);
  }
}

/** True only when the SupplierRowDto constraints certainly hold for these normalised values. */
export function certainlyValid(
  values: Partial<Record<SupplierField, unknown>>,
  asOf: string | undefined,
): boolean {
  if (!fieldOk('name', values.name, asOf) || !fieldOk('country', values.country, asOf)) {
    return false;
  }
  for (const field of Object.keys(values) as SupplierField[]) {
    if (!fieldOk(field, values[field], asOf)) {
      return false;
    }
  }
  return true;
}
