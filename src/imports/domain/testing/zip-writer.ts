import { crc32, deflateRawSync } from 'node:zlib';

// Test and fixture support: writes small zip archives byte by byte, including deliberately broken ones
// (lying sizes, overlapping entries) that no normal zip library would produce. Not used at run time.

export interface ZipWriteEntry {
  name: string;
  data: Buffer | string;
  /** Deflate unless told otherwise. */
  store?: boolean;
  /** Crafted archives: the uncompressed size written in the headers instead of the real one. */
  declaredSize?: number;
  /** Crafted archives: the CRC-32 written in the headers instead of the real one. */
  declaredCrc?: number;
  /** Crafted archives: point this entry's directory record at an earlier entry's bytes (by index). */
  sameDataAs?: number;
}

// 1980-01-01 00:00, the zip epoch: fixed so that the same input always gives the same bytes.
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

interface Written {
  offset: number;
  crc: number;
  compressedSize: number;
  declaredSize: number;
  method: number;
  name: Buffer;
}

export interface BuildZipOptions {
  /** Write zip64 records (saturated 32-bit fields plus zip64 extra fields and end records), as big archives do. */
  zip64?: boolean;
}

export function buildZip(entries: ZipWriteEntry[], options: BuildZipOptions = {}): Buffer {
  const parts: Buffer[] = [];
  const written: Written[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    if (entry.sameDataAs !== undefined) {
      const shared = written[entry.sameDataAs];
      written.push({ ...shared, name, declaredSize: entry.declaredSize ?? shared.declaredSize });
      continue;
    }
    const data = typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : entry.data;
    const method = entry.store ? 0 : 8;
    const body = method === 8 ? deflateRawSync(data, { level: 9 }) : data;
    const crc = entry.declaredCrc ?? crc32(data);
    const declaredSize = entry.declaredSize ?? data.length;
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(0x800, 6);
    header.writeUInt16LE(method, 8);
    header.writeUInt16LE(DOS_TIME, 10);
    header.writeUInt16LE(DOS_DATE, 12);
    header.writeUInt32LE(crc, 14);
    header.writeUInt32LE(body.length, 18);
    header.writeUInt32LE(declaredSize, 22);
    header.writeUInt16LE(name.length, 26);
    header.writeUInt16LE(0, 28);
    parts.push(header, name, body);
    written.push({ offset, crc, compressedSize: body.length, declaredSize, method, name });
    offset += header.length + name.length + body.length;
  }
  const centralStart = offset;
  const zip64 = options.zip64 === true;
  for (const entry of written) {
    const record = Buffer.alloc(46);
    const extra = Buffer.alloc(zip64 ? 28 : 0);
    if (zip64) {
      extra.writeUInt16LE(0x0001, 0);
      extra.writeUInt16LE(24, 2);
      extra.writeBigUInt64LE(BigInt(entry.declaredSize), 4);
      extra.writeBigUInt64LE(BigInt(entry.compressedSize), 12);
      extra.writeBigUInt64LE(BigInt(entry.offset), 20);
    }
    record.writeUInt32LE(0x02014b50, 0);
    record.writeUInt16LE(zip64 ? 45 : 20, 4);
    record.writeUInt16LE(zip64 ? 45 : 20, 6);
    record.writeUInt16LE(0x800, 8);
    record.writeUInt16LE(entry.method, 10);
    record.writeUInt16LE(DOS_TIME, 12);
    record.writeUInt16LE(DOS_DATE, 14);
    record.writeUInt32LE(entry.crc, 16);
    record.writeUInt32LE(zip64 ? 0xffffffff : entry.compressedSize, 20);
    record.writeUInt32LE(zip64 ? 0xffffffff : entry.declaredSize, 24);
    record.writeUInt16LE(entry.name.length, 28);
    record.writeUInt16LE(extra.length, 30);
    record.writeUInt32LE(zip64 ? 0xffffffff : entry.offset, 42);
    parts.push(record, entry.name, extra);
    offset += record.length + entry.name.length + extra.length;
  }
  const centralSize = offset - centralStart;
  if (zip64) {
    const record = Buffer.alloc(56);
    record.writeUInt32LE(0x06064b50, 0);
    record.writeBigUInt64LE(44n, 4);
    record.writeUInt16LE(45, 12);
    record.writeUInt16LE(45, 14);
    record.writeBigUInt64LE(BigInt(written.length), 24);
    record.writeBigUInt64LE(BigInt(written.length), 32);
    record.writeBigUInt64LE(BigInt(centralSize), 40);
    record.writeBigUInt64LE(BigInt(centralStart), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(offset), 8);
    locator.writeUInt32LE(1, 16);
    parts.push(record, locator);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(zip64 ? 0xffff : written.length, 8);
  end.writeUInt16LE(zip64 ? 0xffff : written.length, 10);
  end.writeUInt32LE(zip64 ? 0xffffffff : centralSize, 12);
  end.writeUInt32LE(zip64 ? 0xffffffff : centralStart, 16);
  parts.push(end);
  return Buffer.concat(parts);
}

export type TestCell = string | number | boolean | null;

export interface TestSheet {
  name: string;
  /** Either rows (written as inline strings and numbers, from row 1) or the complete worksheet XML. */
  rows?: TestCell[][];
  xml?: string;
  state?: 'hidden' | 'veryHidden';
}

export interface TestWorkbook {
  sheets: TestSheet[];
  sharedStringsXml?: string;
  stylesXml?: string;
  date1904?: boolean;
}

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function columnName(index: number): string {
  let n = index + 1;
  let name = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    name = String.fromCharCode(65 + rest) + name;
    n = Math.floor((n - 1) / 26);
  }
  return name;
}

export function sheetXmlFromRows(rows: TestCell[][]): string {
  const body = rows
    .map((cells, r) => {
      const xml = cells
        .map((value, c) => {
          const ref = `${columnName(c)}${r + 1}`;
          if (value === null) {
            return '';
          }
          if (typeof value === 'number') {
            return `<c r="${ref}"><v>${value}</v></c>`;
          }
          if (typeof value === 'boolean') {
            return `<c r="${ref}" t="b"><v>${value ? 1 : 0}</v></c>`;
          }
          return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(value)}</t></is></c>`;
        })
        .join('');
      return `<row r="${r + 1}">${xml}</row>`;
    })
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN_NS}"><sheetData>${body}</sheetData></worksheet>`;
}

/** The parts of a minimal but complete .xlsx package, for building valid and broken workbooks. */
export function xlsxEntries(workbook: TestWorkbook): ZipWriteEntry[] {
  const sheets = workbook.sheets.map((sheet, i) => ({ ...sheet, id: i + 1 }));
  const overrides = [
    `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>`,
    ...sheets.map(
      (s) =>
        `<Override PartName="/xl/worksheets/sheet${s.id}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
    ),
  ].join('');
  const contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${overrides}</Types>`;
  const rootRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  const workbookXml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">${
    workbook.date1904 ? '<workbookPr date1904="1"/>' : ''
  }<sheets>${sheets
    .map(
      (s) =>
        `<sheet name="${escapeXml(s.name)}" sheetId="${s.id}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${s.id}"/>`,
    )
    .join('')}</sheets></workbook>`;
  const extraRels = [
    ...(workbook.sharedStringsXml
      ? [`<Relationship Id="rIdS" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/>`]
      : []),
    ...(workbook.stylesXml ? [`<Relationship Id="rIdY" Type="${REL_NS}/styles" Target="styles.xml"/>`] : []),
  ];
  const workbookRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL_NS}">${sheets
    .map(
      (s) =>
        `<Relationship Id="rId${s.id}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${s.id}.xml"/>`,
    )
    .join('')}${extraRels.join('')}</Relationships>`;
  return [
    { name: '[Content_Types].xml', data: contentTypes },
    { name: '_rels/.rels', data: rootRels },
    { name: 'xl/workbook.xml', data: workbookXml },
    { name: 'xl/_rels/workbook.xml.rels', data: workbookRels },
    ...sheets.map((s) => ({
      name: `xl/worksheets/sheet${s.id}.xml`,
      data: s.xml ?? sheetXmlFromRows(s.rows ?? []),
    })),
    ...(workbook.sharedStringsXml ? [{ name: 'xl/sharedStrings.xml', data: workbook.sharedStringsXml }] : []),
    ...(workbook.stylesXml ? [{ name: 'xl/styles.xml', data: workbook.stylesXml }] : []),
  ];
}

export function buildXlsx(workbook: TestWorkbook, options: BuildZipOptions = {}): Buffer {
  return buildZip(xlsxEntries(workbook), options);
}
