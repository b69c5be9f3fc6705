import { SECTORS, type SupplierRecord } from '../../src/suppliers/domain/supplier-record.js';

// Suppliers for the in-memory scoring benchmark: varied countries, sectors and products, most questionnaire
// fields unknown (as after a first ERP import), or every field answered (as after a questionnaire).

const COUNTRIES = ['DE', 'CN', 'MY', 'CI', 'BD', 'TH', 'VN', 'IN', 'US', 'TR'];
const PRODUCTS = [
  'cocoa beans',
  't-shirts',
  'smartphones',
  'shrimp',
  'cotton yarn',
  'machine parts',
  'palm oil',
];

export function sparseSupplier(i: number): SupplierRecord {
  return {
    name: `Supplier ${i}`,
    country: COUNTRIES[i % COUNTRIES.length],
    sector: SECTORS[i % SECTORS.length],
    products: [PRODUCTS[i % PRODUCTS.length], PRODUCTS[(i * 7) % PRODUCTS.length]],
    ...(i % 3 === 0
      ? { migrantWorkerPct: i % 100, usesLabourAgency: i % 2 === 0, debtBondage: i % 97 === 0 }
      : {}),
    ...(i % 5 === 0 ? { lastAuditDate: '2025-01-15', auditScheme: 'SMETA', grievanceMechanism: true } : {}),
  };
}

export function answeredSupplier(i: number): SupplierRecord {
  return {
    ...sparseSupplier(i),
    region: 'Region',
    subSector: 'components',
    supplyChainTier: 1 + (i % 3),
    migrantWorkerPct: i % 100,
    temporaryWorkerPct: (i * 3) % 100,
    usesLabourAgency: i % 2 === 0,
    recruitmentFeesPaidByWorkers: i % 7 === 0,
    employerProvidedHousing: i % 3 === 0,
    undisclosedSubcontracting: false,
    identityDocumentsRetained: false,
    wagesWithheld: false,
    debtBondage: i % 97 === 0,
    movementRestricted: false,
    isolation: false,
    physicalOrSexualViolence: false,
    intimidationAndThreats: false,
    abusiveLivingConditions: false,
    excessiveOvertime: i % 11 === 0,
    deception: false,
    abuseOfVulnerability: false,
    childLabourReported: false,
    lastAuditDate: '2025-01-15',
    auditScheme: 'SMETA',
    certifications: ['SA8000'],
    grievanceMechanism: true,
  };
}
