import { App, Stack } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { CDK_JSON_CONTEXT, SYNTH_ENV, synthMonitor } from '../../lab/synth';
import { BedrockLifecycleMonitor } from '../../lib/bedrock-lifecycle-monitor';
import { ALL_FEATURES, TEAM_ID, TENANT_ID } from '../support/all-features';

const MAIN_CHANNELS = { ...ALL_FEATURES, routes: [] };

describe('chat channels and the Slack webhook forwarder', () => {
  let template: Template;

  beforeAll(() => {
    // The alert topic's channels; routes' channels are test/cdk/routes.test.ts's.
    ({ template } = synthMonitor(MAIN_CHANNELS));
  });

  it('creates one Slack channel configuration per channel, subscribed to the topic, named after the stack, region and channel', () => {
    template.resourceCountIs('AWS::Chatbot::SlackChannelConfiguration', 2);
    for (const channel of ['C0123ABCD', 'C0456EFGH']) {
      template.hasResourceProperties('AWS::Chatbot::SlackChannelConfiguration', {
        SlackWorkspaceId: 'T0123ABCD',
        SlackChannelId: channel,
        SnsTopicArns: [{ Ref: Match.stringLikeRegexp('MonitorAlertsTopic') }],
        ConfigurationName: `Monitor-eu-west-1-slack-${channel}`,
        UserRoleRequired: false,
      });
    }
  });

  it('names each configuration uniquely across the regions of an account, within Chatbot’s limits', () => {
    const names = Object.values(
      template.toJSON().Resources as Record<
        string,
        { Type: string; Properties: { ConfigurationName?: string } }
      >,
    )
      .filter((r) => r.Type.startsWith('AWS::Chatbot::'))
      .map((r) => r.Properties.ConfigurationName ?? '');
    const other = synthMonitor(MAIN_CHANNELS, { region: 'us-west-2' }).template.toJSON().Resources as Record<
      string,
      { Type: string; Properties: { ConfigurationName?: string } }
    >;
    const elsewhere = Object.values(other)
      .filter((r) => r.Type.startsWith('AWS::Chatbot::'))
      .map((r) => r.Properties.ConfigurationName ?? '');
    expect(names).toHaveLength(3);
    expect(names.filter((name) => !/^[A-Za-z0-9-_]{1,128}$/.test(name))).toEqual([]);
    expect(elsewhere.filter((name) => names.includes(name))).toEqual([]);
  });

  it('creates the Teams channel configuration with the channel ID URL-encoded as Chatbot stores it', () => {
    template.resourceCountIs('AWS::Chatbot::MicrosoftTeamsChannelConfiguration', 1);
    template.hasResourceProperties('AWS::Chatbot::MicrosoftTeamsChannelConfiguration', {
      TeamsTenantId: TENANT_ID,
      TeamId: TEAM_ID,
      TeamsChannelId: '19%3Aa1b2c3d4e5%40thread.tacv2',
      SnsTopicArns: [{ Ref: Match.stringLikeRegexp('MonitorAlertsTopic') }],
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
        IamRoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('MonitorChatChannelsRole'), 'Arn'] },
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
      id.startsWith('MonitorChatChannelsRole'),
    );
    expect(
      template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: chatRole }] } }),
    ).toEqual({});
  });

  it('subscribes the forwarder to the topic, retries failures and keeps the last ones in a dead-letter queue', () => {
    const queue = { 'Fn::GetAtt': [Match.stringLikeRegexp('MonitorSlackWebhookDeadLettersQueue'), 'Arn'] };
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'lambda',
      Endpoint: { 'Fn::GetAtt': [Match.stringLikeRegexp('MonitorSlackWebhookForwarderFunction'), 'Arn'] },
      RedrivePolicy: { deadLetterTargetArn: queue },
    });
    template.hasResourceProperties('AWS::Lambda::Function', { DeadLetterConfig: { TargetArn: queue } });
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: Match.stringLikeRegexp('MonitorSlackWebhookForwarderFunction') },
      MaximumRetryAttempts: 2,
    });
    template.hasResourceProperties('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 1_209_600,
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [
        {
          Name: 'QueueName',
          Value: {
            'Fn::GetAtt': [Match.stringLikeRegexp('MonitorSlackWebhookDeadLettersQueue'), 'QueueName'],
          },
        },
      ],
      AlarmActions: [{ Ref: Match.stringLikeRegexp('MonitorAlertsTopic') }],
    });
  });
});

describe('chat settings', () => {
  it('creates nothing for chat when no key is set', () => {
    const { template } = synthMonitor({});
    template.resourceCountIs('AWS::Chatbot::SlackChannelConfiguration', 0);
    template.resourceCountIs('AWS::Chatbot::MicrosoftTeamsChannelConfiguration', 0);
    template.resourceCountIs('AWS::SNS::Subscription', 0);
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
      { teamsTenantId: TENANT_ID, teamsChannelIds: ['19:a@thread.tacv2'] },
      'Invalid teamsTeamId "": set it together with teamsTenantId and teamsChannelIds',
    ],
    [
      'a tenant ID that is not a GUID',
      { teamsTenantId: 'contoso', teamsTeamId: TEAM_ID, teamsChannelIds: ['19:a@thread.tacv2'] },
      'Invalid teamsTenantId "contoso"',
    ],
    [
      'a Teams channel that is not a channel ID',
      { teamsTenantId: TENANT_ID, teamsTeamId: TEAM_ID, teamsChannelIds: ['General'] },
      'Invalid teamsChannelIds "General": "General" does not look like a Teams channel ID',
    ],
    [
      'a secret name with spaces',
      { slackWebhookSecretName: 'my secret' },
      'Invalid slackWebhookSecretName "my secret"',
    ],
  ])('rejects %s', (_name, props, message) => {
    const app = new App({ context: CDK_JSON_CONTEXT });
    const stack = new Stack(app, 'Ok', { env: SYNTH_ENV });
    expect(() => new BedrockLifecycleMonitor(stack, 'Bad', props)).toThrow(message);
  });
});
