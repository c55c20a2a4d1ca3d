import {
  type SlackTarget,
  slackTarget,
  type TeamsTarget,
  teamsTarget,
  webhookSecretName,
} from './chat-settings';
import { type ModelPrice, parseModelPrices } from './model-prices';
import { parseRoutes, type RouteSettings } from './routes';
import { parseSchedule, type Schedule } from './schedule';
import { SettingError } from './setting-error';
import {
  type AlertOn,
  DEFAULTS,
  type EventBusSetting,
  listOf,
  parseAlertOn,
  parseDeadlineDays,
  parseEmails,
  parseEventBus,
  parseLookbackDays,
  parseOrganizationalUnits,
  parseRegion,
  parseRegions,
  parseReservedConcurrency,
  parseRoleName,
  parseStackSetCaller,
  parseUsageAccounts,
  parseWatchModels,
  type StackSetCaller,
  type UsageAccounts,
} from './settings';

/** The keys a deployment is configured by: construct props and CDK context keys alike. */
const SETTING_KEYS = [
  'regions',
  'schedule',
  'deadlineDays',
  'alertEmails',
  'alertOn',
  'usageLookbackDays',
  'watchModels',
  'slackWorkspaceId',
  'slackChannelIds',
  'teamsTenantId',
  'teamsTeamId',
  'teamsChannelIds',
  'slackWebhookSecretName',
  'reservedConcurrency',
  'usageAccounts',
  'usageRoleName',
  'usageOrganizationalUnits',
  'usageStackSetCallAs',
  'usageStackSetRegion',
  'routes',
  'eventBus',
  'modelPrices',
] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

/** Every setting of a deployment, parsed, with its default where it was not given. */
export interface MonitorSettings {
  /** Undefined when not given: the stack's own region. */
  readonly regions: readonly string[] | undefined;
  readonly schedule: Schedule;
  readonly deadlineDays: readonly number[];
  readonly alertEmails: readonly string[];
  readonly alertOn: AlertOn;
  readonly usageLookbackDays: number;
  readonly watchModels: readonly string[];
  readonly slack: SlackTarget | undefined;
  readonly teams: TeamsTarget | undefined;
  readonly slackWebhookSecretName: string | undefined;
  /** Undefined when not given: no concurrency is reserved. */
  readonly reservedConcurrency: number | undefined;
  readonly usageAccounts: UsageAccounts;
  /** Undefined when not given: named after the monitor's stack and region. */
  readonly usageRoleName: string | undefined;
  /** Where a StackSet puts the usage reader role; empty: no StackSet. */
  readonly usageOrganizationalUnits: readonly string[];
  readonly usageStackSetCallAs: StackSetCaller;
  /** Undefined when not given: the partition's first region (us-east-1 in aws). */
  readonly usageStackSetRegion: string | undefined;
  readonly routes: readonly ConfiguredRoute[];
  readonly eventBus: EventBusSetting;
  readonly modelPrices: readonly ModelPrice[];
}

/** A route with its chat channels resolved against the workspace and team keys. */
export interface ConfiguredRoute extends RouteSettings {
  readonly slack: SlackTarget | undefined;
  readonly teams: TeamsTarget | undefined;
}

/**
 * Parses every setting from `get`, which gives a key's value as written (a prop, or a CDK context
 * string) or undefined when it is not set. Any bad value throws a SettingError naming its key.
 */
export function parseMonitorSettings(get: (key: SettingKey) => unknown): MonitorSettings {
  const given = <T>(key: SettingKey, parse: (value: unknown, key: string) => T, fallback: unknown): T =>
    parse(get(key) ?? fallback, key);
  // The chat keys are off when absent or empty.
  const text = (key: SettingKey): string | undefined => {
    const value = get(key);
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'string') throw new SettingError(key, value, 'expected a string');
    return value.trim();
  };
  const list = (key: SettingKey): string[] => listOf(get(key) ?? [], key);
  const regions = get('regions');
  const parsedRoutes = parseRoutes(get('routes'));
  const usageAccounts = parseUsageAccounts(get('usageAccounts') ?? '');
  const usageOrganizationalUnits = parseOrganizationalUnits(get('usageOrganizationalUnits'));
  // Roles put into accounts that no run reads would only suggest that usage is counted there.
  if (usageOrganizationalUnits.length > 0 && usageAccounts === 'own') {
    throw new SettingError(
      'usageOrganizationalUnits',
      get('usageOrganizationalUnits'),
      'also set usageAccounts (organization, or account ids), or no run reads the roles it deploys',
    );
  }
  const workspaceId = text('slackWorkspaceId');
  const tenantId = text('teamsTenantId');
  const teamId = text('teamsTeamId');
  // Chat for routes only is fine: the workspace (or tenant and team) may then have no channel of its own.
  const routeChat = (field: 'slackChannelIds' | 'teamsChannelIds') =>
    parsedRoutes.some((route) => route[field].length > 0);
  const slack =
    routeChat('slackChannelIds') && list('slackChannelIds').length === 0
      ? undefined
      : slackTarget(workspaceId, list('slackChannelIds'));
  const teams =
    routeChat('teamsChannelIds') && list('teamsChannelIds').length === 0
      ? undefined
      : teamsTarget(tenantId, teamId, list('teamsChannelIds'));
  const routes = parsedRoutes.map((route, i): ConfiguredRoute => {
    const key = `routes[${i}]`;
    if (route.accounts.length > 0 && usageAccounts === 'own') {
      throw new SettingError(
        `${key}.accounts`,
        route.accounts.join(','),
        'needs usageAccounts: without it no run knows which account calls a model',
      );
    }
    if (route.slackChannelIds.length > 0 && workspaceId === undefined) {
      throw new SettingError(
        `${key}.slackChannelIds`,
        route.slackChannelIds.join(','),
        'needs slackWorkspaceId',
      );
    }
    if (route.teamsChannelIds.length > 0 && (tenantId === undefined || teamId === undefined)) {
      throw new SettingError(
        `${key}.teamsChannelIds`,
        route.teamsChannelIds.join(','),
        'needs teamsTenantId and teamsTeamId',
      );
    }
    return {
      ...route,
      slack: route.slackChannelIds.length > 0 ? slackTarget(workspaceId, route.slackChannelIds) : undefined,
      teams:
        route.teamsChannelIds.length > 0 ? teamsTarget(tenantId, teamId, route.teamsChannelIds) : undefined,
    };
  });
  return {
    regions: regions === undefined ? undefined : parseRegions(regions),
    schedule: given('schedule', parseSchedule, DEFAULTS.schedule),
    deadlineDays: given('deadlineDays', parseDeadlineDays, DEFAULTS.deadlineDays),
    alertEmails: given('alertEmails', parseEmails, DEFAULTS.alertEmails),
    alertOn: given('alertOn', parseAlertOn, DEFAULTS.alertOn),
    usageLookbackDays: given('usageLookbackDays', parseLookbackDays, DEFAULTS.usageLookbackDays),
    watchModels: given('watchModels', parseWatchModels, DEFAULTS.watchModels),
    slack,
    teams,
    slackWebhookSecretName: webhookSecretName(text('slackWebhookSecretName')),
    reservedConcurrency: parseReservedConcurrency(get('reservedConcurrency')),
    usageAccounts,
    usageRoleName: get('usageRoleName') === undefined ? undefined : parseRoleName(get('usageRoleName')),
    usageOrganizationalUnits,
    usageStackSetCallAs: given('usageStackSetCallAs', parseStackSetCaller, DEFAULTS.usageStackSetCallAs),
    usageStackSetRegion:
      get('usageStackSetRegion') === undefined
        ? undefined
        : parseRegion(get('usageStackSetRegion'), 'usageStackSetRegion'),
    routes,
    eventBus: given('eventBus', parseEventBus, DEFAULTS.eventBus),
    modelPrices: parseModelPrices(get('modelPrices')),
  };
}
