import { slackMessageFor } from '../messages/slack-message-for';
import type { ChatWebhook, Log } from '../ports';

/** One notification from the topic, as SNS hands it to a Lambda subscriber. */
export interface TopicNotification {
  readonly message: string;
  readonly subject?: string;
}

/**
 * Posts each notification to Slack in Block Kit.
 *
 * 1. Turn the notification into a Slack message (lifecycle digest, alarm, or plain text).
 * 2. Post it; a failure is thrown so Lambda retries the invocation and, in the end, parks it in
 *    the dead-letter queue: nothing is dropped silently.
 */
export async function forwardToSlack(
  notifications: readonly TopicNotification[],
  webhook: ChatWebhook,
  log: Log,
): Promise<number> {
  for (const notification of notifications) {
    // 1.
    const message = slackMessageFor(notification.message, notification.subject);
    // 2.
    await webhook.post(message);
    log.info('Posted to Slack', { blocks: message.blocks.length, text: message.text });
  }
  return notifications.length;
}
