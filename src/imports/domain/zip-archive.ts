import { open, type FileHandle } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { createInflateRaw, crc32 } from 'node:zlib';
import { ImportError } from './import-error.js';

// A minimal zip reader working from the central directory: it lets the guard look at every entry's declared
// sizes before anything is inflated, and lets the xlsx reader open one entry at a time (random access, no temp
// files). Only what xlsx needs: stored and deflated entries, zip64 sizes, one disk.

const EOCD_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;
const LOCAL_HEADER_SIZE = 30;

export const ZIP_METHOD_STORED = 0;
export const ZIP_METHOD_DEFLATED = 8;

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

export interface ZipDirectory {
  path: string;
  fileSize: number;
  /** Entry count as the end-of-central-directory record declares it (checked before the directory is read). */
  declaredEntryCount: number;
  centralDirectoryOffset: number;
  entries: ZipEntry[];
}

function corrupt(reason: string, entry?: string): ImportError {
  return new ImportError(
    'CORRUPT_FILE',
    `The workbook is damaged or incomplete (${reason}). It may have been cut off during download or upload. ` +
      'Open it in Excel, save it again as .xlsx (Excel Workbook) and upload the new file.',
    { detectedFormat: 'zip', ...(entry === undefined ? {} : { entry }) },
  );
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await handle.read(buffer, filled, length - filled, position + filled);
    if (bytesRead === 0) {
      break;
    }
    filled += bytesRead;
  }
  return filled === length ? buffer : buffer.subarray(0, filled);
}

interface EndRecord {
  entryCount: number;
  centralSize: number;
  centralOffset: number;
  eocdOffset: number;
}

async function readEndRecord(handle: FileHandle, fileSize: number): Promise<EndRecord> {
  const tailLength = Math.min(fileSize, EOCD_SIZE + MAX_COMMENT);
  const tailStart = fileSize - tailLength;
  const tail = await readAt(handle, tailStart, tailLength);
  let at = -1;
  for (let i = tail.length - EOCD_SIZE; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD_SIGNATURE && i + EOCD_SIZE + tail.readUInt16LE(i + 20) <= tail.length) {
      at = i;
      break;
    }
  }
  if (at < 0) {
    throw corrupt('the zip directory at the end of the file is missing');
  }
  const disk = tail.readUInt16LE(at + 4);
  const centralDisk = tail.readUInt16LE(at + 6);
  let entryCount = tail.readUInt16LE(at + 10);
  let centralSize = tail.readUInt32LE(at + 12);
  let centralOffset = tail.readUInt32LE(at + 16);
  const eocdOffset = tailStart + at;
  const needsZip64 = entryCount === 0xffff || centralSize === 0xffffffff || centralOffset === 0xffffffff;
  if (needsZip64 && eocdOffset >= 20) {
    const locator = await readAt(handle, eocdOffset - 20, 20);
    if (locator.readUInt32LE(0) === ZIP64_LOCATOR_SIGNATURE) {
      const zip64Offset = Number(locator.readBigUInt64LE(8));
      const record = await readAt(handle, zip64Offset, 56);
      if (record.length < 56 || record.readUInt32LE(0) !== ZIP64_EOCD_SIGNATURE) {
        throw corrupt('the zip64 directory record is missing');
      }
      entryCount = Number(record.readBigUInt64LE(32));
      centralSize = Number(record.readBigUInt64LE(40));
      centralOffset = Number(record.readBigUInt64LE(48));
    }
  } else if (disk !== 0 || centralDisk !== 0) {
    throw corrupt('it is one part of a multi-part zip archive');
  }
  if (centralOffset + centralSize > eocdOffset) {
    throw corrupt('the zip directory points outside the file');
  }
  return { entryCount, centralSize, centralOffset, eocdOffset };
}

function parseCentralDirectory(buffer: Buffer, expected: number): ZipEntry[] {
  const entries: ZipEntry[] = [];
  let at = 0;
  while (at + 46 <= buffer.length && entries.length < expected) {
    if (buffer.readUInt32LE(at) !== CENTRAL_SIGNATURE) {
      throw corrupt('a zip directory record is damaged');
    }
    const flags = buffer.readUInt16LE(at + 8);
    const method = buffer.readUInt16LE(at + 10);
    const crc = buffer.readUInt32LE(at + 16);
    let compressedSize = buffer.readUInt32LE(at + 20);
    let uncompressedSize = buffer.readUInt32LE(at + 24);
    const nameLength = buffer.readUInt16LE(at + 28);
    const extraLength = buffer.readUInt16LE(at + 30);
    const commentLength = buffer.readUInt16LE(at + 32);
    let localHeaderOffset = buffer.readUInt32LE(at + 42);
    const nameStart = at + 46;
    const extraStart = nameStart + nameLength;
    const next = extraStart + extraLength + commentLength;
    if (next > buffer.length) {
      throw corrupt('a zip directory record is cut short');
    }
    // Bit 11 marks UTF-8 names; otherwise CP437, which for the ASCII names of xlsx parts reads the same as latin1.
    const name = buffer
      .toString(flags & 0x800 ? 'utf8' : 'latin1', nameStart, extraStart)
      .replace(/\\/g, '/');
    // Zip64 extended information: the 64-bit values follow in a fixed order, only for fields saturated above.
    let extraAt = extraStart;
    while (extraAt + 4 <= extraStart + extraLength) {
      const id = buffer.readUInt16LE(extraAt);
      const size = buffer.readUInt16LE(extraAt + 2);
      if (id === 0x0001) {
        let field = extraAt + 4;
        const end = field + size;
        if (uncompressedSize === 0xffffffff && field + 8 <= end) {
          uncompressedSize = Number(buffer.readBigUInt64LE(field));
          field += 8;
        }
        if (compressedSize === 0xffffffff && field + 8 <= end) {
          compressedSize = Number(buffer.readBigUInt64LE(field));
          field += 8;
        }
        if (localHeaderOffset === 0xffffffff && field + 8 <= end) {
          localHeaderOffset = Number(buffer.readBigUInt64LE(field));
        }
      }
      extraAt += 4 + size;
    }
    entries.push({ name, method, flags, crc32: crc, compressedSize, uncompressedSize, localHeaderOffset });
    at = next;
  }
  if (entries.length !== expected) {
    throw corrupt(`the zip directory lists ${entries.length} of ${expected} entries`);
  }
  return entries;
}

export interface ReadZipDirectoryOptions {
  /** Refuse before reading the directory when the archive declares more entries than this. */
  maxEntries?: number;
}

/** Reads the end record and the central directory. Throws CORRUPT_FILE when the file is not a complete zip. */
export async function readZipDirectory(
  path: string,
  options: ReadZipDirectoryOptions = {},
): Promise<ZipDirectory> {
  const handle = await open(path, 'r');
  try {
    const { size: fileSize } = await handle.stat();
    const end = await readEndRecord(handle, fileSize);
    if (options.maxEntries !== undefined && end.entryCount > options.maxEntries) {
      throw new ImportError(
        'ZIP_BOMB',
        `The workbook contains ${end.entryCount} internal parts; at most ${options.maxEntries} are accepted. ` +
          'A real supplier list has far fewer: save it again from Excel as .xlsx, or upload it as csv.',
        { detectedFormat: 'zip', limit: options.maxEntries, actual: end.entryCount },
      );
    }
    const central = await readAt(handle, end.centralOffset, end.centralSize);
    if (central.length < end.centralSize) {
      throw corrupt('the zip directory is cut short');
    }
    const entries = parseCentralDirectory(central, end.entryCount);
    return {
      path,
      fileSize,
      declaredEntryCount: end.entryCount,
      centralDirectoryOffset: end.centralOffset,
      entries,
    };
  } finally {
    await handle.close();
  }
}

/** Finds an entry by name, ignoring a leading slash and (as a fallback) letter case. */
export function findEntry(directory: ZipDirectory, name: string): ZipEntry | undefined {
  const wanted = name.replace(/^\/+/, '');
  const exact = directory.entries.find((entry) => entry.name === wanted);
  if (exact) {
    return exact;
  }
  const lower = wanted.toLowerCase();
  return directory.entries.find((entry) => entry.name.toLowerCase() === lower);
}

/** Counts what really comes out of the inflater: a lying size field cannot make us inflate more than declared. */
class EntryCheck extends Transform {
  private bytes = 0;
  private crc = 0;

  constructor(
    private readonly entry: ZipEntry,
    private readonly verifyEnd: boolean,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.entry.uncompressedSize) {
      callback(
        new ImportError(
          'ZIP_BOMB',
          `The workbook part "${this.entry.name}" unpacks to more data than its header declares ` +
            `(${this.entry.uncompressedSize} bytes). Files built to look small but unpack to huge sizes are refused.`,
          { detectedFormat: 'zip', entry: this.entry.name, limit: this.entry.uncompressedSize },
        ),
      );
      return;
    }
    this.crc = crc32(chunk, this.crc);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    if (this.verifyEnd && this.bytes !== this.entry.uncompressedSize) {
      callback(corrupt(`part "${this.entry.name}" is shorter than declared`, this.entry.name));
      return;
    }
    if (this.verifyEnd && this.crc >>> 0 !== this.entry.crc32 >>> 0) {
      callback(corrupt(`part "${this.entry.name}" fails its checksum`, this.entry.name));
      return;
    }
    callback();
  }
}

/**
 * Opens one entry as a stream of its uncompressed bytes, never more than its declared size. Errors come out as
 * ImportError (CORRUPT_FILE, ZIP_BOMB) on the returned stream; destroy the stream to stop reading early.
 */
export async function openZipEntry(directory: ZipDirectory, entry: ZipEntry): Promise<Readable> {
  if (entry.flags & 0x1) {
    throw new ImportError(
      'ENCRYPTED_WORKBOOK',
      'The workbook is inside a password-protected zip archive. Remove the password, save it as .xlsx and upload again.',
      { detectedFormat: 'encrypted-zip', entry: entry.name },
    );
  }
  if (entry.method !== ZIP_METHOD_STORED && entry.method !== ZIP_METHOD_DEFLATED) {
    throw corrupt(
      `part "${entry.name}" uses an unsupported compression method (${entry.method})`,
      entry.name,
    );
  }
  const handle = await open(directory.path, 'r');
  let header: Buffer;
  try {
    header = await readAt(handle, entry.localHeaderOffset, LOCAL_HEADER_SIZE);
  } finally {
    await handle.close();
  }
  if (header.length < LOCAL_HEADER_SIZE || header.readUInt32LE(0) !== LOCAL_SIGNATURE) {
    throw corrupt(`part "${entry.name}" cannot be found where the directory says`, entry.name);
  }
  const dataStart =
    entry.localHeaderOffset + LOCAL_HEADER_SIZE + header.readUInt16LE(26) + header.readUInt16LE(28);
  const dataEnd = dataStart + entry.compressedSize;
  if (dataEnd > directory.fileSize) {
    throw corrupt(`part "${entry.name}" runs past the end of the file`, entry.name);
  }
  const check = new EntryCheck(entry, true);
  if (entry.compressedSize === 0) {
    check.end();
    return check;
  }
  const source = createReadStream(directory.path, { start: dataStart, end: dataEnd - 1 });
  const inflate = entry.method === ZIP_METHOD_DEFLATED ? createInflateRaw() : undefined;
  // Every failure surfaces on the returned stream as an ImportError; closing it stops the reading underneath.
  const fail = (error: Error): void => {
    if (!check.destroyed) {
      check.destroy(toZipImportError(error, entry.name));
    }
  };
  source.on('error', fail);
  inflate?.on('error', fail);
  check.on('close', () => {
    source.destroy();
    inflate?.destroy();
  });
  if (inflate) {
    source.pipe(inflate).pipe(check);
  } else {
    source.pipe(check);
  }
  return check;
}

/** Turns what an entry stream may throw (zlib, fs, our own checks) into an ImportError. */
export function toZipImportError(error: unknown, entryName: string): ImportError {
  if (error instanceof ImportError) {
    return error;
  }
  return corrupt(`part "${entryName}" cannot be unpacked`, entryName);
}
