import { ImportError } from './import-error.js';
import { readZipDirectory, type ZipDirectory, type ZipEntry } from './zip-archive.js';

// Checks an xlsx (a zip archive) from its central directory before any part is inflated. What the directory
// declares is checked here; what the inflater really produces is capped per entry by `openZipEntry`, so a header
// that lies about sizes is caught while reading.

export interface ZipLimits {
  maxEntries: number;
  maxUncompressedBytes: number;
  /** Uncompressed size of any one part (a sheet, the shared strings). */
  maxEntryBytes: number;
  /** Uncompressed / compressed size, per entry. */
  maxCompressionRatio: number;
  /** Entries smaller than this are not ratio-checked: tiny parts compress oddly and cannot do harm. */
  ratioCheckFromBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 10_000,
  maxUncompressedBytes: 1024 * 1024 * 1024,
  maxEntryBytes: 512 * 1024 * 1024,
  maxCompressionRatio: 200,
  ratioCheckFromBytes: 1024 * 1024,
};

function bomb(message: string, details: { limit: number; actual: number; entry?: string }): ImportError {
  return new ImportError(
    'ZIP_BOMB',
    `${message} The file was refused before being unpacked. If it is a genuine supplier list, save it again ` +
      'from Excel as .xlsx or export it as csv.',
    { detectedFormat: 'zip', ...details },
  );
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 * 1024) {
    return `${(bytes / (1024 * 1024 * 1024)).toFixed(1)} GiB`;
  }
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/** Throws ZIP_BOMB or CORRUPT_FILE when the directory is unsafe; returns nothing otherwise. */
export function checkZipDirectory(directory: ZipDirectory, limits: ZipLimits = DEFAULT_ZIP_LIMITS): void {
  const { entries } = directory;
  if (entries.length > limits.maxEntries) {
    throw bomb(
      `The workbook contains ${entries.length} internal parts; at most ${limits.maxEntries} are accepted.`,
      {
        limit: limits.maxEntries,
        actual: entries.length,
      },
    );
  }
  const total = sumSizes(entries);
  if (total > limits.maxUncompressedBytes) {
    throw bomb(
      `The workbook would unpack to ${formatBytes(total)}; at most ${formatBytes(limits.maxUncompressedBytes)} is accepted.`,
      { limit: limits.maxUncompressedBytes, actual: total },
    );
  }
  for (const entry of entries) {
    if (entry.uncompressedSize > limits.maxEntryBytes) {
      throw bomb(
        `The workbook part "${entry.name}" would unpack to ${formatBytes(entry.uncompressedSize)}; at most ` +
          `${formatBytes(limits.maxEntryBytes)} is accepted for one part (the server setting IMPORT_MAX_PART_MB).`,
        { limit: limits.maxEntryBytes, actual: entry.uncompressedSize, entry: entry.name },
      );
    }
    const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
    if (entry.uncompressedSize >= limits.ratioCheckFromBytes && ratio > limits.maxCompressionRatio) {
      throw bomb(
        `The workbook part "${entry.name}" is compressed ${Math.round(ratio)} to 1 ` +
          `(at most ${limits.maxCompressionRatio} to 1 is accepted): the pattern of a zip bomb.`,
        { limit: limits.maxCompressionRatio, actual: Math.round(ratio), entry: entry.name },
      );
    }
  }
  checkLayout(directory);
}

function sumSizes(entries: ZipEntry[]): number {
  return entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
}

// Every entry must own its bytes: overlapping entries are how the smallest zip bombs reuse one compressed block
// many times, and an entry running into the directory means the file was cut or patched.
function checkLayout(directory: ZipDirectory): void {
  const sorted = [...directory.entries].sort((a, b) => a.localHeaderOffset - b.localHeaderOffset);
  const names = new Set<string>();
  for (let i = 0; i < sorted.length; i++) {
    const entry = sorted[i];
    if (names.has(entry.name)) {
      throw new ImportError(
        'CORRUPT_FILE',
        `The workbook contains the part "${entry.name}" twice, which Excel never writes. ` +
          'Open it in Excel, save it again as .xlsx and upload the new file.',
        { detectedFormat: 'zip', entry: entry.name },
      );
    }
    names.add(entry.name);
    const end = entry.localHeaderOffset + 30 + entry.compressedSize;
    const nextStart =
      i + 1 < sorted.length ? sorted[i + 1].localHeaderOffset : directory.centralDirectoryOffset;
    if (end > nextStart) {
      const overlaps = i + 1 < sorted.length;
      if (overlaps) {
        throw bomb(`The workbook parts "${entry.name}" and "${sorted[i + 1].name}" share the same bytes.`, {
          limit: 0,
          actual: end - nextStart,
          entry: entry.name,
        });
      }
      throw new ImportError(
        'CORRUPT_FILE',
        `The workbook is damaged or incomplete (part "${entry.name}" runs into the zip directory). ` +
          'Open it in Excel, save it again as .xlsx and upload the new file.',
        { detectedFormat: 'zip', entry: entry.name },
      );
    }
  }
}

/** Reads the directory (refusing absurd entry counts before reading it) and checks it. */
export async function guardZip(path: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<ZipDirectory> {
  const directory = await readZipDirectory(path, { maxEntries: limits.maxEntries });
  checkZipDirectory(directory, limits);
  return directory;
}
