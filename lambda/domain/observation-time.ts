/** A scheduled time never lies ahead of the clock by more than this; more is a mistake, refused. */
export const MAX_FUTURE_SKEW_MS = 60 * 60_000;

/** RFC 3339 with a time zone, as EventBridge sends `time`: "2026-04-21T06:00:00Z". */
const RFC_3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/**
 * The keys a scheduled invocation may carry: the `{ time }` EventBridge Scheduler passes, or the
 * envelope of an EventBridge scheduled-rule event.
 */
const SCHEDULER_KEYS: ReadonlySet<string> = new Set([
  'time',
  'version',
  'id',
  'detail-type',
  'source',
  'account',
  'region',
  'resources',
  'detail',
]);

/** An invocation event the monitor will not run on; nothing is read or written for it. */
export class RefusedEventError extends Error {
  constructor(reason: string) {
    super(`Refused invocation event: ${reason}`);
    this.name = 'RefusedEventError';
  }
}

/** A valid calendar time: the fields are in range (Date.parse would roll 2026-02-30 into March). */
function calendarTime(text: string): number | undefined {
  const parts = RFC_3339.exec(text);
  if (!parts) return undefined;
  const [, year, month, day, hour, minute, second] = parts.map(Number);
  const time = Date.parse(text);
  const date = new Date(Date.UTC(year ?? 0, (month ?? 0) - 1, day ?? 0));
  const inRange =
    date.getUTCMonth() === (month ?? 0) - 1 &&
    date.getUTCDate() === day &&
    (hour ?? 0) < 24 &&
    (minute ?? 0) < 60 &&
    (second ?? 0) < 60;
  return inRange && !Number.isNaN(time) ? time : undefined;
}

/**
 * The observation time of a run: the invoking event's `time` (the schedule's scheduled time, the
 * same on every retry of that run), or the clock when the event has none (`{}`). Anything else is
 * refused: an event that is not a scheduler event (an SNS notification, an array, null), a `time`
 * that is not strict RFC 3339 with a time zone ("1" and "Mar 1" would parse as the year 2001), and
 * a time more than an hour ahead of the clock, which would make every real run until then look
 * like a retry.
 */
export function observationTime(event: unknown, clock: () => Date): Date {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    throw new RefusedEventError(
      `expected an object like {"time": "2026-04-21T06:00:00Z"}, got ${kindOf(event)}`,
    );
  }
  const unknown = Object.keys(event).find((key) => !SCHEDULER_KEYS.has(key));
  if (unknown !== undefined) {
    throw new RefusedEventError(`not a scheduler event: it has the key ${JSON.stringify(unknown)}`);
  }
  const { time } = event as { time?: unknown };
  if (time === undefined) return clock();
  const parsed = typeof time === 'string' ? calendarTime(time) : undefined;
  if (parsed === undefined) {
    throw new RefusedEventError(
      `"time" ${JSON.stringify(time).slice(0, 80)} is not an RFC 3339 time with a time zone, like 2026-04-21T06:00:00Z`,
    );
  }
  if (parsed - clock().getTime() > MAX_FUTURE_SKEW_MS) {
    throw new RefusedEventError(
      `"time" ${time} is in the future; refusing to observe the catalog at a time not yet reached`,
    );
  }
  return new Date(parsed);
}

const kindOf = (event: unknown): string =>
  Array.isArray(event) ? 'an array' : event === null ? 'null' : typeof event;
