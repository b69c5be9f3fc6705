import type { SupplierField } from '../../suppliers/domain/supplier-record.js';

// What each canonical supplier field holds, so the rule validator can check operators and values,
// and the plain-language label that evidence sentences and follow-ups use.

export type FieldType = 'text' | 'country' | 'sector' | 'list' | 'number' | 'boolean' | 'date';

export interface FieldSpec {
  type: FieldType;
  label: string;
}

export const SUPPLIER_FIELDS: Readonly<Record<SupplierField, FieldSpec>> = {
  externalRef: { type: 'text', label: 'supplier reference' },
  name: { type: 'text', label: 'supplier name' },
  country: { type: 'country', label: 'country' },
  region: { type: 'text', label: 'region / province' },
  city: { type: 'text', label: 'city' },
  address: { type: 'text', label: 'address' },
  postalCode: { type: 'text', label: 'postal code' },
  latitude: { type: 'number', label: 'latitude' },
  longitude: { type: 'number', label: 'longitude' },
  sector: { type: 'sector', label: 'sector' },
  subSector: { type: 'text', label: 'sub-sector' },
  facilityType: { type: 'text', label: 'facility type' },
  products: { type: 'list', label: 'products' },
  supplyChainTier: { type: 'number', label: 'supply-chain tier' },
  parentCompany: { type: 'text', label: 'parent company' },
  subcontractors: { type: 'list', label: 'subcontractors' },
  workerCount: { type: 'number', label: 'number of workers' },
  femaleWorkerPct: { type: 'number', label: 'share of female workers (%)' },
  migrantWorkerPct: { type: 'number', label: 'share of migrant workers (%)' },
  temporaryWorkerPct: { type: 'number', label: 'share of temporary or seasonal workers (%)' },
  usesLabourAgency: { type: 'boolean', label: 'use of labour agencies or brokers' },
  recruitmentFeesPaidByWorkers: { type: 'boolean', label: 'recruitment fees paid by workers' },
  employerProvidedHousing: { type: 'boolean', label: 'employer-provided housing' },
  undisclosedSubcontracting: { type: 'boolean', label: 'undisclosed subcontracting' },
  identityDocumentsRetained: { type: 'boolean', label: 'retention of identity documents' },
  wagesWithheld: { type: 'boolean', label: 'withholding of wages' },
  debtBondage: { type: 'boolean', label: 'debt bondage' },
  movementRestricted: { type: 'boolean', label: 'restriction of movement' },
  isolation: { type: 'boolean', label: 'isolation' },
  physicalOrSexualViolence: { type: 'boolean', label: 'physical or sexual violence' },
  intimidationAndThreats: { type: 'boolean', label: 'intimidation and threats' },
  abusiveLivingConditions: { type: 'boolean', label: 'abusive working and living conditions' },
  excessiveOvertime: { type: 'boolean', label: 'excessive overtime' },
  deception: { type: 'boolean', label: 'deception' },
  abuseOfVulnerability: { type: 'boolean', label: 'abuse of vulnerability' },
  childLabourReported: { type: 'boolean', label: 'child labour reported' },
  lastAuditDate: { type: 'date', label: 'date of the last social audit' },
  auditScheme: { type: 'text', label: 'social audit scheme' },
  certifications: { type: 'list', label: 'certifications' },
  grievanceMechanism: { type: 'boolean', label: 'grievance mechanism' },
  annualSpend: { type: 'number', label: 'annual spend' },
  currency: { type: 'text', label: 'currency' },
};

export const SUPPLIER_FIELD_NAMES = Object.keys(SUPPLIER_FIELDS) as SupplierField[];

export function isSupplierField(name: string): name is SupplierField {
  return Object.hasOwn(SUPPLIER_FIELDS, name);
}
