import { randomBytes } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putBedrockMetrics } from '../../lab/bedrock-metrics';
import { AWS_ERRORS, startFaultProxy } from '../../lab/fault-proxy';
import { type RunningMoto, startMoto } from '../../lab/moto';
import { dynamoDb } from '../../lab/moto-resources';
import { fromItem } from '../../lambda/adapters/attribute-values';
import type { LifecycleEvent } from '../../lambda/domain/events';
import { type InProcessMonitorOptions, inProcessMonitor } from '../support/in-process-monitor';

const SONNET_37 = 'anthropic.claude-3-7-sonnet-20250219-v1:0';
const HAIKU_35 = 'anthropic.claude-3-5-haiku-20241022-v1:0';
const REGIONS = ['us-east-1', 'us-west-2', 'eu-central-1'];
/** A week before Claude 3.7 Sonnet's end of life, and the run before it. */
const BEFORE = '2026-04-14T08:00:00Z';
const NOW = '2026-04-21T08:00:00Z';

/** The account called Claude 3.7 Sonnet through its US profile from us-east-1, as CloudWatch counts it. */
async function callSonnetThroughUsProfile(motoUrl: string): Promise<void> {
  await putBedrockMetrics(motoUrl, 'us-east-1', [
    { modelId: `us.${SONNET_37}`, calls: 12_000, at: '2026-04-10T00:00:00Z' },
    { modelId: `us.${SONNET_37}`, calls: 304, at: '2026-04-20T12:00:00Z' },
  ]);
}

/**
 * The account created an application inference profile routing to Claude 3.7 Sonnet in the US and
 * called it: CloudWatch counts those calls under the profile's ARN. The id is the test's own, so
 * no other test's metrics mix in.
 */
async function callSonnetThroughApplicationProfile(
  h: Awaited<ReturnType<typeof inProcessMonitor>>,
  cloudWatchUrl: string,
  calls: number,
) {
  const id = randomBytes(6).toString('hex');
  await h.tenant.update({
    applicationProfiles: [
      {
        id,
        name: 'chat-assistant',
        region: 'us-east-1',
        targets: ['us-east-1', 'us-west-2'].map((region) => ({ region, modelId: SONNET_37 })),
      },
    ],
  });
  await putBedrockMetrics(cloudWatchUrl, 'us-east-1', [
    {
      modelId: `arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/${id}`,
      calls,
      at: '2026-04-18T00:00:00Z',
    },
  ]);
}

async function harness(usage: InProcessMonitorOptions['usage'], before: string, cloudWatchUrl: string) {
  const h = await inProcessMonitor({ regions: REGIONS, time: before, usage, cloudWatchUrl });
  await h.run(before);
  await h.queue.drain();
  await h.tenant.clearRequests();
  return h;
}

const eventsOf = (body: Record<string, unknown>) => body.events as LifecycleEvent[];

describe('a run that knows which models the account uses', () => {
  // This file's metrics live in a moto of its own: in the shared one they would make Claude 3.7
  // Sonnet look in use to every other test running alongside.
  let cloudWatch: RunningMoto;
  beforeAll(async () => {
    cloudWatch = await startMoto();
  }, 60_000);
  afterAll(async () => {
    await cloudWatch?.stop();
  });

  it('marks a model called through a cross-region profile in use in every region the profile reaches, and ranks it first', async () => {
    const h = await harness({}, BEFORE, cloudWatch.url);
    await callSonnetThroughUsProfile(cloudWatch.url);
    const result = await h.run(NOW);
    expect(result.outcome).toBe('committed');
    const [critical] = await h.queue.drain();
    expect(critical?.subject).toBe(
      '[CRITICAL] IN USE - Claude 3.7 Sonnet (us-east-1 +1) reaches EOL in 7 days and 1 more',
    );
    const events = eventsOf(critical?.body ?? {});
    expect(events.map((e) => [e.region, e.inUse, e.invocations, e.usageLookbackDays])).toEqual([
      ['us-east-1', true, 12_304, 14],
      ['us-west-2', true, 12_304, 14],
      ['eu-central-1', false, 0, 14],
    ]);
    // Each history item keeps the usage at the time of the change.
    const { Items = [] } = await dynamoDb(h.motoUrl).send(
      new QueryCommand({
        TableName: h.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :e)',
        ExpressionAttributeValues: {
          ':pk': { S: `MODEL#${SONNET_37}` },
          ':e': { S: `EVENT#${new Date(NOW).toISOString()}` },
        },
      }),
    );
    expect(
      Items.map(fromItem)
        .map((item) => [item.region, item.inUse, item.invocations])
        .sort(),
    ).toEqual([
      ['eu-central-1', false, 0],
      ['us-east-1', true, 12_304],
      ['us-west-2', true, 12_304],
    ]);
    // One profile listing per type and region, and the listings: nothing else went to Bedrock.
    const paths = (await h.tenant.requests()).map((r) => r.path);
    expect(paths.filter((p) => p === '/foundation-models')).toHaveLength(3);
    expect(paths.filter((p) => p === '/inference-profiles')).toHaveLength(6);
  });

  it('with alertOn "used", keeps changes to models not in use at info severity and the rest as they were', async () => {
    // From March, so the run also sees Claude 3.5 Haiku come within 90 days of its end of life.
    const h = await harness({ alertOn: 'used' }, '2026-03-01T00:00:00Z', cloudWatch.url);
    await callSonnetThroughApplicationProfile(h, cloudWatch.url, 420);
    await h.run(NOW);
    const messages = await h.queue.drain();
    const severityOf = (region: string, modelId: string) =>
      messages
        .flatMap((m) => eventsOf(m.body))
        .filter((e) => e.region === region && e.modelId === modelId && e.kind === 'DEADLINE_APPROACHING')
        .map((e) => e.severity);
    expect(severityOf('us-east-1', SONNET_37)).toEqual(['critical']);
    expect(severityOf('us-west-2', SONNET_37)).toEqual(['critical']);
    expect(severityOf('eu-central-1', SONNET_37)).toEqual(['info']);
    expect(severityOf('us-east-1', HAIKU_35)).toEqual(['info']);
    expect(messages.map((m) => m.attributes.severity?.Value)).toEqual(['critical', 'info']);
  });

  it('treats a watched model as in use even when it was not called', async () => {
    const h = await harness(
      { alertOn: 'used', watchList: ['us.anthropic.claude-3-5-haiku'] },
      '2026-03-01T00:00:00Z',
      cloudWatch.url,
    );
    await h.run(NOW);
    const haiku = (await h.queue.drain())
      .flatMap((m) => eventsOf(m.body))
      .filter((e) => e.modelId === HAIKU_35 && e.region === 'us-east-1');
    expect(haiku.map((e) => [e.inUse, e.invocations, e.severity])).toEqual([
      [true, 0, 'warning'],
      [true, 0, 'warning'],
    ]);
  });

  it('lets a critical alert through, usage unknown, when CloudWatch cannot be read, and says why in a warning', async () => {
    const proxy = await startFaultProxy(cloudWatch.url);
    try {
      const h = await harness({ alertOn: 'used' }, BEFORE, proxy.url);
      proxy.inject(AWS_ERRORS.cloudWatchInternal(), -1);
      const result = await h.run(NOW);
      expect(result.outcome).toBe('committed');
      const [critical] = await h.queue.drain();
      expect(critical?.attributes.severity?.Value).toBe('critical');
      expect(critical?.attributes.inUse?.Value).toBe('unknown');
      const events = eventsOf(critical?.body ?? {});
      expect(events.length).toBeGreaterThan(0);
      expect(events.filter((e) => e.inUse !== null || e.invocations !== null)).toEqual([]);
      expect(h.log.messages('warn')).toEqual(
        expect.arrayContaining(
          REGIONS.map((r) => `Usage unknown in ${r}: could not read its CloudWatch metrics`),
        ),
      );
    } finally {
      await proxy.close();
    }
  });

  it('still knows a model was in use at its end of life, when its cross-region profile left the listing with it', async () => {
    const h = await inProcessMonitor({ regions: ['eu-central-1'], time: NOW, cloudWatchUrl: cloudWatch.url });
    await h.run(NOW);
    await h.queue.drain();
    await putBedrockMetrics(cloudWatch.url, 'eu-central-1', [
      { modelId: `eu.${SONNET_37}`, calls: 640, at: '2026-04-25T00:00:00Z' },
    ]);
    await h.run('2026-04-28T08:00:00Z');
    const [critical] = await h.queue.drain();
    expect(critical?.subject).toBe(
      '[CRITICAL] IN USE - Claude 3.7 Sonnet (eu-central-1) reached EOL: calls now fail (640 calls / 14 d)',
    );
  });

  it('reads no usage on a run with nothing to report', async () => {
    const h = await harness({}, BEFORE, cloudWatch.url);
    await h.run('2026-04-14T14:00:00Z');
    expect((await h.tenant.requests()).map((r) => r.path)).toEqual(REGIONS.map(() => '/foundation-models'));
    expect(await h.queue.drain()).toEqual([]);
  });
});
