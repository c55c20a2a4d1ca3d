import { describe, expect, inject, it } from 'vitest';
import { AlertQueue, createTopic, sns } from '../../lab/moto-resources';
import { SnsNotifier } from '../../lambda/adapters/sns-notifier';
import { diffRegion } from '../../lambda/domain/diff';
import { planAlerts } from '../../lambda/messages/alert-plan';
import { renderAlert } from '../../lambda/messages/sns-message';
import { legacySonnet } from '../support/models';

const CONTEXT = { tableName: 'History', tableRegion: 'us-east-1' };
const observedAt = '2026-04-21T08:00:00.000Z';

/** A critical (7 days to EOL) and an info (baseline) message for two regions. */
const messages = () => {
  const events = ['us-east-1', 'us-west-2'].flatMap(
    (region) =>
      diffRegion({
        region,
        previous: undefined,
        listing: [legacySonnet()],
        t: new Date(observedAt),
        thresholds: [7],
      }).events,
  );
  return planAlerts(events, [], { observedAt, runId: 'run-1' }, CONTEXT).map((alert) =>
    renderAlert(alert, CONTEXT),
  );
};

describe('SnsNotifier against moto', () => {
  const motoUrl = inject('motoUrl');

  it('publishes the JSON structure so an SQS subscriber gets the machine contract, with attributes', async () => {
    const topicArn = await createTopic(motoUrl);
    const queue = await AlertQueue.subscribe(motoUrl, topicArn);
    const notifier = new SnsNotifier(sns(motoUrl), topicArn);
    const sent = messages();
    const ids = [];
    for (const message of sent) ids.push(await notifier.publish(message));
    expect(ids).toHaveLength(sent.length);
    expect(ids.filter((id) => id.length === 0)).toEqual([]);

    const received = await queue.drain();
    expect(received.map((r) => r.subject)).toEqual(sent.map((m) => m.subject));
    expect(received.map((r) => r.body.severity)).toEqual(['critical', 'info']);
    expect(received[0]?.body.events).toHaveLength(2);
    expect(received[0]?.attributes).toEqual({
      severity: { Type: 'String', Value: 'critical' },
      kinds: { Type: 'String.Array', Value: '["DEADLINE_APPROACHING"]' },
      regions: { Type: 'String.Array', Value: '["us-east-1","us-west-2"]' },
      modelIds: { Type: 'String.Array', Value: '["anthropic.claude-3-7-sonnet-20250219-v1:0"]' },
      inUse: { Type: 'String', Value: 'false' },
    });
  });

  it('fails when the topic cannot take the message', async () => {
    const notifier = new SnsNotifier(sns(motoUrl), 'arn:aws:sns:us-east-1:123456789012:no-such-topic');
    await expect(
      notifier.publish(messages()[0] as ReturnType<typeof messages>[number]),
    ).rejects.toMatchObject({
      name: 'NotFoundException',
    });
  });
});
