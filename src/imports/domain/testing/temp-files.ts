import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Test support: a scratch folder per spec file, and the committed fixtures.

export const FIXTURES_DIR = fileURLToPath(new URL('../../../../fixtures/', import.meta.url));

export function fixture(name: string): string {
  return join(FIXTURES_DIR, name);
}

export interface TempFolder {
  write(name: string, data: Buffer | string): string;
  remove(): void;
}

export function tempFolder(): TempFolder {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-spec-'));
  return {
    write: (name, data) => {
      const path = join(dir, name);
      writeFileSync(path, data);
      return path;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
