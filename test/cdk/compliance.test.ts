import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { synthMonitor } from '../../lab/synth';
import { ALL_FEATURES } from '../support/all-features';

const ROOT = join(__dirname, '..', '..');

describe('cdk-nag AwsSolutions checks', () => {
  it('find nothing unacknowledged with every feature on', () => {
    // In us-east-1, which hears the AWS Health notices of both watched regions: in another region
    // the report would rightly hold the warning that it does not.
    const { app, outdir } = synthMonitor(ALL_FEATURES, { nag: true, region: 'us-east-1' });
    expect(() => app.synth()).not.toThrow();
    const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8'));
    expect(report.pluginReports.flatMap((p: { violations: unknown[] }) => p.violations)).toEqual([]);
  });

  it('find nothing unacknowledged with the defaults', () => {
    const { app } = synthMonitor({}, { nag: true });
    expect(() => app.synth()).not.toThrow();
  });
});

// cfn-lint runs on every synthesized template in test/cdk/aws-rules.test.ts.

/** `cdk synth` as a new user runs it with no region in the environment: the CLI falls back to us-east-1. */
const synthWithoutRegion = (args: readonly string[]) => {
  const { AWS_REGION: _region, AWS_DEFAULT_REGION: _default, ...env } = process.env;
  return spawnSync('npx', ['cdk', 'synth', '--no-notices', '-q', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...env, CDK_DISABLE_CLI_TELEMETRY: 'true' },
  });
};
const NO_REGION_WARNING =
  'Neither the regions key nor AWS_REGION is set: the monitor will watch us-east-1 only.';

describe('where the monitor looks', () => {
  it('warns at synth when neither the regions key nor a region in the environment is set', () => {
    const result = synthWithoutRegion(['-o', mkdtempSync(join(tmpdir(), 'cdk-noregion-'))]);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain(NO_REGION_WARNING);
  });
});

describe('bad configuration', () => {
  // Each bad value is tried against bin/app.ts in the fault suite (test/faults); this is the CLI path.
  it('runs the real CLI the same way', () => {
    const result = spawnSync(
      'npx',
      [
        'cdk',
        'synth',
        '--no-notices',
        '-q',
        '-o',
        mkdtempSync(join(tmpdir(), 'cdk-bad-')),
        '-c',
        'deadlineDays=abc',
      ],
      { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true' } },
    );
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('Invalid deadlineDays "abc": "abc" is not a whole number of days');
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it('synthesises with the defaults of contract/settings.ts, with the checks of bin/app.ts', () => {
    const out = mkdtempSync(join(tmpdir(), 'cdk-ok-'));
    const result = synthWithoutRegion(['-o', out, '-c', 'regions=us-east-1']);
    expect(result.status).toBe(0);
    expect(result.stderr).not.toContain(NO_REGION_WARNING);
    const template = JSON.parse(readFileSync(join(out, 'BedrockLifecycleMonitor.template.json'), 'utf8'));
    const fn = Object.values(
      template.Resources as Record<string, { Type: string; Properties: Record<string, never> }>,
    ).find((r) => r.Type === 'AWS::Lambda::Function');
    expect(fn?.Properties.Environment).toMatchObject({
      Variables: { DEADLINE_DAYS: '90,30,14,7,1', MONITOR_REGIONS: 'us-east-1' },
    });
  });
});
