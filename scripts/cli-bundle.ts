import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';

const ROOT = join(__dirname, '..');

/** The committed bundle the GitHub Action runs: the whole CLI in one file, with its dependencies. */
export const CLI_BUNDLE = join(ROOT, 'dist', 'bedrock-lifecycle.cjs');

/** Beside the bundle: the name, version, license and license text of every package inside it. */
export const licensesFile = (bundle: string): string => join(dirname(bundle), 'THIRD_PARTY_LICENSES.txt');

/** The package a bundled file comes from: its folder under node_modules (a scope included). */
function packageDir(input: string): string | null {
  const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
  return match?.[1] ?? null;
}

/** One package's entry: "name version (license)" and its license file, as the package ships it. */
function licenseEntry(dir: string): string {
  const manifest = JSON.parse(readFileSync(join(ROOT, dir, 'package.json'), 'utf8')) as {
    name: string;
    version: string;
    license?: string;
  };
  const file = readdirSync(join(ROOT, dir)).find((name) => /^(licen[sc]e|copying)(\.|$)/i.test(name));
  const text = file
    ? readFileSync(join(ROOT, dir, file), 'utf8').trim()
    : `License: ${manifest.license ?? 'see the package'}`;
  return `${manifest.name} ${manifest.version} (${manifest.license ?? 'unknown'})\n\n${text}\n`;
}

/**
 * Bundles the bedrock-lifecycle CLI (cli/run.ts and everything it imports, AWS SDK clients
 * included) into one CommonJS file that runs on Node.js 20 or newer with no node_modules beside
 * it, and writes the licenses of the packages it contains beside it. Minified, with no source
 * paths in it, so the same sources build the same bytes on any machine: a test rebuilds both files
 * and compares them with the committed copies.
 */
export async function buildCliBundle(outfile: string = CLI_BUNDLE): Promise<void> {
  const { metafile } = await build({
    entryPoints: [join(ROOT, 'cli', 'run.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: true,
    legalComments: 'none',
    metafile: true,
    logLevel: 'silent',
    absWorkingDir: ROOT,
    banner: {
      js: '#!/usr/bin/env node\n// bedrock-lifecycle, built by `npm run build:cli` from cli/: do not edit. Licenses: THIRD_PARTY_LICENSES.txt',
    },
  });
  const packages = [
    ...new Set(Object.keys(metafile.inputs).flatMap((input) => packageDir(input) ?? [])),
  ].filter((dir) => existsSync(join(ROOT, dir, 'package.json')));
  const entries = packages.map(licenseEntry).sort();
  writeFileSync(
    licensesFile(outfile),
    `The bedrock-lifecycle bundle contains these packages, each under its own license.\n\n${entries.join(`\n${'-'.repeat(78)}\n\n`)}`,
  );
}
