import { Duration } from 'aws-cdk-lib';
import { SettingError } from '../lambda/domain/settings';

const UNIT_MINUTES: Readonly<Record<string, number>> = { minute: 1, hour: 60, day: 1440 };
const DAY = 1440;
/** Three runs must fit CloudWatch's 7-day evaluation window for the region alarm. */
const MAX_PERIOD_MINUTES = 2 * DAY;

const number = (field: string) => (/^\d+$/.test(field) ? Number(field) : undefined);
/** "*\/6" or "0/6": every n; "*": every 1. */
const step = (field: string) => (field === '*' ? 1 : /^(?:\*|\d+)\/(\d+)$/.exec(field)?.[1]);

/** The largest gap between consecutive values of a comma list in a cycle of `size`. */
function widestGap(field: string, size: number): number | undefined {
  if (!/^\d+(,\d+)+$/.test(field)) return undefined;
  const values = [...new Set(field.split(',').map(Number))].sort((a, b) => a - b);
  return Math.max(...values.map((v, i) => (values[i + 1] ?? (values[0] ?? 0) + size) - v));
}

function cronMinutes(fields: string[]): number | undefined {
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

/**
 * How long the monitor may go between two scheduled runs, worked out from the schedule
 * expression. The self-monitoring alarms are sized from it. A cron whose rhythm cannot be read
 * from its minute and hour fields is refused rather than guessed at.
 */
export function schedulePeriod(expression: string, key = 'schedule'): Duration {
  const rate = /^rate\((\d+) (minute|hour|day)s?\)$/.exec(expression);
  const cron = /^cron\((.+)\)$/.exec(expression);
  const minutes = rate
    ? Number(rate[1]) * (UNIT_MINUTES[rate[2] ?? ''] ?? Number.NaN)
    : cron
      ? cronMinutes(cron[1]?.trim().split(/\s+/) ?? [])
      : undefined;
  if (minutes === undefined || Number.isNaN(minutes)) {
    throw new SettingError(
      key,
      expression,
      'cannot tell how often this runs; use rate(...) or a daily cron with a fixed minute and an hour step, list or value',
    );
  }
  if (minutes < 1 || minutes > MAX_PERIOD_MINUTES) {
    throw new SettingError(
      key,
      expression,
      'the monitor must run at least every 2 days, for its alarms to watch it',
    );
  }
  return Duration.minutes(minutes);
}
