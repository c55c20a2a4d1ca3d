import { daysUntil } from '../domain/deadlines';
import type { LifecycleEvent } from '../domain/events';
import { type LifecycleDates, PHASES, type Phase, type RegionBaseline } from '../domain/model';
import type { AlertGroup } from './alert-groups';

export const PHASE_LABEL: Readonly<Record<Phase, string>> = {
  ACTIVE: 'Active',
  LEGACY: 'Legacy (deprecated)',
  EXTENDED_ACCESS: 'Public extended access',
  EOL: 'End of life (retired)',
  UNKNOWN: 'Unknown',
};

/** The phase as the end of a sentence: "Claude 3.7 Sonnet is …". */
const PHASE_STATE: Readonly<Record<Phase, string>> = {
  ACTIVE: 'Active',
  LEGACY: 'Legacy (deprecated)',
  EXTENDED_ACCESS: 'in public extended access (higher price)',
  EOL: 'past its end of life',
  UNKNOWN: 'in a lifecycle state Bedrock did not name',
};

/** YYYY-MM-DD of an ISO time. */
export const day = (iso: string): string => iso.slice(0, 10);

/** "1 day", "7 days". */
export const plural = (n: number, unit: string): string => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** "2026-04-28 (in 7 days)", "2026-01-27 (passed)" or "not announced", relative to the observation. */
export function dateWithDaysLeft(iso: string | null, observedAt: string): string {
  if (iso === null) return 'not announced';
  const days = daysUntil(iso, new Date(observedAt));
  return `${day(iso)} (${days > 0 ? `${plural(days, 'day')} left` : 'passed'})`;
}

export const DATE_LABEL: Readonly<Record<keyof LifecycleDates, string>> = {
  legacyTime: 'Legacy',
  publicExtendedAccessTime: 'Extended access',
  endOfLifeTime: 'End of life',
};

/** A lifecycle date with days left, and what it was if this change moved it. */
export function dateText(event: LifecycleEvent, key: keyof LifecycleDates): string {
  const value = dateWithDaysLeft(event[key], event.observedAt);
  const before = event.previousDates?.[key];
  return before !== undefined && before !== event[key]
    ? `${value}, was ${before === null ? 'not announced' : day(before)}`
    : value;
}

/** "Legacy (deprecated) → Public extended access", or the phase alone when it did not change. */
export function phaseChange(event: LifecycleEvent): string {
  const now = PHASE_LABEL[event.phase];
  return event.previousPhase !== null && event.previousPhase !== event.phase
    ? `${PHASE_LABEL[event.previousPhase]} → ${now}`
    : now;
}

/**
 * What happened to the model, after its name: "reaches end of life in 7 days". Terse for one-line
 * headlines, where space is short: "reaches EOL in 7 days".
 */
export function predicate(event: LifecycleEvent, terse = false): string {
  const eol = terse ? 'EOL' : 'end of life';
  const extended = terse ? 'extended access' : 'public extended access';
  switch (event.kind) {
    case 'BASELINE':
      return `is ${PHASE_STATE[event.phase]}`;
    case 'MODEL_ADDED':
      return 'is now available';
    case 'MODEL_LEGACY':
      return 'is now Legacy (deprecated)';
    case 'EXTENDED_ACCESS_STARTED':
      return terse ? 'entered extended access' : 'entered public extended access (higher price)';
    case 'MODEL_EOL':
      return `reached ${eol}: calls now fail`;
    case 'MODEL_REMOVED':
      return 'disappeared from the Bedrock catalog';
    case 'MODEL_REACTIVATED':
      return 'is Active again';
    case 'LIFECYCLE_DATES_CHANGED':
      return `lifecycle dates changed${event.severity === 'warning' ? ' (earlier)' : ''}`;
    case 'DEADLINE_APPROACHING': {
      const what = event.deadline === 'END_OF_LIFE' ? `reaches ${eol}` : `enters ${extended}`;
      return `${what} in ${plural(event.daysRemaining ?? 0, 'day')}`;
    }
  }
}

/**
 * What is known about the account's use of a model, in a sentence; null when the run looked
 * nothing up.
 */
export function usageText(event: LifecycleEvent, invocations: number | null): string | null {
  const days = event.usageLookbackDays;
  if (days === null) return null;
  const period = `in the last ${plural(days, 'day')}`;
  if (event.inUse === false) return `Not in use: no calls ${period}`;
  if (event.inUse === null) {
    return 'Unknown: CloudWatch metrics or inference profiles could not be read in every region';
  }
  if (invocations === null) return 'On the watch list (calls could not be read)';
  if (invocations === 0) return `On the watch list (no calls ${period})`;
  return `In use: ${invocations.toLocaleString('en-US')} ${invocations === 1 ? 'call' : 'calls'} ${period}, directly or through inference profiles`;
}

const MEANING: Readonly<Record<Phase, string>> = {
  ACTIVE: 'The model is available with no announced retirement.',
  LEGACY:
    'Legacy means deprecated: plan a migration. No new customers, idle accounts may lose access, and no new ' +
    'provisioned throughput or fine-tuning. It keeps working until its end of life.',
  EXTENDED_ACCESS:
    'Public extended access: the model keeps working until its end of life, at a higher price set by the provider.',
  EOL: 'End of life: calls to this model fail with ValidationException.',
  UNKNOWN:
    'Bedrock reports a lifecycle this monitor does not recognise; check the model in the Bedrock console.',
};

/** What the change means for a team that calls the model, in plain words. */
export function meaning(event: LifecycleEvent): string {
  switch (event.kind) {
    case 'MODEL_ADDED':
      return `A new model is available. ${MEANING[event.phase]}`;
    case 'MODEL_REMOVED':
      return 'The model vanished from the listing before any end-of-life date passed. Calls to it will likely fail.';
    case 'MODEL_REACTIVATED':
      return 'The model is no longer Legacy; its earlier retirement schedule no longer applies.';
    case 'LIFECYCLE_DATES_CHANGED':
      return event.severity === 'warning'
        ? 'AWS moved this model’s schedule earlier: you have less time than before.'
        : 'AWS changed this model’s schedule; no date moved earlier.';
    case 'DEADLINE_APPROACHING':
      return event.deadline === 'END_OF_LIFE'
        ? `From ${day(event.endOfLifeTime ?? '')} calls to this model fail.`
        : `From ${day(event.publicExtendedAccessTime ?? '')} the model costs more (public extended access) until it retires.`;
    default:
      return MEANING[event.phase];
  }
}

/**
 * What to do next, as short imperative steps (empty when nothing is needed). The first replacement
 * candidate, when there is one, is named as the thing to test.
 */
export function nextSteps(event: LifecycleEvent, candidates: readonly string[]): string[] {
  const eol = event.endOfLifeTime === null ? 'its end of life' : day(event.endOfLifeTime);
  const [best] = candidates;
  if (event.kind === 'MODEL_REMOVED' || event.phase === 'EOL') {
    return [`Move any remaining traffic to ${best ?? 'a replacement'} now`];
  }
  if (event.kind === 'MODEL_ADDED' || event.kind === 'MODEL_REACTIVATED' || event.phase === 'ACTIVE')
    return [];
  if (event.phase === 'UNKNOWN') return ['Check the model’s lifecycle in the Bedrock console'];
  const test = best === undefined ? 'Choose and test a replacement' : `Test replacement ${best}`;
  if (event.kind === 'LIFECYCLE_DATES_CHANGED')
    return ['Check your migration plan against the new dates', test];
  if (event.deadline === 'EXTENDED_ACCESS' && event.publicExtendedAccessTime !== null) {
    return [
      test,
      `Move traffic before ${day(event.publicExtendedAccessTime)} to avoid the higher price (${eol} at the latest)`,
    ];
  }
  return [test, `Move traffic before ${eol}`];
}

/** "us-east-1, us-west-2". */
export const regionList = (group: AlertGroup): string => group.regions.join(', ');

/** "12 Active, 2 Legacy (deprecated)" */
export const phaseCounts = (baseline: RegionBaseline): string =>
  PHASES.flatMap((phase) => {
    const n = baseline.phases[phase] ?? 0;
    return n > 0 ? [`${n} ${PHASE_LABEL[phase]}`] : [];
  }).join(', ');
