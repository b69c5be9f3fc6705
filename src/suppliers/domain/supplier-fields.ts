// The one list of canonical supplier fields. The record type, the rules, the import catalogue, the PDF profile,
// the export and the dashboard all read their field set, labels and grouping from here, so a field is added,
// renamed or relabelled in one place. Pure data: the web bundle imports it too.

/** What a field holds, as the rule validator checks operators and values against it. */
export type FieldType = 'text' | 'country' | 'sector' | 'list' | 'number' | 'boolean' | 'date';

/** How a value is shown to a reader: an "indicator" is a yes that reports a risk, a "yesNo" is a plain fact. */
export type DisplayKind =
  | 'text'
  | 'country'
  | 'sector'
  | 'list'
  | 'number'
  | 'percent'
  | 'indicator'
  | 'yesNo'
  | 'money'
  | 'coordinate'
  | 'date';

// The groups a compliance officer reads a supplier file in, in that order (the PDF's section titles).
const GROUP_TITLES = {
  identity: 'Identity and location',
  activity: 'Activity and supply chain',
  workforce: 'Workforce and recruitment',
  indicators: 'ILO forced-labour indicators and child labour (reported)',
  audits: 'Audits, certification and remedy',
  commercial: 'Commercial',
} as const;

export type FieldGroupId = keyof typeof GROUP_TITLES;

/** A column of the supplier export; its header is the field's label. */
export interface ExportColumnSpec {
  width: number;
  numFmt?: string;
}

export interface SupplierFieldSpec {
  type: FieldType;
  /** Every record has it; an import needs its column. */
  required?: true;
  /** As the report, the dashboard and the export head it. */
  label: string;
  /** Lower case, as rule evidence and follow-ups say it mid-sentence ("Ask the supplier for the ..."). */
  sentenceLabel: string;
  group: FieldGroupId;
  display: DisplayKind;
  /** Only fields with a column in the supplier export. */
  export?: ExportColumnSpec;
}

const DEFINITIONS = {
  externalRef: {
    type: 'text',
    label: 'Supplier ID',
    sentenceLabel: 'supplier reference',
    group: 'identity',
    display: 'text',
    export: { width: 16 },
  },
  name: {
    type: 'text',
    required: true,
    label: 'Supplier name',
    sentenceLabel: 'supplier name',
    group: 'identity',
    display: 'text',
    export: { width: 40 },
  },
  // ISO 3166-1 alpha-2, upper case.
  country: {
    type: 'country',
    required: true,
    label: 'Country',
    sentenceLabel: 'country',
    group: 'identity',
    display: 'country',
    export: { width: 20 },
  },
  region: {
    type: 'text',
    label: 'Region / province',
    sentenceLabel: 'region / province',
    group: 'identity',
    display: 'text',
    export: { width: 18 },
  },
  city: {
    type: 'text',
    label: 'City',
    sentenceLabel: 'city',
    group: 'identity',
    display: 'text',
    export: { width: 18 },
  },
  // Exported: two sites of one group in one city are told apart by their street.
  address: {
    type: 'text',
    label: 'Address',
    sentenceLabel: 'address',
    group: 'identity',
    display: 'text',
    export: { width: 40 },
  },
  postalCode: {
    type: 'text',
    label: 'Postal code',
    sentenceLabel: 'postal code',
    group: 'identity',
    display: 'text',
  },
  // WGS 84 decimal degrees, -90..90 (south negative).
  latitude: {
    type: 'number',
    label: 'Latitude',
    sentenceLabel: 'latitude',
    group: 'identity',
    display: 'coordinate',
  },
  // WGS 84 decimal degrees, -180..180 (west negative).
  longitude: {
    type: 'number',
    label: 'Longitude',
    sentenceLabel: 'longitude',
    group: 'identity',
    display: 'coordinate',
  },
  sector: {
    type: 'sector',
    label: 'Sector',
    sentenceLabel: 'sector',
    group: 'activity',
    display: 'sector',
    export: { width: 14 },
  },
  // Free text as uploaded or inferred ("cocoa", "cut-make-trim").
  subSector: {
    type: 'text',
    label: 'Sub-sector',
    sentenceLabel: 'sub-sector',
    group: 'activity',
    display: 'text',
    export: { width: 18 },
  },
  // What the site does in the chain ("Finished goods", "Tannery"). Never feeds sector inference: "components"
  // says nothing about the industry.
  facilityType: {
    type: 'text',
    label: 'Facility type',
    sentenceLabel: 'facility type',
    group: 'activity',
    display: 'text',
  },
  products: {
    type: 'list',
    label: 'Products',
    sentenceLabel: 'products',
    group: 'activity',
    display: 'list',
    export: { width: 30 },
  },
  // 1 = direct supplier.
  supplyChainTier: {
    type: 'number',
    label: 'Supply-chain tier',
    sentenceLabel: 'supply-chain tier',
    group: 'activity',
    display: 'number',
    export: { width: 10 },
  },
  parentCompany: {
    type: 'text',
    label: 'Parent company',
    sentenceLabel: 'parent company',
    group: 'identity',
    display: 'text',
  },
  subcontractors: {
    type: 'list',
    label: 'Subcontractors',
    sentenceLabel: 'subcontractors',
    group: 'activity',
    display: 'list',
  },
  workerCount: {
    type: 'number',
    label: 'Workers',
    sentenceLabel: 'number of workers',
    group: 'workforce',
    display: 'number',
    export: { width: 10, numFmt: '#,##0' },
  },
  femaleWorkerPct: {
    type: 'number',
    label: 'Female workers',
    sentenceLabel: 'share of female workers (%)',
    group: 'workforce',
    display: 'percent',
  },
  migrantWorkerPct: {
    type: 'number',
    label: 'Migrant workers',
    sentenceLabel: 'share of migrant workers (%)',
    group: 'workforce',
    display: 'percent',
  },
  temporaryWorkerPct: {
    type: 'number',
    label: 'Temporary / seasonal workers',
    sentenceLabel: 'share of temporary or seasonal workers (%)',
    group: 'workforce',
    display: 'percent',
  },
  usesLabourAgency: {
    type: 'boolean',
    label: 'Uses labour agencies or brokers',
    sentenceLabel: 'use of labour agencies or brokers',
    group: 'workforce',
    display: 'indicator',
    export: { width: 10 },
  },
  recruitmentFeesPaidByWorkers: {
    type: 'boolean',
    label: 'Recruitment fees paid by workers',
    sentenceLabel: 'recruitment fees paid by workers',
    group: 'workforce',
    display: 'indicator',
  },
  employerProvidedHousing: {
    type: 'boolean',
    label: 'Employer-provided housing',
    sentenceLabel: 'employer-provided housing',
    group: 'workforce',
    display: 'yesNo',
  },
  undisclosedSubcontracting: {
    type: 'boolean',
    label: 'Undisclosed subcontracting',
    sentenceLabel: 'undisclosed subcontracting',
    group: 'activity',
    display: 'indicator',
  },
  identityDocumentsRetained: {
    type: 'boolean',
    label: 'Identity documents retained',
    sentenceLabel: 'retention of identity documents',
    group: 'indicators',
    display: 'indicator',
  },
  wagesWithheld: {
    type: 'boolean',
    label: 'Wages withheld',
    sentenceLabel: 'withholding of wages',
    group: 'indicators',
    display: 'indicator',
  },
  debtBondage: {
    type: 'boolean',
    label: 'Debt bondage',
    sentenceLabel: 'debt bondage',
    group: 'indicators',
    display: 'indicator',
  },
  movementRestricted: {
    type: 'boolean',
    label: 'Restriction of movement',
    sentenceLabel: 'restriction of movement',
    group: 'indicators',
    display: 'indicator',
  },
  isolation: {
    type: 'boolean',
    label: 'Isolation',
    sentenceLabel: 'isolation',
    group: 'indicators',
    display: 'indicator',
  },
  physicalOrSexualViolence: {
    type: 'boolean',
    label: 'Physical or sexual violence',
    sentenceLabel: 'physical or sexual violence',
    group: 'indicators',
    display: 'indicator',
  },
  intimidationAndThreats: {
    type: 'boolean',
    label: 'Intimidation and threats',
    sentenceLabel: 'intimidation and threats',
    group: 'indicators',
    display: 'indicator',
  },
  abusiveLivingConditions: {
    type: 'boolean',
    label: 'Abusive living and working conditions',
    sentenceLabel: 'abusive working and living conditions',
    group: 'indicators',
    display: 'indicator',
  },
  excessiveOvertime: {
    type: 'boolean',
    label: 'Excessive overtime',
    sentenceLabel: 'excessive overtime',
    group: 'indicators',
    display: 'indicator',
  },
  deception: {
    type: 'boolean',
    label: 'Deception',
    sentenceLabel: 'deception',
    group: 'indicators',
    display: 'indicator',
  },
  abuseOfVulnerability: {
    type: 'boolean',
    label: 'Abuse of vulnerability',
    sentenceLabel: 'abuse of vulnerability',
    group: 'indicators',
    display: 'indicator',
  },
  childLabourReported: {
    type: 'boolean',
    label: 'Child labour reported',
    sentenceLabel: 'child labour reported',
    group: 'indicators',
    display: 'indicator',
  },
  // ISO date (YYYY-MM-DD).
  lastAuditDate: {
    type: 'date',
    label: 'Last social audit',
    sentenceLabel: 'date of the last social audit',
    group: 'audits',
    display: 'date',
  },
  auditScheme: {
    type: 'text',
    label: 'Audit scheme',
    sentenceLabel: 'social audit scheme',
    group: 'audits',
    display: 'text',
  },
  certifications: {
    type: 'list',
    label: 'Certifications',
    sentenceLabel: 'certifications',
    group: 'audits',
    display: 'list',
  },
  grievanceMechanism: {
    type: 'boolean',
    label: 'Grievance mechanism',
    sentenceLabel: 'grievance mechanism',
    group: 'audits',
    display: 'yesNo',
  },
  annualSpend: {
    type: 'number',
    label: 'Annual spend',
    sentenceLabel: 'annual spend',
    group: 'commercial',
    display: 'money',
    export: { width: 14, numFmt: '#,##0' },
  },
  // ISO 4217 code.
  currency: {
    type: 'text',
    label: 'Currency',
    sentenceLabel: 'currency',
    group: 'commercial',
    display: 'text',
    export: { width: 9 },
  },
} as const satisfies Record<string, SupplierFieldSpec>;

/** The literal definitions, from which supplier-record.ts derives the record's value types. */
export type SupplierFieldDefinitions = typeof DEFINITIONS;

export type SupplierField = keyof SupplierFieldDefinitions;

export const SUPPLIER_FIELDS: Readonly<Record<SupplierField, SupplierFieldSpec>> = DEFINITIONS;

/** In definition order: the import template's columns, the rules' field order and every group's order. */
export const SUPPLIER_FIELD_NAMES: readonly SupplierField[] = Object.keys(DEFINITIONS) as SupplierField[];

export function isSupplierField(name: string): name is SupplierField {
  return Object.hasOwn(DEFINITIONS, name);
}

export interface FieldGroup {
  id: FieldGroupId;
  title: string;
  fields: readonly SupplierField[];
}

export const FIELD_GROUPS: readonly FieldGroup[] = (Object.keys(GROUP_TITLES) as FieldGroupId[]).map(
  (id) => ({
    id,
    title: GROUP_TITLES[id],
    fields: SUPPLIER_FIELD_NAMES.filter((field) => SUPPLIER_FIELDS[field].group === id),
  }),
);

/** The field's label, or undefined for a name that is no canonical field (an extra attribute, a typo). */
export function supplierFieldLabel(name: string): string | undefined {
  return isSupplierField(name) ? SUPPLIER_FIELDS[name].label : undefined;
}
