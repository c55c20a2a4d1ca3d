import { type MessageAttributeValue, PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { OutgoingMessage } from '../messages/alert-contract';
import type { Notifier } from '../ports';

/**
 * Publishes alert messages to the topic, or to a route's topic, one body per protocol
 * (MessageStructure json).
 */
export class SnsNotifier implements Notifier {
  constructor(
    private readonly client: SNSClient,
    private readonly topicArn: string,
    /** A route's topic ARN from its name. @default - no routes: publishing to one throws */
    private readonly routeTopicArn: (route: string) => string = (route) => {
      throw new Error(`No topic for route ${route}`);
    },
  ) {}

  async publish(message: OutgoingMessage, route?: string): Promise<string> {
    const attributes: Record<string, MessageAttributeValue> = Object.fromEntries(
      Object.entries(message.attributes).map(([name, a]) => [
        name,
        { DataType: a.dataType, StringValue: a.value },
      ]),
    );
    const out = await this.client.send(
      new PublishCommand({
        TopicArn: route === undefined ? this.topicArn : this.routeTopicArn(route),
        Subject: message.subject,
        Message: message.message,
        MessageStructure: 'json',
        MessageAttributes: attributes,
      }),
    );
    if (!out.MessageId) throw new Error('SNS accepted the message but returned no MessageId');
    return out.MessageId;
  }
}
