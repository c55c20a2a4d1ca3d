import { randomUUID } from 'node:crypto';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { SNSClient } from '@aws-sdk/client-sns';
import { STSClient } from '@aws-sdk/client-sts';
import { readEnvironment } from '../contract/environment';
import { MONITOR_TIMEOUT_SECONDS, runBudget } from '../contract/function-timing';
import { METRICS } from '../contract/metrics';
import { routeTopicName } from '../contract/routes';
import { MAX_REGIONS } from '../contract/settings';
import { BedrockCatalog } from './adapters/bedrock-catalog';
import { BedrockOffers } from './adapters/bedrock-offers';
import { BedrockProfiles } from './adapters/bedrock-profiles';
import { CloudWatchUsage } from './adapters/cloudwatch-usage';
import { DynamoDbPriceCache } from './adapters/dynamodb-price-cache';
import { DynamoDbStore } from './adapters/dynamodb-store';
import { busRegion, EventBridgeBus } from './adapters/eventbridge-bus';
import { MemberAccounts } from './adapters/member-accounts';
import { PowertoolsRunMetrics } from './adapters/powertools-metrics';
import { budgetedClientConfig } from './adapters/regional-clients';
import { SnsNotifier } from './adapters/sns-notifier';
import { isHealthEvent } from './domain/health-notice';
import { observationTime, RefusedEventError } from './domain/observation-time';
import { logger } from './logger';
import { checkUsageAccess, isUsageAccessCheck, type UsageAccessReport } from './use-cases/check-usage-access';
import { type MonitorSettings, type RunResult, runMonitor } from './use-cases/run-monitor';
import { type SentTestAlert, sendTestAlert, testAlertRequest } from './use-cases/send-test-alert';
import { type NoticeResult, takeNotice } from './use-cases/take-notice';

const config = readEnvironment(process.env);
/**
 * Accounts read at once when usage spans accounts. Each has its own CloudWatch and Bedrock quotas,
 * so this bounds only the function's own sockets (about 2 per region per account in flight).
 */
const ACCOUNT_CONCURRENCY = 25;
/** Every wait of a run, sized from the function's timeout. */
const budget = runBudget(MONITOR_TIMEOUT_SECONDS);

const settings: MonitorSettings = {
  regions: config.regions,
  deadlineDays: config.deadlineDays,
  // Each region is its own endpoint with its own rate limit, so waiting on them one wave at a time
  // only adds latency: every region at once.
  regionConcurrency: MAX_REGIONS,
  claimLeaseMs: budget.claimLeaseMs,
  render: { tableName: config.tableName, tableRegion: config.awsRegion },
  usage: {
    lookbackDays: config.usageLookbackDays,
    alertOn: config.alertOn,
    watchList: config.watchModels,
    accountConcurrency: ACCOUNT_CONCURRENCY,
    accountTimeoutMs: budget.accountTimeoutMs,
    usageTimeoutMs: budget.usageTimeoutMs,
  },
  routes: config.routes,
  modelPrices: config.modelPrices,
  priceTimeoutMs: budget.priceTimeoutMs,
};

const metrics = new Metrics({
  namespace: METRICS.namespace,
  serviceName: METRICS.service,
  defaultDimensions: { [METRICS.dimensions.monitor]: config.monitorId },
});

const own = { profiles: new BedrockProfiles(budget), usageMetrics: new CloudWatchUsage(budget) };
const { usageAccounts } = config;
/** The clients made here (not per region) get the budget's retries and timeouts too. */
const clientConfig = budgetedClientConfig(budget);

const dynamoDb = new DynamoDBClient({});

const ports = {
  catalog: new BedrockCatalog(budget),
  ...own,
  ...(usageAccounts === 'own'
    ? {}
    : {
        accounts: new MemberAccounts({
          accounts: usageAccounts,
          organizationalUnits: config.usageOrganizationalUnits,
          ownAccountId: config.accountId,
          partition: config.partition,
          roleName: config.usageRoleName,
          externalId: config.monitorId,
          budget,
          sts: new STSClient(clientConfig),
          organizations: new OrganizationsClient(clientConfig),
          own,
        }),
      }),
  store: new DynamoDbStore(dynamoDb, config.tableName),
  offers: new BedrockOffers(budget),
  priceCache: new DynamoDbPriceCache(dynamoDb, config.tableName),
  notifier: new SnsNotifier(
    new SNSClient({}),
    config.topicArn,
    (route) =>
      `arn:${config.partition}:sns:${config.awsRegion}:${config.accountId}:${routeTopicName(config.monitorId, route)}`,
  ),
  ...(config.eventBus === 'none'
    ? {}
    : {
        bus: new EventBridgeBus(
          new EventBridgeClient({ ...clientConfig, region: busRegion(config.eventBus) ?? config.awsRegion }),
          config.eventBus,
        ),
      }),
  log: logger,
  metrics: new PowertoolsRunMetrics(metrics),
  clock: () => new Date(),
};

/**
 * The scheduled event: `time` is the scheduled time (EventBridge Scheduler input or rule event). An
 * AWS Health event (source `aws.health`) is taken as a notice instead.
 */
export interface MonitorEvent {
  readonly time?: string;
}

export const handler = async (
  event: MonitorEvent,
  context?: { awsRequestId?: string },
): Promise<RunResult | NoticeResult | UsageAccessReport | { readonly sent: readonly SentTestAlert[] }> => {
  // `bedrock-lifecycle doctor` asks which accounts the function can enter, and `test-alert` has it
  // publish a test message (it is its topics' only publisher); neither writes anything.
  if (isUsageAccessCheck(event)) return checkUsageAccess(ports.accounts, ACCOUNT_CONCURRENCY);
  const testAlert = testAlertRequest(event);
  if (testAlert) {
    return sendTestAlert(
      testAlert,
      { monitorId: config.monitorId, routes: config.routes.map((r) => r.name) },
      ports,
    );
  }
  if (isHealthEvent(event)) {
    try {
      return await takeNotice(event, settings, { ...ports, runId: context?.awsRequestId ?? randomUUID() });
    } catch (error) {
      if (error instanceof RefusedEventError) logger.error('Invocation refused', { reason: error.message });
      throw error;
    } finally {
      metrics.publishStoredMetrics();
    }
  }
  let t: Date;
  try {
    t = observationTime(event, ports.clock);
  } catch (error) {
    // Refused before anything is read or written: the reason is logged, the invocation fails.
    logger.error('Invocation refused', { reason: (error as Error).message });
    throw error;
  }
  logger.appendKeys({ observedAt: t.toISOString() });
  try {
    return await runMonitor(t, settings, { ...ports, runId: context?.awsRequestId ?? randomUUID() });
  } finally {
    // Failed runs report too: their region failures and pending alerts are what the alarms watch.
    metrics.publishStoredMetrics();
  }
};
