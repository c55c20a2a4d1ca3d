/**
 * The observation time of a run: the invoking event's `time` (the schedule's scheduled time, the
 * same on every retry of that run), or the clock when the event has none. A `time` that is present
 * but not a time is refused rather than silently replaced by the clock.
 */
export function observationTime(event: unknown, clock: () => Date): Date {
  const time = typeof event === 'object' && event !== null ? (event as { time?: unknown }).time : undefined;
  if (time === undefined || time === null) return clock();
  const parsed = typeof time === 'string' ? Date.parse(time) : Number.NaN;
  if (Number.isNaN(parsed))
    throw new Error(`The event's "time" is not an ISO 8601 time: ${JSON.stringify(time)}`);
  return new Date(parsed);
}
