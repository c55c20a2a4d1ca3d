/** Lifecycle phases of one model in one region at the observation time (see docs/how-it-works.md, "Phases"). */
export const PHASES = ['ACTIVE', 'LEGACY', 'EXTENDED_ACCESS', 'EOL', 'UNKNOWN'] as const;
export type Phase = (typeof PHASES)[number];

/** The three lifecycle dates that drive phases and deadlines, as ISO 8601 UTC strings. */
export interface LifecycleDates {
  readonly legacyTime: string | null;
  readonly publicExtendedAccessTime: string | null;
  readonly endOfLifeTime: string | null;
}

/** One foundation model as listed by ListFoundationModels in one region, normalised. */
export interface CatalogModel extends LifecycleDates {
  readonly modelId: string;
  readonly modelArn: string;
  readonly modelName: string;
  readonly provider: string;
  /** `modelLifecycle.status` as listed; null when `modelLifecycle` was missing. */
  readonly status: string | null;
  readonly startOfLifeTime: string | null;
  /**
   * What the model takes, gives and how it can be called (`ON_DEMAND`, `INFERENCE_PROFILE`,
   * `PROVISIONED`), as listed. Present on a fresh listing, where replacements are chosen; not kept
   * in the stored state.
   */
  readonly inputModalities?: readonly string[];
  readonly outputModalities?: readonly string[];
  readonly inferenceTypes?: readonly string[];
}

/** What the monitor remembers about one model in one region between runs. */
export interface TrackedModel extends CatalogModel {
  /** Phase at the last commit. */
  readonly phase: Phase;
  /** Last phase other than UNKNOWN; transitions are measured from it. Null if never known. */
  readonly knownPhase: Exclude<Phase, 'UNKNOWN'> | null;
  /** Whether the model was in the last listing of its region. */
  readonly listed: boolean;
  /** Consecutive runs the model has been absent from the listing. */
  readonly missingRuns: number;
  /** Observation time of the first run in the current absence; null while listed. */
  readonly missingSince: string | null;
  /** When MODEL_REMOVED was raised; the model is then only remembered, not diffed. */
  readonly removedAt: string | null;
  /** Tightest deadline threshold already alerted, keyed by `${deadline}@${date}`. */
  readonly notified: Readonly<Record<string, number>>;
  /**
   * The dates GetFoundationModel gave for a listing that lacked them, kept while the listed record
   * stays the same, so a quiet run asks again for nothing.
   */
  readonly details?: ModelDetails;
  /**
   * How many times the model's lifecycle record (status or dates) changed, or it was listed again
   * after its removal, since it was first seen: part of every event id. Absent (0) in states stored
   * before it was kept.
   */
  readonly revision?: number;
}

/** Dates read with GetFoundationModel, and the listed record they complete. */
export interface ModelDetails {
  /** The listed record (its catalog fields as JSON) the dates were read for. */
  readonly listing: string;
  readonly dates: LifecycleDates;
}

/** The stored state of one region. */
export interface RegionState {
  readonly region: string;
  /** Observation time of the run that last changed this state. */
  readonly observedAt: string;
  readonly models: readonly TrackedModel[];
}

/** What the first run in a region found: the count of listed models, in total and per phase. */
export interface RegionBaseline {
  readonly region: string;
  readonly modelCount: number;
  readonly phases: Readonly<Partial<Record<Phase, number>>>;
}

export const DATE_FIELDS = ['legacyTime', 'publicExtendedAccessTime', 'endOfLifeTime'] as const;

export const DAY_MS = 86_400_000;
