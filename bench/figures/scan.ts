import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../lab/cli';
import {
  SAMPLE_SERVICE,
  SAMPLE_SERVICE_CATALOG,
  SCAN_NOW,
  writeFiles,
} from '../../lab/fixtures/sample-service';
import { StandInTenant } from '../../lab/stand-in-tenant';
import { median } from '../measured-run';

/** Source files of the synthetic monorepo, and as many again under node_modules (skipped). */
export const SCAN_FILES = 10_000;
const SCAN_REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-northeast-1'];
const RUNS = 3;

export interface ScanFigure {
  readonly files: number;
  readonly bytes: number;
  readonly skippedFiles: number;
  readonly references: number;
  readonly regions: number;
  /** The whole CLI process: start, listing, walk, matching, report; per run and the median. */
  readonly wallMs: readonly number[];
  readonly medianWallMs: number;
  readonly maxRssBytes: number;
  /** Counted at the stand-in, per run. */
  readonly listFoundationModelsCalls: number;
}

/**
 * A monorepo of SCAN_FILES source files a few KB each (TypeScript, Python, Terraform, YAML,
 * Markdown) where one file in ten names a model, the sample service's files among them, beside a
 * node_modules just as large, and 100 binaries.
 */
function monorepo(): { root: string; bytes: number } {
  const files: Record<string, string | Buffer> = {};
  const ids = SAMPLE_SERVICE_CATALOG.map((m) => m.modelId);
  const kinds = ['ts', 'py', 'tf', 'yaml', 'md'];
  const filler = Array.from(
    { length: 15 },
    (_, i) => `  const value${i} = compute("v1.2.${i}", "ops@amazon.com", "https://aws.amazon.com/x");`,
  ).join('\n');
  let bytes = 0;
  for (let i = 0; i < SCAN_FILES; i++) {
    const kind = kinds[i % kinds.length];
    const mention = i % 10 === 0 ? `\nmodel_id = "us.${ids[i % ids.length]}"\n` : '\n';
    const text = `// service ${i}\n${filler}${mention}${filler}\n`;
    files[`services/s${Math.floor(i / 100)}/file${i}.${kind}`] = text;
    files[`node_modules/pkg${Math.floor(i / 100)}/file${i}.js`] = text;
    bytes += text.length;
  }
  for (let i = 0; i < 100; i++) files[`assets/image${i}.png`] = Buffer.alloc(4096);
  const root = writeFiles({ ...SAMPLE_SERVICE, ...files });
  return { root, bytes };
}

/** `bedrock-lifecycle scan` of a large repository in 4 regions, as CI runs it, against the stand-in. */
export async function scanFigure(standInUrl: string): Promise<ScanFigure> {
  const tenant = new StandInTenant(standInUrl, 'BENCHSCAN');
  await tenant.set({ time: SCAN_NOW, models: SAMPLE_SERVICE_CATALOG });
  const { root, bytes } = monorepo();
  // Node reports the peak resident set of the CLI's own process as it exits.
  const rss = join(mkdtempSync(join(tmpdir(), 'scan-rss-')), 'rss.cjs');
  writeFileSync(
    rss,
    "process.on('exit', () => process.stderr.write('maxRSS=' + process.resourceUsage().maxRSS + '\\n'));\n",
  );
  const wallMs: number[] = [];
  const rssKb: number[] = [];
  let report: { files: number; skipped: { binary: number }; findings: unknown[] } | undefined;
  let calls = 0;
  for (let i = 0; i < RUNS; i++) {
    await tenant.clearRequests();
    const started = performance.now();
    const run = await runCli(
      ['scan', '--regions', SCAN_REGIONS.join(','), '--json', '--now', SCAN_NOW],
      { ...tenant.env(), NODE_OPTIONS: `--require ${rss}` },
      root,
    );
    wallMs.push(performance.now() - started);
    if (run.status !== 0) throw new Error(`scan failed: ${run.stderr}`);
    report = JSON.parse(run.stdout);
    rssKb.push(Number(/maxRSS=(\d+)/.exec(run.stderr)?.[1] ?? Number.NaN));
    calls = (await tenant.requests()).filter((r) => r.path === '/foundation-models').length;
  }
  return {
    files: report?.files ?? 0,
    bytes,
    skippedFiles: SCAN_FILES + (report?.skipped.binary ?? 0),
    references: report?.findings.length ?? 0,
    regions: SCAN_REGIONS.length,
    wallMs,
    medianWallMs: median(wallMs),
    maxRssBytes: Math.max(...rssKb) * 1024,
    listFoundationModelsCalls: calls,
  };
}
