import {
  CreateSecretCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startCaptureServer } from '../../lab/capture-server';
import { freePort, motoClientConfig } from '../../lab/moto';
import { uniqueName } from '../../lab/moto-resources';
import { EXAMPLE_CONTEXT, simulateRuns } from '../../lab/simulated-runs';
import { routeSlackHooksTo } from '../../lab/slack-route';
import { SlackWebhook, WebhookError } from '../../lambda/adapters/slack-webhook';
import { renderAlert } from '../../lambda/messages/sns-message';
import { forwardToSlack } from '../../lambda/use-cases/forward-to-slack';
import { recordingLog } from '../support/recording-log';

/** What SNS hands a Lambda subscriber: the `lambda` body of a real published message. */
const [, april = []] = simulateRuns(
  ['us-east-1', 'us-west-2'],
  ['2026-03-01T00:00:00Z', '2026-04-21T08:00:00Z'],
);
const notifications = april.map((alert) => {
  const message = renderAlert(alert, EXAMPLE_CONTEXT);
  return { message: JSON.parse(message.message).lambda as string, subject: message.subject };
});

/** Where the secrets point, as in production; the test transport routes it to the local webhook. */
const HOOKS = 'https://hooks.slack.com';

describe('the Slack webhook forwarder against moto Secrets Manager and a local webhook', () => {
  const secrets = new SecretsManagerClient(motoClientConfig(inject('motoUrl')));
  let slack: Awaited<ReturnType<typeof startCaptureServer>>;
  let now = 0;

  /** A webhook whose secret holds `value`; hooks.slack.com is routed to `to` (the local webhook). */
  const webhookWithSecret = async (value: string, to = slack.url) => {
    const name = uniqueName('bedrock-lifecycle/slack-webhook');
    await secrets.send(new CreateSecretCommand({ Name: name, SecretString: value }));
    return {
      name,
      webhook: new SlackWebhook(secrets, name, {
        timeoutMs: 2_000,
        cacheMs: 60_000,
        clock: () => now,
        transport: routeSlackHooksTo(to),
      }),
    };
  };

  beforeAll(async () => {
    slack = await startCaptureServer();
  });
  afterAll(() => slack.close());

  it('posts each lifecycle message as Block Kit JSON to the URL held in the secret', async () => {
    const { webhook } = await webhookWithSecret(`${HOOKS}/services/T000/B000/secret-token`);
    slack.requests.length = 0;
    const log = recordingLog();
    expect(await forwardToSlack(notifications, webhook, log)).toBe(notifications.length);
    expect(slack.requests.map((r) => [r.method, r.path, r.headers['content-type']])).toEqual(
      notifications.map(() => ['POST', '/services/T000/B000/secret-token', 'application/json']),
    );
    const [first] = slack.requests.map((r) => JSON.parse(r.body));
    expect(first.blocks[0]).toEqual({
      type: 'header',
      text: {
        type: 'plain_text',
        text: '🚨 Claude 3.7 Sonnet (us-east-1 +1) reaches EOL in 7 days',
        emoji: true,
      },
    });
    expect(JSON.stringify(log.entries)).not.toContain('secret-token');
  });

  it('reads a secret holding JSON with a url field', async () => {
    const { webhook } = await webhookWithSecret(JSON.stringify({ url: `${HOOKS}/services/json-form` }));
    await forwardToSlack(notifications.slice(0, 1), webhook, recordingLog());
    expect(slack.requests.at(-1)?.path).toBe('/services/json-form');
  });

  it('fails, for Lambda to retry, when Slack refuses, without revealing the URL', async () => {
    const { webhook } = await webhookWithSecret(`${HOOKS}/services/T000/B000/another-secret`);
    slack.respondWith(500, 'internal_error');
    const failure = forwardToSlack(notifications.slice(0, 1), webhook, recordingLog());
    await expect(failure).rejects.toBeInstanceOf(WebhookError);
    await expect(failure).rejects.toThrow('The Slack webhook answered 500 internal_error');
    await expect(failure).rejects.not.toThrow(/another-secret/);
    slack.respondWith(200, 'ok');
  });

  it('fails with no more than the first 200 characters of what Slack answered', async () => {
    const { webhook } = await webhookWithSecret(`${HOOKS}/services/T000/B000/long-answer`);
    slack.respondWith(400, `${'x'.repeat(200)}TAIL-NOT-SHOWN`);
    try {
      await expect(forwardToSlack(notifications.slice(0, 1), webhook, recordingLog())).rejects.toThrow(
        new WebhookError(`The Slack webhook answered 400 ${'x'.repeat(200)}`),
      );
    } finally {
      slack.respondWith(200, 'ok');
    }
  });

  it('fails without revealing the URL when Slack cannot be reached', async () => {
    const closedPort = await freePort();
    const { webhook } = await webhookWithSecret(
      `${HOOKS}/services/unreachable-secret`,
      `http://localhost:${closedPort}`,
    );
    const failure = forwardToSlack(notifications.slice(0, 1), webhook, recordingLog());
    await expect(failure).rejects.toThrow(
      /^The Slack webhook could not be reached \(TypeError: ECONNREFUSED\)$/,
    );
  });

  it.each([
    'http://hooks.slack.com/services/plain-http-secret',
    'https://hooks.example.com/services/other-host-secret',
    'https://hooks.slack.com.example.com/services/look-alike-secret',
    'https://user:pass@hooks.slack.com/services/credentials-secret',
    `http://localhost:1/services/local-secret`,
  ])('rejects a secret that is not a Slack incoming-webhook URL, without echoing it: %s', async (url) => {
    slack.requests.length = 0;
    const { webhook } = await webhookWithSecret(url);
    const failure = forwardToSlack(notifications.slice(0, 1), webhook, recordingLog());
    await expect(failure).rejects.toThrow(
      'The Slack webhook secret does not hold a Slack incoming-webhook URL (https://hooks.slack.com/…)',
    );
    await expect(failure).rejects.not.toThrow(/-secret/);
    expect(slack.requests).toEqual([]);
  });

  it('rejects a secret that starts like JSON but is not, without echoing any of it', async () => {
    const { webhook } = await webhookWithSecret(
      '{"url": "https://hooks.slack.com/services/T0/B0/json-secret"',
    );
    const failure = forwardToSlack(notifications.slice(0, 1), webhook, recordingLog());
    await expect(failure).rejects.toThrow(
      new WebhookError('The Slack webhook secret starts with "{" but is not valid JSON'),
    );
    await expect(failure).rejects.not.toThrow(/json-secret|hooks\.slack/);
  });

  it('fails rather than follow a redirect away from the webhook', async () => {
    const { webhook } = await webhookWithSecret(`${HOOKS}/services/T000/B000/redirected`);
    slack.respondWith(307, '', { location: `${slack.url}/elsewhere` });
    try {
      await expect(forwardToSlack(notifications.slice(0, 1), webhook, recordingLog())).rejects.toThrow(
        /^The Slack webhook could not be reached \(TypeError/,
      );
      expect(slack.requests.map((r) => r.path)).not.toContain('/elsewhere');
    } finally {
      slack.respondWith(200, 'ok');
    }
  });

  it('reuses the URL for a while, then picks up a rotated secret', async () => {
    const { name, webhook } = await webhookWithSecret(`${HOOKS}/services/first`);
    await webhook.post({ text: 'one', blocks: [] });
    await secrets.send(
      new PutSecretValueCommand({ SecretId: name, SecretString: `${HOOKS}/services/rotated` }),
    );
    await webhook.post({ text: 'two', blocks: [] });
    now += 60_001;
    await webhook.post({ text: 'three', blocks: [] });
    expect(slack.requests.slice(-3).map((r) => r.path)).toEqual([
      '/services/first',
      '/services/first',
      '/services/rotated',
    ]);
  });

  it('reads the secret again at once after Slack says the hook is gone', async () => {
    const { name, webhook } = await webhookWithSecret(`${HOOKS}/services/revoked`);
    slack.respondWith(404, 'no_service');
    await expect(webhook.post({ text: 'lost', blocks: [] })).rejects.toThrow(
      'The Slack webhook answered 404 no_service',
    );
    slack.respondWith(200, 'ok');
    await secrets.send(
      new PutSecretValueCommand({ SecretId: name, SecretString: `${HOOKS}/services/replacement` }),
    );
    await webhook.post({ text: 'found', blocks: [] });
    expect(slack.requests.at(-1)?.path).toBe('/services/replacement');
  });
});
