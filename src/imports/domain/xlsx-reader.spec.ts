import { afterAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { columnLetter, ImportError } from './import-error.js';
import type { RawRow } from './raw-row.js';
import { fixture, tempFolder } from './testing/temp-files.js';
import { buildXlsx, buildZip, escapeXml, xlsxEntries, type TestWorkbook } from './testing/zip-writer.js';
import {
  decodeOoxmlEscapes,
  excelSerialToDate,
  isDateFormatCode,
  openXlsxWorkbook,
  readXlsxRows,
  resolvePartName,
  type XlsxRowOptions,
  type XlsxWorkbook,
} from './xlsx-reader.js';

const temp = tempFolder();
afterAll(() => temp.remove());

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
let fileCounter = 0;

function sheetXml(body: string, prefix = ''): string {
  const p = prefix ? `${prefix}:` : '';
  const ns = prefix ? `xmlns:${prefix}="${MAIN}"` : `xmlns="${MAIN}"`;
  return `<?xml version="1.0" encoding="UTF-8"?><${p}worksheet ${ns}><${p}sheetData>${body}</${p}sheetData></${p}worksheet>`;
}

async function openBuilt(workbook: TestWorkbook): Promise<XlsxWorkbook> {
  const path = temp.write(`book-${++fileCounter}.xlsx`, buildXlsx(workbook));
  return openXlsxWorkbook(path);
}

async function rowsOf(
  workbook: XlsxWorkbook,
  sheetIndex = 0,
  options: XlsxRowOptions = {},
): Promise<RawRow[]> {
  const rows: RawRow[] = [];
  for await (const row of readXlsxRows(workbook, workbook.sheets[sheetIndex], options)) {
    rows.push(row);
  }
  return rows;
}

async function rowsOfSheet(body: string, extra: Partial<TestWorkbook> = {}): Promise<RawRow[]> {
  return rowsOf(await openBuilt({ sheets: [{ name: 'S', xml: sheetXml(body) }], ...extra }));
}

async function failure(promise: Promise<unknown>): Promise<ImportError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ImportError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected an ImportError');
}

const STYLES = `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${MAIN}">
<numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="[h]:mm"/></numFmts>
<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>
<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="9"/><xf numFmtId="165"/></cellXfs>
</styleSheet>`;

const SHARED = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}" count="5" uniqueCount="5">
<si><t>Supplier name</t></si>
<si><r><rPr><b/></rPr><t xml:space="preserve">Tiruppur </t></r><r><t>Knitwear</t></r></si>
<si><t>東京繊維</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></si>
<si><t>Line 1_x000D_
Line 2</t></si>
<si><t></t></si>
</sst>`;

describe(readXlsxRows.name, () => {
  it('reads shared strings: plain, rich text joined, phonetic guides left out, escapes decoded', async () => {
    const rows = await rowsOfSheet(
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c></row>',
      { sharedStringsXml: SHARED },
    );

    expect(rows).toEqual([
      { rowNumber: 1, cells: ['Supplier name', 'Tiruppur Knitwear', '東京繊維', 'Line 1\r\nLine 2'] },
    ]);
  });

  it('reads inline strings, numbers, booleans, errors, ISO dates and cached formula results', async () => {
    const rows = await rowsOfSheet(
      '<row r="2">' +
        '<c r="A2" t="inlineStr"><is><r><t>Dhaka </t></r><r><t>Knit</t></r></is></c>' +
        '<c r="B2"><v>1250</v></c>' +
        '<c r="C2" t="b"><v>1</v></c>' +
        '<c r="D2" t="b"><v>0</v></c>' +
        '<c r="E2" t="e"><v>#N/A</v></c>' +
        '<c r="F2" t="d"><v>2024-03-14T00:00:00Z</v></c>' +
        '<c r="G2"><f>1200*1000</f><v>1200000</v></c>' +
        '<c r="H2" t="str"><f>A2&amp;"!"</f><v>Dhaka Knit!</v></c>' +
        '<c r="I2"><f>NOW()</f></c>' +
        '<c r="J2" t="inlineStr"><is><t>&lt;tag&gt; &amp;amp;</t></is></c>' +
        '<c r="K2" t="inlineStr"><v>in v</v></c>' +
        '</row>',
    );

    expect(rows).toEqual([
      {
        rowNumber: 2,
        cells: [
          'Dhaka Knit',
          1250,
          true,
          false,
          '#N/A',
          new Date('2024-03-14T00:00:00Z'),
          1200000,
          'Dhaka Knit!',
          null,
          '<tag> &amp;',
          'in v',
        ],
      },
    ]);
  });

  it('turns date-formatted numbers into dates and leaves percentages and durations as numbers', async () => {
    const rows = await rowsOfSheet(
      '<row r="1"><c r="A1" s="1"><v>45366</v></c><c r="B1" s="2"><v>45366.5</v></c><c r="C1" s="3"><v>0.35</v></c><c r="D1" s="4"><v>1.5</v></c><c r="E1"><v>45366</v></c></row>',
      { stylesXml: STYLES },
    );

    expect(rows[0].cells).toEqual([
      new Date('2024-03-15T00:00:00Z'),
      new Date('2024-03-15T12:00:00Z'),
      0.35,
      1.5,
      45366,
    ]);
  });

  it('uses the 1904 date system when the workbook says so', async () => {
    const rows = await rowsOfSheet('<row r="1"><c r="A1" s="1"><v>43904</v></c></row>', {
      stylesXml: STYLES,
      date1904: true,
    });

    expect(rows[0].cells).toEqual([new Date('2024-03-15T00:00:00Z')]);
  });

  it('keeps row numbers true to the sheet, skips blank rows and fills gaps with null', async () => {
    const rows = await rowsOfSheet(
      '<row r="3"><c r="B3" t="inlineStr"><is><t>x</t></is></c><c r="D3"><v>4</v></c></row>' +
        '<row r="4"><c r="A4" t="inlineStr"><is><t>   </t></is></c><c r="B4" s="0"/></row>' +
        '<row r="9"><c r="A9"><v>1</v></c><c r="C9" t="inlineStr"><is><t></t></is></c></row>',
    );

    expect(rows).toEqual([
      { rowNumber: 3, cells: [null, 'x', null, 4] },
      { rowNumber: 9, cells: [1] },
    ]);
  });

  it('counts rows and columns when the writer leaves out the r attributes', async () => {
    const rows = await rowsOfSheet('<row><c><v>1</v></c><c><v>2</v></c></row><row><c><v>3</v></c></row>');

    expect(rows).toEqual([
      { rowNumber: 1, cells: [1, 2] },
      { rowNumber: 2, cells: [3] },
    ]);
  });

  it('reads sheets written with a namespace prefix (x:row, x:c)', async () => {
    const xml = sheetXml(
      '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>Supplier</x:t></x:is></x:c></x:row>',
      'x',
    );

    const rows = await rowsOf(await openBuilt({ sheets: [{ name: 'S', xml }] }));

    expect(rows).toEqual([{ rowNumber: 1, cells: ['Supplier'] }]);
  });

  it('keeps multi-byte characters whole across chunk borders', async () => {
    const names = Array.from(
      { length: 3000 },
      (_, i) => `Công ty Dệt may Việt Thắng 纺织有限公司 ${i} বাংলা টেক্সটাইল`,
    );
    const body = names
      .map(
        (name, i) =>
          `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>${escapeXml(name)}</t></is></c></row>`,
      )
      .join('');

    const rows = await rowsOfSheet(body);

    expect(rows.map((row) => row.cells[0])).toEqual(names);
  });

  it('reads what exceljs writes (shared strings after the sheets, date cells, rich text, hyperlinks)', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Suppliers');
    sheet.addRow(['Supplier name', 'Audit', 'Spend']);
    sheet.addRow([
      { text: 'Phnom Penh Apparel', hyperlink: 'https://example.org' },
      new Date('2024-02-08T00:00:00Z'),
      { formula: '2*3', result: 6 },
    ]);
    sheet.addRow([{ richText: [{ text: 'Ege ', font: { bold: true } }, { text: 'Havlu' }] }, null, 12.5]);
    const path = temp.write('exceljs.xlsx', Buffer.from(await book.xlsx.writeBuffer()));

    const rows = await rowsOf(await openXlsxWorkbook(path));

    expect(rows).toEqual([
      { rowNumber: 1, cells: ['Supplier name', 'Audit', 'Spend'] },
      { rowNumber: 2, cells: ['Phnom Penh Apparel', new Date('2024-02-08T00:00:00Z'), 6] },
      { rowNumber: 3, cells: ['Ege Havlu', null, 12.5] },
    ]);
  });

  it('reports the declared used range', async () => {
    const workbook = await openBuilt({
      sheets: [
        { name: 'S', xml: `<worksheet xmlns="${MAIN}"><dimension ref="A1:O1200"/><sheetData/></worksheet>` },
      ],
    });
    let dimension: string | undefined;

    await rowsOf(workbook, 0, { onDimension: (ref) => (dimension = ref) });

    expect(dimension).toBe('A1:O1200');
  });

  it('reads a value far to the right when no column limit is set', async () => {
    const rows = await rowsOfSheet('<row r="7"><c r="A7"><v>1</v></c><c r="SH7"><v>2</v></c></row>');

    expect(rows[0].cells).toHaveLength(502);
    expect(rows[0].cells[501]).toBe(2);
  });

  it('refuses a value beyond the column limit when one is set', async () => {
    const workbook = await openBuilt({
      sheets: [
        { name: 'S', xml: sheetXml('<row r="7"><c r="A7"><v>1</v></c><c r="XFD7"><v>2</v></c></row>') },
      ],
    });

    const error = await failure(rowsOf(workbook, 0, { maxColumns: 500 }));

    expect(error.code).toBe('TOO_MANY_COLUMNS');
    expect(error.details).toMatchObject({ row: 7, column: 'XFD', limit: 500, actual: 16384 });
  });

  it('ignores empty styled cells far to the right (formatting is not data)', async () => {
    const rows = await rowsOf(
      await openBuilt({
        sheets: [{ name: 'S', xml: sheetXml('<row r="1"><c r="A1"><v>1</v></c><c r="XFD1" s="3"/></row>') }],
      }),
      0,
      { maxColumns: 500 },
    );

    expect(rows).toEqual([{ rowNumber: 1, cells: [1] }]);
  });

  it('refuses an over-long inline or shared string, naming the cell', async () => {
    const long = 'a'.repeat(40_000);
    const path = temp.write(
      'long.xlsx',
      buildXlsx({
        sheets: [
          {
            name: 'S',
            xml: sheetXml(`<row r="3"><c r="C3" t="s"><v>0</v></c></row>`),
          },
        ],
        sharedStringsXml: `<sst xmlns="${MAIN}"><si><t>${long}</t></si></sst>`,
      }),
    );
    const workbook = await openXlsxWorkbook(path, { maxCellLength: 32_767 });

    const error = await failure(rowsOf(workbook, 0, { maxCellLength: 32_767 }));

    expect(error.code).toBe('CELL_TOO_LONG');
    expect(error.details).toMatchObject({ row: 3, column: 'C', actual: 40_000, limit: 32_767 });
  });

  it('refuses the 40,000-character fixture', async () => {
    const workbook = await openXlsxWorkbook(fixture('broken/cell-40000-chars.xlsx'), {
      maxCellLength: 32_767,
    });

    const error = await failure(rowsOf(workbook, 0, { maxCellLength: 32_767 }));

    expect(error.message).toMatch(/^Cell C3 holds 40000 characters; at most 32767/);
  });

  it('reports a reference to a shared string that does not exist as damage', async () => {
    const error = await failure(rowsOfSheet('<row r="1"><c r="A1" t="s"><v>7</v></c></row>'));

    expect(error.code).toBe('CORRUPT_FILE');
    expect(error.details).toMatchObject({ row: 1, column: 'A' });
  });

  it('reports malformed sheet XML as damage', async () => {
    const error = await failure(rowsOfSheet('<row r="1"><c r="A1"><v>1</v></row>'));

    expect(error.code).toBe('CORRUPT_FILE');
    expect(error.details.entry).toBe('xl/worksheets/sheet1.xml');
  });

  it('streams: leaving after a few rows never unpacks the rest of the sheet', async () => {
    const body = Array.from(
      { length: 20_000 },
      (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`,
    ).join('');
    // A wrong checksum on the sheet only shows once the whole part has been inflated.
    const entries = xlsxEntries({ sheets: [{ name: 'S', xml: sheetXml(body) }] }).map((entry) =>
      entry.name === 'xl/worksheets/sheet1.xml' ? { ...entry, declaredCrc: 0x12345678 } : entry,
    );
    const workbook = await openXlsxWorkbook(temp.write('stream.xlsx', buildZip(entries)));
    const firstRows: number[] = [];

    for await (const row of readXlsxRows(workbook, workbook.sheets[0])) {
      firstRows.push(row.rowNumber);
      if (firstRows.length === 5) {
        break;
      }
    }

    expect(firstRows).toEqual([1, 2, 3, 4, 5]);
    await expect(rowsOf(workbook)).rejects.toMatchObject({ code: 'CORRUPT_FILE' });
  });
});

describe(openXlsxWorkbook.name, () => {
  it('lists worksheets in tab order with their visibility, leaving chart sheets out', async () => {
    const entries = xlsxEntries({
      sheets: [
        { name: 'Data', rows: [['x']] },
        { name: 'Chart', rows: [] },
        { name: 'Lists', rows: [['y']], state: 'hidden' },
      ],
    }).map((entry) => {
      if (entry.name === 'xl/workbook.xml') {
        return {
          ...entry,
          data: `<workbook xmlns="${MAIN}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr date1904="false"/><sheets><sheet name="Lists" sheetId="3" state="hidden" r:id="rId3"/><sheet name="Chart" sheetId="2" r:id="rId2"/><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>`,
        };
      }
      if (entry.name === 'xl/_rels/workbook.xml.rels') {
        return {
          ...entry,
          data: String(entry.data).replace(
            '/worksheet" Target="worksheets/sheet2.xml',
            '/chartsheet" Target="worksheets/sheet2.xml',
          ),
        };
      }
      return entry;
    });

    const workbook = await openXlsxWorkbook(temp.write('tabs.xlsx', buildZip(entries)));

    expect(workbook.sheets.map(({ name, state, index }) => ({ name, state, index }))).toEqual([
      { name: 'Lists', state: 'hidden', index: 0 },
      { name: 'Data', state: 'visible', index: 1 },
    ]);
    expect(workbook.date1904).toBe(false);
  });

  it('refuses a workbook holding more shared text than allowed', async () => {
    const path = temp.write(
      'text-heavy.xlsx',
      buildXlsx({
        sheets: [{ name: 'S', rows: [] }],
        sharedStringsXml: `<sst xmlns="${MAIN}">${'<si><t>0123456789</t></si>'.repeat(50)}</sst>`,
      }),
    );

    await expect(openXlsxWorkbook(path, { maxSharedStringChars: 100 })).rejects.toMatchObject({
      code: 'WORKBOOK_TOO_LARGE',
    });
  });

  it('refuses a table of more shared strings than allowed, empty entries counted', async () => {
    // The shape of the 2.4 MB workbook that took the service down: millions of empty <si/> entries, no text.
    const path = temp.write(
      'empty-strings.xlsx',
      buildXlsx({
        sheets: [{ name: 'S', rows: [] }],
        sharedStringsXml: `<sst xmlns="${MAIN}">${'<si/>'.repeat(5_000)}</sst>`,
      }),
    );

    const error = await failure(openXlsxWorkbook(path, { maxSharedStrings: 4_999 }));

    expect(error.code).toBe('WORKBOOK_TOO_LARGE');
    expect(error.details).toMatchObject({ limit: 4_999, entry: 'xl/sharedStrings.xml' });
    expect(error.message).toMatch(/more than 4,999 entries.*IMPORT_MAX_SHARED_STRINGS/);
    await expect(openXlsxWorkbook(path, { maxSharedStrings: 5_000 })).resolves.toBeDefined();
  });

  it('refuses a sheet of more cells than allowed, blank formatted cells counted', async () => {
    // A style bomb: rows of empty cells that only carry a format hold no value but cost the reader work.
    const blankRow = (r: number) =>
      `<row r="${r}">${Array.from({ length: 50 }, (_, c) => `<c r="${columnLetter(c + 1)}${r}" s="1"/>`).join('')}</row>`;
    const body =
      `<row r="1"><c r="A1" t="inlineStr"><is><t>Supplier name</t></is></c></row>` +
      Array.from({ length: 40 }, (_, i) => blankRow(i + 2)).join('');
    const workbook = await openBuilt({ sheets: [{ name: 'Formatted', xml: sheetXml(body) }] });

    const error = await failure(rowsOf(workbook, 0, { maxCells: 1_000 }));

    expect(error.code).toBe('TOO_MANY_CELLS');
    expect(error.details).toMatchObject({ limit: 1_000, row: 21, sheetName: 'Formatted' });
    expect(error.message).toMatch(/"Formatted" holds more than 1,000 cells .* by row 21/);
    await expect(rowsOf(workbook, 0, { maxCells: 2_001 })).resolves.toHaveLength(1);
  });

  it('applies the zip guard before reading anything', async () => {
    await expect(openXlsxWorkbook(fixture('broken/zip-bomb-ratio.xlsx'))).rejects.toMatchObject({
      code: 'ZIP_BOMB',
    });
  });

  it('catches a part that lies about its size while reading it', async () => {
    const workbook = await openXlsxWorkbook(fixture('broken/zip-bomb-lying-size.xlsx'));

    await expect(rowsOf(workbook)).rejects.toMatchObject({ code: 'ZIP_BOMB' });
  });
});

describe(excelSerialToDate.name, () => {
  it.each([
    [1, false, '1900-01-01T00:00:00.000Z'],
    [59, false, '1900-02-28T00:00:00.000Z'],
    [61, false, '1900-03-01T00:00:00.000Z'],
    [45366, false, '2024-03-15T00:00:00.000Z'],
    [45366.75, false, '2024-03-15T18:00:00.000Z'],
    [0, true, '1904-01-01T00:00:00.000Z'],
    [43904, true, '2024-03-15T00:00:00.000Z'],
  ])('serial %d (1904 system: %s) is %s', (serial, date1904, iso) => {
    expect(excelSerialToDate(serial, date1904)?.toISOString()).toBe(iso);
  });

  it.each([-1, 3_000_000, Number.NaN])('%d is not a date', (serial) => {
    expect(excelSerialToDate(serial)).toBeUndefined();
  });
});

describe(isDateFormatCode.name, () => {
  it.each([
    ['dd/mm/yyyy', true],
    ['yyyy-mm-dd', true],
    ['[$-409]mmm d, yyyy;@', true],
    ['h:mm AM/PM', true],
    ['[h]:mm:ss', false],
    ['0.00%', false],
    ['#,##0 "days"', false],
    ['General', false],
    ['[Red]#,##0', false],
    ['0.0\\d', false],
  ])('%s -> %s', (code, expected) => {
    expect(isDateFormatCode(code)).toBe(expected);
  });
});

describe(decodeOoxmlEscapes.name, () => {
  it('decodes _xHHHH_ escapes and leaves other underscores alone', () => {
    expect(decodeOoxmlEscapes('a_x000D_b_x005F_c my_name')).toBe('a\rb_c my_name');
  });
});

describe(resolvePartName.name, () => {
  it.each([
    ['xl', 'worksheets/sheet1.xml', 'xl/worksheets/sheet1.xml'],
    ['xl', '/xl/worksheets/sheet1.xml', 'xl/worksheets/sheet1.xml'],
    ['xl/worksheets', '../sharedStrings.xml', 'xl/sharedStrings.xml'],
    ['', 'xl/workbook.xml', 'xl/workbook.xml'],
  ])('%s + %s', (base, target, expected) => {
    expect(resolvePartName(base, target)).toBe(expected);
  });
});
