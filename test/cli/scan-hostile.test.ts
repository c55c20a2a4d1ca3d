import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { runCli } from '../../lab/cli';
import { SAMPLE_SERVICE_CATALOG, SCAN_NOW, writeFiles } from '../../lab/fixtures/sample-service';
import { StandInTenant } from '../../lab/stand-in-tenant';

/** A week before Claude 3.7 Sonnet's end of life: naming it fails `--fail-on eol`. */
const RETIRING = "model = 'anthropic.claude-3-7-sonnet-20250219-v1:0'\n";
const SECRET = 'SECRET_TOKEN=hunter2-do-not-print';

describe('bedrock-lifecycle scan of a hostile repository (what a pull request can put in it)', () => {
  let tenant: StandInTenant;
  const scan = (cwd: string, ...args: string[]) =>
    runCli(
      ['scan', '--now', SCAN_NOW, '--fail-on', 'eol', ...args],
      { ...tenant.env(), AWS_REGION: 'us-east-1' },
      cwd,
    );

  beforeAll(async () => {
    tenant = new StandInTenant(inject('standInUrl'), 'SCAN-HOSTILE');
    await tenant.set({ time: SCAN_NOW, models: SAMPLE_SERVICE_CATALOG });
  });

  it('reads everything after -- as a path: --help and --now=… are files, and a missing one is a usage error', async () => {
    const repo = writeFiles({ '--help': RETIRING, '--now=2000-01-01': RETIRING });
    const run = await scan(repo, '--', '--help', '--now=2000-01-01');
    expect(run.status, run.stderr).toBe(1);
    expect(run.stdout).not.toContain('Usage:');
    expect(run.stdout).toMatch(/^--now=2000-01-01:1:\d+: .*end of life on 2026-04-28/m);
    const missing = await scan(repo, '--', '--debug');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('--debug: no such file or directory');
  });

  it('survives an 8.3 MB line (under the 8 MiB file limit) of an ARN with endless region segments, and reports the other files', async () => {
    const repo = writeFiles({
      'big.txt': `arn:aws:bedrock:us${'-a'.repeat(4_150_000)}\n`,
      'app.py': RETIRING,
    });
    const run = await scan(repo);
    expect(run.status, run.stderr).toBe(1);
    expect(run.stdout).toMatch(/^app\.py:1:\d+: /m);
    expect(run.stderr).toMatch(/^Scanned 2 files/m);
  });

  it('skips a FIFO or other non-file named as a path, with a note, instead of blocking on it', async () => {
    const repo = writeFiles({ 'app.py': RETIRING });
    execFileSync('mkfifo', [join(repo, 'pipe')]);
    const run = await scan(repo, '--', 'pipe', 'app.py');
    expect(run.status, run.stderr).toBe(1);
    expect(run.stderr).toContain('skipped 1 unreadable path (pipe: not a regular file)');
  });

  it('reads no .gitignore or .git/info/exclude that is a link or a FIFO: no endless read, no hang', async () => {
    const repo = writeFiles({ 'app.py': RETIRING, 'sub/app.py': RETIRING });
    symlinkSync('/dev/zero', join(repo, '.gitignore'));
    execFileSync('mkfifo', [join(repo, 'sub', '.gitignore')]);
    mkdirSync(join(repo, '.git', 'info'), { recursive: true });
    symlinkSync('/dev/zero', join(repo, '.git', 'info', 'exclude'));
    const run = await scan(repo);
    expect(run.status, run.stderr).toBe(1);
    expect(run.stdout).toMatch(/^sub\/app\.py:1:\d+: /m);
  });

  it('refuses a waiver file that is a link, without a word of what it points to', async () => {
    const secrets = mkdtempSync(join(tmpdir(), 'runner-secrets-'));
    writeFileSync(join(secrets, 'token'), SECRET);
    const repo = writeFiles({ 'app.py': RETIRING });
    symlinkSync(join(secrets, 'token'), join(repo, '.bedrock-lifecycle.json'));
    const run = await scan(repo);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      '.bedrock-lifecycle.json: not a regular file (a waiver file is never a link)',
    );
    expect(`${run.stdout}${run.stderr}`).not.toContain('SECRET');
  });

  it('never quotes a waiver file that is not JSON', async () => {
    const repo = writeFiles({ 'app.py': RETIRING, '.bedrock-lifecycle.json': SECRET });
    const run = await scan(repo);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('.bedrock-lifecycle.json: not valid JSON');
    expect(`${run.stdout}${run.stderr}`).not.toContain('SECRET');
  });

  it('refuses a waiver file over 1 MiB', async () => {
    const repo = writeFiles({
      'app.py': RETIRING,
      '.bedrock-lifecycle.json': `{"waivers": []}${' '.repeat(1_100_000)}`,
    });
    const run = await scan(repo);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('.bedrock-lifecycle.json: over 1048576 bytes');
  });

  it('does not follow a named path that links out of the scan root, and says so', async () => {
    const outside = writeFiles({ 'elsewhere.py': RETIRING });
    const repo = writeFiles({ 'app.py': "model = 'amazon.nova-pro-v1:0'\n" });
    symlinkSync(outside, join(repo, 'linked'));
    const run = await scan(repo, '--', 'linked', 'app.py');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).not.toContain('elsewhere.py');
    expect(run.stderr).toContain(
      'skipped 1 unreadable path (linked: a link to outside the scan root, not followed)',
    );
  });
});
