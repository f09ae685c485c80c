// Finds a Chromium for Playwright without downloading one: CHROMIUM_PATH, Debian's /usr/bin/chromium,
// or Playwright's own browser cache.
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export function findChromium(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const cache = process.env.PLAYWRIGHT_BROWSERS_PATH ?? join(homedir(), '.cache', 'ms-playwright');
  if (existsSync(cache)) {
    for (const d of readdirSync(cache)
      .filter((n) => n.startsWith('chromium'))
      .sort()
      .reverse()) {
      candidates.push(join(cache, d, 'chrome-linux', 'chrome'), join(cache, d, 'chrome-linux64', 'chrome'));
    }
  }
  return candidates.find((p): p is string => !!p && existsSync(p));
}

/** Flags for headless Chromium on a machine with no GPU and no network (see README troubleshooting). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--enable-unsafe-webgpu',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];

export function requireChromium(): string {
  const path = findChromium();
  if (!path) {
    throw new Error(
      'No Chromium found: install one with "apt-get install chromium" (or "npx playwright install chromium"), or set CHROMIUM_PATH.',
    );
  }
  return path;
}
