import type { ModelPrice } from '../../contract/model-prices';
import type { RouteRule } from '../../contract/routes';
import { withCost } from '../domain/cost';
import { type DiffResult, diffRegion } from '../domain/diff';
import type { LifecycleEvent } from '../domain/events';
import type { CatalogModel, RegionBaseline, RegionState } from '../domain/model';
import { callableCandidates } from '../domain/replacements';
import { routeMatches, type UnreadAccounts } from '../domain/routes';
import { type UsageOptions, wantedModels, withUsage } from '../domain/usage';
import { type PlannedAlert, planAlerts, type RunKey } from '../messages/alert-plan';
import { planBusAlerts } from '../messages/bus-events';
import type { RenderContext } from '../messages/content';
import type {
  CatalogListing,
  Cursor,
  EventBus,
  LifecycleStore,
  Log,
  ModelCatalog,
  Notifier,
  RunMetrics,
} from '../ports';
import { type CompletedListing, completeListing } from './complete-listing';
import { type Delivery, deliver } from './deliver-alerts';
import { describeError } from './describe-error';
import { lookupPrices, type PricePorts } from './lookup-prices';
import { lookupUsage, type UsageLookup, type UsagePorts } from './lookup-usage';
import { mapConcurrent } from './map-concurrent';

export interface MonitorSettings {
  readonly regions: readonly string[];
  readonly deadlineDays: readonly number[];
  /** Regions listed at once. */
  readonly regionConcurrency: number;
  /** How long a claim on an alert blocks other runs from publishing it. */
  readonly claimLeaseMs: number;
  readonly render: RenderContext;
  /**
   * How usage is read and what it changes: the lookback, `alertOn`, the watch list, and how many
   * accounts are read at once and for how long.
   */
  readonly usage: UsageOptions &
    Pick<UsageLookup, 'lookbackDays' | 'accountConcurrency' | 'accountTimeoutMs' | 'usageTimeoutMs'>;
  /** Each route's rule: its topic gets the matching changes, besides the alert topic getting all. */
  readonly routes: readonly RouteRule[];
  /** The team's prices (`modelPrices`), the first source of what a model costs. */
  readonly modelPrices: readonly ModelPrice[];
  /** How long reading the published prices may take, all models together. */
  readonly priceTimeoutMs: number;
}

export interface MonitorPorts extends Omit<UsagePorts, 'log'>, Omit<PricePorts, 'log'> {
  readonly catalog: ModelCatalog;
  readonly store: LifecycleStore;
  readonly notifier: Notifier;
  readonly log: Log;
  readonly metrics: RunMetrics;
  /** Wall clock, for claims only; lifecycle logic uses the observation time. */
  readonly clock: () => Date;
  /** Identifies this invocation in alert claims. */
  readonly runId: string;
  /** Where one event per change goes; absent with `eventBus: none`. */
  readonly bus?: EventBus;
}

export interface RegionOutcome {
  readonly region: string;
  readonly status: 'baseline' | 'ok' | 'failed';
  readonly models?: number;
  readonly events?: number;
  readonly error?: string;
}

export interface RunResult {
  readonly observedAt: string;
  /** committed: this run's state is stored; retry: the time was already committed; superseded: another run committed first. */
  readonly outcome: 'committed' | 'retry' | 'superseded' | 'failed';
  readonly regions: readonly RegionOutcome[];
  readonly failedRegions: readonly string[];
  readonly events: number;
  readonly delivered: readonly string[];
  readonly undelivered: readonly string[];
}

/** Thrown after a run that could not finish its job, so the invocation fails visibly. */
export class RunFailedError extends Error {
  constructor(
    message: string,
    readonly result: RunResult,
  ) {
    super(message);
    this.name = 'RunFailedError';
  }
}

type Listed =
  | { region: string; diff: DiffResult; listing: readonly CatalogModel[] }
  | { region: string; error: string };

/**
 * One monitoring run at observation time t.
 *
 * 1. Load the cursor and every configured region's state in one read, while listing every region:
 *    the read does not depend on the listings, so it happens behind Bedrock's latency.
 * 2. A run not newer than the last commit is a retry: it only delivers what is still pending.
 * 3. A region that could not be listed is reported and left untouched.
 * 4. Diff each listed region against its stored state.
 * 5. Read how much the accounts call the models with events, then plan the alerts (models in use
 *    first), for the alert topic and each route, and commit them with the states, if no other run
 *    got there first.
 * 6. Deliver every pending alert: this run's and any an earlier run could not send.
 * 7. Fail the invocation if a region that has never been listed could not be listed now.
 */
export async function runMonitor(
  t: Date,
  settings: MonitorSettings,
  ports: MonitorPorts,
): Promise<RunResult> {
  const { store, log } = ports;
  const observedAt = t.toISOString();

  // 1. The read does not depend on the listings, so it runs while Bedrock answers, and each region
  // is compared as soon as both its listing and the stored states are in.
  const loading = store.load(settings.regions);
  const isRetry = (cursor: Cursor) =>
    cursor.observedAt !== null && Date.parse(cursor.observedAt) >= t.getTime();
  const listing = mapConcurrent(settings.regions, settings.regionConcurrency, async (region) => {
    const listed = await listRegion(region, ports);
    if ('error' in listed) return listed;
    const { cursor, regions } = await loading;
    if (isRetry(cursor)) return null;
    const previous = regions.get(region);
    const completed = await completeListing(region, listed.models, previous, ports);
    return diffListed(region, completed, previous, t, settings.deadlineDays, log);
  });
  // Both are awaited below, in an order that depends on the read; this only keeps a failure of one
  // while the other is awaited from counting as an unhandled rejection.
  loading.catch(() => undefined);
  listing.catch(() => undefined);
  const stored = await loading;
  const { cursor } = stored;

  // 2.
  if (isRetry(cursor)) {
    await listing;
    log.info('Observation time already committed: delivering pending alerts only', {
      observedAt,
      committedAt: cursor.observedAt,
    });
    return finish(
      { observedAt, outcome: 'retry', regions: [], failedRegions: [], events: 0 },
      await deliver(cursor, [], settings, ports),
      ports,
    );
  }

  // 3. and 4.
  const listed = (await listing).filter((l): l is Listed => l !== null);
  const diffs = listed.flatMap((l) => ('diff' in l ? [l.diff] : []));
  const regions: RegionOutcome[] = listed.map((l) =>
    'diff' in l
      ? {
          region: l.region,
          status: stored.regions.has(l.region) ? 'ok' : 'baseline',
          models: l.diff.state.models.filter((m) => m.listed).length,
          events: l.diff.events.length,
        }
      : { region: l.region, status: 'failed', error: l.error },
  );
  const failedRegions = regions.filter((r) => r.status === 'failed').map((r) => r.region);
  ports.metrics.regionsListed(failedRegions);
  const summary = { observedAt, regions, failedRegions };

  if (diffs.length === 0) {
    const delivery = await deliver(cursor, [], settings, ports);
    throw new RunFailedError(
      `All ${settings.regions.length} regions failed: ${failedRegions.join(', ')}`,
      finish({ ...summary, outcome: 'failed', events: 0 }, delivery, ports),
    );
  }

  // 5. Usage is read only when there is something to say about a model, so a quiet run stays at
  // one Bedrock call per region.
  const changes = diffs.flatMap((d) => d.events);
  const listings = new Map(listed.flatMap((l) => ('diff' in l ? [[l.region, l.listing] as const] : [])));
  const { events, unread } = await enrichEvents(changes, listings, t, settings, ports);
  const baselines = diffs.flatMap((d) => (d.baseline ? [d.baseline] : []));
  const alerts = planAllAlerts(
    events,
    baselines,
    { observedAt, runId: ports.runId },
    unread,
    settings,
    ports,
  );
  const outcome = await store.commit({
    expectedVersion: cursor.version,
    observedAt,
    states: diffs.filter((d) => d.stateChanged).map((d) => d.state),
    snapshots: diffs.filter((d) => d.catalogChanged).map((d) => d.state),
    alerts,
  });
  if (outcome === 'superseded') {
    log.warn('Another run committed first; this run delivers pending alerts only', { observedAt });
    const latest = await store.load([]);
    return finish(
      { ...summary, outcome, events: 0 },
      await deliver(latest.cursor, [], settings, ports),
      ports,
    );
  }
  log.info('Run committed', { observedAt, events: events.length, alerts: alerts.length });

  // 6.
  const result = finish(
    { ...summary, outcome, events: events.length },
    await deliver(cursor, alerts, settings, ports),
    ports,
  );
  // 7. A region never listed yet that fails is most likely a misnamed region, or one without
  // Bedrock: the others are committed and alerted, and the invocation fails, so the errors alarm
  // speaks on the first run instead of the region-failing alarm on the third.
  const neverListed = failedRegions.filter((region) => !stored.regions.has(region));
  if (neverListed.length > 0) {
    throw new RunFailedError(
      `${neverListed.join(', ')} could not be listed and never has been: check the region name, and that Bedrock is offered there`,
      result,
    );
  }
  return result;
}

/** One region's listing, or why it could not be had. */
async function listRegion(
  region: string,
  { catalog, log }: Pick<MonitorPorts, 'catalog' | 'log'>,
): Promise<{ region: string; models: CatalogListing['models'] } | { region: string; error: string }> {
  try {
    const listing = await catalog.list(region);
    for (const warning of listing.warnings) log.warn(warning, { region });
    return { region, models: listing.models };
  } catch (error) {
    return regionFailed(region, error, log);
  }
}

/** A listed region compared with its stored state; a comparison that throws fails only that region. */
function diffListed(
  region: string,
  listed: CompletedListing,
  previous: RegionState | undefined,
  t: Date,
  thresholds: readonly number[],
  log: Log,
): Listed {
  try {
    const diff = diffRegion({
      region,
      previous,
      listing: listed.models,
      details: listed.details,
      t,
      thresholds,
    });
    for (const warning of diff.warnings) log.warn(warning, { region });
    return { region, diff, listing: listed.models };
  } catch (error) {
    return regionFailed(region, error, log);
  }
}

function regionFailed(region: string, error: unknown, log: Log): { region: string; error: string } {
  log.error('Region failed; its state is left as it was', { region, error: describeError(error) });
  return { region, error: describeError(error) };
}

function finish(
  result: Omit<RunResult, 'delivered' | 'undelivered'>,
  delivery: Delivery,
  { log, metrics }: Pick<MonitorPorts, 'log' | 'metrics'>,
): RunResult {
  const full: RunResult = { ...result, ...delivery };
  metrics.alertsDelivered(delivery.delivered.length, delivery.undelivered.length);
  if (delivery.undelivered.length > 0) {
    throw new RunFailedError(
      `${delivery.undelivered.length} alert(s) could not be published and stay pending: ${delivery.undelivered.join(', ')}`,
      full,
    );
  }
  log.info('Run finished', { ...full });
  if (full.outcome !== 'failed') metrics.runSucceeded();
  return full;
}

/**
 * What is known of the events' models, added before the alerts are planned: their use (read only
 * when there are events, so a quiet run stays at one Bedrock call per region), their prices once
 * their tokens are known, and replacement candidates callable as written, now that the profiles
 * are read. Returns the accounts whose usage could not be read, which routes need.
 */
export async function enrichEvents(
  changes: readonly LifecycleEvent[],
  listings: ReadonlyMap<string, readonly CatalogModel[]>,
  t: Date,
  settings: MonitorSettings,
  ports: MonitorPorts,
): Promise<{ events: LifecycleEvent[]; unread: UnreadAccounts }> {
  const lookup =
    changes.length === 0
      ? null
      : await lookupUsage(
          wantedModels(changes),
          { ...settings.usage, regions: settings.regions, t, regionConcurrency: settings.regionConcurrency },
          ports,
        );
  if (lookup?.failedAccounts) ports.metrics.usageAccountsFailed(lookup.failedAccounts);
  const usage = lookup?.report ?? null;
  const used = usage === null ? [...changes] : withUsage(changes, usage, settings.usage);
  const published = await lookupPrices(used, settings.modelPrices, t, settings.priceTimeoutMs, ports);
  const events = callableCandidates(
    withCost(used, settings.modelPrices, published),
    (region) => listings.get(region) ?? [],
    (region) => usage?.profiles.get(region) ?? [],
  );
  return { events, unread: lookup?.failedAccounts ?? [] };
}

/**
 * The alerts of some events: the alert topic's, each route's (planned from its own events, so they
 * are whole digests of their own) and the event bus's.
 */
export function planAllAlerts(
  events: readonly LifecycleEvent[],
  baselines: readonly RegionBaseline[],
  key: RunKey,
  unread: UnreadAccounts,
  settings: Pick<MonitorSettings, 'routes' | 'render'>,
  ports: Pick<MonitorPorts, 'bus'>,
): PlannedAlert[] {
  return [
    ...planAlerts(events, baselines, key, settings.render),
    ...settings.routes.flatMap((route) =>
      planAlerts(
        events.filter((event) => routeMatches(route, event, unread)),
        [],
        { ...key, route: route.name },
        settings.render,
      ),
    ),
    ...(ports.bus ? planBusAlerts(events, key) : []),
  ];
}
