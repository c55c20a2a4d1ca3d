import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { toForwarderEnvironment } from '../contract/environment';
import { DeadLetterQueue } from './dead-letter-queue';
import { FORWARDER_DEFAULTS } from './monitor-defaults';
import { ProjectFunction } from './project-function';

export interface SlackWebhookForwarderProps {
  readonly topic: sns.ITopic;
  /** The Secrets Manager secret that holds the webhook URL. */
  readonly secretName: string;
  readonly logRetention: logs.RetentionDays;
}

/**
 * The Slack incoming-webhook option: a function subscribed to the topic posts each message in Block
 * Kit. It may read its one secret and nothing else. Failed posts are retried by Lambda, then kept in
 * a dead-letter queue whose first message raises an alarm on the topic.
 */
export class SlackWebhookForwarder extends Construct {
  readonly function: lambda.IFunction;
  readonly deadLetterQueue: DeadLetterQueue;

  constructor(scope: Construct, id: string, props: SlackWebhookForwarderProps) {
    super(scope, id);
    this.deadLetterQueue = new DeadLetterQueue(this, 'DeadLetters', {
      holds: 'Alerts that could not be posted to the Slack webhook',
      alarmTopic: props.topic,
    });
    const forwarder = new ProjectFunction(this, 'Forwarder', {
      entry: 'slack-forwarder.ts',
      description: 'Posts Bedrock lifecycle alerts to a Slack incoming webhook in Block Kit',
      logRetention: props.logRetention,
      deadLetterQueue: this.deadLetterQueue.queue,
      environment: toForwarderEnvironment(props.secretName),
      ...FORWARDER_DEFAULTS,
    }).function;
    this.function = forwarder;
    // SLACK_WEBHOOK_SECRET_NAME names this secret, and the function may read it alone.
    secretsmanager.Secret.fromSecretNameV2(this, 'Secret', props.secretName).grantRead(forwarder);

    // Deliveries SNS could not hand to Lambda land in the same queue as invocations that failed.
    props.topic.addSubscription(
      new subscriptions.LambdaSubscription(forwarder, { deadLetterQueue: this.deadLetterQueue.queue }),
    );
  }
}
