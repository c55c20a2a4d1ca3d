import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from '../../lab/chromium';
import { runCli } from '../../lab/cli';
import { CATALOG } from '../../lab/fixtures/catalog';
import { StandInTenant } from '../../lab/stand-in-tenant';

const NOW = '2026-04-21T08:00:00Z';
const SONNET_37 = 'anthropic.claude-3-7-sonnet-20250219-v1:0';

/** What the browser laid out for one bar. */
interface DrawnBar {
  readonly model: string;
  readonly phase: string;
  readonly from: string;
  readonly to: string;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly colour: string;
  readonly tooltip: string;
}

const drawnBars = (page: Page): Promise<DrawnBar[]> =>
  page.$$eval('g.row rect.bar', (rects) =>
    rects.map((rect) => {
      const box = rect.getBoundingClientRect();
      return {
        model: rect.closest('g.row')?.getAttribute('data-model') ?? '',
        phase: rect.getAttribute('data-phase') ?? '',
        from: rect.getAttribute('data-from') ?? '',
        to: rect.getAttribute('data-to') ?? '',
        left: box.left,
        right: box.right,
        top: box.top,
        colour: rect.getAttribute('fill') ?? '',
        tooltip: rect.querySelector('title')?.textContent ?? '',
      };
    }),
  );

/**
 * The page `timeline` writes, opened in a real headless Chromium: what a user sees is laid out
 * where the dates say, and the page fetches nothing.
 */
describe('bedrock-lifecycle timeline in a browser', () => {
  let browser: BrowserContext;
  let page: Page;
  const requested: string[] = [];
  let bars: DrawnBar[];
  const ms = (iso: string) => Date.parse(iso);

  beforeAll(async () => {
    const tenant = new StandInTenant(inject('standInUrl'), 'TIMELINE');
    await tenant.set({ time: NOW, models: CATALOG });
    const out = join(mkdtempSync(join(tmpdir(), 'timeline-')), 'timeline.html');
    const run = await runCli(['timeline', '--regions', 'us-east-1,us-west-2', '--out', out, '--now', NOW], {
      ...tenant.env(),
      AWS_REGION: 'us-east-1',
    });
    expect(run.status, run.stderr).toBe(0);
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('request', (request) => requested.push(request.url()));
    await page.goto(pathToFileURL(out).href);
    bars = await drawnBars(page);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('loads nothing but the page itself', () => {
    expect(requested).toEqual([expect.stringMatching(/^file:\/\/.*timeline\.html$/)]);
  });

  it('draws one row per model with lifecycle dates, each a left-to-right run of phases with no gaps', async () => {
    const rows = new Map<string, DrawnBar[]>();
    for (const bar of bars) rows.set(bar.model, [...(rows.get(bar.model) ?? []), bar]);
    expect(rows.size).toBeGreaterThan(3);
    expect(await page.locator('g.row').count()).toBe(rows.size);
    for (const [model, row] of rows) {
      expect(new Set(row.map((bar) => Math.round(bar.top))).size, model).toBe(1);
      for (const [i, bar] of row.entries()) {
        const next = row[i + 1];
        expect(bar.right, `${model} ${bar.phase}`).toBeGreaterThan(bar.left);
        if (next) {
          expect(next.from).toBe(bar.to);
          expect(Math.abs(next.left - bar.right), `${model} ${bar.phase}→${next.phase}`).toBeLessThan(0.6);
        }
      }
    }
  });

  it('places every bar edge on one linear date axis shared by all rows and the today line', async () => {
    const edges = bars.flatMap((bar) => [
      { t: ms(bar.from), x: bar.left },
      { t: ms(bar.to), x: bar.right },
    ]);
    const first = edges.reduce((a, b) => (b.t < a.t ? b : a));
    const last = edges.reduce((a, b) => (b.t > a.t ? b : a));
    const pxPerMs = (last.x - first.x) / (last.t - first.t);
    expect(pxPerMs).toBeGreaterThan(0);
    const xAt = (t: number) => first.x + (t - first.t) * pxPerMs;
    for (const edge of edges) expect(Math.abs(edge.x - xAt(edge.t))).toBeLessThan(1);
    const today = await page.locator('line.today').boundingBox();
    expect(Math.abs((today?.x ?? 0) + (today?.width ?? 0) / 2 - xAt(ms(NOW)))).toBeLessThan(1.5);
  });

  it('shows Claude 3.7 Sonnet in extended access today, a week before its end of life', () => {
    const sonnet = bars.filter((bar) => bar.model === SONNET_37);
    expect(sonnet.map((bar) => [bar.phase, bar.from.slice(0, 10)])).toEqual([
      ['ACTIVE', expect.any(String)],
      ['LEGACY', '2025-10-28'],
      ['EXTENDED_ACCESS', '2026-01-27'],
      ['EOL', '2026-04-28'],
    ]);
    const extended = sonnet.find((bar) => bar.phase === 'EXTENDED_ACCESS');
    expect(ms(extended?.from ?? '') < ms(NOW) && ms(NOW) < ms(extended?.to ?? '')).toBe(true);
    expect(new Set(sonnet.map((bar) => bar.colour)).size).toBe(4);
    expect(extended?.tooltip).toBe(
      `Claude 3.7 Sonnet (${SONNET_37}) — Public extended access: 2026-01-27 → 2026-04-28`,
    );
  });

  it('keeps every model label inside the page', async () => {
    const labels = await page.$$eval('text.label', (texts) =>
      texts.map((text) => text.getBoundingClientRect().left),
    );
    expect(labels.length).toBe(new Set(bars.map((bar) => bar.model)).size);
    expect(Math.min(...labels)).toBeGreaterThanOrEqual(0);
  });
});
