import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { synthMonitor } from '../../lab/synth';
import { ALL_FEATURES } from '../support/all-features';

describe('routes, each with a topic of its own', () => {
  const { template } = synthMonitor(ALL_FEATURES);
  const topicId = (prefix: string) => {
    const ids = Object.keys(template.findResources('AWS::SNS::Topic')).filter((id) => id.startsWith(prefix));
    expect(ids).toHaveLength(1);
    return ids[0] as string;
  };
  const alertKey = Object.keys(template.findResources('AWS::KMS::Key'));

  it('names each topic after the stack and the route, encrypts it with the alert topic’s key, and outputs its ARN', () => {
    expect(alertKey).toHaveLength(1);
    for (const [route, output] of [
      ['pager', 'RouteTopicpager'],
      ['team-b', 'RouteTopicteamb'],
    ] as const) {
      template.hasResourceProperties('AWS::SNS::Topic', {
        TopicName: `Monitor-route-${route}`,
        KmsMasterKeyId: { 'Fn::GetAtt': [alertKey[0], 'Arn'] },
      });
      template.hasOutput(output, {
        Value: { Ref: topicId(`MonitorRoutes${route.replace('-', '')}Topic`) },
      });
    }
  });

  it('tells the function each route’s rule, its defaults left out', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          ROUTES: JSON.stringify([
            { name: 'pager', minSeverity: 'critical' },
            { name: 'team-b', inUse: true, accounts: ['222222222222'], modelIdPrefixes: ['anthropic.'] },
          ]),
        }),
      },
    });
  });

  it('subscribes the route’s emails and chat channels to its topic alone', () => {
    const pager = { Ref: topicId('MonitorRoutespagerTopic') };
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'oncall@example.com',
      TopicArn: pager,
    });
    template.resourcePropertiesCountIs('AWS::SNS::Subscription', { Endpoint: 'oncall@example.com' }, 1);
    template.hasResourceProperties('AWS::Chatbot::SlackChannelConfiguration', {
      SlackChannelId: 'C0789IJKL',
      SlackWorkspaceId: ALL_FEATURES.slackWorkspaceId,
      SnsTopicArns: [pager],
    });
    template.hasResourceProperties('AWS::Chatbot::MicrosoftTeamsChannelConfiguration', {
      TeamsChannelId: encodeURIComponent('19:f6e5d4c3b2@thread.tacv2'),
      SnsTopicArns: [pager],
    });
  });

  it('lets only the function publish to a route’s topic, over TLS', () => {
    const topicPolicies = Object.values(
      template.findResources('AWS::SNS::TopicPolicy', {
        Properties: { Topics: [{ Ref: topicId('MonitorRoutesteambTopic') }] },
      }),
    ) as { Properties: { PolicyDocument: { Statement: { Sid?: string }[] } } }[];
    expect(topicPolicies).toHaveLength(1);
    expect(topicPolicies[0]?.Properties.PolicyDocument.Statement.map((s) => s.Sid)).toEqual([
      'DenyWithoutTls',
      'DenyPlainHttpSubscriptions',
      'AllowMonitorToPublish',
      'AllowAlarmsToPublish',
      'DenyOtherPublishers',
    ]);
  });

  it('rejects a route at synth with one line naming its key', () => {
    expect(() =>
      synthMonitor({
        regions: ['us-east-1'],
        routes: [{ name: 'pager', minSeverity: 'high' as 'critical' }],
      }),
    ).toThrow('Invalid routes[0].minSeverity "high": expected info, warning, critical');
  });
});
