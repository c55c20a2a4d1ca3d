/**
 * Parsing and validation of each setting, shared by synth (CDK context and construct props) and run
 * time (the function's environment), and each setting's default, written here once. One
 * implementation, so a value that synthesises is a value the function accepts.
 */
import { SettingError } from './setting-error';

/** `all`: every model alerts at its own severity; `used`: models not in use stay at info. */
export const ALERT_ON = ['all', 'used'] as const;
export type AlertOn = (typeof ALERT_ON)[number];

/** The default of every optional setting. `regions` defaults to the stack's own region. */
export const DEFAULTS = {
  stackName: 'BedrockLifecycleMonitor',
  schedule: 'rate(6 hours)',
  deadlineDays: [90, 30, 14, 7, 1],
  alertEmails: [],
  alertOn: 'all',
  usageLookbackDays: 14,
  watchModels: [],
} as const satisfies {
  stackName: string;
  schedule: string;
  deadlineDays: readonly number[];
  alertEmails: readonly string[];
  alertOn: AlertOn;
  usageLookbackDays: number;
  watchModels: readonly string[];
};

/**
 * Lambda keeps at least 100 of an account's concurrency unreserved, so an account at the default
 * quota of 1,000 can reserve at most 900.
 */
const MAX_RESERVED_CONCURRENCY = 900;

/** One consistent DynamoDB read covers the cursor and at most 99 region states. */
export const MAX_REGIONS = 99;
const MAX_DEADLINE_DAYS = 3650;
/** CloudWatch keeps hourly data for 455 days; a longer window would silently count less. */
const MAX_USAGE_LOOKBACK_DAYS = 455;

const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;
const EMAIL = /^[^\s@,;<>()]+@[^\s@,;<>()]+\.[A-Za-z]{2,}$/;
const STACK_NAME = /^[A-Za-z][A-Za-z0-9-]{0,127}$/;
/** A model id, an id prefix, an inference-profile id or an ARN. */
const MODEL_REFERENCE = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,2047}$/;

/** Splits "a, b,c" into ["a","b","c"]; also accepts an array (from a JSON context value or props). */
export function listOf(value: unknown, key: string): string[] {
  const items = Array.isArray(value)
    ? value.map(String)
    : typeof value === 'string'
      ? value.split(',')
      : null;
  if (items === null) throw new SettingError(key, value, 'expected a comma-separated list');
  return items.map((item) => item.trim()).filter((item) => item !== '');
}

export function parseStackName(value: unknown, key = 'stackName'): string {
  if (typeof value !== 'string' || !STACK_NAME.test(value)) {
    throw new SettingError(key, value, 'expected letters, digits and hyphens, starting with a letter');
  }
  return value;
}

export function parseRegions(value: unknown, key = 'regions'): string[] {
  const regions = listOf(value, key);
  if (regions.length === 0) throw new SettingError(key, value, 'name at least one region, e.g. us-east-1');
  const bad = regions.find((region) => !REGION.test(region));
  if (bad !== undefined)
    throw new SettingError(key, value, `"${bad}" is not an AWS region name like us-east-1`);
  const distinct = [...new Set(regions)];
  if (distinct.length > MAX_REGIONS) throw new SettingError(key, value, `at most ${MAX_REGIONS} regions`);
  return distinct;
}

export function parseDeadlineDays(value: unknown, key = 'deadlineDays'): number[] {
  const items = listOf(value, key);
  if (items.length === 0) throw new SettingError(key, value, 'name at least one number of days, e.g. 30,7,1');
  const days = items.map((item) => {
    if (!/^\d+$/.test(item)) throw new SettingError(key, value, `"${item}" is not a whole number of days`);
    const n = Number(item);
    if (n < 1 || n > MAX_DEADLINE_DAYS) {
      throw new SettingError(key, value, `${n} is outside 1..${MAX_DEADLINE_DAYS} days`);
    }
    return n;
  });
  return [...new Set(days)].sort((a, b) => b - a);
}

export function parseEmails(value: unknown, key = 'alertEmails'): string[] {
  const emails = listOf(value, key);
  const bad = emails.find((email) => !EMAIL.test(email));
  if (bad !== undefined) throw new SettingError(key, value, `"${bad}" is not an email address`);
  return [...new Set(emails)];
}

export function parseAlertOn(value: unknown, key = 'alertOn'): AlertOn {
  const text = typeof value === 'string' ? value.trim() : value;
  const found = ALERT_ON.find((option) => option === text);
  if (found === undefined) throw new SettingError(key, value, `expected ${ALERT_ON.join(' or ')}`);
  return found;
}

export function parseLookbackDays(value: unknown, key = 'usageLookbackDays'): number {
  const text = String(value).trim();
  if (!/^\d+$/.test(text)) throw new SettingError(key, value, 'expected a whole number of days, e.g. 14');
  const days = Number(text);
  if (days < 1 || days > MAX_USAGE_LOOKBACK_DAYS) {
    throw new SettingError(key, value, `${days} is outside 1..${MAX_USAGE_LOOKBACK_DAYS} days`);
  }
  return days;
}

export function parseWatchModels(value: unknown, key = 'watchModels'): string[] {
  const entries = listOf(value, key);
  const bad = entries.find((entry) => !MODEL_REFERENCE.test(entry));
  if (bad !== undefined) {
    throw new SettingError(key, value, `"${bad}" is not a model id, prefix, inference-profile id or ARN`);
  }
  return [...new Set(entries)];
}

/** Concurrency reserved for the monitor function; undefined (the default) reserves none. */
export function parseReservedConcurrency(value: unknown, key = 'reservedConcurrency'): number | undefined {
  if (value === undefined || value === '') return undefined;
  const text = String(value).trim();
  if (!/^\d+$/.test(text))
    throw new SettingError(key, value, 'expected a whole number of executions, e.g. 1');
  const n = Number(text);
  if (n < 1 || n > MAX_RESERVED_CONCURRENCY) {
    throw new SettingError(key, value, `${n} is outside 1..${MAX_RESERVED_CONCURRENCY}`);
  }
  return n;
}
