import { inject } from 'vitest';
import type { ModelPrice } from '../../contract/model-prices';
import type { RouteRule } from '../../contract/routes';
import { DEFAULTS } from '../../contract/settings';
import type { TenantConfig } from '../../lab/bedrock-stand-in';
import { CATALOG } from '../../lab/fixtures/catalog';
import { AlertQueue, createHistoryTable, createTopic, dynamoDb, sns } from '../../lab/moto-resources';
import { StandInTenant } from '../../lab/stand-in-tenant';
import { BedrockCatalog } from '../../lambda/adapters/bedrock-catalog';
import { BedrockOffers } from '../../lambda/adapters/bedrock-offers';
import { BedrockProfiles } from '../../lambda/adapters/bedrock-profiles';
import { CloudWatchUsage } from '../../lambda/adapters/cloudwatch-usage';
import { DynamoDbPriceCache } from '../../lambda/adapters/dynamodb-price-cache';
import { DynamoDbStore } from '../../lambda/adapters/dynamodb-store';
import { SnsNotifier } from '../../lambda/adapters/sns-notifier';
import type {
  EventBus,
  LifecycleStore,
  Notifier,
  UsageAccountAccess,
  UsageReaders,
} from '../../lambda/ports';
import { type MonitorSettings, type RunResult, runMonitor } from '../../lambda/use-cases/run-monitor';
import { recordingLog } from './recording-log';
import { recordingMetrics } from './recording-metrics';

export interface InProcessMonitorOptions {
  readonly regions: readonly string[];
  readonly time: string;
  readonly models?: TenantConfig['models'];
  readonly deadlineDays?: readonly number[];
  /** Wraps the real notifier, e.g. to make it fail. */
  readonly notifier?: (real: Notifier) => Notifier;
  /** Wraps the real store, e.g. to order concurrent commits. */
  readonly store?: (real: LifecycleStore) => LifecycleStore;
  /** @default all models alert, nothing watched, 14 days of usage */
  readonly usage?: Partial<MonitorSettings['usage']>;
  /** Where CloudWatch is reached, e.g. a fault proxy in front of moto. @default moto */
  readonly cloudWatchUrl?: string;
  /** Routes, each with a topic and a queue subscribed to it. @default none */
  readonly routes?: readonly RouteRule[];
  /** @default none */
  readonly modelPrices?: readonly ModelPrice[];
  /** Where one event per change goes. @default none */
  readonly bus?: EventBus;
  /** Usage read across these accounts, given the own account's readers. @default the own account only */
  readonly accounts?: (own: UsageReaders) => UsageAccountAccess;
}

/**
 * The run-monitor use case wired to its real adapters: Bedrock through the stand-in (reached by the
 * SDK's standard AWS_ENDPOINT_URL_BEDROCK), DynamoDB, SNS and CloudWatch in moto, and an SQS queue
 * subscribed to the topic. Each harness has its own tenant, table, topic and queue.
 */
export async function inProcessMonitor(options: InProcessMonitorOptions) {
  const motoUrl = inject('motoUrl');
  const tenant = new StandInTenant(inject('standInUrl'), 'RUN');
  await tenant.set({ time: options.time, models: options.models ?? CATALOG });
  // Bedrock goes to the stand-in, CloudWatch to moto, both by the SDK's standard variables.
  Object.assign(process.env, tenant.env(), { AWS_ENDPOINT_URL_CLOUDWATCH: options.cloudWatchUrl ?? motoUrl });
  const [tableName, topicArn] = await Promise.all([createHistoryTable(motoUrl), createTopic(motoUrl)]);
  const queue = await AlertQueue.subscribe(motoUrl, topicArn);
  const store = new DynamoDbStore(dynamoDb(motoUrl), tableName);
  const routeTopics = new Map<string, string>();
  const routeQueues = new Map<string, AlertQueue>();
  for (const route of options.routes ?? []) {
    const routeTopicArn = await createTopic(motoUrl);
    routeTopics.set(route.name, routeTopicArn);
    routeQueues.set(route.name, await AlertQueue.subscribe(motoUrl, routeTopicArn));
  }
  const realNotifier = new SnsNotifier(sns(motoUrl), topicArn, (route) => {
    const arn = routeTopics.get(route);
    if (!arn) throw new Error(`No topic for route ${route}`);
    return arn;
  });
  const log = recordingLog();
  const metrics = recordingMetrics();
  const settings: MonitorSettings = {
    regions: options.regions,
    deadlineDays: options.deadlineDays ?? DEFAULTS.deadlineDays,
    regionConcurrency: 4,
    claimLeaseMs: 60_000,
    render: { tableName, tableRegion: 'us-east-1' },
    usage: {
      lookbackDays: 14,
      alertOn: 'all',
      watchList: [],
      accountConcurrency: 4,
      accountTimeoutMs: 10_000,
      usageTimeoutMs: 20_000,
      ...options.usage,
    },
    routes: options.routes ?? [],
    modelPrices: options.modelPrices ?? [],
    priceTimeoutMs: 10_000,
  };
  const budget = { maxAttempts: 3, attemptTimeoutMs: 2_000, regionTimeoutMs: 10_000 };
  const own = { profiles: new BedrockProfiles(budget), usageMetrics: new CloudWatchUsage(budget) };
  const ports = {
    catalog: new BedrockCatalog(budget),
    ...own,
    store: options.store ? options.store(store) : store,
    offers: new BedrockOffers(budget),
    priceCache: new DynamoDbPriceCache(dynamoDb(motoUrl), tableName),
    notifier: options.notifier ? options.notifier(realNotifier) : realNotifier,
    log,
    metrics,
    clock: () => new Date(),
    ...(options.accounts ? { accounts: options.accounts(own) } : {}),
    ...(options.bus ? { bus: options.bus } : {}),
  };
  let runs = 0;
  /**
   * Moves the stand-in's clock to `time` and runs the monitor with that observation time, with the
   * harness's settings or others, as after a redeploy.
   */
  const run = async (time: string, withSettings: MonitorSettings = settings): Promise<RunResult> => {
    await tenant.at(time);
    return runMonitor(new Date(time), withSettings, { ...ports, runId: `run-${++runs}` });
  };
  return {
    motoUrl,
    tenant,
    tableName,
    topicArn,
    queue,
    routeQueues,
    store,
    log,
    metrics,
    settings,
    ports,
    run,
  };
}
