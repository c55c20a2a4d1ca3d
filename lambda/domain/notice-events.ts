import { CRITICAL_WITHIN_DAYS, catalogOf } from './diff';
import { type LifecycleEvent, lifecycleEvent, type Severity } from './events';
import type { HealthNotice } from './health-notice';
import { DAY_MS, type RegionState, type TrackedModel } from './model';
import type { NoticeModels } from './notice-models';
import { NO_REPLACEMENTS, replacementFinder } from './replacements';
import { firstSighting } from './tracked-model';

/** Words by which a notice speaks of a model's end, in AWS's notices and in plain English. */
const SPEAKS_OF_END =
  /\b(end[ -]of[ -]life|EOL|retire[sd]?|retirement|deprecat\w*|shut ?down|no longer (?:be )?available)\b/i;

/**
 * Warning, or critical when the notice speaks of an end of life that is at most CRITICAL_WITHIN_DAYS
 * away (or past): the model's own end of life, or the notice's start time, which for a planned
 * lifecycle event is "the soonest date at which your resources are affected".
 */
function severityOf(notice: HealthNotice, model: TrackedModel | null, t: Date): Severity {
  if (
    !SPEAKS_OF_END.test(notice.description) &&
    !/RETIRE|EOL|END_OF_LIFE|DEPRECAT/.test(notice.eventTypeCode)
  ) {
    return 'warning';
  }
  const dates = [model?.endOfLifeTime ?? null, notice.startTime].flatMap((d) =>
    d === null ? [] : [Date.parse(d)],
  );
  return dates.some((date) => (date - t.getTime()) / DAY_MS <= CRITICAL_WITHIN_DAYS) ? 'critical' : 'warning';
}

/** A model the catalog does not list where the notice applies: known by the id AWS gave, nothing else. */
const namedOnly = (modelId: string, t: Date): TrackedModel =>
  firstSighting(
    {
      modelId,
      modelArn: '',
      modelName: modelId,
      provider: '',
      status: null,
      startOfLifeTime: null,
      legacyTime: null,
      publicExtendedAccessTime: null,
      endOfLifeTime: null,
    },
    t,
  );

/**
 * One HEALTH_NOTICE event per model and region the notice concerns, told with what the catalog
 * says of the model there (phase, dates, replacements); one per id the catalog does not list there;
 * one naming no model (an empty id) when the notice names none the monitor can identify. The id
 * hashes the notice's ARN and last update: the same version of a notice is the same event, an
 * updated one a new event.
 */
export function noticeEvents(
  notice: HealthNotice,
  found: NoticeModels,
  states: ReadonlyMap<string, RegionState>,
  t: Date,
): LifecycleEvent[] {
  const { entities: _, ...facts } = notice;
  const finders = new Map<string, ReturnType<typeof replacementFinder>>();
  const finder = (region: string) => {
    const state = states.get(region);
    if (!state) return () => NO_REPLACEMENTS;
    const made = finders.get(region) ?? replacementFinder(catalogOf(state), t);
    finders.set(region, made);
    return made;
  };
  const event = (region: string, model: TrackedModel, listed: boolean): LifecycleEvent => {
    const { candidates, scope } = listed ? finder(region)(model) : NO_REPLACEMENTS;
    return lifecycleEvent(region, model, notice.lastUpdatedTime, {
      kind: 'HEALTH_NOTICE',
      severity: severityOf(notice, listed ? model : null, t),
      phase: model.phase,
      previousPhase: null,
      condition: [notice.eventArn, notice.lastUpdatedTime],
      replacementCandidates: candidates,
      replacementScope: scope,
      notice: facts,
    });
  };
  const region = notice.eventRegion ?? 'global';
  const events = [
    ...found.matches.map((match) => event(match.region, match.model, true)),
    ...found.unknownIds.map((id) => event(region, namedOnly(id, t), false)),
  ];
  return events.length > 0 ? events : [event(region, namedOnly('', t), false)];
}
