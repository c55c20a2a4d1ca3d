import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sparticuz from '@sparticuz/chromium';
import { type BrowserContext, chromium } from 'playwright-core';

/**
 * A headless Chromium with a throwaway profile and nothing that phones home, so a page can only
 * fetch what it asks for itself. The browser is the one `npm ci` installs (@sparticuz/chromium
 * ships it inside the package and unpacks it to the temp directory on first use), so no system
 * package is needed; `CHROMIUM_PATH` points at another build instead.
 */
export async function launchChromium(): Promise<BrowserContext> {
  const executablePath = process.env.CHROMIUM_PATH || (await sparticuz.executablePath());
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
