import {
  parseAlertOn,
  parseDeadlineDays,
  parseLookbackDays,
  parseRegions,
  parseWatchModels,
  SettingError,
} from './domain/settings';
import type { AlertOn } from './domain/usage';

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
  readonly alertOn: AlertOn;
  readonly usageLookbackDays: number;
  /** Ids or prefixes of models always treated as in use. */
  readonly watchList: readonly string[];
}

export const ENV = {
  tableName: 'TABLE_NAME',
  topicArn: 'TOPIC_ARN',
  regions: 'MONITOR_REGIONS',
  deadlineDays: 'DEADLINE_DAYS',
  slackWebhookSecretName: 'SLACK_WEBHOOK_SECRET_NAME',
  monitorId: 'MONITOR_ID',
  alertOn: 'ALERT_ON',
  usageLookbackDays: 'USAGE_LOOKBACK_DAYS',
  watchModels: 'WATCH_MODELS',
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
    alertOn: parseAlertOn(required(env, ENV.alertOn), ENV.alertOn),
    usageLookbackDays: parseLookbackDays(required(env, ENV.usageLookbackDays), ENV.usageLookbackDays),
    // An empty watch list is the common case: the variable may be unset.
    watchList: parseWatchModels(env[ENV.watchModels] ?? '', ENV.watchModels),
  };
}

export function readForwarderConfig(env: NodeJS.ProcessEnv): ForwarderConfig {
  return { webhookSecretName: required(env, ENV.slackWebhookSecretName) };
}
