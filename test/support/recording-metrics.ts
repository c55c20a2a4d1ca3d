import type { RunMetrics } from '../../lambda/ports';

/** RunMetrics that keep what they were told, for use-case tests. */
export function recordingMetrics(): RunMetrics & {
  succeeded: number;
  failedRegions: (readonly string[])[];
  failedAccounts: (readonly string[])[];
  delivered: [number, number][];
} {
  const recorded = {
    succeeded: 0,
    failedRegions: [] as (readonly string[])[],
    failedAccounts: [] as (readonly string[])[],
    delivered: [] as [number, number][],
    runSucceeded() {
      recorded.succeeded++;
    },
    regionsListed(failedRegions: readonly string[]) {
      recorded.failedRegions.push(failedRegions);
    },
    usageAccountsFailed(failedAccounts: readonly string[]) {
      recorded.failedAccounts.push(failedAccounts);
    },
    alertsDelivered(published: number, pending: number) {
      recorded.delivered.push([published, pending]);
    },
  };
  return recorded;
}
