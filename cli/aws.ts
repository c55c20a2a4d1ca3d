import { BedrockClient } from '@aws-sdk/client-bedrock';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { DEFAULTS } from '../contract/settings';
import { BedrockCatalog } from '../lambda/adapters/bedrock-catalog';
import { BedrockProfiles } from '../lambda/adapters/bedrock-profiles';
import { HistoryReader } from '../lambda/adapters/history-reader';
import type { CatalogModel } from '../lambda/domain/model';
import type { InferenceProfile } from '../lambda/domain/usage';
import { listOption, UsageError } from './args';
import { withProgress } from './progress';

/**
 * The AWS side of the CLI. Credentials, region and endpoints come from the SDK's standard chain
 * (AWS_PROFILE, AWS_REGION, AWS_ENDPOINT_URL, …), as for the aws CLI.
 */

/** Regions given, or the one the standard configuration resolves to. */
export async function regionsOrDefault(regions: readonly string[] | undefined): Promise<readonly string[]> {
  if (regions && regions.length > 0) return regions;
  const region = await new BedrockClient({}).config.region().catch(() => undefined);
  if (!region) throw new UsageError('no region: pass --regions or set AWS_REGION (or a profile region)');
  return [region];
}

/** Retries and timeouts of the CLI's Bedrock calls. */
const BUDGET = { maxAttempts: 4, attemptTimeoutMs: 10_000, regionTimeoutMs: 30_000 };

/** Each region's models, ListFoundationModels now, with progress on stderr. */
export function listCatalogs(
  regions: readonly string[],
  err: NodeJS.WritableStream & { isTTY?: boolean },
): Promise<{ region: string; models: CatalogModel[] }[]> {
  const catalog = new BedrockCatalog(BUDGET);
  return withProgress(
    `Listing Bedrock models in ${regions.join(', ')}`,
    () =>
      Promise.all(regions.map(async (region) => ({ region, models: (await catalog.list(region)).models }))),
    err,
  );
}

/**
 * Each region's inference profiles, or the error that kept them unread (a region that cannot be
 * read leaves only the references that need it unchecked), with progress on stderr.
 */
export async function listProfiles(
  regions: readonly string[],
  err: NodeJS.WritableStream & { isTTY?: boolean },
): Promise<Map<string, readonly InferenceProfile[] | Error>> {
  const profiles = new BedrockProfiles(BUDGET);
  const read = await withProgress(
    `Listing inference profiles in ${regions.join(', ')}`,
    () => Promise.allSettled(regions.map((region) => profiles.profiles(region))),
    err,
  );
  return new Map<string, readonly InferenceProfile[] | Error>(
    regions.map((region, i) => {
      const result = read[i];
      if (result?.status === 'fulfilled') return [region, result.value];
      const error = result?.reason;
      return [region, error instanceof Error ? error : new Error(String(error))];
    }),
  );
}

/** What a deployed monitor's stack outputs name, as the CLI's commands use it. */
export interface DeployedMonitor {
  readonly stackName: string;
  /** CloudFormation's status of the stack, e.g. CREATE_COMPLETE. */
  readonly stackStatus: string;
  readonly tableName: string | undefined;
  readonly topicArn: string | undefined;
  readonly functionName: string | undefined;
  /** Each route's topic, by route name (from the topic's name, `<stack>-route-<route>`). */
  readonly routeTopics: readonly { readonly route: string; readonly topicArn: string }[];
  readonly outputs: Readonly<Record<string, string>>;
}

/** The deployed monitor of a stack (--stack, default the app's), from its outputs. */
export async function deployedMonitor(stack: string | undefined): Promise<DeployedMonitor> {
  const stackName = stack ?? DEFAULTS.stackName;
  const { Stacks = [] } = await new CloudFormationClient({}).send(
    new DescribeStacksCommand({ StackName: stackName }),
  );
  const outputs = Object.fromEntries(
    (Stacks[0]?.Outputs ?? []).flatMap((o) =>
      o.OutputKey && o.OutputValue ? [[o.OutputKey, o.OutputValue]] : [],
    ),
  );
  const prefix = `:${stackName}-route-`;
  return {
    stackName,
    stackStatus: Stacks[0]?.StackStatus ?? 'UNKNOWN',
    tableName: outputs.TableName,
    topicArn: outputs.TopicArn,
    functionName: outputs.FunctionName,
    routeTopics: Object.entries(outputs)
      .filter(([key, arn]) => key.startsWith('RouteTopic') && arn.includes(prefix))
      .map(([, topicArn]) => ({
        route: topicArn.slice(topicArn.lastIndexOf(prefix) + prefix.length),
        topicArn,
      })),
    outputs,
  };
}

/**
 * Invokes the deployed monitor function with one of the requests it answers besides a run
 * (`{"check": …}`), and returns its answer; the function's own error is thrown as an error.
 */
export async function invokeMonitor<T>(monitor: DeployedMonitor, request: object): Promise<T> {
  if (!monitor.functionName) throw new Error(`the stack ${monitor.stackName} has no FunctionName output`);
  const answer = await new LambdaClient({}).send(
    new InvokeCommand({ FunctionName: monitor.functionName, Payload: JSON.stringify(request) }),
  );
  const payload = new TextDecoder().decode(answer.Payload);
  if (answer.FunctionError) {
    const { errorMessage } = JSON.parse(payload || '{}') as { errorMessage?: string };
    throw new Error(`the monitor function failed: ${errorMessage ?? payload.slice(0, 300)}`);
  }
  return JSON.parse(payload) as T;
}

/** The history table: named with --table, or found in the stack's outputs (--stack, default the app's). */
export async function historyReader(options: { table?: string; stack?: string }): Promise<HistoryReader> {
  const dynamo = new DynamoDBClient({});
  if (options.table) return new HistoryReader(dynamo, options.table);
  const monitor = await deployedMonitor(options.stack);
  if (!monitor.tableName)
    throw new Error(`the stack ${monitor.stackName} has no TableName output; pass --table`);
  return new HistoryReader(dynamo, monitor.tableName);
}

export const TABLE_OPTIONS = { table: { type: 'string' }, stack: { type: 'string' } } as const;

/** Where a command reads the catalogs from: Bedrock now, or the monitor's stored state. */
export const FROM_OPTIONS = { from: { type: 'string' }, ...TABLE_OPTIONS } as const;

/**
 * Each region's models, from `--from live` (the default: ListFoundationModels now) or `--from
 * table` (the monitor's stored state, which keeps models no longer listed; `listedOnly` leaves
 * them out), with progress on stderr.
 */
export async function catalogsFrom(
  options: { from?: string; table?: string; stack?: string; regions?: string },
  err: NodeJS.WritableStream & { isTTY?: boolean },
  { listedOnly }: { readonly listedOnly: boolean },
): Promise<{ regions: readonly string[]; catalogs: { region: string; models: CatalogModel[] }[] }> {
  const from = options.from ?? 'live';
  if (from !== 'live' && from !== 'table') throw new UsageError(`--from takes live or table, not "${from}"`);
  const regions = await regionsOrDefault(listOption(options.regions));
  if (from === 'live') return { regions, catalogs: await listCatalogs(regions, err) };
  const catalogs = await withProgress(
    'Reading the monitor’s state',
    async () => {
      const reader = await historyReader(options);
      return Promise.all(
        regions.map(async (region) => {
          const models = (await reader.regionState(region))?.models ?? [];
          return { region, models: listedOnly ? models.filter((m) => m.listed) : [...models] };
        }),
      );
    },
    err,
  );
  return { regions, catalogs };
}
