import { visible } from '../domain/text';
import {
  CONTRACT_SCHEMA_VERSION,
  CONTRACT_SOURCE,
  type ContractMessage,
  type OutgoingMessage,
  type SlackMessage,
} from './alert-contract';
import { mrkdwn } from './block-kit';
import type { ChatNotification } from './chatbot';
import { escapeMarkdown, short } from './markdown';

/**
 * The test message `bedrock-lifecycle test-alert` publishes: the same protocols and shapes as an
 * alert (email text, an AWS Chatbot notification, the JSON contract), so each channel is shown to
 * work end to end, and marked as a test in each, so no one mistakes it for a lifecycle change. Its
 * JSON carries `test: true` and no events: a machine subscriber that reads events reads none.
 */

export const TEST_ALERT_TITLE = 'Test alert from bedrock-lifecycle-monitor';

export interface TestAlert {
  /** When it was sent (ISO). */
  readonly sentAt: string;
  /** The monitor's stack name. */
  readonly stackName: string;
  /** The route whose topic it goes to; undefined: the alert topic. */
  readonly route?: string;
}

const where = (alert: TestAlert): string =>
  alert.route === undefined ? 'the alert topic' : `the topic of the route ${alert.route}`;

/** What every format of the test says, after where it came from. */
const NOT_AN_ALERT = [
  'It is not about any model: nothing changed, and nothing was recorded.',
  "If you can read it here, this channel receives the monitor's alerts.",
];

/** What the test says, in plain words; every name in it is the user's own configuration. */
const lines = (alert: TestAlert): string[] => [
  `This is a test message, sent by \`bedrock-lifecycle test-alert\` to ${where(alert)} of the monitor ${alert.stackName} at ${alert.sentAt}.`,
  ...NOT_AN_ALERT,
];

const machine = (alert: TestAlert) => ({
  schemaVersion: CONTRACT_SCHEMA_VERSION,
  source: CONTRACT_SOURCE,
  test: true,
  observedAt: alert.sentAt,
  severity: 'info',
  events: [],
  baselines: [],
});

function chat(alert: TestAlert): ChatNotification {
  return {
    version: '1.0',
    source: 'custom',
    id: `test#${alert.sentAt}`,
    content: {
      textType: 'client-markdown',
      title: `🧪 ${TEST_ALERT_TITLE}`,
      description: lines(alert)
        .map((line) => escapeMarkdown(short(line, 500)))
        .join('\n'),
      nextSteps: [],
      keywords: ['test'],
    },
    metadata: {
      summary: TEST_ALERT_TITLE,
      eventType: 'BedrockModelLifecycle/TEST',
      relatedResources: [],
      additionalContext: { test: 'true', sentAt: alert.sentAt },
    },
  };
}

/** The test message, one body per protocol, as SNS publishes it. */
export function renderTestAlert(alert: TestAlert): OutgoingMessage {
  // The stack and route names come from the user's own command line and stack: shown, not obeyed.
  const safe = { ...alert, stackName: visible(alert.stackName), route: alert.route && visible(alert.route) };
  const text = [TEST_ALERT_TITLE, '', ...lines(safe)].join('\n');
  const json = JSON.stringify(machine(safe));
  const chatJson = JSON.stringify(chat(safe));
  return {
    subject: `[TEST] ${TEST_ALERT_TITLE}`,
    message: JSON.stringify({
      default: text,
      email: text,
      sqs: json,
      lambda: json,
      http: chatJson,
      https: chatJson,
    }),
    attributes: {
      severity: { dataType: 'String', value: 'info' },
      test: { dataType: 'String', value: 'true' },
      kinds: { dataType: 'String.Array', value: '["TEST"]' },
    },
  };
}

/** Whether a contract message is a test message rather than an alert. */
export const isTestMessage = (message: ContractMessage): boolean => message.test === true;

/** The Slack webhook forwarder's Block Kit for a test message. */
export function testAlertBlockKit(message: ContractMessage): SlackMessage {
  const text = `🧪 ${TEST_ALERT_TITLE}`;
  return {
    text,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text, emoji: true } },
      {
        type: 'section',
        text: mrkdwn(
          escapeMarkdown([`Sent at ${short(visible(message.observedAt), 40)}.`, ...NOT_AN_ALERT].join(' ')),
        ),
      },
    ],
  };
}
