import type { LifecycleEvent } from '../domain/events';
import { DAY_MS } from '../domain/model';
import {
  callsByModel,
  type InferenceProfile,
  type UsageReport,
  usageQueries,
  wantedModels,
} from '../domain/usage';
import type { InvocationMetrics, Log, ProfileCatalog } from '../ports';
import { describeError } from './describe-error';
import { mapConcurrent } from './map-concurrent';

export interface UsagePorts {
  readonly profiles: ProfileCatalog;
  readonly invocations: InvocationMetrics;
  readonly log: Log;
}

/**
 * How much the account called the models these events are about, over the `lookbackDays` before
 * t. Each region is read on its own: its inference profiles, then one GetMetricData call (per 500
 * queries) for the event models listed there and the profiles there that route to any of them.
 * A region whose profiles or metrics cannot be read is reported unknown, with a warning; the run
 * goes on.
 */
export async function lookupUsage(
  events: readonly LifecycleEvent[],
  regions: readonly string[],
  t: Date,
  lookbackDays: number,
  concurrency: number,
  ports: UsagePorts,
): Promise<UsageReport> {
  const wanted = wantedModels(events);
  const from = new Date(t.getTime() - lookbackDays * DAY_MS);
  const unknown: string[] = [];
  const read = async <T>(region: string, what: string, call: () => Promise<T>): Promise<T | null> => {
    try {
      return await call();
    } catch (error) {
      ports.log.warn(`Usage unknown in ${region}: could not read ${what}`, {
        region,
        error: describeError(error),
      });
      unknown.push(region);
      return null;
    }
  };
  const profilesRead = new Map<string, readonly InferenceProfile[]>();
  const answered = await mapConcurrent(regions, concurrency, async (region) => {
    const profiles = await read(region, 'its inference profiles', () => ports.profiles.profiles(region));
    if (profiles !== null) profilesRead.set(region, profiles);
    const queries = usageQueries(region, profiles ?? [], wanted);
    if (queries.length === 0) return [];
    const counts = await read(region, 'its CloudWatch metrics', () =>
      ports.invocations.invocations(
        region,
        queries.map((q) => q.dimension),
        from,
        t,
      ),
    );
    return counts === null
      ? []
      : queries.map((query) => ({ query, calls: counts.get(query.dimension) ?? 0 }));
  });
  return {
    lookbackDays,
    calls: callsByModel(answered.flat()),
    unknownRegions: [...new Set(unknown)].sort(),
    profiles: profilesRead,
  };
}
