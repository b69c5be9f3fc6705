import type { SupplierField } from '../../suppliers/domain/supplier-fields.js';
import { SECTORS } from '../../suppliers/domain/supplier-record.js';
import type { CoordinateAxis } from './normalise-coordinate.js';

// How each canonical supplier field is imported: how its cells are read, what the template calls it, how a
// compliance officer is told to fill it in, and the column headers real exports use for it. The field set, its
// order and which fields are required come from the registry (suppliers/domain/supplier-fields.ts); each kind
// must read the registry's value type (checked in field-catalogue.spec.ts).

export type FieldKind =
  | 'text'
  | 'list'
  | 'count'
  | 'tier'
  | 'percentage'
  | 'yesNo'
  | 'date'
  | 'money'
  | 'currency'
  | 'country'
  | 'sector'
  | 'coordinate';

interface FieldSpecBase {
  /** Header used by the template; it maps back to the field through `matchHeader`. */
  label: string;
  /** Longest accepted text (text fields and each list item). */
  maxLength?: number;
  description: string;
  format: string;
  example: string;
  allowedValues?: string;
  /** Other headers seen in ERP exports, brand disclosure lists and hand-kept sheets. */
  synonyms: readonly string[];
  /**
   * One-word headers that usually mean this field but yield to a specific header for it: in an SAP export
   * "Vendor" is the vendor number and "Name 1" the name, so "Name 1" wins whichever comes first.
   */
  generic?: readonly string[];
}

export type FieldSpec = FieldSpecBase &
  (
    | { kind: Exclude<FieldKind, 'coordinate'> }
    /** A coordinate knows its axis, which sets its range and its hemisphere letters. */
    | { kind: 'coordinate'; axis: CoordinateAxis }
  );

const YES_NO_FORMAT = 'yes / no; leave blank or write "unknown" when not known';
const YES_NO_ALLOWED = 'yes, no, y, n, true, false, 1, 0, x (= yes), unknown, n/a';
const PERCENT_FORMAT = 'a percentage from 0 to 100: 35, 35% or 0.35';
const TEXT_MAX = 500;
const LONG_TEXT_MAX = 2000;

/** Percentage headers come as "% X", "X (%)", "X percent", "share of X": generate the forms for each base. */
function percentSynonyms(...bases: string[]): string[] {
  return bases.flatMap((base) => [
    `% ${base}`,
    `${base} %`,
    `percent ${base}`,
    `percentage of ${base}`,
    `${base} percentage`,
    `share of ${base}`,
    `${base} share`,
    `proportion of ${base}`,
  ]);
}

function yesNo(label: string, description: string, synonyms: readonly string[], example = 'no'): FieldSpec {
  return {
    kind: 'yesNo',
    label,
    description,
    format: YES_NO_FORMAT,
    allowedValues: YES_NO_ALLOWED,
    example,
    synonyms,
  };
}

function iloIndicator(label: string, what: string, synonyms: readonly string[]): FieldSpec {
  return yesNo(
    label,
    `ILO forced-labour indicator: has ${what} been reported or found (audit, grievance, worker interview)?`,
    synonyms,
  );
}

export const FIELD_CATALOGUE = {
  externalRef: {
    kind: 'text',
    label: 'Supplier ID',
    maxLength: 200,
    description:
      'Your own identifier for the supplier (ERP vendor number). Used first to recognise the supplier on re-upload.',
    format: 'text',
    example: 'V-10023',
    synonyms: [
      'External ref',
      'External reference',
      'External ID',
      'Supplier ID',
      'Supplier No.',
      'Supplier number',
      'Supplier code',
      'Supplier ref',
      'Supplier reference',
      'Vendor ID',
      'Vendor No.',
      'Vendor number',
      'Vendor code',
      'Vendor ref',
      'Vendor reference',
      'Factory ID',
      'Facility ID',
      'Site ID',
      'Creditor number',
      'ERP ID',
    ],
    generic: ['ID', 'Reference', 'Ref'],
  },
  name: {
    kind: 'text',
    label: 'Supplier name',
    maxLength: TEXT_MAX,
    description: 'The supplier, factory, farm or site name as written (any script).',
    format: 'text',
    example: 'Saigon Garment Co., Ltd',
    synonyms: [
      'Supplier name',
      'Vendor name',
      'Factory name',
      'Facility name',
      'Supplier legal name',
      'Site name',
      'Company name',
      'Legal name',
      'Business name',
      'Manufacturer name',
      'Producer name',
      'Farm name',
      'Mill name',
      // SAP vendor master (LFA1) exports
      'Name 1',
      // German, French and Spanish ERP exports
      'Lieferant',
      'Lieferantenname',
      'Name des Lieferanten',
      'Fournisseur',
      'Nom du fournisseur',
      'Proveedor',
      'Nombre del proveedor',
    ],
    generic: ['Name', 'Supplier', 'Vendor', 'Factory', 'Facility', 'Company', 'Manufacturer', 'Producer'],
  },
  country: {
    kind: 'country',
    label: 'Country',
    description: 'Country where the supplier or site operates.',
    format: 'country name or ISO 3166 code',
    allowedValues: 'any country name, variant or code: "Viet Nam", "Vietnam", "VN", "VNM"',
    example: 'Viet Nam',
    synonyms: [
      'Country',
      'Country/Region',
      'Country code',
      'Country name',
      'Country ISO code',
      'ISO country code',
      'Country of origin',
      'Country of production',
      'Country of manufacture',
      'Production country',
      'Supplier country',
      'Factory country',
      'Facility country',
      'Site country',
      'Country/Territory',
      // SAP vendor master (LFA1) exports
      'Country key',
      // German, French and Spanish ERP exports
      'Land',
      'Länderschlüssel',
      'Herkunftsland',
      'Produktionsland',
      'Pays',
      'Pays de production',
      'País',
      'País de origen',
    ],
    generic: ['Origin'],
  },
  region: {
    kind: 'text',
    label: 'Region / province',
    maxLength: TEXT_MAX,
    description: 'Province, state or region. Matters for area-based import bans (e.g. Xinjiang).',
    format: 'text',
    example: 'Binh Duong',
    synonyms: [
      'Region',
      'Province',
      'State',
      'Province/State',
      'State/Province',
      'Region/State',
      'Region/Province',
      'Prefecture',
      'County',
      'District',
      'Autonomous region',
    ],
  },
  city: {
    kind: 'text',
    label: 'City',
    maxLength: TEXT_MAX,
    description: 'City or town.',
    format: 'text',
    example: 'Thu Dau Mot',
    synonyms: [
      'City',
      'Town',
      'City/Town',
      'Municipality',
      'Locality',
      // German, French and Spanish ERP exports
      'Ort',
      'Stadt',
      'Ville',
      'Ciudad',
    ],
  },
  address: {
    kind: 'text',
    label: 'Address',
    maxLength: LONG_TEXT_MAX,
    description: 'Street address of the site.',
    format: 'text',
    example: '12 Binh Duong Avenue',
    synonyms: [
      'Address',
      'Street address',
      'Full address',
      'Site address',
      'Factory address',
      'Facility address',
      'Supplier address',
      'Address line 1',
      'Street',
      // German, French and Spanish ERP exports
      'Straße',
      'Strasse',
      'Anschrift',
      'Adresse',
      'Dirección',
      'Direccion',
    ],
  },
  postalCode: {
    kind: 'text',
    label: 'Postal code',
    maxLength: 40,
    description: 'Postal or ZIP code.',
    format: 'text',
    example: '820000',
    synonyms: [
      'Postal code',
      'Postcode',
      'Post code',
      'ZIP',
      'ZIP code',
      'PIN code',
      // German, French and Spanish ERP exports
      'PLZ',
      'Postleitzahl',
      'Code postal',
      'Código postal',
    ],
  },
  latitude: {
    kind: 'coordinate',
    axis: 'latitude',
    label: 'Latitude',
    description: 'Latitude of the site (WGS 84, as on Open Supply Hub or a map), south negative.',
    format: 'decimal degrees from -90 to 90: 10.98, 10,98, 10.98° or 10°58\'48"N',
    example: '10.98',
    // "lat" / "lng" are Open Supply Hub's own column names.
    synonyms: ['Latitude', 'Lat', 'GPS latitude', 'Geo latitude', 'Site latitude', 'Facility latitude'],
  },
  longitude: {
    kind: 'coordinate',
    axis: 'longitude',
    label: 'Longitude',
    description: 'Longitude of the site (WGS 84, as on Open Supply Hub or a map), west negative.',
    format: "decimal degrees from -180 to 180: 106.65, 106,65, 106.65° or 106°39'E",
    example: '106.65',
    synonyms: [
      'Longitude',
      'Lng',
      'Lon',
      'Long',
      'GPS longitude',
      'Geo longitude',
      'Site longitude',
      'Facility longitude',
    ],
  },
  sector: {
    kind: 'sector',
    label: 'Sector',
    description:
      'Industry sector. Text that is not a known sector is kept as the sub-sector; the sector is then inferred from the products.',
    format: 'sector name',
    allowedValues: SECTORS.join(', '),
    example: 'garments',
    synonyms: ['Sector', 'Industry', 'Industry sector', 'Business sector', 'Sector of activity'],
  },
  subSector: {
    kind: 'text',
    label: 'Sub-sector',
    maxLength: TEXT_MAX,
    description: 'Sub-sector, process or category (e.g. cocoa, cut-make-trim, PCB assembly).',
    format: 'text',
    example: 'cut-make-trim',
    synonyms: ['Sub-sector', 'Process', 'Category', 'Product category', 'Supplier category', 'Activity'],
  },
  facilityType: {
    kind: 'text',
    label: 'Facility type',
    maxLength: TEXT_MAX,
    description:
      'What the site does in the supply chain: finished goods, components, materials, printing, dyeing, ' +
      'tannery ... Kept as written; it never sets the sector ("components" can be shoe soles or circuit boards).',
    format: 'text',
    example: 'Finished goods - cut & sew',
    // Open Supply Hub: facility_type, processing_type, and facility_type_processing_type for both in one column.
    synonyms: [
      'Facility type',
      'Factory type',
      'Site type',
      'Type of facility',
      'Type of factory',
      'Processing type',
      'Processing types',
      'Facility type processing type',
      'Facility type / processing type',
      'Production process',
      'Production processes',
      'Manufacturing process',
      'Manufacturing processes',
      'Process type',
    ],
  },
  products: {
    kind: 'list',
    label: 'Products',
    maxLength: TEXT_MAX,
    description: 'Goods the supplier makes or supplies; matched against the US DOL list of goods.',
    format: 'list separated by ; , / | or new lines',
    example: 'T-shirts; polo shirts',
    synonyms: [
      'Products',
      'Product',
      'Product type',
      'Product types',
      'Products supplied',
      'Main products',
      'Product description',
      'Commodity',
      'Commodities',
      'Goods',
      'Items',
      'Materials',
      'Raw materials',
      // Open Supply Hub: sector_product_type mixes sectors and product types; the products carry both.
      'Sector product type',
    ],
  },
  supplyChainTier: {
    kind: 'tier',
    label: 'Tier',
    description: 'Supply-chain tier: 1 = direct supplier, 2 = its supplier, and so on.',
    format: 'whole number from 1',
    allowedValues: '1, 2, 3 ... (also "Tier 2", "T2")',
    example: '1',
    synonyms: ['Tier', 'Supply chain tier', 'Supplier tier', 'Tier level'],
  },
  parentCompany: {
    kind: 'text',
    label: 'Parent company',
    maxLength: TEXT_MAX,
    description: 'Group or parent company owning the supplier.',
    format: 'text',
    example: 'Mekong Textile Group',
    // Not "Vendor group": in ERP exports that is a purchasing category, not an owner.
    synonyms: [
      'Parent company',
      'Parent company name',
      'Parent group',
      'Holding company',
      'Ultimate parent',
      'Supplier group',
      'Supplier group name',
      'Factory group',
      'Factory group name',
      'Corporate group',
    ],
    generic: ['Parent'],
  },
  subcontractors: {
    kind: 'list',
    label: 'Subcontractors',
    maxLength: TEXT_MAX,
    description: 'Known subcontractors (names).',
    format: 'list separated by ; , / | or new lines',
    example: 'Hoa Binh Embroidery; An Phu Washing',
    // "Subcontractor(s) used" keys as "Subcontractors used".
    synonyms: [
      'Subcontractors',
      'Subcontractor',
      'Subcontractor names',
      'Subcontracting facilities',
      'Subcontractors used',
      'Subcons',
      'Subcon',
      'Subcon factories',
    ],
  },
  workerCount: {
    kind: 'count',
    label: 'Number of workers',
    description: 'Total workers on site, including agency and temporary workers.',
    format: 'whole number, 0 or more; a range such as 1001-5000 is read as its midpoint (3000)',
    example: '1250',
    synonyms: [
      'Total workers',
      'Number of workers',
      'No. of workers',
      'Worker count',
      'Total employees',
      'Number of employees',
      'No. of employees',
      'Headcount',
      'Workforce',
      'Workforce size',
      'Total workforce',
      'Total number of workers',
      'Total number of employees',
      'Number of staff',
      // German, French and Spanish ERP exports
      'Mitarbeiter',
      'Anzahl Mitarbeiter',
      'Beschäftigte',
      'Anzahl Beschäftigte',
      "Nombre d'employés",
      'Número de trabajadores',
    ],
    generic: ['Workers', 'Employees', 'Staff'],
  },
  femaleWorkerPct: {
    kind: 'percentage',
    label: '% Female workers',
    description: 'Share of the workforce who are women.',
    format: PERCENT_FORMAT,
    example: '68%',
    synonyms: percentSynonyms('female workers', 'female', 'women workers', 'women'),
  },
  migrantWorkerPct: {
    kind: 'percentage',
    label: '% Migrant workers',
    description: 'Share of the workforce who are migrant workers (foreign or internal migrants).',
    format: PERCENT_FORMAT,
    example: '35%',
    synonyms: percentSynonyms('migrant workers', 'migrants', 'migrant', 'foreign workers'),
  },
  temporaryWorkerPct: {
    kind: 'percentage',
    label: '% Temporary workers',
    description: 'Share of the workforce on temporary, seasonal or casual contracts.',
    format: PERCENT_FORMAT,
    example: '10%',
    synonyms: percentSynonyms(
      'temporary workers',
      'seasonal workers',
      'temporary/seasonal workers',
      'casual workers',
    ),
  },
  usesLabourAgency: yesNo(
    'Uses labour agency',
    'Does the supplier recruit or employ workers through labour agencies or brokers?',
    [
      'Uses labour agency',
      'Uses labour agencies',
      'Uses labor agency',
      'Uses labor agencies',
      'Labour agency',
      'Labor agency',
      'Labour agencies',
      'Labour broker',
      'Labour brokers',
      'Labor brokers',
      'Uses labour brokers',
      'Recruitment agency',
      'Uses recruitment agency',
      'Agency workers',
    ],
  ),
  recruitmentFeesPaidByWorkers: yesNo(
    'Recruitment fees paid by workers',
    'Do workers pay recruitment fees or related costs (Employer Pays Principle breached)?',
    [
      'Recruitment fees paid by workers',
      'Recruitment fees',
      'Workers pay recruitment fees',
      'Worker-paid recruitment fees',
      'Recruitment fees charged to workers',
    ],
  ),
  employerProvidedHousing: yesNo(
    'Employer-provided housing',
    'Does the employer provide or control workers’ housing (dormitories)?',
    [
      'Employer-provided housing',
      'Employer housing',
      'Housing provided',
      'Worker housing',
      'Dormitory',
      'Dormitories',
      'On-site housing',
    ],
  ),
  undisclosedSubcontracting: yesNo(
    'Undisclosed subcontracting',
    'Has unauthorised or undisclosed subcontracting been found?',
    ['Undisclosed subcontracting', 'Unauthorised subcontracting', 'Unauthorized subcontracting'],
  ),
  identityDocumentsRetained: iloIndicator('Identity documents retained', 'retention of identity documents', [
    'Identity documents retained',
    'Retention of identity documents',
    'ID documents retained',
    'Passports retained',
    'Passport retention',
    'Retention of passports',
    'Passports withheld',
    'Documents withheld',
  ]),
  wagesWithheld: iloIndicator('Wages withheld', 'withholding of wages', [
    'Wages withheld',
    'Withholding of wages',
    'Wage withholding',
    'Withheld wages',
  ]),
  debtBondage: iloIndicator('Debt bondage', 'debt bondage', [
    'Debt bondage',
    'Bonded labour',
    'Bonded labor',
  ]),
  movementRestricted: iloIndicator('Movement restricted', 'restriction of movement', [
    'Movement restricted',
    'Restriction of movement',
    'Restricted movement',
    'Freedom of movement restricted',
  ]),
  isolation: iloIndicator('Isolation', 'isolation of workers', ['Isolation', 'Worker isolation']),
  physicalOrSexualViolence: iloIndicator('Physical or sexual violence', 'physical or sexual violence', [
    'Physical or sexual violence',
    'Physical and sexual violence',
    'Violence',
    'Physical violence',
    'Sexual violence',
  ]),
  intimidationAndThreats: iloIndicator('Intimidation and threats', 'intimidation or threats', [
    'Intimidation and threats',
    'Intimidation',
    'Threats',
  ]),
  abusiveLivingConditions: iloIndicator(
    'Abusive working and living conditions',
    'abusive working or living conditions',
    ['Abusive working and living conditions', 'Abusive living conditions', 'Abusive working conditions'],
  ),
  excessiveOvertime: iloIndicator('Excessive overtime', 'excessive overtime', [
    'Excessive overtime',
    'Excessive working hours',
    'Excessive hours',
  ]),
  deception: iloIndicator('Deception', 'deception (about wages, work or conditions)', [
    'Deception',
    'Deceptive recruitment',
  ]),
  abuseOfVulnerability: iloIndicator('Abuse of vulnerability', 'abuse of vulnerability', [
    'Abuse of vulnerability',
  ]),
  childLabourReported: yesNo('Child labour reported', 'Has child labour been reported or found?', [
    'Child labour reported',
    'Child labor reported',
    'Child labour',
    'Child labor',
    'Child workers',
    'Underage workers',
  ]),
  lastAuditDate: {
    kind: 'date',
    label: 'Last audit date',
    description: 'Date of the most recent independent social audit.',
    format: 'date: 2024-04-03, 03/04/2024 (day first), 3 Apr 2024, Apr 2024, or an Excel date',
    example: '2024-04-03',
    synonyms: [
      'Last audit date',
      'Last audit',
      'Date of last audit',
      'Latest audit date',
      'Most recent audit',
      'Last social audit date',
      'Audit date',
    ],
  },
  auditScheme: {
    kind: 'text',
    label: 'Audit scheme',
    maxLength: TEXT_MAX,
    description: 'Scheme of the last social audit.',
    format: 'text',
    allowedValues: 'e.g. SMETA, SA8000, amfori BSCI, RBA VAP, WRAP',
    example: 'SMETA',
    synonyms: [
      'Audit scheme',
      'Audit type',
      'Audit standard',
      'Social audit scheme',
      'Audit programme',
      'Audit program',
    ],
  },
  certifications: {
    kind: 'list',
    label: 'Certifications',
    maxLength: TEXT_MAX,
    description: 'Certifications held (social, environmental, product).',
    format: 'list separated by ; , / | or new lines',
    example: 'WRAP; OEKO-TEX',
    synonyms: ['Certifications', 'Certification', 'Certificates'],
  },
  grievanceMechanism: yesNo(
    'Grievance mechanism',
    'Does a working grievance mechanism exist that workers can use safely?',
    [
      'Grievance mechanism',
      'Grievance mechanism in place',
      'Worker grievance mechanism',
      'Grievance channel',
      'Complaints mechanism',
      'Whistleblowing channel',
    ],
    'yes',
  ),
  annualSpend: {
    kind: 'money',
    label: 'Annual spend',
    description: 'What your company spends with the supplier per year; used to prioritise follow-up.',
    format: 'amount, 0 or more: 1250000, 1,250,000, € 1.250.000,00, 1.25m',
    example: '1250000',
    synonyms: [
      'Annual spend',
      'Spend',
      'Total spend',
      'Yearly spend',
      'Spend amount',
      'Annual purchases',
      'Annual purchase value',
      'Purchase value',
      'Purchase volume',
    ],
  },
  currency: {
    kind: 'currency',
    label: 'Currency',
    description: 'Currency of the annual spend.',
    format: 'ISO 4217 code',
    allowedValues: 'USD, EUR, GBP, CNY ... (also €, £, US$, RMB)',
    example: 'USD',
    synonyms: ['Currency', 'Currency code', 'Spend currency', 'Curr.', 'CCY'],
  },
} satisfies Record<SupplierField, FieldSpec>;

export function fieldSpec(field: SupplierField): FieldSpec {
  return FIELD_CATALOGUE[field];
}
