/**
 * `npm run docs:timeline`: docs/timeline.png, the picture in docs/cli.md of `bedrock-lifecycle timeline`.
 *
 * Runs the real CLI against the Bedrock stand-in serving the real lifecycle schedules, one week
 * before Claude 3.7 Sonnet's end of life, and photographs the page it writes in headless Chromium.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startBedrockStandIn } from '../lab/bedrock-stand-in';
import { launchChromium } from '../lab/chromium';
import { runCli } from '../lab/cli';
import { CATALOG } from '../lab/fixtures/catalog';
import { StandInTenant } from '../lab/stand-in-tenant';

const NOW = '2026-04-21T08:00:00Z';
const target = join(__dirname, '..', 'docs', 'timeline.png');

async function main(): Promise<void> {
  const standIn = await startBedrockStandIn();
  const browser = await launchChromium();
  try {
    const tenant = new StandInTenant(standIn.url, 'DOCS');
    await tenant.set({ time: NOW, models: CATALOG });
    const page = join(mkdtempSync(join(tmpdir(), 'timeline-')), 'timeline.html');
    const run = await runCli(['timeline', '--regions', 'us-east-1,us-west-2', '--out', page, '--now', NOW], {
      ...tenant.env(),
      AWS_REGION: 'us-east-1',
    });
    if (run.status !== 0) throw new Error(`bedrock-lifecycle timeline failed: ${run.stderr}`);
    const tab = await browser.newPage();
    // Wide enough for the whole chart (1400 px) and the page's margins.
    await tab.setViewportSize({ width: 1460, height: 600 });
    await tab.goto(pathToFileURL(page).href);
    await tab.locator('body').screenshot({ path: target });
    console.log(`Wrote ${target}`);
  } finally {
    await Promise.all([browser.close(), standIn.close()]);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
