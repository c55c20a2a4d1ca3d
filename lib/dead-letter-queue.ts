import { Duration, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { alarmToTopic } from './alarm-to-topic';

export interface DeadLetterQueueProps {
  /** What waits in the queue, for the alarm's description. */
  readonly holds: string;
  /** Where the alarm goes. */
  readonly alarmTopic: sns.ITopic;
}

/**
 * A dead-letter queue that does not stay silent: encrypted, TLS only, kept 14 days, and an alarm
 * on the topic as soon as one message waits in it.
 */
export class DeadLetterQueue extends Construct {
  readonly queue: sqs.Queue;
  readonly alarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: DeadLetterQueueProps) {
    super(scope, id);
    this.queue = new sqs.Queue(this, 'Queue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.queue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself a dead-letter queue; a message in it raises an alarm on the alert topic.',
    });
    this.alarm = alarmToTopic(
      new cloudwatch.Alarm(this, 'Alarm', {
        alarmDescription: `${props.holds} wait in a dead-letter queue`,
        metric: this.queue.metricApproximateNumberOfMessagesVisible({
          period: Duration.minutes(5),
          statistic: cloudwatch.Stats.MAXIMUM,
        }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
      props.alarmTopic,
    );
  }
}
