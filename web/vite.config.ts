import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

// The page is served by the service itself (src/dashboard/web-app.controller.ts) from dist/public.
export default defineConfig({
  root: here,
  base: '/',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('../dist/public', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // No inline data: scripts; the CSP allows 'self' only.
    assetsInlineLimit: 0,
    // No source maps in the build: they would hand anyone who can load the page the dashboard's sources.
    sourcemap: false,
  },
  server: {
    // `npx vite --config web/vite.config.ts` during development, with the service on :3000.
    proxy: Object.fromEntries(
      [
        '/health',
        '/suppliers',
        '/imports',
        '/rulesets',
        '/dashboard',
        '/screening',
        '/matches',
        '/reports',
        '/auth',
        '/users',
        '/audit',
        '/api',
      ].map((path) => [path, 'http://127.0.0.1:3000']),
    ),
  },
});
