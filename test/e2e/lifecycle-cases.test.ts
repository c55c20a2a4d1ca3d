import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ScheduledModel } from '../../lab/bedrock-stand-in';
import { monitorBundle } from '../../lab/bundled-handler';
import { runCli } from '../../lab/cli';
import { type MonitorLab, type MonitorLabOptions, monitorLab } from '../../lab/monitor-lab';
import { dynamoDb } from '../../lab/moto-resources';
import { HistoryReader } from '../../lambda/adapters/history-reader';
import type { LifecycleEvent } from '../../lambda/domain/events';

/**
 * The awkward real-world cases, end to end: the bundled handler (the asset `cdk deploy` uploads)
 * runs over simulated days against moto and the Bedrock stand-in, and what an SQS subscriber of the
 * topic receives is checked.
 */

const REGION = 'us-east-1';
const HAIKU_3 = 'anthropic.claude-3-haiku-20240307-v1:0';
const HAIKU_45 = 'anthropic.claude-haiku-4-5-20251001-v1:0';

const model = (
  modelId: string,
  modelName: string,
  schedule: Partial<ScheduledModel> = {},
): ScheduledModel => ({
  modelId,
  modelName,
  providerName: 'Anthropic',
  regions: [REGION],
  startOfLifeTime: '2024-03-13T00:00:00Z',
  ...schedule,
});
const successor = model(HAIKU_45, 'Claude Haiku 4.5', { startOfLifeTime: '2025-10-15T00:00:00Z' });
const fillers = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    model(`amazon.filler-${i}-v1:0`, `Filler ${i}`, { providerName: 'Amazon' }),
  );

let bundle: string;
const open: MonitorLab[] = [];
const lab = async (
  models: readonly ScheduledModel[],
  time: string,
  options: Partial<MonitorLabOptions> = {},
) => {
  const l = await monitorLab(bundle, {
    motoUrl: inject('motoUrl'),
    standInUrl: inject('standInUrl'),
    regions: [REGION],
    time,
    models,
    ...options,
  });
  open.push(l);
  return l;
};
/** Invokes the handler at each time and returns what each run delivered. */
const runs = async (l: MonitorLab, times: readonly string[]): Promise<LifecycleEvent[][]> => {
  const delivered: LifecycleEvent[][] = [];
  for (const time of times) {
    const before = l.delivered().length;
    const run = await l.invoke(time);
    expect(run.ok, JSON.stringify(run.error)).toBe(true);
    delivered.push(l.delivered().slice(before));
  }
  return delivered;
};
const summary = (events: readonly LifecycleEvent[]) =>
  events.map((e) => [e.kind, e.severity, e.modelId, e.deadline ?? e.corrects ?? null]);

beforeAll(() => {
  bundle = monitorBundle();
});
afterAll(async () => {
  await Promise.all(open.map((l) => l.close()));
});

describe('the deployed bundle in the awkward cases', () => {
  it('announces dates published on an Active model, then reminds of its Legacy date', async () => {
    const haiku3 = model(HAIKU_3, 'Claude 3 Haiku', {
      datesVisibleFrom: '2026-01-15T08:00:00Z',
      legacyTime: '2026-06-01T08:00:00Z',
      endOfLifeTime: '2026-12-01T08:00:00Z',
    });
    const l = await lab([haiku3, successor], '2026-01-01T00:00:00Z');
    const [, announced, quiet, legacySoon] = await runs(l, [
      '2026-01-01T00:00:00Z',
      '2026-01-15T08:00:00Z',
      '2026-01-16T00:00:00Z',
      '2026-03-04T00:00:00Z',
    ]);
    expect(summary(announced ?? [])).toEqual([['LIFECYCLE_ANNOUNCED', 'warning', HAIKU_3, null]]);
    expect(announced?.[0]).toMatchObject({
      phase: 'ACTIVE',
      legacyTime: '2026-06-01T08:00:00.000Z',
      endOfLifeTime: '2026-12-01T08:00:00.000Z',
      replacementCandidates: [HAIKU_45],
    });
    expect(quiet).toEqual([]);
    expect(summary(legacySoon ?? [])).toEqual([['DEADLINE_APPROACHING', 'warning', HAIKU_3, 'LEGACY']]);
    expect(legacySoon?.[0]?.daysRemaining).toBe(90);
    const email = l.received.find((r) => r.subject.includes('retirement announced'));
    expect(email?.subject).toBe('[WARNING] Claude 3 Haiku (us-east-1) retirement announced');
  });

  it('tells the September 2026 policy and its 45-day notice in the alert and in the history', async () => {
    const recent = model('anthropic.claude-next-v1:0', 'Claude Next', {
      startOfLifeTime: '2026-09-10T00:00:00Z',
      datesVisibleFrom: '2026-11-01T00:00:00Z',
      legacyTime: '2027-03-01T08:00:00Z',
      endOfLifeTime: '2027-04-15T08:00:00Z',
    });
    const l = await lab([recent, successor], '2026-10-31T00:00:00Z');
    const [, [announced] = []] = await runs(l, ['2026-10-31T00:00:00Z', '2026-11-01T00:00:00Z']);
    expect(announced).toMatchObject({
      kind: 'LIFECYCLE_ANNOUNCED',
      lifecyclePolicy: '2026-09',
      noticeDays: 45,
    });
    const history = await new HistoryReader(dynamoDb(inject('motoUrl')), l.tableName).events({
      modelId: 'anthropic.claude-next-v1:0',
    });
    expect(history.map((e) => [e.kind, e.lifecyclePolicy, e.noticeDays])).toEqual([
      ['LIFECYCLE_ANNOUNCED', '2026-09', 45],
    ]);
  });

  it('keeps a model of an undocumented status watched: reported once, reminded, retired on its date', async () => {
    const odd = model(HAIKU_3, 'Claude 3 Haiku', {
      status: 'DEPRECATED',
      legacyTime: '2026-01-01T08:00:00Z',
      endOfLifeTime: '2026-04-28T08:00:00Z',
      datesVisibleFrom: '2025-01-01T00:00:00Z',
      afterEndOfLife: 'linger',
    });
    const l = await lab([odd, successor], '2026-04-01T00:00:00Z');
    const delivered = await runs(l, [
      '2026-04-01T00:00:00Z',
      '2026-04-02T00:00:00Z',
      '2026-04-21T08:00:00Z',
      '2026-04-28T08:00:00Z',
    ]);
    expect(delivered.map(summary)).toEqual([
      [
        ['STATUS_UNRECOGNISED', 'warning', HAIKU_3, null],
        ['DEADLINE_APPROACHING', 'warning', HAIKU_3, 'END_OF_LIFE'],
        ['BASELINE', 'info', HAIKU_3, null],
      ],
      [],
      [['DEADLINE_APPROACHING', 'critical', HAIKU_3, 'END_OF_LIFE']],
      [['MODEL_EOL', 'critical', HAIKU_3, null]],
    ]);
  });

  it('reports the one model a region of four loses, once the absence has lasted 3 runs', async () => {
    const four = fillers(4);
    const l = await lab(four, '2025-11-01T00:00:00Z');
    await runs(l, ['2025-11-01T00:00:00Z']);
    await l.tenant.update({ models: four.slice(0, 3) });
    const delivered = await runs(l, ['2025-11-01T06:00:00Z', '2025-11-01T12:00:00Z', '2025-11-01T18:00:00Z']);
    expect(delivered.map(summary)).toEqual([
      [],
      [],
      [['MODEL_REMOVED', 'critical', 'amazon.filler-3-v1:0', null]],
    ]);
  });

  it('sends corrections of critical alerts at critical severity: an end of life postponed, a removed model back', async () => {
    const lingering = model(HAIKU_3, 'Claude 3 Haiku', {
      legacyTime: '2025-10-01T08:00:00Z',
      endOfLifeTime: '2026-04-28T08:00:00Z',
      afterEndOfLife: 'linger',
    });
    const l = await lab([lingering, successor], '2026-04-27T00:00:00Z');
    const [, eol] = await runs(l, ['2026-04-27T00:00:00Z', '2026-04-28T08:00:00Z']);
    expect(summary(eol ?? [])).toEqual([['MODEL_EOL', 'critical', HAIKU_3, null]]);
    await l.tenant.update({ models: [{ ...lingering, endOfLifeTime: '2026-09-28T08:00:00Z' }, successor] });
    const [postponed] = await runs(l, ['2026-04-29T00:00:00Z']);
    expect(summary(postponed ?? [])).toEqual([['LIFECYCLE_DATES_CHANGED', 'critical', HAIKU_3, 'MODEL_EOL']]);
    const correction = l.received.at(-1);
    expect(correction?.attributes.severity?.Value).toBe('critical');
    expect(correction?.subject).toBe(
      '[CRITICAL] Claude 3 Haiku (us-east-1) EOL postponed: calls work again until 2026-09-28',
    );

    await l.tenant.update({ models: [successor] });
    const gone = await runs(l, ['2026-04-30T00:00:00Z', '2026-05-01T00:00:00Z', '2026-05-02T00:00:00Z']);
    expect(gone.flat().map((e) => [e.kind, e.severity])).toEqual([['MODEL_REMOVED', 'critical']]);
    await l.tenant.update({ models: [{ ...lingering, endOfLifeTime: '2026-09-28T08:00:00Z' }, successor] });
    const [back] = await runs(l, ['2026-05-03T00:00:00Z']);
    expect(summary(back ?? [])).toEqual([['MODEL_ADDED', 'critical', HAIKU_3, 'MODEL_REMOVED']]);
  });

  it('reads an end of life only GetFoundationModel gives, once, and retires the model on it', async () => {
    const legacy = model(HAIKU_3, 'Claude 3 Haiku', {
      legacyTime: '2025-10-01T08:00:00Z',
      endOfLifeTime: '2026-04-28T08:00:00Z',
      endOfLifeInDetailsOnly: true,
    });
    const l = await lab([legacy, successor], '2026-03-01T00:00:00Z');
    await l.tenant.clearRequests();
    const [baseline, quiet] = await runs(l, ['2026-03-01T00:00:00Z', '2026-03-01T06:00:00Z']);
    const catalogCalls = (await l.tenant.requests()).filter((r) => r.path.startsWith('/foundation-models'));
    // The first run lists the region and asks for the one model's details; the quiet run only lists.
    expect(catalogCalls.map((r) => r.path)).toEqual([
      '/foundation-models',
      `/foundation-models/${encodeURIComponent(HAIKU_3)}`,
      '/foundation-models',
    ]);
    expect(baseline?.find((e) => e.kind === 'BASELINE')?.endOfLifeTime).toBe('2026-04-28T08:00:00.000Z');
    expect(quiet).toEqual([]);
    const [week, gone] = await runs(l, ['2026-04-21T08:00:00Z', '2026-04-28T08:00:00Z']);
    expect(summary(week ?? [])).toEqual([['DEADLINE_APPROACHING', 'critical', HAIKU_3, 'END_OF_LIFE']]);
    expect(summary(gone ?? [])).toEqual([['MODEL_EOL', 'critical', HAIKU_3, null]]);
  });

  it('sends a base model and its two context variants as one entry, one event per id in the contract', async () => {
    const dates = { legacyTime: '2026-01-01T08:00:00Z', endOfLifeTime: '2026-07-01T08:00:00Z' };
    const variants = [
      model(HAIKU_3, 'Claude 3 Haiku', dates),
      model(`${HAIKU_3}:48k`, 'Claude 3 Haiku', { ...dates, inferenceTypesSupported: ['PROVISIONED'] }),
      model(`${HAIKU_3}:200k`, 'Claude 3 Haiku', { ...dates, inferenceTypesSupported: ['PROVISIONED'] }),
    ];
    const l = await lab([...variants, successor], '2025-12-01T00:00:00Z');
    const [, legacy] = await runs(l, ['2025-12-01T00:00:00Z', '2026-01-02T00:00:00Z']);
    expect(legacy?.map((e) => [e.kind, e.modelId])).toEqual([
      ['MODEL_LEGACY', HAIKU_3],
      ['MODEL_LEGACY', `${HAIKU_3}:48k`],
      ['MODEL_LEGACY', `${HAIKU_3}:200k`],
    ]);
    expect(l.received.at(-1)?.subject).toBe(
      '[WARNING] Claude 3 Haiku (us-east-1) is now Legacy (deprecated)',
    );
    const status = await runCli(['status', '--regions', REGION, '--now', '2026-01-02T00:00:00Z'], {
      ...l.tenant.env(),
      AWS_REGION: REGION,
    });
    const rows = status.stdout.split('\n').filter((line) => line.includes('Claude 3 Haiku'));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain(`Claude 3 Haiku (${HAIKU_3} with context variants :48k, :200k)`);
  });

  it('offers replacements a user can call and that do the same job: a profile id, embeddings for embeddings', async () => {
    const amazon = (modelId: string, modelName: string, schedule: Partial<ScheduledModel>) =>
      model(modelId, modelName, { providerName: 'Amazon', ...schedule });
    const legacy = { legacyTime: '2026-01-01T08:00:00Z', endOfLifeTime: '2026-07-01T08:00:00Z' };
    const models = [
      amazon('amazon.nova-lite-v1:0', 'Nova Lite', { ...legacy, startOfLifeTime: '2024-12-03T00:00:00Z' }),
      amazon('amazon.nova-2-lite-v1:0', 'Nova 2 Lite', {
        startOfLifeTime: '2025-12-01T00:00:00Z',
        inferenceTypesSupported: ['INFERENCE_PROFILE'],
        profiles: ['us', 'global'],
      }),
      amazon('amazon.nova-pro-v1:0', 'Nova Pro', { startOfLifeTime: '2025-11-01T00:00:00Z' }),
      amazon('amazon.nova-lite-v1:0:300k', 'Nova Lite', {
        startOfLifeTime: '2025-11-15T00:00:00Z',
        inferenceTypesSupported: ['PROVISIONED'],
      }),
      amazon('amazon.titan-embed-text-v1', 'Titan Embeddings G1 - Text', {
        ...legacy,
        startOfLifeTime: '2023-09-28T00:00:00Z',
        outputModalities: ['EMBEDDING'],
      }),
      amazon('amazon.titan-embed-text-v2:0', 'Titan Text Embeddings V2', {
        startOfLifeTime: '2024-04-30T00:00:00Z',
        outputModalities: ['EMBEDDING'],
      }),
    ];
    const l = await lab(models, '2025-12-15T00:00:00Z');
    const [, legacyRun] = await runs(l, ['2025-12-15T00:00:00Z', '2026-01-02T00:00:00Z']);
    const candidates = Object.fromEntries(
      (legacyRun ?? [])
        .filter((e) => e.kind === 'MODEL_LEGACY')
        .map((e) => [e.modelId, e.replacementCandidates]),
    );
    expect(candidates).toEqual({
      'amazon.nova-lite-v1:0': ['us.amazon.nova-2-lite-v1:0'],
      'amazon.titan-embed-text-v1': ['amazon.titan-embed-text-v2:0'],
    });
  });

  it('gives a condition reached again after it ended a new event id, and a retried run the same ids', async () => {
    const dates = { legacyTime: '2025-10-28T08:00:00Z', endOfLifeTime: '2026-10-28T08:00:00Z' };
    const legacy = model(HAIKU_3, 'Claude 3 Haiku', dates);
    const l = await lab([legacy, successor], '2025-10-01T00:00:00Z');
    await runs(l, ['2025-10-01T00:00:00Z', '2025-10-29T00:00:00Z']);
    await l.tenant.update({ models: [{ ...legacy, status: 'ACTIVE' }, successor] });
    await runs(l, ['2025-10-30T00:00:00Z']);
    await l.tenant.update({ models: [legacy, successor] });
    await runs(l, ['2025-10-31T00:00:00Z']);
    const legacyEvents = l.delivered().filter((e) => e.kind === 'MODEL_LEGACY');
    expect(legacyEvents.map((e) => e.legacyTime)).toEqual([
      '2025-10-28T08:00:00.000Z',
      '2025-10-28T08:00:00.000Z',
    ]);
    expect(new Set(legacyEvents.map((e) => e.eventId)).size).toBe(2);
    // A retry of the last run (same scheduled time) sends nothing new and commits nothing.
    const retry = await l.invoke('2025-10-31T00:00:00Z');
    expect(retry.result?.outcome).toBe('retry');
    expect(l.delivered().filter((e) => e.kind === 'MODEL_LEGACY')).toHaveLength(2);
  });
});
