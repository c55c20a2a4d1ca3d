import {
  CONTRACT_SCHEMA_VERSION,
  CONTRACT_SOURCE,
  type ContractMessage,
  type SlackMessage,
} from './alert-contract';
import { mrkdwn, renderBlockKit } from './block-kit';
import { escapeMarkdown, short } from './markdown';
import { isTestMessage, testAlertBlockKit } from './test-alert';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const isContract = (value: unknown): value is ContractMessage =>
  isRecord(value) &&
  value.source === CONTRACT_SOURCE &&
  value.schemaVersion === CONTRACT_SCHEMA_VERSION &&
  Array.isArray(value.events);

const ALARM_EMOJI: Readonly<Record<string, string>> = { ALARM: '🔔', OK: '✅', INSUFFICIENT_DATA: '❔' };

/**
 * The Slack message for anything that arrives on the alert topic: lifecycle alerts as a Block Kit
 * digest, CloudWatch alarm notifications (the monitor's own alarms) as a short alarm message, and
 * anything else as escaped text, so the webhook channel never silently misses a message.
 */
export function slackMessageFor(message: string, subject?: string): SlackMessage {
  const value = parse(message);
  if (isContract(value)) return isTestMessage(value) ? testAlertBlockKit(value) : renderBlockKit(value);
  if (isRecord(value) && typeof value.AlarmName === 'string' && typeof value.NewStateValue === 'string') {
    const title = `${ALARM_EMOJI[value.NewStateValue] ?? '🔔'} ${value.AlarmName} is ${value.NewStateValue}`;
    const reason = typeof value.NewStateReason === 'string' ? value.NewStateReason : '';
    return {
      text: escapeMarkdown(short(title, 150)),
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: short(title, 150), emoji: true } },
        ...(reason
          ? [
              {
                type: 'section' as const,
                text: mrkdwn(escapeMarkdown(short(reason, 2_900))),
              },
            ]
          : []),
      ],
    };
  }
  const text = subject
    ? `*${escapeMarkdown(short(subject, 200))}*\n${escapeMarkdown(short(message, 2_700))}`
    : escapeMarkdown(short(message, 2_900));
  return {
    text: escapeMarkdown(short(subject ?? message, 150)),
    blocks: [{ type: 'section', text: mrkdwn(text) }],
  };
}
