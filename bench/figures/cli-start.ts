import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { CLI_BUNDLE } from '../../scripts/cli-bundle';
import { median } from '../measured-run';

export interface CliStartFigure {
  /** The committed bundle the GitHub Action runs, as it is in dist/. */
  readonly bundleBytes: number;
  readonly gzipBytes: number;
  /** `--help`, the whole process: from the bundle copied alone into an empty folder, and through tsx. */
  readonly bundleMs: readonly number[];
  readonly medianBundleMs: number;
  readonly tsxMs: readonly number[];
  readonly medianTsxMs: number;
}

const RUNS = 10;
const TSX_BIN = join(__dirname, '..', '..', 'bin', 'bedrock-lifecycle.cjs');

async function timed(args: readonly string[]): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await promisify(execFile)(process.execPath, [...args, '--help']);
    times.push(performance.now() - started);
  }
  return times;
}

/** How fast `bedrock-lifecycle --help` starts from the bundle, and from the sources through tsx. */
export async function cliStartFigure(): Promise<CliStartFigure> {
  const alone = join(mkdtempSync(join(tmpdir(), 'cli-start-')), 'bedrock-lifecycle.cjs');
  copyFileSync(CLI_BUNDLE, alone);
  const bytes = readFileSync(CLI_BUNDLE);
  const bundleMs = await timed([alone]);
  const tsxMs = await timed([TSX_BIN]);
  return {
    bundleBytes: bytes.length,
    gzipBytes: gzipSync(bytes).length,
    bundleMs,
    medianBundleMs: median(bundleMs),
    tsxMs,
    medianTsxMs: median(tsxMs),
  };
}
