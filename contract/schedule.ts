import { SettingError } from './setting-error';

/** A schedule the monitor accepts, and the longest it may go between two runs. */
export interface Schedule {
  /** `rate(…)` or `cron(…)`, as EventBridge Scheduler takes it. */
  readonly expression: string;
  /** The self-monitoring alarms are sized from it. */
  readonly periodMinutes: number;
}

const DAY = 1440;
const UNIT_MINUTES: Readonly<Record<string, number>> = { minute: 1, hour: 60, day: DAY };
/** Three runs must fit CloudWatch's 7-day evaluation window for the region alarm. */
const MAX_PERIOD_MINUTES = 2 * DAY;
const RATE = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/;
const CRON = /^cron\((.+)\)$/;
const CRON_FIELDS = 6;

const number = (field: string) => (/^\d+$/.test(field) ? Number(field) : undefined);
/** "*\/6" or "0/6": every n; "*": every 1. */
const step = (field: string) => (field === '*' ? 1 : /^(?:\*|\d+)\/(\d+)$/.exec(field)?.[1]);

/** The largest gap between consecutive values of a comma list in a cycle of `size`. */
function widestGap(field: string, size: number): number | undefined {
  if (!/^\d+(,\d+)+$/.test(field)) return undefined;
  const values = [...new Set(field.split(',').map(Number))].sort((a, b) => a - b);
  return Math.max(...values.map((v, i) => (values[i + 1] ?? (values[0] ?? 0) + size) - v));
}

function cronMinutes(fields: readonly string[]): number | undefined {
  const [minute = '', hour = '', dayOfMonth = '', , dayOfWeek = ''] = fields;
  const everyDay = ['*', '?'].includes(dayOfMonth) && ['*', '?'].includes(dayOfWeek);
  if (!everyDay) return undefined;
  const minuteStep = step(minute);
  if (minuteStep !== undefined && hour === '*') return Number(minuteStep);
  if (number(minute) === undefined) return undefined;
  const hourStep = step(hour);
  if (hourStep !== undefined) return Number(hourStep) * 60;
  if (number(hour) !== undefined) return DAY;
  const gap = widestGap(hour, 24);
  return gap === undefined ? undefined : gap * 60;
}

/** The minutes between runs of a well-formed expression; undefined when the text is not one. */
function periodOf(text: string, value: unknown, key: string): number | undefined {
  const rate = RATE.exec(text);
  if (rate) {
    const [, amount = '', unit = ''] = rate;
    const n = Number(amount);
    const base = unit.replace(/s$/, '');
    if (n < 1) throw new SettingError(key, value, 'the rate must be at least 1');
    if ((n === 1) !== (base === unit)) {
      throw new SettingError(key, value, `write "rate(1 ${base})" for one unit, plural otherwise`);
    }
    return n * (UNIT_MINUTES[base] ?? Number.NaN);
  }
  const fields = CRON.exec(text)?.[1]?.trim().split(/\s+/);
  if (fields?.length !== CRON_FIELDS) return undefined;
  const minutes = cronMinutes(fields);
  if (minutes === undefined) {
    throw new SettingError(
      key,
      value,
      'cannot tell how often this runs; use rate(...) or a daily cron with a fixed minute and an hour step, list or value',
    );
  }
  return minutes;
}

/**
 * `rate(N unit)` or a six-field `cron(...)`, as EventBridge Scheduler accepts them, whose rhythm
 * can be read: a cron whose period cannot be worked out from its minute and hour fields is
 * refused rather than guessed at, and so is one that runs less often than every 2 days.
 */
export function parseSchedule(value: unknown, key = 'schedule'): Schedule {
  const expression = typeof value === 'string' ? value.trim() : '';
  const periodMinutes = periodOf(expression, value, key);
  if (periodMinutes === undefined) {
    throw new SettingError(key, value, 'expected "rate(6 hours)" or a six-field "cron(0 */6 * * ? *)"');
  }
  if (periodMinutes < 1 || periodMinutes > MAX_PERIOD_MINUTES) {
    throw new SettingError(
      key,
      value,
      'the monitor must run at least every 2 days, for its alarms to watch it',
    );
  }
  return { expression, periodMinutes };
}
