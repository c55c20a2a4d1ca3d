import { Duration } from 'aws-cdk-lib';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import {
  listOf,
  parseAlertOn,
  parseDeadlineDays,
  parseEmails,
  parseLookbackDays,
  parseRegions,
  parseWatchModels,
  SettingError,
} from '../lambda/domain/settings';
import type { BedrockLifecycleMonitorProps } from './bedrock-lifecycle-monitor';
import { DEFAULT_STACK_NAME } from './names';

/** The CDK context keys this app reads (`cdk.json` holds the defaults, `-c key=value` overrides). */
export const CONTEXT_KEYS = [
  'stackName',
  'regions',
  'schedule',
  'deadlineDays',
  'alertEmails',
  'slackWorkspaceId',
  'slackChannelIds',
  'teamsTenantId',
  'teamsTeamId',
  'teamsChannelIds',
  'slackWebhookSecretName',
  'alertOn',
  'usageLookbackDays',
  'watchModels',
] as const;

export interface AppConfig {
  readonly stackName: string;
  readonly monitor: BedrockLifecycleMonitorProps;
}

const RATE = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/;
const CRON_FIELDS = 6;

/** `rate(N unit)` or a six-field `cron(...)`, as EventBridge Scheduler accepts them. */
export function parseSchedule(value: unknown, key = 'schedule'): scheduler.ScheduleExpression {
  const text = typeof value === 'string' ? value.trim() : '';
  const rate = RATE.exec(text);
  if (rate) {
    const [, amount = '', unit = ''] = rate;
    const n = Number(amount);
    if (n < 1) throw new SettingError(key, value, 'the rate must be at least 1');
    if ((n === 1) !== !unit.endsWith('s')) {
      throw new SettingError(
        key,
        value,
        `write "rate(1 ${unit.replace(/s$/, '')})" for one unit, plural otherwise`,
      );
    }
    const base = unit.replace(/s$/, '');
    return scheduler.ScheduleExpression.rate(
      base === 'minute' ? Duration.minutes(n) : base === 'hour' ? Duration.hours(n) : Duration.days(n),
    );
  }
  const cron = /^cron\((.+)\)$/.exec(text);
  if (cron?.[1] !== undefined && cron[1].trim().split(/\s+/).length === CRON_FIELDS) {
    return scheduler.ScheduleExpression.expression(text);
  }
  throw new SettingError(key, value, 'expected "rate(6 hours)" or a six-field "cron(0 */6 * * ? *)"');
}

/** Reads and validates the context; any bad value throws a SettingError naming its key. */
export function configFromContext(get: (key: string) => unknown): AppConfig {
  const stackName = get('stackName') ?? DEFAULT_STACK_NAME;
  if (typeof stackName !== 'string' || !/^[A-Za-z][A-Za-z0-9-]{0,127}$/.test(stackName)) {
    throw new SettingError(
      'stackName',
      stackName,
      'expected letters, digits and hyphens, starting with a letter',
    );
  }
  const regions = get('regions');
  const schedule = get('schedule');
  const deadlineDays = get('deadlineDays');
  const alertEmails = get('alertEmails');
  const alertOn = get('alertOn');
  const usageLookbackDays = get('usageLookbackDays');
  const watchModels = get('watchModels');
  // The chat keys are off when absent or empty; their own validation runs in the construct.
  const text = (key: string): string | undefined => {
    const value = get(key);
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'string') throw new SettingError(key, value, 'expected a string');
    return value.trim();
  };
  const list = (key: string): string[] | undefined => {
    const value = get(key);
    return value === undefined ? undefined : listOf(value, key);
  };
  const chat = {
    slackWorkspaceId: text('slackWorkspaceId'),
    slackChannelIds: list('slackChannelIds'),
    teamsTenantId: text('teamsTenantId'),
    teamsTeamId: text('teamsTeamId'),
    teamsChannelIds: list('teamsChannelIds'),
    slackWebhookSecretName: text('slackWebhookSecretName'),
  };
  return {
    stackName,
    monitor: {
      ...(regions === undefined ? {} : { regions: parseRegions(regions) }),
      ...(schedule === undefined ? {} : { schedule: parseSchedule(schedule) }),
      ...(deadlineDays === undefined ? {} : { deadlineDays: parseDeadlineDays(deadlineDays) }),
      ...(alertEmails === undefined ? {} : { alertEmails: parseEmails(alertEmails) }),
      ...(alertOn === undefined ? {} : { alertOn: parseAlertOn(alertOn) }),
      ...(usageLookbackDays === undefined ? {} : { usageLookbackDays: parseLookbackDays(usageLookbackDays) }),
      ...(watchModels === undefined ? {} : { watchModels: parseWatchModels(watchModels) }),
      ...Object.fromEntries(Object.entries(chat).filter(([, value]) => value !== undefined)),
    },
  };
}
