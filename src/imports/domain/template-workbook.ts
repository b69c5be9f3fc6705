import ExcelJS from 'exceljs';
import { neutraliseCell, type PlainCellValue } from '../../common/spreadsheet/neutralise.js';
import {
  SUPPLIER_FIELDS,
  SUPPLIER_FIELD_NAMES,
  type SupplierField,
} from '../../suppliers/domain/supplier-fields.js';
import { SECTORS } from '../../suppliers/domain/supplier-record.js';
import { fieldSpec, type FieldSpec } from './field-catalogue.js';

// The downloadable supplier template: one column per canonical field under the header the import recognises,
// one example row, drop-down suggestions for yes/no and sector columns, and a guide sheet.

export const TEMPLATE_SHEET = 'Suppliers';
export const GUIDE_SHEET = 'Column guide';
const LAST_SUGGESTION_ROW = 10_000;
const REQUIRED_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFCE4D6' } };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };

interface DataValidations {
  add(address: string, validation: ExcelJS.DataValidation): void;
}

// The example row carries real cell types, as a spreadsheet would: numbers, a date, text.
function exampleValue(spec: FieldSpec): PlainCellValue {
  switch (spec.kind) {
    case 'count':
    case 'tier':
    case 'money':
    case 'coordinate':
      return Number(spec.example);
    case 'date':
      return new Date(`${spec.example}T00:00:00Z`);
    case 'percentage': // "35%" as text: a % sign is always read as written, whatever the rest of the column holds
    case 'text':
    case 'list':
    case 'yesNo':
    case 'currency':
    case 'country':
    case 'sector':
      return spec.example;
  }
}

function suggestions(field: SupplierField): ExcelJS.DataValidation | undefined {
  const spec = fieldSpec(field);
  const list =
    spec.kind === 'yesNo' ? ['yes', 'no', 'unknown'] : spec.kind === 'sector' ? [...SECTORS] : undefined;
  // A suggestion list, not a rule: other spellings ("x", "Y", an own sector name) stay allowed.
  return list
    ? { type: 'list', allowBlank: true, showErrorMessage: false, formulae: [`"${list.join(',')}"`] }
    : undefined;
}

function addSuppliersSheet(workbook: ExcelJS.Workbook): void {
  const sheet = workbook.addWorksheet(TEMPLATE_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = SUPPLIER_FIELD_NAMES.map((field) => ({
    header: fieldSpec(field).label,
    key: field,
    width: Math.max(14, Math.min(40, fieldSpec(field).label.length + 4)),
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'top', wrapText: true };
  SUPPLIER_FIELD_NAMES.forEach((field, index) => {
    const cell = header.getCell(index + 1);
    cell.fill = SUPPLIER_FIELDS[field].required ? REQUIRED_FILL : HEADER_FILL;
    cell.note = `${fieldSpec(field).description}\nFormat: ${fieldSpec(field).format}`;
  });

  const example = sheet.getRow(2);
  SUPPLIER_FIELD_NAMES.forEach((field, index) => {
    const cell = example.getCell(index + 1);
    neutraliseCell(cell, exampleValue(fieldSpec(field)));
    if (fieldSpec(field).kind === 'date') {
      cell.numFmt = 'yyyy-mm-dd';
    }
  });
  example.font = { italic: true, color: { argb: 'FF7F7F7F' } };
  example.getCell(1).note = 'Example row: replace it with your first supplier or delete it before uploading.';

  // One range per column: exceljs writes a range key as one <dataValidation sqref="H2:H10000">, where setting
  // it cell by cell would build 10,000 cell objects per column. The range API is not in exceljs' typings.
  const validations = (sheet as unknown as { dataValidations: DataValidations }).dataValidations;
  SUPPLIER_FIELD_NAMES.forEach((field, index) => {
    const validation = suggestions(field);
    if (validation) {
      const letter = sheet.getColumn(index + 1).letter;
      validations.add(`${letter}2:${letter}${LAST_SUGGESTION_ROW}`, validation);
    }
  });
}

const GUIDE_COLUMNS = [
  { header: 'Column', width: 30 },
  { header: 'Required', width: 10 },
  { header: 'What it means', width: 60 },
  { header: 'Format', width: 40 },
  { header: 'Allowed values', width: 40 },
  { header: 'Example', width: 26 },
  { header: 'Other headers recognised', width: 60 },
  { header: 'Vigil field', width: 28 },
];

function addGuideSheet(workbook: ExcelJS.Workbook): void {
  const sheet = workbook.addWorksheet(GUIDE_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = GUIDE_COLUMNS;
  sheet.getRow(1).font = { bold: true };
  for (const field of SUPPLIER_FIELD_NAMES) {
    const spec = fieldSpec(field);
    const row = sheet.addRow([]);
    const values: PlainCellValue[] = [
      spec.label,
      SUPPLIER_FIELDS[field].required ? 'yes' : '',
      spec.description,
      spec.format,
      spec.allowedValues ?? '',
      spec.example,
      [...spec.synonyms, ...(spec.generic ?? [])].filter((synonym) => synonym !== spec.label).join(', '),
      field,
    ];
    values.forEach((value, index) => neutraliseCell(row.getCell(index + 1), value));
  }
  const notes = [
    ['Any other column', '', 'Kept on the supplier as an extra attribute under its header; never dropped.'],
    [
      'Headers',
      '',
      'Case, spacing and punctuation do not matter, and the header row may sit below a title. ' +
        'Columns can be in any order; only the supplier name and the country are required.',
    ],
    [
      'Re-upload',
      '',
      'A supplier is recognised by its Supplier ID, or else by its name and country, and is updated, not duplicated.',
    ],
  ];
  sheet.addRow([]);
  for (const note of notes) {
    const row = sheet.addRow([]);
    note.forEach((value, index) => neutraliseCell(row.getCell(index + 1), value));
    row.getCell(1).font = { bold: true };
  }
  sheet.eachRow((row) => {
    row.alignment = { vertical: 'top', wrapText: true };
  });
}

/** Builds the supplier template (xlsx). `createdAt` is the workbook's creation date, passed in for reproducibility. */
export async function buildTemplateWorkbook(createdAt: Date): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Vigil';
  workbook.created = createdAt;
  workbook.modified = createdAt;
  addSuppliersSheet(workbook);
  addGuideSheet(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
