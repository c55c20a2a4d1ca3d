import { describe, expect, it } from 'vitest';
import { dynamoDb, type ReceivedAlert, sns } from '../../lab/moto-resources';
import { SnsNotifier } from '../../lambda/adapters/sns-notifier';
import type { LifecycleStore } from '../../lambda/ports';
import { RunFailedError } from '../../lambda/use-cases/run-monitor';
import { inProcessMonitor } from '../support/in-process-monitor';
import { query, scanAll } from '../support/table-scan';

const SONNET_37 = 'anthropic.claude-3-7-sonnet-20250219-v1:0';
const HAIKU_45 = 'anthropic.claude-haiku-4-5-20251001-v1:0';
const REGIONS = ['us-east-1', 'us-west-2'];

/** kind/modelId@region for every event of every message, message by message. */
const summary = (alerts: ReceivedAlert[]) =>
  alerts.map((a) => [a.body.severity, a.body.events.map((e) => `${e.kind}/${e.modelId}@${e.region}`)]);

/**
 * moto checks a transaction's condition and applies its writes without isolation from a concurrent
 * one, so two racing conditional commits can both pass there; DynamoDB serialises them. The runs
 * overlap in everything else, but their commits reach moto one after the other, as DynamoDB would
 * order them.
 */
function oneCommitAtATime(real: LifecycleStore): LifecycleStore {
  let last: Promise<unknown> = Promise.resolve();
  const store: LifecycleStore = Object.create(real);
  store.commit = (commit) => {
    const next = last.then(() => real.commit(commit));
    last = next.catch(() => undefined);
    return next;
  };
  return store;
}

describe('a whole run against moto and the Bedrock stand-in', () => {
  it('records a baseline, then sends each change once, in order, and keeps it in the history', async () => {
    const h = await inProcessMonitor({ regions: REGIONS, time: '2025-10-01T00:00:00Z' });

    const baseline = await h.run('2025-10-01T00:00:00Z');
    expect(baseline).toMatchObject({ outcome: 'committed', failedRegions: [], events: 0 });
    expect(baseline.regions.map((r) => [r.region, r.status])).toEqual([
      ['us-east-1', 'baseline'],
      ['us-west-2', 'baseline'],
    ]);
    const [started, ...none] = await h.queue.drain();
    expect(none).toEqual([]);
    expect(started?.subject).toBe('[INFO] Monitoring started: 24 models, all Active (us-east-1 +1)');
    expect(started?.body).toMatchObject({
      severity: 'info',
      events: [],
      baselines: [
        { region: 'us-east-1', modelCount: 12, phases: { ACTIVE: 12 } },
        { region: 'us-west-2', modelCount: 12, phases: { ACTIVE: 12 } },
      ],
    });

    await h.run('2025-10-28T12:00:00Z');
    expect(summary(await h.queue.drain())).toEqual([
      ['warning', [`MODEL_LEGACY/${SONNET_37}@us-east-1`, `MODEL_LEGACY/${SONNET_37}@us-west-2`]],
      ['info', [`MODEL_ADDED/${HAIKU_45}@us-east-1`, `MODEL_ADDED/${HAIKU_45}@us-west-2`]],
    ]);

    await h.run('2025-10-29T00:00:00Z');
    expect(await h.queue.drain()).toEqual([]);

    await h.run('2025-11-01T00:00:00Z');
    const [reminder] = await h.queue.drain();
    expect(reminder?.subject).toBe(
      '[WARNING] Claude 3.7 Sonnet (us-east-1 +1) enters extended access in 88 days',
    );
    expect(reminder?.body.events.map((e) => [e.deadline, e.thresholdDays, e.daysRemaining])).toEqual([
      ['EXTENDED_ACCESS', 90, 88],
      ['EXTENDED_ACCESS', 90, 88],
    ]);

    const history = await query(dynamoDb(h.motoUrl), {
      TableName: h.tableName,
      KeyConditionExpression: 'PK = :pk',
      values: { ':pk': `MODEL#${SONNET_37}` },
    });
    expect(history.map((e) => `${e.observedAt} ${e.kind} ${e.region}`)).toEqual([
      '2025-10-28T12:00:00.000Z MODEL_LEGACY us-east-1',
      '2025-10-28T12:00:00.000Z MODEL_LEGACY us-west-2',
      '2025-11-01T00:00:00.000Z DEADLINE_APPROACHING us-east-1',
      '2025-11-01T00:00:00.000Z DEADLINE_APPROACHING us-west-2',
    ]);
  });

  it('calls ListFoundationModels once per region per run', async () => {
    const h = await inProcessMonitor({
      regions: ['us-east-1', 'us-west-2', 'eu-central-1'],
      time: '2025-10-01T00:00:00Z',
    });
    await h.run('2025-10-01T00:00:00Z');
    await h.run('2025-10-28T12:00:00Z');
    // Both runs had something to report, so each also read the regions' inference profiles.
    const calls = (await h.tenant.requests()).filter((c) => c.path === '/foundation-models');
    expect(calls.map((c) => `${c.path}@${c.region}`).sort()).toEqual(
      ['us-east-1', 'us-west-2', 'eu-central-1', 'us-east-1', 'us-west-2', 'eu-central-1']
        .map((r) => `/foundation-models@${r}`)
        .sort(),
    );
  });

  it('writes only the cursor on a run with no changes', async () => {
    const h = await inProcessMonitor({ regions: REGIONS, time: '2025-10-01T00:00:00Z' });
    await h.run('2025-10-01T00:00:00Z');
    const client = dynamoDb(h.motoUrl);
    const before = await scanAll(client, h.tableName);
    await h.run('2025-10-02T00:00:00Z');
    const after = await scanAll(client, h.tableName);
    const written = after.filter((item) => !before.some((b) => JSON.stringify(b) === JSON.stringify(item)));
    expect(written.map((i) => `${i.PK} ${i.SK}`)).toEqual(['MONITOR CURSOR']);
  });

  it('treats a second invocation with the same scheduled time as a retry: nothing sent or written again', async () => {
    const h = await inProcessMonitor({ regions: REGIONS, time: '2025-10-01T00:00:00Z' });
    await h.run('2025-10-01T00:00:00Z');
    await h.queue.drain();
    await h.run('2025-10-28T12:00:00Z');
    expect(await h.queue.drain()).toHaveLength(2);
    const before = await scanAll(dynamoDb(h.motoUrl), h.tableName);

    const again = await h.run('2025-10-28T12:00:00Z');
    expect(again.outcome).toBe('retry');
    expect(await h.queue.drain()).toEqual([]);
    expect(await scanAll(dynamoDb(h.motoUrl), h.tableName)).toEqual(before);
  });

  it('commits once and sends one set of messages when two runs of the same time overlap', async () => {
    const h = await inProcessMonitor({
      regions: REGIONS,
      time: '2025-10-01T00:00:00Z',
      store: oneCommitAtATime,
    });
    await h.run('2025-10-01T00:00:00Z');
    await h.queue.drain();
    const results = await Promise.all([h.run('2025-10-28T12:00:00Z'), h.run('2025-10-28T12:00:00Z')]);
    expect(results.filter((r) => r.outcome === 'committed')).toHaveLength(1);
    expect(summary(await h.queue.drain())).toEqual([
      ['warning', [`MODEL_LEGACY/${SONNET_37}@us-east-1`, `MODEL_LEGACY/${SONNET_37}@us-west-2`]],
      ['info', [`MODEL_ADDED/${HAIKU_45}@us-east-1`, `MODEL_ADDED/${HAIKU_45}@us-west-2`]],
    ]);
    expect((await h.store.load([])).cursor).toMatchObject({ version: 2, pending: [] });
  });

  it('leaves a failed region untouched, alerts the others, and sends its alerts once it recovers', async () => {
    const h = await inProcessMonitor({ regions: REGIONS, time: '2025-10-01T00:00:00Z' });
    await h.run('2025-10-01T00:00:00Z');
    await h.queue.drain();
    const westBefore = (await h.store.load(['us-west-2'])).regions.get('us-west-2');
    await h.tenant.update({
      faults: [{ region: 'us-west-2', status: 500, errorType: 'InternalServerException', times: -1 }],
    });

    const partial = await h.run('2025-10-28T12:00:00Z');
    expect(partial.outcome).toBe('committed');
    expect(partial.failedRegions).toEqual(['us-west-2']);
    expect(partial.regions.find((r) => r.region === 'us-west-2')).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('InternalServerException'),
    });
    expect(h.log.messages('error')).toContain('Region failed; its state is left as it was');
    expect(h.metrics.failedRegions).toEqual([[], ['us-west-2']]);
    expect(h.metrics.succeeded).toBe(2);
    expect(summary(await h.queue.drain())).toEqual([
      ['warning', [`MODEL_LEGACY/${SONNET_37}@us-east-1`]],
      ['info', [`MODEL_ADDED/${HAIKU_45}@us-east-1`]],
    ]);
    expect((await h.store.load(['us-west-2'])).regions.get('us-west-2')).toEqual(westBefore);

    await h.tenant.update({ faults: [] });
    await h.run('2025-10-28T18:00:00Z');
    expect(summary(await h.queue.drain())).toEqual([
      ['warning', [`MODEL_LEGACY/${SONNET_37}@us-west-2`]],
      ['info', [`MODEL_ADDED/${HAIKU_45}@us-west-2`]],
    ]);
    await h.run('2025-10-29T00:00:00Z');
    expect(await h.queue.drain()).toEqual([]);
  });

  it('fails the invocation on the first run of a region that cannot be listed, after committing and alerting the others', async () => {
    // A misnamed region has no Bedrock endpoint: calls to it fail on every run, from the first.
    const h = await inProcessMonitor({ regions: ['us-east-1', 'us-east-7'], time: '2025-10-01T00:00:00Z' });
    await h.tenant.update({
      faults: [{ region: 'us-east-7', status: 403, errorType: 'UnrecognizedClientException', times: -1 }],
    });
    const first = h.run('2025-10-01T00:00:00Z');
    await expect(first).rejects.toBeInstanceOf(RunFailedError);
    await expect(first).rejects.toThrow(
      'us-east-7 could not be listed and never has been: check the region name, and that Bedrock is offered there',
    );
    const stored = await h.store.load(['us-east-1', 'us-east-7']);
    expect(stored.cursor.version).toBe(1);
    expect([...stored.regions.keys()]).toEqual(['us-east-1']);
    expect((await h.queue.drain()).map((a) => a.subject)).toEqual([
      '[INFO] Monitoring started: 12 models, all Active (us-east-1)',
    ]);
    expect(h.metrics.succeeded).toBe(1);
    // It stays loud on every later run: it has still never been listed.
    await expect(h.run('2025-10-02T00:00:00Z')).rejects.toThrow(
      'us-east-7 could not be listed and never has been',
    );
  });

  it('fails the run when every region fails, committing nothing', async () => {
    const h = await inProcessMonitor({ regions: REGIONS, time: '2025-10-01T00:00:00Z' });
    await h.tenant.update({ faults: [{ status: 403, errorType: 'AccessDeniedException', times: -1 }] });
    await expect(h.run('2025-10-01T00:00:00Z')).rejects.toThrow('All 2 regions failed: us-east-1, us-west-2');
    expect((await h.store.load([])).cursor.version).toBe(0);
    expect(h.metrics.succeeded).toBe(0);
    expect(h.metrics.failedRegions).toEqual([['us-east-1', 'us-west-2']]);
  });

  it('fails visibly when publishing fails, then delivers every pending alert exactly once', async () => {
    const h = await inProcessMonitor({ regions: REGIONS, time: '2025-10-01T00:00:00Z' });
    await h.run('2025-10-01T00:00:00Z');
    await h.queue.drain();
    const working = h.ports.notifier;
    h.ports.notifier = new SnsNotifier(sns(h.motoUrl), `${h.topicArn}-deleted`);

    const failed = h.run('2025-10-28T12:00:00Z');
    await expect(failed).rejects.toBeInstanceOf(RunFailedError);
    await expect(failed).rejects.toThrow(/2 alert\(s\) could not be published and stay pending/);
    expect(h.metrics.delivered.at(-1)).toEqual([0, 2]);
    expect(await h.queue.drain()).toEqual([]);
    expect((await h.store.load([])).cursor.pending).toHaveLength(2);

    h.ports.notifier = working;
    const next = await h.run('2025-10-28T18:00:00Z');
    expect(next.delivered).toHaveLength(2);
    expect(summary(await h.queue.drain())).toEqual([
      ['warning', [`MODEL_LEGACY/${SONNET_37}@us-east-1`, `MODEL_LEGACY/${SONNET_37}@us-west-2`]],
      ['info', [`MODEL_ADDED/${HAIKU_45}@us-east-1`, `MODEL_ADDED/${HAIKU_45}@us-west-2`]],
    ]);
    await h.run('2025-10-29T00:00:00Z');
    expect(await h.queue.drain()).toEqual([]);
    expect((await h.store.load([])).cursor.pending).toEqual([]);
  });

  it("drops a removed route's pending messages with a warning, and still delivers the alert topic's", async () => {
    const pager = {
      name: 'pager',
      minSeverity: 'warning',
      inUse: false,
      accounts: [],
      modelIdPrefixes: [],
    } as const;
    const h = await inProcessMonitor({ regions: REGIONS, time: '2025-10-01T00:00:00Z', routes: [pager] });
    await h.run('2025-10-01T00:00:00Z');
    await h.queue.drain();
    const working = h.ports.notifier;
    h.ports.notifier = {
      publish: (message, route) =>
        route === undefined ? working.publish(message) : Promise.reject(new Error('route topic deleted')),
    };
    await expect(h.run('2025-10-28T12:00:00Z')).rejects.toThrow(/1 alert\(s\) could not be published/);
    expect(await h.routeQueues.get('pager')?.drain()).toEqual([]);
    expect((await h.queue.drain()).map((a) => a.body.severity)).toEqual(['warning', 'info']);
    expect((await h.store.load([])).cursor.pending).toHaveLength(1);

    // The route is taken out of the configuration: its message has no topic any more.
    h.ports.notifier = working;
    const next = await h.run('2025-10-28T18:00:00Z', { ...h.settings, routes: [] });
    expect(next.undelivered).toEqual([]);
    expect(h.log.messages('warn')).toContain('Alert for a destination that is no longer configured; dropped');
    expect((await h.store.load([])).cursor.pending).toEqual([]);
    expect(await h.queue.drain()).toEqual([]);
  });

  it('delivers pending alerts when Lambda retries the failed invocation with the same time', async () => {
    const h = await inProcessMonitor({ regions: ['us-east-1'], time: '2025-10-01T00:00:00Z' });
    await h.run('2025-10-01T00:00:00Z');
    await h.queue.drain();
    const working = h.ports.notifier;
    h.ports.notifier = new SnsNotifier(sns(h.motoUrl), `${h.topicArn}-deleted`);
    await expect(h.run('2025-10-28T12:00:00Z')).rejects.toBeInstanceOf(RunFailedError);

    h.ports.notifier = working;
    const retry = await h.run('2025-10-28T12:00:00Z');
    expect(retry.outcome).toBe('retry');
    expect(summary(await h.queue.drain())).toEqual([
      ['warning', [`MODEL_LEGACY/${SONNET_37}@us-east-1`]],
      ['info', [`MODEL_ADDED/${HAIKU_45}@us-east-1`]],
    ]);
  });

  it('raises end of life for a model that vanishes on its date, and nothing else for it', async () => {
    const h = await inProcessMonitor({ regions: ['us-east-1'], time: '2026-04-20T00:00:00Z' });
    await h.run('2026-04-20T00:00:00Z');
    await h.queue.drain();
    await h.run('2026-04-28T08:00:00Z');
    const alerts = await h.queue.drain();
    expect(alerts[0]?.subject).toBe('[CRITICAL] Claude 3.7 Sonnet (us-east-1) reached EOL: calls now fail');
    expect(summary(alerts)).toEqual([['critical', [`MODEL_EOL/${SONNET_37}@us-east-1`]]]);
    await h.run('2026-04-29T08:00:00Z');
    await h.run('2026-04-30T08:00:00Z');
    expect(await h.queue.drain()).toEqual([]);
  });
});
