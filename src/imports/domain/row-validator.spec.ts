import { describe, expect, it } from '@jest/globals';
import type { Sector } from '../../suppliers/domain/supplier-record.js';
import type { CellValue } from './cell-value.js';
import { ANNOTATION_HEADERS, mapHeaders, type ExplicitMapping } from './header-mapping.js';
import type { SectorResolver } from './normalise-sector.js';
import type { RawRow } from './raw-row.js';
import { normaliseSupplierRow, validateSupplierRow, type RowValidationContext } from './row-validator.js';

const HEADERS = [
  'Vendor ID',
  'Factory Name',
  'Country/Region',
  'Sector',
  'Products',
  'Total Workers',
  '% Migrant Workers',
  'Passports retained',
  'Last audit date',
  'Annual spend',
  'Currency',
  'Buyer',
];

type Cells = Record<(typeof HEADERS)[number], CellValue>;

const GOOD: Cells = {
  'Vendor ID': 'V-10023',
  'Factory Name': '  Saigon Garment Co., Ltd ',
  'Country/Region': 'Viet Nam',
  Sector: 'Garments',
  Products: 'T-shirts; polo shirts',
  'Total Workers': '1,250',
  '% Migrant Workers': '35%',
  'Passports retained': 'No',
  'Last audit date': '03/04/2024',
  'Annual spend': '$1,250,000',
  Currency: null,
  Buyer: 'Womenswear',
};

function makeRow(
  overrides: Partial<Cells> = {},
  rowNumber = 7,
  headers: readonly string[] = HEADERS,
): RawRow {
  const cells: Partial<Cells> = { ...GOOD, ...overrides };
  return { rowNumber, cells: headers.map((header) => cells[header] ?? null) };
}

const taxonomy: Record<string, { sector: Sector; subSector?: string }> = {
  cocoa: { sector: 'agriculture', subSector: 'cocoa' },
  'cocoa farming': { sector: 'agriculture', subSector: 'cocoa' },
};

function makeContext(overrides: Partial<RowValidationContext> = {}): RowValidationContext {
  const sectorResolver: SectorResolver = (raw) => taxonomy[raw.toLowerCase()];
  return { asOf: '2024-06-30', sectorResolver, ...overrides };
}

function validate(
  overrides: Partial<Cells> = {},
  context: Partial<RowValidationContext> = {},
  explicit?: ExplicitMapping,
) {
  return validateSupplierRow(makeRow(overrides), mapHeaders(HEADERS, explicit), makeContext(context));
}

describe(validateSupplierRow.name, () => {
  it('turns a good row into a normalised supplier record, field by field', () => {
    const sut = validate();
    expect(sut.errors).toEqual([]);
    expect(sut.blank).toBe(false);
    expect(sut.record).toEqual({
      externalRef: 'V-10023',
      name: 'Saigon Garment Co., Ltd',
      country: 'VN',
      sector: 'garments',
      products: ['T-shirts', 'polo shirts'],
      workerCount: 1250,
      migrantWorkerPct: 35,
      identityDocumentsRetained: false,
      lastAuditDate: '2024-04-03',
      annualSpend: 1250000,
      currency: 'USD',
      extra: { Buyer: 'Womenswear' },
    });
  });

  it('reports every problem in a row, each with row, column, letter, field, value and what was expected', () => {
    const sut = validate({
      'Country/Region': 'Chna',
      'Total Workers': 'about 300',
      '% Migrant Workers': '135%',
      'Passports retained': 'sometimes',
      'Last audit date': '31/02/2024',
    });
    expect(sut.record).toBeUndefined();
    expect(sut.errors).toEqual([
      {
        row: 7,
        column: 'Country/Region',
        columnLetter: 'C',
        field: 'country',
        value: 'Chna',
        message: 'Expected a country name or ISO 3166 code, e.g. "Viet Nam", "Vietnam", "VN" or "VNM".',
      },
      {
        row: 7,
        column: 'Total Workers',
        columnLetter: 'F',
        field: 'workerCount',
        value: 'about 300',
        message: 'Expected a whole number of workers, 0 or more (e.g. 1250 or 1,250).',
      },
      {
        row: 7,
        column: '% Migrant Workers',
        columnLetter: 'G',
        field: 'migrantWorkerPct',
        value: '135%',
        message: 'Expected a percentage from 0 to 100, e.g. 35, 35% or 0.35.',
      },
      {
        row: 7,
        column: 'Passports retained',
        columnLetter: 'H',
        field: 'identityDocumentsRetained',
        value: 'sometimes',
        message: expect.stringMatching(/^Expected yes or no/),
      },
      {
        row: 7,
        column: 'Last audit date',
        columnLetter: 'I',
        field: 'lastAuditDate',
        value: '31/02/2024',
        message: expect.stringContaining('(2024-02 has no day 31)'),
      },
    ]);
  });

  it('reports both missing required values in one row', () => {
    const sut = validate({ 'Factory Name': '  ', 'Country/Region': null });
    expect(sut.errors).toEqual([
      {
        row: 7,
        column: 'Factory Name',
        columnLetter: 'B',
        field: 'name',
        value: '  ',
        message: 'Expected a supplier name; this column is required.',
      },
      {
        row: 7,
        column: 'Country/Region',
        columnLetter: 'C',
        field: 'country',
        value: '',
        message: 'Expected a country; this column is required.',
      },
    ]);
  });

  it('reports a required field with no column under its template label', () => {
    const headers = ['Factory Name', 'Products'];
    const sut = validateSupplierRow(makeRow({}, 3, headers), mapHeaders(headers), makeContext());
    expect(sut.errors).toEqual([
      {
        row: 3,
        column: 'Country',
        field: 'country',
        value: '',
        message: 'Expected a country; this column is required.',
      },
    ]);
  });

  it('says a blank row is blank, with no errors', () => {
    const blank = Object.fromEntries(
      HEADERS.map((header) => [header, header === 'Buyer' ? ' \u00A0' : null]),
    );
    const sut = validate(blank);
    expect(sut).toEqual({ errors: [], warnings: [], blank: true });
  });

  it('rejects a name longer than 500 characters', () => {
    const sut = validate({ 'Factory Name': 'N'.repeat(501) });
    expect(sut.errors).toEqual([
      expect.objectContaining({
        field: 'name',
        value: `${'N'.repeat(200)}…`,
        message: 'Expected text of at most 500 characters (this cell has 501).',
      }),
    ]);
  });

  it('keeps the supplier but not an audit dated after the import date, with a warning', () => {
    const sut = validate({ 'Last audit date': '2024-07-01' }, { asOf: '2024-06-30' });
    expect(sut.errors).toEqual([]);
    expect(sut.record).toBeDefined();
    expect(sut.record?.lastAuditDate).toBeUndefined();
    expect(sut.warnings).toEqual([
      expect.objectContaining({
        field: 'lastAuditDate',
        value: '2024-07-01',
        message:
          'Expected the date of an audit that has already taken place (this date is in the future). The cell was left empty; the supplier was imported without it.',
      }),
    ]);
  });

  it('imports a site whose migrant-worker share is 110 %, without that share, and says why', () => {
    const sut = validate({ '% Migrant Workers': '110%', 'Total Workers': -5 });
    expect(sut.errors).toEqual([]);
    expect(sut.record).toMatchObject({ name: expect.any(String), country: expect.any(String) });
    expect(sut.record?.migrantWorkerPct).toBeUndefined();
    expect(sut.record?.workerCount).toBeUndefined();
    expect(sut.warnings.map((w) => [w.field, w.value])).toEqual([
      ['workerCount', '-5'],
      ['migrantWorkerPct', '110%'],
    ]);
  });

  it('rejects a row without a usable country and reports its other problems too', () => {
    const sut = validate({ 'Country/Region': 'Atlantis', '% Migrant Workers': '110%' });
    expect(sut.record).toBeUndefined();
    expect(sut.warnings).toEqual([]);
    expect(sut.errors.map((e) => e.field)).toEqual(expect.arrayContaining(['country', 'migrantWorkerPct']));
  });

  it('accepts an audit dated on the import date', () => {
    expect(validate({ 'Last audit date': '2024-06-30' }, { asOf: '2024-06-30' }).record?.lastAuditDate).toBe(
      '2024-06-30',
    );
  });

  it('reads numeric dates month first when the upload says so', () => {
    expect(validate({ 'Last audit date': '04/03/2024' }, { dateOrder: 'MDY' }).record?.lastAuditDate).toBe(
      '2024-04-03',
    );
  });

  it('reads plain percentages by the column scale it is given', () => {
    const asFraction = validate(
      { '% Migrant Workers': 1 },
      { percentScales: { migrantWorkerPct: 'fraction' } },
    );
    const asPercent = validate(
      { '% Migrant Workers': 1 },
      { percentScales: { migrantWorkerPct: 'percent' } },
    );
    expect(asFraction.record?.migrantWorkerPct).toBe(100);
    expect(asPercent.record?.migrantWorkerPct).toBe(1);
  });

  describe('currency', () => {
    it('takes the currency written with the amount when the currency column is empty', () => {
      expect(validate({ 'Annual spend': '€ 1.250,00', Currency: null }).record).toMatchObject({
        annualSpend: 1250,
        currency: 'EUR',
      });
    });

    it('accepts an amount whose symbol agrees with the currency column', () => {
      expect(validate({ 'Annual spend': '$5,000', Currency: 'usd' }).record).toMatchObject({
        annualSpend: 5000,
        currency: 'USD',
      });
    });

    it('leaves out, with a warning, an amount written in another currency than the currency column', () => {
      const sut = validate({ 'Annual spend': '€ 1.250,00', Currency: 'USD' });
      expect(sut.record?.annualSpend).toBeUndefined();
      expect(sut.record?.currency).toBe('USD');
      expect(sut.warnings).toEqual([
        {
          row: 7,
          column: 'Annual spend',
          columnLetter: 'J',
          field: 'annualSpend',
          value: '€ 1.250,00',
          message:
            'Expected an amount in USD, the currency given in "Currency"; this amount is written in EUR. The cell was left empty; the supplier was imported without it.',
        },
      ]);
    });
  });

  describe('sector', () => {
    it('keeps an unknown sector as the sub-sector, without an error', () => {
      expect(validate({ Sector: 'Toys' }).record).toMatchObject({ subSector: 'Toys' });
      expect(validate({ Sector: 'Toys' }).record?.sector).toBeUndefined();
    });

    it('takes sector and sub-sector from the taxonomy', () => {
      expect(validate({ Sector: 'Cocoa farming' }).record).toMatchObject({
        sector: 'agriculture',
        subSector: 'cocoa',
      });
    });

    it('prefers an explicit sub-sector column and keeps unplaced sector text as an extra attribute', () => {
      const headers = ['Supplier', 'Country', 'Sector', 'Sub-sector'];
      const row: RawRow = { rowNumber: 2, cells: ['A', 'GH', 'Toys', 'Plastic moulding'] };
      const sut = validateSupplierRow(row, mapHeaders(headers), makeContext());
      expect(sut.record).toEqual({
        name: 'A',
        country: 'GH',
        subSector: 'Plastic moulding',
        extra: { Sector: 'Toys' },
      });
    });

    it('infers the sector from the sub-sector column when there is no sector', () => {
      const headers = ['Supplier', 'Country', 'Sub-sector'];
      const row: RawRow = { rowNumber: 2, cells: ['A', 'GH', 'Cocoa'] };
      expect(validateSupplierRow(row, mapHeaders(headers), makeContext()).record).toEqual({
        name: 'A',
        country: 'GH',
        sector: 'agriculture',
        subSector: 'Cocoa',
      });
    });
  });

  describe('nothing lost', () => {
    it('keeps cells to the right of the last header as extra attributes named by column letter', () => {
      const headers = ['Supplier', 'Country'];
      const row: RawRow = { rowNumber: 4, cells: ['A', 'MY', null, 'stray note'] };
      expect(validateSupplierRow(row, mapHeaders(headers), makeContext()).record).toEqual({
        name: 'A',
        country: 'MY',
        extra: { 'Column D': 'stray note' },
      });
    });

    it('keeps the second column for a field as an extra attribute', () => {
      const headers = ['Supplier name', 'Country', 'Vendor name'];
      const row: RawRow = { rowNumber: 4, cells: ['A', 'MY', 'A Sdn Bhd'] };
      expect(validateSupplierRow(row, mapHeaders(headers), makeContext()).record?.extra).toEqual({
        'Vendor name': 'A Sdn Bhd',
      });
    });

    it('keeps typed cells of unmapped columns as text', () => {
      const headers = ['Supplier', 'Country', 'Onboarded', 'Approved', 'Score'];
      const row: RawRow = {
        rowNumber: 4,
        cells: ['A', 'MY', new Date(Date.UTC(2021, 4, 1)), true, 0.1 + 0.2],
      };
      expect(validateSupplierRow(row, mapHeaders(headers), makeContext()).record?.extra).toEqual({
        Onboarded: '2021-05-01',
        Approved: 'TRUE',
        Score: '0.3',
      });
    });

    it('skips the error workbook’s own columns on re-upload', () => {
      const headers = [ANNOTATION_HEADERS.rowNumber, 'Supplier', 'Country', ANNOTATION_HEADERS.errors];
      const row: RawRow = { rowNumber: 2, cells: [7, 'A', 'Vietnam', 'Country (C): expected a country'] };
      expect(validateSupplierRow(row, mapHeaders(headers), makeContext()).record).toEqual({
        name: 'A',
        country: 'VN',
      });
    });
  });

  it('applies an explicit mapping', () => {
    const headers = ['Lieferant', 'Land', 'Mitarbeiter'];
    const mapping = mapHeaders(headers, { Lieferant: 'name', Land: 'country', Mitarbeiter: 'workerCount' });
    const row: RawRow = { rowNumber: 2, cells: ['Müller Textil GmbH', 'Deutschland', '1.250'] };
    expect(validateSupplierRow(row, mapping, makeContext()).record).toEqual({
      name: 'Müller Textil GmbH',
      country: 'DE',
      workerCount: 1250,
    });
  });

  it('reads typed xlsx cells: numbers, booleans and dates', () => {
    const sut = validate({
      'Vendor ID': 10023,
      'Total Workers': 1250,
      '% Migrant Workers': 0.35,
      'Passports retained': true,
      'Last audit date': new Date(Date.UTC(2024, 3, 3)),
      'Annual spend': 1250000.5,
    });
    expect(sut.record).toMatchObject({
      externalRef: '10023',
      workerCount: 1250,
      migrantWorkerPct: 35,
      identityDocumentsRetained: true,
      lastAuditDate: '2024-04-03',
      annualSpend: 1250000.5,
    });
  });

  it('leaves unknown answers out of the record instead of recording "no"', () => {
    const sut = validate({ 'Passports retained': 'unknown', 'Total Workers': null, Products: '' });
    expect(sut.record).not.toHaveProperty('identityDocumentsRetained');
    expect(sut.record).not.toHaveProperty('workerCount');
    expect(sut.record).not.toHaveProperty('products');
  });
});

describe(normaliseSupplierRow.name, () => {
  it('gives the same record as the validation for a good row', () => {
    const row = makeRow();
    const mapping = mapHeaders(HEADERS);
    expect(normaliseSupplierRow(row, mapping, makeContext())).toEqual(
      validateSupplierRow(row, mapping, makeContext()),
    );
  });

  it('leaves out the constraints that follow the normalisers (an audit after the import date is kept)', () => {
    const row = makeRow({ 'Last audit date': '2024-07-01' });
    const mapping = mapHeaders(HEADERS);
    expect(normaliseSupplierRow(row, mapping, makeContext()).record?.lastAuditDate).toBe('2024-07-01');
    expect(validateSupplierRow(row, mapping, makeContext()).record?.lastAuditDate).toBeUndefined();
  });
});
