import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_FEATURES, synthMonitor } from '../support/synth';

const ROOT = join(__dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

/**
 * cfn-lint warnings this app accepts, each with its reason. Any other warning fails the test.
 * W3005: NodejsFunction declares DependsOn on its role and the role's default policy; the GetAtt
 * of the role makes the first redundant. It is CDK's output and harmless.
 */
const ACCEPTED_CFN_LINT_WARNINGS = ['W3005'];

describe('cdk-nag AwsSolutions checks', () => {
  it('find nothing unacknowledged with every feature on', () => {
    const { app, outdir } = synthMonitor(ALL_FEATURES, { nag: true });
    expect(() => app.synth()).not.toThrow();
    const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8'));
    expect(report.pluginReports.flatMap((p: { violations: unknown[] }) => p.violations)).toEqual([]);
  });

  it('find nothing unacknowledged with the defaults', () => {
    const { app } = synthMonitor({}, { nag: true });
    expect(() => app.synth()).not.toThrow();
  });
});

describe('cfn-lint', () => {
  it('reports no errors and only warnings with a recorded reason, every feature on', () => {
    const { app, templatePath } = synthMonitor(ALL_FEATURES);
    app.synth();
    const result = spawnSync('cfn-lint', ['--format', 'parseable', templatePath], { encoding: 'utf8' });
    const findings = result.stdout.split('\n').filter((line) => line.trim() !== '');
    const rules = findings.map((line) => /:([EWI]\d{4}):/.exec(line)?.[1] ?? line);
    expect(rules.filter((rule) => !ACCEPTED_CFN_LINT_WARNINGS.includes(rule))).toEqual([]);
    expect([0, 4]).toContain(result.status);
  });
});

/** The app exactly as `cdk synth` runs it: the CLI passes context in CDK_CONTEXT_JSON. */
function synthApp(context: Record<string, string>) {
  return spawnSync(TSX, [join(ROOT, 'bin', 'app.ts')], {
    cwd: ROOT,
    encoding: 'utf8',
    env: {
      ...process.env,
      CDK_OUTDIR: mkdtempSync(join(tmpdir(), 'cdk-bad-')),
      CDK_CONTEXT_JSON: JSON.stringify({
        ...JSON.parse(readFileSync(join(ROOT, 'cdk.json'), 'utf8')).context,
        ...context,
      }),
    },
  });
}

describe('bad configuration fails synth with one clear line naming the key', () => {
  it.each([
    ['an empty region list', { regions: '' }, 'Invalid regions "": name at least one region, e.g. us-east-1'],
    [
      'a bad region',
      { regions: 'us-east-1,eu-west1' },
      'Invalid regions "us-east-1,eu-west1": "eu-west1" is not an AWS region name like us-east-1',
    ],
    [
      'deadlineDays=abc',
      { deadlineDays: 'abc' },
      'Invalid deadlineDays "abc": "abc" is not a whole number of days',
    ],
    [
      'a negative threshold',
      { deadlineDays: '30,-7' },
      'Invalid deadlineDays "30,-7": "-7" is not a whole number of days',
    ],
    [
      'a malformed email',
      { alertEmails: 'ops@example' },
      'Invalid alertEmails "ops@example": "ops@example" is not an email address',
    ],
    [
      'a malformed schedule',
      { schedule: 'every 6 hours' },
      'Invalid schedule "every 6 hours": expected "rate(6 hours)" or a six-field "cron(0 */6 * * ? *)"',
    ],
    [
      'a schedule too rare to watch',
      { schedule: 'rate(7 days)' },
      'Invalid schedule "rate(7 days)": the monitor must run at least every 2 days, for its alarms to watch it',
    ],
    [
      'a Slack channel without its workspace',
      { slackChannelIds: 'C0123ABCD' },
      'Invalid slackWorkspaceId "": set it too when slackChannelIds is set',
    ],
  ])('rejects %s', (_name, context, message) => {
    const result = synthApp(context);
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(message);
  });

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

  it('synthesises from the defaults in cdk.json, with the checks of bin/app.ts', () => {
    const out = mkdtempSync(join(tmpdir(), 'cdk-ok-'));
    execFileSync('npx', ['cdk', 'synth', '--no-notices', '-q', '-o', out, '-c', 'regions=us-east-1'], {
      cwd: ROOT,
      env: { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true' },
      stdio: 'pipe',
    });
    const template = JSON.parse(readFileSync(join(out, 'BedrockLifecycleMonitor.template.json'), 'utf8'));
    const fn = Object.values(
      template.Resources as Record<string, { Type: string; Properties: Record<string, never> }>,
    ).find((r) => r.Type === 'AWS::Lambda::Function');
    expect(fn?.Properties.Environment).toMatchObject({
      Variables: { DEADLINE_DAYS: '90,30,14,7,1', MONITOR_REGIONS: 'us-east-1' },
    });
  });
});
