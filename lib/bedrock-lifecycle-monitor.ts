import { Aws, type CfnElement, Duration, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { checkEnvironmentFits, toEnvironment } from '../contract/environment';
import type { ModelPrice } from '../contract/model-prices';
import { type MonitorSettings, parseMonitorSettings, type SettingKey } from '../contract/monitor-settings';
import { PRICE_CACHE_PK } from '../contract/price-cache';
import type { RouteSeverity } from '../contract/routes';
import {
  type AlertOn,
  defaultUsageRoleName,
  globalRegionOf,
  monitorRoleName,
  type StackSetCaller,
} from '../contract/settings';
import { AlertTopic } from './alert-topic';
import { ChatChannels, type ChatDelivery } from './chat-channels';
import { DeadLetterQueue } from './dead-letter-queue';
import { HealthNoticeRule } from './health-notice-rule';
import { FUNCTION_DEFAULTS, MONITOR_DEFAULTS } from './monitor-defaults';
import { PROJECT_ENVIRONMENT, ProjectFunction } from './project-function';
import { RouteTopics } from './route-topics';
import { SelfMonitoring } from './self-monitoring';
import { SlackWebhookForwarder } from './slack-webhook-forwarder';
import { UsageReaderStackSet } from './usage-reader-stack-set';

/**
 * The settings of a monitor. Each one that is not given here is read from the CDK context key of
 * the same name (`-c deadlineDays=30,7`), as a string; only then does its default apply. Every
 * value, from either source, is validated once, by the parsers in contract/: a bad one fails
 * synth with one line naming the key.
 */
export interface BedrockLifecycleMonitorProps {
  /**
   * Regions whose Bedrock foundation-model catalog is watched, e.g. `['us-east-1', 'eu-west-1']`.
   * @default - the stack's region
   */
  readonly regions?: readonly string[];
  /**
   * When the monitor runs. The scheduled time of each run is its observation time.
   * @default - every 6 hours: `rate(6 hours)`
   */
  readonly schedule?: scheduler.ScheduleExpression;
  /**
   * Days before a deadline (public extended access, end of life) at which one reminder is sent.
   * @default [90, 30, 14, 7, 1]
   */
  readonly deadlineDays?: readonly number[];
  /**
   * Email addresses subscribed to the alert topic. Each must confirm the subscription email.
   * @default - no email subscription
   */
  readonly alertEmails?: readonly string[];
  /**
   * How long the function's logs are kept.
   * @default logs.RetentionDays.SIX_MONTHS
   */
  readonly logRetention?: logs.RetentionDays;
  /**
   * What happens to the history table when the stack is deleted. `DESTROY` also turns the table's
   * deletion protection off, which would otherwise make the stack's deletion fail.
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
  readonly slackChannelIds?: readonly string[];
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
  readonly teamsChannelIds?: readonly string[];
  /**
   * Name of a Secrets Manager secret holding a Slack incoming-webhook URL. When set, a forwarder
   * function posts every alert to that webhook in Block Kit; the URL never enters the template.
   * @default - no webhook forwarder
   */
  readonly slackWebhookSecretName?: string;
  /**
   * `used`: alerts about models no account of `usageAccounts` called in the last
   * `usageLookbackDays` (and that are not on the watch list) are still recorded and published, but
   * at info severity, so a route with `minSeverity: 'warning'` leaves them out. A model whose usage could not be read is never
   * lowered. `all`: every model alerts at its own severity.
   * @default 'all'
   */
  readonly alertOn?: AlertOn;
  /**
   * Days of CloudWatch `AWS/Bedrock` `Invocations` (and `InputTokenCount`, `OutputTokenCount`)
   * that decide whether a model is in use and what it costs a month.
   * @default 14
   */
  readonly usageLookbackDays?: number;
  /**
   * Model ids or id prefixes always treated as in use, e.g. models the account must keep even
   * while idle. Inference-profile ids and ARNs count as the model they route to.
   * @default - none
   */
  readonly watchModels?: readonly string[];
  /**
   * Concurrency reserved for the monitor function, e.g. `1` so that runs never overlap on Lambda's
   * side. It needs that much unreserved concurrency in the account beyond the 100 Lambda keeps
   * unreserved: accounts whose concurrency quota is low (new accounts often have 10) fail to create
   * the function with a reservation. Overlapping runs are safe without one.
   * @default - none reserved
   */
  readonly reservedConcurrency?: number;
  /**
   * Whose Bedrock calls count as use: account ids, or `'organization'` for every active account
   * of the AWS Organization (the monitor must then run in the management account or a delegated
   * administrator account). Each other account is read through its `usageRoleName` role, which the
   * `BedrockLifecycleUsageReader` stack or the `usageOrganizationalUnits` StackSet creates (with
   * that StackSet, `organization` means the accounts of its units, plus the monitor's own). Setting
   * it names the function's role `<stack name>-Monitor-<region>`, which those roles trust.
   * @default - the monitor's own account only
   */
  readonly usageAccounts?: readonly string[] | 'organization';
  /**
   * The usage reader role assumed in each account of `usageAccounts`, the same name in every account.
   * @default - `<stack name>-Reader-<region>`: each monitor of an organization has reader roles of its own
   */
  readonly usageRoleName?: string;
  /**
   * Organizational units (`ou-…`) or the root (`r-…`) whose accounts get the usage reader role from
   * a service-managed StackSet, including accounts that join them later. Needs `usageAccounts`.
   * @default - no StackSet: deploy the BedrockLifecycleUsageReader stack into each account
   */
  readonly usageOrganizationalUnits?: readonly string[];
  /**
   * Who creates the StackSet: `SELF` from the management account, `DELEGATED_ADMIN` from a
   * CloudFormation delegated administrator account.
   * @default 'SELF'
   */
  readonly usageStackSetCallAs?: StackSetCaller;
  /**
   * The region the StackSet deploys each account's reader role in. IAM is global, so one region is
   * enough; it must be enabled in every account (an opt-in region is not).
   * @default - us-east-1 (us-gov-west-1, cn-north-1 in those partitions)
   */
  readonly usageStackSetRegion?: string;
  /**
   * Routes: each gets a topic of its own (name `<stack name>-route-<name>`) that receives the
   * changes matching its rule, as the same digest messages, besides the alert topic receiving
   * everything. The monitor decides what each route gets; no SNS filter policy is involved.
   * @default - none
   */
  readonly routes?: readonly RouteProps[];
  /**
   * The EventBridge event bus that gets one `Bedrock Model Lifecycle Change` event per change: a
   * bus name of this account and region, a bus ARN (another account's bus must allow this
   * account's PutEvents), or `none`.
   * @default 'default' - the account's default event bus
   */
  readonly eventBus?: string;
  /**
   * What the team pays per million tokens, in US dollars, for the models it names: the first
   * source of the prices behind `monthlyCostUsd` and `extendedAccessExtraMonthlyUsd`, and the only
   * one that can give an extended-access price (AWS publishes none in an API). Longest `model`
   * prefix wins, and at the same length an entry with a `region` wins there over one without.
   * @default - none: prices come from Bedrock's agreement offers where it has them, else unknown
   */
  readonly modelPrices?: readonly ModelPriceProps[];
}

/** A model's price per million tokens, in US dollars: an entry of `modelPrices`. */
export type ModelPriceProps = ModelPrice;

/** A route: which alerts it receives and who is subscribed to its topic. */
export interface RouteProps {
  /** Letters, digits, hyphens and underscores, at most 40; the topic and its output are named after it. */
  readonly name: string;
  /**
   * The least severe alert the route receives.
   * @default 'info'
   */
  readonly minSeverity?: RouteSeverity;
  /**
   * `true`: only changes to models in use, or whose use could not be read.
   * @default - whether in use or not
   */
  readonly inUse?: true;
  /**
   * Only changes to models these accounts call, or whose use could not be read. Needs `usageAccounts`.
   * @default - any account
   */
  readonly accounts?: readonly string[];
  /**
   * Only models whose id starts with one of these; inference-profile ids count as their model.
   * @default - any model
   */
  readonly modelIdPrefixes?: readonly string[];
  /**
   * Addresses subscribed to the route's topic by email.
   * @default - none
   */
  readonly emails?: readonly string[];
  /**
   * Slack channels of `slackWorkspaceId` that receive the route's alerts through AWS Chatbot.
   * @default - none
   */
  readonly slackChannelIds?: readonly string[];
  /**
   * Teams channels of `teamsTenantId`/`teamsTeamId` that receive the route's alerts.
   * @default - none
   */
  readonly teamsChannelIds?: readonly string[];
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
  /** The rule that brings AWS Health's Bedrock notices (on this region's default bus) to the function. */
  readonly healthNotices: events.Rule;
  /** Scheduled invocations, and AWS Health notices, that failed every attempt. */
  readonly deadLetterQueue: sqs.Queue;
  /** The alarms that watch the monitor itself. */
  readonly selfMonitoring: SelfMonitoring;
  /** The Slack webhook forwarder, when `slackWebhookSecretName` is set. */
  readonly slackForwarder?: SlackWebhookForwarder;
  /** The regions whose catalogs are watched. */
  readonly regions: readonly string[];
  /** Each route's topic, by route name. */
  readonly routeTopics: ReadonlyMap<string, sns.Topic>;

  constructor(scope: Construct, id: string, props: BedrockLifecycleMonitorProps = {}) {
    super(scope, id);
    const settings = parseMonitorSettings((key) => this.given(props, key));
    const regions = settings.regions ?? [Stack.of(this).region];
    this.regions = regions;
    const schedule = props.schedule ?? scheduler.ScheduleExpression.expression(settings.schedule.expression);
    const logRetention = props.logRetention ?? MONITOR_DEFAULTS.logRetention;
    const tableRemovalPolicy = props.tableRemovalPolicy ?? MONITOR_DEFAULTS.tableRemovalPolicy;
    const monitorId = Stack.of(this).stackName;
    // Role names are global in an account: those of a monitor read across accounts name its region
    // (a stack without a region has AWS::Region's token here).
    const region = Stack.of(this).region;
    const acrossAccounts = settings.usageAccounts !== 'own';
    const usageRoleName = acrossAccounts
      ? (settings.usageRoleName ?? defaultUsageRoleName(monitorId, region))
      : '';

    this.table = new dynamodb.Table(this, 'History', {
      partitionKey: { name: 'PK', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'SK', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // DESTROY is honoured: with deletion protection on, deleting the stack would fail.
      deletionProtection: tableRemovalPolicy !== RemovalPolicy.DESTROY,
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      removalPolicy: tableRemovalPolicy,
    });
    this.table.addGlobalSecondaryIndex({
      indexName: 'GSI1',
      partitionKey: { name: 'GSI1PK', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'GSI1SK', type: dynamodb.AttributeType.STRING },
    });

    const alerts = new AlertTopic(this, 'Alerts', { emails: settings.alertEmails });
    this.topic = alerts.topic;
    this.topicKey = alerts.key;

    const deadLetters = new DeadLetterQueue(this, 'DeadLetters', {
      holds: 'Scheduled monitor runs that failed every attempt',
      alarmTopic: this.topic,
    });
    this.deadLetterQueue = deadLetters.queue;
    const environment = toEnvironment({
      tableName: this.table.tableName,
      topicArn: this.topic.topicArn,
      regions,
      deadlineDays: settings.deadlineDays,
      monitorId,
      alertOn: settings.alertOn,
      usageLookbackDays: settings.usageLookbackDays,
      watchModels: settings.watchModels,
      usageAccounts: settings.usageAccounts,
      usageRoleName,
      usageOrganizationalUnits: settings.usageOrganizationalUnits,
      routes: settings.routes,
      eventBus: settings.eventBus,
      modelPrices: settings.modelPrices,
    });
    checkEnvironmentFits({ ...PROJECT_ENVIRONMENT, ...environment });
    this.function = new ProjectFunction(this, 'Monitor', {
      entry: 'handler.ts',
      description: 'Diffs the Bedrock model catalog against its history and publishes lifecycle alerts',
      logRetention,
      deadLetterQueue: this.deadLetterQueue,
      environment,
      // Member accounts' reader roles trust this role by its ARN, so its name must be known to them.
      ...(acrossAccounts ? { roleName: monitorRoleName(monitorId, region) } : {}),
      ...FUNCTION_DEFAULTS,
      // Off by default: a reservation fails CREATE where the account's concurrency quota is low
      // (new accounts often have 10, and Lambda keeps 100 unreserved). Overlapping runs are safe
      // without it: the versioned commit lets only one of them commit.
      ...(settings.reservedConcurrency === undefined
        ? {}
        : { reservedConcurrentExecutions: settings.reservedConcurrency }),
    }).function;

    // MONITOR_REGIONS: the catalog the monitor watches.
    this.grantOnAnyResource(
      'ListFoundationModels',
      'bedrock:ListFoundationModels',
      'bedrock:ListFoundationModels has no resource types: IAM accepts only *. It is the catalog the monitor watches.',
    );

    // MONITOR_REGIONS: GetFoundationModel, for the Legacy models listed without an end of life.
    this.grantOnAnyResource(
      'GetFoundationModel',
      'bedrock:GetFoundationModel',
      'Any foundation model of the watched regions may be Legacy without a listed end of life; foundation-model ARNs have no account, and the models are not known at deploy time.',
      {
        arn: `arn:${Aws.PARTITION}:bedrock:*::foundation-model/*`,
        finding: 'arn:<AWS::Partition>:bedrock:*::foundation-model/*',
      },
    );

    // TABLE_NAME: exactly what the store does, on the table alone (it queries no index):
    // transactional reads (GetItem), conditional transactional writes (PutItem, UpdateItem), ledger
    // reads (BatchGetItem) and batched history (BatchWriteItem); the price cache is one PutItem per
    // region, and a Query of its own partition alone.
    this.function.addToRolePolicy(
      new iam.PolicyStatement({
        actions: [
          'dynamodb:GetItem',
          'dynamodb:BatchGetItem',
          'dynamodb:PutItem',
          'dynamodb:UpdateItem',
          'dynamodb:BatchWriteItem',
        ],
        resources: [this.table.tableArn],
      }),
    );
    this.function.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:Query'],
        resources: [this.table.tableArn],
        conditions: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [PRICE_CACHE_PK] } },
      }),
    );

    // ALERT_ON, USAGE_LOOKBACK_DAYS, WATCH_MODELS: usage, read only on runs with something to
    // report, from inference profiles (to map calls through them onto models) and the Invocations
    // and token metrics. Neither action has resource types.
    this.grantOnAnyResource(
      'ListInferenceProfiles',
      'bedrock:ListInferenceProfiles',
      'bedrock:ListInferenceProfiles has no resource types: IAM accepts only *. It reads which profiles route calls to which models.',
    );
    this.grantOnAnyResource(
      'GetMetricData',
      'cloudwatch:GetMetricData',
      'cloudwatch:GetMetricData has no resource types: IAM accepts only *. It reads the AWS/Bedrock Invocations and token metrics.',
    );

    // MODEL_PRICES: models in use that no modelPrices entry prices get the price of their public
    // agreement offer, read at most once a day (and kept in TABLE_NAME).
    this.grantOnAnyResource(
      'ListFoundationModelAgreementOffers',
      'bedrock:ListFoundationModelAgreementOffers',
      'bedrock:ListFoundationModelAgreementOffers has no resource types (IAM action catalog; AWS read-only policies grant it on *). It reads the published prices of models in use.',
    );

    // USAGE_ACCOUNTS, USAGE_ROLE_NAME: one AssumeRole into each other account's usage reader role,
    // and, for the organization, its account list.
    if (acrossAccounts) this.grantUsageAcrossAccounts(settings, usageRoleName);
    if (settings.usageOrganizationalUnits.length > 0) {
      new UsageReaderStackSet(this, 'UsageReaders', {
        monitorStackName: monitorId,
        ...(settings.usageRoleName ? { roleName: settings.usageRoleName } : {}),
        monitorRegion: region,
        instanceRegion: settings.usageStackSetRegion ?? globalRegionOf(region),
        organizationalUnits: settings.usageOrganizationalUnits,
        callAs: settings.usageStackSetCallAs,
      });
    }

    // TOPIC_ARN: the function is the topic's only publisher.
    if (this.function.role) alerts.onlyPublishers([this.function.role]);

    // EVENT_BUS: PutEvents on that bus alone.
    if (settings.eventBus !== 'none') {
      this.function.addToRolePolicy(
        new iam.PolicyStatement({
          actions: ['events:PutEvents'],
          resources: [
            settings.eventBus.startsWith('arn:')
              ? settings.eventBus
              : Stack.of(this).formatArn({
                  service: 'events',
                  resource: 'event-bus',
                  resourceName: settings.eventBus,
                }),
          ],
        }),
      );
    }

    // ROUTES: the function publishes to each route's topic too, and only it does.
    this.routeTopics = this.function.role
      ? new RouteTopics(this, 'Routes', {
          routes: settings.routes,
          key: this.topicKey,
          publisher: this.function.role,
          monitorId,
        }).topics
      : new Map();

    const scheduleRole = new iam.Role(this, 'ScheduleRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
      description: 'Lets EventBridge Scheduler invoke the Bedrock lifecycle monitor',
    });
    this.schedule = new scheduler.Schedule(this, 'Schedule', {
      description: 'Runs the Bedrock lifecycle monitor; passes the scheduled time as the observation time',
      schedule,
      target: new targets.LambdaInvoke(this.function, {
        role: scheduleRole,
        input: scheduler.ScheduleTargetInput.fromObject({ time: scheduler.ContextAttribute.scheduledTime }),
        // An invocation Scheduler itself cannot deliver is dropped without one; it lands with the
        // runs that failed every attempt, whose alarm already watches this queue.
        deadLetterQueue: this.deadLetterQueue,
      }),
    });
    this.healthNotices = new HealthNoticeRule(this, 'HealthNotices', {
      function: this.function,
      deadLetterQueue: this.deadLetterQueue,
      regions,
    }).rule;
    const functionId = Stack.of(this).getLogicalId(this.function.node.defaultChild as CfnElement);
    Validations.of(scheduleRole).acknowledge({
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${functionId}.Arn>:*]`,
      reason:
        "CDK's Lambda invoke grant also covers the monitor function's versions and aliases (ARN:*); it names no other function.",
    });

    this.selfMonitoring = new SelfMonitoring(this, 'SelfMonitoring', {
      function: this.function,
      topic: this.topic,
      schedulePeriod: Duration.minutes(settings.schedule.periodMinutes),
      monitorId,
      acrossAccounts,
    });

    const { slack, teams, slackWebhookSecretName } = settings;
    // Every topic with chat channels, so that each channel is configured once for all of them.
    const chat = [
      { topic: this.topic, slack, teams },
      ...settings.routes.map((route) => ({
        topic: this.routeTopics.get(route.name),
        slack: route.slack,
        teams: route.teams,
      })),
    ].flatMap(({ topic, slack, teams }): ChatDelivery[] =>
      topic && (slack || teams) ? [{ topic, ...(slack ? { slack } : {}), ...(teams ? { teams } : {}) }] : [],
    );
    if (chat.length > 0) new ChatChannels(this, 'ChatChannels', { deliveries: chat });
    if (slackWebhookSecretName) {
      this.slackForwarder = new SlackWebhookForwarder(this, 'SlackWebhook', {
        topic: this.topic,
        secretName: slackWebhookSecretName,
        logRetention,
      });
    }
  }

  /** A setting as given in the props, else as set in the CDK context; undefined when neither. */
  private given(props: BedrockLifecycleMonitorProps, key: SettingKey): unknown {
    const prop = key === 'schedule' ? props.schedule?.expressionString : props[key];
    return prop ?? this.node.tryGetContext(key);
  }

  /**
   * sts:AssumeRole on the reader role's name in any account: the accounts of an organization are
   * not known at deploy time, and hundreds of listed ARNs would overflow IAM's 10,240-character
   * limit on a role's inline policies. Which accounts are entered is the configuration's to say;
   * each reader role trusts this role alone. For the organization, its accounts: all of them, or
   * those of the StackSet's units, without the management account the StackSet never reaches.
   */
  private grantUsageAcrossAccounts(settings: MonitorSettings, roleName: string): void {
    const role = this.function.role;
    if (!role) return;
    const organization = settings.usageAccounts === 'organization';
    const listing =
      settings.usageOrganizationalUnits.length > 0
        ? [
            'organizations:ListAccountsForParent',
            'organizations:ListChildren',
            'organizations:DescribeOrganization',
          ]
        : ['organizations:ListAccounts'];
    const statements = [
      new iam.PolicyStatement({
        actions: ['sts:AssumeRole'],
        resources: [`arn:${Aws.PARTITION}:iam::*:role/${roleName}`],
      }),
      ...(organization ? [new iam.PolicyStatement({ actions: listing, resources: ['*'] })] : []),
    ];
    const policy = new iam.Policy(this, 'UsageAcrossAccountsPolicy', { statements });
    role.attachInlinePolicy(policy);
    // cdk-nag names a region left to deploy time as <AWS::Region>.
    const finding = Token.isUnresolved(Stack.of(this).region)
      ? roleName.replace(Aws.REGION, '<AWS::Region>')
      : roleName;
    Validations.of(policy).acknowledge({
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iam::*:role/${finding}]`,
      reason:
        "The member accounts are many or not known at deploy time (an organization's); the role name is fixed and each member role trusts this function role alone.",
    });
    if (organization) {
      Validations.of(policy).acknowledge({
        id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
        reason: `${listing.join(', ')} accept no resource but *: they read the organization's accounts and units.`,
      });
    }
  }

  /**
   * One read on a wildcard resource (`*` unless given, as cdk-nag spells it in its finding) in a
   * policy of its own on the function's role, so its cdk-nag acknowledgement (AwsSolutions-IAM5)
   * names that action and its reason alone. The wildcard reaches the watched regions only.
   */
  private grantOnAnyResource(
    id: string,
    action: string,
    reason: string,
    resource: { readonly arn: string; readonly finding: string } = { arn: '*', finding: '*' },
  ): void {
    const role = this.function.role;
    if (!role) return;
    const policy = new iam.Policy(this, `${id}Policy`, {
      statements: [
        new iam.PolicyStatement({
          actions: [action],
          resources: [resource.arn],
          conditions: { StringEquals: { 'aws:RequestedRegion': this.regions } },
        }),
      ],
    });
    role.attachInlinePolicy(policy);
    Validations.of(policy).acknowledge({
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::${resource.finding}]`,
      reason,
    });
  }
}
