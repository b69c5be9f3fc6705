import fc from 'fast-check';
import { ILO_INDICATORS, SECTORS, type SupplierRecord } from '../../../suppliers/domain/supplier-record.js';

// Suppliers with any mix of answered and missing fields, for property tests of the engine and what it stores.

const tri = fc.boolean();
const pct = fc.oneof(fc.integer({ min: 0, max: 100 }), fc.double({ min: 0, max: 100, noNaN: true }));
const isoDate = fc
  .date({ min: new Date('2022-01-01T00:00:00Z'), max: new Date('2026-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));

export const OPTIONAL_FIELDS = [
  'region',
  'sector',
  'subSector',
  'products',
  'supplyChainTier',
  'migrantWorkerPct',
  'temporaryWorkerPct',
  'usesLabourAgency',
  'recruitmentFeesPaidByWorkers',
  'employerProvidedHousing',
  'undisclosedSubcontracting',
  ...ILO_INDICATORS,
  'childLabourReported',
  'lastAuditDate',
  'auditScheme',
  'certifications',
  'grievanceMechanism',
] as const satisfies readonly (keyof SupplierRecord)[];

const model = {
  name: fc.constant('Supplier'),
  country: fc.constantFrom('DE', 'CN', 'MY', 'CI', 'BD', 'TH', 'FR', 'IN', 'VN', 'CD'),
  region: fc.constantFrom('Xinjiang', 'XUAR, Kashgar', 'Guangdong', 'Jiangsu', 'Sabah'),
  sector: fc.constantFrom(...SECTORS),
  subSector: fc.constantFrom(
    'cocoa',
    'seafood',
    'components',
    'assembly',
    'cut-make-trim',
    'spinning',
    'solar',
    'widgets',
  ),
  products: fc.array(
    fc.constantFrom(
      'cocoa beans',
      't-shirts',
      'smartphones',
      'shrimp',
      'cotton yarn',
      'machine parts',
      'polysilicon',
      'nitrile gloves',
      'gold',
    ),
    { minLength: 1, maxLength: 3 },
  ),
  supplyChainTier: fc.integer({ min: 1, max: 4 }),
  migrantWorkerPct: pct,
  temporaryWorkerPct: pct,
  usesLabourAgency: tri,
  recruitmentFeesPaidByWorkers: tri,
  employerProvidedHousing: tri,
  undisclosedSubcontracting: tri,
  identityDocumentsRetained: tri,
  wagesWithheld: tri,
  debtBondage: tri,
  movementRestricted: tri,
  isolation: tri,
  physicalOrSexualViolence: tri,
  intimidationAndThreats: tri,
  abusiveLivingConditions: tri,
  excessiveOvertime: tri,
  deception: tri,
  abuseOfVulnerability: tri,
  childLabourReported: tri,
  lastAuditDate: isoDate,
  auditScheme: fc.constantFrom('SMETA', 'SA8000', 'RBA VAP', 'amfori BSCI', 'ISO 9001'),
  certifications: fc.array(fc.constantFrom('Fairtrade', 'SA8000', 'ISO 14001', 'RSPO', 'WRAP'), {
    maxLength: 2,
  }),
  grievanceMechanism: tri,
};

export const supplierArbitrary: fc.Arbitrary<SupplierRecord> = fc.record(model, {
  requiredKeys: ['name', 'country'],
});

/** Suppliers with every field answered (certifications at least one), to remove a chosen few from. */
export const answeredSupplierArbitrary: fc.Arbitrary<SupplierRecord> = fc.record({
  ...model,
  certifications: fc.array(fc.constantFrom('Fairtrade', 'SA8000', 'ISO 14001', 'RSPO', 'WRAP'), {
    minLength: 1,
    maxLength: 2,
  }),
});
