import { daysUntil } from '../domain/deadlines';
import type { AccountCalls, LifecycleEvent } from '../domain/events';
import { type LifecycleDates, PHASES, type Phase, type RegionBaseline } from '../domain/model';
import { visible } from '../domain/text';
import { addedDates, hasDates, movedEarlier } from '../domain/tracked-model';
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

/** Dates of the event that were not announced before it (an announcement, or a new date). */
const newDates = (event: LifecycleEvent): (keyof LifecycleDates)[] =>
  event.previousDates === null ? [] : addedDates(event.previousDates, event);

/** Whether a date change moved any date earlier. */
const earlier = (event: LifecycleEvent): boolean =>
  event.previousDates !== null && movedEarlier(event.previousDates, event);

/** Odd statuses are data from AWS: shown short, and as a quoted string. */
const statusText = (event: LifecycleEvent): string => JSON.stringify((event.status ?? '').slice(0, 40));

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
      return event.corrects === 'MODEL_REMOVED' ? 'is listed again after its removal' : 'is now available';
    case 'MODEL_LEGACY':
      return 'is now Legacy (deprecated)';
    case 'EXTENDED_ACCESS_STARTED':
      return terse ? 'entered extended access' : 'entered public extended access (higher price)';
    case 'MODEL_EOL':
      return `reached ${eol}: calls now fail`;
    case 'MODEL_REMOVED':
      return 'disappeared from the Bedrock catalog';
    case 'MODEL_REACTIVATED':
      return event.corrects === 'MODEL_EOL' ? 'is Active again: calls work again' : 'is Active again';
    case 'LIFECYCLE_ANNOUNCED':
      return terse
        ? 'retirement announced'
        : `retirement announced: ${newDates(event)
            .map((f) => `${DATE_LABEL[f]} ${day(event[f] ?? '')}`)
            .join(', ')}`;
    case 'LIFECYCLE_DATES_CHANGED':
      if (event.corrects === 'MODEL_EOL') {
        return event.endOfLifeTime === null
          ? `${eol} withdrawn: calls work again`
          : `${eol} postponed: calls work again until ${day(event.endOfLifeTime)}`;
      }
      return `lifecycle dates changed${earlier(event) ? ' (earlier)' : newDates(event).length > 0 ? ' (new date)' : ''}`;
    case 'DEADLINE_APPROACHING': {
      const what =
        event.deadline === 'END_OF_LIFE'
          ? `reaches ${eol}`
          : event.deadline === 'LEGACY'
            ? 'becomes Legacy'
            : `enters ${extended}`;
      return `${what} in ${plural(event.daysRemaining ?? 0, 'day')}`;
    }
    case 'STATUS_UNRECOGNISED':
      return terse
        ? `has status ${statusText(event)}`
        : `has a lifecycle status Bedrock does not document: ${statusText(event)}`;
    case 'HEALTH_NOTICE':
      return terse
        ? 'AWS Health notice'
        : `has an AWS Health notice (${event.notice?.eventTypeCode ?? 'unknown type'})`;
  }
}

/** Accounts named in a message, at most; the rest are counted. */
export const ACCOUNTS_SHOWN = 3;

/**
 * "team-a (111111111111) 12,000 calls, 222222222222 300 calls, +2 more", with each account name
 * as `shown` renders it for the format it lands in.
 */
export function accountsList(accounts: readonly AccountCalls[], shown: (name: string) => string): string {
  const named = accounts
    .slice(0, ACCOUNTS_SHOWN)
    .map(
      (a) =>
        `${a.accountName ? `${shown(a.accountName)} (${a.accountId})` : a.accountId} ${callCount(a.invocations)}`,
    );
  const more = accounts.length - named.length;
  return [...named, ...(more > 0 ? [`+${more} more`] : [])].join(', ');
}

const callCount = (n: number): string => `${n.toLocaleString('en-US')} ${n === 1 ? 'call' : 'calls'}`;

/**
 * What is known about the use of a model, in a sentence; null when the run looked nothing up.
 * Read across accounts, it names the accounts that call the model.
 */
export function usageText(
  event: LifecycleEvent,
  invocations: number | null,
  accounts: readonly AccountCalls[] | null,
): string | null {
  const days = event.usageLookbackDays;
  if (days === null) return null;
  const period = `in the last ${plural(days, 'day')}`;
  if (event.inUse === false) return `Not in use: no calls ${period}`;
  if (event.inUse === null) {
    return accounts === null
      ? 'Unknown: CloudWatch metrics or inference profiles could not be read in every region'
      : 'Unknown: CloudWatch metrics or inference profiles could not be read in every account and region';
  }
  if (invocations === null) return 'On the watch list (calls could not be read)';
  if (invocations === 0) return `On the watch list (no calls ${period})`;
  const through = 'directly or through inference profiles';
  if (accounts !== null && accounts.length > 0) {
    return `In use in ${plural(accounts.length, 'account')}: ${accountsList(accounts, (name) => name)} ${period}, ${through}`;
  }
  return `In use: ${callCount(invocations)} ${period}, ${through}`;
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

/** What a phase means for a team that calls the model. */
export const meaningOfPhase = (phase: Phase): string => MEANING[phase];

/** What Legacy costs a team, for a date still ahead. */
const LEGACY_EFFECTS =
  'no new customers, idle accounts may lose access, and no new provisioned throughput or fine-tuning';

/** The announced schedule of a model in one sentence, e.g. for an Active model with dates. */
function schedule(event: LifecycleEvent): string {
  const parts = [
    event.legacyTime === null ? null : `Legacy from ${day(event.legacyTime)} (${LEGACY_EFFECTS})`,
    event.publicExtendedAccessTime === null
      ? null
      : `public extended access at a higher price from ${day(event.publicExtendedAccessTime)}`,
    event.endOfLifeTime === null
      ? null
      : `end of life on ${day(event.endOfLifeTime)}, when calls start to fail`,
  ].filter((part): part is string => part !== null);
  return `AWS has announced its retirement: ${parts.join('; ')}.`;
}

/**
 * The notice a model under the current lifecycle policy gives, said where it applies: a 45-day
 * Legacy period is why such an alert matters.
 */
function notice(event: LifecycleEvent): string {
  if (event.lifecyclePolicy !== '2026-09' || event.noticeDays === null) return '';
  return (
    ` It follows the lifecycle policy for models launched from September 2026: a ${event.noticeDays}-day ` +
    `Legacy period${event.noticeDays <= 60 ? ', little time to move,' : ''} and no public extended access.`
  );
}

/**
 * What inactivity means for a Legacy model, said to the team from its usage. AWS: "New customers
 * can't use Legacy models, and existing customers may lose access to Legacy models due to
 * inactivity" (Bedrock user guide, Model lifecycle); it publishes no number of days, so none is
 * given. Said only when usage says so: no call in the lookback (every account read), or calls.
 */
function inactivity(event: LifecycleEvent): string {
  if (event.phase !== 'LEGACY' && event.phase !== 'EXTENDED_ACCESS') return '';
  if (event.inUse === false) {
    return ` No call reached it in the last ${plural(event.usageLookbackDays ?? 0, 'day')}: you may already be losing access to it, as AWS may withdraw a Legacy model from accounts that do not use it (it publishes no number of days).`;
  }
  return (event.invocations ?? 0) > 0
    ? ' You call it: keep calling it until you have moved, or move first, as AWS may withdraw a Legacy model from accounts that stop using it.'
    : '';
}

/** What the change means for a team that calls the model, in plain words. */
export function meaning(event: LifecycleEvent): string {
  return `${changeMeaning(event)}${notice(event)}${inactivity(event)}`;
}

function changeMeaning(event: LifecycleEvent): string {
  switch (event.kind) {
    case 'MODEL_ADDED':
      return event.corrects === 'MODEL_REMOVED'
        ? 'The model is listed again after it was reported removed: that alert no longer holds, and calls to it may work again.'
        : `A new model is available. ${phaseMeaning(event)}`;
    case 'MODEL_REMOVED':
      return 'The model vanished from the listing before any end-of-life date passed. Calls to it will likely fail.';
    case 'MODEL_REACTIVATED':
      return event.corrects === 'MODEL_EOL'
        ? 'The end-of-life alert no longer holds: the model is Active again and calls to it work.'
        : 'The model is no longer Legacy; its earlier retirement schedule no longer applies.';
    case 'LIFECYCLE_ANNOUNCED':
      return `${schedule(event)} The model works as before until then.`;
    case 'LIFECYCLE_DATES_CHANGED':
      if (event.corrects === 'MODEL_EOL') {
        return 'The end-of-life alert no longer holds: AWS postponed the date, and calls to the model work again until then.';
      }
      return earlier(event)
        ? 'AWS moved this model’s schedule earlier: you have less time than before.'
        : newDates(event).length > 0
          ? 'AWS announced a new date in this model’s schedule.'
          : 'AWS changed this model’s schedule; no date moved earlier.';
    case 'DEADLINE_APPROACHING':
      return event.deadline === 'END_OF_LIFE'
        ? `From ${day(event.endOfLifeTime ?? '')} calls to this model fail.`
        : event.deadline === 'LEGACY'
          ? `From ${day(event.legacyTime ?? '')} the model is Legacy: ${LEGACY_EFFECTS}. It keeps working until ${event.endOfLifeTime === null ? 'its end of life' : day(event.endOfLifeTime)}.`
          : `From ${day(event.publicExtendedAccessTime ?? '')} the model costs more (public extended access) until it retires.`;
    case 'STATUS_UNRECOGNISED':
      return `${MEANING.UNKNOWN} The monitor still follows its dates: reminders and end of life come as usual.`;
    case 'HEALTH_NOTICE':
      return event.modelArn === ''
        ? 'AWS Health sent this notice about Bedrock; the model it concerns is not in the catalog the monitor watches there. Read the notice in the AWS Health Dashboard.'
        : `AWS Health sent this notice about the model. In the catalog: ${phaseMeaning(event)}`;
    default:
      return phaseMeaning(event);
  }
}

/** The meaning of the model's phase; an Active model with dates has an announced retirement. */
const phaseMeaning = (event: LifecycleEvent): string =>
  event.phase === 'ACTIVE' && hasDates(event)
    ? `The model is Active. ${schedule(event)}`
    : MEANING[event.phase];

/**
 * What to do next, as short imperative steps (empty when nothing is needed). The first replacement
 * candidate, when there is one, is named as the thing to test.
 */
export function nextSteps(event: LifecycleEvent, candidates: readonly string[]): string[] {
  const eol = event.endOfLifeTime === null ? 'its end of life' : day(event.endOfLifeTime);
  // A candidate's id is data from AWS: shown with its control characters as escapes.
  const best = candidates[0] === undefined ? undefined : visible(candidates[0]);
  if (event.kind === 'MODEL_REMOVED' || event.phase === 'EOL') {
    return [`Move any remaining traffic to ${best ?? 'a replacement'} now`];
  }
  if (event.kind === 'MODEL_ADDED' && event.corrects === 'MODEL_REMOVED') {
    return ['Check that calls to it work before you send traffic back'];
  }
  if (event.kind === 'HEALTH_NOTICE' && event.modelArn === '') {
    return ['Read the notice in the AWS Health Dashboard and check which of your models it concerns'];
  }
  const dated = hasDates(event);
  if (event.kind === 'STATUS_UNRECOGNISED' || (event.phase === 'UNKNOWN' && !dated)) {
    return ['Check the model’s lifecycle in the Bedrock console'];
  }
  if (
    !dated &&
    (event.kind === 'MODEL_ADDED' || event.kind === 'MODEL_REACTIVATED' || event.phase === 'ACTIVE')
  )
    return [];
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

/**
 * A base model's id and its context variants' sharing one entry: "anthropic.claude-3-haiku-20240307-v1:0
 * with context variants :200k, :48k", or the one id.
 */
export function modelIdsText(modelIds: readonly string[]): string {
  const [first = '', ...others] = modelIds;
  return others.length === 0
    ? visible(first)
    : `${visible(first)} with context variants ${others.map((id) => visible(id.slice(first.length))).join(', ')}`;
}

/** How the replacement candidates were chosen, after the list. */
export const replacementNote = (event: LifecycleEvent): string =>
  event.replacementScope === 'provider'
    ? 'no same-family successor: the same provider’s models for the same job, newest first'
    : 'newest first';

/** "us-east-1, us-west-2". */
export const regionList = (group: AlertGroup): string => group.regions.join(', ');

/** "12 Active, 2 Legacy (deprecated)" */
export const phaseCounts = (baseline: RegionBaseline): string =>
  PHASES.flatMap((phase) => {
    const n = baseline.phases[phase] ?? 0;
    return n > 0 ? [`${n} ${PHASE_LABEL[phase]}`] : [];
  }).join(', ');
