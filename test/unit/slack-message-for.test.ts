import { describe, expect, it } from 'vitest';
import { slackMessageFor } from '../../lambda/messages/slack-message-for';

describe('slackMessageFor', () => {
  it('turns a lifecycle contract message into the Block Kit digest', () => {
    const contract = {
      schemaVersion: 1,
      source: 'bedrock-lifecycle-monitor',
      observedAt: '2025-10-01T00:00:00.000Z',
      severity: 'info',
      events: [],
      baselines: [{ region: 'us-east-1', modelCount: 3, phases: { ACTIVE: 3 } }],
    };
    const message = slackMessageFor(JSON.stringify(contract));
    expect(message.blocks[0]).toEqual({
      type: 'header',
      text: {
        type: 'plain_text',
        text: 'ℹ️ Monitoring started: 3 models, all Active (us-east-1)',
        emoji: true,
      },
    });
  });

  it('turns a CloudWatch alarm notification into a short alarm message', () => {
    const alarm = {
      AlarmName: 'BedrockLifecycleMonitor-Errors',
      NewStateValue: 'ALARM',
      NewStateReason: 'Threshold Crossed: 1 datapoint [1.0] was >= the threshold (1.0).',
    };
    expect(slackMessageFor(JSON.stringify(alarm), 'ALARM: "BedrockLifecycleMonitor-Errors"')).toEqual({
      text: '🔔 BedrockLifecycleMonitor-Errors is ALARM',
      blocks: [
        {
          type: 'header',
          text: { type: 'plain_text', text: '🔔 BedrockLifecycleMonitor-Errors is ALARM', emoji: true },
        },
        {
          type: 'section',
          text: {
            type: 'mrkdwn',
            verbatim: true,
            text: 'Threshold Crossed: 1 datapoint [1.0] was &gt;= the threshold (1.0).',
          },
        },
      ],
    });
  });

  it.each([
    ['plain text', 'Something <happened> & *more*', undefined, 'Something &lt;happened&gt; &amp; ∗more∗'],
    [
      'JSON of another schema',
      '{"schemaVersion":2,"source":"bedrock-lifecycle-monitor"}',
      'Subject',
      '*Subject*\n{"schemaVersion":2,"source":"bedrock-lifecycle-monitor"}',
    ],
  ])('passes anything else on as escaped text: %s', (_name, text, subject, expected) => {
    expect(slackMessageFor(text, subject).blocks).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: expected, verbatim: true } },
    ]);
  });
});
