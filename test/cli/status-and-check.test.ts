import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { putBedrockMetrics } from '../../lab/bedrock-metrics';
import { runCli } from '../../lab/cli';
import { CATALOG } from '../../lab/fixtures/catalog';
import { StandInTenant } from '../../lab/stand-in-tenant';

const ROOT = join(__dirname, '..', '..');

/** The catalog a week before Claude 3.7 Sonnet's end of life; the CLI evaluates at the same time. */
const NOW = '2026-04-21T08:00:00Z';

describe('bedrock-lifecycle status and check, run as a user runs them', () => {
  let tenant: StandInTenant;
  const env = () => ({ ...tenant.env(), AWS_REGION: 'us-east-1' });
  const cli = (...args: string[]) => runCli([...args, '--now', NOW], env());

  beforeAll(async () => {
    tenant = new StandInTenant(inject('standInUrl'), 'CLI');
    await tenant.set({ time: NOW, models: CATALOG });
  });

  it('status prints an aligned table, most urgent first, with the regions where a model looks the same', async () => {
    const run = await cli('status', '--regions', 'us-east-1,us-west-2');
    expect(run.status).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^MODEL\s+PROVIDER\s+REGIONS\s+PHASE\s+LEGACY\s+EXT\. ACCESS\s+END OF LIFE\s+NEXT DEADLINE$/,
    );
    expect(lines[1]).toMatch(
      /^Claude 3\.7 Sonnet \(anthropic\.claude-3-7-sonnet-20250219-v1:0\)\s+Anthropic\s+us-east-1, us-west-2\s+Public extended access\s+2025-10-28\s+2026-01-27\s+2026-04-28\s+7 days$/,
    );
    // Columns line up: every row's PROVIDER starts where the header's does.
    const column = lines[0]?.indexOf('PROVIDER') ?? -1;
    expect(column).toBeGreaterThan(1);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.slice(1).filter((line) => line.slice(column - 2, column) !== '  ')).toEqual([]);
    expect(run.stdout).not.toContain('\u001b[');
    expect(run.stderr).toMatch(/^\d+ rows for \d+ model-region pairs in 2 regions$/m);
  });

  it('status colours phases and near deadlines on a terminal, unless --no-color or NO_COLOR', async () => {
    // `script` (util-linux, in every Debian) gives the CLI a pseudo-terminal as its stdout.
    const onTerminal = async (extra: string, environment: Record<string, string> = {}) =>
      (
        await promisify(execFile)(
          'script',
          ['-qec', `node bin/bedrock-lifecycle.cjs status --now ${NOW} ${extra}`, '/dev/null'],
          { cwd: ROOT, env: { ...process.env, ...env(), ...environment } },
        )
      ).stdout;
    const coloured = await onTerminal('');
    expect(coloured).toContain('\u001b[31m7 days\u001b[0m');
    expect(coloured).toContain('Claude 3.7 Sonnet');
    expect(await onTerminal('--no-color')).not.toContain('\u001b[');
    expect(await onTerminal('', { NO_COLOR: '1' })).not.toContain('\u001b[');
  });

  it('status --json prints one object per model and region with the days to each deadline', async () => {
    const run = await cli('status', '--regions', 'us-east-1,us-west-2', '--json');
    expect(run.status).toBe(0);
    const rows = JSON.parse(run.stdout);
    expect(rows[0]).toEqual({
      region: 'us-east-1',
      modelId: 'anthropic.claude-3-7-sonnet-20250219-v1:0',
      modelName: 'Claude 3.7 Sonnet',
      provider: 'Anthropic',
      phase: 'EXTENDED_ACCESS',
      legacyTime: '2025-10-28T08:00:00.000Z',
      publicExtendedAccessTime: '2026-01-27T08:00:00.000Z',
      endOfLifeTime: '2026-04-28T08:00:00.000Z',
      daysToExtendedAccess: -84,
      daysToEndOfLife: 7,
    });
    expect(new Set(rows.map((r: { region: string }) => r.region))).toEqual(
      new Set(['us-east-1', 'us-west-2']),
    );
  });

  it('status filters by phase and by deadline', async () => {
    const legacy = JSON.parse((await cli('status', '--phase', 'legacy', '--json')).stdout);
    expect(legacy.map((r: { modelId: string }) => r.modelId).sort()).toEqual([
      'amazon.titan-image-generator-v2:0',
      'anthropic.claude-sonnet-4-20250514-v1:0',
      'cohere.command-r-plus-v1:0',
    ]);
    const soon = JSON.parse((await cli('status', '--within', '30', '--json')).stdout);
    expect(soon.map((r: { modelId: string }) => r.modelId)).toEqual([
      'anthropic.claude-3-7-sonnet-20250219-v1:0',
      'cohere.command-r-plus-v1:0',
    ]);
  });

  it('status says it is still working when Bedrock takes more than a second', async () => {
    await tenant.update({ delayMs: 1_500 });
    const run = await cli('status');
    await tenant.update({ delayMs: 0 });
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('Listing Bedrock models in us-east-1…');
  });

  it('check exits 0 and says why when every model is safe', async () => {
    const run = await cli(
      'check',
      '--models',
      'anthropic.claude-sonnet-4-5-20250929-v1:0,us.anthropic.claude-haiku-4-5-20251001-v1:0',
      '--regions',
      'us-east-1,us-west-2',
    );
    expect(run.status).toBe(0);
    expect(run.stdout.trimEnd().split('\n')).toEqual([
      'OK   anthropic.claude-sonnet-4-5-20250929-v1:0: Active in us-east-1, us-west-2; no deadline within 30 days',
      'OK   us.anthropic.claude-haiku-4-5-20251001-v1:0 (anthropic.claude-haiku-4-5-20251001-v1:0): Active in us-east-1, us-west-2; no deadline within 30 days',
    ]);
  });

  it('check exits 1 for a model near its end of life, one not listed in a region, and an inference profile of a retiring model', async () => {
    const run = await cli(
      'check',
      '--models',
      'us.anthropic.claude-3-7-sonnet-20250219-v1:0,amazon.titan-image-generator-v2:0,anthropic.claude-sonnet-4-5-20250929-v1:0',
      '--regions',
      'us-east-1,eu-central-1',
    );
    expect(run.status).toBe(1);
    expect(run.stdout.trimEnd().split('\n')).toEqual([
      'FAIL us.anthropic.claude-3-7-sonnet-20250219-v1:0 (anthropic.claude-3-7-sonnet-20250219-v1:0): end of life on 2026-04-28 (7 days away) in us-east-1, eu-central-1',
      'FAIL amazon.titan-image-generator-v2:0: not listed in eu-central-1',
      'OK   anthropic.claude-sonnet-4-5-20250929-v1:0: Active in us-east-1, eu-central-1; no deadline within 30 days',
    ]);
  });

  it('check --fail-within narrows what counts as near', async () => {
    const relaxed = await cli('check', '--models', 'cohere.command-r-plus-v1:0', '--fail-within', '7');
    expect(relaxed.status).toBe(0);
    const strict = await cli('check', '--models', 'cohere.command-r-plus-v1:0', '--fail-within', '30');
    expect(strict.status).toBe(1);
    expect(strict.stdout).toBe(
      'FAIL cohere.command-r-plus-v1:0: extended access at a higher price on 2026-05-19 (28 days away) in us-east-1\n',
    );
  });

  it('check --json prints the verdicts', async () => {
    const run = await cli('check', '--models', 'anthropic.claude-3-7-sonnet-20250219-v1:0', '--json');
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual([
      {
        reference: 'anthropic.claude-3-7-sonnet-20250219-v1:0',
        modelId: 'anthropic.claude-3-7-sonnet-20250219-v1:0',
        ok: false,
        reasons: ['end of life on 2026-04-28 (7 days away) in us-east-1'],
      },
    ]);
  });

  it.each([
    [['check'], 'bedrock-lifecycle check: --models is required'],
    [
      ['status', '--within', 'soon'],
      'bedrock-lifecycle status: --within takes a whole number of days, not "soon"',
    ],
    [
      ['status', '--phase', 'gone'],
      'bedrock-lifecycle status: --phase takes ACTIVE, LEGACY, EXTENDED_ACCESS, EOL, UNKNOWN, not "GONE"',
    ],
    [['statuss'], 'bedrock-lifecycle: unknown command "statuss"'],
  ])('rejects %j with exit code 2 and one line', async (args, message) => {
    const run = await runCli(args, env());
    expect(run.status).toBe(2);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(message);
  });

  it('fails with exit code 1 and one line when AWS refuses, with the stack trace only under --debug', async () => {
    await tenant.update({
      faults: [{ status: 403, errorType: 'AccessDeniedException', message: 'no access', times: -1 }],
    });
    const plain = await cli('status');
    const debug = await cli('status', '--debug');
    await tenant.update({ faults: [] });
    expect(plain.status).toBe(1);
    expect(plain.stderr).toBe('bedrock-lifecycle status: AccessDeniedException: no access\n');
    expect(debug.status).toBe(1);
    expect(debug.stderr).toMatch(/^bedrock-lifecycle status: AccessDeniedException: no access\n.*\n\s+at /s);
  });

  it.each(['status', 'check', 'history', 'snapshot', 'timeline'])(
    '%s --help lists its own and the common options, descriptions in one column',
    async (command) => {
      const run = await runCli([command, '--help'], env());
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`^Usage: bedrock-lifecycle ${command} `));
      const options = run.stdout
        .slice(run.stdout.indexOf('Options:\n') + 9)
        .trimEnd()
        .split('\n');
      const flags = options.filter((line) => /^ {2}-/.test(line));
      expect(flags.map((line) => /^ {2}(-h, --help|--[a-z-]+)/.exec(line)?.[1])).toEqual(
        expect.arrayContaining(['--json', '--now', '--no-color', '--debug', '-h, --help']),
      );
      expect(new Set(flags.map((line) => /^ {2}\S.*?\s{2,}(?=\S)/.exec(line)?.[0].length)).size).toBe(1);
    },
  );

  it('npx bedrock-lifecycle runs the project’s command from a checkout', async () => {
    const { stdout } = await promisify(execFile)('npx', ['--no-install', 'bedrock-lifecycle', '--help'], {
      cwd: ROOT,
    });
    expect(stdout).toMatch(/^Usage: bedrock-lifecycle <command> \[options\]\n/);
  });
});

describe('bedrock-lifecycle status --with-usage: what each model costs the caller’s account', () => {
  /** Claude 3.5 Haiku is in public extended access, 18 days before its end of life. */
  const JUNE = '2026-06-01T00:00:00Z';
  const HAIKU_35 = 'anthropic.claude-3-5-haiku-20241022-v1:0';
  let tenant: StandInTenant;
  const env = () => ({
    ...tenant.env(),
    AWS_REGION: 'us-east-1',
    AWS_ENDPOINT_URL_CLOUDWATCH: inject('motoUrl'),
  });
  const cli = (...args: string[]) => runCli([...args, '--now', JUNE], env());
  const haikuRow = (stdout: string) =>
    (JSON.parse(stdout) as Record<string, unknown>[]).find(
      (row) => row.modelId === HAIKU_35 && row.region === 'us-east-1',
    );

  beforeAll(async () => {
    tenant = new StandInTenant(inject('standInUrl'), 'CLI-USAGE');
    // Bedrock's public offer for the model: $0.80 and $4 per million tokens in us-east-1.
    const rate = (dimension: string, price: string) => ({ dimension, price, unit: 'Units' });
    await tenant.set({
      time: JUNE,
      models: CATALOG,
      offers: {
        [HAIKU_35]: [
          {
            termDetails: {
              usageBasedPricingTerm: {
                rateCard: [rate('USE1_InputTokenCount', '0.8'), rate('USE1_OutputTokenCount', '4')],
              },
            },
          },
        ],
      },
    });
    // Calls through the US profile and directly, in a window no other test puts metrics into.
    await putBedrockMetrics(inject('motoUrl'), 'us-east-1', [
      {
        modelId: `us.${HAIKU_35}`,
        calls: 900,
        inputTokens: 60_000_000,
        outputTokens: 6_000_000,
        at: '2026-05-25T00:00:00Z',
      },
      {
        modelId: HAIKU_35,
        calls: 100,
        inputTokens: 10_000_000,
        outputTokens: 1_000_000,
        at: '2026-05-26T00:00:00Z',
      },
    ]);
  });

  it('adds each model’s calls, tokens and monthly cost at the published price, the extra unknown without an extended-access price', async () => {
    const json = await cli('status', '--regions', 'us-east-1', '--with-usage', '--json');
    expect(json.status, json.stderr).toBe(0);
    // (70M × $0.80 + 7M × $4) per million tokens × 30 / 14 days = $180 a month.
    expect(haikuRow(json.stdout)).toMatchObject({
      phase: 'EXTENDED_ACCESS',
      invocations: 1_000,
      tokens: { input: 70_000_000, output: 7_000_000 },
      usageLookbackDays: 14,
      pricesPerMillionTokens: { input: 0.8, output: 4, extendedInput: null, extendedOutput: null },
      priceSource: 'bedrock-agreement-offer',
      monthlyCostUsd: 180,
      extendedAccessExtraMonthlyUsd: null,
    });
    const table = await cli('status', '--regions', 'us-east-1', '--with-usage');
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/NEXT DEADLINE\s+COST\/MO\s+EXTRA\/MO$/);
    expect(lines.find((line) => line.includes(HAIKU_35))).toMatch(/\s\$180\s+unknown$/);
    // A model nobody called costs nothing and faces no extra.
    expect(lines.find((line) => line.includes('Claude Sonnet 4 ('))).toMatch(/\s-\s+-$/);
  });

  it('takes the team’s prices first, and says what extended access adds', async () => {
    const prices = JSON.stringify([
      {
        model: 'us.anthropic.claude-3-5-haiku',
        input: 0.8,
        output: 4,
        extendedInput: 1.6,
        extendedOutput: 8,
      },
    ]);
    const run = await cli(
      'status',
      '--regions',
      'us-east-1',
      '--with-usage',
      '--model-prices',
      prices,
      '--json',
    );
    expect(run.status, run.stderr).toBe(0);
    expect(haikuRow(run.stdout)).toMatchObject({
      priceSource: 'modelPrices',
      monthlyCostUsd: 180,
      extendedAccessExtraMonthlyUsd: 180,
    });
    // Over 7 days the same tokens are twice the monthly rate.
    const week = await cli(
      'status',
      '--regions',
      'us-east-1',
      '--with-usage',
      '--lookback-days',
      '7',
      '--model-prices',
      prices,
    );
    expect(week.stdout.split('\n').find((line) => line.includes(HAIKU_35))).toMatch(/\s\$360\s+\+\$360$/);
  });

  it.each([
    [['--lookback-days', '7'], '--lookback-days needs --with-usage'],
    [['--with-usage', '--lookback-days', '0'], 'Invalid --lookback-days "0"'],
    [['--with-usage', '--model-prices', '[{"model":"anthropic."}]'], 'Invalid --model-prices[0]'],
  ])('rejects %j with a usage error (exit 2)', async (args, message) => {
    const run = await cli('status', '--regions', 'us-east-1', ...args);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
  });

  it('leaves the cost unknown, with a warning, when CloudWatch cannot be read, and still lists every model', async () => {
    const run = await runCli(['status', '--regions', 'us-east-1', '--with-usage', '--json', '--now', JUNE], {
      ...env(),
      AWS_ENDPOINT_URL_CLOUDWATCH: 'http://localhost:1',
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(
      /^warning: Usage unknown in us-east-1: could not read its CloudWatch metrics/m,
    );
    expect(haikuRow(run.stdout)).toMatchObject({
      tokens: null,
      monthlyCostUsd: null,
      extendedAccessExtraMonthlyUsd: null,
    });
  });
});
