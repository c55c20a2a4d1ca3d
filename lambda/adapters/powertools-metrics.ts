import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { METRICS } from '../metrics-contract';
import type { RunMetrics } from '../ports';

/** Run metrics as CloudWatch embedded-metric-format lines, through Powertools Metrics. */
export class PowertoolsRunMetrics implements RunMetrics {
  constructor(private readonly metrics: Metrics) {}

  runSucceeded(): void {
    this.metrics.addMetric(METRICS.successfulRuns, MetricUnit.Count, 1);
  }

  regionListed(region: string, failed: boolean): void {
    // One metric per region, each with its own Region dimension.
    const single = this.metrics.singleMetric();
    single.addDimension(METRICS.dimensions.region, region);
    single.addMetric(METRICS.regionFailed, MetricUnit.Count, failed ? 1 : 0);
  }

  alertsDelivered(published: number, pending: number): void {
    this.metrics.addMetric(METRICS.alertsPublished, MetricUnit.Count, published);
    this.metrics.addMetric(METRICS.alertsPending, MetricUnit.Count, pending);
  }
}
