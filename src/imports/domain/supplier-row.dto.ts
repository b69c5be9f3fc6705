import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  registerDecorator,
  type ValidationArguments,
  type ValidationOptions,
} from 'class-validator';
import { countryByAlpha2 } from '../../common/countries/country-resolver.js';
import {
  SECTORS,
  type Sector,
  type SupplierField,
  type SupplierRecord,
} from '../../suppliers/domain/supplier-record.js';
import { fieldSpec } from './field-catalogue.js';
import { isCurrencyCode } from './normalise-currency.js';
import { YES_NO_EXPECTED } from './normalise-boolean.js';

// The shape a supplier must have once its cells are normalised, checked with class-validator like any HTTP
// DTO. Messages say what was expected, in the words a compliance officer uses.

function IsKnownCountryCode(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) => {
    registerDecorator({
      name: 'isKnownCountryCode',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && countryByAlpha2(value)?.alpha2 === value,
      },
    });
  };
}

function IsCurrencyCode(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) => {
    registerDecorator({
      name: 'isCurrencyCode',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: { validate: (value: unknown) => typeof value === 'string' && isCurrencyCode(value) },
    });
  };
}

/** The ISO date must not be after the row's `asOf` date (an audit cannot have happened in the future). */
function IsNotAfterAsOf(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) => {
    registerDecorator({
      name: 'isNotAfterAsOf',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown, args?: ValidationArguments) => {
          const asOf = (args?.object as SupplierRowDto | undefined)?.asOf;
          return typeof value === 'string' && (asOf === undefined || value <= asOf);
        },
      },
    });
  };
}

const max = (field: SupplierField): number => fieldSpec(field).maxLength ?? 500;

const textOf = (field: SupplierField): ValidationOptions => ({
  message: `text of at most ${max(field)} characters`,
});
const listOf = (field: SupplierField): ValidationOptions => ({
  each: true,
  message: `a list of items of at most ${max(field)} characters each`,
});
const yesNo: ValidationOptions = { message: YES_NO_EXPECTED };
const percent: ValidationOptions = { message: 'a percentage from 0 to 100' };
const latitude: ValidationOptions = { message: 'a latitude in decimal degrees from -90 to 90' };
const longitude: ValidationOptions = { message: 'a longitude in decimal degrees from -180 to 180' };
const MAX_LIST_ITEMS = 500;
const tooManyItems: ValidationOptions = { message: `a list of at most ${MAX_LIST_ITEMS} items` };

export class SupplierRowDto implements SupplierRecord {
  /** Reference date for "not in the future" checks; not part of the record. */
  asOf?: string;

  @IsOptional()
  @IsString()
  @MaxLength(max('externalRef'), textOf('externalRef'))
  externalRef?: string;

  @IsDefined({ message: 'a supplier name; this column is required' })
  @IsString()
  @IsNotEmpty({ message: 'a supplier name; this column is required' })
  @MaxLength(max('name'), textOf('name'))
  name!: string;

  @IsDefined({ message: 'a country; this column is required' })
  @IsKnownCountryCode({ message: 'an ISO 3166 alpha-2 country code' })
  country!: string;

  @IsOptional()
  @IsString()
  @MaxLength(max('region'), textOf('region'))
  region?: string;

  @IsOptional()
  @IsString()
  @MaxLength(max('city'), textOf('city'))
  city?: string;

  @IsOptional()
  @IsString()
  @MaxLength(max('address'), textOf('address'))
  address?: string;

  @IsOptional()
  @IsString()
  @MaxLength(max('postalCode'), textOf('postalCode'))
  postalCode?: string;

  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false }, latitude)
  @Min(-90, latitude)
  @Max(90, latitude)
  latitude?: number;

  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false }, longitude)
  @Min(-180, longitude)
  @Max(180, longitude)
  longitude?: number;

  @IsOptional()
  @IsIn(SECTORS, { message: `one of the sectors ${SECTORS.join(', ')}` })
  sector?: Sector;

  @IsOptional()
  @IsString()
  @MaxLength(max('subSector'), textOf('subSector'))
  subSector?: string;

  @IsOptional()
  @IsString()
  @MaxLength(max('facilityType'), textOf('facilityType'))
  facilityType?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_LIST_ITEMS, tooManyItems)
  @IsString({ each: true })
  @MaxLength(max('products'), listOf('products'))
  products?: string[];

  @IsOptional()
  @IsInt({ message: 'a whole number from 1 (1 = direct supplier)' })
  @Min(1, { message: 'a whole number from 1 (1 = direct supplier)' })
  supplyChainTier?: number;

  @IsOptional()
  @IsString()
  @MaxLength(max('parentCompany'), textOf('parentCompany'))
  parentCompany?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_LIST_ITEMS, tooManyItems)
  @IsString({ each: true })
  @MaxLength(max('subcontractors'), listOf('subcontractors'))
  subcontractors?: string[];

  @IsOptional()
  @IsInt({ message: 'a whole number of workers, 0 or more' })
  @Min(0, { message: 'a whole number of workers, 0 or more' })
  workerCount?: number;

  @IsOptional()
  @IsNumber({}, percent)
  @Min(0, percent)
  @Max(100, percent)
  femaleWorkerPct?: number;

  @IsOptional()
  @IsNumber({}, percent)
  @Min(0, percent)
  @Max(100, percent)
  migrantWorkerPct?: number;

  @IsOptional()
  @IsNumber({}, percent)
  @Min(0, percent)
  @Max(100, percent)
  temporaryWorkerPct?: number;

  @IsOptional() @IsBoolean(yesNo) usesLabourAgency?: boolean;
  @IsOptional() @IsBoolean(yesNo) recruitmentFeesPaidByWorkers?: boolean;
  @IsOptional() @IsBoolean(yesNo) employerProvidedHousing?: boolean;
  @IsOptional() @IsBoolean(yesNo) undisclosedSubcontracting?: boolean;
  @IsOptional() @IsBoolean(yesNo) identityDocumentsRetained?: boolean;
  @IsOptional() @IsBoolean(yesNo) wagesWithheld?: boolean;
  @IsOptional() @IsBoolean(yesNo) debtBondage?: boolean;
  @IsOptional() @IsBoolean(yesNo) movementRestricted?: boolean;
  @IsOptional() @IsBoolean(yesNo) isolation?: boolean;
  @IsOptional() @IsBoolean(yesNo) physicalOrSexualViolence?: boolean;
  @IsOptional() @IsBoolean(yesNo) intimidationAndThreats?: boolean;
  @IsOptional() @IsBoolean(yesNo) abusiveLivingConditions?: boolean;
  @IsOptional() @IsBoolean(yesNo) excessiveOvertime?: boolean;
  @IsOptional() @IsBoolean(yesNo) deception?: boolean;
  @IsOptional() @IsBoolean(yesNo) abuseOfVulnerability?: boolean;
  @IsOptional() @IsBoolean(yesNo) childLabourReported?: boolean;

  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'a date (YYYY-MM-DD)' })
  @IsNotAfterAsOf({
    message: 'the date of an audit that has already taken place (this date is in the future)',
  })
  lastAuditDate?: string;

  @IsOptional()
  @IsString()
  @MaxLength(max('auditScheme'), textOf('auditScheme'))
  auditScheme?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_LIST_ITEMS, tooManyItems)
  @IsString({ each: true })
  @MaxLength(max('certifications'), listOf('certifications'))
  certifications?: string[];

  @IsOptional() @IsBoolean(yesNo) grievanceMechanism?: boolean;

  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'an amount of 0 or more' })
  @Min(0, { message: 'an amount of 0 or more' })
  annualSpend?: number;

  @IsOptional()
  @IsCurrencyCode({ message: 'an ISO 4217 currency code such as USD, EUR, GBP or CNY' })
  currency?: string;

  @IsOptional()
  @IsObject()
  extra?: Record<string, string>;
}
