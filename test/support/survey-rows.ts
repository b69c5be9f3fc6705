import { FIELD_CATALOGUE } from '../../src/imports/domain/field-catalogue.js';
import { ILO_INDICATORS, type SupplierField } from '../../src/suppliers/domain/supplier-record.js';
import type { Cell } from './workbooks.js';

// Rows of a supplier survey workbook for the data-gaps tests: an identity (name, address, country, sector,
// sub-sector, products) followed by a questionnaire that is either answered in full but for recruitment fees (its
// one open question decides the tier) or left blank, as a disclosure list gives it.

const ANSWERED: Partial<Record<SupplierField, Cell>> = {
  supplyChainTier: 1,
  migrantWorkerPct: '0%',
  temporaryWorkerPct: '0%',
  usesLabourAgency: 'no',
  employerProvidedHousing: 'no',
  undisclosedSubcontracting: 'no',
  ...Object.fromEntries(ILO_INDICATORS.map((field) => [field, 'no'])),
  childLabourReported: 'no',
  lastAuditDate: '2019-05-01',
  auditScheme: 'SMETA',
  certifications: 'none',
  grievanceMechanism: 'no',
};
const IDENTITY: SupplierField[] = ['name', 'address', 'country', 'sector', 'subSector', 'products'];

/** The header row, in the labels of the import's field catalogue. */
export function surveyHeader(): Cell[] {
  return [...IDENTITY, ...(Object.keys(ANSWERED) as SupplierField[])].map(
    (field) => FIELD_CATALOGUE[field].label,
  );
}

/** A questionnaire answered in full but for recruitment fees. */
export function answeredRow(identity: Cell[]): Cell[] {
  return [...identity, ...Object.values(ANSWERED)];
}

/** A disclosure-list row: where and what, no questionnaire. */
export function disclosedRow(identity: Cell[]): Cell[] {
  return [...identity, ...Object.values(ANSWERED).map(() => null)];
}
