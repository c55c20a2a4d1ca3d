import { DEFAULTS } from '../contract/settings';
import { diffRegion } from '../lambda/domain/diff';
import type { LifecycleEvent } from '../lambda/domain/events';
import type { RegionState } from '../lambda/domain/model';
import { normalizeListing } from '../lambda/domain/normalize-listing';
import { type PlannedAlert, planAlerts } from '../lambda/messages/alert-plan';
import type { RenderContext } from '../lambda/messages/content';
import { type ScheduledModel, summaryAt } from './bedrock-stand-in';
import { CATALOG } from './fixtures/catalog';

export const EXAMPLE_CONTEXT: RenderContext = {
  tableName: 'BedrockLifecycleMonitor-MonitorHistoryEBB0A023-1A2B3C4D5E6F',
  tableRegion: 'us-east-1',
};

/**
 * The monitor's pure pipeline over simulated time, with no AWS: each region's listing is what the
 * Bedrock stand-in would serve at that time (real API shape, normalised as in production), diffed
 * against the previous run's state and planned into alerts. Returns the alerts of each run.
 */
export function simulateRuns(
  regions: readonly string[],
  times: readonly string[],
  models: readonly ScheduledModel[] = CATALOG,
  context: RenderContext = EXAMPLE_CONTEXT,
  /** Records listed verbatim after the scheduled ones, per region, as the stand-in's `extra`. */
  extra: Readonly<Record<string, readonly unknown[]>> = {},
  /** Adds usage to a run's events, as the monitor does before planning its alerts. */
  usage: (events: LifecycleEvent[], time: string) => LifecycleEvent[] = (events) => events,
): PlannedAlert[][] {
  const states = new Map<string, RegionState>();
  return times.map((time) => {
    const t = new Date(time);
    const diffs = regions.map((region) => {
      const summaries = [
        ...models.flatMap((m) => summaryAt(m, region, time) ?? []),
        ...(extra[region] ?? []),
      ];
      const diff = diffRegion({
        region,
        previous: states.get(region),
        listing: normalizeListing(region, summaries).models,
        t,
        thresholds: DEFAULTS.deadlineDays,
      });
      states.set(region, diff.state);
      return diff;
    });
    return planAlerts(
      usage(
        diffs.flatMap((d) => d.events),
        time,
      ),
      diffs.flatMap((d) => (d.baseline ? [d.baseline] : [])),
      { observedAt: t.toISOString(), runId: 'simulated' },
      context,
    );
  });
}
