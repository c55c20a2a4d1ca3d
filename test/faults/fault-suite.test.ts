import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { METRICS } from '../../contract/metrics';
import { MAX_REGIONS } from '../../contract/settings';
import { putBedrockMetrics } from '../../lab/bedrock-metrics';
import { type ScheduledModel, summaryAt } from '../../lab/bedrock-stand-in';
import { type HandlerRun, monitorBundle } from '../../lab/bundled-handler';
import { AWS_ERRORS } from '../../lab/fault-proxy';
import { CATALOG } from '../../lab/fixtures/catalog';
import { type MonitorLab, type MonitorLabOptions, monitorLab } from '../../lab/monitor-lab';
import { publishesSeen } from '../../lab/published-message';
import { simulateRuns } from '../../lab/simulated-runs';
import { regionsOf, steadyModels } from '../../lab/synthetic-catalog';
import type { LifecycleEvent } from '../../lambda/domain/events';
import {
  CONTROL,
  HOSTILE_MODELS,
  HOSTILE_SUCCESSOR_ID,
  T0 as HOSTILE_T0,
  T1 as HOSTILE_T1,
  marker,
  pastedArgs,
} from '../support/hostile-catalog';

/**
 * The fault suite: each fault is injected at the HTTP layer (the Bedrock stand-in answers with
 * errors or odd data, a proxy in front of moto fails DynamoDB or SNS with AWS's own error
 * responses) while the bundled handler runs as Lambda would run it. Each test records what was
 * injected, what the monitor did, and how many alerts were lost, duplicated or falsely raised,
 * counted against what the same timeline yields without the fault. The last test renders those
 * rows into docs/reliability.md and fails when the committed copy differs
 * (`npm run docs:reliability` rewrites it).
 */

const ROOT = join(__dirname, '..', '..');
const REGIONS = ['us-east-1', 'us-west-2'];
const T0 = '2025-10-01T00:00:00Z'; // baseline: every model Active
const T1 = '2025-10-28T12:00:00Z'; // Claude 3.7 Sonnet becomes Legacy; Claude Haiku 4.5 launched
const T2 = '2025-10-28T18:00:00Z'; // nothing new
const T3 = '2025-10-29T00:00:00Z'; // nothing new
const DEC20 = '2025-12-20T00:00:00Z'; // Claude 3.5 Haiku becomes Legacy
const DEC21 = '2025-12-21T00:00:00Z';
const APR14 = '2026-04-14T08:00:00Z';
const APR21 = '2026-04-21T08:00:00Z'; // Claude 3.7 Sonnet's end of life is 7 days away: critical
const HAIKU_35 = 'anthropic.claude-3-5-haiku-20241022-v1:0';

interface Row {
  readonly fault: string;
  readonly injected: string;
  readonly did: string;
  /** Null where no alert is involved (a synth that fails). */
  readonly lost: number | null;
  readonly duplicated: number | null;
  readonly falselyRaised: number | null;
}
const rows: Row[] = [];
/** Text as a markdown table cell: a pipe would end the cell, and `<` would open an HTML tag. */
const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/</g, '&lt;');

let bundle: string;
const open: MonitorLab[] = [];
/** One fault scenario: a monitor lab on the emulators the test setup started. */
const scenario = async (options: Omit<MonitorLabOptions, 'motoUrl' | 'standInUrl'>) => {
  const s = await monitorLab(bundle, {
    ...options,
    motoUrl: inject('motoUrl'),
    standInUrl: inject('standInUrl'),
  });
  open.push(s);
  return s;
};

const expectedEvents = (
  times: readonly string[],
  regions: readonly string[] = REGIONS,
  models: readonly ScheduledModel[] = CATALOG,
  extra: Readonly<Record<string, readonly unknown[]>> = {},
): LifecycleEvent[] =>
  simulateRuns(regions, times, models, undefined, extra)
    .flat()
    .flatMap((alert) => [...alert.events]);

/** Alerts lost, sent more than once, or sent without cause, against the unfaulted timeline. */
function tally(delivered: readonly LifecycleEvent[], expected: readonly LifecycleEvent[]) {
  const sent = new Map<string, number>();
  for (const event of delivered) sent.set(event.eventId, (sent.get(event.eventId) ?? 0) + 1);
  const wanted = new Set(expected.map((e) => e.eventId));
  return {
    lost: [...wanted].filter((id) => !sent.has(id)).length,
    duplicated: [...sent.values()].reduce((n, times) => n + times - 1, 0),
    falselyRaised: [...sent.keys()].filter((id) => !wanted.has(id)).length,
  };
}

const logged = (run: HandlerRun, level: string, message: string) =>
  run.logs.filter((line) => line.level === level && String(line.message).includes(message));

/** The run's RegionsFailed metric record: how many regions failed, and which. */
const regionsMetric = (run: HandlerRun) => {
  const record = run.logs.find((line) => '_aws' in line && METRICS.regionsFailed in line);
  return [record?.[METRICS.regionsFailed], record?.[METRICS.failedRegions]];
};

const ok = (run: HandlerRun) => expect(run.ok, JSON.stringify(run.error)).toBe(true);

beforeAll(() => {
  bundle = monitorBundle();
}, 120_000);

afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

describe('the monitor under faults (bundled handler, faults at the HTTP layer)', () => {
  it('retries Bedrock throttling and sends exactly the alerts of an unthrottled run', async () => {
    const calm = await scenario({ regions: REGIONS, time: T0 });
    ok(await calm.invoke(T0));
    ok(await calm.invoke(T1));

    const throttled = await scenario({ regions: REGIONS, time: T0 });
    ok(await throttled.invoke(T0));
    await throttled.tenant.clearRequests();
    await throttled.tenant.update({
      faults: [{ region: 'us-west-2', status: 429, errorType: 'ThrottlingException', times: 2 }],
    });
    ok(await throttled.invoke(T1));

    const calls = (await throttled.tenant.requests()).filter((c) => c.path === '/foundation-models');
    const west = calls.filter((c) => c.region === 'us-west-2').length;
    const east = calls.filter((c) => c.region === 'us-east-1').length;
    expect([east, west]).toEqual([1, 3]);
    expect(
      throttled
        .delivered()
        .map((e) => e.eventId)
        .sort(),
    ).toEqual(
      calm
        .delivered()
        .map((e) => e.eventId)
        .sort(),
    );
    const counts = tally(throttled.delivered(), calm.delivered());
    expect(counts).toEqual({ lost: 0, duplicated: 0, falselyRaised: 0 });
    rows.push({
      fault: 'Bedrock throttling',
      injected: '429 ThrottlingException twice on us-west-2 during a run with changes',
      did: `Retried with backoff (${west} calls to us-west-2, ${east} to us-east-1); the run succeeded and sent the same ${calm.received.length} messages as an unthrottled run`,
      ...counts,
    });
  });

  it('commits and alerts the healthy region while one fails, leaves the failed one untouched, and catches up once it recovers', async () => {
    const s = await scenario({ regions: REGIONS, time: T0 });
    ok(await s.invoke(T0));
    const westBefore = (await s.store.load(['us-west-2'])).regions.get('us-west-2');

    await s.tenant.update({
      faults: [{ region: 'us-west-2', status: 500, errorType: 'InternalServerException', times: -1 }],
    });
    const down = await s.invoke(T1);
    await s.tenant.update({
      faults: [
        {
          region: 'us-west-2',
          status: 403,
          errorType: 'AccessDeniedException',
          message: 'not authorized',
          times: -1,
        },
      ],
    });
    const denied = await s.invoke(T2);
    for (const run of [down, denied]) {
      ok(run);
      expect(run.result?.failedRegions).toEqual(['us-west-2']);
      expect(logged(run, 'ERROR', 'Region failed')).toHaveLength(1);
      expect(regionsMetric(run)).toEqual([1, 'us-west-2']);
    }
    expect((await s.store.load(['us-west-2'])).regions.get('us-west-2')).toEqual(westBefore);
    const whileDown = s.delivered().filter((e) => e.observedAt !== new Date(T0).toISOString());
    expect(new Set(whileDown.map((e) => e.region))).toEqual(new Set(['us-east-1']));

    await s.tenant.update({ faults: [] });
    const recovered = await s.invoke(T3);
    ok(recovered);
    expect(recovered.result?.failedRegions).toEqual([]);
    expect(regionsMetric(recovered)).toEqual([0, undefined]);
    expect(s.delivered().some((e) => e.kind === 'MODEL_REMOVED')).toBe(false);
    const counts = tally(s.delivered(), expectedEvents([T0, T1, T2, T3]));
    expect(counts).toEqual({ lost: 0, duplicated: 0, falselyRaised: 0 });
    rows.push({
      fault: 'One region fails persistently',
      injected: 'us-west-2 answers 500 on one run, then 403 AccessDeniedException on the next, then recovers',
      did: 'Committed and alerted us-east-1 each time; left us-west-2 state untouched and raised no removal; reported it failed in the result, an ERROR log and the RegionsFailed metric; sent its alerts once when it recovered',
      ...counts,
    });
  });

  /** us-east-1's models as of April 2026, less the given share, keeping Claude 3.7 Sonnet. */
  const without = (share: number) => () => {
    const listed = CATALOG.filter((m) => summaryAt(m, 'us-east-1', '2026-04-20T00:00:00Z') !== undefined);
    const dropped = listed
      .filter((m) => m.modelId !== 'anthropic.claude-3-7-sonnet-20250219-v1:0')
      .slice(0, Math.ceil(listed.length * share));
    return CATALOG.filter((m) => !dropped.includes(m));
  };

  it.each([
    ['an empty listing', () => [] as ScheduledModel[]],
    ['a listing that shrank by over 30%', without(0.3)],
  ])('does not believe %s: no removal, no EOL beyond the dates, a warning', async (name, shrunk) => {
    const E0 = '2026-04-20T00:00:00Z';
    const E1 = '2026-04-27T00:00:00Z';
    const E2 = '2026-04-28T08:00:00Z'; // Claude 3.7 Sonnet's end of life
    const E3 = '2026-04-29T00:00:00Z';
    const s = await scenario({ regions: ['us-east-1'], time: E0 });
    ok(await s.invoke(E0));
    await s.tenant.update({ models: shrunk() });
    const runs = [await s.invoke(E1), await s.invoke(E2)];
    await s.tenant.update({ models: CATALOG });
    runs.push(await s.invoke(E3));
    for (const run of runs) ok(run);
    for (const run of runs.slice(0, 2)) expect(logged(run, 'WARN', 'listing shrank')).toHaveLength(1);
    expect(s.delivered().some((e) => e.kind === 'MODEL_REMOVED')).toBe(false);
    expect(
      s
        .delivered()
        .filter((e) => e.kind === 'MODEL_EOL')
        .map((e) => e.modelId),
    ).toEqual(['anthropic.claude-3-7-sonnet-20250219-v1:0']);
    const counts = tally(s.delivered(), expectedEvents([E0, E1, E2, E3], ['us-east-1']));
    expect(counts).toEqual({ lost: 0, duplicated: 0, falselyRaised: 0 });
    const before = CATALOG.filter((m) => summaryAt(m, 'us-east-1', E0) !== undefined).length;
    const after = shrunk().filter((m) => summaryAt(m, 'us-east-1', E1) !== undefined).length;
    rows.push({
      fault: `Suspicious listing: ${name}`,
      injected: `us-east-1 lists ${after} of its ${before} models (${Math.round((100 * (before - after)) / before)}% gone) for two runs, across Claude 3.7 Sonnet's end-of-life date`,
      did: 'Warned and kept the absent models as they were; raised no removal; raised end of life for Claude 3.7 Sonnet on its date, as the dates say',
      ...counts,
    });
  });

  it('sends one set of messages when the same scheduled time is invoked twice, as Lambda’s async retry does', async () => {
    const s = await scenario({ regions: REGIONS, time: T0 });
    ok(await s.invoke(T0));
    const first = await s.invoke(T1);
    const again = await s.invoke(T1);
    ok(first);
    ok(again);
    expect(again.result?.outcome).toBe('retry');
    const counts = tally(s.delivered(), expectedEvents([T0, T1]));
    expect(counts).toEqual({ lost: 0, duplicated: 0, falselyRaised: 0 });
    rows.push({
      fault: 'Same scheduled time invoked twice',
      injected: 'The run for one scheduled time is invoked a second time after it committed',
      did: 'The second invocation found the time committed and sent nothing new',
      ...counts,
    });
  });

  it('commits once and sends no duplicate when runs of the same or overlapping times run at once', async () => {
    const s = await scenario({ regions: REGIONS, time: T0 });
    ok(await s.invoke(T0));
    // Both runs of a pair read the same cursor; the first commit is held until the second has
    // landed, so the race has one known order and the held commit must find itself superseded.
    s.proxy.holdFirst('DynamoDB.TransactWriteItems');
    const same = await s.invokeTogether([T1, T1], T1);
    s.proxy.holdFirst('DynamoDB.TransactWriteItems');
    const overlapping = await s.invokeTogether([DEC20, '2025-12-20T00:01:00Z'], DEC20);
    for (const run of [...same, ...overlapping]) ok(run);
    const outcomes = [...same, ...overlapping].map((run) => run.result?.outcome);
    expect(outcomes.filter((o) => o === 'committed')).toHaveLength(2);
    expect((await s.store.load([])).cursor.version).toBe(3);
    const counts = tally(s.delivered(), expectedEvents([T0, T1, DEC20]));
    expect(counts).toEqual({ lost: 0, duplicated: 0, falselyRaised: 0 });
    rows.push({
      fault: 'Concurrent runs',
      injected:
        'Two invocations of the same time, then of two times a minute apart, each pair started together',
      did: 'One run of each pair committed (cursor version 3 after three commits); the other yielded to it and sent nothing twice',
      ...counts,
    });
  });

  it('fails visibly when SNS refuses to publish, and later delivers every pending alert exactly once', async () => {
    const s = await scenario({ regions: REGIONS, time: T0 });
    ok(await s.invoke(T0));
    s.proxy.inject(AWS_ERRORS.snsInternal(), -1);
    const internal = await s.invoke(T1);
    s.proxy.clear();
    s.proxy.inject(AWS_ERRORS.snsKmsAccessDenied(), -1);
    const kms = await s.invoke(T1);
    for (const run of [internal, kms]) {
      expect(run.ok).toBe(false);
      expect(run.error?.name).toBe('RunFailedError');
      expect(run.error?.message).toMatch(/could not be published and stay pending/);
    }
    expect(s.delivered().filter((e) => e.observedAt === new Date(T1).toISOString())).toEqual([]);
    s.proxy.clear();
    ok(await s.invoke(T2));
    expect((await s.store.load([])).cursor.pending).toEqual([]);
    const counts = tally(s.delivered(), expectedEvents([T0, T1, T2]));
    expect(counts).toEqual({ lost: 0, duplicated: 0, falselyRaised: 0 });
    rows.push({
      fault: 'SNS Publish fails',
      injected:
        'Publish answers 500 InternalError (every retry), then, on the retried invocation, 400 KMSAccessDenied',
      did: 'Both invocations failed with RunFailedError and kept the alerts pending; the next run delivered each of them once',
      ...counts,
    });
  });

  it('alerts at full severity, usage unknown, when neither CloudWatch nor the inference profiles can be read', async () => {
    const s = await scenario({ regions: REGIONS, time: APR14, alertOn: 'used' });
    ok(await s.invoke(APR14));
    s.proxy.inject(AWS_ERRORS.cloudWatchInternal(), -1);
    await s.tenant.update({
      faults: [
        {
          region: 'us-west-2',
          path: '/inference-profiles',
          status: 403,
          errorType: 'AccessDeniedException',
          times: -1,
        },
      ],
    });
    const run = await s.invoke(APR21);
    ok(run);
    const april = s.delivered().filter((e) => e.observedAt === new Date(APR21).toISOString());
    const critical = april.filter((e) => e.severity === 'critical');
    expect(critical.length).toBeGreaterThan(0);
    expect(april.filter((e) => e.inUse !== null || e.invocations !== null)).toEqual([]);
    expect(april.some((e) => e.severity === 'info')).toBe(false);
    expect(logged(run, 'WARN', 'Usage unknown')).toHaveLength(3);
    const counts = tally(s.delivered(), expectedEvents([APR14, APR21]));
    expect(counts).toEqual({ lost: 0, duplicated: 0, falselyRaised: 0 });
    rows.push({
      fault: 'Usage cannot be read',
      injected:
        'With alertOn=used: GetMetricData answers 500 in every region; ListInferenceProfiles answers 403 AccessDenied in us-west-2',
      did: `Committed and alerted as usual: every event carried inUse null and kept its severity (${critical.length} critical, none lowered to info); logged a warning per unreadable source`,
      ...counts,
    });
  });

  it('alerts as usual, prices unknown, with one warning, when Bedrock refuses to give a used model’s offer', async () => {
    const s = await scenario({ regions: REGIONS, time: T0 });
    ok(await s.invoke(T0));
    // Claude 3.5 Haiku, Legacy from 2025-12-19, is called with tokens in us-east-1 before DEC20.
    // No other test puts metrics this side of 2026.
    await putBedrockMetrics(inject('motoUrl'), 'us-east-1', [
      {
        modelId: HAIKU_35,
        calls: 900,
        inputTokens: 4_000_000,
        outputTokens: 800_000,
        at: '2025-12-15T00:00:00Z',
      },
    ]);
    await s.tenant.update({
      offers: { [HAIKU_35]: [] },
      faults: [
        {
          path: '/list-foundation-model-agreement-offers',
          status: 403,
          errorType: 'AccessDeniedException',
          message: 'not authorized to perform bedrock:ListFoundationModelAgreementOffers',
          times: -1,
        },
      ],
    });
    const run = await s.invoke(DEC20);
    ok(run);
    const haiku = s
      .delivered()
      .filter(
        (e) =>
          e.modelId === HAIKU_35 &&
          e.region === 'us-east-1' &&
          e.observedAt === new Date(DEC20).toISOString(),
      );
    expect(haiku.length).toBeGreaterThan(0);
    for (const event of haiku) {
      expect(event.tokens).toEqual({ input: 4_000_000, output: 800_000 });
      expect([event.priceSource, event.monthlyCostUsd, event.extendedAccessExtraMonthlyUsd]).toEqual([
        null,
        null,
        null,
      ]);
    }
    expect(logged(run, 'WARN', 'Prices unknown')).toHaveLength(1);
    const counts = tally(s.delivered(), expectedEvents([T0, DEC20]));
    expect(counts).toEqual({ lost: 0, duplicated: 0, falselyRaised: 0 });
    rows.push({
      fault: 'Prices cannot be read',
      injected:
        'ListFoundationModelAgreementOffers answers 403 AccessDenied for a model called with tokens and priced by no modelPrices entry',
      did: 'Committed and alerted as usual; the events kept their tokens with prices and costs null (unknown, never 0); one warning for the run',
      ...counts,
    });
  });

  it('publishes nothing for an uncommitted change when DynamoDB fails, and recovers on the next run', async () => {
    const s = await scenario({ regions: REGIONS, time: T0 });
    ok(await s.invoke(T0));
    s.proxy.resetCounts();
    s.proxy.inject(AWS_ERRORS.dynamoDbInternal(), -1);
    const failed = await s.invoke(T1);
    expect(failed.ok).toBe(false);
    expect(failed.error?.name).toBe('InternalServerError');
    expect(s.proxy.count('SNS.Publish')).toBe(0);
    // Its alerts were staged before the transaction failed; no cursor points at them.
    expect(s.proxy.count('DynamoDB.BatchWriteItem')).toBeGreaterThan(0);
    expect((await s.store.load([])).cursor).toMatchObject({ version: 1, pending: [] });
    s.proxy.clear();
    ok(await s.invoke(T1));

    s.proxy.resetCounts();
    s.proxy.inject(AWS_ERRORS.dynamoDbConditionFailed(), 1);
    const lostRace = await s.invoke(DEC20);
    ok(lostRace);
    expect(lostRace.result?.outcome).toBe('superseded');
    expect(s.proxy.count('SNS.Publish')).toBe(0);
    ok(await s.invoke(DEC21));
    const counts = tally(s.delivered(), expectedEvents([T0, T1, DEC20, DEC21]));
    expect(counts).toEqual({ lost: 0, duplicated: 0, falselyRaised: 0 });
    rows.push({
      fault: 'DynamoDB fails',
      injected:
        'TransactWriteItems answers 500 InternalServerError (every retry); later, one TransactionCanceledException [ConditionalCheckFailed]',
      did: 'The 500 failed the run before any publish: the alerts it had staged were left with no cursor pointing at them, so none was sent, and its retry planned, committed and sent them once; the cancelled commit counted as superseded, removed its staged alerts and published nothing; the next run sent those changes',
      ...counts,
    });
  });
});

describe('hostile or odd Bedrock data (bundled handler)', () => {
  const odd = (modelId: string, lifecycle?: Record<string, unknown>) => ({
    modelArn: `arn:aws:bedrock:us-east-1::foundation-model/${modelId}`,
    modelId,
    modelName: modelId,
    providerName: 'Vendor',
    inputModalities: ['TEXT'],
    outputModalities: ['TEXT'],
    responseStreamingSupported: false,
    customizationsSupported: [],
    inferenceTypesSupported: ['ON_DEMAND'],
    ...(lifecycle ? { modelLifecycle: lifecycle } : {}),
  });

  it.each([
    [
      'Unknown lifecycle status',
      'Two models with status "EOL" and "RETIRED"',
      [
        odd('vendor.status-eol-v1:0', { status: 'EOL' }),
        odd('vendor.status-retired-v1:0', { status: 'RETIRED' }),
      ],
      2,
      2,
    ],
    [
      'Missing modelLifecycle',
      'A model listed without modelLifecycle',
      [odd('vendor.no-lifecycle-v1:0')],
      1,
      1,
    ],
    [
      'Duplicate model ids',
      'Claude 3.7 Sonnet listed a second time, with another name and status',
      [{ ...odd('anthropic.claude-3-7-sonnet-20250219-v1:0', { status: 'RETIRED' }), modelName: 'Impostor' }],
      1,
      0,
    ],
  ])(
    '%s: the run goes on, warns, and raises nothing false',
    async (fault, injected, extra, warnings, unknownModels) => {
      const s = await scenario({ regions: ['us-east-1'], time: T0 });
      await s.tenant.update({ extra: { 'us-east-1': extra } });
      const runs = [await s.invoke(T0), await s.invoke(T1)];
      for (const run of runs) {
        ok(run);
        expect(run.logs.filter((line) => line.level === 'WARN')).toHaveLength(warnings);
      }
      const counts = tally(
        s.delivered(),
        expectedEvents([T0, T1], ['us-east-1'], CATALOG, { 'us-east-1': extra }),
      );
      expect(counts).toEqual({ lost: 0, duplicated: 0, falselyRaised: 0 });
      const unknown = s.delivered().filter((e) => e.phase === 'UNKNOWN');
      const inBaseline = unknown.filter((e) => e.kind === 'BASELINE' && e.severity === 'info');
      // An undocumented status is reported once, as a warning; a missing lifecycle has no status.
      const statuses = unknown.filter((e) => e.kind === 'STATUS_UNRECOGNISED' && e.severity === 'warning');
      expect(new Set(inBaseline.map((e) => e.modelId)).size).toBe(unknownModels);
      const listedOdd = extra.filter((r) => !CATALOG.some((m) => m.modelId === r.modelId));
      expect(statuses.map((e) => e.status).sort()).toEqual(
        listedOdd
          .flatMap((r) => (typeof r.modelLifecycle?.status === 'string' ? [r.modelLifecycle.status] : []))
          .sort(),
      );
      expect(unknown.filter((e) => !inBaseline.includes(e) && !statuses.includes(e))).toEqual([]);
      rows.push({
        fault,
        injected,
        did: `Listed the region, logged ${warnings} warning(s) per run${
          inBaseline.length > 0
            ? `, reported the ${inBaseline.length} model(s) as UNKNOWN in the baseline summary (info)${statuses.length > 0 ? ', each odd status once as STATUS_UNRECOGNISED (warning)' : ''} and raised no transition for them`
            : ', kept the first record and ignored the copy'
        }`,
        ...counts,
      });
    },
  );

  it('counts a region whose listing has a malformed timestamp as failed, goes on with the others, and catches up', async () => {
    const epoch = odd('vendor.epoch-v1:0', { status: 'LEGACY', endOfLifeTime: 1777363200 });
    const s = await scenario({ regions: REGIONS, time: T0 });
    ok(await s.invoke(T0));
    await s.tenant.update({ extra: { 'us-west-2': [epoch] } });
    const broken = await s.invoke(T1);
    ok(broken);
    expect(broken.result?.failedRegions).toEqual(['us-west-2']);
    expect(logged(broken, 'ERROR', 'Region failed')[0]?.error).toMatch(/RFC-3339|date-time/i);
    await s.tenant.update({ extra: {} });
    ok(await s.invoke(T2));
    const counts = tally(s.delivered(), expectedEvents([T0, T1, T2]));
    expect(counts).toEqual({ lost: 0, duplicated: 0, falselyRaised: 0 });
    rows.push({
      fault: 'Malformed timestamp',
      injected:
        'us-west-2 lists a lifecycle time as an epoch number, not an RFC 3339 string (the SDK too would refuse it)',
      did: 'Counted us-west-2 as failed for that run and alerted us-east-1; sent us-west-2’s alerts once its listing was readable again',
      ...counts,
    });
  });

  it('passes an INFERENCE_PROFILE inference type through', async () => {
    const profiled = CATALOG.filter((m) => m.inferenceTypesSupported?.includes('INFERENCE_PROFILE'));
    expect(profiled.length).toBeGreaterThan(2);
    const s = await scenario({ regions: ['us-east-1'], time: T0 });
    ok(await s.invoke(T0));
    ok(await s.invoke(T1));
    const counts = tally(s.delivered(), expectedEvents([T0, T1], ['us-east-1']));
    expect(counts).toEqual({ lost: 0, duplicated: 0, falselyRaised: 0 });
    rows.push({
      fault: 'Unknown enum value',
      injected: `${profiled.length} models list inferenceTypesSupported ["INFERENCE_PROFILE"], which the SDK enum lacks`,
      did: 'Read them like any other model',
      ...counts,
    });
  });

  it('stores and diffs 5,000 models in one region within DynamoDB’s item limit', async () => {
    const real = CATALOG.filter((m) => summaryAt(m, 'us-east-1', T1) !== undefined).length;
    const synthetic: ScheduledModel[] = Array.from({ length: 5_000 - real }, (_, i) => ({
      modelId: `vendor.synthetic-model-${String(i).padStart(4, '0')}-v1:0`,
      modelName: `Synthetic model ${i}`,
      providerName: 'Vendor',
      regions: ['us-east-1'],
      startOfLifeTime: '2025-01-01T00:00:00Z',
    }));
    const models = [...CATALOG, ...synthetic];
    const s = await scenario({ regions: ['us-east-1'], time: T0, models });
    ok(await s.invoke(T0));
    ok(await s.invoke(T1));
    const stored = (await s.store.load(['us-east-1'])).regions.get('us-east-1');
    expect(stored?.models.length).toBe(5_000);
    const counts = tally(s.delivered(), expectedEvents([T0, T1], ['us-east-1'], models));
    expect(counts).toEqual({ lost: 0, duplicated: 0, falselyRaised: 0 });
    rows.push({
      fault: '5,000 models in one region',
      injected: 'us-east-1 lists 5,000 models',
      did: 'Stored the region’s state and snapshot gzipped, under the 400 KB item limit, and alerted its changes',
      ...counts,
    });
  });

  /** Regions announced by the baseline summaries received so far, sorted. */
  const announced = (s: MonitorLab) =>
    s.received.flatMap((r) => r.body.baselines.map((b) => String(b.region))).sort();

  it('commits a first run over 36 regions, then alerts a change in every one', async () => {
    const regions = regionsOf(36);
    const models = [...CATALOG.map((m) => ({ ...m, regions })), ...steadyModels(130, regions)];
    const s = await scenario({ regions, time: T0, models });
    ok(await s.invoke(T0));
    expect(announced(s)).toEqual([...regions].sort());
    ok(await s.invoke(T1));
    const stored = await s.store.load(regions);
    expect(stored.regions.size).toBe(36);
    expect(stored.cursor).toMatchObject({ version: 2, pending: [] });
    const perRegion = stored.regions.get('us-east-1')?.models.length ?? 0;
    const counts = tally(s.delivered(), expectedEvents([T0, T1], regions, models));
    expect(counts).toEqual({ lost: 0, duplicated: 0, falselyRaised: 0 });
    rows.push({
      fault: '36 regions',
      injected: `A first run over 36 regions of ${perRegion} models each, then Claude 3.7 Sonnet becoming Legacy and Claude Haiku 4.5 launching in all of them`,
      did: `Committed each run's cursor and changed region states in one guarded transaction (37 items on the first run), with the alerts and snapshots staged first; announced all 36 regions, then alerted both changes in each of them (${s.delivered().length} events)`,
      ...counts,
    });
  }, 120_000);

  it('commits a first run over the documented maximum of regions, and the runs after it', async () => {
    const regions = regionsOf(MAX_REGIONS);
    const models = steadyModels(150, regions);
    const s = await scenario({ regions, time: T0, models });
    ok(await s.invoke(T0));
    const staged = s.proxy.count('DynamoDB.BatchWriteItem');
    const messages = s.received.length;
    expect(s.proxy.count('DynamoDB.TransactWriteItems')).toBe(1);
    expect(announced(s)).toEqual([...regions].sort());
    ok(await s.invoke(T3));
    const stored = await s.store.load(regions);
    expect(stored.regions.size).toBe(MAX_REGIONS);
    expect(stored.cursor).toMatchObject({ version: 2, pending: [] });
    const counts = tally(s.delivered(), expectedEvents([T0, T3], regions, models));
    expect(counts).toEqual({ lost: 0, duplicated: 0, falselyRaised: 0 });
    rows.push({
      fault: 'The documented maximum of regions',
      injected: `A first run over ${MAX_REGIONS} regions of 150 models each (${(MAX_REGIONS * 150).toLocaleString('en-US')} models), then the next scheduled run`,
      did: `Committed the cursor and ${MAX_REGIONS} region states in one transaction of ${MAX_REGIONS + 1} items, DynamoDB's limit, after staging its alerts and ${MAX_REGIONS} snapshots (these and the history took ${staged} batch writes); announced every region in ${messages} messages; the next run committed too`,
      ...counts,
    });
  }, 120_000);

  it('tracks and alerts a hostile catalog, and no name or id steers an email or a shell', async () => {
    const s = await scenario({ regions: ['us-east-1'], time: HOSTILE_T0, models: HOSTILE_MODELS });
    ok(await s.invoke(HOSTILE_T0));
    ok(await s.invoke(HOSTILE_T1));
    const emails = publishesSeen(s.proxy.requests()).map((p) => String(JSON.parse(p.Message ?? '{}').email));
    for (const email of emails) {
      expect(email).not.toMatch(CONTROL);
      expect(email).not.toMatch(/^2\. \[CRITICAL\] forged/m);
      expect(pastedArgs(email).slice(0, 2)).toEqual(['dynamodb', 'query']);
    }
    expect(existsSync(marker)).toBe(false);
    expect(s.delivered().every((e) => e.replacementCandidates.includes(HOSTILE_SUCCESSOR_ID))).toBe(true);
    const counts = tally(
      s.delivered(),
      expectedEvents([HOSTILE_T0, HOSTILE_T1], ['us-east-1'], HOSTILE_MODELS),
    );
    expect(counts).toEqual({ lost: 0, duplicated: 0, falselyRaised: 0 });
    rows.push({
      fault: 'Hostile names and ids',
      injected:
        'Model names, providers and ids holding quotes, $(…), newlines, <!channel>, @here, <url|text>, markdown, ESC, OSC 8, BEL, an 8-bit CSI and <script>',
      did: `Tracked all ${HOSTILE_MODELS.length} models and alerted the ${new Set(s.delivered().map((e) => e.modelId)).size} that became Legacy, naming the fifth as their replacement; names kept to one line, ids shown with their control characters as escapes; ${emails.length} emails with no control character and no forged line, whose commands pasted into bash ran nothing (an id with odd characters left to the time query). Chatbot, Block Kit, CLI and timeline: test/e2e/hostile-catalog.test.ts`,
      ...counts,
    });
  });

  it('renders a 10 KB model name without breaking a subject or a message', async () => {
    const longName: ScheduledModel = {
      modelId: 'vendor.very-long-name-v1:0',
      modelName: `Model ${'n'.repeat(10_240)}`,
      providerName: 'Vendor',
      regions: ['us-east-1'],
      startOfLifeTime: '2025-01-01T00:00:00Z',
      legacyTime: '2025-10-15T08:00:00Z',
      endOfLifeTime: '2026-04-15T08:00:00Z',
    };
    const models = [...CATALOG, longName];
    const s = await scenario({ regions: ['us-east-1'], time: T0, models });
    ok(await s.invoke(T0));
    ok(await s.invoke(T1));
    const subjects = s.received.map((r) => r.subject);
    expect(subjects.length).toBeGreaterThan(0);
    expect(subjects.filter((subject) => subject.length >= 100)).toEqual([]);
    const counts = tally(s.delivered(), expectedEvents([T0, T1], ['us-east-1'], models));
    expect(counts).toEqual({ lost: 0, duplicated: 0, falselyRaised: 0 });
    rows.push({
      fault: '10 KB model name',
      injected: 'A Legacy model whose name is 10,240 characters long',
      did: `Sent its alerts; every subject stayed under 100 characters (longest ${Math.max(...subjects.map((x) => x.length))})`,
      ...counts,
    });
  });
});

describe('refused invocation events (bundled handler)', () => {
  it('refuses events that are not a scheduled time: logs why, fails the invocation, reads and writes nothing', async () => {
    const s = await scenario({ regions: REGIONS, time: T0 });
    const refused: [string, unknown][] = [
      ['null', null],
      ['an array', [{ time: T0 }]],
      ['an SNS notification', { Records: [{ Sns: { Message: '{}' } }] }],
      ['time "1"', { time: '1' }],
      ['time "Mar 1"', { time: 'Mar 1' }],
      ['a time without a zone', { time: '2025-10-01T00:00:00' }],
    ];
    for (const [, event] of refused) {
      const run = await s.invokeWith(event);
      expect(run.ok).toBe(false);
      expect(run.error?.name).toBe('RefusedEventError');
      const logged = run.logs.filter((line) => line.message === 'Invocation refused');
      expect(logged.map((line) => line.reason)).toEqual([run.error?.message]);
    }
    // Not one request reached DynamoDB, SNS or Bedrock.
    expect(s.proxy.requests()).toEqual([]);
    expect(s.bedrockProxy.requests()).toEqual([]);
    // {} still means "now": the run goes on as a scheduled one would.
    ok(await s.invokeWith({}));
    expect(s.proxy.count('DynamoDB.TransactWriteItems')).toBe(1);
    rows.push({
      fault: 'Refused invocation events',
      injected: refused.map(([what]) => what).join('; '),
      did: `Each of the ${refused.length} failed the invocation with RefusedEventError and its reason in the log, before any AWS request (0 DynamoDB, SNS or Bedrock requests); {} still ran at the current time`,
      lost: 0,
      duplicated: 0,
      falselyRaised: 0,
    });
  });
});

describe('bad configuration', () => {
  const CASES: [string, Record<string, string>][] = [
    ['an empty region list', { regions: '' }],
    ['a bad region', { regions: 'us-east-1,eu-west1' }],
    ['deadlineDays=abc', { deadlineDays: 'abc' }],
    ['a negative threshold', { deadlineDays: '30,-7' }],
    ['a malformed email', { alertEmails: 'ops@example' }],
    ['a malformed schedule', { schedule: 'every 6 hours' }],
    ['a schedule too rare for the alarms to watch', { schedule: 'rate(7 days)' }],
    ['a Slack channel without its workspace', { slackChannelIds: 'C0123ABCD' }],
    ['an unknown alertOn', { alertOn: 'critical' }],
    ['a usage lookback of 0 days', { usageLookbackDays: '0' }],
    ['a watch list entry that is no model id', { watchModels: 'anthropic claude' }],
    ['more regions than one run can commit (100)', { regions: regionsOf(100).join(',') }],
    [
      'deadline days that overflow the 4 KB environment',
      { deadlineDays: Array.from({ length: 1_500 }, (_, i) => i + 1).join(',') },
    ],
    [
      'a watch list that overflows the 4 KB environment',
      {
        watchModels: Array.from({ length: 120 }, (_, i) => `vendor.model-${i}-with-a-long-name-v1:0`).join(
          ',',
        ),
      },
    ],
    ['a reserved concurrency of 0', { reservedConcurrency: '0' }],
    ['a usage account id of 5 digits', { usageAccounts: '12345' }],
    ['reader roles for accounts no run reads', { usageOrganizationalUnits: 'ou-ab12-cdef3456' }],
    ['a route with an unknown key', { routes: '[{"name":"pager","minSeverty":"critical"}]' }],
    ['a route with a bad severity', { routes: '[{"name":"pager","minSeverity":"high"}]' }],
    ['two routes of one name', { routes: '[{"name":"pager"},{"name":"pager"}]' }],
    ['a model price without its output price', { modelPrices: '[{"model":"anthropic.","input":3}]' }],
    ['a negative model price', { modelPrices: '[{"model":"anthropic.","input":-3,"output":15}]' }],
    ['an event bus that is an SNS topic ARN', { eventBus: 'arn:aws:sns:us-east-1:123456789012:alerts' }],
    [
      'a route account of 4 digits',
      { routes: '[{"name":"team","accounts":["1234"]}]', usageAccounts: 'organization' },
    ],
  ];

  /** The app exactly as `cdk synth` runs it: the CLI hands it the context in CDK_CONTEXT_JSON. */
  const synth = (context: Record<string, string>) =>
    new Promise<{ status: number | null; stderr: string }>((resolve) => {
      const cdkJson = JSON.parse(readFileSync(join(ROOT, 'cdk.json'), 'utf8')).context;
      const child = spawn(join(ROOT, 'node_modules', '.bin', 'tsx'), [join(ROOT, 'bin', 'app.ts')], {
        cwd: ROOT,
        env: {
          ...process.env,
          CDK_OUTDIR: mkdtempSync(join(tmpdir(), 'cdk-bad-')),
          CDK_CONTEXT_JSON: JSON.stringify({ ...cdkJson, ...context }),
        },
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      child.on('close', (status) => resolve({ status, stderr }));
    });

  it('fails synth for each bad value with one line naming the key', async () => {
    const results = await Promise.all(CASES.map(([, context]) => synth(context)));
    results.forEach((result, i) => {
      const [name, context] = CASES[i] ?? ['', {}];
      const [key = ''] = Object.keys(context);
      expect(result.status, name).toBe(1);
      expect(result.stderr.trim().split('\n'), name).toHaveLength(1);
      // The key at fault: the one set (a route by its index and field), or the one it needs (a
      // channel needs its workspace); with its value, unless the value is what is too long.
      expect(result.stderr, name).toMatch(
        new RegExp(`^Invalid (${key}(\\[\\d+\\](\\.\\w+)?)?|slackWorkspaceId)( ["{\\d-].*)?: .+`),
      );
    });
    rows.push({
      fault: 'Bad configuration',
      injected: CASES.map(([name]) => name).join('; '),
      did: `Each of the ${CASES.length} failed synth (exit 1) with one line naming the key and the value (its size, for a value too long for the function's environment)`,
      lost: null,
      duplicated: null,
      falselyRaised: null,
    });
  }, 120_000);
});

describe('docs/reliability.md', () => {
  it('is the table these faults just produced (run `npm run docs:reliability` after changing them)', () => {
    const table = [
      '| # | Fault | Injected | What the monitor did | Lost | Duplicated | False |',
      '|---|---|---|---|---|---|---|',
      ...rows.map(
        (row, i) =>
          `| ${i + 1} | ${cell(row.fault)} | ${cell(row.injected)} | ${cell(row.did)} | ${row.lost ?? 'n/a'} | ${row.duplicated ?? 'n/a'} | ${row.falselyRaised ?? 'n/a'} |`,
      ),
    ];
    const totals = rows.reduce(
      (sum, row) => ({
        lost: sum.lost + (row.lost ?? 0),
        duplicated: sum.duplicated + (row.duplicated ?? 0),
        falselyRaised: sum.falselyRaised + (row.falselyRaised ?? 0),
      }),
      { lost: 0, duplicated: 0, falselyRaised: 0 },
    );
    const markdown = [
      '# Reliability under faults',
      '',
      '<!-- Generated by `npm run docs:reliability` (test/faults/fault-suite.test.ts). Do not edit by hand: a test fails when this file is stale. -->',
      '',
      'Each row is an automated test in `test/faults/fault-suite.test.ts`, run with the normal tests. The bundled Lambda handler (the asset `cdk deploy` uploads) runs against moto and the Bedrock stand-in; faults are injected at the HTTP layer: the stand-in answers with errors or odd data, and a proxy in front of moto answers DynamoDB or SNS calls with AWS’s own error responses.',
      '',
      'Alerts are counted by event id against the same timeline without the fault. *Lost*: an alert the unfaulted run sends that never arrived. *Duplicated*: an alert that arrived more than once. *False*: an alert that arrived but that the unfaulted run does not send.',
      '',
      ...table,
      '',
      `Totals over ${rows.length} faults: ${totals.lost} lost, ${totals.duplicated} duplicated, ${totals.falselyRaised} false.`,
      '',
    ].join('\n');
    const path = join(ROOT, 'docs', 'reliability.md');
    if (process.env.UPDATE_DOCS === '1') writeFileSync(path, markdown);
    expect(rows).toHaveLength(22);
    expect(readFileSync(path, 'utf8'), 'docs/reliability.md is stale: run `npm run docs:reliability`').toBe(
      markdown,
    );
  });
});
