import {
  type SlackTarget,
  slackTarget,
  type TeamsTarget,
  teamsTarget,
  webhookSecretName,
} from './chat-settings';
import { parseSchedule, type Schedule } from './schedule';
import { SettingError } from './setting-error';
import {
  type AlertOn,
  DEFAULTS,
  listOf,
  parseAlertOn,
  parseDeadlineDays,
  parseEmails,
  parseLookbackDays,
  parseRegions,
  parseReservedConcurrency,
  parseWatchModels,
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
  return {
    regions: regions === undefined ? undefined : parseRegions(regions),
    schedule: given('schedule', parseSchedule, DEFAULTS.schedule),
    deadlineDays: given('deadlineDays', parseDeadlineDays, DEFAULTS.deadlineDays),
    alertEmails: given('alertEmails', parseEmails, DEFAULTS.alertEmails),
    alertOn: given('alertOn', parseAlertOn, DEFAULTS.alertOn),
    usageLookbackDays: given('usageLookbackDays', parseLookbackDays, DEFAULTS.usageLookbackDays),
    watchModels: given('watchModels', parseWatchModels, DEFAULTS.watchModels),
    slack: slackTarget(text('slackWorkspaceId'), list('slackChannelIds')),
    teams: teamsTarget(text('teamsTenantId'), text('teamsTeamId'), list('teamsChannelIds')),
    slackWebhookSecretName: webhookSecretName(text('slackWebhookSecretName')),
    reservedConcurrency: parseReservedConcurrency(get('reservedConcurrency')),
  };
}
