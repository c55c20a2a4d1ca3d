import type { Deadline } from './events';
import { DAY_MS, type LifecycleDates } from './model';

export interface DeadlineCrossing {
  readonly deadline: Deadline;
  readonly date: string;
  readonly thresholdDays: number;
  readonly daysRemaining: number;
}

/** Each deadline and the lifecycle date that sets it. */
export const DEADLINE_DATES: readonly [Deadline, keyof LifecycleDates][] = [
  ['LEGACY', 'legacyTime'],
  ['EXTENDED_ACCESS', 'publicExtendedAccessTime'],
  ['END_OF_LIFE', 'endOfLifeTime'],
];

/** Whole days left until `iso`, rounded up: 1 ms before the deadline is still 1 day. */
export const daysUntil = (iso: string, t: Date): number =>
  Math.ceil((Date.parse(iso) - t.getTime()) / DAY_MS);

/**
 * The deadline reminders due at t, and the updated record of reminders sent.
 *
 * For each upcoming date, the tightest threshold T with daysRemaining ≤ T is due unless T or a
 * tighter one was already sent for that same date; looser thresholds skipped between runs are not
 * sent late. The record is keyed by date, so a moved date starts its thresholds afresh, and keys of
 * dates that no longer apply are dropped.
 */
export function dueDeadlines(
  dates: LifecycleDates,
  notified: Readonly<Record<string, number>>,
  t: Date,
  thresholds: readonly number[],
): { due: DeadlineCrossing[]; notified: Record<string, number> } {
  const due: DeadlineCrossing[] = [];
  const next: Record<string, number> = {};
  for (const [deadline, field] of DEADLINE_DATES) {
    const date = dates[field];
    if (date === null) continue;
    const key = `${deadline}@${date}`;
    const sent = notified[key];
    if (sent !== undefined) next[key] = sent;
    const daysRemaining = daysUntil(date, t);
    if (daysRemaining <= 0) continue;
    const tightest = Math.min(...thresholds.filter((threshold) => daysRemaining <= threshold));
    if (!Number.isFinite(tightest) || (sent !== undefined && sent <= tightest)) continue;
    due.push({ deadline, date, thresholdDays: tightest, daysRemaining });
    next[key] = tightest;
  }
  return { due, notified: next };
}
