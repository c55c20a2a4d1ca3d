import { type AccountCalls, bySeverity, type EventKind, type LifecycleEvent } from '../domain/events';
import { baseModelFirst, variantBase } from '../domain/model-reference';
import { canonicalJson, unique } from '../domain/values';
import { moneyAtStake } from './cost-text';

/** The same change seen in several regions on one run: one line in every human format. */
export interface AlertGroup {
  /**
   * The first event stands for the group; the others differ only in region, id, and model id where
   * context-length variants of one base model share the change.
   */
  readonly event: LifecycleEvent;
  readonly regions: readonly string[];
  /** The group's model ids: the base model's first, then its context variants. */
  readonly modelIds: readonly string[];
  readonly events: readonly LifecycleEvent[];
  /** Replacement candidates of all the group's regions, best (newest, most widely listed) first. */
  readonly replacementCandidates: readonly string[];
  /**
   * Calls over the lookback in the busiest of the group's regions (not the sum: a call through a
   * cross-region profile counts in every region it can reach); null when unknown.
   */
  readonly invocations: number | null;
  /** The accounts calling the model, each at its busiest region, most calls first; null when not read across accounts. */
  readonly accounts: readonly AccountCalls[] | null;
  /**
   * The region whose cost is told: the one with the most money at stake (like `invocations`, not a
   * sum, since tokens through a cross-region profile count in every region it can reach).
   */
  readonly costEvent: LifecycleEvent;
}

const KIND_ORDER: readonly EventKind[] = [
  'MODEL_EOL',
  'MODEL_REMOVED',
  'DEADLINE_APPROACHING',
  'EXTENDED_ACCESS_STARTED',
  'MODEL_LEGACY',
  'LIFECYCLE_DATES_CHANGED',
  'BASELINE',
  'MODEL_REACTIVATED',
  'MODEL_ADDED',
];

const PHASE_ORDER = ['EOL', 'EXTENDED_ACCESS', 'LEGACY', 'UNKNOWN', 'ACTIVE'];

/** What must be equal for two regions' events to read as one change. */
const sameChange = (e: LifecycleEvent): string =>
  canonicalJson([
    e.kind,
    e.severity,
    variantBase(e.modelId),
    e.modelName,
    e.provider,
    e.phase,
    e.previousPhase,
    e.legacyTime,
    e.publicExtendedAccessTime,
    e.endOfLifeTime,
    e.deadline,
    e.thresholdDays,
    e.daysRemaining,
    e.previousDates,
    e.inUse,
  ]);

/** In use first, then unknown, then not in use. */
const useRank = (inUse: boolean | null): number => (inUse === true ? 0 : inUse === null ? 1 : 2);

/** The most money at stake first; unknown after any known amount. */
const byStake = (a: LifecycleEvent, b: LifecycleEvent): number =>
  (moneyAtStake(b) ?? -1) - (moneyAtStake(a) ?? -1);

const daysLeft = (e: LifecycleEvent): number => e.daysRemaining ?? Number.POSITIVE_INFINITY;

/**
 * Most important first: a model the account uses, then severity; among models in use the money at
 * stake, then the nearest deadline; then the kind of change and the nearest deadline.
 */
function byImportance(a: AlertGroup, b: AlertGroup): number {
  const x = a.event;
  const y = b.event;
  const inUse = x.inUse === true && y.inUse === true;
  return (
    useRank(x.inUse) - useRank(y.inUse) ||
    bySeverity(x.severity, y.severity) ||
    (inUse ? byStake(a.costEvent, b.costEvent) || daysLeft(x) - daysLeft(y) : 0) ||
    KIND_ORDER.indexOf(x.kind) - KIND_ORDER.indexOf(y.kind) ||
    PHASE_ORDER.indexOf(x.phase) - PHASE_ORDER.indexOf(y.phase) ||
    daysLeft(x) - daysLeft(y) ||
    x.modelName.localeCompare(y.modelName) ||
    x.modelId.localeCompare(y.modelId)
  );
}

/**
 * One list of candidates for a change seen in several regions: each region lists its own, newest
 * first. Candidates offered in more regions come first; ties keep the regions' newest-first order.
 */
function mergeCandidates(events: readonly LifecycleEvent[]): string[] {
  const score = new Map<string, { regions: number; rank: number }>();
  for (const event of events) {
    event.replacementCandidates.forEach((id, rank) => {
      const seen = score.get(id);
      score.set(id, { regions: (seen?.regions ?? 0) + 1, rank: Math.min(seen?.rank ?? rank, rank) });
    });
  }
  return [...score.entries()]
    .sort(([, a], [, b]) => b.regions - a.regions || a.rank - b.rank)
    .map(([id]) => id);
}

/** Each account once, at its busiest of the events' regions (as `invocations`), most calls first. */
function mergeAccounts(events: readonly LifecycleEvent[]): AccountCalls[] | null {
  if (events.every((e) => e.accounts === null)) return null;
  const busiest = new Map<string, AccountCalls>();
  for (const calls of events.flatMap((e) => e.accounts ?? [])) {
    const seen = busiest.get(calls.accountId);
    if (!seen || calls.invocations > seen.invocations) busiest.set(calls.accountId, calls);
  }
  return [...busiest.values()].sort(
    (a, b) => b.invocations - a.invocations || a.accountId.localeCompare(b.accountId),
  );
}

/** The base model before its variants, then by region. */
const byModelThenRegion = (a: LifecycleEvent, b: LifecycleEvent): number =>
  baseModelFirst(a.modelId, b.modelId) || a.region.localeCompare(b.region);

/**
 * Groups events that describe the same change in different regions, or to a base model and its
 * context-length variants, most important first.
 */
export function groupEvents(events: readonly LifecycleEvent[]): AlertGroup[] {
  const groups = new Map<string, LifecycleEvent[]>();
  for (const event of events) {
    const key = sameChange(event);
    const group = groups.get(key);
    if (group) group.push(event);
    else groups.set(key, [event]);
  }
  return [...groups.values()]
    .map((members) => {
      const sorted = [...members].sort(byModelThenRegion);
      return {
        event: sorted[0] as LifecycleEvent,
        regions: unique(sorted.map((e) => e.region)).sort(),
        modelIds: unique(sorted.map((e) => e.modelId)),
        events: sorted,
        replacementCandidates: mergeCandidates(sorted),
        invocations: sorted.reduce<number | null>(
          (most, e) => (e.invocations === null ? most : Math.max(most ?? 0, e.invocations)),
          null,
        ),
        accounts: mergeAccounts(sorted),
        costEvent: [...sorted].sort(byStake)[0] as LifecycleEvent,
      };
    })
    .sort(byImportance);
}
