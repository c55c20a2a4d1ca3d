import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { slackMessageFor } from '../../lambda/messages/slack-message-for';
import { renderTestAlert, TEST_ALERT_TITLE } from '../../lambda/messages/test-alert';

const schema = JSON.parse(
  readFileSync(join(__dirname, '..', 'fixtures', 'chatbot-custom-notification.schema.json'), 'utf8'),
);
const validate = new Ajv({ allErrors: true }).compile(schema);

const SENT_AT = '2026-12-05T17:00:00.000Z';

describe('the test message of bedrock-lifecycle test-alert', () => {
  const message = renderTestAlert({ sentAt: SENT_AT, stackName: 'BedrockLifecycleMonitor', route: 'pager' });
  const bodies = JSON.parse(message.message) as Record<string, string>;

  it('says it is a test in the subject and in every protocol’s body, with SNS’s required default', () => {
    expect(message.subject).toBe(`[TEST] ${TEST_ALERT_TITLE}`);
    expect(Object.keys(bodies).sort()).toEqual(['default', 'email', 'http', 'https', 'lambda', 'sqs']);
    expect(bodies.email).toBe(bodies.default);
    expect(bodies.email?.split('\n')[0]).toBe(TEST_ALERT_TITLE);
    expect(bodies.email).toContain(
      'to the topic of the route pager of the monitor BedrockLifecycleMonitor at 2026-12-05T17:00:00.000Z',
    );
    expect(message.attributes.test).toEqual({ dataType: 'String', value: 'true' });
  });

  it('gives machines the contract with test: true and no events, so a reader of events reads none', () => {
    expect(JSON.parse(bodies.sqs ?? '')).toEqual({
      schemaVersion: 1,
      source: 'bedrock-lifecycle-monitor',
      test: true,
      observedAt: SENT_AT,
      severity: 'info',
      events: [],
      baselines: [],
    });
    expect(bodies.lambda).toBe(bodies.sqs);
  });

  it('gives AWS Chatbot a valid custom notification titled as a test', () => {
    const chat = JSON.parse(bodies.https ?? '');
    expect(validate(chat), JSON.stringify(validate.errors)).toBe(true);
    expect(chat.content.title).toBe(`🧪 ${TEST_ALERT_TITLE}`);
    expect(chat.content.keywords).toEqual(['test']);
  });

  it('is posted by the Slack webhook forwarder as a test, not as an empty digest', () => {
    const slack = slackMessageFor(bodies.lambda ?? '');
    expect(slack.text).toBe(`🧪 ${TEST_ALERT_TITLE}`);
    expect(JSON.stringify(slack.blocks)).toContain('nothing changed');
  });

  it('shows a stack name with control characters as escapes, never as terminal or chat control', () => {
    const hostile = renderTestAlert({ sentAt: SENT_AT, stackName: 'x\u001b]8;;https://evil\u0007y' });
    const text = JSON.parse(hostile.message).email as string;
    expect([...text].filter((c) => c !== '\n' && (c.codePointAt(0) ?? 0) < 0x20)).toEqual([]);
    expect(text).toContain('\\u001b');
  });
});
