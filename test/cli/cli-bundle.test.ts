import { copyFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { isolatedEnv, runProcess } from '../../lab/cli';
import { CATALOG } from '../../lab/fixtures/catalog';
import { writeFiles } from '../../lab/fixtures/sample-service';
import { StandInTenant } from '../../lab/stand-in-tenant';
import { buildCliBundle, CLI_BUNDLE, licensesFile } from '../../scripts/cli-bundle';

describe('the committed CLI bundle (dist/), which the GitHub Action runs', () => {
  it('is what `npm run build:cli` builds from today’s sources, licenses included (run it after changing cli/ or a dependency)', async () => {
    const fresh = join(mkdtempSync(join(tmpdir(), 'cli-bundle-')), 'bedrock-lifecycle.cjs');
    await buildCliBundle(fresh);
    const same = (committed: string, built: string) => readFileSync(committed).equals(readFileSync(built));
    expect(same(CLI_BUNDLE, fresh), 'dist/bedrock-lifecycle.cjs is stale: run `npm run build:cli`').toBe(
      true,
    );
    expect(
      same(licensesFile(CLI_BUNDLE), licensesFile(fresh)),
      'dist/THIRD_PARTY_LICENSES.txt is stale: run `npm run build:cli`',
    ).toBe(true);
  });

  it('names every package it bundles with its license, the AWS SDK and the .gitignore matcher among them', () => {
    const licenses = readFileSync(licensesFile(CLI_BUNDLE), 'utf8');
    expect(licenses).toMatch(/^@aws-sdk\/client-bedrock 3\.\d+\.\d+ \(Apache-2\.0\)$/m);
    expect(licenses).toMatch(/^ignore \d+\.\d+\.\d+ \(MIT\)$/m);
  });

  describe('copied alone into an empty folder, with no node_modules anywhere above it', () => {
    let folder: string;
    let tenant: StandInTenant;
    const run = (args: readonly string[], cwd = folder) =>
      runProcess(process.execPath, [join(folder, 'bedrock-lifecycle.cjs'), ...args], {
        cwd,
        env: isolatedEnv(folder, tenant.env()),
      });

    beforeAll(async () => {
      folder = mkdtempSync(join(tmpdir(), 'bundle-alone-'));
      copyFileSync(CLI_BUNDLE, join(folder, 'bedrock-lifecycle.cjs'));
      for (let dir = folder; dir !== dirname(dir); dir = dirname(dir)) {
        expect(existsSync(join(dir, 'node_modules')), `${dir}/node_modules`).toBe(false);
      }
      tenant = new StandInTenant(inject('standInUrl'), 'BUNDLE');
      await tenant.set({ time: '2026-04-21T08:00:00Z', models: CATALOG });
    });

    it('prints the help of scan', async () => {
      const help = await run(['scan', '--help']);
      expect(help.status, help.stderr).toBe(0);
      expect(help.stdout).toMatch(/^Usage: bedrock-lifecycle scan /);
    });

    it('scans a repository against Bedrock and fails the gate as the CLI does', async () => {
      const repo = writeFiles({
        'src/app.ts': "const MODEL = 'us.anthropic.claude-3-7-sonnet-20250219-v1:0';\n",
      });
      const scan = await run(['scan', '--now', '2026-04-21T08:00:00Z', '--fail-on', 'eol', '--', '.'], repo);
      expect(scan.status, scan.stderr).toBe(1);
      expect(scan.stdout).toContain('src/app.ts:1');
      expect(scan.stdout).toContain('end of life on 2026-04-28');
    });
  });
});
