import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { putBedrockMetrics } from '../../lab/bedrock-metrics';
import { runBundledHandler } from '../../lab/bundled-handler';
import { runCli } from '../../lab/cli';
import { type FaultProxy, startFaultProxy } from '../../lab/fault-proxy';
import { CATALOG } from '../../lab/fixtures/catalog';
import { type DeployedStack, deployToMoto, motoEnv } from '../../lab/local-deploy';
import { AlertQueue, type ReceivedAlert } from '../../lab/moto-resources';
import { publishesSeen } from '../../lab/published-message';
import { StandInTenant } from '../../lab/stand-in-tenant';

const HAIKU_35 = 'anthropic.claude-3-5-haiku-20241022-v1:0';
const COMMAND_R_PLUS = 'cohere.command-r-plus-v1:0';
/**
 * Baseline, then the run where Command R+ has become Legacy (2026-02-19) and Claude 3.5 Haiku's
 * extended access (2026-03-19) is under 30 days away. No other test puts metrics into February 2026.
 */
const BASELINE = '2026-02-10T00:00:00Z';
const RUN = '2026-02-19T12:00:00Z';

describe('what staying on a model costs, end to end in emulated AWS', () => {
  const motoUrl = inject('motoUrl');
  let stack: DeployedStack;
  let queue: AlertQueue;
  let tenant: StandInTenant;
  /** In front of moto, to read each message's email body from the Publish request. */
  let proxy: FaultProxy;
  let received: ReceivedAlert[];

  const invoke = async (time: string) => {
    await tenant.at(time);
    const deployed = stack.functions.FunctionName;
    if (!deployed) throw new Error('No deployed monitor function');
    const result = await runBundledHandler(
      deployed.bundlePath,
      { ...deployed.env, ...motoEnv(motoUrl), ...tenant.env(), AWS_ENDPOINT_URL: proxy.url },
      { time },
    );
    expect(result.ok, JSON.stringify(result.error)).toBe(true);
    return queue.drain();
  };

  beforeAll(async () => {
    const suffix = randomBytes(3).toString('hex');
    stack = await deployToMoto(motoUrl, `Money${suffix}`, {
      regions: 'us-east-1',
      // The team's price for Claude 3.5 Haiku, extended access included; none for Command R+.
      modelPrices: JSON.stringify([
        { model: 'anthropic.claude-3-5-haiku', input: 0.8, output: 4, extendedInput: 1.6, extendedOutput: 8 },
      ]),
    });
    queue = await AlertQueue.subscribe(motoUrl, stack.outputs.TopicArn);
    proxy = await startFaultProxy(motoUrl);
    tenant = new StandInTenant(inject('standInUrl'), `MONEY-${suffix}`);
    await tenant.set({ time: BASELINE, models: CATALOG });
    await invoke(BASELINE);
    // Claude 3.5 Haiku called through the US cross-region profile and directly; Command R+ directly.
    await putBedrockMetrics(motoUrl, 'us-east-1', [
      {
        modelId: `us.${HAIKU_35}`,
        calls: 3_000,
        inputTokens: 30_000_000,
        outputTokens: 3_000_000,
        at: '2026-02-12T00:00:00Z',
      },
      {
        modelId: HAIKU_35,
        calls: 1_000,
        inputTokens: 12_000_000,
        outputTokens: 1_200_000,
        at: '2026-02-14T00:00:00Z',
      },
      {
        modelId: COMMAND_R_PLUS,
        calls: 500,
        inputTokens: 9_000_000,
        outputTokens: 900_000,
        at: '2026-02-15T00:00:00Z',
      },
    ]);
    proxy.resetCounts();
    received = await invoke(RUN);
  }, 240_000);
  afterAll(async () => {
    await proxy?.close();
  });

  const eventOf = (modelId: string) =>
    received.flatMap((a) => a.body.events).find((e) => e.modelId === modelId && e.region === 'us-east-1');

  it('puts the tokens, the prices and the monthly costs on the event of a priced model', () => {
    // (42M input × $0.80 + 4.2M output × $4) per million × 30 / 14 days = $108 a month, and as
    // much again during extended access, at twice the price.
    expect(eventOf(HAIKU_35)).toMatchObject({
      kind: 'DEADLINE_APPROACHING',
      deadline: 'EXTENDED_ACCESS',
      inUse: true,
      invocations: 4_000,
      tokens: { input: 42_000_000, output: 4_200_000 },
      pricesPerMillionTokens: { input: 0.8, output: 4, extendedInput: 1.6, extendedOutput: 8 },
      priceSource: 'modelPrices',
      monthlyCostUsd: 108,
      extendedAccessExtraMonthlyUsd: 108,
    });
  });

  it('leaves the costs null, never 0, for a model no source prices', () => {
    expect(eventOf(COMMAND_R_PLUS)).toMatchObject({
      inUse: true,
      tokens: { input: 9_000_000, output: 900_000 },
      pricesPerMillionTokens: null,
      priceSource: null,
      monthlyCostUsd: null,
      extendedAccessExtraMonthlyUsd: null,
    });
  });

  it('keeps the fields in the history, as `history --json` prints them from the deployed table', async () => {
    const run = await runCli(
      [
        'history',
        '--table',
        stack.outputs.TableName,
        '--model',
        HAIKU_35,
        '--kind',
        'DEADLINE_APPROACHING',
        '--since',
        RUN,
        '--json',
      ],
      motoEnv(motoUrl),
    );
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject([
      {
        tokens: { input: 42_000_000, output: 4_200_000 },
        priceSource: 'modelPrices',
        monthlyCostUsd: 108,
        extendedAccessExtraMonthlyUsd: 108,
      },
    ]);
  });

  it('says it in the email: the extra a month for the priced model, "unknown" for the other', () => {
    const emails = publishesSeen(proxy.requests()).map(
      (p) => (JSON.parse(p.Message ?? '{}') as { email?: string }).email ?? '',
    );
    const text = emails.join('\n');
    expect(text).toContain(
      '   At stake:        Extended access from 2026-03-19 costs about $108 more a month at the last 14 days’ use (input $0.80 → $1.60, output $4 → $8 per million tokens; prices from modelPrices).',
    );
    expect(text).toContain(
      '   At stake:        Cost unknown: no price for this model, so what extended access from 2026-05-19 adds is unknown too (add it to modelPrices).',
    );
  });
});
