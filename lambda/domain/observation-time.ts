/** A scheduled time never lies ahead of the clock by more than this; more is a mistake, refused. */
export const MAX_FUTURE_SKEW_MS = 60 * 60_000;

/**
 * The observation time of a run: the invoking event's `time` (the schedule's scheduled time, the
 * same on every retry of that run), or the clock when the event has none. A `time` that is present
 * but not a time is refused rather than silently replaced by the clock. So is a time more than an
 * hour ahead of the clock: committing it would make every real run until then look like a retry.
 */
export function observationTime(event: unknown, clock: () => Date): Date {
  const time = typeof event === 'object' && event !== null ? (event as { time?: unknown }).time : undefined;
  if (time === undefined || time === null) return clock();
  const parsed = typeof time === 'string' ? Date.parse(time) : Number.NaN;
  if (Number.isNaN(parsed))
    throw new Error(`The event's "time" is not an ISO 8601 time: ${JSON.stringify(time)}`);
  if (parsed - clock().getTime() > MAX_FUTURE_SKEW_MS) {
    throw new Error(
      `The event's "time" ${time} is in the future; refusing to observe the catalog at a time not yet reached`,
    );
  }
  return new Date(parsed);
}
