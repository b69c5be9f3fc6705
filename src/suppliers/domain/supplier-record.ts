import type { SupplierField, SupplierFieldDefinitions } from './supplier-fields.js';

// A supplier as an import produces it, the rules read it and reports print it; its fields are the registry's.
// Every optional field may be absent; absence means "unknown", never "no risk".

export type { SupplierField } from './supplier-fields.js';

export const SECTORS = [
  'agriculture',
  'electronics',
  'garments',
  'mining',
  'fishing',
  'construction',
  'manufacturing',
  'services',
  'other',
] as const;
export type Sector = (typeof SECTORS)[number];

/** yes / no / unknown answers are stored as true / false / absent. */
export type TriState = boolean;

export const ILO_INDICATORS = [
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
] as const satisfies readonly SupplierField[];
export type IloIndicator = (typeof ILO_INDICATORS)[number];

/** The value each field type holds; absent stands for unknown. */
interface FieldValues {
  text: string;
  country: string;
  sector: Sector;
  list: string[];
  number: number;
  boolean: TriState;
  date: string;
}

type Definitions = SupplierFieldDefinitions;
type ValueOf<F extends SupplierField> = FieldValues[Definitions[F]['type']];
type RequiredField = {
  [F in SupplierField]: Definitions[F] extends { required: true } ? F : never;
}[SupplierField];
type Flatten<T> = { [K in keyof T]: T[K] };

/** One field per entry of the registry (supplier-fields.ts), required where the registry says so. */
export type SupplierRecord = Flatten<
  { [F in RequiredField]: ValueOf<F> } & { [F in Exclude<SupplierField, RequiredField>]?: ValueOf<F> } & {
    /** Every uploaded column that maps to no canonical field, kept as uploaded. */
    extra?: Record<string, string>;
  }
>;
