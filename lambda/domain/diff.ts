import { dueDeadlines } from './deadlines';
import { type EventKind, type EventSpec, type LifecycleEvent, lifecycleEvent, type Severity } from './events';
import {
  type CatalogModel,
  DATE_FIELDS,
  type LifecycleDates,
  type ModelDetails,
  type Phase,
  type RegionBaseline,
  type RegionState,
  type TrackedModel,
} from './model';
import { phaseAt, phaseRank } from './phase';
import { NO_REPLACEMENTS, type Replacements, replacementFinder } from './replacements';
import {
  addedDates,
  CATALOG_FIELDS,
  catalogFields,
  datesOf,
  firstSighting,
  hasDates,
  knownPhaseOf,
  movedEarlier,
} from './tracked-model';
import { sameJson } from './values';

/** A listing that loses more than this share of its models at once is not believed at once. */
export const SUSPICIOUS_SHRINK_RATIO = 0.2;
/** A model must be absent on this many consecutive runs before MODEL_REMOVED. */
export const ABSENT_RUNS_BEFORE_REMOVAL = 2;
/**
 * An absence that came with a suspicious shrink is believed once it has lasted this many runs in a
 * row: small regions (GovCloud, new regions) list a handful of models, where one removal is a
 * large share.
 */
export const ABSENT_RUNS_AFTER_SHRINK = 3;
/** The statuses Bedrock documents; any other is reported once and the model stays watched. */
const KNOWN_STATUSES: ReadonlySet<string> = new Set(['ACTIVE', 'LEGACY']);
/** A deadline reminder is critical when the date is this close. */
export const CRITICAL_WITHIN_DAYS = 7;

export interface DiffInput {
  readonly region: string;
  /** The stored state; undefined on the region's first run, which is a baseline. */
  readonly previous: RegionState | undefined;
  readonly listing: readonly CatalogModel[];
  readonly t: Date;
  /** Deadline thresholds in days. */
  readonly thresholds: readonly number[];
  /** Dates read with GetFoundationModel for listed models (already merged into the listing), to keep. */
  readonly details?: ReadonlyMap<string, ModelDetails>;
}

export interface DiffResult {
  readonly state: RegionState;
  readonly events: LifecycleEvent[];
  readonly warnings: string[];
  /** Whether the state must be written: anything but the observation time differs. */
  readonly stateChanged: boolean;
  /** Whether the listed catalog differs, so a snapshot must be stored. */
  readonly catalogChanged: boolean;
  /** On a region's first run: what it lists, for the baseline summary. */
  readonly baseline: RegionBaseline | null;
}

type KnownPhase = Exclude<Phase, 'UNKNOWN'>;

/** How a listing compares with the last believed one: an empty listing is never believed. */
type Shrink = 'none' | 'suspicious' | 'empty';

/** Events about models in these phases (and removed or dated ones) suggest replacements. */
const NEEDS_REPLACEMENT: ReadonlySet<Phase> = new Set(['LEGACY', 'EXTENDED_ACCESS', 'EOL']);

/** A status Bedrock does not document (a model with no lifecycle record has none at all). */
const oddStatus = (m: CatalogModel): boolean => m.status !== null && !KNOWN_STATUSES.has(m.status);
/** The revision after a model's record changed or it came back: a new occurrence of its conditions. */
const nextRevision = (model: TrackedModel): Pick<TrackedModel, 'revision'> => ({
  revision: (model.revision ?? 0) + 1,
});
/** What a new revision of a model's lifecycle record differs in. */
const LIFECYCLE_FIELDS = ['status', ...DATE_FIELDS] as const;

const TRANSITION_KIND: Readonly<Record<Exclude<KnownPhase, 'ACTIVE'>, [EventKind, Severity]>> = {
  LEGACY: ['MODEL_LEGACY', 'warning'],
  EXTENDED_ACCESS: ['EXTENDED_ACCESS_STARTED', 'warning'],
  EOL: ['MODEL_EOL', 'critical'],
};

const TRANSITION_DATE: Readonly<Record<Exclude<KnownPhase, 'ACTIVE'>, keyof LifecycleDates>> = {
  LEGACY: 'legacyTime',
  EXTENDED_ACCESS: 'publicExtendedAccessTime',
  EOL: 'endOfLifeTime',
};

class RegionDiff {
  readonly events: LifecycleEvent[] = [];
  readonly warnings: string[] = [];
  /** The observation time as stored and sent: formatted once per region. */
  readonly observedAt: string;

  constructor(
    private readonly region: string,
    private readonly t: Date,
    private readonly thresholds: readonly number[],
    /** Replacement candidates for a model, from the region's current listing. */
    private readonly replacements: (model: CatalogModel) => Replacements,
    /** GetFoundationModel dates kept for listed models. */
    private readonly details: ReadonlyMap<string, ModelDetails>,
  ) {
    this.observedAt = t.toISOString();
  }

  /** First run: remember everything, report what is not plainly Active, and any due deadline. */
  baseline(listing: readonly CatalogModel[]): TrackedModel[] {
    return listing.map((model) => {
      const tracked = this.withDetails(firstSighting(model, this.t));
      this.warnIfUnknown(tracked);
      this.reportOddStatus(undefined, tracked);
      if (tracked.phase !== 'ACTIVE' || hasDates(tracked)) {
        this.emit(tracked, {
          kind: 'BASELINE',
          severity: 'info',
          phase: tracked.phase,
          previousPhase: null,
          condition: [tracked.phase, ...Object.values(datesOf(tracked))],
        });
      }
      return this.remind(tracked);
    });
  }

  compare(previous: RegionState, listing: readonly CatalogModel[]): TrackedModel[] {
    const listed = new Map(listing.map((model) => [model.modelId, model]));
    // Shrinkage is measured against what the monitor last believed is listed: models listed, or
    // missing for fewer runs than it takes to believe them gone. A model gone after its end of life
    // is expected to go, and does not count.
    const believed = previous.models.filter((m) => m.removedAt === null && (m.listed || m.missingRuns > 0));
    const gone = believed.filter((m) => !listed.has(m.modelId) && phaseAt(m, this.t) !== 'EOL').length;
    const shrink: Shrink =
      believed.length > 0 && listing.length === 0
        ? 'empty'
        : gone > believed.length * SUSPICIOUS_SHRINK_RATIO
          ? 'suspicious'
          : 'none';
    if (shrink !== 'none') {
      this.warnings.push(
        `${this.region}: listing shrank from ${believed.length} to ${listing.length} models (${gone} gone at once); ` +
          (shrink === 'empty'
            ? 'an empty listing is not believed: absent models are kept as they were'
            : `an absent model is counted as removed only after ${ABSENT_RUNS_AFTER_SHRINK} runs in a row`),
      );
    }
    const previousById = new Map(previous.models.map((m) => [m.modelId, m]));
    const seen = listing.map((model) => this.present(previousById.get(model.modelId), model));
    const absent = previous.models.filter((m) => !listed.has(m.modelId)).map((m) => this.absent(m, shrink));
    return [...seen, ...absent];
  }

  private present(previous: TrackedModel | undefined, model: CatalogModel): TrackedModel {
    if (previous === undefined || previous.removedAt !== null) {
      // Listed again after its removal: a new revision, and a correction of the critical removal.
      const tracked = this.withDetails({
        ...firstSighting(model, this.t),
        ...(previous ? nextRevision(previous) : {}),
      });
      this.warnIfUnknown(tracked);
      this.reportOddStatus(undefined, tracked);
      this.emit(tracked, {
        kind: 'MODEL_ADDED',
        severity: previous ? 'critical' : 'info',
        phase: tracked.phase,
        previousPhase: null,
        condition: [previous?.removedAt ?? null],
        ...(previous ? { corrects: 'MODEL_REMOVED' as const } : {}),
      });
      return this.remind(tracked);
    }
    if (this.unchanged(previous, model)) return previous;
    const revised = LIFECYCLE_FIELDS.some((field) => previous[field] !== model[field]);
    return this.evolve(
      previous,
      this.withDetails({
        ...previous,
        ...catalogFields(model),
        listed: true,
        missingRuns: 0,
        missingSince: null,
        ...(revised ? nextRevision(previous) : {}),
      }),
      false,
    );
  }

  /** A listed model with the GetFoundationModel dates it keeps, or none. */
  private withDetails(model: TrackedModel): TrackedModel {
    const { details: _dropped, ...rest } = model;
    const details = this.details.get(model.modelId);
    return details ? { ...rest, details } : rest;
  }

  /**
   * Whether a listed model is exactly as stored and can have nothing to report: same catalog
   * record, same known phase, and no lifecycle dates (so no reminder can fall due). Most of a
   * catalog is such models; keeping their stored objects makes the run's comparison cheap.
   */
  private unchanged(previous: TrackedModel, model: CatalogModel): boolean {
    return (
      previous.listed &&
      previous.details === this.details.get(model.modelId) &&
      previous.missingRuns === 0 &&
      !hasDates(model) &&
      CATALOG_FIELDS.every((field) => previous[field] === model[field]) &&
      previous.phase !== 'UNKNOWN' &&
      previous.phase === phaseAt(model, this.t)
    );
  }

  private absent(previous: TrackedModel, shrink: Shrink): TrackedModel {
    if (previous.removedAt !== null) return previous;
    // End of life follows the dates, listed or not; a model gone after its EOL is simply retired.
    if (phaseAt(previous, this.t) === 'EOL')
      return this.evolve(previous, { ...previous, listed: false }, true);
    if (shrink === 'empty') return this.evolve(previous, previous, false);
    const missing: TrackedModel = {
      ...previous,
      listed: false,
      missingRuns: previous.missingRuns + 1,
      missingSince: previous.missingSince ?? this.observedAt,
    };
    const needed = shrink === 'suspicious' ? ABSENT_RUNS_AFTER_SHRINK : ABSENT_RUNS_BEFORE_REMOVAL;
    if (missing.missingRuns < needed) return this.evolve(previous, missing, false);
    this.emit(missing, {
      kind: 'MODEL_REMOVED',
      severity: 'critical',
      phase: missing.phase,
      previousPhase: previous.phase,
      condition: [missing.missingSince],
    });
    return { ...missing, removedAt: this.observedAt };
  }

  /** Moves a known model to its phase at t, raising every change on the way. */
  private evolve(previous: TrackedModel, next: TrackedModel, vanished: boolean): TrackedModel {
    const phase = phaseAt(next, this.t);
    const evolved: TrackedModel = { ...next, phase, knownPhase: knownPhaseOf(phase) ?? previous.knownPhase };
    this.warnIfUnknown(evolved);
    this.reportOddStatus(previous, evolved);
    // A record without a lifecycle says nothing about the schedule; an odd status still does.
    if (previous.status !== null && evolved.status !== null) {
      const advanced = phase !== 'UNKNOWN' && phaseRank(phase) > phaseRank(previous.knownPhase ?? 'ACTIVE');
      this.datesChanged(previous, evolved, advanced);
    }
    if (phase !== 'UNKNOWN') this.transitions(previous, evolved, phase, vanished);
    return this.remind(evolved);
  }

  /**
   * New or moved dates. Dates that appear where there were none are an announcement (warning),
   * unless the phase change they come with says it already. A moved date is a change: a warning
   * when it moved earlier or came with a new date, a critical correction when it takes a model back
   * from its end of life, and info otherwise.
   */
  private datesChanged(previous: TrackedModel, next: TrackedModel, advanced: boolean): void {
    const added = addedDates(previous, next);
    const moved = DATE_FIELDS.filter((f) => previous[f] !== null && previous[f] !== next[f]);
    if (added.length === 0 && moved.length === 0) return;
    const before = datesOf(previous);
    const condition = [...Object.values(before), ...Object.values(datesOf(next))];
    if (moved.length === 0) {
      if (advanced) return;
      this.emit(next, {
        kind: 'LIFECYCLE_ANNOUNCED',
        severity: 'warning',
        phase: next.phase,
        previousPhase: previous.phase,
        condition,
        previousDates: before,
      });
      return;
    }
    const postponed = previous.phase === 'EOL' && next.phase !== 'EOL';
    this.emit(next, {
      kind: 'LIFECYCLE_DATES_CHANGED',
      severity: postponed
        ? 'critical'
        : movedEarlier(previous, next) || added.length > 0
          ? 'warning'
          : 'info',
      phase: next.phase,
      previousPhase: previous.phase,
      condition,
      previousDates: before,
      ...(postponed ? { corrects: 'MODEL_EOL' as const } : {}),
    });
  }

  private transitions(
    previous: TrackedModel,
    next: TrackedModel,
    phase: KnownPhase,
    vanished: boolean,
  ): void {
    const from: KnownPhase = previous.knownPhase ?? 'ACTIVE';
    if (phaseRank(phase) < phaseRank(from)) {
      if (phase === 'ACTIVE') {
        const retired = from === 'EOL';
        this.emit(next, {
          kind: 'MODEL_REACTIVATED',
          severity: retired ? 'critical' : 'info',
          phase,
          previousPhase: from,
          condition: [from, ...Object.values(datesOf(previous))],
          ...(retired ? { corrects: 'MODEL_EOL' as const } : {}),
        });
      }
      return;
    }
    // A model whose phase was never known (an odd status) reaches its end of life by date alone.
    const steps =
      previous.knownPhase === null && phase === 'EOL'
        ? (['EOL'] as const)
        : this.entered(from, phase, next, vanished);
    let before: Phase = previous.knownPhase ?? previous.phase;
    for (const entered of steps) {
      const [kind, severity] = TRANSITION_KIND[entered];
      this.emit(next, {
        kind,
        severity,
        phase: entered,
        previousPhase: before,
        condition: [next[TRANSITION_DATE[entered]]],
      });
      before = entered;
    }
  }

  /** The phases a model entered between two runs, in order; phases it skipped count as entered. */
  private entered(
    from: KnownPhase,
    to: KnownPhase,
    model: TrackedModel,
    vanished: boolean,
  ): Exclude<KnownPhase, 'ACTIVE'>[] {
    if (phaseRank(to) <= phaseRank(from)) return [];
    if (vanished && to === 'EOL') return ['EOL'];
    const extendedAccessPassed =
      model.publicExtendedAccessTime !== null &&
      this.t.getTime() >= Date.parse(model.publicExtendedAccessTime);
    const steps: Exclude<KnownPhase, 'ACTIVE'>[] = [];
    if (phaseRank(from) < phaseRank('LEGACY')) steps.push('LEGACY');
    if (
      phaseRank(from) < phaseRank('EXTENDED_ACCESS') &&
      (to === 'EXTENDED_ACCESS' || (to === 'EOL' && extendedAccessPassed))
    ) {
      steps.push('EXTENDED_ACCESS');
    }
    if (to === 'EOL') steps.push('EOL');
    return steps;
  }

  /**
   * Sends the deadline reminders that are due and records them: a model's dates count whatever its
   * status says. Becoming Legacy breaks no call, so its reminders stay warnings.
   */
  private remind(model: TrackedModel): TrackedModel {
    // A record without a lifecycle has no dates: keep what was sent until it is readable again.
    if (model.status === null) return model;
    const { due, notified } = dueDeadlines(model, model.notified, this.t, this.thresholds);
    for (const crossing of due) {
      const urgent = crossing.deadline !== 'LEGACY' && crossing.daysRemaining <= CRITICAL_WITHIN_DAYS;
      this.emit(model, {
        kind: 'DEADLINE_APPROACHING',
        severity: urgent ? 'critical' : 'warning',
        phase: model.phase,
        previousPhase: null,
        condition: [crossing.deadline, crossing.date, crossing.thresholdDays],
        deadline: crossing.deadline,
        thresholdDays: crossing.thresholdDays,
        daysRemaining: crossing.daysRemaining,
      });
    }
    return { ...model, notified };
  }

  /** A status Bedrock does not document, reported once per status it takes. */
  private reportOddStatus(previous: TrackedModel | undefined, model: TrackedModel): void {
    if (!oddStatus(model) || previous?.status === model.status) return;
    this.emit(model, {
      kind: 'STATUS_UNRECOGNISED',
      severity: 'warning',
      phase: model.phase,
      previousPhase: previous?.phase ?? null,
      condition: [model.status],
    });
  }

  private warnIfUnknown(model: TrackedModel): void {
    if (model.phase !== 'UNKNOWN') return;
    const status = model.status === null ? 'no modelLifecycle' : `lifecycle status "${model.status}"`;
    this.warnings.push(`${this.region}: ${model.modelId} has ${status}; its phase is UNKNOWN`);
  }

  private emit(model: TrackedModel, spec: EventSpec): void {
    const needsReplacement =
      spec.kind === 'MODEL_REMOVED' || NEEDS_REPLACEMENT.has(spec.phase) || hasDates(model);
    const { candidates, scope } = needsReplacement ? this.replacements(model) : NO_REPLACEMENTS;
    this.events.push(
      lifecycleEvent(this.region, model, this.observedAt, {
        ...spec,
        replacementCandidates: candidates,
        replacementScope: scope,
      }),
    );
  }
}

const byModelId = (a: TrackedModel, b: TrackedModel): number =>
  a.modelId < b.modelId ? -1 : a.modelId > b.modelId ? 1 : 0;

/** The catalog a region lists, as the monitor believes it: the content of a snapshot. */
export const catalogOf = (state: RegionState): CatalogModel[] =>
  state.models.filter((m) => m.listed).map(catalogFields);

/** Diffs one region's listing at t against its stored state. Pure: no I/O, no clock. */
export function diffRegion(input: DiffInput): DiffResult {
  const diff = new RegionDiff(
    input.region,
    input.t,
    input.thresholds,
    replacementFinder(input.listing, input.t),
    input.details ?? new Map(),
  );
  const models = (
    input.previous === undefined ? diff.baseline(input.listing) : diff.compare(input.previous, input.listing)
  ).sort(byModelId);
  const state: RegionState = { region: input.region, observedAt: diff.observedAt, models };
  const previous = input.previous;
  const stateChanged = previous === undefined || !sameJson(previous.models, models);
  return {
    state,
    events: diff.events,
    warnings: diff.warnings,
    stateChanged,
    // The catalog is part of the state: an unchanged state has an unchanged catalog.
    catalogChanged:
      previous === undefined || (stateChanged && !sameJson(catalogOf(previous), catalogOf(state))),
    baseline: previous === undefined ? baselineOf(state) : null,
  };
}

function baselineOf(state: RegionState): RegionBaseline {
  const phases: Partial<Record<Phase, number>> = {};
  for (const model of state.models) phases[model.phase] = (phases[model.phase] ?? 0) + 1;
  return { region: state.region, modelCount: state.models.length, phases };
}
