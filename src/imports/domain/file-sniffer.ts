import { open } from 'node:fs/promises';
import { listCompoundFileNames, OLE2_SIGNATURE } from './compound-file.js';
import { ImportError } from './import-error.js';
import { findEntry, openZipEntry, readZipDirectory, type ZipDirectory } from './zip-archive.js';
import { DEFAULT_ZIP_LIMITS } from './zip-guard.js';

// Decides what an upload is from its bytes, never from its name: "suppliers.xlsx" may be a csv, an old .xls,
// a PDF or a web page an ERP saved with a spreadsheet extension. Unsupported content is refused with a message
// that tells the compliance officer what to do instead.

export type SpreadsheetFormat = 'xlsx' | 'csv';

export interface SniffResult {
  format: SpreadsheetFormat;
  /** The file name's extension suggests another format (worth a note; the content decides). */
  extensionMismatch: boolean;
}

const SAMPLE_BYTES = 64 * 1024;
const SAVE_AS_XLSX = 'Open it in Excel and save it as .xlsx (Excel Workbook), then upload again.';

const XLSX_EXTENSIONS = ['xlsx', 'xlsm', 'xltx', 'xltm'];
const CSV_EXTENSIONS = ['csv', 'txt', 'tsv', 'tab'];

function extensionOf(originalName: string): string {
  // The name is only ever looked at as text: it is never used to build a path.
  const match = /\.([A-Za-z0-9]{1,8})\s*$/.exec(originalName);
  return match ? match[1].toLowerCase() : '';
}

function namedAs(originalName: string): string {
  const extension = extensionOf(originalName);
  return extension ? `The file is named .${extension} but` : 'The file';
}

function unsupported(
  originalName: string,
  contains: string,
  advice: string,
  detectedFormat: string,
): ImportError {
  return new ImportError('UNSUPPORTED_FORMAT', `${namedAs(originalName)} contains ${contains}. ${advice}`, {
    detectedFormat,
  });
}

export interface SniffOptions {
  /** A zip declaring more entries than this is refused before its directory is read (the zip guard's limit). */
  maxZipEntries?: number;
}

export async function sniffUpload(
  path: string,
  originalName: string,
  options: SniffOptions = {},
): Promise<SniffResult> {
  const handle = await open(path, 'r');
  let size: number;
  let head: Buffer;
  try {
    size = (await handle.stat()).size;
    const buffer = Buffer.alloc(Math.min(size, SAMPLE_BYTES));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    head = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  if (size === 0) {
    throw new ImportError(
      'EMPTY_FILE',
      'The uploaded file is empty (0 bytes). Check that the right file was chosen.',
    );
  }
  const extension = extensionOf(originalName);
  const result = (format: SpreadsheetFormat): SniffResult => ({
    format,
    extensionMismatch: !(format === 'xlsx' ? XLSX_EXTENSIONS : CSV_EXTENSIONS).includes(extension),
  });

  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) {
    await classifyZip(path, originalName, options.maxZipEntries ?? DEFAULT_ZIP_LIMITS.maxEntries);
    return result('xlsx');
  }
  if (head.length >= 8 && head.subarray(0, 8).equals(OLE2_SIGNATURE)) {
    throw await classifyCompoundFile(path, originalName);
  }
  const binary = classifyBinary(head, originalName);
  if (binary) {
    throw binary;
  }
  classifyText(head, size, originalName);
  return result('csv');
}

function startsWith(buffer: Buffer, bytes: number[]): boolean {
  return buffer.length >= bytes.length && bytes.every((byte, i) => buffer[i] === byte);
}

async function readSmallEntry(
  directory: ZipDirectory,
  name: string,
  maxBytes: number,
): Promise<string | undefined> {
  const entry = findEntry(directory, name);
  if (!entry || entry.uncompressedSize > maxBytes) {
    return undefined;
  }
  const stream = await openZipEntry(directory, entry);
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function classifyZip(path: string, originalName: string, maxEntries: number): Promise<void> {
  const directory = await readZipDirectory(path, { maxEntries });
  const has = (name: string): boolean => findEntry(directory, name) !== undefined;

  const mimetype = has('mimetype') ? await readSmallEntry(directory, 'mimetype', 256) : undefined;
  if (mimetype?.trim() === 'application/vnd.oasis.opendocument.spreadsheet') {
    throw unsupported(
      originalName,
      'an OpenDocument spreadsheet (.ods)',
      'Only .xlsx and .csv are accepted: in LibreOffice Calc use File > Save As and choose ' +
        '"Excel 2007-365 (.xlsx)", or open it in Excel and save it as .xlsx, then upload again.',
      'ods',
    );
  }
  if (mimetype?.startsWith('application/vnd.oasis.opendocument')) {
    throw unsupported(
      originalName,
      'an OpenDocument file, not a spreadsheet',
      'Upload the supplier list as .xlsx or .csv.',
      'odf',
    );
  }
  if (has('[Content_Types].xml')) {
    if (has('xl/workbook.bin')) {
      throw unsupported(
        originalName,
        'an Excel binary workbook (.xlsb)',
        'Open it in Excel and save it as .xlsx (Excel Workbook), then upload again.',
        'xlsb',
      );
    }
    if (has('xl/workbook.xml')) {
      return;
    }
    const contentTypes = (await readSmallEntry(directory, '[Content_Types].xml', 1024 * 1024)) ?? '';
    if (
      /spreadsheetml\.(sheet|template)\.main\+xml|ms-excel\.(sheet|template)\.macroEnabled\.main\+xml/i.test(
        contentTypes,
      )
    ) {
      return;
    }
    if (has('word/document.xml')) {
      throw unsupported(
        originalName,
        'a Word document',
        'Upload the supplier list as .xlsx or .csv.',
        'docx',
      );
    }
    if (has('ppt/presentation.xml')) {
      throw unsupported(
        originalName,
        'a PowerPoint presentation',
        'Upload the supplier list as .xlsx or .csv.',
        'pptx',
      );
    }
  }
  throw unsupported(
    originalName,
    'a zip archive, not an Excel workbook',
    'If the supplier list is inside, extract it and upload the .xlsx or .csv file itself.',
    'zip',
  );
}

async function classifyCompoundFile(path: string, originalName: string): Promise<ImportError> {
  const names = ((await listCompoundFileNames(path)) ?? []).map((name) => name.toLowerCase());
  if (names.includes('encryptedpackage')) {
    return new ImportError(
      'ENCRYPTED_WORKBOOK',
      'The workbook is protected with a password to open, so it cannot be read. Open it in Excel, remove the ' +
        'password (File > Info > Protect Workbook > Encrypt with Password, clear the password), save it as .xlsx ' +
        'and upload again.',
      { detectedFormat: 'encrypted-ooxml' },
    );
  }
  if (names.includes('workbook') || names.includes('book')) {
    return new ImportError('LEGACY_XLS', `This is a legacy Excel 97-2003 .xls file. ${SAVE_AS_XLSX}`, {
      detectedFormat: 'xls',
    });
  }
  if (names.includes('worddocument')) {
    return unsupported(
      originalName,
      'a Word 97-2003 document',
      'Upload the supplier list as .xlsx or .csv.',
      'doc',
    );
  }
  return new ImportError(
    'LEGACY_XLS',
    `This is an older Microsoft Office file (Office 97-2003 format), not an .xlsx workbook. ${SAVE_AS_XLSX}`,
    { detectedFormat: 'ole2' },
  );
}

const BINARY_SIGNATURES: { bytes: number[]; what: string; format: string }[] = [
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], what: 'a PDF document', format: 'pdf' },
  { bytes: [0x1f, 0x8b], what: 'a gzip archive', format: 'gzip' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], what: 'a 7-Zip archive', format: '7z' },
  { bytes: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], what: 'a RAR archive', format: 'rar' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image', format: 'png' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image', format: 'jpeg' },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: 'a GIF image', format: 'gif' },
];

function classifyBinary(head: Buffer, originalName: string): ImportError | undefined {
  for (const signature of BINARY_SIGNATURES) {
    if (startsWith(head, signature.bytes)) {
      const advice =
        signature.format === 'pdf'
          ? 'A PDF cannot be imported: upload the supplier list itself as .xlsx or .csv.'
          : 'Upload the supplier list as .xlsx or .csv.';
      return unsupported(originalName, signature.what, advice, signature.format);
    }
  }
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff])) {
    return undefined; // UTF-16 text with a byte-order mark
  }
  if (head.includes(0) && !looksLikeUtf16(head)) {
    return unsupported(
      originalName,
      'binary data that is neither an .xlsx workbook nor a csv text file',
      'Upload the supplier list as .xlsx or .csv.',
      'binary',
    );
  }
  return undefined;
}

/** Text in UTF-16 without a BOM: most characters are ASCII, so every other byte is zero, on one side only. */
export function looksLikeUtf16(sample: Buffer): 'utf-16le' | 'utf-16be' | undefined {
  const pairs = Math.floor(sample.length / 2);
  if (pairs < 2) {
    return undefined;
  }
  let zeroOdd = 0;
  let zeroEven = 0;
  for (let i = 0; i + 1 < sample.length; i += 2) {
    if (sample[i] === 0) {
      zeroEven++;
    }
    if (sample[i + 1] === 0) {
      zeroOdd++;
    }
  }
  if (zeroOdd >= pairs * 0.3 && zeroEven <= pairs * 0.02) {
    return 'utf-16le';
  }
  if (zeroEven >= pairs * 0.3 && zeroOdd <= pairs * 0.02) {
    return 'utf-16be';
  }
  return undefined;
}

function classifyText(head: Buffer, size: number, originalName: string): void {
  if (looksLikeUtf16(head) || startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff])) {
    return;
  }
  const text = head.toString('latin1').replace(/^\u00ef\u00bb\u00bf/, '');
  const start = text.trimStart().slice(0, 512).toLowerCase();
  if (start.startsWith('<!doctype html') || start.startsWith('<html') || start.startsWith('<table')) {
    throw unsupported(
      originalName,
      'a web page (HTML), as some systems export when asked for "Excel"',
      SAVE_AS_XLSX,
      'html',
    );
  }
  if (start.startsWith('<?xml')) {
    const spreadsheetMl = /urn:schemas-microsoft-com:office:spreadsheet|<workbook/i.test(text.slice(0, 4096));
    throw unsupported(
      originalName,
      spreadsheetMl ? 'an Excel 2003 XML spreadsheet' : 'an XML document, not a spreadsheet',
      spreadsheetMl ? SAVE_AS_XLSX : 'Upload the supplier list as .xlsx or .csv.',
      spreadsheetMl ? 'spreadsheetml-2003' : 'xml',
    );
  }
  if (start.startsWith('{\\rtf')) {
    throw unsupported(
      originalName,
      'a rich-text (RTF) document',
      'Upload the supplier list as .xlsx or .csv.',
      'rtf',
    );
  }
  let control = 0;
  for (const byte of head) {
    if ((byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) || byte === 0x7f) {
      control++;
    }
  }
  // Real csv exports have no control characters beyond tab and line breaks; a few stray ones are tolerated.
  if (control > Math.max(8, head.length * 0.01)) {
    throw unsupported(
      originalName,
      'binary data that is neither an .xlsx workbook nor a csv text file',
      'Upload the supplier list as .xlsx or .csv.',
      'binary',
    );
  }
  if (size <= head.length && text.trim() === '') {
    throw new ImportError(
      'EMPTY_FILE',
      'The uploaded file contains only blank space: there is nothing to import.',
    );
  }
}
