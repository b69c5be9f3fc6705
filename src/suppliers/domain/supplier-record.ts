// The canonical supplier fields: what an import produces, what the rules read and what reports print.
// Every optional field may be absent; absence means "unknown", never "no risk".

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
] as const;
export type IloIndicator = (typeof ILO_INDICATORS)[number];

export interface SupplierRecord {
  externalRef?: string;
  name: string;
  /** ISO 3166-1 alpha-2, upper case. */
  country: string;
  region?: string;
  city?: string;
  address?: string;
  postalCode?: string;
  /** WGS 84 decimal degrees, -90..90 (south negative). */
  latitude?: number;
  /** WGS 84 decimal degrees, -180..180 (west negative). */
  longitude?: number;
  sector?: Sector;
  /** Free-text sub-sector as uploaded or inferred (e.g. "cocoa", "cut-make-trim"). */
  subSector?: string;
  /**
   * What the site does in the chain as uploaded ("Finished goods", "Components", "Tannery", "Dyeing"). Not the
   * sector: "components" says nothing about the industry, so this field never feeds sector inference.
   */
  facilityType?: string;
  products?: string[];
  /** Supply-chain tier, 1 = direct supplier. */
  supplyChainTier?: number;
  parentCompany?: string;
  subcontractors?: string[];
  workerCount?: number;
  femaleWorkerPct?: number;
  migrantWorkerPct?: number;
  temporaryWorkerPct?: number;
  usesLabourAgency?: TriState;
  recruitmentFeesPaidByWorkers?: TriState;
  employerProvidedHousing?: TriState;
  undisclosedSubcontracting?: TriState;
  identityDocumentsRetained?: TriState;
  wagesWithheld?: TriState;
  debtBondage?: TriState;
  movementRestricted?: TriState;
  isolation?: TriState;
  physicalOrSexualViolence?: TriState;
  intimidationAndThreats?: TriState;
  abusiveLivingConditions?: TriState;
  excessiveOvertime?: TriState;
  deception?: TriState;
  abuseOfVulnerability?: TriState;
  childLabourReported?: TriState;
  /** ISO date (YYYY-MM-DD). */
  lastAuditDate?: string;
  auditScheme?: string;
  certifications?: string[];
  grievanceMechanism?: TriState;
  annualSpend?: number;
  /** ISO 4217 code. */
  currency?: string;
  /** Every uploaded column that maps to no canonical field, kept as uploaded. */
  extra?: Record<string, string>;
}

export type SupplierField = Exclude<keyof SupplierRecord, 'extra'>;
