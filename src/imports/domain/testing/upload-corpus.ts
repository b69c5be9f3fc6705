import iconv from 'iconv-lite';
import {
  buildXlsx,
  buildZip,
  columnName,
  escapeXml,
  xlsxEntries,
  type TestWorkbook,
  type ZipWriteEntry,
} from './zip-writer.js';

// Uploads as bad luck and attackers make them, for the malformed-upload test (test/imports/malformed-uploads.e2e-spec.ts)
// and the benchmark's /health-latency step. Each case is a shape of its own: another kind of file under a
// spreadsheet's name, another part of a workbook missing or broken, another budget overrun, another code page.
// A case is either refused (a 4xx with a message, nothing written) or imported, with the supplier it must hold.
//
// The budgets are set low (CORPUS_BUDGETS) so that each bomb is small and quick; the default budgets are the
// same checks with larger numbers.

export const CORPUS_BUDGETS: Record<string, string> = {
  IMPORT_MAX_ROWS: '500',
  IMPORT_MAX_CELLS: '20000',
  IMPORT_MAX_SHARED_STRINGS: '2000',
  IMPORT_MAX_TEXT_CHARS: '100000',
  IMPORT_MAX_PART_MB: '1',
};

export interface CorpusCase {
  /** What the case is, unique in the corpus. */
  name: string;
  fileName: string;
  bytes: Buffer;
  /** Form fields sent with the file (e.g. a sheet that does not exist). */
  fields?: Record<string, string>;
  expect: { refused: true } | { imported: number; supplier: string };
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const HEADER = ['Vendor No.', 'Supplier name', 'Country', 'Sector'];

function sheet(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}"><sheetData>${body}</sheetData></worksheet>`;
}

function inlineRow(r: number, cells: string[]): string {
  return `<row r="${r}">${cells
    .map(
      (v, c) => `<c r="${String.fromCharCode(65 + c)}${r}" t="inlineStr"><is><t>${escapeXml(v)}</t></is></c>`,
    )
    .join('')}</row>`;
}

/** A small valid supplier list as a workbook, to break one part at a time; `tag` keeps its sites its own. */
function goodWorkbook(tag = ''): TestWorkbook {
  return {
    sheets: [
      {
        name: 'Suppliers',
        rows: [
          HEADER,
          ['V1', `Saigon Garment Co${tag}`, 'Viet Nam', 'garments'],
          ['V2', `Accra Cocoa Ltd${tag}`, 'Ghana', 'cocoa'],
        ],
      },
    ],
  };
}

function replacePart(
  entries: ZipWriteEntry[],
  name: string,
  data: string | Buffer | undefined,
): ZipWriteEntry[] {
  return data === undefined
    ? entries.filter((entry) => entry.name !== name)
    : entries.map((entry) => (entry.name === name ? { ...entry, data } : entry));
}

function csvText(rows: string[][], delimiter = ',', eol = '\r\n'): string {
  return rows.map((row) => row.join(delimiter)).join(eol) + eol;
}

const refused = { refused: true } as const;

/**
 * One part of a valid two-supplier workbook missing or broken at a time. The reader needs the workbook, its
 * relationships and the sheet; the package's content types and root relationships it can do without (a broken
 * one is read past, the workbook found where Excel puts it), so those files import whole.
 */
function brokenXlsxParts(): CorpusCase[] {
  const parts = [
    '[Content_Types].xml',
    '_rels/.rels',
    'xl/workbook.xml',
    'xl/_rels/workbook.xml.rels',
    'xl/worksheets/sheet1.xml',
    'xl/sharedStrings.xml',
    'xl/styles.xml',
  ];
  const corruptions: [string, string | Buffer | undefined][] = [
    ['missing', undefined],
    ['empty', ''],
    ['not XML', 'this is not xml at all'],
    ['cut off mid-tag', '<?xml version="1.0"?><root><unclosed'],
    ['binary noise', Buffer.from([0x00, 0xff, 0x13, 0x37, 0x00, 0x80, 0x7f, 0x00])],
    [
      'another document’s XML',
      `<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body>hello</body></html>`,
    ],
    ['declaring an encoding it is not in', '<?xml version="1.0" encoding="UTF-16"?><root/>'],
  ];
  // What the reader can do without: the package's content types; the root relationships and the styles when
  // absent or holding well-formed XML of something else (the workbook is then found where Excel puts it, dates
  // read as numbers). Broken XML in a part it reads is refused.
  const wellFormedOrAbsent = (how: string) =>
    how === 'missing' || how === 'another document’s XML' || how === 'declaring an encoding it is not in';
  const readPast = (part: string, how: string) =>
    (part === '[Content_Types].xml' && how !== 'missing') ||
    ((part === '_rels/.rels' || part === 'xl/styles.xml') && wellFormedOrAbsent(how));
  const cases: CorpusCase[] = [];
  for (const part of parts) {
    for (const [how, data] of corruptions) {
      const tag = ` ${part} ${how}`;
      cases.push({
        name: `xlsx with ${part} ${how}`,
        fileName: 'suppliers.xlsx',
        bytes: buildZip(replacePart(xlsxEntries(sharedStringWorkbook(tag)), part, data)),
        expect: readPast(part, how) ? { imported: 2, supplier: `Saigon Garment Co${tag}` } : refused,
      });
    }
  }
  return cases;
}

/** The same list with its texts in a shared-strings table and a styles part, as Excel writes it. */
function sharedStringWorkbook(tag: string): TestWorkbook {
  const texts = [
    ...HEADER,
    'V1',
    `Saigon Garment Co${tag}`,
    'Viet Nam',
    'garments',
    'V2',
    `Accra Cocoa Ltd${tag}`,
    'Ghana',
    'cocoa',
  ];
  const row = (r: number, from: number) =>
    `<row r="${r}">${[0, 1, 2, 3].map((c) => `<c r="${String.fromCharCode(65 + c)}${r}" t="s" s="0"><v>${from + c}</v></c>`).join('')}</row>`;
  return {
    sheets: [{ name: 'Suppliers', xml: sheet(row(1, 0) + row(2, 4) + row(3, 8)) }],
    sharedStringsXml: `<sst xmlns="${MAIN}" count="${texts.length}" uniqueCount="${texts.length}">${texts
      .map((t) => `<si><t>${escapeXml(t)}</t></si>`)
      .join('')}</sst>`,
    stylesXml: `<styleSheet xmlns="${MAIN}"><numFmts count="0"/><cellXfs count="1"><xf numFmtId="0"/></cellXfs></styleSheet>`,
  };
}

function budgetBombs(): CorpusCase[] {
  const many = (n: number, item: string) => item.repeat(n);
  const sst = (items: string) => `<sst xmlns="${MAIN}">${items}</sst>`;
  const withStrings = (items: string): Buffer =>
    buildXlsx({ ...goodWorkbook(), sharedStringsXml: sst(items) });
  const styledBlank = (rows: number, cols: number, from = 2) =>
    Array.from(
      { length: rows },
      (_, r) =>
        `<row r="${r + from}">${Array.from({ length: cols }, (_, c) => `<c r="${columnName(c)}${r + from}" s="0"/>`).join('')}</row>`,
    ).join('');
  const rows600 = Array.from({ length: 600 }, (_, i) => [`V${i}`, `Supplier ${i}`, 'Viet Nam', 'garments']);
  return [
    { name: 'shared strings: 5,000 empty <si/> entries', bytes: withStrings(many(5_000, '<si/>')) },
    {
      name: 'shared strings: 5,000 entries with empty text',
      bytes: withStrings(many(5_000, '<si><t/></si>')),
    },
    {
      name: 'shared strings: 5,000 rich-text entries',
      bytes: withStrings(many(5_000, '<si><r><t>x</t></r></si>')),
    },
    {
      name: 'shared strings: 5,000 phonetic-only entries',
      bytes: withStrings(many(5_000, '<si><rPh sb="0" eb="1"><t>ア</t></rPh></si>')),
    },
    {
      name: 'shared strings: 20 texts of 9,000 characters',
      bytes: withStrings(many(20, `<si><t>${'x'.repeat(9_000)}</t></si>`)),
    },
    {
      name: 'style bomb: 100 rows of 300 formatted empty cells below the header',
      bytes: buildXlsx({ sheets: [{ name: 'S', xml: sheet(inlineRow(1, HEADER) + styledBlank(100, 300)) }] }),
    },
    {
      name: 'style bomb: formatted empty cells before any header',
      bytes: buildXlsx({ sheets: [{ name: 'S', xml: sheet(styledBlank(200, 200, 1)) }] }),
    },
    {
      name: 'column bomb: a value in the last column Excel has (XFD)',
      bytes: buildXlsx({
        sheets: [
          {
            name: 'S',
            xml: sheet(
              `${inlineRow(1, HEADER)}<row r="2"><c r="XFD2" t="inlineStr"><is><t>x</t></is></c></row>`,
            ),
          },
        ],
      }),
    },
    {
      name: 'row bomb: 600 supplier rows in xlsx (limit 500)',
      bytes: buildXlsx({ sheets: [{ name: 'S', rows: [HEADER, ...rows600] }] }),
    },
    {
      name: 'row bomb: 600 supplier rows in csv (limit 500)',
      fileName: 'suppliers.csv',
      bytes: Buffer.from(csvText([HEADER, ...rows600])),
    },
    {
      name: 'part bomb: a sheet that unpacks to 1.5 MB (limit 1 MB)',
      bytes: buildXlsx({ sheets: [{ name: 'S', xml: sheet(inlineRow(1, HEADER) + ' '.repeat(1_500_000)) }] }),
    },
    {
      name: 'blank-line bomb: 30,000 empty lines after the header',
      fileName: 'suppliers.csv',
      bytes: Buffer.from(`${HEADER.join(',')}\n${'\n'.repeat(30_000)}`),
    },
    {
      name: 'blank-line bomb: 30,000 lines of separators only',
      fileName: 'suppliers.csv',
      bytes: Buffer.from(`${HEADER.join(',')}\n${',,,\n'.repeat(30_000)}`),
    },
    {
      name: 'blank-line bomb: 30,000 CR-only line breaks',
      fileName: 'suppliers.csv',
      bytes: Buffer.from(`${HEADER.join(',')}\r${'\r'.repeat(30_000)}`),
    },
    {
      name: 'wide bomb: 2,000 separators on one line',
      fileName: 'suppliers.csv',
      bytes: Buffer.from(`${HEADER.join(',')}\nV1,A,VN,garments${','.repeat(2_000)}x\n`),
    },
  ].map((c) => ({ fileName: 'suppliers.xlsx', expect: refused, ...c }));
}

/** Other kinds of file under a spreadsheet's name: each by its own magic bytes. */
function otherFormats(): CorpusCase[] {
  const kinds: [string, Buffer][] = [
    [
      'a PDF',
      Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n'),
    ],
    [
      'a PNG image',
      Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]),
    ],
    ['a JPEG image', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 2)])],
    ['a GIF image', Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(64, 3)])],
    ['a gzip archive', Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), Buffer.alloc(64, 4)])],
    [
      'a 7-zip archive',
      Buffer.concat([Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]), Buffer.alloc(64, 5)]),
    ],
    ['a RAR archive', Buffer.concat([Buffer.from('Rar!\x1a\x07\x00', 'latin1'), Buffer.alloc(64, 6)])],
    [
      'an OLE document (legacy Office)',
      Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512, 0)]),
    ],
    [
      'a Word document',
      buildZip([
        { name: '[Content_Types].xml', data: '<Types/>' },
        { name: 'word/document.xml', data: '<w:document/>' },
      ]),
    ],
    [
      'a PowerPoint deck',
      buildZip([
        { name: '[Content_Types].xml', data: '<Types/>' },
        { name: 'ppt/presentation.xml', data: '<p:presentation/>' },
      ]),
    ],
    [
      'an OpenDocument text',
      buildZip([
        { name: 'mimetype', data: 'application/vnd.oasis.opendocument.text', store: true },
        { name: 'content.xml', data: '<office:document-content/>' },
      ]),
    ],
    [
      'an Excel binary workbook (.xlsb)',
      buildZip([
        { name: '[Content_Types].xml', data: '<Types/>' },
        { name: 'xl/workbook.bin', data: Buffer.alloc(32, 7) },
      ]),
    ],
    ['an Apple Numbers file', buildZip([{ name: 'Index/Document.iwa', data: Buffer.alloc(32, 8) }])],
    ['a JSON document', Buffer.from('{"suppliers":[{"name":"Saigon Garment Co","country":"VN"}]}')],
    ['an RTF document', Buffer.from('{\\rtf1\\ansi Supplier name\\par Saigon Garment Co}')],
    [
      'an XML Spreadsheet 2003',
      Buffer.from(
        `<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="S"/></Workbook>`,
      ),
    ],
    ['a Windows executable', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(128, 0)])],
    ['an ELF binary', Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.alloc(64, 0)])],
    ['a SQLite database', Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(84, 0)])],
    ['an empty zip archive', buildZip([])],
    [
      'a zip holding a csv',
      buildZip([{ name: 'suppliers.csv', data: `${HEADER.join(',')}\nV1,A,Viet Nam,garments\n` }]),
    ],
    [
      'a tar archive',
      Buffer.concat([
        Buffer.from('suppliers.csv'.padEnd(257, '\0')),
        Buffer.from('ustar\0'),
        Buffer.alloc(250, 0),
      ]),
    ],
    ['a bzip2 file', Buffer.concat([Buffer.from('BZh91AY&SY'), Buffer.alloc(64, 9)])],
    [
      'an MP4 video',
      Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42'), Buffer.alloc(64, 0)]),
    ],
    [
      'a WebP image',
      Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4, 0), Buffer.from('WEBPVP8 '), Buffer.alloc(64, 1)]),
    ],
    ['a TIFF image', Buffer.concat([Buffer.from([0x49, 0x49, 0x2a, 0x00]), Buffer.alloc(64, 0)])],
    ['a BMP image', Buffer.concat([Buffer.from('BM'), Buffer.alloc(64, 0)])],
    ['a WOFF font', Buffer.concat([Buffer.from('wOFF'), Buffer.alloc(64, 0)])],
    [
      'a PostScript file',
      Buffer.from('%!PS-Adobe-3.0\n/Helvetica findfont 12 scalefont setfont\nshowpage\n'),
    ],
    [
      'an e-mail message',
      Buffer.from(
        'From: buyer@example.com\nTo: supplier@example.com\nSubject: supplier list\n\nPlease find attached.\n',
      ),
    ],
    ['a vCard', Buffer.from('BEGIN:VCARD\nVERSION:3.0\nFN:Saigon Garment Co\nEND:VCARD\n')],
    [
      'a calendar file',
      Buffer.from(
        'BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nSUMMARY:Audit visit\nEND:VEVENT\nEND:VCALENDAR\n',
      ),
    ],
    ['a YAML document', Buffer.from('suppliers:\n  - name: Saigon Garment Co\n    country: VN\n')],
    ['a shell script', Buffer.from('#!/bin/sh\nrm -rf / --no-preserve-root\n')],
    ['a Python pickle', Buffer.from([0x80, 0x04, 0x95, 0x10, 0, 0, 0, 0, 0, 0, 0, 0x7d, 0x94, 0x2e])],
  ];
  return kinds.flatMap(([kind, bytes]) => [
    { name: `${kind} named .xlsx`, fileName: 'suppliers.xlsx', bytes, expect: refused },
    { name: `${kind} named .csv`, fileName: 'suppliers.csv', bytes, expect: refused },
  ]);
}

function zipTricks(): CorpusCase[] {
  const good = xlsxEntries(goodWorkbook());
  const cases: [string, Buffer][] = [
    [
      'a sheet whose CRC does not match its bytes',
      buildZip(good.map((e) => (e.name.endsWith('sheet1.xml') ? { ...e, declaredCrc: 0x12345678 } : e))),
    ],
    [
      'a sheet that declares a smaller size than it holds',
      buildZip(good.map((e) => (e.name.endsWith('sheet1.xml') ? { ...e, declaredSize: 10 } : e))),
    ],
    [
      'two parts sharing one compressed block',
      buildZip([...good, { name: 'xl/media/a.bin', data: 'x'.repeat(10), sameDataAs: 0 }]),
    ],
    [
      '10,001 parts',
      buildZip([...good, ...Array.from({ length: 10_001 }, (_, i) => ({ name: `junk/${i}.txt`, data: '' }))]),
    ],
    [
      'the same part twice',
      buildZip([...good, good.find((e) => e.name === 'xl/workbook.xml') as ZipWriteEntry]),
    ],
    ['a zip64 directory that lies about its entries', buildZip(good, { zip64: true }).subarray(0, -30)],
    ['a zip cut inside its directory', buildZip(good).subarray(0, -10)],
    [
      'a zip with its directory signature damaged',
      (() => {
        const b = buildZip(good);
        b.writeUInt32LE(0, b.length - 22);
        return b;
      })(),
    ],
  ];
  return [
    ...cases.map(([name, bytes]): CorpusCase => ({
      name,
      fileName: 'suppliers.xlsx',
      bytes,
      expect: refused,
    })),
    // Parts no reader opens: named to climb out of the archive or from the root. Nothing is ever written from an
    // archive, so the workbook imports and the names are never used as paths.
    ...[
      ['a part named with ../ to climb out of the archive', '../../etc/passwd'],
      ['a part named with an absolute path', '/etc/shadow'],
    ].map(([name, part]): CorpusCase => ({
      name: name ?? '',
      fileName: 'suppliers.xlsx',
      bytes: buildZip([...xlsxEntries(goodWorkbook(` ${part}`)), { name: part ?? '', data: 'x' }]),
      expect: { imported: 2, supplier: `Saigon Garment Co ${part}` },
    })),
  ];
}

function xmlTricks(): CorpusCase[] {
  const withSheet = (xml: string) => buildXlsx({ sheets: [{ name: 'Suppliers', xml }] });
  const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>`;
  const cases: [string, Buffer][] = [
    [
      'entity expansion (billion laughs) in a sheet',
      withSheet(
        `${laughs}<worksheet xmlns="${MAIN}"><sheetData>${inlineRow(1, HEADER)}<row r="2"><c r="B2" t="inlineStr"><is><t>&lol3;</t></is></c></row></sheetData></worksheet>`,
      ),
    ],
    [
      'an external entity (XXE) in a sheet',
      withSheet(
        `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><worksheet xmlns="${MAIN}"><sheetData>${inlineRow(1, HEADER)}<row r="2"><c r="B2" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>`,
      ),
    ],
    [
      'a sheet nesting rows 10,000 deep',
      withSheet(`<worksheet xmlns="${MAIN}"><sheetData>${'<row>'.repeat(10_000)}</sheetData></worksheet>`),
    ],
    [
      'a sheet whose cells point at shared strings that do not exist',
      withSheet(
        sheet(
          `${inlineRow(1, HEADER)}<row r="2"><c r="B2" t="s"><v>99</v></c><c r="C2" t="s"><v>100</v></c></row>`,
        ),
      ),
    ],
    ['a sheet with a row tag cut in half', withSheet(sheet(`<row r="3">${inlineRow(1, HEADER).slice(9)}`))],
    [
      'a sheet in UTF-16 without its byte-order mark',
      withSheet(Buffer.from(sheet(inlineRow(1, HEADER)), 'utf16le').toString('latin1')),
    ],
    [
      'a workbook with only chart sheets',
      buildZip(
        replacePart(
          xlsxEntries(goodWorkbook()),
          'xl/_rels/workbook.xml.rels',
          `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet" Target="worksheets/sheet1.xml"/></Relationships>`,
        ),
      ),
    ],
    [
      'a workbook pointing its sheet outside the archive',
      buildZip(
        replacePart(
          xlsxEntries(goodWorkbook()),
          'xl/_rels/workbook.xml.rels',
          `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="../../../etc/passwd"/></Relationships>`,
        ),
      ),
    ],
  ];
  return cases.map(([name, bytes]) => ({ name, fileName: 'suppliers.xlsx', bytes, expect: refused }));
}

function csvTricks(): CorpusCase[] {
  const cases: [string, string | Buffer][] = [
    ['a csv of blank lines only', '\n\n\n\n\n'],
    ['a csv with a header and no rows', `${HEADER.join(',')}\n`],
    ['a csv without any known column title', 'a,b,c\n1,2,3\n4,5,6\n'],
    [
      'a csv whose quote opens on row 3 and never closes',
      `${HEADER.join(',')}\nV1,A,VN,garments\nV2,"B,VN,garments\nV3,C,VN,garments\n`,
    ],
    ['a csv with a 1.5 MB line', `${HEADER.join(',')}\nV1,${'y'.repeat(1_500_000)},VN,garments\n`],
    ['a csv with a NUL byte in every field', Buffer.from(`Supplier\0name,Country\0\nA\0,VN\0\n`)],
    ['a csv that is one long line without breaks', `${HEADER.join(',')},${'x,'.repeat(3_000)}`],
    ['a csv with a cell of 40,000 characters', `${HEADER.join(',')}\nV1,${'z'.repeat(40_000)},VN,garments\n`],
    [
      'a csv declaring UTF-16 but holding UTF-8',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${HEADER.join(',')}\nV1,A,VN,garments\n`)]),
    ],
    ['a csv of a single byte', Buffer.from([0x41])],
    ['a zero-byte file', Buffer.alloc(0)],
    [
      'an HTML page saved as csv',
      '<!DOCTYPE html><html><body><table><tr><td>Supplier name</td></tr></table></body></html>',
    ],
    ['a csv holding nothing but a byte-order mark', Buffer.from([0xef, 0xbb, 0xbf])],
    ['a csv of one header cell and 3,000 columns of data', `Supplier name\n${'x,'.repeat(3_000)}\n`],
    [
      'a csv whose every line is one quoted field with embedded line breaks',
      `"${HEADER.join('\n')}"\n"${'a\nb\n'.repeat(50)}"\n`,
    ],
    ['a csv with a quote opened in its header', `"Supplier name,Country\nA,VN\n`],
    [
      'a UTF-16 csv cut in the middle of a character',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('S\0u\0p\0', 'latin1'), Buffer.from([0x70])]),
    ],
  ];
  return cases.map(([name, data]) => ({
    name,
    fileName: 'suppliers.csv',
    bytes: typeof data === 'string' ? Buffer.from(data) : data,
    expect: refused,
  }));
}

/** Valid lists in the shapes real exports take: each must import, with its supplier's name intact. */
function oddButValid(): CorpusCase[] {
  const rows = (name: string) => [
    HEADER,
    [`V-${name.length}-${name.codePointAt(0) ?? 0}`, name, 'Viet Nam', 'garments'],
  ];
  const encoded: [string, string, string, string, string][] = [
    ['gb18030', '深圳市华强电子有限公司', 'Simplified Chinese (GBK)', '东莞纺织制衣厂', '浙江茶叶合作社'],
    ['big5', '鴻海精密工業股份有限公司', 'Traditional Chinese (Big5)', '南亞塑膠工業', '台灣紡織'],
    ['shift_jis', '株式会社東京繊維', 'Japanese (Shift-JIS)', '大阪電子工業株式会社', 'ナカムラ農園'],
    ['euc-kr', '서울섬유 주식회사', 'Korean (EUC-KR)', '부산수산', '대구방직'],
    [
      'windows-1250',
      'Łódzkie Zakłady Włókiennicze',
      'Central European (Windows-1250)',
      'Česká Textilní',
      'Győri Keksz',
    ],
    ['windows-1251', 'Ивановские Ткани', 'Cyrillic (Windows-1251)', 'Сибирский Лес', 'Текстиль Москва'],
    ['windows-1252', 'Müller Garn GmbH', 'Western European (Windows-1252)', 'Textil Peñalver', 'Bræk Fisk'],
  ];
  // Three rows each, as even a short list has: the code page is told by its text, and one name is little text.
  const cases: CorpusCase[] = encoded.map(([encoding, name, label, second, third]): CorpusCase => ({
    name: `a csv in ${label}`,
    fileName: 'suppliers.csv',
    bytes: iconv.encode(
      csvText([...rows(name), ['S2', second, 'Viet Nam', 'garments'], ['S3', third, 'Viet Nam', 'garments']]),
      encoding,
    ),
    expect: { imported: 3, supplier: name },
  }));
  const plain: [string, Buffer, string][] = [
    [
      'a csv in UTF-16 LE with its byte-order mark, tab-separated',
      Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        iconv.encode(csvText(rows('Tab Unicode Textiles'), '\t'), 'utf16-le'),
      ]),
      'Tab Unicode Textiles',
    ],
    [
      'a csv in UTF-16 BE with its byte-order mark',
      Buffer.concat([
        Buffer.from([0xfe, 0xff]),
        iconv.encode(csvText(rows('Big Endian Weaving')), 'utf16-be'),
      ]),
      'Big Endian Weaving',
    ],
    [
      'a csv in UTF-8 with a byte-order mark, semicolon-separated',
      Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from(csvText(rows('Société Générale Textile'), ';')),
      ]),
      'Société Générale Textile',
    ],
    [
      'a csv with Excel’s sep= line',
      Buffer.from(`sep=|\r\n${csvText(rows('Pipe Separated Knits'), '|')}`),
      'Pipe Separated Knits',
    ],
    [
      'a csv with old Mac line breaks (CR only)',
      Buffer.from(csvText(rows('Carriage Return Dyeing'), ',', '\r')),
      'Carriage Return Dyeing',
    ],
    [
      'a csv under two title lines',
      Buffer.from(`Supplier list Q3\r\nExported 2026-10-01\r\n${csvText(rows('Banner Row Apparel'))}`),
      'Banner Row Apparel',
    ],
  ];
  for (const [name, bytes, supplier] of plain) {
    cases.push({ name, fileName: 'suppliers.csv', bytes, expect: { imported: 1, supplier } });
  }
  cases.push({
    name: 'an xlsx named .csv',
    fileName: 'suppliers.csv',
    bytes: buildXlsx({ sheets: [{ name: 'S', rows: rows('Misnamed Workbook Ltd') }] }),
    expect: { imported: 1, supplier: 'Misnamed Workbook Ltd' },
  });
  cases.push({
    name: 'an xlsx with a hidden sheet of lookups before the list',
    fileName: 'suppliers.xlsx',
    bytes: buildXlsx({
      sheets: [
        { name: 'Lists', rows: [['Countries'], ['Viet Nam']], state: 'hidden' },
        { name: 'Suppliers', rows: rows('Second Sheet Garments') },
      ],
    }),
    expect: { imported: 1, supplier: 'Second Sheet Garments' },
  });
  cases.push({
    name: 'an xlsx with 200 empty <si/> entries under the budget',
    fileName: 'suppliers.xlsx',
    bytes: buildXlsx({
      sheets: [
        {
          name: 'S',
          xml: sheet(
            `${inlineRow(1, HEADER)}${inlineRow(2, ['WB1', 'Within Budget Co', 'Viet Nam', 'garments'])}`,
          ),
        },
      ],
      sharedStringsXml: `<sst xmlns="${MAIN}">${'<si/>'.repeat(200)}</sst>`,
    }),
    expect: { imported: 1, supplier: 'Within Budget Co' },
  });
  return cases;
}

function formFieldTricks(): CorpusCase[] {
  const bytes = buildXlsx(goodWorkbook());
  const cases: { name: string; fields: Record<string, string> }[] = [
    { name: 'a sheet asked for that the workbook does not have', fields: { sheet: 'Nope' } },
    { name: 'a mapping that is not JSON', fields: { mapping: '{not json' } },
    {
      name: 'a mapping to a field that does not exist',
      fields: { mapping: JSON.stringify({ 'Supplier name': 'favouriteColour' }) },
    },
    {
      name: 'a mapping that leaves out the supplier name',
      fields: { mapping: JSON.stringify({ 'Supplier name': 'ignore' }) },
    },
    { name: 'a list name of 10,000 characters', fields: { list: 'L'.repeat(10_000) } },
  ];
  return cases.map((c) => ({ ...c, fileName: 'suppliers.xlsx', bytes, expect: refused }));
}

/** Every case, names unique. */
export function uploadCorpus(existing: CorpusCase[] = []): CorpusCase[] {
  const cases = [
    ...existing,
    ...brokenXlsxParts(),
    ...budgetBombs(),
    ...otherFormats(),
    ...zipTricks(),
    ...xmlTricks(),
    ...csvTricks(),
    ...oddButValid(),
    ...formFieldTricks(),
  ];
  const names = new Set<string>();
  for (const c of cases) {
    if (names.has(c.name)) {
      throw new Error(`corpus case named twice: ${c.name}`);
    }
    names.add(c.name);
  }
  return cases;
}
