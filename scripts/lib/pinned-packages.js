import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * The generators read their datasets from packages installed outside the project (`npm install --prefix DIR`):
 * checks that each is installed at its pinned version and gives a `require` that resolves from DIR.
 */
export function requirePinned(depsDir, packages) {
  for (const [name, version] of Object.entries(packages)) {
    const file = path.join(depsDir, 'node_modules', name, 'package.json');
    let installed;
    try {
      installed = JSON.parse(readFileSync(file, 'utf8')).version;
    } catch {
      throw new Error(`${name} is not installed under ${depsDir}: see the header of this script`);
    }
    if (installed !== version) {
      throw new Error(`${name} ${installed} is installed, ${version} is pinned`);
    }
  }
  return createRequire(path.join(depsDir, 'noop.js'));
}
