import { Names, Stack } from 'aws-cdk-lib';
import * as chatbot from 'aws-cdk-lib/aws-chatbot';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { SlackTarget, TeamsTarget } from '../contract/chat-settings';

export interface ChatChannelsProps {
  readonly topic: sns.ITopic;
  /** @default - no Slack channel */
  readonly slack?: SlackTarget;
  /** @default - no Teams channel */
  readonly teams?: TeamsTarget;
}

/**
 * One AWS Chatbot configuration per Slack or Teams channel, subscribed to the alert topic.
 * Notifications need no permissions: the channel role has none, and the AWSDenyAll guardrail caps
 * what anyone in the channel could do through Chatbot at nothing.
 */
export class ChatChannels extends Construct {
  constructor(scope: Construct, id: string, props: ChatChannelsProps) {
    super(scope, id);
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('chatbot.amazonaws.com'),
      description: 'Lets AWS Chatbot deliver Bedrock lifecycle alerts; grants nothing',
    });
    const common = {
      iamRoleArn: role.roleArn,
      snsTopicArns: [props.topic.topicArn],
      guardrailPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AWSDenyAll').managedPolicyArn],
      loggingLevel: 'ERROR',
      userRoleRequired: false,
    };
    // Chatbot is global: a configuration name must be unique in the account across regions. So it
    // is this construct's unique path (the stack's name included) and the stack's region, within
    // Chatbot's 128 characters of [A-Za-z0-9-_].
    const base = `${Names.uniqueResourceName(this, { maxLength: 100, separator: '-' })}-${Stack.of(this).region}`;
    props.slack?.channelIds.forEach((channelId, i) => {
      new chatbot.CfnSlackChannelConfiguration(this, `Slack${i + 1}`, {
        ...common,
        configurationName: `${base}-slack-${i + 1}`,
        slackWorkspaceId: props.slack?.workspaceId ?? '',
        slackChannelId: channelId,
      });
    });
    props.teams?.channelIds.forEach((channelId, i) => {
      new chatbot.CfnMicrosoftTeamsChannelConfiguration(this, `Teams${i + 1}`, {
        ...common,
        configurationName: `${base}-teams-${i + 1}`,
        teamsTenantId: props.teams?.tenantId ?? '',
        teamId: props.teams?.teamId ?? '',
        teamsChannelId: channelId,
      });
    });
  }
}
