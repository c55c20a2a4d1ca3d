import type { RunMetrics } from '../../lambda/ports';

/** RunMetrics that keep what they were told, for use-case tests. */
export function recordingMetrics(): RunMetrics & {
  succeeded: number;
  regions: [string, boolean][];
  delivered: [number, number][];
} {
  const recorded = {
    succeeded: 0,
    regions: [] as [string, boolean][],
    delivered: [] as [number, number][],
    runSucceeded() {
      recorded.succeeded++;
    },
    regionListed(region: string, failed: boolean) {
      recorded.regions.push([region, failed]);
    },
    alertsDelivered(published: number, pending: number) {
      recorded.delivered.push([published, pending]);
    },
  };
  return recorded;
}
