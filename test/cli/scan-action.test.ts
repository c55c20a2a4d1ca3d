import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { parse } from 'yaml';
import type { ScheduledModel } from '../../lab/bedrock-stand-in';
import { runProcess } from '../../lab/cli';
import { writeFiles } from '../../lab/fixtures/sample-service';
import { StandInTenant } from '../../lab/stand-in-tenant';
import { DAY_MS } from '../../lambda/domain/model';

const ROOT = join(__dirname, '..', '..');

interface Step {
  readonly name: string;
  readonly id?: string;
  readonly uses?: string;
  readonly with?: Record<string, string>;
  readonly run?: string;
  readonly shell?: string;
  readonly if?: string;
  readonly env?: Record<string, string>;
  readonly 'working-directory'?: string;
}

const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
};
const step = (name: string): Step => {
  const found = action.runs.steps.find((s) => s.name === name);
  if (!found) throw new Error(`action.yml has no step "${name}"`);
  return found;
};

/** A GitHub expression as action.yml writes it: `${{ <expression> }}`. */
const expression = (text: string): string => `\${{ ${text} }}`;

/** GitHub's expressions, as far as the action's run steps use them: context values. */
function expand(text: string, context: Readonly<Record<string, string>>): string {
  return text.replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_, expression: string) => {
    const value = context[expression];
    if (value === undefined) throw new Error(`no value for \${{ ${expression} }} in the test's context`);
    return value;
  });
}

/** The models the stand-in lists: one that retires in 10 days, measured from the real clock (the action passes no --now). */
function retiringCatalog(now: number): ScheduledModel[] {
  const at = (days: number) => new Date(now + days * DAY_MS).toISOString();
  return [
    {
      modelId: 'anthropic.claude-retiring-v1:0',
      modelName: 'Claude Retiring',
      providerName: 'Anthropic',
      regions: ['us-east-1'],
      startOfLifeTime: at(-400),
      legacyTime: at(-100),
      publicExtendedAccessTime: at(-10),
      endOfLifeTime: at(10),
    },
  ];
}

describe('the GitHub Action (action.yml), its steps run as a runner runs them', () => {
  let actionPath: string;
  let tenant: StandInTenant;

  /**
   * Runs a `run` step as GitHub does (`bash --noprofile --norc -eo pipefail` on the script file),
   * with its `env` and `working-directory` expanded, in a workspace; returns its exit code, output
   * and what it wrote to GITHUB_OUTPUT.
   */
  async function runStep(s: Step, workspace: string, inputs: Record<string, string> = {}) {
    const runnerTemp = mkdtempSync(join(tmpdir(), 'runner-temp-'));
    const context = {
      'github.action_path': actionPath,
      'runner.temp': runnerTemp,
      ...Object.fromEntries(
        Object.entries(action.inputs).map(([name, input]) => [
          `inputs.${name}`,
          inputs[name] ?? input.default ?? '',
        ]),
      ),
    };
    const script = join(runnerTemp, 'step.sh');
    writeFileSync(script, s.run ?? '');
    const outputFile = join(runnerTemp, 'github-output');
    writeFileSync(outputFile, '');
    expect(s.shell).toBe('bash');
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      npm_config_cache: process.env.npm_config_cache ?? join(process.env.HOME ?? '/tmp', '.npm'),
      GITHUB_WORKSPACE: workspace,
      GITHUB_OUTPUT: outputFile,
      RUNNER_TEMP: runnerTemp,
      AWS_REGION: 'us-east-1',
      AWS_EC2_METADATA_DISABLED: 'true',
      ...tenant.env(),
      ...Object.fromEntries(Object.entries(s.env ?? {}).map(([k, v]) => [k, expand(v, context)])),
    };
    const cwd = resolve(workspace, expand(s['working-directory'] ?? '.', context));
    const result = await runProcess('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
      cwd,
      env,
    });
    const outputs = Object.fromEntries(
      readFileSync(outputFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    return { ...result, outputs };
  }

  beforeAll(async () => {
    // The action's own checkout: the files git holds (or would commit), and no node_modules.
    actionPath = mkdtempSync(join(tmpdir(), 'action-path-'));
    const held = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    for (const file of held.split('\0').filter((f) => f !== '' && existsSync(join(ROOT, f)))) {
      mkdirSync(dirname(join(actionPath, file)), { recursive: true });
      cpSync(join(ROOT, file), join(actionPath, file));
    }
    expect(existsSync(join(actionPath, 'node_modules'))).toBe(false);
    tenant = new StandInTenant(inject('standInUrl'), 'ACTION');
    await tenant.set({ time: new Date().toISOString(), models: retiringCatalog(Date.now()) });
  }, 60_000);

  it('is a composite action whose run steps take inputs only from the environment, never as script text', () => {
    expect(action.runs.using).toBe('composite');
    const scripts = action.runs.steps.filter((s) => s.run !== undefined);
    expect(scripts.map((s) => s.name)).toEqual([
      'Scan for Bedrock model references',
      'Fail on lifecycle findings',
    ]);
    for (const s of scripts) expect(s.run).not.toMatch(/\$\{\{/);
    // Nothing is installed: the scan runs the committed bundle.
    for (const s of scripts) expect(s.run).not.toMatch(/\bnpm\b|\bnpx\b|\byarn\b/);
    expect(step('Scan for Bedrock model references').env?.SCAN_CLI).toBe(
      `${expression('github.action_path')}/dist/bedrock-lifecycle.cjs`,
    );
    expect(step('Upload SARIF to code scanning')).toEqual({
      name: 'Upload SARIF to code scanning',
      if: expression("always() && inputs.upload-sarif == 'true' && steps.scan.outputs.sarif-file != ''"),
      uses: 'github/codeql-action/upload-sarif@v4',
      with: {
        sarif_file: expression('steps.scan.outputs.sarif-file'),
        category: expression('inputs.category'),
      },
    });
    expect(step('Fail on lifecycle findings').if).toBe(expression("steps.scan.outputs.exit-code == '1'"));
    expect(action.outputs['sarif-file']?.value).toBe(expression('steps.scan.outputs.sarif-file'));
  });

  it('writes the SARIF for the upload and hands the gate a 1 when a model retires within 30 days; the last step then fails the job', async () => {
    const repo = writeFiles({ 'src/app.ts': "const MODEL = 'anthropic.claude-retiring-v1:0';\n" });
    const scan = await runStep(step('Scan for Bedrock model references'), repo);
    expect(scan.status, scan.stderr).toBe(0);
    expect(scan.outputs['exit-code']).toBe('1');
    const sarif = JSON.parse(readFileSync(scan.outputs['sarif-file'] ?? '', 'utf8'));
    expect(sarif.runs[0].results.map((r: { ruleId: string; level: string }) => [r.ruleId, r.level])).toEqual([
      ['bedrock-model/end-of-life', 'error'],
    ]);
    expect(scan.stdout).toMatch(/^error\s+src\/app\.ts:1:16\s+anthropic\.claude-retiring-v1:0\s/m);
    const gate = await runStep(step('Fail on lifecycle findings'), repo);
    expect(gate.status).toBe(1);
    expect(gate.stdout).toMatch(/^::error title=Bedrock model lifecycle::/);
  });

  it('hands the gate a 0 when a waiver covers the model, leaves the waived finding out of the SARIF (code scanning ignores suppressions) with a note, keeps it in the log, and a 0 with fail-on empty', async () => {
    const repo = writeFiles({
      'src/app.ts': "const MODEL = 'anthropic.claude-retiring-v1:0';\n",
      '.bedrock-lifecycle.json': JSON.stringify({
        waivers: [
          {
            model: 'anthropic.claude-retiring',
            until: '2099-12-31',
            reason: 'Replacement ships next sprint',
          },
        ],
      }),
    });
    const waived = await runStep(step('Scan for Bedrock model references'), repo);
    expect(waived.status, waived.stderr).toBe(0);
    expect(waived.outputs['exit-code']).toBe('0');
    const [run] = JSON.parse(readFileSync(waived.outputs['sarif-file'] ?? '', 'utf8')).runs;
    expect(run.results).toEqual([]);
    expect(run.properties.omittedWaived).toBe(1);
    expect(run.invocations[0].toolExecutionNotifications).toEqual([
      {
        level: 'note',
        message: {
          text: '1 waived finding(s) left out of the results (--omit-waived): 1 under anthropic.claude-retiring until 2099-12-31 (Replacement ships next sprint).',
        },
      },
    ]);
    expect(waived.stdout).toMatch(
      /^src\/app\.ts:1:\d+: .* Waived until 2099-12-31: Replacement ships next sprint$/m,
    );
    const unwaived = writeFiles({ 'src/app.ts': "const MODEL = 'anthropic.claude-retiring-v1:0';\n" });
    const reportOnly = await runStep(step('Scan for Bedrock model references'), unwaived, { 'fail-on': '' });
    expect(reportOnly.outputs['exit-code']).toBe('0');
  });

  it('takes paths and exclusions one per line, spaces and leading dashes kept, and runs no input as a command', async () => {
    const repo = writeFiles({
      'dir with space/app.py': 'MODEL = "anthropic.claude-retiring-v1:0"\n',
      'dir with space/NOTES.md': 'We moved off anthropic.claude-retiring-v1:0.\n',
      '-dashed/app.go': 'const m = "anthropic.claude-retiring-v1:0"\n',
      'src/other.ts': "const MODEL = 'anthropic.claude-retiring-v1:0';\n",
    });
    const scan = await runStep(step('Scan for Bedrock model references'), repo, {
      paths: '  dir with space  \n\n-dashed\n',
      exclude: '*.md\n',
      regions: 'us-east-1',
    });
    expect(scan.outputs['exit-code']).toBe('1');
    const uris = JSON.parse(readFileSync(scan.outputs['sarif-file'] ?? '', 'utf8')).runs[0].results.map(
      (r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
        r.locations[0]?.physicalLocation.artifactLocation.uri,
    );
    expect(uris).toEqual(['dir%20with%20space/app.py', '-dashed/app.go']);

    const hostile = await runStep(step('Scan for Bedrock model references'), repo, {
      paths: '$(touch pwned)\n`touch pwned`',
      regions: 'us-east-1; touch pwned',
    });
    expect(existsSync(join(repo, 'pwned'))).toBe(false);
    expect(hostile.status).toBe(2);
    expect(hostile.outputs).toEqual({ 'exit-code': '2' });
    expect(hostile.stderr).toContain('bedrock-lifecycle scan: $(touch pwned): no such file or directory');
  });

  it('fails at the scan step, with no report to upload, when the scan cannot run', async () => {
    const repo = writeFiles({ 'src/app.ts': "const MODEL = 'anthropic.claude-retiring-v1:0';\n" });
    const scan = await runStep(step('Scan for Bedrock model references'), repo, { within: 'a month' });
    expect(scan.status).toBe(2);
    expect(scan.outputs).toEqual({ 'exit-code': '2' });
  });

  it('scans a path named --help or --now=2000-01-01 as a path: no help, no time travel, the gate still fails', async () => {
    const repo = writeFiles({
      '--help': "model = 'anthropic.claude-retiring-v1:0'\n",
      '--now=2000-01-01': "model = 'anthropic.claude-retiring-v1:0'\n",
    });
    const run = await runStep(step('Scan for Bedrock model references'), repo, {
      paths: '--help\n--now=2000-01-01',
    });
    expect(run.outputs['exit-code'], run.stderr).toBe('1');
    expect(run.stdout).not.toContain('Usage:');
    expect(run.stdout).toMatch(/^--help:1:\d+: /m);
    expect(run.stdout).toMatch(/^--now=2000-01-01:1:\d+: /m);
  });

  it('prints no line a runner would take for a workflow command, whatever the file and folder names', async () => {
    const repo = writeFiles({
      '::error title=Security scan passed::Approved/app.py': "model = 'anthropic.claude-retiring-v1:0'\n",
      '::add-mask::secret.py': "model = 'anthropic.claude-retiring-v1:0'\n",
    });
    const run = await runStep(step('Scan for Bedrock model references'), repo);
    expect(run.outputs['exit-code'], run.stderr).toBe('1');
    const lines = `${run.stdout}\n${run.stderr}`.split('\n');
    // The runner trims leading whitespace, then looks for "::" (actions/runner, ActionCommand).
    expect(lines.filter((line) => line.trimStart().startsWith('::'))).toEqual([]);
    expect(run.stdout).toContain('::error title=Security scan passed::Approved/app.py:1:');
    expect(run.stdout).toContain('::add-mask::secret.py:1:');
  });
});
