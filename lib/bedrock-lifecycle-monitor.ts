import * as path from 'node:path';
import type { RemovalPolicy } from 'aws-cdk-lib';
import { Stack, Token } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { ENV } from '../lambda/config';
import { parseDeadlineDays, parseEmails, parseRegions } from '../lambda/domain/settings';
import { FUNCTION_DEFAULTS, MONITOR_DEFAULTS } from './monitor-defaults';

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

  constructor(scope: Construct, id: string, props: BedrockLifecycleMonitorProps = {}) {
    super(scope, id);
    const regions = props.regions ?? [Stack.of(this).region];
    const deadlineDays = parseDeadlineDays(props.deadlineDays ?? MONITOR_DEFAULTS.deadlineDays);
    const alertEmails = parseEmails(props.alertEmails ?? []);
    if (!regions.some((region) => Token.isUnresolved(region))) parseRegions(regions);

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

    const logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention ?? MONITOR_DEFAULTS.logRetention,
    });
    // An explicit role, so the function gets its own log group and nothing from a managed policy.
    const role = new iam.Role(this, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    logGroup.grantWrite(role);

    this.function = new nodejs.NodejsFunction(this, 'Function', {
      description: 'Diffs the Bedrock model catalog against its history and publishes lifecycle alerts',
      entry: path.join(__dirname, '..', 'lambda', 'handler.ts'),
      handler: 'handler',
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: FUNCTION_DEFAULTS.memorySize,
      timeout: FUNCTION_DEFAULTS.timeout,
      reservedConcurrentExecutions: FUNCTION_DEFAULTS.reservedConcurrentExecutions,
      retryAttempts: FUNCTION_DEFAULTS.retryAttempts,
      maxEventAge: FUNCTION_DEFAULTS.maxEventAge,
      logGroup,
      role,
      environment: {
        POWERTOOLS_SERVICE_NAME: 'bedrock-lifecycle-monitor',
        NODE_OPTIONS: '--enable-source-maps',
      },
      bundling: {
        // The SDK in the Lambda runtime may predate the lifecycle time fields and drop them silently.
        externalModules: [],
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        target: 'node24',
        format: nodejs.OutputFormat.ESM,
        mainFields: ['module', 'main'],
        // Some bundled CommonJS dependencies call require() for Node built-ins.
        banner:
          "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
      },
    });

    this.function.addEnvironment(ENV.regions, regions.join(','));
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
  }
}
