import { type ModelPrice, parseModelPrices } from './model-prices';
import { parseRoutes, type RouteRule, routeRules, ruleJson } from './routes';
import { SettingError } from './setting-error';
import {
  type AlertOn,
  type EventBusSetting,
  parseAlertOn,
  parseDeadlineDays,
  parseEventBus,
  parseLookbackDays,
  parseOrganizationalUnits,
  parseRegions,
  parseRoleName,
  parseUsageAccounts,
  parseWatchModels,
  type UsageAccounts,
} from './settings';

/** The function's environment variables: the construct writes them, the function reads them. */
export const ENV = {
  tableName: 'TABLE_NAME',
  topicArn: 'TOPIC_ARN',
  regions: 'MONITOR_REGIONS',
  deadlineDays: 'DEADLINE_DAYS',
  monitorId: 'MONITOR_ID',
  alertOn: 'ALERT_ON',
  usageLookbackDays: 'USAGE_LOOKBACK_DAYS',
  watchModels: 'WATCH_MODELS',
  usageAccounts: 'USAGE_ACCOUNTS',
  usageRoleName: 'USAGE_ROLE_NAME',
  usageOrganizationalUnits: 'USAGE_ORGANIZATIONAL_UNITS',
  routes: 'ROUTES',
  modelPrices: 'MODEL_PRICES',
  eventBus: 'EVENT_BUS',
  slackWebhookSecretName: 'SLACK_WEBHOOK_SECRET_NAME',
} as const;

/** What the monitor function is told by its environment. */
export interface FunctionSettings {
  readonly tableName: string;
  readonly topicArn: string;
  readonly regions: readonly string[];
  readonly deadlineDays: readonly number[];
  /** Tells this deployment's metrics from another's in the same account (the stack name). */
  readonly monitorId: string;
  readonly alertOn: AlertOn;
  readonly usageLookbackDays: number;
  /** Ids or prefixes of models always treated as in use. */
  readonly watchModels: readonly string[];
  /** Whose calls count as use: the own account, listed accounts, or the organization's. */
  readonly usageAccounts: UsageAccounts;
  /** The role assumed in each other account to read its usage; empty when only the own account is read. */
  readonly usageRoleName: string;
  /**
   * With `organization`: the units (or root) the StackSet deploys the reader role to, whose
   * accounts alone are read (empty: every account).
   */
  readonly usageOrganizationalUnits: readonly string[];
  /** Which alerts each route's topic receives. */
  readonly routes: readonly RouteRule[];
  /** What the team pays per million tokens for the models it names (`modelPrices`). */
  readonly modelPrices: readonly ModelPrice[];
  /** Where one event per change goes (a bus name or ARN), or `none`. */
  readonly eventBus: EventBusSetting;
}

/**
 * The settings as read at run time, with the function's own region (where the table lives), and
 * its account and partition, as the topic's ARN names them.
 */
export interface FunctionConfig extends FunctionSettings {
  readonly awsRegion: string;
  readonly accountId: string;
  readonly partition: string;
}

const TOPIC_ARN = /^arn:(aws[a-z-]*):sns:[a-z0-9-]+:(\d{12}):[\w-]{1,256}$/;

/** The environment that carries `settings` to the function. */
export function toEnvironment(settings: FunctionSettings): Record<string, string> {
  return {
    [ENV.tableName]: settings.tableName,
    [ENV.topicArn]: settings.topicArn,
    [ENV.regions]: settings.regions.join(','),
    [ENV.deadlineDays]: settings.deadlineDays.join(','),
    [ENV.monitorId]: settings.monitorId,
    [ENV.alertOn]: settings.alertOn,
    [ENV.usageLookbackDays]: String(settings.usageLookbackDays),
    // An empty watch list is the common case: the variable is then left out.
    ...(settings.watchModels.length > 0 ? { [ENV.watchModels]: settings.watchModels.join(',') } : {}),
    // Reading the own account only is the default: both variables are then left out.
    ...(settings.usageAccounts === 'own'
      ? {}
      : {
          [ENV.usageAccounts]:
            settings.usageAccounts === 'organization' ? 'organization' : settings.usageAccounts.join(','),
          [ENV.usageRoleName]: settings.usageRoleName,
        }),
    ...(settings.usageAccounts === 'organization' && settings.usageOrganizationalUnits.length > 0
      ? { [ENV.usageOrganizationalUnits]: settings.usageOrganizationalUnits.join(',') }
      : {}),
    ...(settings.routes.length > 0 ? { [ENV.routes]: JSON.stringify(settings.routes.map(ruleJson)) } : {}),
    ...(settings.modelPrices.length > 0 ? { [ENV.modelPrices]: JSON.stringify(settings.modelPrices) } : {}),
    [ENV.eventBus]: settings.eventBus,
  };
}

/**
 * Lambda refuses a function whose environment variables take over 4 KB, measured as their JSON
 * text: names and values with the quotes, colons, commas and escapes (each `\"` inside ROUTES).
 */
export const ENVIRONMENT_MAX_BYTES = 4096;

/**
 * Values known only at deploy time count at the longest they can resolve to: a table name has at
 * most 255 characters, a topic ARN a 256-character name plus partition, region and account.
 */
const DEPLOY_TIME_MAX_BYTES: Readonly<Record<string, number>> = { [ENV.tableName]: 255, [ENV.topicArn]: 330 };

/** The settings whose size is the user's to choose, each with the variable that carries it. */
const SIZED_SETTINGS = [
  ['regions', ENV.regions],
  ['deadlineDays', ENV.deadlineDays],
  ['watchModels', ENV.watchModels],
  ['usageAccounts', ENV.usageAccounts],
  ['usageOrganizationalUnits', ENV.usageOrganizationalUnits],
  ['routes', ENV.routes],
  ['modelPrices', ENV.modelPrices],
] as const;

const jsonBytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value));

/**
 * The environment's size as Lambda measures it, each deploy-time value at its longest: a value of
 * plain characters, as a resolved name or ARN is, with no escapes of its own.
 */
export function environmentBytes(env: Readonly<Record<string, string>>): number {
  return jsonBytes(
    Object.fromEntries(
      Object.entries(env).map(([name, value]) => {
        const longest = DEPLOY_TIME_MAX_BYTES[name];
        return [name, longest === undefined ? value : 'x'.repeat(longest)];
      }),
    ),
  );
}

/**
 * Fails with a SettingError naming the setting that takes the most room, and the sizes, when the
 * function's environment would not fit Lambda's limit, which CloudFormation would only report
 * mid-deploy. The value itself is not echoed: it is what is too long.
 */
export function checkEnvironmentFits(env: Readonly<Record<string, string>>): void {
  const total = environmentBytes(env);
  if (total <= ENVIRONMENT_MAX_BYTES) return;
  const sizeOf = (name: string) => (env[name] === undefined ? 0 : jsonBytes(env[name]));
  const [key, name] = SIZED_SETTINGS.reduce((largest, setting) =>
    sizeOf(setting[1]) > sizeOf(largest[1]) ? setting : largest,
  );
  throw SettingError.withoutValue(
    key,
    `takes ${sizeOf(name)} bytes of the function's environment (${name}), which would be ${total} bytes as ` +
      `JSON, over Lambda's ${ENVIRONMENT_MAX_BYTES}-byte limit`,
  );
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name]?.trim();
  if (!value) throw new SettingError(name, env[name] ?? '', 'this environment variable must be set');
  return value;
}

/** Reads and validates the function's environment once, at start-up. */
export function readEnvironment(env: NodeJS.ProcessEnv): FunctionConfig {
  const topicArn = required(env, ENV.topicArn);
  const [, partition, accountId] = TOPIC_ARN.exec(topicArn) ?? [];
  if (!partition || !accountId) throw new SettingError(ENV.topicArn, topicArn, 'expected an SNS topic ARN');
  const usageAccounts = parseUsageAccounts(env[ENV.usageAccounts] ?? '', ENV.usageAccounts);
  return {
    tableName: required(env, ENV.tableName),
    topicArn,
    accountId,
    partition,
    regions: parseRegions(required(env, ENV.regions), ENV.regions),
    deadlineDays: parseDeadlineDays(required(env, ENV.deadlineDays), ENV.deadlineDays),
    awsRegion: required(env, 'AWS_REGION'),
    monitorId: required(env, ENV.monitorId),
    alertOn: parseAlertOn(required(env, ENV.alertOn), ENV.alertOn),
    usageLookbackDays: parseLookbackDays(required(env, ENV.usageLookbackDays), ENV.usageLookbackDays),
    watchModels: parseWatchModels(env[ENV.watchModels] ?? '', ENV.watchModels),
    usageAccounts,
    usageRoleName:
      usageAccounts === 'own' ? '' : parseRoleName(required(env, ENV.usageRoleName), ENV.usageRoleName),
    usageOrganizationalUnits: parseOrganizationalUnits(
      env[ENV.usageOrganizationalUnits],
      ENV.usageOrganizationalUnits,
    ),
    routes: routeRules(parseRoutes(env[ENV.routes] ?? '', ENV.routes)),
    modelPrices: parseModelPrices(env[ENV.modelPrices] ?? '', ENV.modelPrices),
    // A function deployed before events existed has no variable: it puts none.
    eventBus: parseEventBus(env[ENV.eventBus] ?? 'none', ENV.eventBus),
  };
}

/** The Slack webhook forwarder's environment: the secret's name only, never the URL it holds. */
export const toForwarderEnvironment = (webhookSecretName: string): Record<string, string> => ({
  [ENV.slackWebhookSecretName]: webhookSecretName,
});

export const readForwarderEnvironment = (env: NodeJS.ProcessEnv): { readonly webhookSecretName: string } => ({
  webhookSecretName: required(env, ENV.slackWebhookSecretName),
});
