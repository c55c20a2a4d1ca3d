import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SubscribeCommand } from '@aws-sdk/client-sns';
import Ajv from 'ajv';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startCaptureServer } from '../../lab/capture-server';
import { AlertQueue, createTopic, sns } from '../../lab/moto-resources';
import { EXAMPLE_CONTEXT, simulateRuns } from '../../lab/simulated-runs';
import { SnsNotifier } from '../../lambda/adapters/sns-notifier';
import type { PlannedAlert } from '../../lambda/messages/alert-plan';
import { renderAlert } from '../../lambda/messages/sns-message';

const schema = JSON.parse(
  readFileSync(join(__dirname, '..', 'fixtures', 'chatbot-custom-notification.schema.json'), 'utf8'),
);
const validate = new Ajv({ allErrors: true }).compile(schema);

/** Every protocol gets its own body from one publish: http(s) the Chatbot JSON, sqs the contract. */
describe('one published alert, each subscriber in its own format (moto SNS)', () => {
  const motoUrl = inject('motoUrl');
  let chat: Awaited<ReturnType<typeof startCaptureServer>>;
  let topicArn: string;
  let everything: AlertQueue;
  let criticalOnly: AlertQueue;
  const [, april = []] = simulateRuns(
    ['us-east-1', 'us-west-2'],
    ['2026-03-01T00:00:00Z', '2026-04-21T08:00:00Z'],
  );

  beforeAll(async () => {
    chat = await startCaptureServer();
    topicArn = await createTopic(motoUrl);
    await sns(motoUrl).send(
      new SubscribeCommand({ TopicArn: topicArn, Protocol: 'http', Endpoint: `${chat.url}/chatbot` }),
    );
    everything = await AlertQueue.subscribe(motoUrl, topicArn);
    criticalOnly = await AlertQueue.subscribe(motoUrl, topicArn, { severity: ['critical'] });
    const notifier = new SnsNotifier(sns(motoUrl), topicArn);
    for (const alert of april) await notifier.publish(renderAlert(alert, EXAMPLE_CONTEXT));
  });
  afterAll(() => chat.close());

  it('delivers the Chatbot custom notification to an http subscriber, valid against its schema', () => {
    const notifications = chat.requests
      .map((r) => JSON.parse(r.body) as { Type: string; Message: string; Subject?: string })
      .filter((envelope) => envelope.Type === 'Notification');
    expect(notifications).toHaveLength(april.length);
    for (const [i, envelope] of notifications.entries()) {
      const body = JSON.parse(envelope.Message);
      expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
      const { observedAt, severity, part } = april[i] as PlannedAlert;
      expect(body.id).toBe(`${observedAt}#${severity}#${part}`);
    }
    expect(JSON.parse(notifications[0]?.Message ?? '{}').content.title).toBe(
      '🚨 Claude 3.7 Sonnet (us-east-1 +1) reaches EOL in 7 days',
    );
  });

  it('delivers the machine contract to an SQS subscriber', async () => {
    const received = await everything.drain();
    expect(received.map((r) => r.body.severity)).toEqual(april.map((a) => a.severity));
    expect(received[0]?.body).toMatchObject({ schemaVersion: 1, source: 'bedrock-lifecycle-monitor' });
  });

  it('lets a severity filter policy pass only matching messages', async () => {
    const received = await criticalOnly.drain();
    expect(received.map((r) => r.body.severity)).toEqual(['critical']);
  });
});
