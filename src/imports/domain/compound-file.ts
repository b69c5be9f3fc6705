import { open, type FileHandle } from 'node:fs/promises';

// Reads the directory of an OLE2 compound file (the container of .xls, .doc and of password-protected
// .xlsx files) far enough to list its stream names. That is all the sniffer needs to tell an Excel 97-2003
// workbook from an encrypted Office 2007+ workbook. Specification: [MS-CFB].

export const OLE2_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

const END_OF_CHAIN = 0xfffffffe;
const FREE_SECTOR = 0xffffffff;
const HEADER_DIFAT_ENTRIES = 109;
const DIRECTORY_ENTRY_SIZE = 128;

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

/**
 * Stream and storage names in the compound file's directory, or undefined when the directory cannot be read
 * (the caller then falls back to a generic "Office 97-2003 file" message).
 */
export async function listCompoundFileNames(path: string): Promise<string[] | undefined> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const header = await readAt(handle, 0, 512);
    if (header.length < 512 || !header.subarray(0, 8).equals(OLE2_SIGNATURE)) {
      return undefined;
    }
    const sectorShift = header.readUInt16LE(0x1e);
    if (sectorShift !== 9 && sectorShift !== 12) {
      return undefined;
    }
    const sectorSize = 1 << sectorShift;
    const sectorCount = Math.ceil(size / sectorSize);
    const sectorOffset = (sector: number): number => (sector + 1) * sectorSize;
    const readSector = (sector: number): Promise<Buffer> => readAt(handle, sectorOffset(sector), sectorSize);

    const fatSectorCount = header.readUInt32LE(0x2c);
    if (fatSectorCount > sectorCount) {
      return undefined;
    }
    const fatSectors: number[] = [];
    for (let i = 0; i < HEADER_DIFAT_ENTRIES && fatSectors.length < fatSectorCount; i++) {
      fatSectors.push(header.readUInt32LE(0x4c + i * 4));
    }
    // Large files keep the rest of the FAT sector list in a chain of DIFAT sectors.
    let difatSector = header.readUInt32LE(0x44);
    let guard = 0;
    while (fatSectors.length < fatSectorCount && difatSector < sectorCount && guard++ < sectorCount) {
      const block = await readSector(difatSector);
      const perSector = sectorSize / 4 - 1;
      for (let i = 0; i < perSector && fatSectors.length < fatSectorCount; i++) {
        fatSectors.push(block.readUInt32LE(i * 4));
      }
      difatSector = block.readUInt32LE(perSector * 4);
    }
    const fat: number[] = [];
    for (const sector of fatSectors) {
      if (sector >= sectorCount) {
        return undefined;
      }
      const block = await readSector(sector);
      for (let i = 0; i + 4 <= block.length; i += 4) {
        fat.push(block.readUInt32LE(i));
      }
    }

    const names: string[] = [];
    const seen = new Set<number>();
    let sector = header.readUInt32LE(0x30);
    while (sector !== END_OF_CHAIN && sector !== FREE_SECTOR) {
      if (sector >= sectorCount || seen.has(sector)) {
        return names.length > 0 ? names : undefined;
      }
      seen.add(sector);
      const block = await readSector(sector);
      for (let at = 0; at + DIRECTORY_ENTRY_SIZE <= block.length; at += DIRECTORY_ENTRY_SIZE) {
        const nameBytes = block.readUInt16LE(at + 0x40);
        const type = block[at + 0x42];
        if (type === 0 || nameBytes < 2 || nameBytes > 64) {
          continue;
        }
        names.push(block.toString('utf16le', at, at + nameBytes - 2));
      }
      sector = sector < fat.length ? fat[sector] : END_OF_CHAIN;
    }
    return names;
  } finally {
    await handle.close();
  }
}
