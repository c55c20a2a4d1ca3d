import { CRITICAL_WITHIN_DAYS } from './diff';
import { type LifecycleEvent, lifecycleEvent, type Severity } from './events';
import type { HealthNotice } from './health-notice';
import { type CatalogModel, DAY_MS, type TrackedModel } from './model';
import type { NoticeModels } from './notice-models';
import { NO_REPLACEMENTS, replacementFinder } from './replacements';
import { firstSighting } from './tracked-model';

/** Words by which a notice speaks of a model's end, in AWS's notices and in plain English. */
const SPEAKS_OF_END =
  /\b(end[ -]of[ -]life|EOL|retire[sd]?|retirement|deprecat\w*|shut ?down|no longer (?:be )?available)\b/i;

/**
 * Warning, or critical when the notice speaks of an end of life at most CRITICAL_WITHIN_DAYS after
 * its last update: its start time, which for a planned lifecycle event is "the soonest date at which
 * your resources are affected". Told from the notice alone, so every try at one version of it plans
 * the same alert (its id holds the severity); the catalog's own dates bring their reminders anyway.
 */
function severityOf(notice: HealthNotice): Severity {
  const speaks =
    SPEAKS_OF_END.test(notice.description) || /RETIRE|EOL|END_OF_LIFE|DEPRECAT/.test(notice.eventTypeCode);
  if (!speaks || notice.startTime === null) return 'warning';
  const days = (Date.parse(notice.startTime) - Date.parse(notice.lastUpdatedTime)) / DAY_MS;
  return days <= CRITICAL_WITHIN_DAYS ? 'critical' : 'warning';
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
 * hashes the notice's ARN, account and last update: the same version of a notice is the same
 * event, an updated one a new event. Replacements come from each region's stored catalog.
 */
export function noticeEvents(
  notice: HealthNotice,
  found: NoticeModels,
  catalogs: ReadonlyMap<string, readonly CatalogModel[]>,
  t: Date,
): LifecycleEvent[] {
  const { entities: _, ...facts } = notice;
  const finders = new Map<string, ReturnType<typeof replacementFinder>>();
  const finder = (region: string) => {
    const catalog = catalogs.get(region);
    if (!catalog) return () => NO_REPLACEMENTS;
    const made = finders.get(region) ?? replacementFinder(catalog, t);
    finders.set(region, made);
    return made;
  };
  const event = (region: string, model: TrackedModel, listed: boolean): LifecycleEvent => {
    const { candidates, scope } = listed ? finder(region)(model) : NO_REPLACEMENTS;
    return lifecycleEvent(region, model, notice.lastUpdatedTime, {
      kind: 'HEALTH_NOTICE',
      severity: severityOf(notice),
      phase: model.phase,
      previousPhase: null,
      condition: [notice.eventArn, notice.account, notice.lastUpdatedTime],
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
