import { afterAll, describe, expect, it } from '@jest/globals';
import { ImportError } from './import-error.js';
import { buildZip, xlsxEntries, type ZipWriteEntry } from './testing/zip-writer.js';
import { fixture, tempFolder } from './testing/temp-files.js';
import { openZipEntry, readZipDirectory, type ZipDirectory } from './zip-archive.js';
import { checkZipDirectory, DEFAULT_ZIP_LIMITS, guardZip, type ZipLimits } from './zip-guard.js';

const temp = tempFolder();
afterAll(() => temp.remove());

const MB = 1024 * 1024;

function makeEntries(overrides: Partial<ZipWriteEntry>[] = []): ZipWriteEntry[] {
  const base = xlsxEntries({
    sheets: [
      {
        name: 'Suppliers',
        rows: [
          ['Supplier name', 'Country'],
          ['Müller Garn', 'DE'],
        ],
      },
    ],
  });
  return [...base, ...overrides.map((o, i) => ({ name: `extra/${i}.bin`, data: 'x', ...o }))];
}

function limits(overrides: Partial<ZipLimits>): ZipLimits {
  return { ...DEFAULT_ZIP_LIMITS, ...overrides };
}

async function caught(promise: Promise<unknown>): Promise<ImportError> {
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

async function readAll(directory: ZipDirectory, name: string): Promise<Buffer> {
  const entry = directory.entries.find((candidate) => candidate.name === name);
  if (!entry) {
    throw new Error(`no entry ${name}`);
  }
  const chunks: Buffer[] = [];
  for await (const chunk of await openZipEntry(directory, entry)) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

describe(guardZip.name, () => {
  it('accepts an ordinary workbook and returns its directory', async () => {
    const path = temp.write('ok.xlsx', buildZip(makeEntries()));

    const directory = await guardZip(path);

    expect(directory.entries.map((entry) => entry.name)).toContain('xl/worksheets/sheet1.xml');
  });

  it('refuses more entries than allowed before reading the directory', async () => {
    const entries = makeEntries(Array.from({ length: 20 }, () => ({})));
    const path = temp.write('many.xlsx', buildZip(entries));

    const error = await caught(guardZip(path, limits({ maxEntries: 10 })));

    expect(error.code).toBe('ZIP_BOMB');
    expect(error.details).toMatchObject({ limit: 10, actual: entries.length });
  });

  it('refuses a total declared size over the limit', async () => {
    const path = temp.write('big.xlsx', buildZip(makeEntries([{ data: Buffer.alloc(3 * MB, 0x41) }])));

    const error = await caught(
      guardZip(path, limits({ maxUncompressedBytes: 2 * MB, maxCompressionRatio: 10_000 })),
    );

    expect(error.code).toBe('ZIP_BOMB');
    expect(error.message).toMatch(/would unpack to 3\.0 MiB; at most 2\.0 MiB/);
  });

  it('refuses one part over the per-part limit, naming it', async () => {
    const path = temp.write(
      'big-part.xlsx',
      buildZip(makeEntries([{ name: 'xl/sharedStrings.xml', data: Buffer.alloc(3 * MB, 0x41) }])),
    );

    const error = await caught(
      guardZip(path, limits({ maxEntryBytes: 2 * MB, maxCompressionRatio: 10_000 })),
    );

    expect(error.code).toBe('ZIP_BOMB');
    expect(error.details).toMatchObject({ entry: 'xl/sharedStrings.xml', limit: 2 * MB, actual: 3 * MB });
    expect(error.message).toMatch(
      /"xl\/sharedStrings.xml" would unpack to 3\.0 MiB; at most 2\.0 MiB .*IMPORT_MAX_PART_MB/,
    );
  });

  it('refuses an entry compressed beyond the ratio limit', async () => {
    const path = temp.write(
      'ratio.xlsx',
      buildZip(makeEntries([{ name: 'xl/media/blob.bin', data: Buffer.alloc(4 * MB, 0x20) }])),
    );

    const error = await caught(guardZip(path));

    expect(error.code).toBe('ZIP_BOMB');
    expect(error.details.entry).toBe('xl/media/blob.bin');
    expect(error.details.actual).toBeGreaterThan(200);
  });

  it('does not ratio-check small entries, which compress oddly and cannot do harm', async () => {
    const path = temp.write('small.xlsx', buildZip(makeEntries([{ data: Buffer.alloc(512 * 1024, 0x20) }])));

    await expect(guardZip(path)).resolves.toBeDefined();
  });

  it('refuses entries that share their compressed bytes (overlapping zip bomb)', async () => {
    const entries = makeEntries([{ name: 'a.bin', data: Buffer.alloc(1000, 0x41) }]);
    entries.push({ name: 'b.bin', data: '', sameDataAs: entries.length - 1 });
    const path = temp.write('overlap.xlsx', buildZip(entries));

    const error = await caught(guardZip(path));

    expect(error.code).toBe('ZIP_BOMB');
    expect(error.message).toMatch(/share the same bytes/);
  });

  it('refuses the same part name twice', async () => {
    const entries = makeEntries([{ name: 'xl/workbook.xml', data: '<workbook/>' }]);
    const path = temp.write('twice.xlsx', buildZip(entries));

    const error = await caught(guardZip(path));

    expect(error.code).toBe('CORRUPT_FILE');
    expect(error.message).toMatch(/"xl\/workbook\.xml" twice/);
  });

  it.each([
    ['zip-bomb-ratio.xlsx', /compressed \d+ to 1/],
    ['zip-bomb-overlap.xlsx', /would unpack to 1\.2 GiB/],
  ])('refuses the committed fixture %s', async (name, message) => {
    const error = await caught(guardZip(fixture(`broken/${name}`)));

    expect(error.code).toBe('ZIP_BOMB');
    expect(error.message).toMatch(message);
  });
});

describe(checkZipDirectory.name, () => {
  it('checks declared sizes only: a directory of plain numbers can be judged without any file', () => {
    const directory: ZipDirectory = {
      path: '/nowhere',
      fileSize: 1000,
      declaredEntryCount: 1,
      centralDirectoryOffset: 900,
      entries: [
        {
          name: 'x',
          method: 8,
          flags: 0,
          crc32: 0,
          compressedSize: 800,
          uncompressedSize: 5 * 1024 ** 3,
          localHeaderOffset: 0,
        },
      ],
    };

    expect(() => checkZipDirectory(directory)).toThrow(ImportError);
  });
});

describe(readZipDirectory.name, () => {
  it('reads a zip64 archive (saturated 32-bit fields, zip64 extra fields and end records)', async () => {
    const path = temp.write(
      'zip64.xlsx',
      buildZip(makeEntries([{ name: 'note.txt', data: 'hello' }]), { zip64: true }),
    );

    const directory = await readZipDirectory(path);

    expect(directory.entries.find((entry) => entry.name === 'note.txt')).toMatchObject({
      uncompressedSize: 5,
    });
    expect((await readAll(directory, 'note.txt')).toString()).toBe('hello');
  });

  it('refuses a truncated workbook: the directory at the end is missing', async () => {
    const error = await caught(readZipDirectory(fixture('broken/truncated.xlsx')));

    expect(error.code).toBe('CORRUPT_FILE');
    expect(error.message).toMatch(/cut off during download or upload/);
  });

  it('refuses a directory that points outside the file', async () => {
    const bytes = buildZip(makeEntries());
    bytes.writeUInt32LE(bytes.length * 2, bytes.length - 6);
    const path = temp.write('outside.xlsx', bytes);

    await expect(readZipDirectory(path)).rejects.toMatchObject({ code: 'CORRUPT_FILE' });
  });
});

describe(openZipEntry.name, () => {
  it('inflates an entry with multi-byte text intact', async () => {
    const text = 'Công ty TNHH Dệt may Việt Thắng, 纺织有限公司, বাংলা '.repeat(5000);
    const path = temp.write('text.zip', buildZip([{ name: 't.txt', data: text }]));

    const directory = await readZipDirectory(path);

    expect((await readAll(directory, 't.txt')).toString('utf8')).toBe(text);
  });

  it('reads stored (uncompressed) entries', async () => {
    const path = temp.write(
      'stored.zip',
      buildZip([{ name: 'mimetype', data: 'application/zip', store: true }]),
    );

    const directory = await readZipDirectory(path);

    expect((await readAll(directory, 'mimetype')).toString()).toBe('application/zip');
  });

  it('stops a part that inflates to more than its header declares (lying sizes)', async () => {
    const path = temp.write(
      'lying.zip',
      buildZip([{ name: 'big.xml', data: Buffer.alloc(5 * MB, 0x20), declaredSize: 2048 }]),
    );
    const directory = await readZipDirectory(path);

    const error = await caught(readAll(directory, 'big.xml'));

    expect(error.code).toBe('ZIP_BOMB');
    expect(error.details).toMatchObject({ entry: 'big.xml', limit: 2048 });
  });

  it('reports a part shorter than declared as damaged', async () => {
    const path = temp.write('short.zip', buildZip([{ name: 'a.txt', data: 'abc', declaredSize: 10 }]));
    const directory = await readZipDirectory(path);

    await expect(readAll(directory, 'a.txt')).rejects.toMatchObject({ code: 'CORRUPT_FILE' });
  });

  it('reports a checksum mismatch as damaged', async () => {
    const bytes = buildZip([{ name: 'a.txt', data: 'abcdef', store: true }]);
    bytes[30 + 'a.txt'.length] = 0x7a; // first data byte: "a" becomes "z"
    const path = temp.write('crc.zip', bytes);
    const directory = await readZipDirectory(path);

    const error = await caught(readAll(directory, 'a.txt'));

    expect(error.code).toBe('CORRUPT_FILE');
    expect(error.message).toMatch(/checksum/);
  });

  it('reports garbage where deflated data should be as damaged, as an ImportError', async () => {
    const bytes = buildZip([{ name: 'a.txt', data: 'hello world '.repeat(100) }]);
    bytes.fill(0xff, 30 + 5, 30 + 5 + 8);
    const path = temp.write('garbage.zip', bytes);
    const directory = await readZipDirectory(path);

    await expect(readAll(directory, 'a.txt')).rejects.toMatchObject({ code: 'CORRUPT_FILE' });
  });
});
