import { parseDeadlineDays, parseRegions, SettingError } from './domain/settings';

/** Everything the function reads from its environment, validated once at start-up. */
export interface FunctionConfig {
  readonly tableName: string;
  readonly topicArn: string;
  readonly regions: readonly string[];
  readonly deadlineDays: readonly number[];
  /** The function's own region: where the table lives. */
  readonly awsRegion: string;
  /** Tells this deployment's metrics from another's in the same account (the stack name). */
  readonly monitorId: string;
}

export const ENV = {
  tableName: 'TABLE_NAME',
  topicArn: 'TOPIC_ARN',
  regions: 'MONITOR_REGIONS',
  deadlineDays: 'DEADLINE_DAYS',
  slackWebhookSecretName: 'SLACK_WEBHOOK_SECRET_NAME',
  monitorId: 'MONITOR_ID',
} as const;

/** The Slack webhook forwarder's settings: the secret's name only, never the URL it holds. */
export interface ForwarderConfig {
  readonly webhookSecretName: string;
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name]?.trim();
  if (!value) throw new SettingError(name, env[name] ?? '', 'this environment variable must be set');
  return value;
}

export function readConfig(env: NodeJS.ProcessEnv): FunctionConfig {
  return {
    tableName: required(env, ENV.tableName),
    topicArn: required(env, ENV.topicArn),
    regions: parseRegions(required(env, ENV.regions), ENV.regions),
    deadlineDays: parseDeadlineDays(required(env, ENV.deadlineDays), ENV.deadlineDays),
    awsRegion: required(env, 'AWS_REGION'),
    monitorId: required(env, ENV.monitorId),
  };
}

export function readForwarderConfig(env: NodeJS.ProcessEnv): ForwarderConfig {
  return { webhookSecretName: required(env, ENV.slackWebhookSecretName) };
}
