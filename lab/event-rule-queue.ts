import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { motoClientConfig } from './moto';
import { drainQueue, uniqueName } from './moto-resources';

/** An EventBridge event as an SQS target of a rule receives it. */
export interface ReceivedEvent {
  readonly source: string;
  readonly 'detail-type': string;
  readonly resources: readonly string[];
  readonly time: string;
  readonly detail: Record<string, unknown>;
}

/** An SQS queue that a rule on an event bus of moto targets: what a team's automation would hang off it. */
export class EventRuleQueue {
  private constructor(
    private readonly sqs: SQSClient,
    readonly queueUrl: string,
  ) {}

  /** A rule with this pattern on the bus (default: the account's default bus), targeting a new queue. */
  static async create(motoUrl: string, pattern: object, busName = 'default'): Promise<EventRuleQueue> {
    const sqs = new SQSClient(motoClientConfig(motoUrl));
    const { QueueUrl = '' } = await sqs.send(new CreateQueueCommand({ QueueName: uniqueName('events') }));
    const { Attributes = {} } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    const events = new EventBridgeClient(motoClientConfig(motoUrl));
    const rule = uniqueName('lifecycle');
    await events.send(
      new PutRuleCommand({ Name: rule, EventBusName: busName, EventPattern: JSON.stringify(pattern) }),
    );
    await events.send(
      new PutTargetsCommand({
        Rule: rule,
        EventBusName: busName,
        Targets: [{ Id: 'queue', Arn: Attributes.QueueArn }],
      }),
    );
    return new EventRuleQueue(sqs, QueueUrl);
  }

  /** Everything the rule delivered so far, removed from the queue. */
  drain(): Promise<ReceivedEvent[]> {
    return drainQueue(this.sqs, this.queueUrl, (body) => JSON.parse(body) as ReceivedEvent);
  }
}
