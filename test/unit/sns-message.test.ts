import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffRegion } from '../../lambda/domain/diff';
import type { LifecycleEvent } from '../../lambda/domain/events';
import type { CatalogModel, RegionState } from '../../lambda/domain/model';
import { planAlerts } from '../../lambda/messages/alert-plan';
import { renderAlert } from '../../lambda/messages/sns-message';
import { catalogModel, legacySonnet } from '../support/models';

const CONTEXT = { tableName: 'BedrockLifecycleMonitor-History', tableRegion: 'us-east-1' };
const THRESHOLDS = [90, 30, 14, 7, 1];
const CONTRACT_KEYS = [
  'accounts',
  'corrects',
  'daysRemaining',
  'deadline',
  'endOfLifeTime',
  'eventId',
  'extendedAccessExtraMonthlyUsd',
  'inUse',
  'invocations',
  'kind',
  'legacyTime',
  'lifecyclePolicy',
  'modelArn',
  'modelId',
  'modelName',
  'monthlyCostUsd',
  'notice',
  'noticeDays',
  'observedAt',
  'phase',
  'previousDates',
  'previousPhase',
  'priceSource',
  'pricesPerMillionTokens',
  'provider',
  'publicExtendedAccessTime',
  'region',
  'replacementCandidates',
  'replacementScope',
  'severity',
  'status',
  'thresholdDays',
  'tokens',
  'usageLookbackDays',
];

/** Events of the second of two runs, in each region. */
function eventsBetween(
  regions: string[],
  before: CatalogModel[],
  after: CatalogModel[],
  t0: string,
  t1: string,
) {
  return regions.flatMap((region) => {
    const first = diffRegion({
      region,
      previous: undefined,
      listing: before,
      t: new Date(t0),
      thresholds: THRESHOLDS,
    });
    const previous: RegionState = first.state;
    return diffRegion({ region, previous, listing: after, t: new Date(t1), thresholds: THRESHOLDS }).events;
  });
}

const render = (events: LifecycleEvent[], observedAt: string) =>
  planAlerts(events, [], { observedAt, runId: 'run-1' }, CONTEXT).map((alert) => {
    const message = renderAlert(alert, CONTEXT);
    return { alert, message, bodies: JSON.parse(message.message) as Record<string, string> };
  });

describe('alert messages', () => {
  const observedAt = '2026-04-21T08:00:00.000Z';
  // Claude 3.7 Sonnet goes from Active to 7 days before EOL in two regions; another model becomes Legacy.
  const other = catalogModel({
    modelId: 'cohere.command-r-plus-v1:0',
    modelName: 'Command R+',
    provider: 'Cohere',
  });
  const successor = catalogModel({
    modelId: 'anthropic.claude-sonnet-4-5-20250929-v1:0',
    modelName: 'Claude Sonnet 4.5',
    startOfLifeTime: '2025-09-29T00:00:00.000Z',
  });
  const events = eventsBetween(
    ['us-east-1', 'us-west-2'],
    [catalogModel(), other, successor],
    [
      successor,
      legacySonnet(),
      {
        ...other,
        status: 'LEGACY',
        legacyTime: '2026-02-19T08:00:00.000Z',
        endOfLifeTime: '2026-08-19T08:00:00.000Z',
      },
    ],
    '2025-10-01T00:00:00Z',
    observedAt,
  );
  const rendered = render(events, observedAt);

  it('sends one message per severity, most severe first', () => {
    expect(rendered.map((r) => r.alert.severity)).toEqual(['critical', 'warning']);
    expect(rendered.map((r) => r.alert.alertId)).toEqual([
      `${observedAt}#critical#1#run-1`,
      `${observedAt}#warning#1#run-1`,
    ]);
  });

  it('carries a body for every protocol: text for default and email, the contract for sqs and lambda, Chatbot JSON for http(s)', () => {
    for (const { bodies } of rendered) {
      expect(Object.keys(bodies).sort()).toEqual(['default', 'email', 'http', 'https', 'lambda', 'sqs']);
      expect(bodies.default).toBe(bodies.email);
      expect(bodies.lambda).toBe(bodies.sqs);
      expect(bodies.http).toBe(bodies.https);
      expect(JSON.parse(bodies.https ?? '{}')).toMatchObject({ version: '1.0', source: 'custom' });
    }
  });

  it('names the most important change in a short ASCII subject', () => {
    expect(rendered.map((r) => r.message.subject)).toEqual([
      '[CRITICAL] Claude 3.7 Sonnet (us-east-1 +1) reaches EOL in 7 days',
      '[WARNING] Claude 3.7 Sonnet (us-east-1 +1) entered extended access and 2 more',
    ]);
  });

  it('writes the same change in several regions as one entry naming all of them', () => {
    const email = rendered[0]?.bodies.email ?? '';
    expect(email.match(/reaches end of life in 7 days/g)).toHaveLength(1);
    expect(email).toContain('Regions:         us-east-1, us-west-2');
  });

  it('gives, for each change, the model, regions, phase change, three dates with days left and what it means', () => {
    const email = rendered[1]?.bodies.email ?? '';
    expect(email).toContain(
      [
        '2. [WARNING] Claude 3.7 Sonnet is now Legacy (deprecated)',
        '   Model:           Claude 3.7 Sonnet (anthropic.claude-3-7-sonnet-20250219-v1:0), Anthropic',
        '   Regions:         us-east-1, us-west-2',
        '   Phase:           Active → Legacy (deprecated)',
        '   Legacy:          2025-10-28 (passed)',
        '   Extended access: 2026-01-27 (passed)',
        '   End of life:     2026-04-28 (7 days left)',
        '   Replace with:    anthropic.claude-sonnet-4-5-20250929-v1:0 (newest first)',
        '   What it means:   Legacy means deprecated: plan a migration. No new customers, idle accounts may lose access, and no new provisioned throughput or fine-tuning. It keeps working until its end of life.',
        '   What to do:      Test replacement anthropic.claude-sonnet-4-5-20250929-v1:0. Move traffic before 2026-04-28.',
      ].join('\n'),
    );
    expect(email).toContain('1. [WARNING] Claude 3.7 Sonnet entered public extended access (higher price)');
    expect(email).toContain('Phase:           Legacy (deprecated) → Public extended access');
    expect(email.split('\n')[0]).toBe(
      'Bedrock model lifecycle: 3 warning changes in 2 regions, observed 2026-04-21 08:00 UTC',
    );
  });

  it('ends with how to query the history and how to unsubscribe', () => {
    const email = rendered[0]?.bodies.email ?? '';
    expect(email).toContain(
      'aws dynamodb query --region us-east-1 --table-name BedrockLifecycleMonitor-History',
    );
    expect(email).toContain('"MODEL#anthropic.claude-3-7-sonnet-20250219-v1:0"');
    expect(email).toContain('unsubscribe');
  });

  it('carries the versioned contract with one event per region', () => {
    const contract = JSON.parse(rendered[0]?.bodies.sqs ?? '{}');
    expect(contract).toMatchObject({
      schemaVersion: 1,
      source: 'bedrock-lifecycle-monitor',
      observedAt,
      severity: 'critical',
    });
    expect(contract.events.map((e: LifecycleEvent) => e.region)).toEqual(['us-east-1', 'us-west-2']);
    for (const event of contract.events) expect(Object.keys(event).sort()).toEqual(CONTRACT_KEYS);
    expect(contract.events[0]).toMatchObject({
      kind: 'DEADLINE_APPROACHING',
      deadline: 'END_OF_LIFE',
      thresholdDays: 7,
      daysRemaining: 7,
      endOfLifeTime: '2026-04-28T08:00:00.000Z',
      observedAt,
    });
  });

  it('is documented field for field by the contract example in docs/contract.md', () => {
    const page = readFileSync(join(__dirname, '..', '..', 'docs', 'contract.md'), 'utf8');
    const example = /```jsonc\n([\s\S]*?)\n```/.exec(page)?.[1] ?? '';
    const documented = JSON.parse(example.replace(/\/\/.*$/gm, '')) as { events: Record<string, unknown>[] };
    expect(Object.keys(documented.events[0] ?? {}).sort()).toEqual(CONTRACT_KEYS);
  });

  it('sets the attributes filter policies select on', () => {
    expect(rendered[1]?.message.attributes).toEqual({
      severity: { dataType: 'String', value: 'warning' },
      kinds: { dataType: 'String.Array', value: '["EXTENDED_ACCESS_STARTED","MODEL_LEGACY"]' },
      regions: { dataType: 'String.Array', value: '["us-east-1","us-west-2"]' },
      modelIds: {
        dataType: 'String.Array',
        value: '["anthropic.claude-3-7-sonnet-20250219-v1:0","cohere.command-r-plus-v1:0"]',
      },
      inUse: { dataType: 'String', value: 'false' },
    });
  });
});

describe('the baseline summary', () => {
  const observedAt = '2025-11-01T00:00:00.000Z';
  const first = (region: string, listing: CatalogModel[]) =>
    diffRegion({ region, previous: undefined, listing, t: new Date(observedAt), thresholds: THRESHOLDS });
  const nova = catalogModel({ modelId: 'amazon.nova-pro-v1:0', modelName: 'Nova Pro', provider: 'Amazon' });

  it('confirms monitoring started even when every model is Active', () => {
    const diffs = ['us-east-1', 'us-west-2'].map((r) => first(r, [nova]));
    const alerts = planAlerts(
      [],
      diffs.flatMap((d) => (d.baseline ? [d.baseline] : [])),
      { observedAt, runId: 'run-1' },
      CONTEXT,
    );
    expect(alerts.map((a) => [a.severity, a.events.length, a.baselines.length])).toEqual([['info', 0, 2]]);
    const message = renderAlert(alerts[0] as (typeof alerts)[number], CONTEXT);
    expect(message.subject).toBe('[INFO] Monitoring started: 2 models, all Active (us-east-1 +1)');
    const bodies = JSON.parse(message.message);
    expect(bodies.email).toContain(
      [
        'Bedrock model lifecycle: monitoring started in 2 regions (2 models); no model is Legacy, in extended access or retired, observed 2025-11-01 00:00 UTC',
        '',
        'Now watching:',
        '   us-east-1:       1 model (1 Active)',
        '   us-west-2:       1 model (1 Active)',
      ].join('\n'),
    );
    expect(JSON.parse(bodies.sqs).baselines).toEqual([
      { region: 'us-east-1', modelCount: 1, phases: { ACTIVE: 1 } },
      { region: 'us-west-2', modelCount: 1, phases: { ACTIVE: 1 } },
    ]);
    expect(message.attributes.kinds).toEqual({ dataType: 'String.Array', value: '["BASELINE"]' });
  });

  it('lists what is already on the way out, and leaves deadlines to their own message', () => {
    const diff = first('us-east-1', [legacySonnet(), nova]);
    const alerts = planAlerts(
      diff.events,
      diff.baseline ? [diff.baseline] : [],
      { observedAt, runId: 'run-1' },
      CONTEXT,
    );
    expect(alerts.map((a) => [a.severity, a.events.map((e) => e.kind), a.baselines.length])).toEqual([
      ['warning', ['DEADLINE_APPROACHING'], 0],
      ['info', ['BASELINE'], 1],
    ]);
    const info = renderAlert(alerts[1] as (typeof alerts)[number], CONTEXT);
    expect(info.subject).toBe('[INFO] Monitoring started: 2 models, 1 not plainly Active (us-east-1)');
    expect(JSON.parse(info.message).email).toContain(
      '   us-east-1:       2 models (1 Active, 1 Legacy (deprecated))',
    );
    expect(JSON.parse(info.message).email).toContain(
      '1. [INFO] Baseline: Claude 3.7 Sonnet is Legacy (deprecated)',
    );
  });
});
