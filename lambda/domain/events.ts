import { createHash } from 'node:crypto';
import type { LifecycleDates, Phase, TrackedModel } from './model';

export type EventKind =
  | 'BASELINE'
  | 'MODEL_ADDED'
  | 'MODEL_LEGACY'
  | 'EXTENDED_ACCESS_STARTED'
  | 'MODEL_EOL'
  | 'MODEL_REMOVED'
  | 'MODEL_REACTIVATED'
  | 'LIFECYCLE_DATES_CHANGED'
  | 'DEADLINE_APPROACHING';

export type Severity = 'info' | 'warning' | 'critical';

export type Deadline = 'EXTENDED_ACCESS' | 'END_OF_LIFE';

/** One lifecycle event for one model in one region: the `events[]` item of the alert contract. */
export interface LifecycleEvent extends LifecycleDates {
  readonly eventId: string;
  readonly kind: EventKind;
  readonly severity: Severity;
  readonly region: string;
  readonly modelId: string;
  readonly modelArn: string;
  readonly modelName: string;
  readonly provider: string;
  readonly phase: Phase;
  readonly previousPhase: Phase | null;
  readonly deadline: Deadline | null;
  readonly thresholdDays: number | null;
  readonly daysRemaining: number | null;
  readonly observedAt: string;
  /** The dates before a LIFECYCLE_DATES_CHANGED; null for every other kind. */
  readonly previousDates: LifecycleDates | null;
  /**
   * For a Legacy, extended-access, retired or removed model: ACTIVE models of the same provider and
   * family in the same region, newest first. Empty otherwise.
   */
  readonly replacementCandidates: readonly string[];
  /**
   * Whether this account calls the model in this region: true when it was called over the last
   * `usageLookbackDays` (directly or through an inference profile routing here) or is on the
   * watch list, false when no call reached it, null when that could not be read.
   */
  readonly inUse: boolean | null;
  /** Calls that reached the model here over the lookback; null when unknown. */
  readonly invocations: number | null;
  readonly usageLookbackDays: number | null;
}

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { critical: 0, warning: 1, info: 2 };

/** Most severe first. */
export const bySeverity = (a: Severity, b: Severity): number => SEVERITY_RANK[a] - SEVERITY_RANK[b];

export interface EventSpec {
  readonly kind: EventKind;
  readonly severity: Severity;
  readonly phase: Phase;
  readonly previousPhase: Phase | null;
  /** What makes this condition unique for the model, beyond kind and region (e.g. the date). */
  readonly condition: readonly (string | number | null)[];
  readonly deadline?: Deadline;
  readonly thresholdDays?: number;
  readonly daysRemaining?: number;
  readonly previousDates?: LifecycleDates;
  readonly replacementCandidates?: readonly string[];
}

/**
 * Builds an event. The id hashes the condition, not the observation time, so the same condition
 * seen by a retry or by an overlapping run gets the same id and consumers can deduplicate on it.
 */
export function lifecycleEvent(
  region: string,
  model: TrackedModel,
  observedAt: string,
  spec: EventSpec,
): LifecycleEvent {
  const key = JSON.stringify([spec.kind, region, model.modelId, ...spec.condition]);
  return {
    eventId: createHash('sha256').update(key).digest('hex').slice(0, 32),
    kind: spec.kind,
    severity: spec.severity,
    region,
    modelId: model.modelId,
    modelArn: model.modelArn,
    modelName: model.modelName,
    provider: model.provider,
    phase: spec.phase,
    previousPhase: spec.previousPhase,
    legacyTime: model.legacyTime,
    publicExtendedAccessTime: model.publicExtendedAccessTime,
    endOfLifeTime: model.endOfLifeTime,
    deadline: spec.deadline ?? null,
    thresholdDays: spec.thresholdDays ?? null,
    daysRemaining: spec.daysRemaining ?? null,
    observedAt,
    previousDates: spec.previousDates ?? null,
    replacementCandidates: spec.replacementCandidates ?? [],
    // Usage is not the diff's to know; the run adds it before the alerts are planned.
    inUse: null,
    invocations: null,
    usageLookbackDays: null,
  };
}
