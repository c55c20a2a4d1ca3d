import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { beforeAll, describe, expect, it } from 'vitest';
import { CDK_JSON_CONTEXT, SYNTH_ENV, synthMonitor } from '../../lab/synth';
import { BedrockLifecycleMonitor } from '../../lib/bedrock-lifecycle-monitor';

describe('MonitorStack', () => {
  let template: Template;
  let outdir: string;

  beforeAll(() => {
    ({ template, outdir } = synthMonitor({
      regions: ['us-east-1', 'us-west-2'],
      alertEmails: ['ops@example.com', 'ml@example.com'],
      deadlineDays: [60, 7],
      alertOn: 'used',
      usageLookbackDays: 30,
      watchModels: ['anthropic.claude-3-7', 'us.meta.llama3-2-90b-instruct-v1:0'],
    }));
  });

  it('keeps the history in an on-demand table with point-in-time recovery and deletion protection, retained on delete', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    template.resourceCountIs('AWS::DynamoDB::GlobalTable', 0);
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
        SSESpecification: { SSEEnabled: true },
        KeySchema: [
          { AttributeName: 'PK', KeyType: 'HASH' },
          { AttributeName: 'SK', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [
          Match.objectLike({
            IndexName: 'GSI1',
            KeySchema: [
              { AttributeName: 'GSI1PK', KeyType: 'HASH' },
              { AttributeName: 'GSI1SK', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          }),
        ],
      },
    });
  });

  it('encrypts the topic with a rotating customer key', () => {
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    template.hasResourceProperties('AWS::SNS::Topic', {
      KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('MonitorAlertsKey'), 'Arn'] },
    });
  });

  it('subscribes each alert email to the topic', () => {
    template.resourceCountIs('AWS::SNS::Subscription', 2);
    for (const email of ['ops@example.com', 'ml@example.com']) {
      template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: email });
    }
  });

  it('runs the function on Node.js 24 on ARM64 with explicit limits, reserving no concurrency, logging to its own group', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      MemorySize: 512,
      Timeout: 180,
      // A reservation fails CREATE in accounts with a low concurrency quota: it is opt-in.
      ReservedConcurrentExecutions: Match.absent(),
      LoggingConfig: { LogGroup: { Ref: Match.stringLikeRegexp('MonitorLogs') } },
      DeadLetterConfig: {
        TargetArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('MonitorDeadLettersQueue'), 'Arn'] },
      },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 180 });
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 3600,
    });
  });

  it('reserves the concurrency asked for, from a prop or the CDK context key', () => {
    const fromProp = synthMonitor({ reservedConcurrency: 1 }).template;
    fromProp.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'index.handler',
      ReservedConcurrentExecutions: 1,
    });
    const app = new App({ context: { ...CDK_JSON_CONTEXT, reservedConcurrency: '2' } });
    const stack = new Stack(app, 'FromContext', { env: SYNTH_ENV });
    new BedrockLifecycleMonitor(stack, 'Monitor');
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'index.handler',
      ReservedConcurrentExecutions: 2,
    });
  });

  it('passes the function its table, topic, regions, thresholds, usage settings and metric identity', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: {
          TABLE_NAME: { Ref: Match.stringLikeRegexp('MonitorHistory') },
          TOPIC_ARN: { Ref: Match.stringLikeRegexp('MonitorAlertsTopic') },
          MONITOR_REGIONS: 'us-east-1,us-west-2',
          DEADLINE_DAYS: '60,7',
          MONITOR_ID: 'Monitor',
          ALERT_ON: 'used',
          USAGE_LOOKBACK_DAYS: '30',
          WATCH_MODELS: 'anthropic.claude-3-7,us.meta.llama3-2-90b-instruct-v1:0',
          POWERTOOLS_SERVICE_NAME: 'bedrock-lifecycle-monitor',
          NODE_OPTIONS: '--enable-source-maps',
        },
      },
    });
  });

  it('invokes the function on the schedule with the scheduled time as input, through a role for this account only, with a dead-letter queue', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(6 hours)',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: {
        Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('MonitorFunction'), 'Arn'] },
        Input: JSON.stringify({ time: '<aws.scheduler.scheduled-time>' }),
        RoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('MonitorScheduleRole'), 'Arn'] },
        // What Scheduler cannot deliver waits, alarmed, in the dead-letter queue.
        DeadLetterConfig: {
          Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('MonitorDeadLettersQueue'), 'Arn'] },
        },
      },
    });
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({
            Principal: { Service: 'scheduler.amazonaws.com' },
            Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
          }),
        ],
      },
    });
  });

  it('outputs the table name, topic ARN and function name', () => {
    template.hasOutput('TableName', { Value: { Ref: Match.stringLikeRegexp('MonitorHistory') } });
    template.hasOutput('TopicArn', { Value: { Ref: Match.stringLikeRegexp('MonitorAlertsTopic') } });
    template.hasOutput('FunctionName', { Value: { Ref: Match.stringLikeRegexp('MonitorFunction') } });
  });

  it('bundles the AWS SDK, lifecycle fields included, instead of relying on the runtime’s copy', () => {
    const asset = readdirSync(outdir).find((f) => f.startsWith('asset.'));
    const bundle = readFileSync(join(outdir, asset ?? '', 'index.mjs'), 'utf8');
    expect(bundle).toContain('publicExtendedAccessTime');
    expect(bundle).toContain('ListFoundationModels');
    expect(bundle).not.toMatch(/from\s*["']@aws-sdk\//);
    expect(readdirSync(join(outdir, asset ?? ''))).toContain('index.mjs.map');
  });
});

describe('BedrockLifecycleMonitor defaults', () => {
  it('watches the stack’s own region, every 6 hours, with the default thresholds', () => {
    const { template } = synthMonitor({});
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          MONITOR_REGIONS: 'eu-west-1',
          DEADLINE_DAYS: '90,30,14,7,1',
          ALERT_ON: 'all',
          USAGE_LOOKBACK_DAYS: '14',
          WATCH_MODELS: Match.absent(),
        }),
      },
    });
    template.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'rate(6 hours)' });
    template.resourceCountIs('AWS::SNS::Subscription', 0);
  });

  it('reads a setting missing from its props from the CDK context, and lets a prop win over it', () => {
    const app = new App({ context: { ...CDK_JSON_CONTEXT, deadlineDays: '45,3', alertOn: 'used' } });
    const stack = new Stack(app, 'FromContext', { env: SYNTH_ENV });
    new BedrockLifecycleMonitor(stack, 'Monitor', { alertOn: 'all' });
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ DEADLINE_DAYS: '45,3', ALERT_ON: 'all' }) },
    });
  });

  it('fails on a bad value in the CDK context, naming its key', () => {
    const app = new App({ context: { ...CDK_JSON_CONTEXT, usageLookbackDays: 'two weeks' } });
    const stack = new Stack(app, 'BadContext', { env: SYNTH_ENV });
    expect(() => new BedrockLifecycleMonitor(stack, 'Monitor')).toThrow(
      'Invalid usageLookbackDays "two weeks": expected a whole number of days, e.g. 14',
    );
  });

  it('turns deletion protection off when the table is to be destroyed with the stack', () => {
    const { template } = synthMonitor({ tableRemovalPolicy: RemovalPolicy.DESTROY });
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Delete',
      Properties: Match.objectLike({ DeletionProtectionEnabled: false }),
    });
  });

  it('uses a schedule it is given', () => {
    const { template } = synthMonitor({ schedule: scheduler.ScheduleExpression.rate(Duration.days(1)) });
    template.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'rate(1 day)' });
  });

  it.each([
    [
      'a bad region',
      { regions: ['us-east-1', 'mars-1'] },
      'Invalid regions ["us-east-1","mars-1"]: "mars-1" is not an AWS region name',
    ],
    [
      'a negative threshold',
      { deadlineDays: [30, -1] },
      'Invalid deadlineDays [30,-1]: "-1" is not a whole number of days',
    ],
    [
      'a malformed email',
      { alertEmails: ['ops'] },
      'Invalid alertEmails ["ops"]: "ops" is not an email address',
    ],
    [
      'a schedule too rare for its alarms',
      { schedule: scheduler.ScheduleExpression.rate(Duration.days(3)) },
      'Invalid schedule "rate(3 days)": the monitor must run at least every 2 days',
    ],
    ['an unknown alertOn', { alertOn: 'some' as 'used' }, 'Invalid alertOn "some": expected all or used'],
    [
      'a usage lookback beyond what CloudWatch keeps',
      { usageLookbackDays: 500 },
      'Invalid usageLookbackDays 500: 500 is outside 1..455 days',
    ],
  ])('rejects %s', (_name, props, message) => {
    const app = new App({ context: CDK_JSON_CONTEXT });
    const stack = new Stack(app, 'Ok', { env: SYNTH_ENV });
    expect(() => new BedrockLifecycleMonitor(stack, 'Bad', props)).toThrow(message);
  });
});
