import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { Role } from '../../src/auth/roles.js';
import type { TestApp } from './test-app.js';

// Browser tests drive Debian's Chromium (never a downloaded browser) against the app listening on a free port.

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const DIST = join(ROOT, 'dist');
const BUILD_LOCK = join(DIST, '.web-build.lock');
const BUILD_STAMP = join(DIST, '.web-built');
const STALE_LOCK_MS = 120_000;

/** Takes the build lock (mkdir is atomic), breaking one left by a worker that died holding it. */
async function lockBuild(): Promise<void> {
  await mkdir(DIST, { recursive: true });
  for (;;) {
    try {
      await mkdir(BUILD_LOCK);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw error;
      }
      const held = await stat(BUILD_LOCK).catch(() => undefined);
      if (held && Date.now() - held.mtimeMs > STALE_LOCK_MS) {
        await rm(BUILD_LOCK, { recursive: true, force: true });
      }
      await sleep(200);
    }
  }
}

/**
 * Builds the page into dist/public (where the app serves it from), so the test sees the current sources. Once per
 * test run: the browser test files of one run share the build, so none rebuilds (and empties) dist/public while
 * another one's page is loading from it.
 */
export async function buildWeb(): Promise<void> {
  const run = process.env.VIGIL_TEST_RUN ?? String(process.pid);
  await lockBuild();
  try {
    if ((await readFile(BUILD_STAMP, 'utf8').catch(() => '')) === run) {
      return;
    }
    const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
    await promisify(execFile)(
      process.execPath,
      [vite, 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
      {
        cwd: ROOT,
        env: { ...process.env, NODE_OPTIONS: '' },
      },
    );
    await writeFile(BUILD_STAMP, run);
  } finally {
    await rm(BUILD_LOCK, { recursive: true, force: true });
  }
}

/** Fails loudly, with the fix, when Chromium is missing: a browser test must never pass by not running. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM_PATH}: run "apt-get install -y chromium" (CI's .ci/run does).`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/** Starts the test app on a free port of 127.0.0.1 and gives its base URL. */
export async function listen(sut: TestApp): Promise<string> {
  await sut.app.listen(0, '127.0.0.1');
  const address = sut.app.getHttpServer().address() as AddressInfo;
  return `http://127.0.0.1:${address.port}`;
}

/**
 * Collects what would go unnoticed in a headless browser: uncaught errors and console errors (a CSP refusal
 * shows up there). Resource loads answered 401/404 are expected (sign-in, features probed) and left out.
 */
export function watchPage(page: Page): { problems: string[] } {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      problems.push(`console: ${message.text()}`);
    }
  });
  return { problems };
}

/** A browser signed in with the role's API token, as the page's own calls carry it, on UTC clocks. */
export async function contextAs(
  browser: Browser,
  sut: TestApp,
  role: Exclude<Role, 'admin'>,
): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 1366, height: 768 },
    timezoneId: 'UTC',
    extraHTTPHeaders: { Authorization: `Bearer ${sut.tokens[role]}` },
  });
}
