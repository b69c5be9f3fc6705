import { afterAll, describe, expect, it } from '@jest/globals';
import iconv from 'iconv-lite';
import { looksLikeUtf16, sniffUpload } from './file-sniffer.js';
import { ImportError, type ImportErrorCode } from './import-error.js';
import { fixture, tempFolder } from './testing/temp-files.js';
import { buildXlsx, buildZip } from './testing/zip-writer.js';

const temp = tempFolder();
afterAll(() => temp.remove());

async function sniffError(path: string, originalName: string): Promise<ImportError> {
  try {
    await sniffUpload(path, originalName);
  } catch (error) {
    if (error instanceof ImportError) {
      return error;
    }
    throw error;
  }
  throw new Error(`expected ${originalName} to be refused`);
}

describe(sniffUpload.name, () => {
  describe('accepted content', () => {
    it.each([
      ['agriculture-suppliers.xlsx', 'xlsx'],
      ['electronics-suppliers.xlsx', 'xlsx'],
      ['messy-suppliers.xlsx', 'xlsx'],
      ['garments-suppliers.csv', 'csv'],
      ['suppliers-utf8-bom.csv', 'csv'],
      ['suppliers-utf16le.csv', 'csv'],
      ['suppliers-cp1252.csv', 'csv'],
      ['suppliers-semicolon.csv', 'csv'],
      ['suppliers-tab.csv', 'csv'],
    ])('%s is %s', async (name, format) => {
      await expect(sniffUpload(fixture(name), name)).resolves.toEqual({ format, extensionMismatch: false });
    });

    it('decides by content: a csv named .xlsx is a csv, flagged as a mismatch', async () => {
      const path = temp.write('upload-1', 'Supplier name,Country\nMüller Garn,DE\n');

      await expect(sniffUpload(path, 'suppliers.xlsx')).resolves.toEqual({
        format: 'csv',
        extensionMismatch: true,
      });
    });

    it('decides by content: a workbook named .csv is an xlsx', async () => {
      const path = temp.write('upload-2', buildXlsx({ sheets: [{ name: 'S', rows: [['Supplier name']] }] }));

      await expect(sniffUpload(path, 'export.csv')).resolves.toEqual({
        format: 'xlsx',
        extensionMismatch: true,
      });
    });

    it('recognises a workbook by its content type when the main part has another name', async () => {
      const path = temp.write(
        'renamed-part.xlsx',
        buildZip([
          {
            name: '[Content_Types].xml',
            data: '<Types><Override PartName="/xl/book.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
          },
          { name: 'xl/book.xml', data: '<workbook/>' },
        ]),
      );

      await expect(sniffUpload(path, 'x.xlsx')).resolves.toMatchObject({ format: 'xlsx' });
    });

    it('accepts UTF-16 text without a byte-order mark', async () => {
      const path = temp.write(
        'utf16-nobom.csv',
        iconv.encode('Supplier name\tCountry\r\nMüller Garn\tDE\r\n', 'utf-16le'),
      );

      await expect(sniffUpload(path, 'list.txt')).resolves.toEqual({
        format: 'csv',
        extensionMismatch: false,
      });
    });
  });

  describe('refused content', () => {
    it.each<[string, ImportErrorCode, string | undefined]>([
      ['broken/truncated.xlsx', 'CORRUPT_FILE', 'zip'],
      ['broken/legacy-excel-97.xls', 'LEGACY_XLS', 'xls'],
      ['broken/password-protected.xlsx', 'ENCRYPTED_WORKBOOK', 'encrypted-ooxml'],
      ['broken/libreoffice.ods', 'UNSUPPORTED_FORMAT', 'ods'],
      ['broken/random-bytes.xlsx', 'UNSUPPORTED_FORMAT', 'binary'],
      ['broken/pdf-renamed.xlsx', 'UNSUPPORTED_FORMAT', 'pdf'],
      ['broken/html-export.xls', 'UNSUPPORTED_FORMAT', 'html'],
      ['broken/empty.csv', 'EMPTY_FILE', undefined],
    ])('%s -> %s', async (name, code, detectedFormat) => {
      const error = await sniffError(fixture(name), name.replace('broken/', ''));

      expect(error.code).toBe(code);
      expect(error.details.detectedFormat).toBe(detectedFormat);
    });

    it('tells the officer what to do with a legacy .xls', async () => {
      const error = await sniffError(fixture('broken/legacy-excel-97.xls'), 'suppliers.xls');

      expect(error.message).toBe(
        'This is a legacy Excel 97-2003 .xls file. Open it in Excel and save it as .xlsx (Excel Workbook), then upload again.',
      );
    });

    it('says which extension the file pretends to have', async () => {
      const error = await sniffError(fixture('broken/pdf-renamed.xlsx'), 'suppliers 2024.xlsx');

      expect(error.message).toMatch(/^The file is named \.xlsx but contains a PDF document\./);
    });

    it.each<[string, Buffer | string, ImportErrorCode, string | undefined]>([
      [
        'an xlsb binary workbook',
        buildZip([
          { name: '[Content_Types].xml', data: '<Types/>' },
          { name: 'xl/workbook.bin', data: 'x' },
        ]),
        'UNSUPPORTED_FORMAT',
        'xlsb',
      ],
      [
        'a Word document',
        buildZip([
          { name: '[Content_Types].xml', data: '<Types/>' },
          { name: 'word/document.xml', data: '<w/>' },
        ]),
        'UNSUPPORTED_FORMAT',
        'docx',
      ],
      [
        'a plain zip archive',
        buildZip([{ name: 'suppliers.xlsx', data: 'nested' }]),
        'UNSUPPORTED_FORMAT',
        'zip',
      ],
      [
        'an Excel 2003 XML spreadsheet',
        '<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>',
        'UNSUPPORTED_FORMAT',
        'spreadsheetml-2003',
      ],
      ['a gzip archive', Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00]), 'UNSUPPORTED_FORMAT', 'gzip'],
      [
        'a PNG image',
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        'UNSUPPORTED_FORMAT',
        'png',
      ],
      [
        'text with control characters',
        Buffer.from(Array.from({ length: 400 }, (_, i) => (i % 3 === 0 ? 0x01 : 0x41))),
        'UNSUPPORTED_FORMAT',
        'binary',
      ],
      ['only blank space', ' \r\n\t \r\n', 'EMPTY_FILE', undefined],
    ])('refuses %s', async (_what, bytes, code, detectedFormat) => {
      const path = temp.write('refused.bin', bytes);

      const error = await sniffError(path, 'suppliers.xlsx');

      expect(error.code).toBe(code);
      expect(error.details.detectedFormat).toBe(detectedFormat);
    });

    it('refuses a zip declaring too many entries before reading its directory', async () => {
      const entries = Array.from({ length: 20 }, (_, i) => ({ name: `part${i}.xml`, data: '<x/>' }));
      const path = temp.write('many-parts.xlsx', buildZip(entries));

      await expect(sniffUpload(path, 'x.xlsx', { maxZipEntries: 10 })).rejects.toMatchObject({
        code: 'ZIP_BOMB',
      });
    });

    it('maps every refusal to a 4xx kind, never a server error', async () => {
      const error = await sniffError(fixture('broken/password-protected.xlsx'), 'x.xlsx');

      expect(error.kind).toBe('unsupported-media');
    });
  });
});

describe(looksLikeUtf16.name, () => {
  it.each([
    ['little endian', iconv.encode('Supplier,Country\r\n', 'utf-16le'), 'utf-16le'],
    ['big endian', iconv.encode('Supplier,Country\r\n', 'utf-16be'), 'utf-16be'],
    ['UTF-8', Buffer.from('Supplier,Country\r\n'), undefined],
    ['Chinese in UTF-16 LE (no zero bytes)', iconv.encode('供应商名称国家', 'utf-16le'), undefined],
  ])('%s', (_name, bytes, expected) => {
    expect(looksLikeUtf16(bytes)).toBe(expected);
  });
});
