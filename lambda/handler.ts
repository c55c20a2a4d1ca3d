import { randomUUID } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SNSClient } from '@aws-sdk/client-sns';
import { BedrockCatalog } from './adapters/bedrock-catalog';
import { DynamoDbStore } from './adapters/dynamodb-store';
import { SnsNotifier } from './adapters/sns-notifier';
import { readConfig } from './config';
import { observationTime } from './domain/observation-time';
import { type MonitorSettings, type RunResult, runMonitor } from './use-cases/run-monitor';

const logger = new Logger({ serviceName: 'bedrock-lifecycle-monitor' });
const config = readConfig(process.env);

const settings: MonitorSettings = {
  regions: config.regions,
  deadlineDays: config.deadlineDays,
  regionConcurrency: 4,
  // Longer than the function's timeout, so a claim outlives the run that holds it.
  claimLeaseMs: 15 * 60_000,
  render: { tableName: config.tableName, tableRegion: config.awsRegion },
};

const ports = {
  catalog: new BedrockCatalog({ maxAttempts: 4, attemptTimeoutMs: 10_000, regionTimeoutMs: 30_000 }),
  store: new DynamoDbStore(new DynamoDBClient({}), config.tableName),
  notifier: new SnsNotifier(new SNSClient({}), config.topicArn),
  log: logger,
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
  return runMonitor(t, settings, { ...ports, runId: context?.awsRequestId ?? randomUUID() });
};
