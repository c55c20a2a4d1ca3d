import { toEnvironment } from '../contract/environment';
import type { ModelPrice } from '../contract/model-prices';
import { type RouteRule, routeTopicName } from '../contract/routes';
import {
  type AlertOn,
  DEFAULTS,
  defaultUsageRoleName,
  type EventBusSetting,
  type UsageAccounts,
} from '../contract/settings';
import { DynamoDbStore } from '../lambda/adapters/dynamodb-store';
import type { LifecycleEvent } from '../lambda/domain/events';
import type { TenantConfig } from './bedrock-stand-in';
import { runBundledHandler } from './bundled-handler';
import { startFaultProxy } from './fault-proxy';
import { CATALOG } from './fixtures/catalog';
import { AlertQueue, createHistoryTable, createTopic, dynamoDb, type ReceivedAlert } from './moto-resources';
import { StandInTenant } from './stand-in-tenant';

export interface MonitorLabOptions {
  readonly motoUrl: string;
  readonly standInUrl: string;
  readonly regions: readonly string[];
  readonly time: string;
  readonly models?: TenantConfig['models'];
  /** Latency the stand-in adds to every Bedrock response. @default 0 */
  readonly bedrockDelayMs?: number;
  /** @default 'all' */
  readonly alertOn?: AlertOn;
  /** The stack name the function is told: route topics are named after it. @default 'FaultSuite' */
  readonly monitorId?: string;
  /** @default the own account only */
  readonly usageAccounts?: UsageAccounts;
  /** Where the function puts one event per change. @default 'none' */
  readonly eventBus?: EventBusSetting;
  /** Routes, each with its topic (named as the stack names it) and an SQS subscriber. @default none */
  readonly routes?: readonly RouteRule[];
  /** @default none */
  readonly modelPrices?: readonly ModelPrice[];
}

/**
 * The bundled handler against its own table, topic and SQS subscriber in moto and its own tenant
 * of the Bedrock stand-in, each reached through a proxy that can inject faults and records every
 * request on the wire.
 */
export async function monitorLab(bundle: string, options: MonitorLabOptions) {
  const { motoUrl } = options;
  const [proxy, bedrockProxy] = await Promise.all([
    startFaultProxy(motoUrl),
    startFaultProxy(options.standInUrl),
  ]);
  const tenant = new StandInTenant(options.standInUrl, 'LAB');
  await tenant.set({
    time: options.time,
    models: options.models ?? CATALOG,
    ...(options.bedrockDelayMs ? { delayMs: options.bedrockDelayMs } : {}),
  });
  const [tableName, topicArn] = await Promise.all([createHistoryTable(motoUrl), createTopic(motoUrl)]);
  const queue = await AlertQueue.subscribe(motoUrl, topicArn);
  const store = new DynamoDbStore(dynamoDb(motoUrl), tableName);
  const received: ReceivedAlert[] = [];
  const monitorId = options.monitorId ?? 'FaultSuite';
  const routes = options.routes ?? [];
  const routeQueues = new Map<string, AlertQueue>();
  /** What each route's topic received. */
  const routeReceived = new Map<string, ReceivedAlert[]>();
  for (const route of routes) {
    const arn = await createTopic(motoUrl, routeTopicName(monitorId, route.name));
    routeQueues.set(route.name, await AlertQueue.subscribe(motoUrl, arn));
    routeReceived.set(route.name, []);
  }
  const drain = async () => {
    received.push(...(await queue.drain()));
    for (const [route, routeQueue] of routeQueues)
      routeReceived.get(route)?.push(...(await routeQueue.drain()));
  };

  const env = () => ({
    ...tenant.env(),
    AWS_ENDPOINT_URL_BEDROCK: bedrockProxy.url,
    AWS_ENDPOINT_URL: proxy.url,
    AWS_REGION: 'us-east-1',
    ...toEnvironment({
      tableName,
      topicArn,
      regions: options.regions,
      deadlineDays: DEFAULTS.deadlineDays,
      monitorId,
      alertOn: options.alertOn ?? DEFAULTS.alertOn,
      usageLookbackDays: DEFAULTS.usageLookbackDays,
      watchModels: DEFAULTS.watchModels,
      usageAccounts: options.usageAccounts ?? 'own',
      // The name a deployed monitor of this id in us-east-1 gives the role.
      usageRoleName: defaultUsageRoleName(monitorId, 'us-east-1'),
      usageOrganizationalUnits: [],
      routes,
      eventBus: options.eventBus ?? 'none',
      modelPrices: options.modelPrices ?? [],
    }),
    POWERTOOLS_SERVICE_NAME: 'bedrock-lifecycle-monitor',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  });

  /** One scheduled invocation at `time`; the stand-in serves the catalog as of then. */
  const invoke = async (time: string) => {
    await tenant.at(time);
    const run = await runBundledHandler(bundle, env(), { time });
    await drain();
    return run;
  };

  /** One invocation with any event, as a misconfigured target or a person might send it. */
  const invokeWith = (event: unknown) => runBundledHandler(bundle, env(), event);

  /** Several invocations at once, as overlapping schedules or retries would start them. */
  const invokeTogether = async (times: readonly string[], catalogTime: string) => {
    await tenant.at(catalogTime);
    const runs = await Promise.all(times.map((time) => runBundledHandler(bundle, env(), { time })));
    await drain();
    return runs;
  };

  const delivered = (): LifecycleEvent[] =>
    received.flatMap((r) => r.body.events as unknown as LifecycleEvent[]);

  return {
    proxy,
    bedrockProxy,
    tenant,
    store,
    tableName,
    topicArn,
    received,
    routeReceived,
    invoke,
    invokeWith,
    invokeTogether,
    delivered,
    close: async () => {
      await Promise.all([proxy.close(), bedrockProxy.close()]);
    },
  };
}

export type MonitorLab = Awaited<ReturnType<typeof monitorLab>>;
