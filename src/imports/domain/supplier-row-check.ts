import { countryByAlpha2 } from '../../common/countries/country-resolver.js';
import { SECTORS, type SupplierField } from '../../suppliers/domain/supplier-record.js';
import { fieldSpec } from './field-catalogue.js';
import { isCurrencyCode } from './normalise-currency.js';

// A fast look at a normalised row before the SupplierRowDto constraints: when it says the row certainly meets them,
// class-validator would find nothing and is not run (it costs ~30 µs a row, a sixth of an import's own work). When
// it is not sure, class-validator decides and words the problems. So this check may be stricter than the DTO, never
// looser: `certainlyValid(values) => validateSync(dto) finds nothing` (property-tested against the DTO).

const TEXT = new Set<SupplierField>([
  'externalRef',
  'region',
  'city',
  'address',
  'postalCode',
  'subSector',
  'facilityType',
  'parentCompany',
  'auditScheme',
]);
const LISTS = new Set<SupplierField>(['products', 'subcontractors', 'certifications']);
const BOOLEANS = new Set<SupplierField>([
  'usesLabourAgency',
  'recruitmentFeesPaidByWorkers',
  'employerProvidedHousing',
  'undisclosedSubcontracting',
  'identityDocumentsRetained',
  'wagesWithheld',
  'debtBondage',
  'movementRestricted',
  'isolation',
  'physicalOrSexualViolence',
  'intimidationAndThreats',
  'abusiveLivingConditions',
  'excessiveOvertime',
  'deception',
  'abuseOfVulnerability',
  'childLabourReported',
  'grievanceMechanism',
]);
/** Numbers: the closed range each must fall in, and whether it must be whole. */
const NUMBERS: ReadonlyMap<SupplierField, { min: number; max: number; whole: boolean }> = new Map([
  ['latitude', { min: -90, max: 90, whole: false }],
  ['longitude', { min: -180, max: 180, whole: false }],
  ['femaleWorkerPct', { min: 0, max: 100, whole: false }],
  ['migrantWorkerPct', { min: 0, max: 100, whole: false }],
  ['temporaryWorkerPct', { min: 0, max: 100, whole: false }],
  ['workerCount', { min: 0, max: Number.MAX_SAFE_INTEGER, whole: true }],
  ['supplyChainTier', { min: 1, max: Number.MAX_SAFE_INTEGER, whole: true }],
  ['annualSpend', { min: 0, max: Number.MAX_VALUE, whole: false }],
]);
const MAX_LIST_ITEMS = 500;
const SECTOR_NAMES: ReadonlySet<unknown> = new Set(SECTORS);
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const maxLength = (field: SupplierField): number => fieldSpec(field).maxLength ?? 500;

function shortText(value: unknown, field: SupplierField): boolean {
  return typeof value === 'string' && value.length <= maxLength(field);
}

function calendarDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) {
    return false;
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    year >= 1000 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day
  );
}

function fieldOk(field: SupplierField, value: unknown, asOf: string | undefined): boolean {
  if (field === 'name') {
    return typeof value === 'string' && value !== '' && value.length <= maxLength('name');
  }
  if (field === 'country') {
    return typeof value === 'string' && countryByAlpha2(value)?.alpha2 === value;
  }
  if (value === undefined || value === null) {
    // Every other field is @IsOptional, which lets both through.
    return true;
  }
  if (TEXT.has(field)) {
    return shortText(value, field);
  }
  if (BOOLEANS.has(field)) {
    return typeof value === 'boolean';
  }
  if (LISTS.has(field)) {
    return (
      Array.isArray(value) &&
      value.length <= MAX_LIST_ITEMS &&
      value.every((item: unknown) => shortText(item, field))
    );
  }
  const range = NUMBERS.get(field);
  if (range) {
    return (
      typeof value === 'number' &&
      Number.isFinite(value) &&
      (!range.whole || Number.isSafeInteger(value)) &&
      value >= range.min &&
      value <= range.max
    );
  }
  if (field === 'sector') {
    return SECTOR_NAMES.has(value);
  }
  if (field === 'currency') {
    return typeof value === 'string' && isCurrencyCode(value);
  }
  if (field === 'lastAuditDate') {
    return typeof value === 'string' && calendarDate(value) && (asOf === undefined || value <= asOf);
  }
  // A field this check does not know: class-validator decides.
  return false;
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
