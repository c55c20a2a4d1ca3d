import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CloudFormationClient, CreateStackCommand } from '@aws-sdk/client-cloudformation';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { runCli } from '../../lab/cli';
import { motoClientConfig } from '../../lab/moto';
import { inProcessMonitor } from '../support/in-process-monitor';

const SONNET_37 = 'anthropic.claude-3-7-sonnet-20250219-v1:0';
const RUNS = ['2025-10-01T00:00:00Z', '2025-10-28T12:00:00Z', '2025-11-01T00:00:00Z', '2026-01-27T08:00:00Z'];

/**
 * The commands that read the deployed table, against a table the real monitor filled over four
 * runs, found through a CloudFormation stack named as the app names it.
 */
describe('bedrock-lifecycle history, snapshot and timeline against the history table', () => {
  const motoUrl = inject('motoUrl');
  let tableName: string;
  const env = {
    AWS_ENDPOINT_URL: motoUrl,
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_REGION: 'us-east-1',
  };
  const cli = (...args: string[]) => runCli(args, env);

  beforeAll(async () => {
    const h = await inProcessMonitor({ regions: ['us-east-1', 'us-west-2'], time: RUNS[0] ?? '' });
    for (const time of RUNS) await h.run(time);
    tableName = h.tableName;
    // The stack the CLI and docs/history.md look the table up in, as `cdk deploy` names it.
    await new CloudFormationClient(motoClientConfig(motoUrl)).send(
      new CreateStackCommand({
        StackName: 'BedrockLifecycleMonitor',
        TemplateBody: JSON.stringify({
          Resources: { Placeholder: { Type: 'AWS::SQS::Queue' } },
          Outputs: { TableName: { Value: tableName } },
        }),
      }),
    );
  });

  it('history --model prints one model’s history in time order, finding the table through the stack', async () => {
    const run = await cli('history', '--model', SONNET_37);
    expect(run.status).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^OBSERVED \(UTC\)\s+REGION\s+SEVERITY\s+KIND\s+WHAT HAPPENED\s+PHASE$/);
    expect(lines.slice(1).map((line) => line.split(/\s{2,}/).slice(0, 4))).toEqual([
      ['2025-10-28 12:00', 'us-east-1', 'warning', 'MODEL_LEGACY'],
      ['2025-10-28 12:00', 'us-west-2', 'warning', 'MODEL_LEGACY'],
      ['2025-11-01 00:00', 'us-east-1', 'warning', 'DEADLINE_APPROACHING'],
      ['2025-11-01 00:00', 'us-west-2', 'warning', 'DEADLINE_APPROACHING'],
      ['2026-01-27 08:00', 'us-east-1', 'warning', 'EXTENDED_ACCESS_STARTED'],
      ['2026-01-27 08:00', 'us-west-2', 'warning', 'EXTENDED_ACCESS_STARTED'],
    ]);
    expect(run.stderr).toBe('6 events\n');
  });

  it('history filters by time, region and kind across all models', async () => {
    const run = await cli(
      'history',
      '--table',
      tableName,
      '--since',
      '2025-10-28',
      '--until',
      '2025-11-01',
      '--region',
      'us-west-2',
      '--kind',
      'model_added,deadline_approaching',
      '--json',
    );
    expect(run.status).toBe(0);
    const events = JSON.parse(run.stdout) as {
      kind: string;
      region: string;
      modelId: string;
      observedAt: string;
    }[];
    expect(events.map((e) => [e.observedAt, e.region, e.kind, e.modelId])).toEqual([
      ['2025-10-28T12:00:00.000Z', 'us-west-2', 'MODEL_ADDED', 'anthropic.claude-haiku-4-5-20251001-v1:0'],
      ['2025-11-01T00:00:00.000Z', 'us-west-2', 'DEADLINE_APPROACHING', SONNET_37],
    ]);
  });

  it('snapshot shows a region’s catalog as it stood at a past time', async () => {
    const before = JSON.parse(
      (await cli('snapshot', '--region', 'us-east-1', '--at', '2025-10-27', '--json')).stdout,
    );
    const after = JSON.parse(
      (await cli('snapshot', '--region', 'us-east-1', '--at', '2025-10-28T13:00:00Z', '--json')).stdout,
    );
    expect(before.snapshotTakenAt).toBe('2025-10-01T00:00:00.000Z');
    expect(after.snapshotTakenAt).toBe('2025-10-28T12:00:00.000Z');
    const sonnet = (s: { models: { modelId: string; status: string; phase: string }[] }) =>
      s.models.find((m) => m.modelId === SONNET_37);
    expect([sonnet(before)?.status, sonnet(after)?.status, sonnet(after)?.phase]).toEqual([
      'ACTIVE',
      'LEGACY',
      'LEGACY',
    ]);
    const ids = (s: { models: { modelId: string }[] }) => s.models.map((m) => m.modelId);
    expect(ids(after)).toContain('anthropic.claude-haiku-4-5-20251001-v1:0');
    expect(ids(before)).not.toContain('anthropic.claude-haiku-4-5-20251001-v1:0');
  });

  it('snapshot fails with one line when the monitor had not run yet at that time', async () => {
    const run = await cli('snapshot', '--table', tableName, '--region', 'us-east-1', '--at', '2025-01-01');
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      'bedrock-lifecycle snapshot: no snapshot of us-east-1 at or before 2025-01-01T23:59:59.999Z: the monitor had not run there yet\n',
    );
  });

  it('timeline --from table writes the page from the monitor’s stored state', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'timeline-')), 'timeline.html');
    const run = await cli(
      'timeline',
      '--from',
      'table',
      '--regions',
      'us-east-1',
      '--out',
      out,
      '--now',
      '2026-01-28',
    );
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`Wrote ${out} (4 models)\n`);
    const html = readFileSync(out, 'utf8');
    const row =
      new RegExp(`<g class="row" data-model="${SONNET_37.replace(/[.]/g, '\\.')}">.*?</g>`).exec(html)?.[0] ??
      '';
    expect([...row.matchAll(/data-phase="([A-Z_]+)"/g)].map((m) => m[1])).toEqual([
      'ACTIVE',
      'LEGACY',
      'EXTENDED_ACCESS',
      'EOL',
    ]);
    expect(html.match(/<g class="row"/g)).toHaveLength(4);
  });

  it('fails with one line when the stack does not exist', async () => {
    const run = await cli('history', '--stack', 'NoSuchStack');
    expect(run.status).toBe(1);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(
      /^bedrock-lifecycle history: ValidationError: Stack with id NoSuchStack does not exist/,
    );
  });

  it('runs the aws dynamodb query examples of docs/history.md as written, with the aws CLI', async () => {
    const section = readFileSync(join(__dirname, '..', '..', 'docs', 'history.md'), 'utf8');
    const script = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
    expect(script).toContain('aws dynamodb query');
    expect(existsSync('/bin/bash')).toBe(true);
    const { stdout } = await promisify(execFile)('bash', ['-euo', 'pipefail', '-c', script], {
      env: { ...process.env, ...env, AWS_DEFAULT_REGION: 'us-east-1' },
    });
    expect(stdout).toMatch(/2025-10-28T12:00:00\.000Z\s*\|\s*us-east-1\s*\|\s*MODEL_LEGACY\s*\|\s*LEGACY/);
    // The snapshot, ungzipped: the catalog's JSON.
    expect(stdout).toContain(`"modelId":"${SONNET_37}"`);
    // Every alert was delivered: the pending query lists none.
    expect(stdout.trimEnd().endsWith('[]')).toBe(true);
  });
});
