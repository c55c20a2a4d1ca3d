import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { METRICS } from '../../contract/metrics';
import type { UnreadAccounts } from '../domain/routes';
import type { RunMetrics } from '../ports';

/** Run metrics as CloudWatch embedded-metric-format lines, through Powertools Metrics. */
export class PowertoolsRunMetrics implements RunMetrics {
  constructor(private readonly metrics: Metrics) {}

  runSucceeded(): void {
    this.metrics.addMetric(METRICS.successfulRuns, MetricUnit.Count, 1);
  }

  regionsListed(failedRegions: readonly string[]): void {
    this.metrics.addMetric(METRICS.regionsFailed, MetricUnit.Count, failedRegions.length);
    if (failedRegions.length > 0) this.metrics.addMetadata(METRICS.failedRegions, failedRegions.join(','));
  }

  usageAccountsFailed(failedAccounts: UnreadAccounts): void {
    // Accounts that could not be listed are unknown in number: at least one, and the alarm must see it.
    const count = failedAccounts === 'all' ? 1 : failedAccounts.length;
    this.metrics.addMetric(METRICS.usageAccountsFailed, MetricUnit.Count, count);
    if (count > 0) {
      this.metrics.addMetadata(
        METRICS.failedAccounts,
        failedAccounts === 'all' ? 'all: the accounts could not be listed' : failedAccounts.join(','),
      );
    }
  }

  alertsDelivered(published: number, pending: number): void {
    this.metrics.addMetric(METRICS.alertsPublished, MetricUnit.Count, published);
    this.metrics.addMetric(METRICS.alertsPending, MetricUnit.Count, pending);
  }
}
