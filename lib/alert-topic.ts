import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface AlertTopicProps {
  /** Addresses subscribed by email. */
  readonly emails: readonly string[];
  /**
   * The key that encrypts the topic, shared with another alert topic.
   * @default - a key of its own, which the account's CloudWatch alarms may use
   */
  readonly key?: kms.Key;
  /**
   * What email clients show as the sender.
   * @default 'Bedrock model lifecycle alerts'
   */
  readonly displayName?: string;
  /**
   * The topic's name, for a topic whose ARN the function works out.
   * @default - a name CloudFormation generates
   */
  readonly topicName?: string;
}

const CLOUDWATCH = 'cloudwatch.amazonaws.com';

/** Every action an SNS topic policy can name ("Valid Amazon SNS policy actions"). */
const TOPIC_ACTIONS = [
  'sns:AddPermission',
  'sns:DeleteTopic',
  'sns:GetDataProtectionPolicy',
  'sns:GetTopicAttributes',
  'sns:ListSubscriptionsByTopic',
  'sns:ListTagsForResource',
  'sns:Publish',
  'sns:PutDataProtectionPolicy',
  'sns:RemovePermission',
  'sns:SetTopicAttributes',
  'sns:Subscribe',
];

/**
 * The alert topic and its key. The topic refuses any request without TLS and subscriptions over
 * plain http, and, once `onlyPublishers` is called, publishing by anyone but those roles and
 * CloudWatch alarms of this account and region. The key lets those alarms encrypt their
 * notifications: without that, alarms on an encrypted topic vanish silently.
 */
export class AlertTopic extends Construct {
  readonly topic: sns.Topic;
  readonly key: kms.Key;
  /** What CloudWatch may do for: an alarm of this account and region, and nothing else. */
  private readonly fromOwnAlarms: Record<string, Record<string, string>>;

  constructor(scope: Construct, id: string, props: AlertTopicProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.fromOwnAlarms = {
      StringEquals: { 'aws:SourceAccount': stack.account },
      ArnLike: {
        'aws:SourceArn': stack.formatArn({
          service: 'cloudwatch',
          resource: 'alarm',
          resourceName: '*',
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      },
    };
    this.key = props.key ?? this.ownKey();
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: props.displayName ?? 'Bedrock model lifecycle alerts',
      masterKey: this.key,
      ...(props.topicName ? { topicName: props.topicName } : {}),
    });
    // Not `enforceSSL`: CDK's statement denies only Publish without TLS.
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'DenyWithoutTls',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: TOPIC_ACTIONS,
        resources: [this.topic.topicArn],
        conditions: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
    // Alerts name the models a team depends on: they never travel in clear text.
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'DenyPlainHttpSubscriptions',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['sns:Subscribe'],
        resources: [this.topic.topicArn],
        conditions: { StringEquals: { 'sns:Protocol': 'http' } },
      }),
    );
    for (const email of props.emails) this.topic.addSubscription(new subscriptions.EmailSubscription(email));
  }

  /** A rotating key that the account's alarms may use too: without that, their notifications vanish. */
  private ownKey(): kms.Key {
    const key = new kms.Key(this, 'Key', {
      description: 'Encrypts the Bedrock lifecycle alert topic',
      enableKeyRotation: true,
    });
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToPublish',
        principals: [new iam.ServicePrincipal(CLOUDWATCH)],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
        conditions: this.fromOwnAlarms,
      }),
    );
    return key;
  }

  /**
   * Lets these roles publish (with the key use that needs) and denies publishing to everyone else
   * but CloudWatch alarms of this account and region.
   */
  onlyPublishers(roles: readonly iam.IRole[]): void {
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
        conditions: this.fromOwnAlarms,
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
