import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { CONTENT_SECURITY_POLICY, findWebRoot, webRootCandidates } from './web-assets.js';

describe(findWebRoot.name, () => {
  const only =
    (...present: string[]) =>
    (path: string) =>
      present.includes(path);

  it('finds dist/public from the compiled dist/dashboard', () => {
    expect(findWebRoot('/srv/vigil/dist/dashboard', only('/srv/vigil/dist/public/index.html'))).toBe(
      '/srv/vigil/dist/public',
    );
  });

  it('finds dist/public from the sources the tests run', () => {
    expect(findWebRoot('/repo/src/dashboard', only('/repo/dist/public/index.html'))).toBe(
      '/repo/dist/public',
    );
  });

  it('finds nothing when the page was never built', () => {
    expect(findWebRoot('/repo/src/dashboard', only())).toBeUndefined();
  });

  it('looks beside the module first', () => {
    expect(webRootCandidates('/a/dist/dashboard')).toEqual([join('/a/dist/public'), join('/a/dist/public')]);
    expect(webRootCandidates('/a/src/dashboard')[0]).toBe('/a/src/public');
  });
});

describe('CONTENT_SECURITY_POLICY', () => {
  it('allows scripts from this origin only and forbids framing', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
  });
});
