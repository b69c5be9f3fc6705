import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DomainError } from '../common/errors/domain-error.js';

// `npm run build:web` writes the page to dist/public. The compiled service runs from dist/dashboard, the tests run
// the sources from src/dashboard: both find the same folder.
export function webRootCandidates(moduleDir: string): string[] {
  return [resolve(moduleDir, '..', 'public'), resolve(moduleDir, '..', '..', 'dist', 'public')];
}

export function findWebRoot(
  moduleDir: string,
  exists: (path: string) => boolean = existsSync,
): string | undefined {
  return webRootCandidates(moduleDir).find((dir) => exists(join(dir, 'index.html')));
}

/** Who may load what on the page: only this origin; no inline scripts, no framing. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export class WebNotBuiltError extends DomainError {
  readonly kind = 'unavailable';

  constructor() {
    super(
      'WEB_NOT_BUILT',
      'The dashboard page is not built: run "npm run build" (or "npm run build:web") and restart the service.',
    );
  }
}

export class AssetNotFoundError extends DomainError {
  readonly kind = 'not-found';

  constructor(path: string) {
    super(
      'ASSET_NOT_FOUND',
      `The dashboard file /assets/${path} does not exist; reload the page to get the current version.`,
    );
  }
}
