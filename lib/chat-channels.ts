import { createHash } from 'node:crypto';
import { Stack, Token } from 'aws-cdk-lib';
import * as chatbot from 'aws-cdk-lib/aws-chatbot';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { SlackTarget, TeamsTarget } from '../contract/chat-settings';

/** A topic and the chat channels it reaches. */
export interface ChatDelivery {
  readonly topic: sns.ITopic;
  /** @default - no Slack channel */
  readonly slack?: SlackTarget;
  /** @default - no Teams channel */
  readonly teams?: TeamsTarget;
}

export interface ChatChannelsProps {
  /** Every topic with chat channels: the alert topic's and the routes'. */
  readonly deliveries: readonly ChatDelivery[];
}

/** Chatbot's configuration names: at most 128 of [A-Za-z0-9-_]. */
const NAME_MAX = 128;
/** The longest region name (ap-southeast-5 and the like): the room kept when the region is a token. */
const REGION_MAX = 14;

/**
 * The configuration's name: the stack, its region and the channel, so that the error Chatbot gives
 * a second stack configuring the same channel ("has already been configured") is traced to the
 * first by name. A channel id that is long or not alphanumeric (Teams') is named by a short hash.
 */
export function chatConfigurationName(
  stackName: string,
  region: string,
  kind: 'slack' | 'teams',
  channelId: string,
): string {
  const channel = channelLabel(channelId);
  const regionLength = Token.isUnresolved(region) ? REGION_MAX : region.length;
  const room = NAME_MAX - regionLength - `--${kind}-${channel}`.length;
  return `${stackName.slice(0, room)}-${region}-${kind}-${channel}`;
}

/** A channel id as names may carry it: itself when short and alphanumeric (Slack's), else a short hash. */
const channelLabel = (channelId: string): string =>
  /^[A-Za-z0-9]{1,24}$/.test(channelId)
    ? channelId
    : createHash('sha256').update(channelId).digest('hex').slice(0, 12);

/** Each distinct channel, with every topic that reaches it, in the order first met. */
function topicsByChannel(
  deliveries: readonly ChatDelivery[],
  channelsOf: (delivery: ChatDelivery) => readonly string[] | undefined,
): Map<string, string[]> {
  const channels = new Map<string, string[]>();
  for (const delivery of deliveries) {
    for (const channel of channelsOf(delivery) ?? []) {
      const topics = channels.get(channel) ?? [];
      if (!topics.includes(delivery.topic.topicArn)) topics.push(delivery.topic.topicArn);
      channels.set(channel, topics);
    }
  }
  return channels;
}

/**
 * One AWS Chatbot configuration per distinct Slack or Teams channel, subscribed to every topic
 * routed to that channel: Chatbot refuses a second configuration of a channel in an account
 * ("Slack channel with ID … has already been configured", aws-cloudformation/
 * cloudformation-coverage-roadmap#1155), and one configuration takes several topics.
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
      guardrailPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AWSDenyAll').managedPolicyArn],
      loggingLevel: 'ERROR',
      userRoleRequired: false,
    };
    const stack = Stack.of(this);
    // Chatbot is global: a name is unique in the account across regions, hence the region in it.
    const { region } = stack;
    const slack = props.deliveries.find((d) => d.slack)?.slack;
    // Each configuration's id and name follow its channel, not its place in a list: removing or
    // reordering channels then replaces nothing (a replacement is created before the old one is
    // deleted, and Chatbot refuses a second configuration of a channel).
    for (const [channelId, topics] of topicsByChannel(props.deliveries, (d) => d.slack?.channelIds)) {
      new chatbot.CfnSlackChannelConfiguration(this, `Slack${channelLabel(channelId)}`, {
        ...common,
        snsTopicArns: topics,
        configurationName: chatConfigurationName(stack.stackName, region, 'slack', channelId),
        slackWorkspaceId: slack?.workspaceId ?? '',
        slackChannelId: channelId,
      });
    }
    const teams = props.deliveries.find((d) => d.teams)?.teams;
    for (const [channelId, topics] of topicsByChannel(props.deliveries, (d) => d.teams?.channelIds)) {
      new chatbot.CfnMicrosoftTeamsChannelConfiguration(this, `Teams${channelLabel(channelId)}`, {
        ...common,
        snsTopicArns: topics,
        configurationName: chatConfigurationName(stack.stackName, region, 'teams', channelId),
        teamsTenantId: teams?.tenantId ?? '',
        teamId: teams?.teamId ?? '',
        teamsChannelId: channelId,
      });
    }
  }
}
