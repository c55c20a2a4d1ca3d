import { createHash } from 'node:crypto';
import type { PriceSource, TokenPrices } from './cost';
import type { HealthNotice } from './health-notice';
import { DAY_MS, type LifecycleDates, type Phase, type TrackedModel } from './model';

export type EventKind =
  | 'BASELINE'
  | 'MODEL_ADDED'
  | 'MODEL_LEGACY'
  | 'EXTENDED_ACCESS_STARTED'
  | 'MODEL_EOL'
  | 'MODEL_REMOVED'
  | 'MODEL_REACTIVATED'
  | 'LIFECYCLE_ANNOUNCED'
  | 'LIFECYCLE_DATES_CHANGED'
  | 'DEADLINE_APPROACHING'
  | 'STATUS_UNRECOGNISED'
  | 'HEALTH_NOTICE';

export type Severity = 'info' | 'warning' | 'critical';

export type Deadline = 'LEGACY' | 'EXTENDED_ACCESS' | 'END_OF_LIFE';

export type LifecyclePolicy = '2026-09' | 'pre-2026-09';

/** Models launched from this day on follow the lifecycle policy AWS published in September 2026. */
export const POLICY_2026_09_FROM = '2026-09-07T00:00:00.000Z';

export const lifecyclePolicyOf = (startOfLifeTime: string | null): LifecyclePolicy | null =>
  startOfLifeTime === null
    ? null
    : Date.parse(startOfLifeTime) >= Date.parse(POLICY_2026_09_FROM)
      ? '2026-09'
      : 'pre-2026-09';

export const noticeDaysOf = (dates: LifecycleDates): number | null =>
  dates.legacyTime === null || dates.endOfLifeTime === null
    ? null
    : Math.round((Date.parse(dates.endOfLifeTime) - Date.parse(dates.legacyTime)) / DAY_MS);

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
  /** `modelLifecycle.status` as listed (ACTIVE, LEGACY or one Bedrock does not document); null without one. */
  readonly status: string | null;
  readonly deadline: Deadline | null;
  readonly thresholdDays: number | null;
  readonly daysRemaining: number | null;
  readonly observedAt: string;
  /** The dates before a LIFECYCLE_ANNOUNCED or LIFECYCLE_DATES_CHANGED; null for every other kind. */
  readonly previousDates: LifecycleDates | null;
  /**
   * The critical alert this event takes back, sent at critical severity so whoever got that alert
   * hears of it: `MODEL_EOL` for an end of life postponed or a retired model made Active again,
   * `MODEL_REMOVED` for a removed model listed again. Null for every other event.
   */
  readonly corrects: 'MODEL_EOL' | 'MODEL_REMOVED' | null;
  /**
   * The lifecycle policy the model follows, told by its launch: `2026-09` for models launched on or
   * after 2026-09-07 (no public extended access, a Legacy period of 6 months or 45 days),
   * `pre-2026-09` before, null when the launch date is unknown.
   */
  readonly lifecyclePolicy: LifecyclePolicy | null;
  /** The notice the model gave: days from Legacy to end of life, once both are known; else null. */
  readonly noticeDays: number | null;
  /**
   * For a Legacy, extended-access, retired, removed or dated model: what to test instead, listed in
   * the same region, callable as written (a model id, or a system-defined profile id for a model
   * offered only through profiles) and doing the same job, newest first (see `replacementScope`).
   * Empty otherwise.
   */
  readonly replacementCandidates: readonly string[];
  /**
   * Where the candidates were found: `family` (the same provider, family and tier), `provider` (no
   * same-family successor: the same provider's models that do the same job), or null when there
   * are none.
   */
  readonly replacementScope: 'family' | 'provider' | null;
  /**
   * Whether this account calls the model in this region: true when it was called over the last
   * `usageLookbackDays` (directly or through an inference profile routing here) or is on the
   * watch list, false when no call reached it, null when that could not be read.
   */
  readonly inUse: boolean | null;
  /** Calls that reached the model here over the lookback, all accounts together; null when unknown. */
  readonly invocations: number | null;
  /**
   * Tokens that reached the model here over the lookback (`InputTokenCount`, `OutputTokenCount`),
   * all accounts together, counted like `invocations`; null when unknown, as when some account or
   * region could not be read (a partial sum would understate the cost).
   */
  readonly tokens: TokenCounts | null;
  readonly usageLookbackDays: number | null;
  /**
   * The model's prices here, US dollars per million tokens (extended-access prices null when no
   * source gives them); null when no source has a price for the model.
   */
  readonly pricesPerMillionTokens: TokenPrices | null;
  /** Where the prices came from: `modelPrices` or `bedrock-agreement-offer`; null without prices. */
  readonly priceSource: PriceSource | null;
  /**
   * What the model costs a month here at the lookback's token use and the standard price
   * (`tokens × 30 / usageLookbackDays`), whole cents; null when tokens or prices are unknown. Like
   * `tokens`, calls through a cross-region profile count in every region they can reach: the
   * figures of one model in several regions overlap and do not add up.
   */
  readonly monthlyCostUsd: number | null;
  /**
   * For a model with a public-extended-access period ahead or under way: what those tokens cost a
   * month more at the extended-access price; null when tokens, prices or the extended-access price
   * are unknown, and for models with no such period.
   */
  readonly extendedAccessExtraMonthlyUsd: number | null;
  /**
   * With usage read across accounts (`usageAccounts`): the accounts whose calls reached the model
   * here, most calls first. Null when usage is read in the monitor's own account only, and when
   * it is unknown. When some account could not be read but another calls the model, it lists the
   * accounts known to call it.
   */
  readonly accounts: readonly AccountCalls[] | null;
  /**
   * For a HEALTH_NOTICE: the AWS Health notice, its text as AWS wrote it (untrusted: escape it for
   * where it lands); null for every other kind.
   */
  readonly notice: NoticeFacts | null;
}

/** What an event keeps of an AWS Health notice: all but the affected entities (the event names its model). */
export type NoticeFacts = Omit<HealthNotice, 'entities'>;

/** Input and output tokens over the lookback. */
export interface TokenCounts {
  readonly input: number;
  readonly output: number;
}

/** One account's calls to a model over the lookback. */
export interface AccountCalls {
  readonly accountId: string;
  /** The account's name, when AWS Organizations gives it. */
  readonly accountName?: string;
  readonly invocations: number;
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
  readonly corrects?: LifecycleEvent['corrects'];
  readonly replacementCandidates?: readonly string[];
  readonly replacementScope?: LifecycleEvent['replacementScope'];
  readonly notice?: NoticeFacts;
}

/**
 * Builds an event. The id hashes the condition and the model's revision (how many times its
 * lifecycle record changed, or it came back after its removal), not the observation time: a retry
 * or an overlapping run that sees the same condition gets the same id, so consumers can deduplicate
 * on it, while the same condition reached again after it ended (Legacy, Active again, Legacy again
 * with the same dates) is a new occurrence with a new id.
 */
export function lifecycleEvent(
  region: string,
  model: TrackedModel,
  observedAt: string,
  spec: EventSpec,
): LifecycleEvent {
  const key = JSON.stringify([spec.kind, region, model.modelId, ...spec.condition, model.revision ?? 0]);
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
    status: model.status,
    legacyTime: model.legacyTime,
    publicExtendedAccessTime: model.publicExtendedAccessTime,
    endOfLifeTime: model.endOfLifeTime,
    deadline: spec.deadline ?? null,
    thresholdDays: spec.thresholdDays ?? null,
    daysRemaining: spec.daysRemaining ?? null,
    observedAt,
    previousDates: spec.previousDates ?? null,
    corrects: spec.corrects ?? null,
    lifecyclePolicy: lifecyclePolicyOf(model.startOfLifeTime),
    noticeDays: noticeDaysOf(model),
    replacementCandidates: spec.replacementCandidates ?? [],
    replacementScope: spec.replacementScope ?? null,
    // Usage is not the diff's to know; the run adds it before the alerts are planned.
    inUse: null,
    invocations: null,
    tokens: null,
    usageLookbackDays: null,
    pricesPerMillionTokens: null,
    priceSource: null,
    monthlyCostUsd: null,
    extendedAccessExtraMonthlyUsd: null,
    accounts: null,
    notice: spec.notice ?? null,
  };
}
