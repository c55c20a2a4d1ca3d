import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface AlertTopicProps {
  /** Addresses subscribed by email. */
  readonly emails: readonly string[];
}

const CLOUDWATCH = 'cloudwatch.amazonaws.com';

/**
 * The alert topic and its key. The topic refuses non-TLS requests and, once `onlyPublishers` is
 * called, publishing by anyone but those roles and CloudWatch alarms. The key lets CloudWatch
 * alarms encrypt their notifications: without that, alarms on an encrypted topic vanish silently.
 */
export class AlertTopic extends Construct {
  readonly topic: sns.Topic;
  readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: AlertTopicProps) {
    super(scope, id);
    const account = Stack.of(this).account;
    this.key = new kms.Key(this, 'Key', {
      description: 'Encrypts the Bedrock lifecycle alert topic',
      enableKeyRotation: true,
    });
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToPublish',
        principals: [new iam.ServicePrincipal(CLOUDWATCH)],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': account } },
      }),
    );
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: 'Bedrock model lifecycle alerts',
      masterKey: this.key,
      enforceSSL: true,
    });
    for (const email of props.emails) this.topic.addSubscription(new subscriptions.EmailSubscription(email));
  }

  /**
   * Lets these roles publish (with the key use that needs) and denies publishing to everyone else
   * but CloudWatch alarms of this account.
   */
  onlyPublishers(roles: readonly iam.IRole[]): void {
    const account = Stack.of(this).account;
    for (const role of roles) {
      role.addToPrincipalPolicy(
        new iam.PolicyStatement({ actions: ['sns:Publish'], resources: [this.topic.topicArn] }),
      );
      role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
          resources: [this.key.keyArn],
        }),
      );
    }
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowMonitorToPublish',
        principals: roles.map((role) => new iam.ArnPrincipal(role.roleArn)),
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
      }),
    );
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowAlarmsToPublish',
        principals: [new iam.ServicePrincipal(CLOUDWATCH)],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': account } },
      }),
    );
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'DenyOtherPublishers',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          StringNotEquals: { 'aws:PrincipalArn': roles.map((role) => role.roleArn) },
          StringNotEqualsIfExists: { 'aws:PrincipalServiceName': CLOUDWATCH },
        },
      }),
    );
  }
}
