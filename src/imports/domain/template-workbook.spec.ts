import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { SUPPLIER_FIELDS, SUPPLIER_FIELD_NAMES } from '../../suppliers/domain/supplier-fields.js';
import type { CellValue } from './cell-value.js';
import { fieldSpec } from './field-catalogue.js';
import { mapHeaders, matchHeader } from './header-mapping.js';
import { validateSupplierRow } from './row-validator.js';
import { GUIDE_SHEET, TEMPLATE_SHEET, buildTemplateWorkbook } from './template-workbook.js';

const CREATED_AT = new Date(Date.UTC(2025, 0, 20, 14, 5));

async function readTemplate(): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  const buffer = await buildTemplateWorkbook(CREATED_AT);
  // exceljs declares its own Buffer type; a Node Buffer is what it reads.
  await workbook.xlsx.load(buffer as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  return workbook;
}

function rowValues(sheet: ExcelJS.Worksheet, rowNumber: number, columns: number): CellValue[] {
  const row = sheet.getRow(rowNumber);
  return Array.from({ length: columns }, (_, index) => {
    const value = row.getCell(index + 1).value;
    return value === undefined ? null : (value as CellValue);
  });
}

describe(buildTemplateWorkbook.name, () => {
  it('has one column per canonical field, each header mapping back to its field', async () => {
    const sheet = (await readTemplate()).getWorksheet(TEMPLATE_SHEET)!;
    const headers = rowValues(sheet, 1, SUPPLIER_FIELD_NAMES.length + 1).map(String);

    expect(headers.slice(0, SUPPLIER_FIELD_NAMES.length).map((header) => matchHeader(header))).toEqual(
      SUPPLIER_FIELD_NAMES,
    );
    expect(headers[SUPPLIER_FIELD_NAMES.length]).toBe('null');
    expect(mapHeaders(headers.slice(0, SUPPLIER_FIELD_NAMES.length)).problems).toEqual([]);
  });

  it('carries an example row that imports without an error', async () => {
    const sheet = (await readTemplate()).getWorksheet(TEMPLATE_SHEET)!;
    const headers = rowValues(sheet, 1, SUPPLIER_FIELD_NAMES.length).map(String);
    const cells = rowValues(sheet, 2, SUPPLIER_FIELD_NAMES.length);

    const sut = validateSupplierRow({ rowNumber: 2, cells }, mapHeaders(headers), { asOf: '2025-01-20' });

    expect(sut.errors).toEqual([]);
    expect(sut.record).toMatchObject({
      name: 'Saigon Garment Co., Ltd',
      country: 'VN',
      sector: 'garments',
      workerCount: 1250,
      migrantWorkerPct: 35,
      lastAuditDate: '2024-04-03',
      grievanceMechanism: true,
      identityDocumentsRetained: false,
      annualSpend: 1250000,
      currency: 'USD',
    });
    expect(sut.record?.extra).toBeUndefined();
  });

  it('stores the example numbers and date as typed cells', async () => {
    const sheet = (await readTemplate()).getWorksheet(TEMPLATE_SHEET)!;
    const cell = (field: string) => sheet.getRow(2).getCell(SUPPLIER_FIELD_NAMES.indexOf(field as never) + 1);
    expect(cell('workerCount').type).toBe(ExcelJS.ValueType.Number);
    expect(cell('annualSpend').type).toBe(ExcelJS.ValueType.Number);
    expect(cell('lastAuditDate').type).toBe(ExcelJS.ValueType.Date);
    expect(cell('lastAuditDate').numFmt).toBe('yyyy-mm-dd');
  });

  it('describes every column on the guide sheet: meaning, format, example and field', async () => {
    const guide = (await readTemplate()).getWorksheet(GUIDE_SHEET)!;
    expect(rowValues(guide, 1, 8)).toEqual([
      'Column',
      'Required',
      'What it means',
      'Format',
      'Allowed values',
      'Example',
      'Other headers recognised',
      'Vigil field',
    ]);
    SUPPLIER_FIELD_NAMES.forEach((field, index) => {
      const [label, required, meaning, format, , example, , vigilField] = rowValues(guide, index + 2, 8);
      const spec = fieldSpec(field);
      expect([label, required, meaning, format, example, vigilField]).toEqual([
        spec.label,
        SUPPLIER_FIELDS[field].required ? 'yes' : '',
        spec.description,
        spec.format,
        spec.example,
        field,
      ]);
    });
  });

  it('marks the required columns on the guide sheet: supplier name and country only', async () => {
    const guide = (await readTemplate()).getWorksheet(GUIDE_SHEET)!;
    const required = SUPPLIER_FIELD_NAMES.filter(
      (_, index) => guide.getRow(index + 2).getCell(2).value === 'yes',
    );
    expect(required).toEqual(['name', 'country']);
  });

  it('suggests yes / no / unknown in the yes-no columns and the sectors in the sector column', async () => {
    const sheet = (await readTemplate()).getWorksheet(TEMPLATE_SHEET)!;
    const validationAt = (field: string, row: number) =>
      sheet.getRow(row).getCell(SUPPLIER_FIELD_NAMES.indexOf(field as never) + 1).dataValidation;
    expect(validationAt('debtBondage', 500)).toMatchObject({ type: 'list', formulae: ['"yes,no,unknown"'] });
    expect(validationAt('sector', 2)).toMatchObject({
      type: 'list',
      formulae: [
        '"agriculture,electronics,garments,mining,fishing,construction,manufacturing,services,other"',
      ],
    });
    // Suggestions only: Excel must still accept "x", "Y" or an officer's own sector name.
    expect(validationAt('sector', 2)?.showErrorMessage).toBeFalsy();
    expect(validationAt('debtBondage', 2)?.showErrorMessage).toBeFalsy();
    expect(validationAt('name', 2)).toBeUndefined();
  });

  it('records the creation date it is given', async () => {
    expect((await readTemplate()).created).toEqual(CREATED_AT);
  });
});
