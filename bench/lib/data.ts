import ExcelJS from 'exceljs';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

// The benchmark's supplier list: deterministic, 15 columns with the headers real ERP exports use, countries
// written as names in several spellings, a mix of answered and unknown questionnaire fields. Every tenth row is
// in each of ten countries, so a country filter selects exactly a tenth of the portfolio.

export const HEADERS = [
  'Supplier ID',
  'Supplier name',
  'Country',
  'Sector',
  'Products',
  'Tier',
  'Number of workers',
  '% Migrant workers',
  'Labour agency',
  'Recruitment fees',
  'Excessive overtime',
  'Last audit date',
  'Audit scheme',
  'Annual spend',
  'Currency',
] as const;

/** Country as written in the file, and the alpha-2 code the import resolves it to. */
export const COUNTRIES: readonly (readonly [string, string])[] = [
  ['Germany', 'DE'],
  ['China', 'CN'],
  ['Malaysia', 'MY'],
  ["Côte d'Ivoire", 'CI'],
  ['Bangladesh', 'BD'],
  ['Thailand', 'TH'],
  ['Viet Nam', 'VN'],
  ['India', 'IN'],
  ['United States', 'US'],
  ['Türkiye', 'TR'],
];

const SECTORS = ['Garments', 'Electronics', 'Agriculture', 'Fishing', 'Manufacturing', 'Mining', 'Services'];
const PRODUCTS = [
  'T-shirts; polo shirts',
  'Smartphones',
  'Cocoa beans',
  'Shrimp',
  'Cotton yarn',
  'Machine parts',
  'Palm oil',
  'Jeans',
  'Electronic components',
];
const SCHEMES = ['SMETA', 'amfori BSCI', 'SA8000', 'RBA'];
const NAME_PARTS = ['Textile', 'Components', 'Agro', 'Seafood', 'Metal Works', 'Trading', 'Industries'];
const SUFFIXES = ['Ltd.', 'Co., Ltd.', 'GmbH', 'Sdn. Bhd.', 'JSC', 'A.Ş.', 'Pvt. Ltd.'];

export type BenchCell = string | number | Date | null;

function yesNo(i: number, salt: number): string | null {
  const k = (i * 31 + salt) % 10;
  return k < 4 ? null : k < 8 ? 'No' : 'Yes';
}

/** Row i (0-based) as typed values: numbers as numbers, dates as dates. */
export function benchRow(i: number): BenchCell[] {
  const [country] = COUNTRIES[i % COUNTRIES.length];
  const answered = i % 3 !== 0;
  const audited = i % 4 === 0;
  return [
    `BENCH-${String(i + 1).padStart(7, '0')}`,
    `${NAME_PARTS[i % NAME_PARTS.length]} ${i + 1} ${SUFFIXES[(i >> 3) % SUFFIXES.length]}`,
    country,
    i % 11 === 0 ? null : SECTORS[i % SECTORS.length],
    PRODUCTS[(i * 7) % PRODUCTS.length],
    1 + (i % 3),
    50 + ((i * 37) % 5000),
    answered ? (i * 13) % 100 : null,
    answered ? yesNo(i, 1) : null,
    answered ? yesNo(i, 2) : null,
    answered ? yesNo(i, 3) : null,
    audited ? new Date(Date.UTC(2023 + (i % 3), i % 12, 1 + (i % 28))) : null,
    audited ? SCHEMES[i % SCHEMES.length] : null,
    1000 + ((i * 7919) % 2_000_000),
    'EUR',
  ];
}

function csvField(value: BenchCell): string {
  if (value === null) {
    return '';
  }
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export async function writeBenchCsv(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  const write = async (line: string): Promise<void> => {
    if (!out.write(line)) {
      await once(out, 'drain');
    }
  };
  await write(`${HEADERS.join(',')}\r\n`);
  for (let i = 0; i < rows; i++) {
    await write(`${benchRow(i).map(csvField).join(',')}\r\n`);
  }
  out.end();
  await once(out, 'close');
}

/** Writes with exceljs' streaming writer and shared strings, as Excel itself saves a workbook. */
export async function writeBenchXlsx(path: string, rows: number): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true });
  const sheet = workbook.addWorksheet('Suppliers');
  sheet.addRow([...HEADERS]).commit();
  for (let i = 0; i < rows; i++) {
    const row = sheet.addRow(benchRow(i));
    const audit = row.getCell(12);
    if (audit.value instanceof Date) {
      audit.numFmt = 'yyyy-mm-dd';
    }
    row.commit();
  }
  sheet.commit();
  await workbook.commit();
}
