import { randomUUID } from 'node:crypto';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SNSClient } from '@aws-sdk/client-sns';
import { METRICS } from '../contract/metrics';
import { BedrockCatalog } from './adapters/bedrock-catalog';
import { BedrockProfiles } from './adapters/bedrock-profiles';
import { CloudWatchInvocations } from './adapters/cloudwatch-invocations';
import { DynamoDbStore } from './adapters/dynamodb-store';
import { PowertoolsRunMetrics } from './adapters/powertools-metrics';
import { SnsNotifier } from './adapters/sns-notifier';
import { readConfig } from './config';
import { observationTime } from './domain/observation-time';
import { MAX_REGIONS } from './domain/settings';
import { logger } from './logger';
import { type MonitorSettings, type RunResult, runMonitor } from './use-cases/run-monitor';

const config = readConfig(process.env);

const settings: MonitorSettings = {
  regions: config.regions,
  deadlineDays: config.deadlineDays,
  // Each region is its own endpoint with its own rate limit, so waiting on them one wave at a time
  // only adds latency: every region at once. With 20 s per call at most, even a run whose every
  // call times out (listing, then profiles and metrics) ends within the 3-minute function timeout.
  regionConcurrency: MAX_REGIONS,
  // Longer than the function's timeout, so a claim outlives the run that holds it.
  claimLeaseMs: 15 * 60_000,
  render: { tableName: config.tableName, tableRegion: config.awsRegion },
  usage: {
    lookbackDays: config.usageLookbackDays,
    alertOn: config.alertOn,
    watchList: config.watchList,
  },
};

const metrics = new Metrics({
  namespace: METRICS.namespace,
  serviceName: METRICS.service,
  defaultDimensions: { [METRICS.dimensions.monitor]: config.monitorId },
});

/** Per region and call: a few attempts, 5 s each, 20 s in all. */
const BUDGET = { maxAttempts: 4, attemptTimeoutMs: 5_000, regionTimeoutMs: 20_000 };

const ports = {
  catalog: new BedrockCatalog(BUDGET),
  profiles: new BedrockProfiles(BUDGET),
  invocations: new CloudWatchInvocations(BUDGET),
  store: new DynamoDbStore(new DynamoDBClient({}), config.tableName),
  notifier: new SnsNotifier(new SNSClient({}), config.topicArn),
  log: logger,
  metrics: new PowertoolsRunMetrics(metrics),
  clock: () => new Date(),
};

/** The scheduled event: `time` is the scheduled time (EventBridge Scheduler input or rule event). */
export interface MonitorEvent {
  readonly time?: string;
}

export const handler = async (
  event: MonitorEvent,
  context?: { awsRequestId?: string },
): Promise<RunResult> => {
  const t = observationTime(event, ports.clock);
  logger.appendKeys({ observedAt: t.toISOString() });
  try {
    return await runMonitor(t, settings, { ...ports, runId: context?.awsRequestId ?? randomUUID() });
  } finally {
    // Failed runs report too: their region failures and pending alerts are what the alarms watch.
    metrics.publishStoredMetrics();
  }
};
