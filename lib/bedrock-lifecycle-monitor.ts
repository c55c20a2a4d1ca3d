import type { RemovalPolicy } from 'aws-cdk-lib';
import { Duration, Names, Stack, Token } from 'aws-cdk-lib';
import * as chatbot from 'aws-cdk-lib/aws-chatbot';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ENV } from '../lambda/config';
import { parseDeadlineDays, parseEmails, parseRegions } from '../lambda/domain/settings';
import {
  type SlackTarget,
  slackTarget,
  type TeamsTarget,
  teamsTarget,
  webhookSecretName,
} from './chat-settings';
import { FORWARDER_DEFAULTS, FUNCTION_DEFAULTS, MONITOR_DEFAULTS } from './monitor-defaults';
import { ProjectFunction } from './project-function';

export interface BedrockLifecycleMonitorProps {
  /**
   * Regions whose Bedrock foundation-model catalog is watched, e.g. `['us-east-1', 'eu-west-1']`.
   * @default - the stack's region
   */
  readonly regions?: string[];
  /**
   * When the monitor runs. The scheduled time of each run is its observation time.
   * @default - every 6 hours: `rate(6 hours)`
   */
  readonly schedule?: scheduler.ScheduleExpression;
  /**
   * Days before a deadline (public extended access, end of life) at which one reminder is sent.
   * @default [90, 30, 14, 7, 1]
   */
  readonly deadlineDays?: number[];
  /**
   * Email addresses subscribed to the alert topic. Each must confirm the subscription email.
   * @default - no email subscription
   */
  readonly alertEmails?: string[];
  /**
   * How long the function's logs are kept.
   * @default logs.RetentionDays.SIX_MONTHS
   */
  readonly logRetention?: logs.RetentionDays;
  /**
   * What happens to the history table when the stack is deleted.
   * @default RemovalPolicy.RETAIN
   */
  readonly tableRemovalPolicy?: RemovalPolicy;
  /**
   * The Slack workspace (team) ID authorised in AWS Chatbot, e.g. `T0123ABCD`. Needs `slackChannelIds`.
   * @default - no Slack channel through AWS Chatbot
   */
  readonly slackWorkspaceId?: string;
  /**
   * Slack channel IDs that receive the alerts through AWS Chatbot, one configuration each.
   * @default - none
   */
  readonly slackChannelIds?: string[];
  /**
   * The Microsoft Teams tenant ID authorised in AWS Chatbot. Needs `teamsTeamId` and `teamsChannelIds`.
   * @default - no Teams channel
   */
  readonly teamsTenantId?: string;
  /**
   * The Microsoft Teams team ID authorised in AWS Chatbot.
   * @default - no Teams channel
   */
  readonly teamsTeamId?: string;
  /**
   * Teams channel IDs that receive the alerts, as copied from the channel link or URL-encoded.
   * @default - none
   */
  readonly teamsChannelIds?: string[];
  /**
   * Name of a Secrets Manager secret holding a Slack incoming-webhook URL. When set, a forwarder
   * function posts every alert to that webhook in Block Kit; the URL never enters the template.
   * @default - no webhook forwarder
   */
  readonly slackWebhookSecretName?: string;
}

/**
 * Watches the Bedrock model catalog of some regions on a schedule, keeps the lifecycle history in
 * DynamoDB and publishes alerts on an SNS topic.
 */
export class BedrockLifecycleMonitor extends Construct {
  /** History, state and alert ledger. */
  readonly table: dynamodb.Table;
  /** Where alerts are published; subscribe email, chat or machines to it. */
  readonly topic: sns.Topic;
  /** The key that encrypts the topic. */
  readonly topicKey: kms.Key;
  readonly function: nodejs.NodejsFunction;
  readonly schedule: scheduler.Schedule;
  /** The Slack webhook forwarder, when `slackWebhookSecretName` is set. */
  readonly slackForwarder?: nodejs.NodejsFunction;
  /** Where forwarder invocations that failed every attempt are kept, when there is a forwarder. */
  readonly slackForwarderDeadLetterQueue?: sqs.Queue;

  constructor(scope: Construct, id: string, props: BedrockLifecycleMonitorProps = {}) {
    super(scope, id);
    const regions = props.regions ?? [Stack.of(this).region];
    const deadlineDays = parseDeadlineDays(props.deadlineDays ?? MONITOR_DEFAULTS.deadlineDays);
    const alertEmails = parseEmails(props.alertEmails ?? []);
    if (!regions.some((region) => Token.isUnresolved(region))) parseRegions(regions);
    const slack = slackTarget(props.slackWorkspaceId, props.slackChannelIds ?? []);
    const teams = teamsTarget(props.teamsTenantId, props.teamsTeamId, props.teamsChannelIds ?? []);
    const webhookSecret = webhookSecretName(props.slackWebhookSecretName);

    this.table = new dynamodb.Table(this, 'History', {
      partitionKey: { name: 'PK', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'SK', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      removalPolicy: props.tableRemovalPolicy ?? MONITOR_DEFAULTS.tableRemovalPolicy,
    });
    this.table.addGlobalSecondaryIndex({
      indexName: 'GSI1',
      partitionKey: { name: 'GSI1PK', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'GSI1SK', type: dynamodb.AttributeType.STRING },
    });

    this.topicKey = new kms.Key(this, 'TopicKey', {
      description: 'Encrypts the Bedrock lifecycle alert topic',
      enableKeyRotation: true,
    });
    this.topic = new sns.Topic(this, 'Alerts', {
      displayName: 'Bedrock model lifecycle alerts',
      masterKey: this.topicKey,
      enforceSSL: true,
    });
    for (const email of alertEmails) this.topic.addSubscription(new subscriptions.EmailSubscription(email));

    this.function = new ProjectFunction(this, 'Monitor', {
      entry: 'handler.ts',
      description: 'Diffs the Bedrock model catalog against its history and publishes lifecycle alerts',
      logRetention: props.logRetention ?? MONITOR_DEFAULTS.logRetention,
      ...FUNCTION_DEFAULTS,
    }).function;

    this.function.addEnvironment(ENV.regions, regions.join(','));
    this.function.addEnvironment(ENV.monitorId, Stack.of(this).stackName);
    this.function.addEnvironment(ENV.deadlineDays, deadlineDays.join(','));
    // ListFoundationModels has no resource-level permissions: it must be granted on "*".
    this.function.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['bedrock:ListFoundationModels'], resources: ['*'] }),
    );

    this.function.addEnvironment(ENV.tableName, this.table.tableName);
    // Exactly what the store does: transactional reads (GetItem), conditional transactional writes
    // (PutItem, UpdateItem), ledger reads (BatchGetItem) and batched history (BatchWriteItem).
    this.table.grant(
      this.function,
      'dynamodb:GetItem',
      'dynamodb:BatchGetItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:BatchWriteItem',
    );

    this.function.addEnvironment(ENV.topicArn, this.topic.topicArn);
    this.topic.grantPublish(this.function);

    this.schedule = new scheduler.Schedule(this, 'Schedule', {
      description: 'Runs the Bedrock lifecycle monitor; passes the scheduled time as the observation time',
      schedule: props.schedule ?? MONITOR_DEFAULTS.schedule,
      target: new targets.LambdaInvoke(this.function, {
        input: scheduler.ScheduleTargetInput.fromObject({ time: scheduler.ContextAttribute.scheduledTime }),
      }),
    });

    if (slack || teams) this.addChatChannels(slack, teams);
    if (webhookSecret) {
      const forwarder = this.addSlackForwarder(
        webhookSecret,
        props.logRetention ?? MONITOR_DEFAULTS.logRetention,
      );
      this.slackForwarder = forwarder.function;
      this.slackForwarderDeadLetterQueue = forwarder.deadLetterQueue;
    }
  }

  /**
   * One AWS Chatbot configuration per channel, subscribed to the topic. Notifications need no
   * permissions: the channel role has none, and the AWSDenyAll guardrail caps what anyone in the
   * channel could do through Chatbot at nothing.
   */
  private addChatChannels(slack: SlackTarget | undefined, teams: TeamsTarget | undefined): void {
    const role = new iam.Role(this, 'ChatChannelRole', {
      assumedBy: new iam.ServicePrincipal('chatbot.amazonaws.com'),
      description: 'Lets AWS Chatbot deliver Bedrock lifecycle alerts; grants nothing',
    });
    const common = {
      iamRoleArn: role.roleArn,
      snsTopicArns: [this.topic.topicArn],
      guardrailPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AWSDenyAll').managedPolicyArn],
      loggingLevel: 'ERROR',
      userRoleRequired: false,
    };
    // Configuration names are unique per account: derive them from this construct's unique path.
    const base = Names.uniqueResourceName(this, { maxLength: 100, separator: '-' });
    slack?.channelIds.forEach((channelId, i) => {
      new chatbot.CfnSlackChannelConfiguration(this, `SlackChannel${i + 1}`, {
        ...common,
        configurationName: `${base}-slack-${i + 1}`,
        slackWorkspaceId: slack.workspaceId,
        slackChannelId: channelId,
      });
    });
    teams?.channelIds.forEach((channelId, i) => {
      new chatbot.CfnMicrosoftTeamsChannelConfiguration(this, `TeamsChannel${i + 1}`, {
        ...common,
        configurationName: `${base}-teams-${i + 1}`,
        teamsTenantId: teams.tenantId,
        teamId: teams.teamId,
        teamsChannelId: channelId,
      });
    });
  }

  /**
   * The Slack incoming-webhook option: a function subscribed to the topic posts Block Kit. Failed
   * posts are retried by Lambda, then kept in a dead-letter queue whose depth raises an alarm on
   * this topic (email and Chatbot see it).
   */
  private addSlackForwarder(secretName: string, logRetention: logs.RetentionDays) {
    const deadLetterQueue = new sqs.Queue(this, 'SlackForwarderDeadLetters', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    const forwarder = new ProjectFunction(this, 'SlackForwarder', {
      entry: 'slack-forwarder.ts',
      description: 'Posts Bedrock lifecycle alerts to a Slack incoming webhook in Block Kit',
      logRetention,
      deadLetterQueue,
      ...FORWARDER_DEFAULTS,
    }).function;

    forwarder.addEnvironment(ENV.slackWebhookSecretName, secretName);
    secretsmanager.Secret.fromSecretNameV2(this, 'SlackWebhookSecret', secretName).grantRead(forwarder);

    // Deliveries SNS could not hand to Lambda land in the same queue as invocations that failed.
    this.topic.addSubscription(new subscriptions.LambdaSubscription(forwarder, { deadLetterQueue }));
    const alarm = new cloudwatch.Alarm(this, 'SlackForwarderDeadLettersAlarm', {
      alarmDescription: 'Alerts could not be posted to the Slack webhook; they wait in the dead-letter queue',
      metric: deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
        statistic: cloudwatch.Stats.MAXIMUM,
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new cloudwatchActions.SnsAction(this.topic));
    this.allowAlarmsToPublish();
    return { function: forwarder, deadLetterQueue };
  }

  /** CloudWatch alarms publish to the encrypted topic only if its key lets them. */
  private allowAlarmsToPublish(): void {
    this.topicKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToPublish',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );
  }
}
