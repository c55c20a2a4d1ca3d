import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

/** Where Debian's `chromium` package puts the browser; `.ci/run` installs it when it is missing. */
const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/**
 * A headless Chromium with a throwaway profile and nothing that phones home, so a page can only
 * fetch what it asks for itself. Playwright drives the system browser: no browser download.
 */
export async function launchChromium(): Promise<BrowserContext> {
  const executablePath = process.env.CHROMIUM_PATH ?? DEBIAN_CHROMIUM;
  if (!existsSync(executablePath)) {
    throw new Error(
      `no Chromium at ${executablePath}: install Debian's chromium package (as .ci/run does) or set CHROMIUM_PATH`,
    );
  }
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'chromium-')), {
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
