import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { BedrockLifecycleMonitor } from '../../lib/bedrock-lifecycle-monitor';
import { MonitorStack } from '../../lib/monitor-stack';

const ENV = { account: '123456789012', region: 'eu-west-1' };
const CDK_JSON_CONTEXT = JSON.parse(readFileSync(join(__dirname, '..', '..', 'cdk.json'), 'utf8')).context;
const TENANT = '2f8a0c1e-3b4d-4e5f-8a9b-0c1d2e3f4a5b';
const TEAM = '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a';

type Statement = { Action: string | string[]; Resource: unknown; Effect: string };

/** The statements of every policy attached to the role with this logical id prefix. */
function statementsOf(template: Template, rolePrefix: string): { actions: string[]; resource: string }[] {
  const roles = Object.keys(template.findResources('AWS::IAM::Role')).filter((id) =>
    id.startsWith(rolePrefix),
  );
  expect(roles).toHaveLength(1);
  const policies = template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: roles[0] }] } });
  return Object.values(policies)
    .flatMap(
      (p) =>
        (p as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties.PolicyDocument
          .Statement,
    )
    .map((s) => ({
      actions: ([] as string[]).concat(s.Action).sort(),
      resource: JSON.stringify(s.Resource),
    }));
}

describe('chat channels and the Slack webhook forwarder', () => {
  let template: Template;
  let outdir: string;

  beforeAll(() => {
    outdir = mkdtempSync(join(tmpdir(), 'cdk-chat-'));
    const app = new App({ outdir, context: CDK_JSON_CONTEXT });
    const stack = new MonitorStack(app, 'Chat', {
      env: ENV,
      monitor: {
        slackWorkspaceId: 'T0123ABCD',
        slackChannelIds: ['C0123ABCD', 'C0456EFGH'],
        teamsTenantId: TENANT,
        teamsTeamId: TEAM,
        teamsChannelIds: ['19:a1b2c3d4e5@thread.tacv2'],
        slackWebhookSecretName: 'bedrock-lifecycle/slack-webhook',
      },
    });
    template = Template.fromStack(stack);
    app.synth();
  });

  it('creates one Slack channel configuration per channel, subscribed to the topic', () => {
    template.resourceCountIs('AWS::Chatbot::SlackChannelConfiguration', 2);
    for (const channel of ['C0123ABCD', 'C0456EFGH']) {
      template.hasResourceProperties('AWS::Chatbot::SlackChannelConfiguration', {
        SlackWorkspaceId: 'T0123ABCD',
        SlackChannelId: channel,
        SnsTopicArns: [{ Ref: Match.stringLikeRegexp('MonitorAlerts') }],
        ConfigurationName: Match.stringLikeRegexp('^[A-Za-z0-9-_]+-slack-[12]$'),
        UserRoleRequired: false,
      });
    }
  });

  it('creates the Teams channel configuration with the channel ID URL-encoded as Chatbot stores it', () => {
    template.resourceCountIs('AWS::Chatbot::MicrosoftTeamsChannelConfiguration', 1);
    template.hasResourceProperties('AWS::Chatbot::MicrosoftTeamsChannelConfiguration', {
      TeamsTenantId: TENANT,
      TeamId: TEAM,
      TeamsChannelId: '19%3Aa1b2c3d4e5%40thread.tacv2',
      SnsTopicArns: [{ Ref: Match.stringLikeRegexp('MonitorAlerts') }],
    });
  });

  it('gives the channels a role with no permissions and the deny-all guardrail', () => {
    const denyAll = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/AWSDenyAll']] };
    for (const type of [
      'AWS::Chatbot::SlackChannelConfiguration',
      'AWS::Chatbot::MicrosoftTeamsChannelConfiguration',
    ]) {
      template.allResourcesProperties(type, {
        GuardrailPolicies: [denyAll],
        IamRoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('MonitorChatChannelRole'), 'Arn'] },
      });
    }
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [Match.objectLike({ Principal: { Service: 'chatbot.amazonaws.com' } })],
      },
      ManagedPolicyArns: Match.absent(),
      Policies: Match.absent(),
    });
    const chatRole = Object.keys(template.findResources('AWS::IAM::Role')).find((id) =>
      id.startsWith('MonitorChatChannelRole'),
    );
    expect(
      template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: chatRole }] } }),
    ).toEqual({});
  });

  it('lets the forwarder read that one secret and nothing else', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({ SLACK_WEBHOOK_SECRET_NAME: 'bedrock-lifecycle/slack-webhook' }),
      },
    });
    expect(statementsOf(template, 'MonitorSlackForwarderRole')).toEqual([
      {
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resource: expect.stringContaining('MonitorSlackForwarderLogs'),
      },
      { actions: ['sqs:SendMessage'], resource: expect.stringContaining('MonitorSlackForwarderDeadLetters') },
      {
        actions: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'],
        resource: expect.stringContaining(':secret:bedrock-lifecycle/slack-webhook-??????'),
      },
    ]);
    expect(JSON.stringify(template.toJSON())).not.toMatch(/hooks\.slack\.com/);
  });

  it('subscribes the forwarder to the topic, retries failures and keeps the last ones in a dead-letter queue', () => {
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'lambda',
      Endpoint: { 'Fn::GetAtt': [Match.stringLikeRegexp('MonitorSlackForwarderFunction'), 'Arn'] },
      RedrivePolicy: {
        deadLetterTargetArn: {
          'Fn::GetAtt': [Match.stringLikeRegexp('MonitorSlackForwarderDeadLetters'), 'Arn'],
        },
      },
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      DeadLetterConfig: {
        TargetArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('MonitorSlackForwarderDeadLetters'), 'Arn'] },
      },
    });
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: Match.stringLikeRegexp('MonitorSlackForwarderFunction') },
      MaximumRetryAttempts: 2,
    });
    template.hasResourceProperties('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 1209600,
    });
  });

  it('raises an alarm on the topic as soon as a message waits in the dead-letter queue', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Namespace: 'AWS/SQS',
      Statistic: 'Maximum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: [{ Ref: Match.stringLikeRegexp('MonitorAlerts') }],
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'AllowCloudWatchAlarmsToPublish',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          }),
        ]),
      },
    });
  });

  it('passes cfn-lint with no errors', () => {
    const result = spawnSync('cfn-lint', ['--format', 'parseable', join(outdir, 'Chat.template.json')], {
      encoding: 'utf8',
    });
    expect(result.stdout.split('\n').filter((line) => /:E\d{4}:/.test(line))).toEqual([]);
    expect([0, 4]).toContain(result.status);
  });
});

describe('chat settings', () => {
  it('creates nothing for chat when no key is set', () => {
    const app = new App({ context: CDK_JSON_CONTEXT });
    const template = Template.fromStack(new MonitorStack(app, 'Plain', { env: ENV, monitor: {} }));
    template.resourceCountIs('AWS::Chatbot::SlackChannelConfiguration', 0);
    template.resourceCountIs('AWS::Chatbot::MicrosoftTeamsChannelConfiguration', 0);
    template.resourceCountIs('AWS::SQS::Queue', 0);
    template.resourceCountIs('AWS::Lambda::Function', 1);
  });

  it.each([
    [
      'channels without a workspace',
      { slackChannelIds: ['C0123ABCD'] },
      'Invalid slackWorkspaceId "": set it too when slackChannelIds is set',
    ],
    [
      'a workspace without channels',
      { slackWorkspaceId: 'T0123ABCD' },
      'Invalid slackChannelIds "": name at least one channel ID',
    ],
    [
      'a malformed workspace ID',
      { slackWorkspaceId: 'my-workspace', slackChannelIds: ['C0123ABCD'] },
      'Invalid slackWorkspaceId "my-workspace": "my-workspace" does not look like a Slack workspace ID',
    ],
    [
      'a malformed channel ID',
      { slackWorkspaceId: 'T0123ABCD', slackChannelIds: ['#alerts'] },
      'Invalid slackChannelIds "#alerts": "#alerts" does not look like a Slack channel ID',
    ],
    [
      'Teams without a team ID',
      { teamsTenantId: TENANT, teamsChannelIds: ['19:a@thread.tacv2'] },
      'Invalid teamsTeamId "": set it together with teamsTenantId and teamsChannelIds',
    ],
    [
      'a tenant ID that is not a GUID',
      { teamsTenantId: 'contoso', teamsTeamId: TEAM, teamsChannelIds: ['19:a@thread.tacv2'] },
      'Invalid teamsTenantId "contoso"',
    ],
    [
      'a Teams channel that is not a channel ID',
      { teamsTenantId: TENANT, teamsTeamId: TEAM, teamsChannelIds: ['General'] },
      'Invalid teamsChannelIds "General": "General" does not look like a Teams channel ID',
    ],
    [
      'a secret name with spaces',
      { slackWebhookSecretName: 'my secret' },
      'Invalid slackWebhookSecretName "my secret"',
    ],
  ])('rejects %s', (_name, props, message) => {
    const app = new App({ context: CDK_JSON_CONTEXT });
    const stack = new Stack(app, 'Ok', { env: ENV });
    expect(() => new BedrockLifecycleMonitor(stack, 'Bad', props)).toThrow(message);
  });
});
