import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelPrice } from '../../contract/model-prices';
import { putBedrockMetrics } from '../../lab/bedrock-metrics';
import { EventRuleQueue } from '../../lab/event-rule-queue';
import { motoClientConfig, type RunningMoto, startMoto } from '../../lab/moto';
import { EventBridgeBus } from '../../lambda/adapters/eventbridge-bus';
import type { EventBus } from '../../lambda/ports';
import { RunFailedError } from '../../lambda/use-cases/run-monitor';
import { inProcessMonitor } from '../support/in-process-monitor';

const SONNET_37 = 'anthropic.claude-3-7-sonnet-20250219-v1:0';
const REGIONS = ['us-east-1', 'us-west-2'];
/** A week before Claude 3.7 Sonnet's end of life, and the run before it. */
const BEFORE = '2026-04-14T08:00:00Z';
const NOW = '2026-04-21T08:00:00Z';
const LATER = '2026-04-21T14:00:00Z';

/** Every change, on the account's default bus. */
const ALL = { source: ['bedrock-lifecycle-monitor'], 'detail-type': ['Bedrock Model Lifecycle Change'] };
/** docs/contract.md's rule: critical changes to models in use. */
const CRITICAL_IN_USE = {
  source: ['bedrock-lifecycle-monitor'],
  'detail-type': ['Bedrock Model Lifecycle Change'],
  detail: { severity: ['critical'], inUse: [true] },
};

/** docs/contract.md's rule for changes whose extended access costs over $1,000 a month more, as written there. */
const EXTRA_OVER_1000 = JSON.parse(
  /```json\n(\{[^`]*extendedAccessExtraMonthlyUsd[^`]*\})\n```/.exec(
    readFileSync(join(__dirname, '..', '..', 'docs', 'contract.md'), 'utf8'),
  )?.[1] ?? '{}',
) as object;

/**
 * One EventBridge event per change, on a moto of the file's own (its default bus and CloudWatch
 * metrics are the file's alone), delivered by rules to SQS targets.
 */
describe('lifecycle changes on an EventBridge bus', () => {
  let moto: RunningMoto;
  beforeAll(async () => {
    moto = await startMoto();
    await putBedrockMetrics(moto.url, 'us-east-1', [
      {
        modelId: `us.${SONNET_37}`,
        calls: 640,
        inputTokens: 400_000_000,
        outputTokens: 40_000_000,
        at: '2026-04-18T00:00:00Z',
      },
    ]);
  }, 60_000);
  afterAll(async () => {
    await moto?.stop();
  });

  const monitor = async (
    bus: (real: EventBus) => EventBus = (real) => real,
    modelPrices: readonly ModelPrice[] = [],
  ) => {
    const real = new EventBridgeBus(new EventBridgeClient(motoClientConfig(moto.url)), 'default');
    const h = await inProcessMonitor({
      regions: REGIONS,
      time: BEFORE,
      cloudWatchUrl: moto.url,
      bus: bus(real),
      modelPrices,
    });
    await h.run(BEFORE);
    await h.queue.drain();
    return h;
  };

  it('puts one event per change with the contract in detail, and rules pick the ones they match', async () => {
    const h = await monitor();
    const all = await EventRuleQueue.create(moto.url, ALL);
    const paged = await EventRuleQueue.create(moto.url, CRITICAL_IN_USE);
    await all.drain();
    expect((await h.run(NOW)).outcome).toBe('committed');
    const contract = (await h.queue.drain()).flatMap((m) => m.body.events);
    const events = await all.drain();
    expect(events.map((e) => e.detail.eventId).sort()).toEqual(contract.map((e) => e.eventId).sort());
    const sonnet = events.find((e) => e.detail.modelId === SONNET_37 && e.detail.region === 'us-east-1');
    expect(sonnet).toMatchObject({
      source: 'bedrock-lifecycle-monitor',
      'detail-type': 'Bedrock Model Lifecycle Change',
      resources: [`arn:aws:bedrock:us-east-1::foundation-model/${SONNET_37}`],
      detail: {
        schemaVersion: 1,
        kind: 'DEADLINE_APPROACHING',
        severity: 'critical',
        inUse: true,
        invocations: 640,
        endOfLifeTime: '2026-04-28T08:00:00.000Z',
      },
    });
    // The detail is the contract's event, field for field, with its schemaVersion.
    const { schemaVersion, ...detail } = sonnet?.detail ?? {};
    expect([schemaVersion, detail]).toEqual([1, contract.find((e) => e.eventId === sonnet?.detail.eventId)]);
    const critical = await paged.drain();
    expect(critical.length).toBeGreaterThan(0);
    expect(critical.every((e) => e.detail.severity === 'critical' && e.detail.inUse === true)).toBe(true);
    expect(critical.length).toBeLessThan(events.length);
  });

  it('lets a rule match the money at stake with a numeric filter, as docs/contract.md shows', async () => {
    // Claude 3.7 Sonnet, in extended access, is called through the US profile from us-east-1; the
    // team pays a tenth in us-west-2. The same tokens then cost about $3,857 more a month in
    // us-east-1, and $386 in us-west-2.
    const h = await monitor(undefined, [
      { model: 'anthropic.claude-3-7-sonnet', input: 3, output: 15, extendedInput: 6, extendedOutput: 30 },
      {
        model: 'anthropic.claude-3-7-sonnet',
        region: 'us-west-2',
        input: 0.3,
        output: 1.5,
        extendedInput: 0.6,
        extendedOutput: 3,
      },
    ]);
    const all = await EventRuleQueue.create(moto.url, ALL);
    const costly = await EventRuleQueue.create(moto.url, EXTRA_OVER_1000);
    await all.drain();
    expect((await h.run(NOW)).outcome).toBe('committed');
    const events = await all.drain();
    const sonnet = events.filter((e) => e.detail.modelId === SONNET_37);
    expect(
      Object.fromEntries(sonnet.map((e) => [e.detail.region, e.detail.extendedAccessExtraMonthlyUsd])),
    ).toEqual({ 'us-east-1': 3857.14, 'us-west-2': 385.71 });
    const matched = await costly.drain();
    expect(matched.map((e) => [e.detail.modelId, e.detail.region])).toEqual([[SONNET_37, 'us-east-1']]);
  });

  it('puts the entries the bus did not take on the next run, and the others only once', async () => {
    let failing = false;
    // moto takes every entry it is given; a bus that refuses some (as EventBridge does when throttled,
    // with FailedEntryCount and a per-entry ErrorCode) is this wrapper's to produce.
    const h = await monitor((real) => ({
      put: async (entries) => {
        if (!failing) return real.put(entries);
        const results = await real.put(entries.slice(1));
        return ['ThrottlingException: Rate exceeded', ...results];
      },
    }));
    const all = await EventRuleQueue.create(moto.url, ALL);
    failing = true;
    const first = h.run(NOW);
    await expect(first).rejects.toBeInstanceOf(RunFailedError);
    await expect(first).rejects.toThrow(/could not be published and stay pending/);
    const contract = (await h.queue.drain()).flatMap((m) => m.body.events);
    const taken = await all.drain();
    expect(taken.length).toBeGreaterThan(0);
    expect(taken.length).toBeLessThan(contract.length);

    failing = false;
    await h.run(LATER);
    await h.run('2026-04-21T20:00:00Z');
    const retried = await all.drain();
    expect([...taken, ...retried].map((e) => e.detail.eventId).sort()).toEqual(
      contract.map((e) => e.eventId).sort(),
    );
    expect((await h.store.load([])).cursor.pending).toEqual([]);
  });
});
