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
  usageStackSetCallAs: 'SELF',
  eventBus: 'default',
} as const satisfies {
  stackName: string;
  schedule: string;
  deadlineDays: readonly number[];
  alertEmails: readonly string[];
  alertOn: AlertOn;
  usageLookbackDays: number;
  watchModels: readonly string[];
  usageStackSetCallAs: StackSetCaller;
  eventBus: string;
};

/**
 * Whose Bedrock calls count as use: the monitor's own account only (`own`), the listed account
 * ids, or every active account of the organization.
 */
export type UsageAccounts = 'own' | 'organization' | readonly string[];

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

/** A region name, as a pattern CloudFormation parameters take too. */
export const REGION_PATTERN = '^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d{1,2}$';
const REGION = new RegExp(REGION_PATTERN);
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

/**
 * A JSON array given as a string (a CDK context value given with -c), or the array itself
 * (cdk.json, props); `what` says what it holds, with an example.
 */
export function jsonArray(value: unknown, key: string, what: string): unknown[] {
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      parsed = undefined;
    }
  }
  if (!Array.isArray(parsed)) throw new SettingError(key, value, `expected a JSON array of ${what}`);
  return parsed;
}

/**
 * An object of a JSON setting (a route, a price) with only the keys it may have; `expected` says
 * what it should be, for the error.
 */
export function settingObject(
  value: unknown,
  key: string,
  known: readonly string[],
  expected: string,
): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SettingError(key, value, `expected ${expected}`);
  }
  const unknown = Object.keys(value).find((k) => !known.includes(k));
  if (unknown !== undefined) {
    throw new SettingError(key, value, `unknown key "${unknown}" (known: ${known.join(', ')})`);
  }
  return value as Record<string, unknown>;
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

const NOT_A_MODEL = 'is not a model id, prefix, inference-profile id or ARN';

export function parseWatchModels(value: unknown, key = 'watchModels'): string[] {
  const entries = listOf(value, key);
  const bad = entries.find((entry) => !MODEL_REFERENCE.test(entry));
  if (bad !== undefined) throw new SettingError(key, value, `"${bad}" ${NOT_A_MODEL}`);
  return [...new Set(entries)];
}

/** One model id, id prefix, inference-profile id or ARN. */
export function parseModelReference(value: unknown, key: string): string {
  if (typeof value !== 'string' || !MODEL_REFERENCE.test(value.trim())) {
    throw new SettingError(key, value, `expected a string that ${NOT_A_MODEL.replace('is not', 'is')}`);
  }
  return value.trim();
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

const ACCOUNT_ID = /^\d{12}$/;

/** A 12-digit AWS account id, or a SettingError naming `key`. */
export function parseAccountId(value: unknown, key: string): string {
  const text = typeof value === 'string' ? value.trim() : value;
  if (typeof text !== 'string' || !ACCOUNT_ID.test(text)) {
    throw new SettingError(key, value, 'expected a 12-digit AWS account id');
  }
  return text;
}

/** Empty: the own account; `organization`; or 12-digit account ids, comma-separated. */
export function parseUsageAccounts(value: unknown, key = 'usageAccounts'): UsageAccounts {
  if (typeof value === 'string' && value.trim() === 'organization') return 'organization';
  const ids = listOf(value ?? [], key);
  if (ids.length === 0) return 'own';
  const bad = ids.find((id) => !ACCOUNT_ID.test(id));
  if (bad !== undefined) {
    throw new SettingError(key, value, `"${bad}" is not a 12-digit account id (or use "organization")`);
  }
  return [...new Set(ids)];
}

/** IAM role names: at most 64 of letters, digits and +=,.@_- . */
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;

export function parseRoleName(value: unknown, key = 'usageRoleName'): string {
  const text = typeof value === 'string' ? value.trim() : value;
  if (typeof text !== 'string' || !ROLE_NAME.test(text)) {
    throw new SettingError(key, value, 'expected an IAM role name: at most 64 letters, digits and +=,.@_-');
  }
  return text;
}

/** Who creates the usage reader StackSet: the management account, or a delegated administrator. */
export const STACK_SET_CALLERS = ['SELF', 'DELEGATED_ADMIN'] as const;
export type StackSetCaller = (typeof STACK_SET_CALLERS)[number];

export function parseStackSetCaller(value: unknown, key = 'usageStackSetCallAs'): StackSetCaller {
  const text = typeof value === 'string' ? value.trim() : value;
  const found = STACK_SET_CALLERS.find((caller) => caller === text);
  if (found === undefined) throw new SettingError(key, value, `expected ${STACK_SET_CALLERS.join(' or ')}`);
  return found;
}

/**
 * The region a StackSet's instances go to by default: one every account of the partition has
 * enabled (regions launched since 2019 are opt-in per account), whatever region the monitor is in.
 */
export function globalRegionOf(monitorRegion: string): string {
  if (monitorRegion.startsWith('cn-')) return 'cn-north-1';
  if (monitorRegion.startsWith('us-gov-')) return 'us-gov-west-1';
  return 'us-east-1';
}

/** A single region name, or a SettingError naming `key`. */
export function parseRegion(value: unknown, key: string): string {
  const text = typeof value === 'string' ? value.trim() : value;
  if (typeof text !== 'string' || !REGION.test(text)) {
    throw new SettingError(key, value, 'expected an AWS region name like us-east-1');
  }
  return text;
}

/** An organization root (r-…) or an organizational unit (ou-…) id, as StackSets deploy to them. */
const ORGANIZATIONAL_UNIT = /^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/;

export function parseOrganizationalUnits(value: unknown, key = 'usageOrganizationalUnits'): string[] {
  const ids = listOf(value ?? [], key);
  const bad = ids.find((id) => !ORGANIZATIONAL_UNIT.test(id));
  if (bad !== undefined) {
    throw new SettingError(key, value, `"${bad}" is not an organizational unit id (ou-…) or root id (r-…)`);
  }
  return [...new Set(ids)];
}

const ROLE_NAME_MAX = 64;
/** The longest region name (ap-southeast-5 and the like): the room kept for a region not yet known. */
const REGION_NAME_MAX = 14;

/**
 * A role name made of the monitor's stack name, a word and its region. IAM role names are unique
 * in an account across all regions, so a monitor of the same name in a second region needs roles
 * of its own. A region that is not a region name yet (a deploy-time token) counts at its longest.
 */
function regionalRoleName(stackName: string, word: string, region: string, key: string): string {
  const regionLength = /^[a-z0-9-]{1,20}$/.test(region) ? region.length : REGION_NAME_MAX;
  const room = ROLE_NAME_MAX - `-${word}-`.length - regionLength;
  if (stackName.length > room) {
    throw new SettingError(
      key,
      stackName,
      `at most ${room} characters when usageAccounts is set: the ${word.toLowerCase()} role is named <stack name>-${word}-<region> within IAM's ${ROLE_NAME_MAX}`,
    );
  }
  return `${stackName}-${word}-${region}`;
}

/**
 * The monitor function's role name when usage is read across accounts: each member account's
 * reader role trusts that role by its ARN, so both stacks derive it from the monitor's stack name
 * and region.
 */
export const monitorRoleName = (stackName: string, region: string, key = 'stackName'): string =>
  regionalRoleName(stackName, 'Monitor', region, key);

/**
 * The usage reader role's default name, the same in every member account: the monitor's stack
 * name and region, so that a second monitor in the organization (another stack name, or the same
 * name in another region) deploys and assumes reader roles of its own instead of colliding.
 */
export const defaultUsageRoleName = (stackName: string, region: string, key = 'stackName'): string =>
  regionalRoleName(stackName, 'Reader', region, key);

/** The event bus name or ARN the monitor puts one event per change on; `none` puts nothing. */
export type EventBusSetting = string | 'none';

const EVENT_BUS_NAME = /^[/.\-_A-Za-z0-9]{1,256}$/;
const EVENT_BUS_ARN = /^arn:aws[a-z-]*:events:[a-z0-9-]+:\d{12}:event-bus\/[/.\-_A-Za-z0-9]{1,256}$/;

export function parseEventBus(value: unknown, key = 'eventBus'): EventBusSetting {
  const text = typeof value === 'string' ? value.trim() : value;
  if (text === 'none') return 'none';
  if (typeof text !== 'string' || !(EVENT_BUS_NAME.test(text) || EVENT_BUS_ARN.test(text))) {
    throw new SettingError(key, value, 'expected an event bus name (default), an event bus ARN, or none');
  }
  return text;
}
