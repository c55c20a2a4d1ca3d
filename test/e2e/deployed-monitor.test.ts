import { randomBytes } from 'node:crypto';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SubscribeCommand } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { METRICS } from '../../contract/metrics';
import { runBundledHandler } from '../../lab/bundled-handler';
import { startCaptureServer } from '../../lab/capture-server';
import { CATALOG } from '../../lab/fixtures/catalog';
import { type DeployedStack, deployToMoto, motoEnv } from '../../lab/local-deploy';
import { motoClientConfig } from '../../lab/moto';
import { AlertQueue, dynamoDb, type ReceivedAlert, sns } from '../../lab/moto-resources';
import { StandInTenant } from '../../lab/stand-in-tenant';
import { query } from '../support/table-scan';

const SONNET_37 = 'anthropic.claude-3-7-sonnet-20250219-v1:0';

describe('the deployed app, end to end in emulated AWS', () => {
  const motoUrl = inject('motoUrl');
  let stack: DeployedStack;
  let queue: AlertQueue;
  let tenant: StandInTenant;
  /** Stands in for the Slack incoming webhook (path /services/…) and an https subscriber like Chatbot (/chat). */
  let endpoints: Awaited<ReturnType<typeof startCaptureServer>>;
  /** Everything an SQS subscriber received over the whole timeline. */
  const received: ReceivedAlert[] = [];

  /** One invocation of a deployed function's bundled handler, with its deployed environment. */
  const run = (fn: string, event: unknown) => {
    const deployed = stack.functions[fn];
    if (!deployed) throw new Error(`No deployed ${fn}`);
    return runBundledHandler(
      deployed.bundlePath,
      // The forwarder accepts only hooks.slack.com; the lab's runner routes that to the capture server.
      { ...deployed.env, ...motoEnv(motoUrl), ...tenant.env(), LAB_SLACK_HOOKS_TO: endpoints.url },
      event,
    );
  };

  /** One scheduled run of the monitor at `time`. */
  const invoke = async (time: string) => {
    await tenant.at(time);
    return run('FunctionName', { time });
  };

  const day = async (time: string): Promise<ReceivedAlert[]> => {
    const result = await invoke(time);
    expect(result.ok, JSON.stringify(result.error)).toBe(true);
    const alerts = await queue.drain();
    received.push(...alerts);
    return alerts;
  };

  const sonnet = (alerts: ReceivedAlert[]) =>
    alerts.flatMap((a) =>
      a.body.events.filter((e) => e.modelId === SONNET_37).map((e) => `${e.kind}@${e.region}`),
    );

  beforeAll(async () => {
    endpoints = await startCaptureServer();
    const suffix = randomBytes(3).toString('hex');
    const secretName = `e2e/slack-webhook-${suffix}`;
    await new SecretsManagerClient(motoClientConfig(motoUrl)).send(
      new CreateSecretCommand({
        Name: secretName,
        SecretString: 'https://hooks.slack.com/services/T000/B000/e2e-token',
      }),
    );
    stack = await deployToMoto(motoUrl, `E2e${suffix}`, {
      regions: 'us-east-1,us-west-2',
      alertEmails: 'ops@example.com',
      slackWorkspaceId: 'T0123ABCD',
      slackChannelIds: 'C0123ABCD',
      slackWebhookSecretName: secretName,
    });
    queue = await AlertQueue.subscribe(motoUrl, stack.outputs.TopicArn);
    await sns(motoUrl).send(
      new SubscribeCommand({
        TopicArn: stack.outputs.TopicArn,
        Protocol: 'http',
        Endpoint: `${endpoints.url}/chat`,
      }),
    );
    tenant = new StandInTenant(inject('standInUrl'), 'E2E');
    await tenant.set({ time: '2025-10-01T00:00:00Z', models: CATALOG });
  }, 240_000);
  afterAll(() => endpoints?.close());

  it('deploys a function whose environment names the deployed table, topic and regions', () => {
    expect(stack.functions.FunctionName?.env).toMatchObject({
      TABLE_NAME: stack.outputs.TableName,
      TOPIC_ARN: stack.outputs.TopicArn,
      MONITOR_REGIONS: 'us-east-1,us-west-2',
      DEADLINE_DAYS: '90,30,14,7,1',
    });
  });

  it('alerts on each lifecycle step of Claude 3.7 Sonnet over simulated months, once each', async () => {
    expect((await day('2025-10-01T00:00:00Z')).map((a) => a.subject)).toEqual([
      '[INFO] Monitoring started: 24 models, all Active (us-east-1 +1)',
    ]);
    const legacy = await day('2025-10-28T12:00:00Z');
    expect(legacy.map((a) => a.subject)).toEqual([
      '[WARNING] Claude 3.7 Sonnet (us-east-1 +1) is now Legacy (deprecated)',
      '[INFO] Claude Haiku 4.5 (us-east-1 +1) is now available',
    ]);
    expect(sonnet(await day('2025-11-01T00:00:00Z'))).toEqual([
      'DEADLINE_APPROACHING@us-east-1',
      'DEADLINE_APPROACHING@us-west-2',
    ]);
    expect(sonnet(await day('2026-01-27T08:00:00Z'))).toEqual([
      'EXTENDED_ACCESS_STARTED@us-east-1',
      'EXTENDED_ACCESS_STARTED@us-west-2',
    ]);
    const week = await day('2026-04-21T08:00:00Z');
    expect(week[0]?.subject).toBe('[CRITICAL] Claude 3.7 Sonnet (us-east-1 +1) reaches EOL in 7 days');
    expect(week[0]?.attributes.severity).toEqual({ Type: 'String', Value: 'critical' });
    const eol = await day('2026-04-28T08:00:00Z');
    expect(eol[0]?.subject).toBe('[CRITICAL] Claude 3.7 Sonnet (us-east-1 +1) reached EOL: calls now fail');
    expect(sonnet(eol)).toEqual(['MODEL_EOL@us-east-1', 'MODEL_EOL@us-west-2']);
  });

  it('sends nothing when the same scheduled time is invoked again', async () => {
    const retry = await invoke('2026-04-28T08:00:00Z');
    expect(retry.result).toMatchObject({ outcome: 'retry', delivered: [] });
    // Still a successful run for the dead man's switch, reported in embedded metric format.
    const emf = retry.logs.find((line) => '_aws' in line && METRICS.successfulRuns in line);
    expect(emf).toMatchObject({
      [METRICS.successfulRuns]: 1,
      [METRICS.dimensions.monitor]: stack.stackName,
      service: METRICS.service,
      _aws: { CloudWatchMetrics: [{ Namespace: METRICS.namespace }] },
    });
    expect(await queue.drain()).toEqual([]);
  });

  it('keeps the whole history of a model in the deployed table, in time order', async () => {
    const history = await query(dynamoDb(motoUrl), {
      TableName: stack.outputs.TableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :events)',
      values: { ':pk': `MODEL#${SONNET_37}`, ':events': 'EVENT#' },
    });
    const east = history
      .filter((e) => e.region === 'us-east-1')
      .map((e) => `${String(e.observedAt).slice(0, 10)} ${e.kind} ${e.thresholdDays ?? ''}`.trim());
    expect(east).toEqual([
      '2025-10-28 MODEL_LEGACY',
      '2025-11-01 DEADLINE_APPROACHING 90',
      '2026-01-27 EXTENDED_ACCESS_STARTED',
      // The 90-, 30- and 14-day end-of-life reminders fell between runs: only the tightest is sent.
      '2026-04-21 DEADLINE_APPROACHING 7',
      '2026-04-28 MODEL_EOL',
    ]);
  });

  it('delivers every alert to an https subscriber such as Chatbot as a custom notification', () => {
    const chat = endpoints.requests
      .filter((r) => r.path === '/chat')
      .map((r) => JSON.parse(r.body) as { Type: string; Message: string })
      .filter((envelope) => envelope.Type === 'Notification')
      .map((envelope) => JSON.parse(envelope.Message));
    expect(received.length).toBeGreaterThan(0);
    expect(chat).toHaveLength(received.length);
    expect(chat.filter((n) => n.version !== '1.0' || n.source !== 'custom')).toEqual([]);
    expect(chat.map((n) => n.content.title)).toContain(
      '🚨 Claude 3.7 Sonnet (us-east-1 +1) reached EOL: calls now fail',
    );
  });

  it('posts each alert to the Slack webhook in Block Kit through the deployed forwarder', async () => {
    for (const alert of received) {
      const forwarded = await run('SlackForwarderFunctionName', {
        Records: [{ Sns: { Message: JSON.stringify(alert.body), Subject: alert.subject } }],
      });
      expect(forwarded.result, JSON.stringify(forwarded.error)).toEqual({ posted: 1 });
    }
    const posts = endpoints.requests
      .filter((r) => r.path === '/services/T000/B000/e2e-token')
      .map((r) => JSON.parse(r.body));
    expect(posts).toHaveLength(received.length);
    expect(posts.map((p) => p.blocks[0].text.text)).toContain(
      '🚨 Claude 3.7 Sonnet (us-east-1 +1) reaches EOL in 7 days',
    );
  });
});
