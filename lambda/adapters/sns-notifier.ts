import { type MessageAttributeValue, PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { OutgoingMessage } from '../messages/alert-contract';
import type { Notifier } from '../ports';

/** Publishes alert messages to the topic, one body per protocol (MessageStructure json). */
export class SnsNotifier implements Notifier {
  constructor(
    private readonly client: SNSClient,
    private readonly topicArn: string,
  ) {}

  async publish(message: OutgoingMessage): Promise<string> {
    const attributes: Record<string, MessageAttributeValue> = Object.fromEntries(
      Object.entries(message.attributes).map(([name, a]) => [
        name,
        { DataType: a.dataType, StringValue: a.value },
      ]),
    );
    const out = await this.client.send(
      new PublishCommand({
        TopicArn: this.topicArn,
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
