import { randomBytes } from 'node:crypto';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { motoClientConfig } from './moto';

export const uniqueName = (prefix: string): string => `${prefix}-${randomBytes(4).toString('hex')}`;

/** The history table as the construct defines it (PK/SK plus the GSI1 time index). */
export async function createHistoryTable(motoUrl: string, name = uniqueName('history')): Promise<string> {
  const client = new DynamoDBClient(motoClientConfig(motoUrl));
  await client.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: ['PK', 'SK', 'GSI1PK', 'GSI1SK'].map((n) => ({
        AttributeName: n,
        AttributeType: 'S',
      })),
      KeySchema: [
        { AttributeName: 'PK', KeyType: 'HASH' },
        { AttributeName: 'SK', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'GSI1',
          KeySchema: [
            { AttributeName: 'GSI1PK', KeyType: 'HASH' },
            { AttributeName: 'GSI1SK', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    }),
  );
  return name;
}

/** A message as an SQS subscriber of the topic receives it. */
export interface ReceivedAlert {
  readonly subject: string;
  /** The `sqs` body: the machine contract. */
  readonly body: {
    schemaVersion: number;
    source: string;
    observedAt: string;
    severity: string;
    events: Record<string, unknown>[];
    baselines: Record<string, unknown>[];
  };
  readonly attributes: Record<string, { Type: string; Value: string }>;
}

export class AlertQueue {
  private readonly sqs: SQSClient;

  private constructor(
    motoUrl: string,
    readonly queueUrl: string,
  ) {
    this.sqs = new SQSClient(motoClientConfig(motoUrl));
  }

  /** Creates a queue and subscribes it to the topic, as a machine subscriber would. */
  static async subscribe(motoUrl: string, topicArn: string, filterPolicy?: object): Promise<AlertQueue> {
    const sqs = new SQSClient(motoClientConfig(motoUrl));
    const { QueueUrl = '' } = await sqs.send(new CreateQueueCommand({ QueueName: uniqueName('alerts') }));
    const { Attributes = {} } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    await new SNSClient(motoClientConfig(motoUrl)).send(
      new SubscribeCommand({
        TopicArn: topicArn,
        Protocol: 'sqs',
        Endpoint: Attributes.QueueArn,
        ...(filterPolicy ? { Attributes: { FilterPolicy: JSON.stringify(filterPolicy) } } : {}),
      }),
    );
    return new AlertQueue(motoUrl, QueueUrl);
  }

  /** Everything waiting on the queue, removed from it, in arrival order. */
  drain(): Promise<ReceivedAlert[]> {
    return drainQueue(this.sqs, this.queueUrl, (body) => {
      const envelope = JSON.parse(body);
      return {
        subject: envelope.Subject,
        body: JSON.parse(envelope.Message),
        attributes: envelope.MessageAttributes ?? {},
      };
    });
  }
}

/** Every message waiting on a queue, parsed, removed from it, in arrival order. */
export async function drainQueue<T>(
  sqs: SQSClient,
  queueUrl: string,
  parse: (body: string) => T,
): Promise<T[]> {
  const received: T[] = [];
  for (;;) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
    );
    if (Messages.length === 0) return received;
    received.push(...Messages.map((m) => parse(m.Body ?? '{}')));
    await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle ?? '' })),
      }),
    );
  }
}

export async function createTopic(motoUrl: string, name = uniqueName('alerts')): Promise<string> {
  const { TopicArn = '' } = await new SNSClient(motoClientConfig(motoUrl)).send(
    new CreateTopicCommand({ Name: name }),
  );
  return TopicArn;
}

export const dynamoDb = (motoUrl: string) => new DynamoDBClient(motoClientConfig(motoUrl));
export const sns = (motoUrl: string) => new SNSClient(motoClientConfig(motoUrl));
