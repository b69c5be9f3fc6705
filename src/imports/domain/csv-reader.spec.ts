import { afterAll, describe, expect, it } from '@jest/globals';
import iconv from 'iconv-lite';
import {
  countFields,
  detectCsvEncoding,
  detectCsvFormat,
  detectDelimiter,
  readCsvRows,
} from './csv-reader.js';
import { ImportError } from './import-error.js';
import type { RawRow } from './raw-row.js';
import { fixture, tempFolder } from './testing/temp-files.js';

const temp = tempFolder();
afterAll(() => temp.remove());

async function readAll(path: string, options: Parameters<typeof readCsvRows>[1] = {}): Promise<RawRow[]> {
  const rows: RawRow[] = [];
  for await (const row of readCsvRows(path, options)) {
    rows.push(row);
  }
  return rows;
}

async function readError(
  path: string,
  options: Parameters<typeof readCsvRows>[1] = {},
): Promise<ImportError> {
  try {
    await readAll(path, options);
  } catch (error) {
    if (error instanceof ImportError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected an ImportError');
}

const VARIANTS = [
  ['suppliers-utf8-bom.csv', 'utf-8', ','],
  ['suppliers-semicolon.csv', 'utf-8', ';'],
  ['suppliers-tab.csv', 'utf-8', '\t'],
  ['suppliers-utf16le.csv', 'utf-16le', ','],
  ['suppliers-cp1252.csv', 'windows-1252', ';'],
] as const;

describe(readCsvRows.name, () => {
  describe('the same list in five encodings and delimiters', () => {
    it.each(VARIANTS)('%s is detected as %s with %j', async (name, encoding, delimiter) => {
      await expect(detectCsvFormat(fixture(name))).resolves.toMatchObject({
        encoding,
        delimiter,
        sepLine: false,
      });
    });

    it('every variant reads to identical rows', async () => {
      const [first, ...others] = await Promise.all(VARIANTS.map(([name]) => readAll(fixture(name))));

      for (const rows of others) {
        expect(rows).toEqual(first);
      }
      expect(first).toHaveLength(9);
    });

    it('keeps accents, typographic apostrophes, euro signs, embedded quotes and line breaks', async () => {
      const rows = await readAll(fixture('suppliers-cp1252.csv'));

      expect(rows[0].cells[0]).toBe('Supplier Name');
      expect(rows[1].cells).toEqual([
        'Société Générale Textile',
        'France',
        'Roubaix',
        'Woven fabric; lining',
        '120',
        '5%',
        '€ 250.000',
      ]);
      expect(rows.map((row) => row.cells[0])).toEqual(
        expect.arrayContaining([
          'Tõnu Puidutööstus OÜ',
          'The "Blue" Mill, Ltd.',
          'Côte d’Ivoire Cacao Négoce',
          'Øresund Fisk ApS',
        ]),
      );
      expect(rows[8].cells[3]).toBe('Shirts\nembroidered');
    });
  });

  it('numbers rows as Excel shows them: blank lines count, a quoted line break does not start a row', async () => {
    const path = temp.write(
      'numbering.csv',
      'Supplier name,Address\n\n"Müller Garn","Line 1\nLine 2"\n,\n   ,  \nPeñalosa,Manizales\n',
    );

    const rows = await readAll(path);

    expect(rows.map((row) => row.rowNumber)).toEqual([1, 3, 6]);
  });

  it('keeps every cell as text and empty cells as null, dropping trailing empties', async () => {
    const path = temp.write('text.csv', 'a,b,c,d\n007,1.50,,TRUE,,\n');

    const rows = await readAll(path);

    expect(rows[1].cells).toEqual(['007', '1.50', null, 'TRUE']);
  });

  it('honours Excel\'s "sep=" hint and does not count it as a row', async () => {
    const path = temp.write('sep.csv', 'sep=;\nSupplier name;Country\nMüller, Garn;DE\n');

    const format = await detectCsvFormat(path);
    const rows = await readAll(path, { format });

    expect(format).toMatchObject({ delimiter: ';', sepLine: true });
    expect(rows).toEqual([
      { rowNumber: 1, cells: ['Supplier name', 'Country'] },
      { rowNumber: 2, cells: ['Müller, Garn', 'DE'] },
    ]);
  });

  it('tolerates a stray quote inside an unquoted value (5" screens)', async () => {
    const path = temp.write('stray.csv', 'Supplier name,Products\nShenzhen Display,5" screens\n');

    const rows = await readAll(path);

    expect(rows[1].cells).toEqual(['Shenzhen Display', '5" screens']);
  });

  it('reads UTF-16 big endian with a byte-order mark', async () => {
    const path = temp.write(
      'be.csv',
      iconv.encode('Supplier name,Country\r\nMüller Garn,DE\r\n', 'utf-16be', { addBOM: true }),
    );

    const rows = await readAll(path);

    expect(rows[1].cells).toEqual(['Müller Garn', 'DE']);
  });

  it('reads UTF-16 little endian without a byte-order mark', async () => {
    const path = temp.write(
      'le.csv',
      iconv.encode('Supplier name\tCountry\r\nCông ty Việt Thắng\tVN\r\n', 'utf-16le'),
    );

    const rows = await readAll(path);

    expect(rows[1].cells).toEqual(['Công ty Việt Thắng', 'VN']);
  });

  it('falls back to Windows-1252 when an invalid UTF-8 byte appears late in the file', async () => {
    const ascii = Array.from({ length: 5000 }, (_, i) => `Supplier ${i},DE`).join('\n');
    const path = temp.write(
      'late.csv',
      Buffer.concat([
        Buffer.from(`Supplier name,Country\n${ascii}\n`),
        iconv.encode('Müller Garn,DE\n', 'windows-1252'),
      ]),
    );

    const rows = await readAll(path);

    await expect(detectCsvEncoding(path)).resolves.toMatchObject({ encoding: 'windows-1252' });
    expect(rows.at(-1)?.cells).toEqual(['Müller Garn', 'DE']);
  });

  it('refuses more columns than allowed, naming the row', async () => {
    const error = await readError(fixture('broken/columns-20000.csv'), { maxColumns: 500 });

    expect(error.code).toBe('TOO_MANY_COLUMNS');
    expect(error.details).toMatchObject({ row: 1, limit: 500, actual: 20000 });
  });

  it('refuses more cells than allowed, counting empty fields and blank lines', async () => {
    const blankLines = temp.write(
      'blank-lines.csv',
      `Supplier name,Country\nMüller Garn,DE\n${'\n'.repeat(3_000)}`,
    );
    const emptyFields = temp.write('empty-fields.csv', `Supplier name,Country\n${',,,,,,,,,\n'.repeat(300)}`);

    const lines = await readError(blankLines, { maxCells: 2_000 });
    const fields = await readError(emptyFields, { maxCells: 2_000 });

    expect(lines.code).toBe('TOO_MANY_CELLS');
    expect(lines.details).toMatchObject({ limit: 2_000, row: 1_999 });
    expect(lines.message).toMatch(/more than 2,000 cells .* by line 1999.*IMPORT_MAX_CELLS/);
    expect(fields.details).toMatchObject({ limit: 2_000, row: 201 });
    await expect(readAll(blankLines, { maxCells: 3_004 })).resolves.toHaveLength(2);
  });

  it('refuses an over-long cell, naming the cell', async () => {
    const path = temp.write('long.csv', `Supplier name,Address\nMüller Garn,${'x'.repeat(40_000)}\n`);

    const error = await readError(path, { maxCellLength: 32_767 });

    expect(error.code).toBe('CELL_TOO_LONG');
    expect(error.details).toMatchObject({ row: 2, column: 'B', actual: 40_000, limit: 32_767 });
    expect(error.message).toMatch(/^Cell B2 holds 40000 characters/);
  });

  it('stops a runaway record before it fills memory', async () => {
    const path = temp.write('runaway.csv', `Supplier name,Address\nMüller Garn,${'y'.repeat(300_000)}\n`);

    const error = await readError(path, { maxRowChars: 100_000 });

    expect(error.code).toBe('CELL_TOO_LONG');
    expect(error.details.row).toBe(2);
  });

  it('reports a quote that is never closed, with the row it opens in', async () => {
    const error = await readError(fixture('broken/unclosed-quote.csv'));

    expect(error.code).toBe('MALFORMED_CSV');
    expect(error.details.row).toBe(2);
  });

  it('can be left early without reading the rest of the file', async () => {
    const path = temp.write(
      'early.csv',
      `Supplier name\n${Array.from({ length: 10_000 }, (_, i) => `S${i}`).join('\n')}\n"never closed`,
    );
    const seen: number[] = [];

    for await (const row of readCsvRows(path)) {
      seen.push(row.rowNumber);
      if (seen.length === 3) {
        break;
      }
    }

    // Leaving the loop stopped the reading before the broken end of the file was reached.
    expect(seen).toEqual([1, 2, 3]);
  });
});

describe(detectDelimiter.name, () => {
  it.each([
    ['comma', 'a,b,c\n1,2,3\n4,5,6\n', ','],
    ['semicolon with decimal commas', 'Name;Workers;Migrants\nA;1200;35,5\nB;800;12,0\n', ';'],
    ['tab', 'a\tb\tc\n1\t2\t3\n', '\t'],
    ['pipe', 'a|b|c\n1|2|3\n', '|'],
    [
      'semicolon below a title line with commas',
      'Export, 2024, all plants\nName;Country;City\nA;DE;Berlin\nB;FR;Paris\n',
      ';',
    ],
    ['commas inside quotes do not count', '"Müller, Garn";DE\n"Peñalosa, S.A.";CO\n"Tõnu, OÜ";EE\n', ';'],
    ['a single column', 'Name\nA\nB\n', ','],
  ])('%s', (_name, sample, expected) => {
    expect(detectDelimiter(sample)).toBe(expected);
  });
});

describe(countFields.name, () => {
  it('counts fields per record, with quoted line breaks inside one record and blank lines as 0', () => {
    expect(countFields('a,b\n"x\ny",z\n\n1,2,3\n', ',')).toEqual([2, 2, 0, 3]);
  });
});
