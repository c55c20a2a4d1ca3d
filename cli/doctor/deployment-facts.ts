import { CloudControlClient, paginateListResources } from '@aws-sdk/client-cloudcontrol';
import {
  CloudFormationClient,
  DescribeOrganizationsAccessCommand,
  GetTemplateCommand,
  paginateListStackInstances,
  paginateListStackResources,
  type StackResourceSummary,
} from '@aws-sdk/client-cloudformation';
import { CloudWatchClient, paginateDescribeAlarms } from '@aws-sdk/client-cloudwatch';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetFunctionConfigurationCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { OrganizationsClient, paginateListDelegatedAdministrators } from '@aws-sdk/client-organizations';
import { GetScheduleCommand, paginateListSchedules, SchedulerClient } from '@aws-sdk/client-scheduler';
import { SNSClient } from '@aws-sdk/client-sns';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { ENV } from '../../contract/environment';
import { HistoryReader } from '../../lambda/adapters/history-reader';
import { USAGE_ACCESS_CHECK, type UsageAccessReport } from '../../lambda/use-cases/check-usage-access';
import { describeError } from '../../lambda/use-cases/describe-error';
import { deployedMonitor, invokeMonitor } from '../aws';
import { type TopicSubscription, topicSubscriptions } from '../topic-subscriptions';
import { STACK_SETS_PRINCIPAL } from './findings';

/** What one read found, or why it could not be made (a permission, a service the region lacks). */
export type Read<T> = { readonly value: T } | { readonly error: string };

async function read<T>(fn: () => Promise<T>): Promise<Read<T>> {
  try {
    return { value: await fn() };
  } catch (error) {
    return { error: describeError(error) };
  }
}

export interface TopicFacts {
  /** undefined: the alert topic. */
  readonly route?: string;
  readonly topicArn: string;
  readonly subscriptions: Read<readonly TopicSubscription[]>;
}

export interface ChatConfigurationFacts {
  readonly kind: 'Slack' | 'Teams';
  readonly channelId: string;
  readonly configurationName: string;
  /** Whether the configuration exists now (Cloud Control lists them from AWS Chatbot). */
  readonly exists: Read<boolean>;
}

export interface StackSetFacts {
  readonly name: string;
  readonly callAs: 'SELF' | 'DELEGATED_ADMIN';
  readonly instances: Read<
    readonly { account: string; region: string; status: string; reason: string | undefined }[]
  >;
  /** Trusted access between StackSets and Organizations: ENABLED, DISABLED, DISABLED_PERMANENTLY. */
  readonly trustedAccess: Read<string>;
  /**
   * With `DELEGATED_ADMIN`: whether the monitor's account is registered as a delegated
   * administrator for StackSets; undefined with `SELF`.
   */
  readonly delegatedAdministrator: Read<boolean> | undefined;
}

/** Everything `doctor` reads of a deployment: only its stack, and the resources the stack names. */
export interface DeploymentFacts {
  readonly stackName: string;
  readonly stackStatus: string;
  readonly topics: readonly TopicFacts[];
  readonly lastRun: Read<string | null>;
  /** The schedule that invokes the function; null when none does. */
  readonly schedule: Read<{
    readonly name: string;
    readonly state: string;
    readonly expression: string;
  } | null>;
  readonly deadLetterQueues: readonly { readonly name: string; readonly depth: Read<number> }[];
  readonly alarms: Read<
    readonly { readonly name: string; readonly state: string; readonly reason: string }[]
  >;
  /** Which accounts the function can enter, as it reports when asked (only with usageAccounts). */
  readonly usageAccess: Read<UsageAccessReport>;
  readonly stackSet: StackSetFacts | undefined;
  readonly chat: readonly ChatConfigurationFacts[];
}

type TemplateResource = { Type: string; Properties?: Record<string, unknown> };

async function stackResources(cfn: CloudFormationClient, stackName: string): Promise<StackResourceSummary[]> {
  const found: StackResourceSummary[] = [];
  for await (const page of paginateListStackResources({ client: cfn }, { StackName: stackName })) {
    found.push(...(page.StackResourceSummaries ?? []));
  }
  return found;
}

const CHAT_TYPES = {
  'AWS::Chatbot::SlackChannelConfiguration': { kind: 'Slack', channel: 'SlackChannelId' },
  'AWS::Chatbot::MicrosoftTeamsChannelConfiguration': { kind: 'Teams', channel: 'TeamsChannelId' },
} as const;

/**
 * Reads a deployed monitor's state with the caller's credentials. Each part is read on its own: a
 * part that cannot be read (no permission, an API a region lacks) is kept as an error and said so,
 * never taken for healthy.
 */
export async function readDeployment(stackName: string): Promise<DeploymentFacts> {
  const cfn = new CloudFormationClient({});
  const monitor = await deployedMonitor(stackName);
  const [resources, template] = await Promise.all([
    stackResources(cfn, stackName),
    cfn
      .send(new GetTemplateCommand({ StackName: stackName }))
      .then((t) => JSON.parse(t.TemplateBody ?? '{}') as { Resources?: Record<string, TemplateResource> }),
  ]);
  const physical = (type: string) => resources.filter((r) => r.ResourceType === type && r.PhysicalResourceId);

  const sns = new SNSClient({});
  const topicArns = [...(monitor.topicArn ? [{ topicArn: monitor.topicArn }] : []), ...monitor.routeTopics];
  const topics = Promise.all(
    topicArns.map(async (topic) => ({
      ...topic,
      subscriptions: await read(() => topicSubscriptions(sns, topic.topicArn)),
    })),
  );

  const lastRun = read(async () => {
    if (!monitor.tableName) throw new Error('the stack has no TableName output');
    return new HistoryReader(new DynamoDBClient({}), monitor.tableName).lastCommittedRun();
  });

  const lambda = new LambdaClient({});
  const functionConfig = lambda.send(
    new GetFunctionConfigurationCommand({ FunctionName: monitor.functionName }),
  );
  // The schedules that invoke the function: found by their target, as the stack does not name them.
  const schedule = read(async () => {
    const functionArn = (await functionConfig).FunctionArn ?? '';
    const scheduler = new SchedulerClient({});
    const names: string[] = [];
    for await (const page of paginateListSchedules({ client: scheduler }, {})) {
      for (const s of page.Schedules ?? []) if (s.Name && s.Target?.Arn === functionArn) names.push(s.Name);
    }
    const [name] = names;
    if (name === undefined) return null;
    const found = await scheduler.send(new GetScheduleCommand({ Name: name }));
    return { name, state: found.State ?? 'UNKNOWN', expression: found.ScheduleExpression ?? '' };
  });

  // The queue's URL names its host; the configured endpoint (AWS_ENDPOINT_URL, a VPC endpoint) decides.
  const sqs = new SQSClient({ useQueueUrlAsEndpoint: false });
  const deadLetterQueues = Promise.all(
    physical('AWS::SQS::Queue').map(async (queue) => {
      const url = queue.PhysicalResourceId ?? '';
      return {
        name: url.slice(url.lastIndexOf('/') + 1),
        depth: await read(async () => {
          const { Attributes } = await sqs.send(
            new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages'] }),
          );
          return Number(Attributes?.ApproximateNumberOfMessages ?? 0);
        }),
      };
    }),
  );

  // The monitor's alarms are those that notify its topic.
  const alarms = read(async () => {
    // Without the topic, an ActionPrefix of nothing would list every alarm of the account.
    if (!monitor.topicArn) throw new Error('the stack has no TopicArn output');
    const cloudWatch = new CloudWatchClient({});
    const found: { name: string; state: string; reason: string }[] = [];
    for await (const page of paginateDescribeAlarms(
      { client: cloudWatch },
      { ActionPrefix: monitor.topicArn },
    )) {
      for (const a of page.MetricAlarms ?? []) {
        found.push({
          name: a.AlarmName ?? '',
          state: a.StateValue ?? 'UNKNOWN',
          reason: a.StateReason ?? '',
        });
      }
    }
    return found;
  });

  const usageAccess = read(async (): Promise<UsageAccessReport> => {
    const config = await functionConfig;
    if (!config.Environment?.Variables?.[ENV.usageAccounts]) return { usageAccounts: 'own' };
    return invokeMonitor<UsageAccessReport>(monitor, USAGE_ACCESS_CHECK);
  });

  const stackSetResource = Object.values(template.Resources ?? {}).find(
    (r) => r.Type === 'AWS::CloudFormation::StackSet',
  );
  // The monitor's account, as its topic's ARN names it.
  const account = monitor.topicArn?.split(':')[4] ?? '';
  const stackSet = stackSetResource && stackSetFacts(cfn, stackSetResource, account);
  const chat = chatFacts(template);

  return {
    stackName,
    stackStatus: monitor.stackStatus,
    topics: await topics,
    lastRun: await lastRun,
    schedule: await schedule,
    deadLetterQueues: await deadLetterQueues,
    alarms: await alarms,
    usageAccess: await usageAccess,
    stackSet: await stackSet,
    chat: await chat,
  };
}

async function stackSetFacts(
  cfn: CloudFormationClient,
  resource: TemplateResource,
  account: string,
): Promise<StackSetFacts> {
  const callAs = resource.Properties?.CallAs === 'DELEGATED_ADMIN' ? 'DELEGATED_ADMIN' : 'SELF';
  const name = String(resource.Properties?.StackSetName);
  const [instances, trustedAccess, delegatedAdministrator] = await Promise.all([
    read(async () => {
      const found: { account: string; region: string; status: string; reason: string | undefined }[] = [];
      for await (const page of paginateListStackInstances(
        { client: cfn },
        { StackSetName: name, CallAs: callAs },
      )) {
        for (const i of page.Summaries ?? []) {
          found.push({
            account: i.Account ?? '',
            region: i.Region ?? '',
            status: i.Status ?? 'UNKNOWN',
            reason: i.StatusReason,
          });
        }
      }
      return found;
    }),
    read(
      async () =>
        (await cfn.send(new DescribeOrganizationsAccessCommand({ CallAs: callAs }))).Status ?? 'UNKNOWN',
    ),
    callAs === 'SELF'
      ? undefined
      : read(async () => {
          const pages = paginateListDelegatedAdministrators(
            { client: new OrganizationsClient({}) },
            { ServicePrincipal: STACK_SETS_PRINCIPAL },
          );
          for await (const page of pages) {
            if (page.DelegatedAdministrators?.some((a) => a.Id === account)) return true;
          }
          return false;
        }),
  ]);
  return { name, callAs, instances, trustedAccess, delegatedAdministrator };
}

/**
 * The Chatbot configurations the template asks for, and whether each exists now: Cloud Control
 * lists the account's configurations from AWS Chatbot, matched by their unique names.
 */
async function chatFacts(template: {
  Resources?: Record<string, TemplateResource>;
}): Promise<ChatConfigurationFacts[]> {
  const wanted = Object.values(template.Resources ?? {}).flatMap((resource) => {
    const type = CHAT_TYPES[resource.Type as keyof typeof CHAT_TYPES];
    return type
      ? [
          {
            typeName: resource.Type,
            kind: type.kind,
            properties: resource.Properties ?? {},
            channel: type.channel,
          },
        ]
      : [];
  });
  const cloudControl = new CloudControlClient({});
  const existing = new Map<string, Promise<Read<Set<string>>>>();
  const namesOf = (typeName: string) => {
    const names =
      existing.get(typeName) ??
      read(async () => {
        const found = new Set<string>();
        for await (const page of paginateListResources({ client: cloudControl }, { TypeName: typeName })) {
          for (const r of page.ResourceDescriptions ?? []) {
            // A listing may carry the primary identifier alone: the configuration's ARN, which ends
            // in its name (…:chat-configuration/slack-channel/<name>).
            const name =
              (JSON.parse(r.Properties ?? '{}') as { ConfigurationName?: string }).ConfigurationName ??
              r.Identifier?.slice(r.Identifier.lastIndexOf('/') + 1);
            if (name) found.add(name);
          }
        }
        return found;
      });
    existing.set(typeName, names);
    return names;
  };
  return Promise.all(
    wanted.map(async ({ typeName, kind, properties, channel }) => {
      const configurationName = properties.ConfigurationName;
      const channelId = String(properties[channel] ?? '');
      // A name the template leaves to deploy time (a stack without a region) cannot be matched.
      if (typeof configurationName !== 'string') {
        const exists: Read<boolean> = { error: 'its name is not in the template' };
        return { kind, channelId, configurationName: `of ${channelId}`, exists };
      }
      const names = await namesOf(typeName);
      return {
        kind,
        channelId,
        configurationName,
        exists: 'error' in names ? names : { value: names.value.has(configurationName) },
      };
    }),
  );
}
