import type { SupplierRecord } from '../../../suppliers/domain/supplier-record.js';

// Hand-worked suppliers that say what the shipped rules must do with what brand disclosure lists give (name,
// address, country, product type): golden-cases.spec.ts checks each against its worked figures, and the
// calibration script (npm run calibrate) prints them in docs/calibration.md.

export const GOLDEN_DATE = '2025-06-30';

export interface GoldenCase {
  id: string;
  /** What the case stands for, in the words of docs/calibration.md. */
  description: string;
  /** What the shipped rules must give, in words. */
  expected: string;
  supplier: SupplierRecord;
}

const GUANGDONG_APPAREL: SupplierRecord = {
  name: 'Pearl River Garment Co., Ltd.',
  address: '18 Industrial Road, Dongguan',
  region: 'Guangdong',
  country: 'CN',
  sector: 'garments',
};

const DHAKA_KNITWEAR: SupplierRecord = {
  name: 'Ashulia Knit Composite Ltd.',
  address: 'Plot 12, Ashulia, Savar',
  country: 'BD',
  sector: 'garments',
  usesLabourAgency: true,
  recruitmentFeesPaidByWorkers: true,
};

export const GOLDEN_CASES = [
  {
    id: 'us-print-shop',
    description: 'A US print shop known by name and address only',
    expected: 'low or medium, a range above it, low confidence',
    supplier: { name: 'Midtown Print Shop Inc.', address: '221 W 37th St, New York, NY', country: 'US' },
  },
  {
    id: 'myanmar-garments',
    description: 'A garment factory in Myanmar, nothing else known',
    expected: 'at least high from country, sector and the garments listed for Myanmar (sector as evidence)',
    supplier: {
      name: 'Golden Thread Garment Co., Ltd.',
      address: 'Shwe Pyi Thar Industrial Zone',
      country: 'MM',
      sector: 'garments',
    },
  },
  {
    id: 'guangdong-apparel',
    description: 'A Chinese apparel factory in Guangdong, name and address only',
    expected: 'inherent risk from country, sector and goods; not critical; no red flag',
    supplier: GUANGDONG_APPAREL,
  },
  {
    id: 'guangdong-apparel-ilo',
    description: 'The same factory with a reported ILO indicator (wages withheld)',
    expected: 'a red flag, ranked above the factory without it',
    supplier: { ...GUANGDONG_APPAREL, wagesWithheld: true },
  },
  {
    id: 'xinjiang-apparel',
    description: 'The same factory with a Xinjiang address',
    expected: 'critical, from the import-ban red flag',
    supplier: { ...GUANGDONG_APPAREL, address: '9 Youhao Road, Urumqi', region: 'Xinjiang' },
  },
  {
    id: 'bangladesh-garments',
    description: 'A Bangladeshi garment factory that recruits through agencies that charge workers fees',
    expected: 'supplier-specific risk on top of the inherent risk',
    supplier: DHAKA_KNITWEAR,
  },
  {
    id: 'bangladesh-garments-mitigated',
    description: 'The same factory with a recent SMETA audit and a grievance mechanism',
    expected: 'lower than without them, never below its inherent risk',
    supplier: {
      ...DHAKA_KNITWEAR,
      lastAuditDate: '2025-02-10',
      auditScheme: 'SMETA 4-pillar',
      grievanceMechanism: true,
    },
  },
  {
    id: 'german-name-only',
    description: 'A German supplier known only by name and country',
    expected: 'low, with its open questions as a range',
    supplier: { name: 'Muster Metallbau GmbH', country: 'DE' },
  },
] as const satisfies readonly GoldenCase[];

export type GoldenCaseId = (typeof GOLDEN_CASES)[number]['id'];
