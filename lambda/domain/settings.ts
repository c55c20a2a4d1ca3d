/**
 * Parsing and validation of the settings shared by synth (CDK context) and run time (environment).
 * One implementation, so a value that synthesises is a value the function accepts.
 */

/** A bad setting: the message names the key and the value, on one line. */
export class SettingError extends Error {
  constructor(key: string, value: unknown, reason: string) {
    super(`Invalid ${key} ${JSON.stringify(value)}: ${reason}`);
    this.name = 'SettingError';
  }
}

export const DEFAULT_DEADLINE_DAYS: readonly number[] = [90, 30, 14, 7, 1];
/** One consistent DynamoDB read covers the cursor and at most 99 region states. */
export const MAX_REGIONS = 99;
const MAX_DEADLINE_DAYS = 3650;

const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;
const EMAIL = /^[^\s@,;<>()]+@[^\s@,;<>()]+\.[A-Za-z]{2,}$/;

/** Splits "a, b,c" into ["a","b","c"]; also accepts an array (from a JSON context value). */
export function listOf(value: unknown, key: string): string[] {
  const items = Array.isArray(value)
    ? value.map(String)
    : typeof value === 'string'
      ? value.split(',')
      : null;
  if (items === null) throw new SettingError(key, value, 'expected a comma-separated list');
  return items.map((item) => item.trim()).filter((item) => item !== '');
}

export function parseRegions(value: unknown, key = 'regions'): string[] {
  const regions = listOf(value, key);
  if (regions.length === 0) throw new SettingError(key, value, 'name at least one region, e.g. us-east-1');
  const bad = regions.find((region) => !REGION.test(region));
  if (bad !== undefined)
    throw new SettingError(key, value, `"${bad}" is not an AWS region name like us-east-1`);
  const unique = [...new Set(regions)];
  if (unique.length > MAX_REGIONS) throw new SettingError(key, value, `at most ${MAX_REGIONS} regions`);
  return unique;
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

export const ALERT_ON = ['all', 'used'] as const;

/** `all`: every model alerts at its own severity; `used`: models not in use stay at info. */
export function parseAlertOn(value: unknown, key = 'alertOn'): (typeof ALERT_ON)[number] {
  const text = typeof value === 'string' ? value.trim() : value;
  const found = ALERT_ON.find((option) => option === text);
  if (found === undefined) throw new SettingError(key, value, `expected ${ALERT_ON.join(' or ')}`);
  return found;
}

export const DEFAULT_USAGE_LOOKBACK_DAYS = 14;
/** CloudWatch keeps hourly data for 455 days; a longer window would silently count less. */
const MAX_USAGE_LOOKBACK_DAYS = 455;

export function parseLookbackDays(value: unknown, key = 'usageLookbackDays'): number {
  const text = String(value).trim();
  if (!/^\d+$/.test(text)) throw new SettingError(key, value, 'expected a whole number of days, e.g. 14');
  const days = Number(text);
  if (days < 1 || days > MAX_USAGE_LOOKBACK_DAYS) {
    throw new SettingError(key, value, `${days} is outside 1..${MAX_USAGE_LOOKBACK_DAYS} days`);
  }
  return days;
}

/** A model id, an id prefix, an inference-profile id or an ARN. */
const MODEL_REFERENCE = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,2047}$/;

export function parseWatchModels(value: unknown, key = 'watchModels'): string[] {
  const entries = listOf(value, key);
  const bad = entries.find((entry) => !MODEL_REFERENCE.test(entry));
  if (bad !== undefined) {
    throw new SettingError(key, value, `"${bad}" is not a model id, prefix, inference-profile id or ARN`);
  }
  return [...new Set(entries)];
}
