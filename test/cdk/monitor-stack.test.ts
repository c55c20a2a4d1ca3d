import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { beforeAll, describe, expect, it } from 'vitest';
import { BedrockLifecycleMonitor } from '../../lib/bedrock-lifecycle-monitor';
import { MonitorStack } from '../../lib/monitor-stack';

const ENV = { account: '123456789012', region: 'eu-west-1' };
/** The feature flags the real app synthesises with, so these templates are the deployed ones. */
const CDK_JSON_CONTEXT = JSON.parse(readFileSync(join(__dirname, '..', '..', 'cdk.json'), 'utf8')).context;

function synth(monitor: ConstructorParameters<typeof MonitorStack>[2]['monitor'] = {}) {
  const outdir = mkdtempSync(join(tmpdir(), 'cdk-test-'));
  const app = new App({ outdir, context: CDK_JSON_CONTEXT });
  const stack = new MonitorStack(app, 'Monitor', { env: ENV, monitor });
  const assembly = app.synth();
  return { stack, template: Template.fromStack(stack), outdir, assembly };
}

describe('MonitorStack', () => {
  let template: Template;
  let outdir: string;

  beforeAll(() => {
    ({ template, outdir } = synth({
      regions: ['us-east-1', 'us-west-2'],
      alertEmails: ['ops@example.com', 'ml@example.com'],
      deadlineDays: [60, 7],
    }));
  });

  it('keeps the history in an on-demand table with point-in-time recovery, retained on delete', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    template.resourceCountIs('AWS::DynamoDB::GlobalTable', 0);
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
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

  it('encrypts the topic with a rotating customer key and refuses publishing without TLS', () => {
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    template.hasResourceProperties('AWS::SNS::Topic', {
      KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('TopicKey'), 'Arn'] },
    });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 'sns:Publish',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  it('subscribes each alert email to the topic', () => {
    template.resourceCountIs('AWS::SNS::Subscription', 2);
    for (const email of ['ops@example.com', 'ml@example.com']) {
      template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: email });
    }
  });

  it('runs the function on Node.js 24 on ARM64 with explicit limits, one at a time, logging to its own group', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      MemorySize: 512,
      Timeout: 180,
      ReservedConcurrentExecutions: 1,
      LoggingConfig: { LogGroup: { Ref: Match.stringLikeRegexp('MonitorLogs') } },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 180 });
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 3600,
    });
  });

  it('passes the function its table, topic, regions and thresholds', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: {
          TABLE_NAME: { Ref: Match.stringLikeRegexp('MonitorHistory') },
          TOPIC_ARN: { Ref: Match.stringLikeRegexp('MonitorAlerts') },
          MONITOR_REGIONS: 'us-east-1,us-west-2',
          DEADLINE_DAYS: '60,7',
          MONITOR_ID: 'Monitor',
          POWERTOOLS_SERVICE_NAME: 'bedrock-lifecycle-monitor',
          NODE_OPTIONS: '--enable-source-maps',
        },
      },
    });
  });

  it('invokes the function on the schedule with the scheduled time as input', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(6 hours)',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: {
        Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('MonitorFunction'), 'Arn'] },
        Input: JSON.stringify({ time: '<aws.scheduler.scheduled-time>' }),
      },
    });
  });

  it('grants the function exactly what it uses, on the resources it uses', () => {
    const role = Object.keys(
      template.findResources('AWS::IAM::Role', {
        Properties: {
          AssumeRolePolicyDocument: { Statement: [{ Principal: { Service: 'lambda.amazonaws.com' } }] },
        },
      }),
    );
    expect(role).toHaveLength(1);
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [Match.objectLike({ Principal: { Service: 'lambda.amazonaws.com' } })],
      },
      ManagedPolicyArns: Match.absent(),
    });
    const policies = template.findResources('AWS::IAM::Policy', {
      Properties: { Roles: [{ Ref: role[0] }] },
    });
    const statements = Object.values(policies).flatMap(
      (p) =>
        (p as { Properties: { PolicyDocument: { Statement: Record<string, unknown>[] } } }).Properties
          .PolicyDocument.Statement,
    );
    const summary = statements.map((s) => ({
      actions: ([] as string[]).concat(s.Action as string | string[]).sort(),
      resource: JSON.stringify(s.Resource),
    }));
    expect(summary).toEqual([
      {
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resource: expect.stringContaining('MonitorLogs'),
      },
      { actions: ['bedrock:ListFoundationModels'], resource: '"*"' },
      {
        actions: [
          'dynamodb:BatchGetItem',
          'dynamodb:BatchWriteItem',
          'dynamodb:GetItem',
          'dynamodb:PutItem',
          'dynamodb:UpdateItem',
        ],
        resource: expect.stringContaining('MonitorHistory'),
      },
      { actions: ['sns:Publish'], resource: expect.stringContaining('MonitorAlerts') },
      {
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resource: expect.stringContaining('MonitorTopicKey'),
      },
    ]);
    expect(
      summary.flatMap((s) => s.actions).some((a) => a.includes('*') && !a.startsWith('kms:GenerateDataKey')),
    ).toBe(false);
  });

  it('outputs the table name, topic ARN and function name', () => {
    template.hasOutput('TableName', { Value: { Ref: Match.stringLikeRegexp('MonitorHistory') } });
    template.hasOutput('TopicArn', { Value: { Ref: Match.stringLikeRegexp('MonitorAlerts') } });
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

  it('passes cfn-lint with no errors', () => {
    const template = join(outdir, 'Monitor.template.json');
    const result = spawnSync('cfn-lint', ['--format', 'parseable', template], { encoding: 'utf8' });
    const errors = result.stdout.split('\n').filter((line) => /:E\d{4}:/.test(line));
    expect(errors).toEqual([]);
    // 0 is clean, 4 means warnings only; 2 (errors) or anything else fails.
    expect([0, 4]).toContain(result.status);
  });
});

describe('BedrockLifecycleMonitor defaults', () => {
  it('watches the stack’s own region, every 6 hours, with the default thresholds', () => {
    const { template } = synth();
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({ MONITOR_REGIONS: 'eu-west-1', DEADLINE_DAYS: '90,30,14,7,1' }),
      },
    });
    template.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'rate(6 hours)' });
    template.resourceCountIs('AWS::SNS::Subscription', 0);
  });

  it('uses a schedule it is given', () => {
    const { template } = synth({ schedule: scheduler.ScheduleExpression.rate(Duration.days(1)) });
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
  ])('rejects %s', (_name, props, message) => {
    const app = new App({ context: CDK_JSON_CONTEXT });
    const stack = new Stack(app, 'Ok', { env: ENV });
    expect(() => new BedrockLifecycleMonitor(stack, 'Bad', props)).toThrow(message);
  });
});

describe('cdk synth with bad context', () => {
  it('fails with one line naming the key and the value, and no stack trace', () => {
    const result = spawnSync(
      'npx',
      [
        'cdk',
        'synth',
        '--no-notices',
        '-q',
        '-o',
        mkdtempSync(join(tmpdir(), 'cdk-bad-')),
        '-c',
        'deadlineDays=abc',
      ],
      { encoding: 'utf8', env: { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true' } },
    );
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('Invalid deadlineDays "abc": "abc" is not a whole number of days');
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it('synthesises from the defaults in cdk.json', () => {
    const out = mkdtempSync(join(tmpdir(), 'cdk-ok-'));
    execFileSync('npx', ['cdk', 'synth', '--no-notices', '-q', '-o', out, '-c', 'regions=us-east-1'], {
      env: { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true' },
      stdio: 'pipe',
    });
    const template = JSON.parse(readFileSync(join(out, 'BedrockLifecycleMonitor.template.json'), 'utf8'));
    const fn = Object.values(
      template.Resources as Record<string, { Type: string; Properties: Record<string, never> }>,
    ).find((r) => r.Type === 'AWS::Lambda::Function');
    expect(fn?.Properties.Environment).toMatchObject({
      Variables: { DEADLINE_DAYS: '90,30,14,7,1', MONITOR_REGIONS: 'us-east-1' },
    });
  });
});
