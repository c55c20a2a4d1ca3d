import type { UnreadAccounts } from '../../lambda/domain/routes';
import type { RunMetrics } from '../../lambda/ports';

/** RunMetrics that keep what they were told, for use-case tests. */
export function recordingMetrics(): RunMetrics & {
  succeeded: number;
  failedRegions: (readonly string[])[];
  failedAccounts: UnreadAccounts[];
  delivered: [number, number][];
} {
  const recorded = {
    succeeded: 0,
    failedRegions: [] as (readonly string[])[],
    failedAccounts: [] as UnreadAccounts[],
    delivered: [] as [number, number][],
    runSucceeded() {
      recorded.succeeded++;
    },
    regionsListed(failedRegions: readonly string[]) {
      recorded.failedRegions.push(failedRegions);
    },
    usageAccountsFailed(failedAccounts: UnreadAccounts) {
      recorded.failedAccounts.push(failedAccounts);
    },
    alertsDelivered(published: number, pending: number) {
      recorded.delivered.push([published, pending]);
    },
  };
  return recorded;
}
